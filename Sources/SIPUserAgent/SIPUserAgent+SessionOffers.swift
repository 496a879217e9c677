import SIPCore
import SIPTransaction

/// The peer's offers inside a dialog (RFC 3264): a re-INVITE (RFC 3261 §14.2) or an UPDATE
/// (RFC 3311) becomes a `sessionOffer` question; the front end's answer goes out in a 200,
/// a refusal as 488. Glare with an offer of ours gets 491; an offer overlapping another of
/// the peer's gets 500 with Retry-After. The bodies are never looked into.
extension SIPUserAgent {
    /// A re-INVITE in one of our dialogs (its CSeq already checked).
    mutating func incomingReinvite(_ request: SIPMessage, call handle: SIPCallHandle, server: SIPServerRequestID, now: SIPInstant,
                                   _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls[handle] else { return }
        if call.negotiation.isOfferOutstanding {
            // §14.2: our own INVITE is in progress (or our offer in a 2xx is not answered yet).
            actions.append(.respond(server, .response(to: request, statusCode: 491)))
            return
        }
        if call.negotiation.question != nil {
            // §14.2: the previous INVITE of theirs is not answered yet.
            actions.append(.respond(server, serverBusy(request)))
            return
        }
        if call.answer != nil {
            // Our 2xx (with an answer) got there, or this would not come: its ACK was lost
            // or is late, and retransmitting the 2xx is no longer needed.
            calls[handle]?.answer = nil
            actions.append(.cancel(.answerRetransmit(handle)))
            actions.append(.cancel(.answerGiveUp(handle)))
        }
        // The new remote target replaces the old (§12.2.2).
        if let target = request.contacts.first?.address?.uri.sipURI { calls[handle]?.dialog?.remoteTarget = target }
        askAboutOffer(request, call: handle, server: server, now: now, &actions)
    }

    /// An UPDATE in one of our (confirmed) dialogs: a target refresh, with or without an offer.
    mutating func incomingUpdate(_ request: SIPMessage, call handle: SIPCallHandle, server: SIPServerRequestID, now: SIPInstant,
                                 _ actions: inout [SIPUserAgentAction]) {
        guard let call = calls[handle] else { return }
        let target = request.contacts.first?.address?.uri.sipURI
        if request.body.isEmpty {
            if let target { calls[handle]?.dialog?.remoteTarget = target }
            // No offer: only the target refresh (RFC 3311 §5.2), nothing to ask.
            actions.append(.respond(server, sessionResponse(to: request, call: call, body: nil)))
            return
        }
        if call.negotiation.isOfferOutstanding {
            // RFC 3311 §5.2: we have an offer out that is not answered yet.
            actions.append(.respond(server, .response(to: request, statusCode: 491)))
            return
        }
        if call.negotiation.question != nil {
            // RFC 3311 §5.2: an offer of theirs is still waiting for our answer.
            actions.append(.respond(server, serverBusy(request)))
            return
        }
        if let target { calls[handle]?.dialog?.remoteTarget = target }
        askAboutOffer(request, call: handle, server: server, now: now, &actions)
    }

    /// Puts the peer's offer (or its request for ours) to the front end, with a time limit.
    mutating func askAboutOffer(_ request: SIPMessage, call handle: SIPCallHandle, server: SIPServerRequestID, now: SIPInstant,
                                _ actions: inout [SIPUserAgentAction]) {
        let id = nextQuestion
        nextQuestion += 1
        let hasOffer = !request.body.isEmpty
        questions[id] = .session(PendingSessionOffer(call: handle, server: server, request: request, hasOffer: hasOffer))
        calls[handle]?.negotiation.question = id
        let offer = hasOffer ? SIPSessionBody(contentType: request.contentType?.description ?? "application/sdp", bytes: request.body) : nil
        actions.append(.arm(.questionTimeout(id), at: now + configuration.questionTimeout))
        actions.append(.emit(.sessionOffer(handle, question: id, offer: offer)))
    }

    /// The front end's answer to a `sessionOffer`: 200 with the body (a re-INVITE's sent
    /// again until the ACK, §13.3.1.4), or 488 when there is none.
    mutating func answerSession(_ id: Int, _ body: SIPSessionBody?, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard case let .session(pending)? = questions[id] else { return }
        questions[id] = nil
        actions.append(.cancel(.questionTimeout(id)))
        let handle = pending.call
        calls[handle]?.negotiation.question = nil
        guard let call = calls[handle], !call.state.isEnded else { return }
        guard let body, !body.bytes.isEmpty else {
            var refusal = SIPMessage.response(to: pending.request, statusCode: 488)
            let why = pending.hasOffer ? "the offered session is not acceptable here" : "no session to offer"
            refusal.append("Warning", SIPWarning(code: 304, agent: warnAgent(for: call), text: why).description)
            actions.append(.respond(pending.server, refusal))
            continueNegotiation(handle, &actions)
            return
        }
        let ok = sessionResponse(to: pending.request, call: call, body: body)
        calls[handle]?.session = body
        guard pending.request.method == .invite else {
            actions.append(.respond(pending.server, ok))
            continueNegotiation(handle, &actions)
            return
        }
        calls[handle]?.negotiation.offerInOurAnswer = !pending.hasOffer
        calls[handle]?.answer = ok
        calls[handle]?.answerServer = pending.server
        calls[handle]?.answerInterval = configuration.timerValues.t1
        actions.append(.respond(pending.server, ok))
        actions.append(.arm(.answerRetransmit(handle), at: now + configuration.timerValues.t1))
        actions.append(.arm(.answerGiveUp(handle), at: now + configuration.timerValues.transactionTimeout))
    }

    /// A CANCEL for a peer's re-INVITE still waiting for the front end: 200, then 487 to
    /// the re-INVITE (§9.2); the question is void and the session stays as it was.
    mutating func cancelledReinvite(_ cancel: SIPMessage, server: SIPServerRequestID, _ actions: inout [SIPUserAgentAction]) -> Bool {
        for (id, question) in questions {
            guard case let .session(pending) = question, pending.request.method == .invite,
                  pending.request.callID == cancel.callID, pending.request.from?.tag == cancel.from?.tag,
                  pending.request.cseq?.sequence == cancel.cseq?.sequence, pending.request.topVia?.branch == cancel.topVia?.branch
            else { continue }
            questions[id] = nil
            calls[pending.call]?.negotiation.question = nil
            actions.append(.cancel(.questionTimeout(id)))
            actions.append(.respond(server, .response(to: cancel, statusCode: 200)))
            actions.append(.respond(pending.server, .response(to: pending.request, statusCode: 487)))
            actions.append(.emit(.error("\(pending.call): the other side cancelled its re-INVITE; question \(id) no longer needs an answer")))
            continueNegotiation(pending.call, &actions)
            return true
        }
        return false
    }

    /// The call is over: a question still open gets 487 (§15.1.2), a waiting retry or
    /// queued offer is dropped. A re-INVITE of ours still out stays known, so a late 2xx
    /// is ACKed.
    mutating func endNegotiation(_ handle: SIPCallHandle, _ actions: inout [SIPUserAgentAction]) {
        guard let negotiation = calls[handle]?.negotiation else { return }
        if let id = negotiation.question, case let .session(pending)? = questions[id] {
            questions[id] = nil
            actions.append(.cancel(.questionTimeout(id)))
            actions.append(.respond(pending.server, .response(to: pending.request, statusCode: 487)))
        }
        if let outgoing = negotiation.outgoing, outgoing.request == nil {
            actions.append(.cancel(.reinviteRetry(handle)))
            calls[handle]?.negotiation.outgoing = nil
        }
        calls[handle]?.negotiation.question = nil
        calls[handle]?.negotiation.queued = nil
        calls[handle]?.negotiation.offerInOurAnswer = false
    }

    /// A 200 to a re-INVITE or UPDATE (a target refresh, §12.2.2): our Contact, Allow, the body.
    func sessionResponse(to request: SIPMessage, call: Call, body: SIPSessionBody?) -> SIPMessage {
        var ok = SIPMessage.response(to: request, statusCode: 200)
        ok.append("Contact", "<\(contactURI(for: account(call.account)))>")
        ok.append("Allow", Self.allowedMethods)
        if let body, !body.bytes.isEmpty {
            ok.append("Content-Type", Self.contentTypeText(body))
            ok.body = body.bytes
        }
        return ok
    }

    /// 500 with Retry-After 0–10 s (§14.2): the peer should try again once we are done.
    func serverBusy(_ request: SIPMessage) -> SIPMessage {
        var response = SIPMessage.response(to: request, statusCode: 500)
        response.append("Retry-After", String(random() % 11))
        return response
    }

    /// The warn-agent of our Warning headers: the host and port peers reach us at.
    func warnAgent(for call: Call) -> String {
        contactURI(for: account(call.account)).hostPort
    }

    /// Text from the front end made safe for a header value: no control characters (so
    /// never CR or LF), at most 200 characters.
    static func headerSafeText(_ text: String) -> String {
        let kept = text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }
        var out = String(String.UnicodeScalarView(kept.prefix(200)))
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// A body's Content-Type as a header value (application/sdp when it says nothing usable).
    static func contentTypeText(_ body: SIPSessionBody) -> String {
        let text = headerSafeText(body.contentType)
        return text.isEmpty ? "application/sdp" : text
    }
}
