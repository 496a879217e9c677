import SIPCore
import SIPTransaction

/// REGISTER (RFC 3261 §10): bind, refresh before expiry, 423 → Min-Expires, unregister.
extension SIPUserAgent {
    /// Seconds before a binding of `granted` seconds is refreshed: half of a short one,
    /// a minute early for a long one.
    static func refreshDelay(granted: Int) -> Int {
        granted > 120 ? granted - 60 : max(1, granted / 2)
    }

    mutating func register(_ accountID: String, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard let account = account(accountID) else {
            actions.append(.emit(.error("no account named \"\(accountID)\" to register")))
            return
        }
        guard account.registrar != nil else {
            actions.append(.emit(.error("account \"\(accountID)\" has no registrar: nothing to register with")))
            return
        }
        if registrations[accountID] == nil {
            registrations[accountID] = Registration(
                account: account, callID: makeCallID(), fromTag: makeTag(), requestedExpires: account.registerExpires)
        }
        registrations[accountID]?.unregistering = false
        actions.append(.cancel(.registrationRefresh(account: accountID)))
        actions.append(.cancel(.registrationRetry(account: accountID)))
        sendRegister(accountID, expires: nil, now: now, &actions)
    }

    mutating func unregister(_ accountID: String, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard let registration = registrations[accountID] else { return }
        actions.append(.cancel(.registrationRefresh(account: accountID)))
        actions.append(.cancel(.registrationRetry(account: accountID)))
        switch registration.state {
        case .registered, .registering:
            registrations[accountID]?.unregistering = true
            sendRegister(accountID, expires: 0, now: now, &actions)
        case .unregistered, .unregistering, .failed:
            break
        }
    }

    /// One REGISTER: the account's Call-ID, the next CSeq, our Contact, `expires` (nil:
    /// what the account asks, raised by a 423).
    mutating func sendRegister(_ accountID: String, expires: Int?, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard var registration = registrations[accountID], let registrar = registration.account.registrar else { return }
        let account = registration.account
        registration.sequence += 1
        let seconds = expires ?? registration.requestedExpires
        var requestURI = registrar
        requestURI.user = nil
        let hop = account.outboundProxy != nil
            ? outOfDialogHop(to: requestURI, account: account)
            : (nextHop: withTransport(registrar, account: account), routes: [])
        let contact = contactURI(for: account)
        registration.contact = contact
        var from = SIPNameAddress(displayName: account.displayName, uri: .sip(account.addressOfRecord))
        let to = from
        from.parameters.set("tag", registration.fromTag)
        let message = outOfDialogRequest(
            .register, requestURI: requestURI, routes: hop.routes, from: from, to: to, callID: registration.callID,
            sequence: registration.sequence, contact: "<\(contact)>",
            extraHeaders: [("Expires", String(seconds))], body: nil)
        registrations[accountID] = registration
        if seconds == 0 {
            setRegistrationState(accountID, .unregistering, &actions)
        } else if case .registered = registration.state {
            // A refresh: still registered meanwhile.
        } else {
            setRegistrationState(accountID, .registering, &actions)
        }
        let id = send(ClientRequest(purpose: .register(account: accountID), message: message, nextHop: hop.nextHop), &actions)
        registrations[accountID]?.request = id
    }

    mutating func registerOutcome(_ accountID: String, id: SIPRequestID, request: ClientRequest, _ outcome: SIPRequestOutcome,
                                  now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard let registration = registrations[accountID], registration.request == id else { return }
        let unregistering = request.message.expires == 0
        switch outcome {
        case .provisional, .terminated:
            return
        case .timedOut:
            registrations[accountID]?.request = nil
            if unregistering { return finishUnregister(accountID, &actions) }
            registrationFailed(accountID, code: 408, reason: "no answer from the registrar \(request.nextHop.hostPort)", retry: true, &actions)
            actions.append(.arm(.registrationRetry(account: accountID), at: now + .seconds(60)))
        case let .transportError(reason):
            registrations[accountID]?.request = nil
            if unregistering { return finishUnregister(accountID, &actions) }
            registrationFailed(accountID, code: 503, reason: "the registrar \(request.nextHop.hostPort) cannot be reached: \(reason)", retry: true, &actions)
            actions.append(.arm(.registrationRetry(account: accountID), at: now + .seconds(60)))
        case let .final(response):
            registrations[accountID]?.request = nil
            let code = response.statusCode ?? 0
            switch code {
            case 200..<300:
                if unregistering { return finishUnregister(accountID, &actions) }
                let granted = grantedExpires(response, contact: registration.contact, asked: request.message.expires.map(Int.init))
                if granted == 0 {
                    registrationFailed(accountID, code: code, reason: "the registrar accepted the REGISTER but kept no binding for our Contact", retry: false, &actions)
                    return
                }
                // Every 200 is told, refreshes included.
                registrations[accountID]?.state = .registered(expires: granted)
                actions.append(.emit(.registration(account: accountID, .registered(expires: granted))))
                actions.append(.arm(.registrationRefresh(account: accountID), at: now + .seconds(Self.refreshDelay(granted: granted))))
            case 401, 407:
                challenged(request, response: response, owner: .account(accountID), now: now, &actions)
            case 423:
                let asked = Int(request.message.expires ?? 0)
                if let minimum = response.minExpires.map(Int.init), minimum > asked {
                    registrations[accountID]?.requestedExpires = minimum
                    actions.append(.emit(.error("\(accountID): the registrar wants at least \(minimum) s (423 Interval Too Brief); asking for that")))
                    sendRegister(accountID, expires: minimum, now: now, &actions)
                } else {
                    registrationFailed(accountID, code: code, reason: "\(response.reasonPhrase ?? "Interval Too Brief") without a usable Min-Expires", retry: false, &actions)
                }
            default:
                if unregistering { return finishUnregister(accountID, &actions) }
                registrationFailed(accountID, code: code, reason: response.reasonPhrase ?? "", retry: code >= 500, &actions)
                if code >= 500 {
                    let wait = response.retryAfter.map { Int($0.seconds) } ?? 60
                    actions.append(.arm(.registrationRetry(account: accountID), at: now + .seconds(max(1, wait))))
                }
            }
        }
    }

    /// What the registrar granted our binding: our Contact's expires, else the Expires
    /// header, else what we asked (§10.2.4).
    func grantedExpires(_ response: SIPMessage, contact: SIPURI?, asked: Int?) -> Int {
        if let contact {
            for entry in response.contacts {
                if let uri = entry.address?.uri.sipURI, uri.isEquivalent(to: contact) || (uri.user == contact.user && uri.host == contact.host && uri.port == contact.port),
                   let expires = entry.expires {
                    return Int(expires)
                }
            }
        }
        if let expires = response.expires { return Int(expires) }
        return asked ?? 3600
    }

    mutating func finishUnregister(_ accountID: String, _ actions: inout [SIPUserAgentAction]) {
        registrations[accountID]?.unregistering = false
        credentialCache.forget(owner: .account(accountID))
        setRegistrationState(accountID, .unregistered, &actions)
    }

    mutating func registrationFailed(_ accountID: String, code: Int, reason: String, retry: Bool, _ actions: inout [SIPUserAgentAction]) {
        registrations[accountID]?.request = nil
        rejections = rejections.filter { $0.key.owner != .account(accountID) }
        setRegistrationState(accountID, .failed(code: code, reason: reason, explanation: explanation(for: code)), &actions)
    }

    mutating func setRegistrationState(_ accountID: String, _ state: SIPRegistrationState, _ actions: inout [SIPUserAgentAction]) {
        guard registrations[accountID]?.state != state else { return }
        registrations[accountID]?.state = state
        actions.append(.emit(.registration(account: accountID, state)))
    }
}
