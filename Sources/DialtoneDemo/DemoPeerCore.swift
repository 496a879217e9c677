import SIPCore
import SIPTransaction

/// What the demo peer does, without sockets or clocks: a request (with its transaction's
/// key and `now`), an ACK, or a timer firing goes in; responses to send and timers to arm
/// come out. `DemoPeer` runs it on the endpoint's event loop and carries out the actions;
/// tests could drive it alone. Kept sans-IO like the stack under it (DESIGN.md).
struct DemoPeerCore {
    struct Settings: Sendable {
        var numbers: [DemoNumber]
        /// The address in Contact headers and SDP.
        var host: String
        var port: Int
        var ringDuration: Duration
        var nonceLifetime: Duration
        var timerValues: SIPTimerValues
        var minExpires: Int
        var maxExpires: Int
        var mediaPort: Int
    }

    /// A dialog as the peer (the UAS) names it: Call-ID, its own tag, the caller's tag.
    struct DialogID: Hashable, Sendable {
        var callID: String
        var localTag: String
        var remoteTag: String
    }

    enum Timer: Hashable, Sendable {
        /// The ringing INVITE is answered.
        case answer(SIPTransactionKey)
        /// The 2xx is sent again (§13.3.1.4: T1, doubling, capped at T2, until the ACK).
        case retransmit(DialogID)
        /// 64·T1 without an ACK: the dialog ends.
        case noACK(DialogID)
    }

    enum Action: Sendable {
        case respond(SIPTransactionKey, SIPMessage)
        case arm(Timer, after: Duration)
        case cancel(Timer)
        /// A request of the peer's own (the BYE for a 2xx never acknowledged), to `uri`
        /// or through `proxy` (the first of the dialog's route set).
        case send(SIPMessage, uri: SIPURI, proxy: SIPURI?)
    }

    /// How the request came: decides the Contact's transport and whether the 2xx is
    /// retransmitted (only over UDP).
    struct Arrival: Sendable {
        var reliable: Bool
        /// `tcp` for a Contact `;transport=tcp`; nil for UDP.
        var transportParameter: String?
    }

    struct Dialog {
        var remoteCSeq: UInt32
        var awaitingACK: AwaitingACK?
        /// The caller's Contact (§12.1.1), refreshed by a re-INVITE: where a BYE goes.
        var remoteTarget: String?
        /// The Record-Route values of the INVITE, in order (§12.1.1, the UAS side).
        var routeSet: [String] = []
        /// The dialog's To as the peer writes it (with its tag) and the caller's From.
        var local = ""
        var remote = ""
        var localCSeq: UInt32 = 0
    }

    struct AwaitingACK {
        var inviteKey: SIPTransactionKey
        var response: SIPMessage
        var cseq: UInt32
        var interval: Duration
    }

    /// An INVITE between its 180 and its 200 (CANCEL finds it here).
    struct Ringing {
        var request: SIPMessage
        var toTag: String
        var body: String
        var contact: String
        var arrival: Arrival
    }

    struct Nonce {
        var issued: Duration
        var lastCount: UInt32 = 0
    }

    struct Binding {
        var uri: String
        var expiresAt: Duration
    }

    static let allow = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REGISTER"

    var settings: Settings
    var sdp: DemoSDP
    var nonces: [String: Nonce] = [:]
    var ringing: [SIPTransactionKey: Ringing] = [:]
    /// INVITEs answered whose transactions still live: a CANCEL for one gets 200 and
    /// changes nothing (§9.2), rather than 481.
    var answered: Set<SIPTransactionKey> = []
    var dialogs: [DialogID: Dialog] = [:]
    /// Address of record (`user@host`) → its bindings, by contact URI.
    var bindings: [String: [String: Binding]] = [:]
    let opaque: String
    var random = SystemRandomNumberGenerator()

    init(settings: Settings) {
        self.settings = settings
        var random = SystemRandomNumberGenerator()
        self.sdp = DemoSDP(host: settings.host, mediaPort: settings.mediaPort, sessionID: random.next() >> 16)
        self.opaque = Self.hex(random.next())
    }

    static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    mutating func token() -> String { Self.hex(random.next()) }

    // MARK: Requests

    mutating func received(_ request: SIPMessage, key: SIPTransactionKey, arrival: Arrival, now: Duration) -> [Action] {
        guard let method = request.method else { return [] }
        if method == .ack { return receivedACK(request, now: now) }
        if method == .cancel { return cancel(request, key: key) }
        if let toTag = request.to?.tag {
            return inDialog(request, method: method, key: key, toTag: toTag, arrival: arrival)
        }
        switch method {
        case .invite: return invite(request, key: key, arrival: arrival, now: now)
        case .register: return register(request, key: key, now: now)
        case .options:
            guard let user = request.requestURI?.sipURI?.user, number(user) == nil else {
                var ok = response(to: request, 200, toTag: token())
                ok.append("Accept", "application/sdp")
                return [.respond(key, ok)]
            }
            return [.respond(key, notFound(request))]
        case .bye:
            return [.respond(key, response(to: request, 481, toTag: token()))]
        default:
            return [.respond(key, response(to: request, 405, toTag: token()))]
        }
    }

    func number(_ user: String) -> DemoNumber? {
        settings.numbers.first { $0.user == user }
    }

    /// A response with the peer's own headers: Server, Allow on the ones that need it.
    func response(to request: SIPMessage, _ code: Int, reason: String? = nil, toTag: String?) -> SIPMessage {
        var message = SIPMessage.response(to: request, statusCode: code, reasonPhrase: reason, toTag: toTag)
        message.append("Server", "Dialtone demo peer")
        if code == 405 || code == 501 || (code == 200 && request.method == .options) { message.append("Allow", Self.allow) }
        message.append("Content-Length", "0")
        return message
    }

    mutating func notFound(_ request: SIPMessage) -> SIPMessage {
        let choices = settings.numbers.map(\.user).joined(separator: ", ")
        return response(to: request, 404, reason: "Not Found (demo numbers: \(choices))", toTag: token())
    }

    func contact(_ user: String, arrival: Arrival) -> String {
        let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        return "<sip:\(user)@\(host):\(settings.port)\(arrival.transportParameter.map { ";transport=\($0)" } ?? "")>"
    }

    // MARK: INVITE

    mutating func invite(_ request: SIPMessage, key: SIPTransactionKey, arrival: Arrival, now: Duration) -> [Action] {
        guard let user = request.requestURI?.sipURI?.user, let number = number(user) else {
            return [.respond(key, notFound(request))]
        }
        switch number.behaviour {
        case .answer:
            return startRinging(request, key: key, user: user, arrival: arrival)
        case let .redirect(target, code):
            var moved = response(to: request, code, toTag: token())
            moved.append("Contact", contact(target, arrival: arrival))
            return [.respond(key, moved)]
        case .challengeThenAnswer:
            switch checkCredentials(request, realm: DemoPeer.realm, now: now) {
            case .accepted: return startRinging(request, key: key, user: user, arrival: arrival)
            case let .challenge(stale): return [.respond(key, challenge(request, realm: DemoPeer.realm, stale: stale, now: now))]
            }
        case let .reject(code):
            return [.respond(key, response(to: request, code, toTag: token()))]
        }
    }

    /// Our SDP for an INVITE: an offer when it carried none, else the answer to its
    /// offer; nil when the offer has neither PCMU nor PCMA (488).
    mutating func sessionBody(for request: SIPMessage) -> String? {
        if request.bodyCount == 0 { return sdp.offer() }
        return sdp.answer(to: String(decoding: request.body, as: UTF8.self))
    }

    mutating func startRinging(_ request: SIPMessage, key: SIPTransactionKey, user: String, arrival: Arrival) -> [Action] {
        guard let body = sessionBody(for: request) else {
            var refused = response(to: request, 488, toTag: token())
            refused.append("Warning", "304 dialtone-demo \"the demo answers audio with PCMU or PCMA only\"")
            return [.respond(key, refused)]
        }
        let toTag = token()
        let contact = contact(user, arrival: arrival)
        var ringingResponse = response(to: request, 180, toTag: toTag)
        ringingResponse.append("Contact", contact)
        ringing[key] = Ringing(request: request, toTag: toTag, body: body, contact: contact, arrival: arrival)
        return [.respond(key, ringingResponse), .arm(.answer(key), after: settings.ringDuration)]
    }

    /// The 2xx to an INVITE (first or re-INVITE), and its retransmission until the ACK.
    mutating func accept(_ request: SIPMessage, key: SIPTransactionKey, id: DialogID, body: String, contact: String, arrival: Arrival) -> [Action] {
        var ok = SIPMessage.response(to: request, statusCode: 200, toTag: id.localTag)
        ok.append("Server", "Dialtone demo peer")
        ok.append("Contact", contact)
        ok.append("Allow", Self.allow)
        ok.append("Content-Type", "application/sdp")
        let bytes = Array(body.utf8)
        ok.append("Content-Length", String(bytes.count))
        ok.body = bytes
        let cseq = request.cseq?.sequence ?? 0
        answered.insert(key)
        var dialog = dialogs[id] ?? Dialog(remoteCSeq: cseq, routeSet: request.values(.recordRoute),
                                           local: ok.value(.to) ?? "", remote: request.value(.from) ?? "")
        dialog.remoteCSeq = cseq
        if let target = request.contacts.first?.address?.uri.description { dialog.remoteTarget = target }
        dialog.awaitingACK = AwaitingACK(inviteKey: key, response: ok, cseq: cseq, interval: settings.timerValues.t1)
        dialogs[id] = dialog
        var actions: [Action] = [.respond(key, ok), .arm(.noACK(id), after: settings.timerValues.t1 * 64)]
        if !arrival.reliable { actions.append(.arm(.retransmit(id), after: settings.timerValues.t1)) }
        return actions
    }

    mutating func cancel(_ request: SIPMessage, key: SIPTransactionKey) -> [Action] {
        // §9.2: the CANCEL names the INVITE by the same branch and sent-by.
        let inviteKey = SIPTransactionKey(role: .server, method: .invite, branch: key.branch, sentBy: key.sentBy, rfc2543: key.rfc2543)
        guard let pending = ringing.removeValue(forKey: inviteKey) else {
            let code = answered.contains(inviteKey) ? 200 : 481
            return [.respond(key, response(to: request, code, toTag: request.to?.tag == nil ? token() : nil))]
        }
        return [
            .cancel(.answer(inviteKey)),
            .respond(key, response(to: request, 200, toTag: pending.toTag)),
            .respond(inviteKey, response(to: pending.request, 487, toTag: pending.toTag)),
        ]
    }

    mutating func receivedACK(_ ack: SIPMessage, now: Duration) -> [Action] {
        guard let callID = ack.callID, let local = ack.to?.tag, let remote = ack.from?.tag else { return [] }
        let id = DialogID(callID: callID, localTag: local, remoteTag: remote)
        guard let waiting = dialogs[id]?.awaitingACK, ack.cseq?.sequence == waiting.cseq else { return [] }
        dialogs[id]?.awaitingACK = nil
        return [.cancel(.retransmit(id)), .cancel(.noACK(id))]
    }

    // MARK: In a dialog

    mutating func inDialog(_ request: SIPMessage, method: SIPMethod, key: SIPTransactionKey, toTag: String, arrival: Arrival) -> [Action] {
        guard let callID = request.callID, let remote = request.from?.tag,
              let dialog = dialogs[DialogID(callID: callID, localTag: toTag, remoteTag: remote)]
        else {
            return [.respond(key, response(to: request, 481, toTag: nil))]
        }
        let id = DialogID(callID: callID, localTag: toTag, remoteTag: remote)
        let cseq = request.cseq?.sequence ?? 0
        // §12.2.2: a lower CSeq than the last one is out of order.
        if cseq <= dialog.remoteCSeq {
            return [.respond(key, response(to: request, 500, reason: "CSeq Out of Order", toTag: nil))]
        }
        dialogs[id]?.remoteCSeq = cseq
        switch method {
        case .bye:
            dialogs[id] = nil
            return [.cancel(.retransmit(id)), .cancel(.noACK(id)), .respond(key, response(to: request, 200, toTag: nil))]
        case .options:
            var ok = response(to: request, 200, toTag: nil)
            ok.append("Accept", "application/sdp")
            return [.respond(key, ok)]
        case .info:
            return [.respond(key, response(to: request, 200, toTag: nil))]
        case .invite:
            if dialog.awaitingACK != nil {
                // §14.2: an INVITE while the last one's 2xx is unacknowledged.
                var busy = response(to: request, 500, toTag: nil)
                busy.append("Retry-After", "1")
                return [.respond(key, busy)]
            }
            guard let body = sessionBody(for: request) else {
                return [.respond(key, response(to: request, 488, toTag: nil))]
            }
            let user = request.requestURI?.sipURI?.user ?? settings.numbers.first?.user ?? "demo"
            return accept(request, key: key, id: id, body: body, contact: contact(user, arrival: arrival), arrival: arrival)
        default:
            return [.respond(key, response(to: request, 501, toTag: nil))]
        }
    }

    /// The endpoint forgot a transaction: nothing can be said on it any more.
    mutating func transactionEnded(_ key: SIPTransactionKey) {
        answered.remove(key)
    }

    // MARK: Timers

    mutating func fired(_ timer: Timer, now: Duration) -> [Action] {
        switch timer {
        case let .answer(key):
            guard let pending = ringing.removeValue(forKey: key), let callID = pending.request.callID,
                  let remote = pending.request.from?.tag
            else { return [] }
            let id = DialogID(callID: callID, localTag: pending.toTag, remoteTag: remote)
            return accept(pending.request, key: key, id: id, body: pending.body, contact: pending.contact, arrival: pending.arrival)
        case let .retransmit(id):
            guard var waiting = dialogs[id]?.awaitingACK else { return [] }
            waiting.interval = min(waiting.interval * 2, settings.timerValues.t2)
            dialogs[id]?.awaitingACK = waiting
            return [.respond(waiting.inviteKey, waiting.response), .arm(.retransmit(id), after: waiting.interval)]
        case let .noACK(id):
            // §13.3.1.4: no ACK for 64·T1, so the session ends, with a BYE.
            guard let dialog = dialogs[id], dialog.awaitingACK != nil else { return [] }
            dialogs[id] = nil
            var actions: [Action] = [.cancel(.retransmit(id))]
            if let bye = bye(ending: dialog, id: id, reason: "SIP;cause=408;text=\"no ACK for the 200 OK\"") {
                actions.append(bye)
            }
            return actions
        }
    }

    /// A BYE in `dialog` (§15.1.1): to its remote target, along its route set.
    func bye(ending dialog: Dialog, id: DialogID, reason: String) -> Action? {
        guard let targetText = dialog.remoteTarget, let target = try? SIPURI(parsing: targetText) else { return nil }
        var headers = [
            SIPHeaderField(name: "Max-Forwards", value: "70"),
            SIPHeaderField(name: "From", value: dialog.local),
            SIPHeaderField(name: "To", value: dialog.remote),
            SIPHeaderField(name: "Call-ID", value: id.callID),
            SIPHeaderField(name: "CSeq", value: "\(dialog.localCSeq + 1) BYE"),
        ]
        for route in dialog.routeSet { headers.append(SIPHeaderField(name: "Route", value: route)) }
        headers.append(SIPHeaderField(name: "Reason", value: reason))
        headers.append(SIPHeaderField(name: "User-Agent", value: "Dialtone demo peer"))
        headers.append(SIPHeaderField(name: "Content-Length", value: "0"))
        let firstRoute = dialog.routeSet.first.flatMap { try? SIPNameAddress(parsing: $0) }?.uri.sipURI
        return .send(SIPMessage.request(.bye, uri: target.description, headers: headers), uri: target, proxy: firstRoute)
    }

    // MARK: Digest

    enum CredentialCheck: Equatable {
        case accepted
        case challenge(stale: Bool)
    }

    /// RFC 7616 with the demo's one account: a wrong digest gets a new challenge; a right
    /// one with an expired (or unknown, or replayed) nonce gets `stale=true`, so the client
    /// retries without asking its user again.
    mutating func checkCredentials(_ request: SIPMessage, realm: String, now: Duration) -> CredentialCheck {
        guard let method = request.method,
              let answer = request.authorization.first(where: { $0.isDigest && $0.realm == realm })
        else { return .challenge(stale: false) }
        let credentials = DigestCredentials(username: DemoPeer.username, password: DemoPeer.password)
        guard answer.qop == .auth, answer.opaque == opaque || answer.opaque == nil,
              answer.isValid(credentials: credentials, method: method.rawValue, body: request.body)
        else { return .challenge(stale: false) }
        guard let nonce = answer.nonce, let record = nonces[nonce], now - record.issued <= settings.nonceLifetime,
              let count = answer.nonceCount, count > record.lastCount
        else { return .challenge(stale: true) }
        nonces[nonce]?.lastCount = count
        return .accepted
    }

    mutating func challenge(_ request: SIPMessage, realm: String, stale: Bool, now: Duration) -> SIPMessage {
        nonces = nonces.filter { now - $0.value.issued <= settings.nonceLifetime * 4 }
        let nonce = token() + token()
        nonces[nonce] = Nonce(issued: now)
        var message = response(to: request, 401, toTag: token())
        message.append("WWW-Authenticate", "Digest realm=\"\(realm)\", nonce=\"\(nonce)\", opaque=\"\(opaque)\", "
            + "algorithm=MD5, qop=\"auth\"" + (stale ? ", stale=true" : ""))
        return message
    }

    // MARK: REGISTER

    mutating func register(_ request: SIPMessage, key: SIPTransactionKey, now: Duration) -> [Action] {
        // Its own realm: credentials a client keeps for its registration (per realm and
        // host) then do not answer the calls' challenge, so dialling 401 still asks.
        if case let .challenge(stale) = checkCredentials(request, realm: DemoPeer.registrarRealm, now: now) {
            return [.respond(key, challenge(request, realm: DemoPeer.registrarRealm, stale: stale, now: now))]
        }
        guard let to = request.to?.uri.sipURI else {
            return [.respond(key, response(to: request, 400, reason: "Bad Request (no To address)", toTag: token()))]
        }
        let aor = "\(to.user ?? "")@\(to.host)"
        let contacts: [SIPContact]
        do {
            contacts = try request.parsedContacts()
        } catch {
            return [.respond(key, response(to: request, 400, reason: "Bad Request (Contact: \(error.reason))", toTag: token()))]
        }
        var current = (bindings[aor] ?? [:]).filter { $0.value.expiresAt > now }
        let requestExpires = request.expires.map(Int.init)
        if contacts.contains(.wildcard) {
            guard contacts.count == 1, requestExpires == 0 else {
                return [.respond(key, response(to: request, 400, reason: "Bad Request (Contact * needs Expires: 0 and no other Contact)", toTag: token()))]
            }
            current = [:]
        }
        for contact in contacts {
            guard let address = contact.address else { continue }
            let uri = address.uri.description
            let expires = contact.expires.map(Int.init) ?? requestExpires ?? 3600
            if expires == 0 {
                current[uri] = nil
            } else if expires < settings.minExpires {
                var brief = response(to: request, 423, toTag: token())
                brief.append("Min-Expires", String(settings.minExpires))
                return [.respond(key, brief)]
            } else {
                current[uri] = Binding(uri: uri, expiresAt: now + .seconds(min(expires, settings.maxExpires)))
            }
        }
        bindings[aor] = current.isEmpty ? nil : current
        var ok = SIPMessage.response(to: request, statusCode: 200, toTag: token())
        ok.append("Server", "Dialtone demo peer")
        for binding in current.values.sorted(by: { $0.uri < $1.uri }) {
            let remaining = (binding.expiresAt - now).components.seconds
            ok.append("Contact", "<\(binding.uri)>;expires=\(remaining)")
        }
        ok.append("Content-Length", "0")
        return [.respond(key, ok)]
    }
}
