/// What to do with a 3xx (DESIGN.md, "302"): a setting (`redirect = "follow"` in the config).
public enum SIPRedirectPolicy: String, Sendable, Hashable, CaseIterable {
    /// Retry at the Contacts at once, in q order (the default). 300 still asks.
    case follow
    /// Offer the Contacts as a choice first.
    case ask
    /// End the call with the 3xx, naming where it pointed.
    case never
}
