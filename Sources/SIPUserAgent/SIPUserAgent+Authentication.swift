import SIPCore
import SIPTransaction

/// 401/407 (DESIGN.md): the topmost supported challenge, cached credentials, the
/// question, stale nonces, and never resending credentials that were refused (§22.2).
extension SIPUserAgent {
    mutating func challenged(_ request: ClientRequest, response: SIPMessage, owner: AuthOwner, now: SIPInstant,
                             _ actions: inout [SIPUserAgentAction]) {
        let code = response.statusCode ?? 401
        let headerName = code == 407 ? "Proxy-Authenticate" : "WWW-Authenticate"
        // Each header on its own, so one malformed challenge does not hide a good one.
        let challenges = response.values(headerName).flatMap { (try? AuthChallenge.parseList([$0])) ?? [] }
        let host = request.nextHop.host.lowercased()
        guard let authorizer = DigestAuthorizer.choose(from: challenges) else {
            let offered = challenges.map { "\($0.scheme)\($0.algorithmName.map { " \($0)" } ?? "")" }.joined(separator: ", ")
            authenticationEnded(owner, purpose: request.purpose, code: code, reason: challenges.isEmpty
                ? "\(code) \(response.reasonPhrase ?? "") without a \(headerName) that can be read"
                : "\(code): no challenge Dialtone can answer (offered: \(offered))", &actions)
            return
        }
        let realm = authorizer.realm
        let key = CredentialCache.Key(realm: realm, host: host)
        let rejectionKey = RejectionKey(owner: owner, realm: realm)

        if let source = request.credentialSources[realm] {
            if authorizer.challenge.stale, request.staleRetries < 2, let entry = credentialCache[key] {
                // Right credentials, old nonce: again with the new one, asking nobody.
                retryFromCache(request, entry: entry, authorizer: authorizer, key: key, code: code, owner: owner,
                               source: source == .preemptive ? .cached : source, staleRetries: request.staleRetries + 1, &actions)
                return
            }
            if source == .preemptive, let entry = credentialCache[key] {
                // A reused nonce the server no longer takes: the stored credentials answer
                // the fresh challenge once before anyone is told they are wrong.
                retryFromCache(request, entry: entry, authorizer: authorizer, key: key, code: code, owner: owner,
                               source: .cached, staleRetries: request.staleRetries, &actions)
                return
            }
            // §22.2: they were refused. Never send them again; say so; ask, a bounded number of times.
            credentialCache[key] = nil
            let refused = (rejections[rejectionKey] ?? 0) + 1
            rejections[rejectionKey] = refused
            actions.append(.emit(.authenticationFailed(realm: realm, host: request.nextHop.hostPort, code: code,
                                                       call: owner.call, account: owner.account)))
            if refused >= configuration.authAttempts {
                authenticationEnded(owner, purpose: request.purpose, code: code, reason: "authentication failed for realm \"\(realm)\": credentials refused \(refused) times", &actions)
                return
            }
        } else if let entry = credentialCache[key] {
            retryFromCache(request, entry: entry, authorizer: authorizer, key: key, code: code, owner: owner,
                           source: .cached, staleRetries: request.staleRetries, &actions)
            return
        }
        ask(request, authorizer: authorizer, key: key, code: code, owner: owner, attempt: (rejections[rejectionKey] ?? 0) + 1, now: now, &actions)
    }

    /// Sends `request` again answering the new challenge with stored credentials (its
    /// nonce counted from 1), asking nobody.
    mutating func retryFromCache(_ request: ClientRequest, entry: CredentialCache.Entry, authorizer: DigestAuthorizer,
                                 key: CredentialCache.Key, code: Int, owner: AuthOwner, source: ClientRequest.CredentialSource,
                                 staleRetries: Int, _ actions: inout [SIPUserAgentAction]) {
        var retry = renewed(request, sequence: nextSequence(for: request, owner: owner))
        retry.staleRetries = staleRetries
        retry.credentialSources[key.realm] = source
        credentialCache[key] = CredentialCache.Entry(credentials: entry.credentials, authorizer: authorizer, code: code,
                                                     nonceCount: 0, owner: entry.owner,
                                                     challenged: entry.challenged.merging([request.method: code]) { $1 })
        resend(retry, owner: owner, &actions)
    }

    mutating func ask(_ request: ClientRequest, authorizer: DigestAuthorizer, key: CredentialCache.Key, code: Int, owner: AuthOwner,
                      attempt: Int, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        let id = nextQuestion
        nextQuestion += 1
        questions[id] = .credentials(PendingAuthentication(request: request, authorizer: authorizer, key: key, code: code, owner: owner))
        let accountID: String? = switch owner {
        case let .call(handle): calls[handle]?.account
        case let .account(account): account
        }
        let suggested = account(accountID).flatMap { $0.username(forRealm: key.realm) }
        let question = SIPCredentialsQuestion(
            id: id, realm: key.realm, host: request.nextHop.hostPort, code: code, method: request.method, attempt: attempt,
            suggestedUsername: suggested, call: owner.call, account: owner.account)
        actions.append(.arm(.questionTimeout(id), at: now + configuration.questionTimeout))
        actions.append(.emit(.credentialsNeeded(question)))
    }

    mutating func answerCredentials(_ id: Int, _ answer: SIPCredentialsAnswer?, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard case let .credentials(pending)? = questions[id] else { return }
        guard let answer else {
            cancelQuestion(id, timedOut: false, now: now, &actions)
            return
        }
        questions[id] = nil
        actions.append(.cancel(.questionTimeout(id)))
        credentialCache[pending.key] = CredentialCache.Entry(
            credentials: DigestCredentials(username: answer.username, password: answer.password),
            authorizer: pending.authorizer, code: pending.code, nonceCount: 0,
            owner: answer.remember ? nil : pending.owner,
            challenged: (credentialCache[pending.key]?.challenged ?? [:]).merging([pending.request.method: pending.code]) { $1 })
        var retry = renewed(pending.request, sequence: nextSequence(for: pending.request, owner: pending.owner))
        retry.credentialSources[pending.key.realm] = .asked
        resend(retry, owner: pending.owner, &actions)
    }

    /// A question cancelled by the person (or timed out): the request ends cleanly.
    mutating func cancelQuestion(_ id: Int, timedOut: Bool, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard let question = questions[id] else { return }
        questions[id] = nil
        actions.append(.cancel(.questionTimeout(id)))
        switch question {
        case let .credentials(pending):
            let why = timedOut ? "no credentials given in time" : "no credentials given"
            authenticationEnded(pending.owner, purpose: pending.request.purpose, code: pending.code,
                                reason: "authentication for realm \"\(pending.key.realm)\" at \(pending.request.nextHop.hostPort) not completed: \(why)", &actions)
        case let .redirect(handle, offered):
            end(handle, SIPCallEnd(cause: .redirectFailed, code: offered.first?.code ?? 300,
                                   reason: timedOut ? "no redirect target chosen in time" : "redirect declined"), &actions)
        case let .session(pending):
            // Like a busy UAS (§14.2): the peer may try again later; the session stays as it was.
            calls[pending.call]?.negotiation.question = nil
            actions.append(.respond(pending.server, serverBusy(pending.request)))
            continueNegotiation(pending.call, &actions)
        }
    }

    /// The CSeq a retry of `request` gets: the owner's next number (§8.1.3.5).
    mutating func nextSequence(for request: ClientRequest, owner: AuthOwner) -> UInt32 {
        switch request.purpose {
        case let .invite(handle):
            calls[handle]?.sequence += 1
            return calls[handle]?.sequence ?? (request.message.cseq?.sequence ?? 1) + 1
        case let .bye(handle), let .cancel(handle), let .reinvite(handle):
            calls[handle]?.dialog?.localSequence += 1
            return calls[handle]?.dialog?.localSequence ?? (request.message.cseq?.sequence ?? 1) + 1
        case let .register(account):
            registrations[account]?.sequence += 1
            return registrations[account]?.sequence ?? (request.message.cseq?.sequence ?? 1) + 1
        }
    }

    /// Sends a retry and points its owner at it.
    mutating func resend(_ request: ClientRequest, owner: AuthOwner, _ actions: inout [SIPUserAgentAction]) {
        let id = send(request, &actions)
        switch request.purpose {
        case let .invite(handle):
            calls[handle]?.invite = id
            calls[handle]?.inviteMessage = requests[id]?.message
            calls[handle]?.inviteNextHop = request.nextHop
            calls[handle]?.gotProvisional = false
        case let .bye(handle):
            calls[handle]?.bye = id
        case let .reinvite(handle):
            calls[handle]?.negotiation.outgoing?.request = id
            calls[handle]?.negotiation.outgoing?.message = requests[id]?.message
        case .cancel:
            break
        case let .register(account):
            registrations[account]?.request = id
        }
    }

    /// The challenged request cannot go on: its call ends, or its registration fails; a
    /// re-INVITE only fails (the call stays up with the session it had).
    mutating func authenticationEnded(_ owner: AuthOwner, purpose: ClientRequest.Purpose, code: Int, reason: String,
                                      _ actions: inout [SIPUserAgentAction]) {
        switch owner {
        case let .call(handle):
            guard let call = calls[handle] else { return }
            if case .reinvite = purpose {
                reinviteFailed(handle, code: code, reason: reason, &actions)
            } else if call.dialog != nil {
                // A challenged BYE that cannot be answered still ends the call here.
                end(handle, SIPCallEnd(cause: .normal, code: code, reason: "hung up (\(reason))"), &actions)
            } else {
                end(handle, SIPCallEnd(cause: .authenticationFailed, code: code, reason: reason), &actions)
            }
        case let .account(account):
            registrationFailed(account, code: code, reason: reason, retry: false, &actions)
        }
    }
}

extension AuthOwner {
    var call: SIPCallHandle? { if case let .call(handle) = self { handle } else { nil } }
    var account: String? { if case let .account(id) = self { id } else { nil } }
}

extension SIPURI {
    /// `127.0.0.1:5062`, `pbx.example.test`: how a host is named to a person.
    var hostPort: String {
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return port.map { "\(shownHost):\($0)" } ?? shownHost
    }
}
