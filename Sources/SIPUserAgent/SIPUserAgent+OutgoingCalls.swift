import SIPCore
import SIPTransaction

/// Outgoing calls: the INVITE, its responses, the dialog, CANCEL and BYE.
extension SIPUserAgent {
    mutating func placeCall(to target: SIPURI, account accountID: String?, offer: SIPSessionBody?, now: SIPInstant,
                            _ actions: inout [SIPUserAgentAction]) {
        let handle = SIPCallHandle(nextCall)
        nextCall += 1
        let account = account(accountID)
        let localTag = makeTag()
        let local = localAddress(for: account, tag: localTag)
        let remote = SIPNameAddress(uri: .sip(target))
        var call = Call(
            handle: handle, outgoing: true, account: account?.id, state: .calling, callID: makeCallID(),
            localTag: localTag, localAddress: local, remoteAddress: remote,
            session: offer ?? configuration.defaultSession, dialled: target, target: target,
            targets: RedirectTargetSet(first: target))
        actions.append(.emit(.callStarted(handle, outgoing: true, remote: target, local: account?.addressOfRecord ?? configuration.localIdentity)))
        if let accountID, account == nil {
            calls[handle] = call
            end(handle, SIPCallEnd(cause: .failed, reason: "no account named \"\(accountID)\""), &actions)
            return
        }
        call.sequence = 1
        calls[handle] = call
        actions.append(.emit(.callState(handle, .calling)))
        sendInvite(handle, to: target, &actions)
    }

    /// Sends the call's INVITE to `target` with the call's next CSeq and a new branch:
    /// the first one, or a redirect's (same Call-ID, From with tag, To; §8.1.3.4).
    mutating func sendInvite(_ handle: SIPCallHandle, to target: SIPURI, _ actions: inout [SIPUserAgentAction]) {
        guard var call = calls[handle] else { return }
        let account = account(call.account)
        let (requestURI, uriHeaders) = requestURIAndHeaders(from: target)
        let hop = outOfDialogHop(to: requestURI, account: account)
        let message = outOfDialogRequest(
            .invite, requestURI: requestURI, routes: hop.routes, from: call.localAddress, to: call.remoteAddress,
            callID: call.callID, sequence: call.sequence, contact: "<\(contactURI(for: account))>",
            extraHeaders: uriHeaders, body: call.session)
        call.target = target
        call.gotProvisional = false
        call.cancelSent = false
        calls[handle] = call
        let id = send(ClientRequest(purpose: .invite(handle), message: message, nextHop: hop.nextHop), &actions)
        calls[handle]?.invite = id
        calls[handle]?.inviteMessage = requests[id]?.message
        calls[handle]?.inviteNextHop = hop.nextHop
    }

    mutating func inviteOutcome(_ handle: SIPCallHandle, id: SIPRequestID, request: ClientRequest, _ outcome: SIPRequestOutcome,
                                now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls[handle] else { return }
        // Responses to an INVITE this call has moved on from (a redirect or auth retry
        // went out) matter only when they are 2xx: that dialog must still be ACKed.
        let current = call.invite == id
        switch outcome {
        case let .provisional(response):
            guard current, !call.state.isEnded else { return }
            provisional(handle, response, &actions)
        case let .final(response):
            let code = response.statusCode ?? 0
            if (200..<300).contains(code) {
                if current || call.inviteMessage?.cseq?.sequence == response.cseq?.sequence {
                    inviteSucceeded(handle, response: response, now: now, &actions)
                } else {
                    staleSuccess(handle, invite: request.message, response: response, &actions)
                }
                return
            }
            guard current, !call.state.isEnded else { return }
            calls[handle]?.invite = nil
            inviteFailed(handle, request: request, response: response, now: now, &actions)
        case .timedOut:
            guard current, !call.state.isEnded else { return }
            calls[handle]?.invite = nil
            let end = SIPCallEnd(cause: .unreachable, code: 408, reason: "no answer from \(call.target) (timed out)")
            tryNextTarget(handle, after: end, now: now, &actions)
        case let .transportError(reason):
            guard current, !call.state.isEnded else { return }
            calls[handle]?.invite = nil
            let end = SIPCallEnd(cause: .unreachable, code: 503, reason: "\(call.target) cannot be reached: \(reason)")
            tryNextTarget(handle, after: end, now: now, &actions)
        case .terminated:
            break
        }
    }

    mutating func provisional(_ handle: SIPCallHandle, _ response: SIPMessage, _ actions: inout [SIPUserAgentAction]) {
        guard var call = calls[handle], let code = response.statusCode else { return }
        let hasBody = !response.body.isEmpty
        actions.append(.emit(.provisional(handle, code: code, reason: response.reasonPhrase ?? "", hasBody: hasBody)))
        if hasBody {
            actions.append(.emit(.remoteSession(handle, contentType: response.contentType?.description ?? "application/sdp", body: response.body)))
        }
        let wasFirst = !call.gotProvisional
        call.gotProvisional = true
        if call.cancelWanted {
            calls[handle] = call
            if wasFirst { sendCancel(handle, &actions) }
            return
        }
        let next: SIPCallState
        switch code {
        case 100: next = call.state == .calling ? .trying : call.state
        case 180: next = .ringing
        default: next = (code == 183 || hasBody) ? .early : (call.state == .calling ? .trying : call.state)
        }
        calls[handle] = call
        setState(handle, next, &actions)
    }

    /// A 2xx to the INVITE: the dialog (§12.1.2) and the ACK (§13.2.2.4); again for each
    /// retransmission; a 2xx from a second fork is ACKed and hung up (one call, one dialog).
    mutating func inviteSucceeded(_ handle: SIPCallHandle, response: SIPMessage, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard var call = calls[handle], let invite = call.inviteMessage,
              response.cseq?.sequence == invite.cseq?.sequence
        else { return }
        if let dialog = call.dialog {
            if response.to?.tag == dialog.remoteTag {
                if let ack = call.ack, let hop = call.ackNextHop { actions.append(.sendStateless(ack, nextHop: hop)) }
            } else if var fork = SIPDialog.asClient(invite: invite, response: response, localSequence: invite.cseq?.sequence ?? 1) {
                let (ack, hop) = makeACK(for: fork, invite: invite, account: account(call.account))
                actions.append(.sendStateless(ack, nextHop: hop))
                let (bye, byeHop) = inDialogRequest(.bye, dialog: &fork, account: account(call.account))
                _ = send(ClientRequest(purpose: .bye(handle), message: bye, nextHop: byeHop), &actions)
            }
            return
        }
        guard let dialog = SIPDialog.asClient(invite: invite, response: response, localSequence: invite.cseq?.sequence ?? 1) else {
            // No Contact or no To tag: a broken 2xx. ACK it where the INVITE went, and end.
            if let hop = call.inviteNextHop {
                var ack = SIPMessage.request(.ack, uri: invite.requestURIText ?? call.target.description)
                ack.append("Via", placeholderVia(branch: makeBranch()))
                for name in ["Max-Forwards", "Route", "From", "Call-ID"] { for value in invite.values(name) { ack.append(name, value) } }
                ack.append("To", response.value(.to) ?? "")
                ack.append("CSeq", "\(invite.cseq?.sequence ?? 1) ACK")
                actions.append(.sendStateless(ack, nextHop: hop))
            }
            end(handle, SIPCallEnd(cause: .failed, code: response.statusCode ?? 200,
                                   reason: "the 2xx has no Contact or no To tag, so no dialog can be made (RFC 3261 §12.1.2)"), &actions)
            return
        }
        call.dialog = dialog
        let (ack, hop) = makeACK(for: dialog, invite: invite, account: account(call.account))
        call.ack = ack
        call.ackNextHop = hop
        calls[handle] = call
        actions.append(.sendStateless(ack, nextHop: hop))
        if !response.body.isEmpty {
            actions.append(.emit(.remoteSession(handle, contentType: response.contentType?.description ?? "application/sdp", body: response.body)))
        }
        if call.cancelWanted || call.state.isEnded {
            // Hung up while the 2xx was on its way: the call must still be ended with a BYE.
            sendBye(handle, &actions)
            return
        }
        setState(handle, .connected, &actions)
    }

    /// A 2xx to an INVITE the call had already moved on from (a late answer from a target
    /// that was redirected away from, or timed out): that dialog exists at the peer, so it
    /// is ACKed and hung up at once; the call itself goes on with its current target.
    mutating func staleSuccess(_ handle: SIPCallHandle, invite: SIPMessage, response: SIPMessage, _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls[handle],
              var dialog = SIPDialog.asClient(invite: invite, response: response, localSequence: invite.cseq?.sequence ?? 1)
        else { return }
        let account = account(call.account)
        let (ack, hop) = makeACK(for: dialog, invite: invite, account: account)
        actions.append(.sendStateless(ack, nextHop: hop))
        let (bye, byeHop) = inDialogRequest(.bye, dialog: &dialog, account: account)
        actions.append(.emit(.error("\(handle): a late 200 OK from \(invite.requestURIText ?? "an earlier target") was hung up (the call had moved on)")))
        _ = send(ClientRequest(purpose: .bye(handle), message: bye, nextHop: byeHop), &actions)
    }

    /// §13.2.2.4: the ACK for a 2xx is a new request in the dialog with the INVITE's CSeq
    /// number, and the INVITE's credentials (§22.1).
    func makeACK(for dialog: SIPDialog, invite: SIPMessage, account: SIPAccount?) -> (SIPMessage, SIPURI) {
        var (ack, hop) = dialogRequest(.ack, dialog: dialog, sequence: invite.cseq?.sequence ?? 1, account: account)
        for name in ["Authorization", "Proxy-Authorization"] { for value in invite.values(name) { ack.append(name, value) } }
        return (ack, hop)
    }

    /// A final response of 300 and above to the current INVITE.
    mutating func inviteFailed(_ handle: SIPCallHandle, request: ClientRequest, response: SIPMessage, now: SIPInstant,
                               _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls[handle] else { return }
        let code = response.statusCode ?? 0
        let reason = response.reasonPhrase ?? ""
        if call.cancelWanted || call.cancelSent {
            end(handle, SIPCallEnd(cause: .cancelled, code: code, reason: code == 487 ? "cancelled" : "cancelled (\(code) \(reason))"), &actions)
            return
        }
        switch code {
        case 300..<400:
            redirected(handle, response: response, now: now, &actions)
        case 401, 407:
            challenged(request, response: response, owner: .call(handle), now: now, &actions)
        default:
            let cause: SIPCallEnd.Cause = code == 408 ? .unreachable : .rejected
            tryNextTarget(handle, after: SIPCallEnd(cause: cause, code: code, reason: reason), now: now, &actions)
        }
    }

    mutating func hangUp(_ handle: SIPCallHandle, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls[handle], !call.state.isEnded else { return }
        if !call.outgoing, call.dialog == nil || call.answer != nil && call.state == .incoming {
            rejectCall(handle, code: 603, reason: nil, &actions)
            return
        }
        if call.dialog != nil {
            if call.state == .terminating, call.bye != nil { return }
            sendBye(handle, &actions)
            return
        }
        // Out before a final response: CANCEL, now or at the first provisional (§9.1).
        dropQuestions(for: handle)
        if call.invite == nil {
            // Between requests (waiting for credentials or a redirect choice): nothing is out.
            end(handle, SIPCallEnd(cause: .cancelled, reason: "cancelled"), &actions)
            return
        }
        calls[handle]?.cancelWanted = true
        setState(handle, .terminating, &actions)
        if call.gotProvisional { sendCancel(handle, &actions) }
    }

    /// §9.1: CANCEL with the INVITE's Request-URI, Call-ID, To, From, CSeq number, Route
    /// and top Via (same branch), to the same next hop.
    mutating func sendCancel(_ handle: SIPCallHandle, _ actions: inout [SIPUserAgentAction]) {
        guard var call = calls[handle], !call.cancelSent, let invite = call.inviteMessage, let hop = call.inviteNextHop else { return }
        var cancel = SIPMessage.request(.cancel, uri: invite.requestURIText ?? call.target.description)
        if let via = invite.values("Via").first { cancel.append("Via", via) }
        cancel.append("Max-Forwards", "70")
        for route in invite.values("Route") { cancel.append("Route", route) }
        for name in ["From", "To", "Call-ID"] { if let value = invite.values(name).first { cancel.append(name, value) } }
        cancel.append("CSeq", "\(invite.cseq?.sequence ?? 1) CANCEL")
        cancel.append("User-Agent", configuration.userAgentName)
        call.cancelSent = true
        calls[handle] = call
        let id = SIPRequestID(nextRequest)
        nextRequest += 1
        requests[id] = ClientRequest(purpose: .cancel(handle), message: cancel, nextHop: hop)
        actions.append(.sendRequest(id, cancel, nextHop: hop))
    }

    mutating func cancelOutcome(_ handle: SIPCallHandle, _ outcome: SIPRequestOutcome, _ actions: inout [SIPUserAgentAction]) {
        // The INVITE's 487 ends the call; a CANCEL that failed (481: the INVITE had
        // already finished) leaves it to the INVITE's own outcome.
        if case let .final(response) = outcome, response.statusCode != 200 {
            actions.append(.emit(.error("CANCEL for \(handle) answered \(response.statusCode ?? 0) \(response.reasonPhrase ?? "")")))
        }
    }

    mutating func sendBye(_ handle: SIPCallHandle, _ actions: inout [SIPUserAgentAction]) {
        guard var call = calls[handle], var dialog = call.dialog else { return }
        let (bye, hop) = inDialogRequest(.bye, dialog: &dialog, account: account(call.account))
        call.dialog = dialog
        calls[handle] = call
        if !call.state.isEnded { setState(handle, .terminating, &actions) }
        let id = send(ClientRequest(purpose: .bye(handle), message: bye, nextHop: hop), &actions)
        calls[handle]?.bye = id
    }

    mutating func byeOutcome(_ handle: SIPCallHandle, id: SIPRequestID, request: ClientRequest, _ outcome: SIPRequestOutcome,
                             now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls[handle] else { return }
        switch outcome {
        case .provisional, .terminated:
            return
        case let .final(response):
            let code = response.statusCode ?? 0
            if code == 401 || code == 407 {
                challenged(request, response: response, owner: .call(handle), now: now, &actions)
                return
            }
            guard call.bye == id else { return }
            let note = (200..<300).contains(code) ? "hung up" : "hung up (the BYE got \(code) \(response.reasonPhrase ?? ""))"
            end(handle, SIPCallEnd(cause: .normal, code: 0, reason: note), &actions)
        case .timedOut:
            guard call.bye == id else { return }
            end(handle, SIPCallEnd(cause: .normal, reason: "hung up (no answer to the BYE)"), &actions)
        case let .transportError(reason):
            guard call.bye == id else { return }
            end(handle, SIPCallEnd(cause: .normal, reason: "hung up (the BYE could not be sent: \(reason))"), &actions)
        }
    }

    /// Tries the next target of the set after a failure (serial search, §8.1.3.4), or ends
    /// the call with that failure.
    mutating func tryNextTarget(_ handle: SIPCallHandle, after failure: SIPCallEnd, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard var call = calls[handle] else { return }
        guard let next = call.targets.next() else {
            end(handle, failure, &actions)
            return
        }
        if call.targets.followed > configuration.redirectLimit {
            end(handle, SIPCallEnd(cause: .redirectFailed, code: next.code,
                                   reason: "too many redirects (limit \(configuration.redirectLimit)); last failure: \(failure)"), &actions)
            return
        }
        call.lastFailure = failure
        call.sequence += 1
        calls[handle] = call
        let attempt = call.targets.followed + 1
        actions.append(.emit(.error("\(call.target) failed (\(failure)); trying the next redirect target")))
        actions.append(.emit(.redirected(handle, SIPRedirectNotice(from: next.from, to: next.uri, code: next.code, attempt: attempt))))
        setState(handle, .calling, &actions)
        sendInvite(handle, to: next.uri, &actions)
    }

    mutating func setState(_ handle: SIPCallHandle, _ state: SIPCallState, _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls[handle], call.state != state, !call.state.isEnded else { return }
        calls[handle]?.state = state
        actions.append(.emit(.callState(handle, state)))
    }

    /// Ends a call once: the state, its questions and timers, and credentials kept only for it.
    mutating func end(_ handle: SIPCallHandle, _ end: SIPCallEnd, _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls[handle], !call.state.isEnded else { return }
        calls[handle]?.state = .ended(end)
        endNegotiation(handle, &actions)
        dropQuestions(for: handle)
        if call.answer != nil {
            actions.append(.cancel(.answerRetransmit(handle)))
            actions.append(.cancel(.answerGiveUp(handle)))
        }
        credentialCache.forget(owner: .call(handle))
        rejections = rejections.filter { $0.key.owner != .call(handle) }
        actions.append(.emit(.callState(handle, .ended(end))))
    }

    mutating func dropQuestions(for handle: SIPCallHandle) {
        questions = questions.filter { _, question in
            switch question {
            case let .credentials(pending): pending.owner != .call(handle)
            case let .redirect(call, _): call != handle
            case let .session(pending): pending.call != handle
            }
        }
    }
}
