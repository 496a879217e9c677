import SIPCore

/// What a transaction tells its transaction user (the user agent core above it).
public enum SIPTransactionEvent: Sendable, CustomStringConvertible {
    /// Client transactions: a response to pass up (provisional, final, and in the client
    /// INVITE's Accepted state every further 2xx — retransmitted or from another fork).
    case response(SIPMessage)
    /// Server transactions: the request that created the transaction; in the server
    /// INVITE's Accepted state, an ACK that matched it (RFC 6026 §7.1).
    case request(SIPMessage)
    /// The transaction gave up: Timer B (client INVITE, no response) or Timer F (client
    /// non-INVITE, no final response) — the user agent synthesizes a 408 — or Timer H
    /// (server INVITE, the ACK for a non-2xx final never came).
    case timedOut(SIPTimer)
    /// The transport could not send this transaction's message.
    case transportError
    /// The transaction reached Terminated and is gone; nothing more comes from it.
    case terminated

    public var description: String {
        switch self {
        case let .response(message): "response \(message.summary)"
        case let .request(message): "request \(message.summary)"
        case let .timedOut(timer): "timed out (\(timer))"
        case .transportError: "transport error"
        case .terminated: "terminated"
        }
    }
}

/// Two events are equal when they say the same thing; messages compare by their octets.
extension SIPTransactionEvent: Equatable {
    public static func == (lhs: SIPTransactionEvent, rhs: SIPTransactionEvent) -> Bool {
        switch (lhs, rhs) {
        case let (.response(a), .response(b)), let (.request(a), .request(b)): a.serialized() == b.serialized()
        case let (.timedOut(a), .timedOut(b)): a == b
        case (.transportError, .transportError), (.terminated, .terminated): true
        default: false
        }
    }
}
