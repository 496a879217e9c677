/// Why an offer or answer could not be used. Its kind says how far it reaches: an offer we cannot
/// take is answered 488 with `reason`; a bad answer ends the exchange with the old media kept.
public struct SDPNegotiationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The offer has no audio stream we can use: answer 488 Not Acceptable Here.
        case notAcceptable
        /// The answer does not fit our offer or refuses what we required.
        case invalidAnswer
        /// The call is not at a point where this input makes sense (an answer with no offer out).
        case wrongState
        /// An offer arrived while ours is outstanding (glare): answer 491 Request Pending.
        case offerPending
        /// Our own settings cannot work (`SDPLocalSettings.validate()`).
        case invalidSettings
    }

    public var kind: Kind
    /// Plain words for the user and for a Warning/Reason header.
    public var reason: String

    public init(kind: Kind, reason: String) {
        self.kind = kind
        self.reason = reason
    }

    /// The SIP response to send for a refused offer, when there is one.
    public var sipStatus: Int? {
        switch kind {
        case .notAcceptable: 488
        case .offerPending: 491
        case .invalidAnswer, .wrongState, .invalidSettings: nil
        }
    }

    public var description: String { reason }

    static func notAcceptable(_ reason: String) -> SDPNegotiationError { .init(kind: .notAcceptable, reason: reason) }
    static func invalidAnswer(_ reason: String) -> SDPNegotiationError { .init(kind: .invalidAnswer, reason: reason) }
    static func wrongState(_ reason: String) -> SDPNegotiationError { .init(kind: .wrongState, reason: reason) }
    static func invalidSettings(_ reason: String) -> SDPNegotiationError { .init(kind: .invalidSettings, reason: reason) }
}
