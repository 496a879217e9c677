/// An answer to a digest challenge: the Authorization / Proxy-Authorization header value and
/// what went into it that the caller keeps (the nonce count to increase, the response to log).
/// It holds neither the password nor HA1.
public struct DigestAnswer: Sendable, Equatable {
    /// The whole header value, starting with `Digest `.
    public var headerValue: String
    /// The `response` parameter (lower-case hex).
    public var response: String
    /// The `username` parameter as sent: the plain username, or H(username:realm) with userhash.
    public var sentUsername: String
    /// The `nc` parameter as sent (8 lower-case hex digits); nil without qop.
    public var nonceCount: String?
    /// The `cnonce` parameter as sent; nil without qop.
    public var cnonce: String?

    public init(headerValue: String, response: String, sentUsername: String, nonceCount: String?, cnonce: String?) {
        self.headerValue = headerValue
        self.response = response
        self.sentUsername = sentUsername
        self.nonceCount = nonceCount
        self.cnonce = cnonce
    }
}
