/// A quality of protection this implementation can answer with (RFC 7616 §3.3): `auth` covers
/// the method and URI, `auth-int` also the message body. A challenge without `qop` is answered
/// in RFC 2069 compatibility mode; that is spelled `DigestQOP?.none` (no `qop` parameter at all).
public enum DigestQOP: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case auth = "auth"
    case authInt = "auth-int"

    /// Reads one qop token; case-insensitive, nil for a value this implementation cannot answer
    /// (such as `auth-conf`).
    public init?(token: String) {
        switch DigestText.asciiLowercased(token) {
        case "auth": self = .auth
        case "auth-int": self = .authInt
        default: return nil
        }
    }

    /// The token as it appears in `qop=` and in the response formula.
    public var token: String { rawValue }

    public var description: String { rawValue }
}
