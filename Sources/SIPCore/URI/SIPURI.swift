/// A `sip:` or `sips:` URI (RFC 3261 §19.1):
/// `sip:user:password@host:port;uri-parameters?headers`.
///
/// Components are kept unescaped (`%61lice` is the user `alice`, `%00` is U+0000) and
/// escaped again by `description`. `==` and `hash` are structural: they see parameter
/// order and the spelling of the host. For the comparison of §19.1.4 (case-insensitive
/// host, parameters in any order, defaults that matter) use `isEquivalent(to:)`.
public struct SIPURI: Sendable, Hashable, CustomStringConvertible {
    /// `sips:` rather than `sip:`.
    public var isSecure: Bool
    /// The user part, or a telephone-subscriber, unescaped; nil when there is no `@`.
    public var user: String?
    /// The password after `user:`, unescaped; "" for `user:@host`, nil when absent.
    public var password: String?
    /// The host as written: a host name, an IPv4 address, or an IPv6 reference with its
    /// brackets (`[2001:db8::1]`).
    public var host: String
    /// The port, 0–65535, or nil when the URI names none (it is then not 5060: see
    /// `isEquivalent(to:)`).
    public var port: Int?
    /// The uri-parameters (`;transport=tcp;lr`), in order, names and values unescaped.
    public var parameters: SIPParameters
    /// The `?name=value&...` headers, in order, unescaped.
    public var headers: [SIPURIHeader]

    public init(
        isSecure: Bool = false,
        user: String? = nil,
        password: String? = nil,
        host: String,
        port: Int? = nil,
        parameters: SIPParameters = [],
        headers: [SIPURIHeader] = []
    ) {
        self.isSecure = isSecure
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.parameters = parameters
        self.headers = headers
    }

    /// Parses a whole `sip:`/`sips:` URI; nothing may surround it. Any other scheme is an
    /// error here (use `AnyURI` to accept every scheme).
    public init(parsing text: String) throws(SIPParseError) {
        let bytes = Array(text.utf8)
        do {
            self = try SIPURI.parse(bytes, in: 0..<bytes.count)
        } catch {
            throw error.located(in: bytes)
        }
    }

    /// The URI text, escaping in each component what may not appear there unescaped.
    /// It parses back to an equal value.
    public var description: String {
        var out = isSecure ? "sips:" : "sip:"
        if let user {
            PercentEncoding.encode(user, allowed: .user, into: &out)
            if let password {
                out += ":"
                PercentEncoding.encode(password, allowed: .password, into: &out)
            }
            out += "@"
        }
        out += host
        if let port {
            out += ":"
            out += String(port)
        }
        for parameter in parameters {
            out += ";"
            PercentEncoding.encode(parameter.name, allowed: .uriParam, into: &out)
            if let value = parameter.value {
                out += "="
                PercentEncoding.encode(value, allowed: .uriParam, into: &out)
            }
        }
        for (index, header) in headers.enumerated() {
            out += index == 0 ? "?" : "&"
            PercentEncoding.encode(header.name, allowed: .uriHeader, into: &out)
            out += "="
            PercentEncoding.encode(header.value, allowed: .uriHeader, into: &out)
        }
        return out
    }

    // MARK: Well-known parameters (RFC 3261 §19.1.1)

    /// `transport=` (udp, tcp, sctp, tls, or another token), as written.
    public var transport: String? {
        get { parameters["transport"] }
        set { setParameter("transport", newValue) }
    }

    /// `maddr=`: the address to send to instead of the host.
    public var maddr: String? {
        get { parameters["maddr"] }
        set { setParameter("maddr", newValue) }
    }

    /// `ttl=` for multicast, 0–255; nil when absent or not a number in range.
    public var ttl: Int? {
        guard let text = parameters["ttl"], let value = Int(text), (0...255).contains(value) else { return nil }
        return value
    }

    /// `method=`: the method of a request made from this URI.
    public var method: String? {
        get { parameters["method"] }
        set { setParameter("method", newValue) }
    }

    /// `user=` (`phone`, `ip`, or another token): what the user part is.
    public var userParameter: String? {
        get { parameters["user"] }
        set { setParameter("user", newValue) }
    }

    /// Whether the `lr` parameter (loose routing, RFC 3261 §19.1.1) is present.
    public var lr: Bool {
        get { parameters.contains("lr") }
        set {
            if newValue {
                if !parameters.contains("lr") { parameters.set("lr", nil) }
            } else {
                parameters.remove("lr")
            }
        }
    }

    /// The value of the first URI header called `name` (case-insensitive).
    public func header(named name: String) -> String? {
        headers.first { $0.name.equalsIgnoringASCIICase(name) }?.value
    }

    private mutating func setParameter(_ name: String, _ value: String?) {
        if let value {
            parameters.set(name, value)
        } else {
            parameters.remove(name)
        }
    }
}
