import SIPCore
import SIPTransaction

/// Our offers inside a dialog (`updateSession`: hold, resume, another codec): a re-INVITE
/// (RFC 3261 §14.1), one at a time, its 2xx ACKed, a 491 retried once after a random
/// back-off, and a 481 or 408 ending the call (§12.2.1.2).
extension SIPUserAgent {
    mutating func updateSession(_ handle: SIPCallHandle, offer: SIPSessionBody, _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls[handle], !call.state.isEnded else {
            actions.append(.emit(.error("\(handle): no call to update (it has ended, or never was)")))
            return
        }
        guard call.dialog != nil, call.state == .connected else {
            actions.append(.emit(.error("\(handle) is \(call.state), not connected: its session cannot be updated")))
            return
        }
        guard !offer.bytes.isEmpty else {
            actions.append(.emit(.error("\(handle): an empty offer cannot update the session")))
            return
        }
        if call.negotiation.outgoing != nil || call.negotiation.question != nil || call.answer != nil {
            // Another exchange is under way (§14.1: one INVITE at a time): this one waits.
            calls[handle]?.negotiation.queued = offer
            return
        }
        sendReinvite(handle, offer: offer, retried: false, &actions)
    }

    /// The re-INVITE: the dialog's next CSeq, our Contact and Allow, the offer.
    mutating func sendReinvite(_ handle: SIPCallHandle, offer: SIPSessionBody, retried: Bool, _ actions: inout [SIPUserAgentAction]) {
        guard var call = calls[handle], var dialog = call.dialog else { return }
        let account = account(call.account)
        var (message, hop) = inDialogRequest(.invite, dialog: &dialog, account: account)
        message.append("Contact", "<\(contactURI(for: account))>")
        message.append("Allow", Self.allowedMethods)
        message.append("Content-Type", Self.contentTypeText(offer))
        message.body = offer.bytes
        call.dialog = dialog
        call.negotiation.outgoing = SessionNegotiation.OutgoingReinvite(offer: offer, retried: retried)
        calls[handle] = call
        let id = send(ClientRequest(purpose: .reinvite(handle), message: message, nextHop: hop), &actions)
        calls[handle]?.negotiation.outgoing?.request = id
        calls[handle]?.negotiation.outgoing?.message = requests[id]?.message
    }

    mutating func reinviteOutcome(_ handle: SIPCallHandle, id: SIPRequestID, request: ClientRequest, _ outcome: SIPRequestOutcome,
                                  now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls[handle] else { return }
        let current = call.negotiation.outgoing?.request == id
        switch outcome {
        case .provisional, .terminated:
            return
        case let .final(response):
            let code = response.statusCode ?? 0
            let reason = response.reasonPhrase ?? ""
            if (200..<300).contains(code) {
                reinviteSucceeded(handle, id: id, request: request, response: response, &actions)
                return
            }
            guard current, !call.state.isEnded else { return }
            switch code {
            case 401, 407:
                challenged(request, response: response, owner: .call(handle), now: now, &actions)
            case 491:
                reinviteGlared(handle, reason: reason, now: now, &actions)
            case 481:
                reinviteEndsCall(handle, code: code, reason: reason, end: SIPCallEnd(
                    cause: .rejected, code: code, reason: "the other side no longer knows this call (\(reason) to our re-INVITE)"), &actions)
            case 408:
                reinviteEndsCall(handle, code: code, reason: reason, end: SIPCallEnd(
                    cause: .unreachable, code: code, reason: "our re-INVITE timed out (\(reason)): the call is given up"), &actions)
            default:
                reinviteFailed(handle, code: code, reason: reason, &actions)
            }
        case .timedOut:
            guard current, !call.state.isEnded else { return }
            reinviteEndsCall(handle, code: 408, reason: "no answer in time", end: SIPCallEnd(
                cause: .unreachable, code: 408, reason: "no answer to our re-INVITE in time: the call is given up"), &actions)
        case let .transportError(reason):
            guard current, !call.state.isEnded else { return }
            reinviteFailed(handle, code: 503, reason: "the re-INVITE could not be sent: \(reason)", &actions)
        }
    }

    /// A 2xx to our re-INVITE: the remote target refresh (§12.2.1.2), the ACK (again for a
    /// retransmission), then the answer and `sessionUpdated`.
    mutating func reinviteSucceeded(_ handle: SIPCallHandle, id: SIPRequestID, request: ClientRequest, response: SIPMessage,
                                    _ actions: inout [SIPUserAgentAction]) {
        guard var call = calls[handle], var dialog = call.dialog else { return }
        if let ack = call.negotiation.reinviteACK, let hop = call.negotiation.reinviteACKNextHop,
           ack.cseq?.sequence == response.cseq?.sequence {
            actions.append(.sendStateless(ack, nextHop: hop))
            return
        }
        if let target = response.contacts.first?.address?.uri.sipURI { dialog.remoteTarget = target }
        call.dialog = dialog
        let (ack, hop) = makeACK(for: dialog, invite: request.message, account: account(call.account))
        call.negotiation.reinviteACK = ack
        call.negotiation.reinviteACKNextHop = hop
        let outgoing = call.negotiation.outgoing
        let current = outgoing?.request == id
        if current { call.negotiation.outgoing = nil }
        calls[handle] = call
        actions.append(.sendStateless(ack, nextHop: hop))
        guard current, let offer = outgoing?.offer, !call.state.isEnded else { return }
        let code = response.statusCode ?? 200
        let reason = response.reasonPhrase ?? ""
        if response.body.isEmpty {
            // RFC 3264 §4: an offer in the INVITE is answered in the 2xx; without one the
            // session is left as it was.
            actions.append(.emit(.sessionUpdated(handle, accepted: false, code: code, reason: "\(reason) without an answer to our offer")))
        } else {
            calls[handle]?.session = offer
            actions.append(.emit(.remoteSession(handle, contentType: response.contentType?.description ?? "application/sdp", body: response.body)))
            actions.append(.emit(.sessionUpdated(handle, accepted: true, code: code, reason: reason)))
        }
        continueNegotiation(handle, &actions)
    }

    /// 491: both sides offered at once. Once, wait a random while (§14.1) and try again.
    mutating func reinviteGlared(_ handle: SIPCallHandle, reason: String, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls[handle], var outgoing = call.negotiation.outgoing else { return }
        if outgoing.retried {
            reinviteFailed(handle, code: 491, reason: "\(reason) (again, after one retry)", &actions)
            return
        }
        outgoing.request = nil
        outgoing.message = nil
        outgoing.retried = true
        outgoing.retryDue = false
        calls[handle]?.negotiation.outgoing = outgoing
        let delay = Self.reinviteRetryDelay(ownsCallID: call.outgoing, word: random())
        actions.append(.arm(.reinviteRetry(handle), at: now + delay))
    }

    /// §14.1: the wait before retrying a re-INVITE that got 491, in 10 ms steps: 2.1–4 s
    /// when we made the Call-ID (we placed the call), 0–2 s when the peer did, so that the
    /// two sides of a glare do not meet again.
    static func reinviteRetryDelay(ownsCallID: Bool, word: UInt64) -> Duration {
        ownsCallID ? .milliseconds(2100 + Int(word % 191) * 10) : .milliseconds(Int(word % 201) * 10)
    }

    /// The 491 back-off ran out: the re-INVITE goes again (with the newest offer, if one
    /// was asked for meanwhile) as soon as no exchange of the peer's is under way.
    mutating func reinviteRetryDue(_ handle: SIPCallHandle, _ actions: inout [SIPUserAgentAction]) {
        guard let outgoing = calls[handle]?.negotiation.outgoing, outgoing.request == nil else { return }
        calls[handle]?.negotiation.outgoing?.retryDue = true
        continueNegotiation(handle, &actions)
    }

    /// Our re-INVITE was refused (or could not be sent): the call goes on with the session it had.
    mutating func reinviteFailed(_ handle: SIPCallHandle, code: Int, reason: String, _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls[handle], call.negotiation.outgoing != nil else { return }
        calls[handle]?.negotiation.outgoing = nil
        guard !call.state.isEnded else { return }
        actions.append(.emit(.sessionUpdated(handle, accepted: false, code: code, reason: reason)))
        continueNegotiation(handle, &actions)
    }

    /// 481, 408 or a timeout to our re-INVITE: the dialog is gone (§12.2.1.2), so is the call.
    mutating func reinviteEndsCall(_ handle: SIPCallHandle, code: Int, reason: String, end callEnd: SIPCallEnd,
                                   _ actions: inout [SIPUserAgentAction]) {
        calls[handle]?.negotiation.outgoing = nil
        actions.append(.emit(.sessionUpdated(handle, accepted: false, code: code, reason: reason)))
        end(handle, callEnd, &actions)
    }

    /// After an exchange ends: what waited goes out now — a due 491 retry, or a queued offer.
    mutating func continueNegotiation(_ handle: SIPCallHandle, _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls[handle], call.state == .connected, call.dialog != nil,
              call.negotiation.question == nil, call.answer == nil
        else { return }
        if let outgoing = call.negotiation.outgoing {
            guard outgoing.request == nil, outgoing.retryDue else { return }
            calls[handle]?.negotiation.queued = nil
            sendReinvite(handle, offer: call.negotiation.queued ?? outgoing.offer, retried: true, &actions)
        } else if let offer = call.negotiation.queued {
            calls[handle]?.negotiation.queued = nil
            sendReinvite(handle, offer: offer, retried: false, &actions)
        }
    }

    /// A 2xx to one of our re-INVITEs after its transaction ended: its ACK again. False
    /// when the response is not one.
    mutating func resendReinviteACK(for response: SIPMessage, _ actions: inout [SIPUserAgentAction]) -> Bool {
        for call in calls.values {
            guard let ack = call.negotiation.reinviteACK, let hop = call.negotiation.reinviteACKNextHop,
                  ack.callID == response.callID, ack.from?.tag == response.from?.tag,
                  ack.cseq?.sequence == response.cseq?.sequence
            else { continue }
            actions.append(.sendStateless(ack, nextHop: hop))
            return true
        }
        return false
    }
}
