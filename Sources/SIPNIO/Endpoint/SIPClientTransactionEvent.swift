import SIPCore
import SIPTransaction

/// What a client transaction started by `SIPEndpoint.sendRequest` tells its caller, in
/// order: `started` (or `failedToStart`), then responses, then one of `timedOut` /
/// `transportError` (or none), then `terminated`. Nothing follows `terminated` or
/// `failedToStart`.
public enum SIPClientTransactionEvent: Sendable, CustomStringConvertible {
    /// The transaction exists under `key` and sends to `target` (fixed for its life).
    case started(SIPTransactionKey, target: SIPTransportTarget)
    /// The request never became a transaction: the next hop could not be resolved, or
    /// the request cannot start one (no CSeq, an ACK…). The reason is in words.
    case failedToStart(String)
    /// A 1xx.
    case provisional(SIPMessage)
    /// A final response; for an INVITE, every further 2xx (retransmitted or from another
    /// fork) while the transaction is Accepted (RFC 6026).
    case final(SIPMessage)
    /// Timer B (INVITE) or Timer F (non-INVITE): no final response came. The user agent
    /// treats it as a 408 (§8.1.3.1).
    case timedOut(SIPTimer)
    /// The transport could not send the request, and why.
    case transportError(String)
    /// The transaction is gone.
    case terminated

    /// True for the last event of a transaction.
    public var isLast: Bool {
        switch self {
        case .terminated, .failedToStart: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case let .started(key, target): "started [\(key)] to \(target)"
        case let .failedToStart(reason): "failed to start: \(reason)"
        case let .provisional(message): "provisional \(Self.statusLine(message))"
        case let .final(message): "final \(Self.statusLine(message))"
        case let .timedOut(timer): "timed out (\(timer))"
        case let .transportError(reason): "transport error: \(reason)"
        case .terminated: "terminated"
        }
    }

    /// `180 Ringing`.
    static func statusLine(_ response: SIPMessage) -> String {
        "\(response.statusCode ?? 0) \(response.reasonPhrase ?? "")"
    }
}
