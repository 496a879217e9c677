/// The state a transaction is in, named as in the figures of RFC 3261 §17 and RFC 6026
/// (the transaction log shows `rawValue`).
///
/// - client INVITE: Calling → Proceeding → Completed | Accepted → Terminated
/// - client non-INVITE: Trying → Proceeding → Completed → Terminated
/// - server INVITE: Proceeding → Completed → Confirmed | Accepted → Terminated
/// - server non-INVITE: Trying → Proceeding → Completed → Terminated
public enum SIPTransactionState: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case calling = "Calling"
    case trying = "Trying"
    case proceeding = "Proceeding"
    case completed = "Completed"
    case confirmed = "Confirmed"
    case accepted = "Accepted"
    case terminated = "Terminated"

    public var description: String { rawValue }
}
