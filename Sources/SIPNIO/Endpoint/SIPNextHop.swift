import SIPCore

/// Where a request goes next: a transport target given outright, or a URI resolved by
/// RFC 3263 (the Request-URI, or an outbound proxy) when the request is handed over.
public enum SIPNextHop: Sendable, CustomStringConvertible {
    /// This transport and address.
    case target(SIPTransportTarget)
    /// Resolve `uri` (or `outboundProxy`, when given: it is then the next hop) by RFC 3263
    /// and take the first target. A SIPS URI makes the hop TLS (§26.2.2).
    case uri(SIPURI, outboundProxy: SIPURI? = nil)

    public var description: String {
        switch self {
        case let .target(target): target.description
        case let .uri(uri, proxy): proxy.map { "\(uri) via \($0)" } ?? uri.description
        }
    }
}
