import SIPCore

/// Credentials and the last challenge per (realm, host), for the session (DESIGN.md:
/// "later requests to that realm reuse the nonce with nc + 1"). Never written anywhere:
/// the opt-in store is the front end's.
struct CredentialCache: Sendable {
    struct Key: Sendable, Hashable {
        var realm: String
        var host: String
    }

    struct Entry: Sendable {
        var credentials: DigestCredentials
        /// The challenge last answered, and how many requests used its nonce.
        var authorizer: DigestAuthorizer?
        var code: Int
        var nonceCount: UInt32
        /// Nil: kept for the session. Otherwise dropped when that call or registration ends.
        var owner: AuthOwner?
        /// The methods this realm has challenged at this host, each with the code it used
        /// (401: Authorization, 407: Proxy-Authorization): only those get the header before
        /// they are asked (a REGISTER refresh, the next INVITE through the proxy), so a
        /// realm's answer does not ride along on requests it never asked about.
        var challenged: [String: Int] = [:]
    }

    private(set) var entries: [Key: Entry] = [:]

    subscript(key: Key) -> Entry? {
        get { entries[key] }
        set { entries[key] = newValue }
    }

    /// The entries whose challenges came from `host` for `method`: answered before they are asked.
    func keys(forHost host: String, method: String) -> [Key] {
        entries.keys.filter { key in
            guard key.host == host, let entry = entries[key], entry.authorizer != nil else { return false }
            return entry.challenged[method] != nil
        }.sorted { $0.realm < $1.realm }
    }

    mutating func forget(owner: AuthOwner) {
        entries = entries.filter { $0.value.owner != owner }
    }
}
