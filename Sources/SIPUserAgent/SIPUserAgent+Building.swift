import SIPCore
import SIPTransaction

/// Building requests: identifiers, Via and Contact, next hops, authorization headers.
extension SIPUserAgent {
    static let allowedMethods = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE"

    func hex(_ count: Int) -> String {
        var text = ""
        while text.count < count {
            let word = random()
            text += String(word, radix: 16)
        }
        return String(text.prefix(count))
    }

    func makeTag() -> String { hex(10) }
    func makeCallID() -> String { hex(24) }
    func makeBranch() -> String { "z9hG4bK" + hex(16) }
    func makeCNonce() -> String { hex(16) }

    /// A top Via whose branch is ours; the transport writes the real transport and sent-by.
    func placeholderVia(branch: String) -> String {
        "SIP/2.0/UDP dialtone.invalid;branch=\(branch);rport"
    }

    func account(_ id: String?) -> SIPAccount? {
        if let id { return configuration.accounts.first { $0.id == id } }
        return configuration.accounts.first
    }

    /// Our Contact for an account (or the anonymous identity) over a transport.
    func contactURI(for account: SIPAccount?) -> SIPURI {
        let transport = account?.transport ?? .udp
        let address = configuration.contactAddresses[transport] ?? configuration.contactAddresses[.udp]
        var uri = SIPURI(
            isSecure: false,
            user: account?.addressOfRecord.user ?? configuration.localIdentity.user ?? "dialtone",
            host: address?.host ?? configuration.localIdentity.host,
            port: address?.port ?? configuration.localIdentity.port)
        switch transport {
        case .udp: break
        case .tcp: uri.parameters.set("transport", "tcp")
        case .tls: uri.parameters.set("transport", "tls")
        }
        return uri
    }

    /// Our address on a request: the account's AOR with its display name, or the local identity.
    func localAddress(for account: SIPAccount?, tag: String) -> SIPNameAddress {
        var address = SIPNameAddress(
            displayName: account?.displayName ?? (account == nil ? "Dialtone" : nil),
            uri: .sip(account?.addressOfRecord ?? configuration.localIdentity))
        address.parameters.set("tag", tag)
        return address
    }

    /// Where an out-of-dialog request goes first: the outbound proxy (with a Route to it,
    /// a preloaded route set) or the target; the account's transport applied when the
    /// URI does not choose one.
    func outOfDialogHop(to target: SIPURI, account: SIPAccount?) -> (nextHop: SIPURI, routes: [String]) {
        if let proxy = account?.outboundProxy {
            var route = proxy
            route.parameters.set("lr", nil)
            return (withTransport(proxy, account: account), ["<\(route)>"])
        }
        return (withTransport(target, account: account), [])
    }

    func withTransport(_ uri: SIPURI, account: SIPAccount?) -> SIPURI {
        guard let transport = account?.transport, transport != .udp, !uri.isSecure, uri.transport == nil else { return uri }
        var uri = uri
        uri.parameters.set("transport", transport.rawValue)
        return uri
    }

    /// A contact from a 3xx as a Request-URI: URI headers become header fields (§8.1.3.4,
    /// §19.1.5), except those that would change who the request is from or its identity.
    func requestURIAndHeaders(from contact: SIPURI) -> (SIPURI, [(name: String, value: String)]) {
        var uri = contact
        let forbidden: Set<String> = ["from", "to", "call-id", "cseq", "via", "contact", "route", "record-route",
                                      "max-forwards", "content-length", "content-type", "authorization",
                                      "proxy-authorization", "body"]
        let headers = uri.headers.compactMap { header -> (name: String, value: String)? in
            forbidden.contains(header.name.lowercased()) ? nil : (header.name, header.value)
        }
        uri.headers = []
        uri.parameters.remove("method")
        return (uri, headers)
    }

    /// A request out of any dialog (INVITE, REGISTER), headers in the usual order.
    func outOfDialogRequest(
        _ method: SIPMethod, requestURI: SIPURI, routes: [String], from: SIPNameAddress, to: SIPNameAddress,
        callID: String, sequence: UInt32, contact: String?, extraHeaders: [(name: String, value: String)] = [],
        body: SIPSessionBody?
    ) -> SIPMessage {
        var message = SIPMessage.request(method, uri: requestURI.description)
        message.append("Via", placeholderVia(branch: makeBranch()))
        message.append("Max-Forwards", "70")
        for route in routes { message.append("Route", route) }
        message.append("From", from.description)
        message.append("To", to.description)
        message.append("Call-ID", callID)
        message.append("CSeq", "\(sequence) \(method.rawValue)")
        if let contact { message.append("Contact", contact) }
        message.append("Allow", Self.allowedMethods)
        message.append("User-Agent", configuration.userAgentName)
        for header in extraHeaders { message.append(header.name, header.value) }
        if let body, !body.bytes.isEmpty {
            message.append("Content-Type", body.contentType)
            message.body = body.bytes
        }
        return message
    }

    /// §12.2.1.1: a request inside `dialog` (BYE), with the next CSeq.
    mutating func inDialogRequest(_ method: SIPMethod, dialog: inout SIPDialog, account: SIPAccount?) -> (SIPMessage, SIPURI) {
        dialog.localSequence += 1
        return dialogRequest(method, dialog: dialog, sequence: dialog.localSequence, account: account)
    }

    /// The request with `sequence` in `dialog`: Request-URI, Route, From, To, Call-ID by §12.2.1.1.
    func dialogRequest(_ method: SIPMethod, dialog: SIPDialog, sequence: UInt32, account: SIPAccount?) -> (SIPMessage, SIPURI) {
        let target = dialog.requestTarget
        var message = SIPMessage.request(method, uri: target.requestURI.description)
        message.append("Via", placeholderVia(branch: makeBranch()))
        message.append("Max-Forwards", "70")
        for route in target.routes { message.append("Route", route.description) }
        message.append("From", dialog.localAddress.description)
        message.append("To", dialog.remoteAddress.description)
        message.append("Call-ID", dialog.callID)
        message.append("CSeq", "\(sequence) \(method.rawValue)")
        message.append("User-Agent", configuration.userAgentName)
        return (message, withTransport(target.nextHop, account: account))
    }

    /// Sends a request in a new client transaction, first adding the Authorization
    /// headers the cache has for its next hop (nonce reuse with nc + 1).
    mutating func send(_ request: ClientRequest, _ actions: inout [SIPUserAgentAction]) -> SIPRequestID {
        var request = request
        authorize(&request)
        let id = SIPRequestID(nextRequest)
        nextRequest += 1
        requests[id] = request
        actions.append(.sendRequest(id, request.message, nextHop: request.nextHop))
        return id
    }

    /// Writes Authorization / Proxy-Authorization from the cache for the request's next
    /// hop. Sources already set (a challenge just answered) are kept; others are preemptive.
    mutating func authorize(_ request: inout ClientRequest) {
        request.message.remove("Authorization")
        request.message.remove("Proxy-Authorization")
        let host = request.nextHop.host.lowercased()
        let method = request.method
        let uri = request.message.requestURIText ?? ""
        for key in credentialCache.keys(forHost: host, method: method) {
            guard var entry = credentialCache[key], let authorizer = entry.authorizer else { continue }
            entry.nonceCount += 1
            guard let answer = try? authorizer.answer(
                credentials: entry.credentials, method: method, uri: uri, body: request.message.body,
                nonceCount: entry.nonceCount, cnonce: makeCNonce())
            else { continue }
            credentialCache[key] = entry
            let code = entry.challenged[method] ?? entry.code
            request.message.append(code == 407 ? "Proxy-Authorization" : "Authorization", answer.headerValue)
            if request.credentialSources[key.realm] == nil { request.credentialSources[key.realm] = .preemptive }
        }
    }

    /// The request again with a new branch and the next CSeq (§8.1.3.5, §22.2): for an
    /// authentication retry or a redirect.
    func renewed(_ request: ClientRequest, sequence: UInt32) -> ClientRequest {
        var renewed = request
        renewed.message.set("Via", placeholderVia(branch: makeBranch()))
        renewed.message.set("CSeq", "\(sequence) \(request.method)")
        renewed.credentialSources = [:]
        return renewed
    }

    func explanation(for code: Int) -> String {
        SIPStatusCatalog.entry(for: code)?.meaning ?? ""
    }
}
