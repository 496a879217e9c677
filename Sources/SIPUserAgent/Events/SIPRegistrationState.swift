/// An account's registration, as events report it.
public enum SIPRegistrationState: Sendable, Hashable, CustomStringConvertible {
    /// No registrar, or not registered yet.
    case unregistered
    /// A REGISTER is out (the first one, a refresh, or a retry after a challenge).
    case registering
    /// Bound at the registrar for `expires` seconds (what it granted); refreshed before then.
    case registered(expires: Int)
    /// The REGISTER with Expires 0 is out.
    case unregistering
    /// The registrar refused or did not answer. `code` is the status (408 for a timeout,
    /// 503 for a transport failure); `reason` is in words, `explanation` the catalog's line.
    case failed(code: Int, reason: String, explanation: String)

    public var description: String {
        switch self {
        case .unregistered: "unregistered"
        case .registering: "registering"
        case let .registered(expires): "registered (expires in \(expires) s)"
        case .unregistering: "unregistering"
        case let .failed(code, reason, _): "registration failed: \(code) \(reason)"
        }
    }
}
