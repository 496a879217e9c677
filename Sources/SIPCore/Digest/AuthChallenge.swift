/// One challenge from a WWW-Authenticate or Proxy-Authenticate value (RFC 7235 §2.1,
/// RFC 3261 §22, RFC 7616 §3.3): a scheme and its parameters, kept in order and whole, so that
/// the user agent can choose among several and ignore the ones it does not know.
public struct AuthChallenge: Sendable, Hashable {
    /// The scheme as received (`Digest`, `Basic`, or anything else); compare case-insensitively.
    public var scheme: String
    /// The auth-params in the order received, unknown ones included.
    public var parameters: [AuthParameter]
    /// The token68 form some schemes use instead of parameters (`Negotiate YII...`).
    public var token68: String?

    public init(scheme: String, parameters: [AuthParameter] = [], token68: String? = nil) {
        self.scheme = scheme
        self.parameters = parameters
        self.token68 = token68
    }

    /// Reads every challenge in one header value, in order. HTTP servers put several in one
    /// value (`Digest realm="a", nonce="x", algorithm=SHA-256, Digest realm="a", nonce="y"`);
    /// SIP puts one per header line, which reads the same way.
    ///
    /// `allowingMissingCommas` accepts parameters separated only by whitespace.
    public static func parseList(
        _ value: String, allowingMissingCommas: Bool = false
    ) throws(DigestSyntaxError) -> [AuthChallenge] {
        var parser = AuthHeaderParser(value, allowsMissingCommas: allowingMissingCommas)
        return try parser.parseList().map {
            AuthChallenge(scheme: $0.scheme, parameters: $0.parameters, token68: $0.token68)
        }
    }

    /// Reads the challenges of several header lines (one value each, in message order) into
    /// one ordered list; an error's `valueIndex` says which value was at fault.
    public static func parseList(
        _ values: [String], allowingMissingCommas: Bool = false
    ) throws(DigestSyntaxError) -> [AuthChallenge] {
        var challenges: [AuthChallenge] = []
        for (index, value) in values.enumerated() {
            do throws(DigestSyntaxError) {
                challenges += try parseList(value, allowingMissingCommas: allowingMissingCommas)
            } catch {
                throw DigestSyntaxError(reason: error.reason, offset: error.offset, valueIndex: index)
            }
        }
        return challenges
    }

    /// The value of a parameter, by case-insensitive name.
    public subscript(parameter name: String) -> String? {
        parameters.value(named: name)
    }

    /// Whether this is a Digest challenge (scheme names are case-insensitive).
    public var isDigest: Bool { DigestText.equalsIgnoringASCIICase(scheme, "Digest") }

    /// The protection space to ask the user about.
    public var realm: String? { self[parameter: "realm"] }

    /// The URIs of the protection space (a space-separated list; RFC 7616 §3.3).
    public var domain: [String] {
        guard let value = self[parameter: "domain"] else { return [] }
        return value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    public var nonce: String? { self[parameter: "nonce"] }

    /// Echoed unchanged in the answer.
    public var opaque: String? { self[parameter: "opaque"] }

    /// `stale=true` (any case): the nonce expired but the credentials were right, so retry
    /// with the new nonce without asking the user (RFC 7616 §3.3).
    public var stale: Bool {
        self[parameter: "stale"].map { DigestText.equalsIgnoringASCIICase($0, "true") } ?? false
    }

    /// The `algorithm` parameter as received, nil when absent.
    public var algorithmName: String? { self[parameter: "algorithm"] }

    /// The algorithm to answer with: MD5 when the parameter is absent (RFC 7616 §3.3), nil when
    /// it names one this implementation does not support.
    public var algorithm: DigestAlgorithm? {
        guard let name = algorithmName else { return .md5 }
        return DigestAlgorithm(name: name)
    }

    /// The offered qop values (`qop="auth,auth-int"`), lower-cased and trimmed, empty items
    /// dropped; nil when the parameter is absent (RFC 2069 compatibility).
    public var qopOptions: [String]? {
        guard let value = self[parameter: "qop"] else { return nil }
        return value.split(separator: ",")
            .map { DigestText.asciiLowercased(DigestText.trimmingSpacesAndTabs(String($0))) }
            .filter { !$0.isEmpty }
    }

    /// `charset` as received; RFC 7616 §3.3 only allows `UTF-8`, which is what this code uses anyway.
    public var charset: String? { self[parameter: "charset"] }

    /// `userhash=true` (any case): send H(username:realm) instead of the username (RFC 7616 §3.4.4).
    public var userhash: Bool {
        self[parameter: "userhash"].map { DigestText.equalsIgnoringASCIICase($0, "true") } ?? false
    }
}
