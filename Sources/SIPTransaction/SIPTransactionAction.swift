import SIPCore

/// What a transaction state machine asks of its caller after an event. The caller carries
/// these out in order: it owns the socket, the clock and the transaction user.
public enum SIPTransactionAction: Sendable, CustomStringConvertible {
    /// Pass this message to the transport, to the transaction's peer (the request's
    /// destination for a client transaction, §18.2.2's response address for a server one).
    case send(SIPMessage)
    /// Start `timer` so that it fires at the instant given; an armed timer of the same
    /// name is replaced.
    case arm(SIPTimer, at: SIPInstant)
    /// Stop `timer`. A machine only cancels timers it armed; a cancelled timer that fires
    /// anyway (a race in the caller's loop) is ignored.
    case cancel(SIPTimer)
    /// Tell the transaction user.
    case tell(SIPTransactionEvent)

    public var description: String {
        switch self {
        case let .send(message): "send \(message.summary)"
        case let .arm(timer, at): "arm \(timer) at \(at)"
        case let .cancel(timer): "cancel \(timer)"
        case let .tell(event): "tell \(event)"
        }
    }
}

/// Two actions are equal when they do the same thing; messages compare by their octets.
extension SIPTransactionAction: Equatable {
    public static func == (lhs: SIPTransactionAction, rhs: SIPTransactionAction) -> Bool {
        switch (lhs, rhs) {
        case let (.send(a), .send(b)): a.serialized() == b.serialized()
        case let (.arm(a, x), .arm(b, y)): a == b && x == y
        case let (.cancel(a), .cancel(b)): a == b
        case let (.tell(a), .tell(b)): a == b
        default: false
        }
    }
}

extension SIPMessage {
    /// A message in a few words for logs and test failures: `INVITE sip:bob@b.example (CSeq 1 INVITE)`, `180 Ringing (CSeq 1 INVITE)`.
    var summary: String {
        let cseq = cseq.map { " (CSeq \($0))" } ?? ""
        switch startLine {
        case let .request(method, uri, _): return "\(method) \(uri)\(cseq)"
        case let .response(_, code, reason): return "\(code) \(reason)\(cseq)"
        }
    }
}
