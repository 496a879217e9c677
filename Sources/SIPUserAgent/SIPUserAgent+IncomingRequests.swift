import SIPCore
import SIPTransaction

/// Requests that arrive: new calls, CANCEL, requests in our dialogs (BYE, OPTIONS, INFO,
/// re-INVITE), 481 for dialogs we do not have, and the ACKs for our 2xx.
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
        call.answer = ok
        call.answerServer = server
        call.answerInterval = configuration.timerValues.t1
        calls[handle] = call
        actions.append(.respond(server, ok))
        actions.append(.arm(.answerRetransmit(handle), at: now + configuration.timerValues.t1))
        actions.append(.arm(.answerGiveUp(handle), at: now + configuration.timerValues.transactionTimeout))
        setState(handle, .connected, &actions)
    }

    mutating func rejectCall(_ handle: SIPCallHandle, code: Int, _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls[handle], !call.outgoing, call.state == .incoming, let invite = call.incomingInvite, let server = call.server else { return }
        let status = (400..<700).contains(code) ? code : 486
        actions.append(.respond(server, .response(to: invite, statusCode: status, toTag: call.localTag)))
        end(handle, SIPCallEnd(cause: .rejected, code: status, reason: "rejected here (\(status) \(SIPMessage.defaultReasonPhrase(for: status)))"), &actions)
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

    /// An ACK: for our 2xx (stops its retransmission) or for a re-INVITE's 2xx.
    mutating func acknowledged(_ ack: SIPMessage, _ actions: inout [SIPUserAgentAction]) {
        guard let handle = calls.values.first(where: { $0.dialog?.matches(ack) == true && $0.answer != nil })?.handle else { return }
        calls[handle]?.answer = nil
        actions.append(.cancel(.answerRetransmit(handle)))
        actions.append(.cancel(.answerGiveUp(handle)))
    }

    /// §9.2: a CANCEL for an INVITE still ringing here: 200 to the CANCEL, 487 to the INVITE.
    mutating func incomingCancel(_ cancel: SIPMessage, server: SIPServerRequestID, _ actions: inout [SIPUserAgentAction]) {
        let match = calls.values.first { call in
            guard let invite = call.incomingInvite, !call.outgoing else { return false }
            return invite.callID == cancel.callID && invite.from?.tag == cancel.from?.tag
                && invite.cseq?.sequence == cancel.cseq?.sequence && invite.topVia?.branch == cancel.topVia?.branch
        }
        guard let call = match else {
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
        case .options, .info:
            var response = SIPMessage.response(to: request, statusCode: 200)
            if method == .options {
                response.append("Allow", Self.allowedMethods)
                response.append("Accept", "application/sdp")
            }
            actions.append(.respond(server, response))
        case .invite:
            // A re-INVITE: the same session again (Media will negotiate once it exists);
            // the new remote target replaces the old (§12.2.2).
            if let target = request.contacts.first?.address?.uri.sipURI { calls[handle]?.dialog?.remoteTarget = target }
            if !request.body.isEmpty {
                actions.append(.emit(.remoteSession(handle, contentType: request.contentType?.description ?? "application/sdp", body: request.body)))
            }
            var ok = SIPMessage.response(to: request, statusCode: 200)
            ok.append("Contact", "<\(contactURI(for: account(call.account)))>")
            ok.append("Allow", Self.allowedMethods)
            if let session = call.session, !session.bytes.isEmpty {
                ok.append("Content-Type", session.contentType)
                ok.body = session.bytes
            }
            calls[handle]?.answer = ok
            calls[handle]?.answerServer = server
            calls[handle]?.answerInterval = configuration.timerValues.t1
            actions.append(.respond(server, ok))
            actions.append(.arm(.answerRetransmit(handle), at: now + configuration.timerValues.t1))
            actions.append(.arm(.answerGiveUp(handle), at: now + configuration.timerValues.transactionTimeout))
        default:
            var response = SIPMessage.response(to: request, statusCode: 405)
            response.append("Allow", Self.allowedMethods)
            actions.append(.respond(server, response))
        }
    }
}
