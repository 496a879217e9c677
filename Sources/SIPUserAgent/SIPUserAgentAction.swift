import SIPCore
import SIPTransaction

/// Names a client transaction the user agent asked for, so its responses find their way
/// back (`SIPUserAgent.requestEvent`).
public struct SIPRequestID: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public var description: String { "request \(rawValue)" }
}

/// Names a server transaction handed to the user agent, for answering it later.
public struct SIPServerRequestID: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public var description: String { "server request \(rawValue)" }
}

/// A timer the user agent owns (the transaction timers A–M belong to SIPTransaction).
public enum SIPUserAgentTimer: Sendable, Hashable, CustomStringConvertible {
    /// Send the next REGISTER before the binding expires.
    case registrationRefresh(account: String)
    /// Try registering again after a failure the registrar may recover from.
    case registrationRetry(account: String)
    /// Send our 2xx to an INVITE again until the ACK comes (§13.3.1.4).
    case answerRetransmit(SIPCallHandle)
    /// No ACK for our 2xx in 64·T1: the call is given up with a BYE.
    case answerGiveUp(SIPCallHandle)
    /// A question nobody answered in time is cancelled.
    case questionTimeout(Int)
    /// Our re-INVITE got 491 Request Pending: it is tried once more when this fires,
    /// a random 2.1–4 s later (0–2 s when the peer made the Call-ID; RFC 3261 §14.1).
    case reinviteRetry(SIPCallHandle)

    public var description: String {
        switch self {
        case let .registrationRefresh(account): "refresh \(account)"
        case let .registrationRetry(account): "retry \(account)"
        case let .answerRetransmit(call): "2xx retransmit \(call)"
        case let .answerGiveUp(call): "2xx give-up \(call)"
        case let .questionTimeout(id): "question \(id) timeout"
        case let .reinviteRetry(call): "re-INVITE retry \(call)"
        }
    }
}

/// What the user agent asks its runner to do. The runner (SIPNIO's) performs them in order.
public enum SIPUserAgentAction: Sendable {
    /// Start a client transaction for `request` towards `nextHop` (resolved by RFC 3263;
    /// the Request-URI, the first Route, or the outbound proxy). The request's top Via
    /// carries the branch; the transport writes its sent-by.
    case sendRequest(SIPRequestID, SIPMessage, nextHop: SIPURI)
    /// Send outside any transaction: the ACK for a 2xx (§13.2.2.4).
    case sendStateless(SIPMessage, nextHop: SIPURI)
    /// Answer a server transaction (provisional or final; a 2xx again to retransmit it).
    case respond(SIPServerRequestID, SIPMessage)
    case arm(SIPUserAgentTimer, at: SIPInstant)
    case cancel(SIPUserAgentTimer)
    /// Tell the front end.
    case emit(SIPUserAgentEvent)
}

/// What became of a request the user agent sent (SIPNIO's client transaction events,
/// in the user agent's terms).
public enum SIPRequestOutcome: Sendable {
    case provisional(SIPMessage)
    case final(SIPMessage)
    /// Timer B or F: treated as 408 (§8.1.3.1).
    case timedOut
    /// Could not be sent (or resolved): treated as 503 (§8.1.3.1), with the reason.
    case transportError(String)
    /// The transaction is gone; nothing more will come for this id.
    case terminated
}
