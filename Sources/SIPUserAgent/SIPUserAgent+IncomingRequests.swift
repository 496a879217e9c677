import SIPCore
import SIPTransaction

/// Requests that arrive: new calls, CANCEL, requests in our dialogs (BYE, OPTIONS, INFO,
/// re-INVITE, UPDATE), 481 for dialogs we do not have, and the ACKs for our 2xx.
extension SIPUserAgent {
    mutating func incomingRequest(_ request: SIPMessage, server: SIPServerRequestID, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard let method = request.method else { return }
        if method == .cancel {
            incomingCancel(request, server: server, &actions)
            return
        }
        // §8.2.2.3: an extension the request requires and we do not know gets 420, with
        // the unknown ones named (Dialtone supports none yet: no 100rel, no timer).
        let required = request.require
        if method != .ack, !required.isEmpty {
            var response = SIPMessage.response(to: request, statusCode: 420, toTag: request.to?.tag == nil ? makeTag() : nil)
            response.append("Unsupported", required.joined(separator: ", "))
            actions.append(.respond(server, response))
            return
        }
        if request.to?.tag != nil {
            inDialogRequest(request, method: method, server: server, now: now, &actions)
            return
        }
        switch method {
        case .invite:
            incomingCall(request, server: server, now: now, &actions)
        case .options:
            var response = SIPMessage.response(to: request, statusCode: 200, toTag: makeTag())
            response.append("Allow", Self.allowedMethods)
            response.append("Accept", "application/sdp")
            response.append("User-Agent", configuration.userAgentName)
            actions.append(.respond(server, response))
        case .ack:
            acknowledged(request, &actions)
        default:
            var response = SIPMessage.response(to: request, statusCode: 405, toTag: makeTag())
            response.append("Allow", Self.allowedMethods)
            actions.append(.respond(server, response))
        }
    }

    mutating func incomingCall(_ invite: SIPMessage, server: SIPServerRequestID, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard let callID = invite.callID, let from = invite.from, from.tag != nil, var to = invite.to else {
            actions.append(.respond(server, .response(to: invite, statusCode: 400, reasonPhrase: "Bad Request (no Call-ID, From tag or To)")))
            return
        }
        guard invite.contacts.first?.address?.uri.sipURI != nil else {
            actions.append(.respond(server, .response(to: invite, statusCode: 400, reasonPhrase: "Bad Request (no Contact with a SIP URI)", toTag: makeTag())))
            return
        }
        let handle = SIPCallHandle(nextCall)
        nextCall += 1
        let localTag = makeTag()
        to.parameters.remove("tag")
        let accountID = configuration.accounts.first { account in
            invite.requestURI?.sipURI.map { $0.user == account.addressOfRecord.user } ?? false
        }?.id ?? configuration.accounts.first?.id
        let remoteURI = from.uri.sipURI ?? SIPURI(host: "unknown.invalid")
        let call = Call(
            handle: handle, outgoing: false, account: accountID, state: .incoming, callID: callID, localTag: localTag,
            localAddress: to, remoteAddress: from, session: configuration.defaultSession, dialled: remoteURI, target: remoteURI,
            targets: RedirectTargetSet(first: remoteURI), server: server, incomingInvite: invite)
        calls[handle] = call
        actions.append(.emit(.callStarted(handle, outgoing: false, remote: remoteURI, local: to.uri.sipURI ?? configuration.localIdentity)))
        if !invite.body.isEmpty {
            actions.append(.emit(.remoteSession(handle, contentType: invite.contentType?.description ?? "application/sdp", body: invite.body)))
        }
        actions.append(.emit(.callState(handle, .incoming)))
        var ringing = SIPMessage.response(to: invite, statusCode: 180, toTag: localTag)
        ringing.append("Contact", "<\(contactURI(for: account(accountID)))>")
        actions.append(.respond(server, ringing))
        if configuration.autoAnswer {
            answerCall(handle, with: nil, now: now, &actions)
        }
    }

    /// Answers with a 2xx (our SDP, Contact), makes the UAS dialog (§12.1.1), and starts
    /// retransmitting the 2xx until the ACK (§13.3.1.4).
    mutating func answerCall(_ handle: SIPCallHandle, with body: SIPSessionBody?, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard var call = calls[handle], !call.outgoing, call.state == .incoming, let invite = call.incomingInvite, let server = call.server,
              let dialog = SIPDialog.asServer(invite: invite, localTag: call.localTag)
        else { return }
        let session = body ?? call.session
        var ok = SIPMessage.response(to: invite, statusCode: 200, toTag: call.localTag)
        ok.append("Contact", "<\(contactURI(for: account(call.account)))>")
        ok.append("Allow", Self.allowedMethods)
        ok.append("User-Agent", configuration.userAgentName)
        if let session, !session.bytes.isEmpty {
            ok.append("Content-Type", session.contentType)
            ok.body = session.bytes
        }
        call.session = session
        call.dialog = dialog
        // An offerless INVITE: our 2xx carries the offer, the ACK the answer (RFC 3264 §4).
        call.negotiation.offerInOurAnswer = invite.body.isEmpty && session.map { !$0.bytes.isEmpty } == true
        call.answer = ok
        call.answerServer = server
        call.answerInterval = configuration.timerValues.t1
        calls[handle] = call
        actions.append(.respond(server, ok))
        actions.append(.arm(.answerRetransmit(handle), at: now + configuration.timerValues.t1))
        actions.append(.arm(.answerGiveUp(handle), at: now + configuration.timerValues.transactionTimeout))
        setState(handle, .connected, &actions)
    }

    /// Refuses a ringing call with `code` (486 when it is not a 4xx–6xx); `reason`, when
    /// given, goes to the peer in a Warning and into the end reason.
    mutating func rejectCall(_ handle: SIPCallHandle, code: Int, reason: String?, _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls[handle], !call.outgoing, call.state == .incoming, let invite = call.incomingInvite, let server = call.server else { return }
        let status = (400..<700).contains(code) ? code : 486
        var response = SIPMessage.response(to: invite, statusCode: status, toTag: call.localTag)
        let why = reason.map(Self.headerSafeText).flatMap { $0.isEmpty ? nil : $0 }
        if let why {
            // 304 "Media type not available" for a session refused; 399 for anything else.
            let warning = SIPWarning(code: status == 488 || status == 606 ? 304 : 399, agent: warnAgent(for: call), text: why)
            response.append("Warning", warning.description)
        }
        actions.append(.respond(server, response))
        let shown = "rejected here (\(status) \(SIPMessage.defaultReasonPhrase(for: status)))" + (why.map { ": \($0)" } ?? "")
        end(handle, SIPCallEnd(cause: .rejected, code: status, reason: shown), &actions)
    }

    mutating func retransmitAnswer(_ handle: SIPCallHandle, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard var call = calls[handle], let answer = call.answer, let server = call.answerServer else { return }
        actions.append(.respond(server, answer))
        call.answerInterval = min(call.answerInterval * 2, configuration.timerValues.t2)
        calls[handle] = call
        actions.append(.arm(.answerRetransmit(handle), at: now + call.answerInterval))
    }

    mutating func answerNotAcknowledged(_ handle: SIPCallHandle, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard calls[handle]?.answer != nil else { return }
        calls[handle]?.answer = nil
        actions.append(.cancel(.answerRetransmit(handle)))
        // §13.3.1.4: no ACK in 64·T1 — the session is ended with a BYE.
        actions.append(.emit(.error("\(handle): no ACK for our 200 OK: hanging up")))
        sendBye(handle, &actions)
    }

    /// An ACK for our 2xx (to the first INVITE or a re-INVITE, matched by dialog and CSeq):
    /// stops its retransmission, and brings the peer's answer when our 2xx held the offer.
    mutating func acknowledged(_ ack: SIPMessage, _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls.values.first(where: { call in
            guard let answer = call.answer, call.dialog?.matches(ack) == true else { return false }
            return answer.cseq?.sequence == ack.cseq?.sequence
        }) else { return }
        let handle = call.handle
        calls[handle]?.answer = nil
        actions.append(.cancel(.answerRetransmit(handle)))
        actions.append(.cancel(.answerGiveUp(handle)))
        if call.negotiation.offerInOurAnswer {
            calls[handle]?.negotiation.offerInOurAnswer = false
            if ack.body.isEmpty {
                actions.append(.emit(.error("\(handle): the ACK brought no answer to the session offer in our 200 OK")))
            } else {
                actions.append(.emit(.remoteSession(handle, contentType: ack.contentType?.description ?? "application/sdp", body: ack.body)))
            }
        }
        continueNegotiation(handle, &actions)
    }

    /// §9.2: a CANCEL for an INVITE still ringing here: 200 to the CANCEL, 487 to the INVITE.
    mutating func incomingCancel(_ cancel: SIPMessage, server: SIPServerRequestID, _ actions: inout [SIPUserAgentAction]) {
        let match = calls.values.first { call in
            guard let invite = call.incomingInvite, !call.outgoing else { return false }
            return invite.callID == cancel.callID && invite.from?.tag == cancel.from?.tag
                && invite.cseq?.sequence == cancel.cseq?.sequence && invite.topVia?.branch == cancel.topVia?.branch
        }
        guard let call = match else {
            if cancelledReinvite(cancel, server: server, &actions) { return }
            actions.append(.respond(server, .response(to: cancel, statusCode: 481, toTag: makeTag())))
            return
        }
        actions.append(.respond(server, .response(to: cancel, statusCode: 200, toTag: call.localTag)))
        guard call.state == .incoming, let invite = call.incomingInvite, let inviteServer = call.server else { return }
        actions.append(.respond(inviteServer, .response(to: invite, statusCode: 487, toTag: call.localTag)))
        end(call.handle, SIPCallEnd(cause: .cancelled, code: 487, reason: "the caller cancelled"), &actions)
    }

    /// A request with a To tag: ours if it matches a dialog (§12.2.2), else 481.
    mutating func inDialogRequest(_ request: SIPMessage, method: SIPMethod, server: SIPServerRequestID, now: SIPInstant,
                                  _ actions: inout [SIPUserAgentAction]) {
        if method == .ack {
            acknowledged(request, &actions)
            return
        }
        guard let handle = calls.values.first(where: { $0.dialog?.matches(request) == true && !$0.state.isEnded })?.handle,
              var call = calls[handle], var dialog = call.dialog
        else {
            actions.append(.respond(server, .response(to: request, statusCode: 481)))
            return
        }
        if let sequence = request.cseq?.sequence {
            if let last = dialog.remoteSequence, sequence < last {
                actions.append(.respond(server, .response(to: request, statusCode: 500, reasonPhrase: "Server Internal Error (CSeq out of order)")))
                return
            }
            dialog.remoteSequence = sequence
            call.dialog = dialog
            calls[handle] = call
        }
        switch method {
        case .bye:
            actions.append(.respond(server, .response(to: request, statusCode: 200)))
            end(handle, SIPCallEnd(cause: .normal, reason: "the other side hung up"), &actions)
        case .options:
            var response = SIPMessage.response(to: request, statusCode: 200)
            response.append("Allow", Self.allowedMethods)
            response.append("Accept", "application/sdp")
            actions.append(.respond(server, response))
        case .info:
            actions.append(.respond(server, .response(to: request, statusCode: 200)))
            if !request.body.isEmpty {
                actions.append(.emit(.info(handle, contentType: request.contentType?.description ?? "application/octet-stream", body: request.body)))
            }
        case .invite:
            incomingReinvite(request, call: handle, server: server, now: now, &actions)
        case .update:
            incomingUpdate(request, call: handle, server: server, now: now, &actions)
        default:
            var response = SIPMessage.response(to: request, statusCode: 405)
            response.append("Allow", Self.allowedMethods)
            actions.append(.respond(server, response))
        }
    }
}
