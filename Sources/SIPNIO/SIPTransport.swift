/// The transports Dialtone speaks: UDP, TCP, and TLS over TCP.
public enum SIPTransport: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case udp, tcp, tls

    /// Reliable transports frame a stream, need no retransmission, and route responses
    /// over the request's connection (§18.2.2).
    public var isReliable: Bool { self != .udp }

    /// Whether this transport rides a connection (TCP, TLS).
    public var isStream: Bool { self != .udp }

    /// The token in a Via: `UDP`, `TCP`, `TLS`.
    public var viaToken: String { rawValue.uppercased() }

    /// The value of a URI's `transport=` parameter.
    public var uriParameter: String { rawValue }

    /// 5060 for UDP and TCP, 5061 for TLS (§19.1.2).
    public var defaultPort: Int { self == .tls ? 5061 : 5060 }

    /// The transport a Via names (`UDP`, `tcp`…), or nil for one Dialtone does not speak.
    public init?(viaToken: String) {
        switch viaToken.lowercased() {
        case "udp": self = .udp
        case "tcp": self = .tcp
        case "tls": self = .tls
        default: return nil
        }
    }

    public var description: String { viaToken }
}
