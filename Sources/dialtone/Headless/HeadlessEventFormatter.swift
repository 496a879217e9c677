import SIPCore
import SIPNIO
import SIPUserAgent

/// One line per user-agent event, as text or JSON: what `--no-tui` prints. Passwords
/// are never part of an event, so nothing here can print one.
struct HeadlessEventFormatter {
    var json: Bool
    var trace: Bool

    /// The line for `event`, or nil when it is not shown (message bodies without --trace
    /// stay a one-line summary; keep-alives only with --trace).
    func line(for event: SIPUserAgentEvent) -> String? {
        let time = SIPWallTime.now().description
        if json { return jsonLine(event, time: time) }
        switch event {
        case let .registration(account, state):
            return "\(time) \(account): \(Self.text(state))"
        case let .callStarted(call, outgoing, remote, local):
            return outgoing ? "\(time) \(call): calling \(remote) from \(local)" : "\(time) \(call): incoming call from \(remote) to \(local)"
        case let .callState(call, state):
            return "\(time) \(call): \(Self.text(state))"
        case let .provisional(call, code, reason, hasBody):
            return "\(time) \(call): \(code) \(reason)\(hasBody ? " (with a session description)" : "")"
        case let .redirected(call, notice):
            return "\(time) \(call): \(notice.text) (\(notice.code) from \(notice.from), attempt \(notice.attempt))"
        case let .redirectChoice(call, _, targets, code):
            return "\(time) \(call): \(code) offers \(targets.count) targets: \(targets.map(\.description).joined(separator: ", "))"
        case let .credentialsNeeded(question):
            return "\(time) \(question.call.map { "\($0): " } ?? question.account.map { "\($0): " } ?? "")credentials needed for realm \"\(question.realm)\" at \(question.host) (\(question.code) to \(question.method), attempt \(question.attempt))"
        case let .authenticationFailed(realm, host, code, call, account):
            return "\(time) \(call.map { "\($0): " } ?? account.map { "\($0): " } ?? "")authentication failed for realm \"\(realm)\" at \(host) (\(code)): the credentials were refused"
        case let .remoteSession(call, contentType, body):
            return trace ? "\(time) \(call): remote session description (\(contentType), \(body.count) octets)" : nil
        case let .sessionOffer(call, _, offer):
            return trace ? "\(time) \(call): the peer offers a new session\(offer == nil ? " (and asks for our offer)" : "")" : nil
        case let .sessionUpdated(call, accepted, code, reason):
            return accepted ? nil : "\(time) \(call): the new session was refused: \(code) \(reason)"
        case let .info(call, contentType, body):
            return trace ? "\(time) \(call): INFO \(contentType) (\(body.count) octets)" : nil
        case let .log(record):
            return logLine(record, time: time)
        case let .error(text):
            return "\(time) \(text)"
        }
    }

    static func text(_ state: SIPCallState) -> String {
        switch state {
        case let .ended(end): "ended: \(end)\(end.code >= 300 ? Self.explanationSuffix(end.code) : "")"
        default: state.description
        }
    }

    static func text(_ state: SIPRegistrationState) -> String {
        switch state {
        case let .failed(code, reason, explanation):
            "registration failed: \(code) \(reason)\(explanation.isEmpty ? "" : " — \(explanation)")"
        default: state.description
        }
    }

    static func explanationSuffix(_ code: Int) -> String {
        guard let entry = SIPStatusCatalog.entry(for: code) else { return "" }
        return " — \(entry.meaning)"
    }

    func logLine(_ record: SIPMessageLogRecord, time: String) -> String? {
        let arrow = record.direction == .sent ? "→" : "←"
        let peer = "\(record.transport) \(record.remote ?? "?")"
        guard let message = record.message else {
            guard trace || record.note?.hasPrefix("dropped") == true else { return nil }
            return "\(time) \(arrow) \(peer) \(record.note ?? "") (\(record.bytes.count) octets)"
        }
        let first: String
        switch message.startLine {
        case let .request(method, uri, _): first = "\(method.rawValue) \(uri)"
        case let .response(_, code, reason): first = "\(code) \(reason)"
        }
        var text = "\(time) \(arrow) \(peer) \(first)"
        if let cseq = message.cseq { text += " (CSeq \(cseq))" }
        if record.isRetransmission { text += " [retransmission]" }
        if let state = record.transactionState { text += " [\(state)]" }
        if trace {
            text += "\n" + SessionKeyMask.masked(String(decoding: record.bytes.filter { $0 != UInt8(ascii: "\r") }, as: UTF8.self))
        }
        return text
    }

    func jsonLine(_ event: SIPUserAgentEvent, time: String) -> String? {
        var members: [(String, JSON)] = [("time", .string(time))]
        func add(_ key: String, _ value: JSON) { members.append((key, value)) }
        switch event {
        case let .registration(account, state):
            add("event", .string("registration"))
            add("account", .string(account))
            switch state {
            case .unregistered: add("state", .string("unregistered"))
            case .registering: add("state", .string("registering"))
            case .unregistering: add("state", .string("unregistering"))
            case let .registered(expires):
                add("state", .string("registered"))
                add("expires", .int(expires))
            case let .failed(code, reason, explanation):
                add("state", .string("failed"))
                add("code", .int(code))
                add("reason", .string(reason))
                add("explanation", .string(explanation))
            }
        case let .callStarted(call, outgoing, remote, local):
            add("event", .string("call_started"))
            add("call", .int(call.rawValue))
            add("direction", .string(outgoing ? "outgoing" : "incoming"))
            add("remote", .string(remote.description))
            add("local", .string(local.description))
        case let .callState(call, state):
            add("event", .string("call_state"))
            add("call", .int(call.rawValue))
            if case let .ended(end) = state {
                add("state", .string("ended"))
                add("cause", .string(end.cause.rawValue))
                add("code", .int(end.code))
                add("reason", .string(end.reason))
                if let entry = SIPStatusCatalog.entry(for: end.code), end.code >= 300 { add("explanation", .string(entry.meaning)) }
            } else {
                add("state", .string(state.description))
            }
        case let .provisional(call, code, reason, hasBody):
            add("event", .string("provisional"))
            add("call", .int(call.rawValue))
            add("code", .int(code))
            add("reason", .string(reason))
            add("has_body", .bool(hasBody))
        case let .redirected(call, notice):
            add("event", .string("redirected"))
            add("call", .int(call.rawValue))
            add("from", .string(notice.from.description))
            add("to", .string(notice.to.description))
            add("code", .int(notice.code))
            add("attempt", .int(notice.attempt))
            add("text", .string(notice.text))
        case let .redirectChoice(call, question, targets, code):
            add("event", .string("redirect_choice"))
            add("call", .int(call.rawValue))
            add("question", .int(question))
            add("code", .int(code))
            add("targets", .array(targets.map { .string($0.description) }))
        case let .credentialsNeeded(question):
            add("event", .string("credentials_needed"))
            add("question", .int(question.id))
            add("realm", .string(question.realm))
            add("host", .string(question.host))
            add("code", .int(question.code))
            add("method", .string(question.method))
            add("attempt", .int(question.attempt))
            if let call = question.call { add("call", .int(call.rawValue)) }
            if let account = question.account { add("account", .string(account)) }
        case let .authenticationFailed(realm, host, code, call, account):
            add("event", .string("authentication_failed"))
            add("realm", .string(realm))
            add("host", .string(host))
            add("code", .int(code))
            if let call { add("call", .int(call.rawValue)) }
            if let account { add("account", .string(account)) }
            add("text", .string("authentication failed for realm \"\(realm)\" at \(host)"))
        case let .remoteSession(call, contentType, body):
            add("event", .string("remote_session"))
            add("call", .int(call.rawValue))
            add("content_type", .string(contentType))
            add("length", .int(body.count))
        case let .sessionOffer(call, question, offer):
            add("event", .string("session_offer"))
            add("call", .int(call.rawValue))
            add("question", .int(question))
            add("has_offer", .bool(offer != nil))
        case let .sessionUpdated(call, accepted, code, reason):
            add("event", .string("session_updated"))
            add("call", .int(call.rawValue))
            add("accepted", .bool(accepted))
            add("code", .int(code))
            add("reason", .string(reason))
        case let .info(call, contentType, body):
            add("event", .string("info"))
            add("call", .int(call.rawValue))
            add("content_type", .string(contentType))
            add("length", .int(body.count))
        case let .log(record):
            guard record.message != nil || trace || record.note?.hasPrefix("dropped") == true else { return nil }
            add("event", .string("log"))
            add("direction", .string(record.direction.rawValue))
            add("transport", .string(record.transport))
            add("local", record.local.map { .string($0) } ?? .null)
            add("remote", record.remote.map { .string($0) } ?? .null)
            if let message = record.message {
                switch message.startLine {
                case let .request(method, uri, _):
                    add("method", .string(method.rawValue))
                    add("uri", .string(uri))
                case let .response(_, code, reason):
                    add("code", .int(code))
                    add("reason", .string(reason))
                }
                if let cseq = message.cseq { add("cseq", .string(cseq.description)) }
                if let callID = message.callID { add("call_id", .string(callID)) }
            }
            add("transaction", record.transactionKey.map { .string($0) } ?? .null)
            add("state", record.transactionState.map { .string($0) } ?? .null)
            add("retransmission", .bool(record.isRetransmission))
            if let note = record.note { add("note", .string(note)) }
            if trace { add("message", .string(SessionKeyMask.masked(String(decoding: record.bytes, as: UTF8.self)))) }
        case let .error(text):
            add("event", .string("error"))
            add("text", .string(text))
        }
        return JSON.object(members).serialized
    }
}
