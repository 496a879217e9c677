import SIPCore
import SIPTransaction

/// 3xx handling (DESIGN.md, "302"): the target set, the policy, the cap, loops.
extension SIPUserAgent {
    mutating func redirected(_ handle: SIPCallHandle, response: SIPMessage, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard var call = calls[handle] else { return }
        let code = response.statusCode ?? 300
        let reason = response.reasonPhrase ?? ""
        let contacts = response.contacts.compactMap { contact -> (uri: SIPURI, q: Int)? in
            guard let uri = contact.address?.uri.sipURI else { return nil }
            return (uri, contact.qValue ?? 1000)
        }
        let shown = contacts.map(\.uri.description).joined(separator: ", ")
        switch code {
        case 305:
            let failure = SIPCallEnd(cause: .redirectFailed, code: code,
                                     reason: "use proxy \(shown.isEmpty ? "(none named)" : shown): the target wants the call to come through that proxy; Dialtone does not follow 305 (RFC 3261 §8.1.3.4 forbids switching proxy on a response's say-so) — set it as the account's proxy to call that way")
            tryNextTarget(handle, after: failure, now: now, &actions)
            return
        case 380:
            let alternative = response.body.isEmpty ? "" : ": " + String(decoding: response.body.prefix(200), as: UTF8.self)
            let failure = SIPCallEnd(cause: .redirectFailed, code: code,
                                     reason: "alternative service\(alternative) — the call failed, but the response describes another way to reach the target")
            tryNextTarget(handle, after: failure, now: now, &actions)
            return
        default:
            break
        }
        if configuration.redirectPolicy == .never {
            let failure = SIPCallEnd(cause: .redirectFailed, code: code,
                                     reason: "\(reason) to \(shown.isEmpty ? "nowhere" : shown); redirects are off (redirect = \"never\")")
            tryNextTarget(handle, after: failure, now: now, &actions)
            return
        }
        guard !contacts.isEmpty else {
            let failure = SIPCallEnd(cause: .redirectFailed, code: code,
                                     reason: "\(reason) with no usable Contact (a sip: or sips: URI is needed to follow it)")
            tryNextTarget(handle, after: failure, now: now, &actions)
            return
        }
        let added = call.targets.add(contacts, code: code, from: call.target)
        calls[handle] = call
        if added.isEmpty && call.targets.pending.isEmpty {
            end(handle, SIPCallEnd(cause: .redirectFailed, code: code,
                                   reason: "redirect loop: \(shown) was already tried"), &actions)
            return
        }
        if code == 300 || configuration.redirectPolicy == .ask {
            let id = nextQuestion
            nextQuestion += 1
            let offered = call.targets.pending
            questions[id] = .redirect(handle, offered)
            actions.append(.arm(.questionTimeout(id), at: now + configuration.questionTimeout))
            actions.append(.emit(.redirectChoice(handle, question: id, targets: offered.map(\.uri), code: code)))
            return
        }
        followNext(handle, code: code, now: now, &actions)
    }

    /// Takes the next target from the set and sends the INVITE there, within the cap.
    mutating func followNext(_ handle: SIPCallHandle, code: Int, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard var call = calls[handle] else { return }
        guard call.targets.followed < configuration.redirectLimit else {
            end(handle, SIPCallEnd(cause: .redirectFailed, code: code,
                                   reason: "too many redirects: \(configuration.redirectLimit) followed, and \(call.target) redirects again"), &actions)
            return
        }
        guard let next = call.targets.next() else { return }
        follow(handle, to: next, call: &call, &actions)
    }

    mutating func follow(_ handle: SIPCallHandle, to next: RedirectTargetSet.Target, call: inout Call, _ actions: inout [SIPUserAgentAction]) {
        call.sequence += 1
        calls[handle] = call
        let notice = SIPRedirectNotice(from: next.from, to: next.uri, code: next.code, attempt: call.targets.followed + 1)
        actions.append(.emit(.redirected(handle, notice)))
        setState(handle, .calling, &actions)
        sendInvite(handle, to: next.uri, &actions)
    }

    mutating func chooseRedirect(_ id: Int, index: Int?, now: SIPInstant, _ actions: inout [SIPUserAgentAction]) {
        guard case let .redirect(handle, offered)? = questions[id] else { return }
        questions[id] = nil
        actions.append(.cancel(.questionTimeout(id)))
        guard var call = calls[handle], !call.state.isEnded else { return }
        guard let index, offered.indices.contains(index), let chosen = call.targets.take(offered[index].uri) else {
            end(handle, SIPCallEnd(cause: .redirectFailed, code: offered.first?.code ?? 300,
                                   reason: "redirect declined"), &actions)
            return
        }
        if call.targets.followed > configuration.redirectLimit {
            end(handle, SIPCallEnd(cause: .redirectFailed, code: chosen.code,
                                   reason: "too many redirects (limit \(configuration.redirectLimit))"), &actions)
            return
        }
        follow(handle, to: chosen, call: &call, &actions)
    }
}
