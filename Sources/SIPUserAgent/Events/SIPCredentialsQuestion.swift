/// The user agent needs a username and password for a realm (DESIGN.md, "401/407").
/// The front end answers with `SIPUserAgent.answer(_:with:)` or cancels; the request
/// waits meanwhile, and nothing blocks.
public struct SIPCredentialsQuestion: Sendable, Hashable, Identifiable, CustomStringConvertible {
    public let id: Int
    /// The realm the challenge names.
    public var realm: String
    /// The host that challenged (the registrar, proxy or peer the request went to).
    public var host: String
    /// 401 (WWW-Authenticate, a user agent or registrar) or 407 (Proxy-Authenticate).
    public var code: Int
    /// The request that was challenged: INVITE, REGISTER, BYE…
    public var method: String
    /// 1 the first time; 2 and up after the last credentials were rejected.
    public var attempt: Int
    /// A username to prefill (the account's), when known.
    public var suggestedUsername: String?
    /// The call this is for, when it is for a call.
    public var call: SIPCallHandle?
    /// The account this is for, when it is for a registration.
    public var account: String?

    public init(id: Int, realm: String, host: String, code: Int, method: String, attempt: Int,
                suggestedUsername: String?, call: SIPCallHandle?, account: String?) {
        self.id = id
        self.realm = realm
        self.host = host
        self.code = code
        self.method = method
        self.attempt = attempt
        self.suggestedUsername = suggestedUsername
        self.call = call
        self.account = account
    }

    /// True when the previous credentials for this realm were refused.
    public var lastWereRejected: Bool { attempt > 1 }

    public var description: String {
        "credentials for realm \"\(realm)\" at \(host) (\(code) to \(method), attempt \(attempt))"
    }
}
