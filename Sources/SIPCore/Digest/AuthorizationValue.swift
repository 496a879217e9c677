/// Credentials from an Authorization or Proxy-Authorization value (RFC 7235 §4.2, RFC 7616
/// §3.4, RFC 3261 §22): what a server (a test peer, the demo) reads to check an answer.
public struct AuthorizationValue: Sendable, Hashable {
    /// The scheme as received; compare case-insensitively.
    public var scheme: String
    /// The auth-params in the order received, unknown ones included.
    public var parameters: [AuthParameter]
    /// The token68 form (`Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==`), when used instead of parameters.
    public var token68: String?

    public init(scheme: String, parameters: [AuthParameter] = [], token68: String? = nil) {
        self.scheme = scheme
        self.parameters = parameters
        self.token68 = token68
    }

    /// Reads one header value (one scheme: credentials are never comma-joined).
    ///
    /// `allowingMissingCommas` accepts parameters separated only by whitespace, as printed in
    /// RFC 3665 §2.1 F3; the default is strict.
    public static func parse(
        _ value: String, allowingMissingCommas: Bool = false
    ) throws(DigestSyntaxError) -> AuthorizationValue {
        var parser = AuthHeaderParser(value, allowsMissingCommas: allowingMissingCommas)
        let item = try parser.parseSingle()
        return AuthorizationValue(scheme: item.scheme, parameters: item.parameters, token68: item.token68)
    }

    /// The value of a parameter, by case-insensitive name.
    public subscript(parameter name: String) -> String? {
        parameters.value(named: name)
    }

    public var isDigest: Bool { DigestText.equalsIgnoringASCIICase(scheme, "Digest") }

    /// The username, or H(username:realm) when `userhash` is true.
    public var username: String? { self[parameter: "username"] }
    public var realm: String? { self[parameter: "realm"] }
    public var nonce: String? { self[parameter: "nonce"] }
    /// The digest-uri: the Request-URI the client says it signed.
    public var uri: String? { self[parameter: "uri"] }
    public var response: String? { self[parameter: "response"] }
    public var algorithmName: String? { self[parameter: "algorithm"] }

    /// MD5 when absent, nil when unknown (as for challenges).
    public var algorithm: DigestAlgorithm? {
        guard let name = algorithmName else { return .md5 }
        return DigestAlgorithm(name: name)
    }

    public var cnonce: String? { self[parameter: "cnonce"] }
    public var opaque: String? { self[parameter: "opaque"] }
    /// The `qop` parameter as received; see `qop` for the parsed form.
    public var qopName: String? { self[parameter: "qop"] }

    /// The chosen qop; nil when absent or unknown (check `qopName` to tell which).
    public var qop: DigestQOP? { qopName.flatMap(DigestQOP.init(token:)) }

    /// The `nc` parameter as received (RFC 7616 writes 8 hex digits).
    public var nc: String? { self[parameter: "nc"] }

    /// `nc` as a number, nil when absent or not hex that fits 32 bits.
    public var nonceCount: UInt32? { nc.flatMap { UInt32($0, radix: 16) } }

    /// `userhash=true` (any case): `username` is H(username:realm).
    public var userhash: Bool {
        self[parameter: "userhash"].map { DigestText.equalsIgnoringASCIICase($0, "true") } ?? false
    }
}
