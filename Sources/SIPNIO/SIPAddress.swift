/// A numeric socket address: an IPv4 or IPv6 address in text and a port. It is what
/// a socket is bound to or talks to, never a host name (names are resolved first).
///
/// The host is kept without brackets (`::1`, not `[::1]`); `description` and `hostport`
/// add them where SIP writes them.
public struct SIPAddress: Sendable, Hashable, CustomStringConvertible {
    /// `127.0.0.1`, `::1`, `2001:db8::5`.
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = SIPAddress.stripBrackets(host)
        self.port = port
    }

    public static func ipv4(_ host: String, _ port: Int) -> SIPAddress { SIPAddress(host: host, port: port) }
    public static func ipv6(_ host: String, _ port: Int) -> SIPAddress { SIPAddress(host: host, port: port) }

    public var isIPv6: Bool { host.utf8.contains(UInt8(ascii: ":")) }

    /// The host as SIP writes it in a Via or a URI: IPv6 in brackets.
    public var sipHost: String { isIPv6 ? "[\(host)]" : host }

    /// `127.0.0.1:5060`, `[::1]:5060`.
    public var description: String { "\(sipHost):\(port)" }

    /// Whether this is the unspecified address (0.0.0.0 or ::), as a wildcard bind gives.
    public var isWildcard: Bool {
        guard let bytes = IPAddressText.parse(host) else { return false }
        return bytes.allSatisfy { $0 == 0 }
    }

    static func stripBrackets(_ host: String) -> String {
        if host.hasPrefix("["), host.hasSuffix("]") { return String(host.dropFirst().dropLast()) }
        return host
    }
}
