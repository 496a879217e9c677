/// What a response means for the call (or, for other methods, the overall attempt) that
/// the request belongs to, as opposed to the single transaction that the response ends.
public enum SIPCallEffect: String, CaseIterable, Sendable, Hashable {
    /// The call is still being set up.
    case inProgress
    /// The request succeeded; for INVITE the call is answered.
    case succeeded
    /// The call is not over: the client sends a new request in the same call.
    case continuesWithNewRequest
    /// This attempt failed at this target; other branches or targets may still succeed.
    case failsHere
    /// The call fails for this user everywhere: forks are cancelled, no other location tried.
    case failsEverywhere
    /// The far side no longer knows the dialog; the call is over.
    case dialogGone
    /// The caller's side cancelled the request.
    case cancelled

    /// The effect as a clause.
    public var summary: String {
        switch self {
        case .inProgress:
            "the call is still being set up"
        case .succeeded:
            "the request succeeded; after an INVITE the call is answered"
        case .continuesWithNewRequest:
            "the call (or registration) goes on with a new request: same Call-ID, From tag and To, CSeq + 1, new Via branch"
        case .failsHere:
            "this attempt fails here; other branches of a forked call, or other targets, may still succeed"
        case .failsEverywhere:
            "the call fails for this user everywhere: other branches are cancelled and no other location is tried"
        case .dialogGone:
            "the dialog no longer exists on the far side, so the call is over: clean it up locally"
        case .cancelled:
            "the attempt was cancelled from the caller's side"
        }
    }

    /// The effect a response has by default, from its class and retry advice.
    static func derived(for statusClass: SIPStatusClass, retry: SIPRetryAdvice) -> SIPCallEffect {
        switch statusClass {
        case .informational: return .inProgress
        case .success: return .succeeded
        case .globalFailure: return .failsEverywhere
        case .redirection, .clientFailure, .serverFailure:
            switch retry {
            case .atContact, .atContactPermanently, .chooseContact, .throughProxy,
                 .withCredentials, .automaticallyAdjusted, .afterRandomDelay:
                return .continuesWithNewRequest
            case .none, .afterCorrection, .later, .elsewhere, .notUseful:
                return .failsHere
            }
        }
    }
}
