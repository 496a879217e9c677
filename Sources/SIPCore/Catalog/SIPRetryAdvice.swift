/// Whether, where and how a request may be sent again after a response.
///
/// This is the fact that most often separates two codes for a person bringing up a trunk:
/// whether the client retries on its own, whether the target changes, and whether a person
/// has to change something first.
public enum SIPRetryAdvice: String, CaseIterable, Sendable, Hashable {
    /// Nothing to retry: the request is in progress or has succeeded.
    case none
    /// At the Contact URI, for this call only (302).
    case atContact
    /// At the Contact URI, which may replace the saved address (301).
    case atContactPermanently
    /// At one of several listed addresses, picked by the user or by q value (300, 485).
    case chooseContact
    /// Through the proxy named in Contact, to the same Request-URI (305).
    case throughProxy
    /// To the same target with credentials (401, 407).
    case withCredentials
    /// To the same target after a change the response spells out, which the client can
    /// make by itself (420, 422, 423, …).
    case automaticallyAdjusted
    /// Only after a person corrects the request or the configuration (400, 488, …).
    case afterCorrection
    /// Later, to the same target (480, 486, 600).
    case later
    /// After a short random delay, in the same dialog (491).
    case afterRandomDelay
    /// At another server or target, or later (408, 5xx).
    case elsewhere
    /// Not worth it: the same request will get the same answer (403, 404, 603, …).
    case notUseful

    /// The advice as a clause: "at the Contact URI, automatically; …".
    public var summary: String {
        switch self {
        case .none:
            "nothing to retry"
        case .atContact:
            "at the Contact URI, automatically; the dialled URI stays as it is for future calls"
        case .atContactPermanently:
            "at the Contact URI; the saved address may be updated to it for future calls"
        case .chooseContact:
            "at one of the listed addresses, chosen by the user or in order of q value"
        case .throughProxy:
            "to the same Request-URI, routed through the proxy named in Contact"
        case .withCredentials:
            "to the same Request-URI with credentials added; the target does not change"
        case .automaticallyAdjusted:
            "to the same target once the request is changed as the response asks; the client can do this without the user"
        case .afterCorrection:
            "only after a person corrects the request or the configuration; sent again unchanged, it fails the same way"
        case .later:
            "later, to the same target; Retry-After, if present, says when"
        case .afterRandomDelay:
            "after a short random delay, in the same dialog"
        case .elsewhere:
            "at another server or target (next DNS SRV record, failover route), or later"
        case .notUseful:
            "not worth it, since the same request will get the same answer"
        }
    }

    /// Whether the client can send the new request without a person doing anything
    /// (credentials may still have to be asked for once).
    public var isAutomatic: Bool {
        switch self {
        case .atContact, .throughProxy, .withCredentials, .automaticallyAdjusted, .afterRandomDelay, .elsewhere:
            true
        case .none, .atContactPermanently, .chooseContact, .afterCorrection, .later, .notUseful:
            false
        }
    }

    /// Whether the retried request carries a different Request-URI than the one dialled.
    /// (Trying another server for the same URI, as after a 503, does not count.)
    public var changesRequestURI: Bool {
        switch self {
        case .atContact, .atContactPermanently, .chooseContact: true
        default: false
        }
    }
}
