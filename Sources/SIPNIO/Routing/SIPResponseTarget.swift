import SIPCore

/// Where a response goes, by RFC 3261 §18.2.2 and RFC 3581 §4, decided from the top Via
/// of the request (as stamped on receipt) and where the request came from. Pure: a host
/// name in the result still needs RFC 3263 §6 resolution (`SIPTargetPlan.plan(forResponseTo:)`).
public struct SIPResponseTarget: Sendable, Hashable, CustomStringConvertible {
    public var transport: SIPTransport
    /// Reliable transports: the request's connection, used while it is open.
    public var connection: SIPConnectionID?
    /// Where to send (or connect) otherwise: an IP address or a host name.
    public var host: String
    /// The port; nil when the Via named none and `host` is a name: then RFC 3263 §6 asks
    /// for SRV first (a numeric host gets the transport's default port instead).
    public var port: Int?
    /// Unreliable transports: send from the socket the request arrived on (RFC 3581 §4).
    public var localAddress: SIPAddress?

    public init(transport: SIPTransport, connection: SIPConnectionID? = nil, host: String, port: Int?, localAddress: SIPAddress? = nil) {
        self.transport = transport
        self.connection = connection
        self.host = host
        self.port = port
        self.localAddress = localAddress
    }

    public var description: String {
        var text = "\(transport) \(host)" + (port.map { ":\($0)" } ?? "")
        if let connection { text = "connection \(connection), else " + text }
        return text
    }

    /// §18.2.2:
    /// - reliable (TCP, TLS): the connection the request came over; if it has closed,
    ///   connect to `received` (else the sent-by host) on the sent-by port (else the
    ///   transport's default);
    /// - unreliable, `maddr`: that address, on the sent-by port or 5060;
    /// - unreliable, `received`: that address, on `rport`'s value (RFC 3581), else the
    ///   sent-by port, else 5060;
    /// - otherwise the sent-by itself, resolved by RFC 3263 §6.
    ///
    /// Nil when the Via names a transport Dialtone does not speak (SCTP, WS…): the
    /// response cannot be sent.
    public static func forResponse(topVia via: SIPVia, sourceOfRequest source: SIPMessageSource) -> SIPResponseTarget? {
        guard let transport = SIPTransport(viaToken: via.transport) else { return nil }
        if transport.isReliable {
            return SIPResponseTarget(
                transport: transport,
                connection: source.transport.isReliable ? source.connection : nil,
                host: via.received ?? via.host,
                port: via.port ?? (via.received != nil || IPAddressText.isLiteral(via.host) ? transport.defaultPort : nil))
        }
        if let maddr = via.maddr {
            return SIPResponseTarget(transport: transport, host: maddr, port: via.port ?? transport.defaultPort,
                                     localAddress: source.local)
        }
        if let received = via.received {
            let port: Int
            if case let .port(rport) = via.rport {
                port = rport
            } else {
                port = via.port ?? transport.defaultPort
            }
            return SIPResponseTarget(transport: transport, host: received, port: port, localAddress: source.local)
        }
        let numeric = IPAddressText.isLiteral(via.host)
        return SIPResponseTarget(transport: transport, host: via.host,
                                 port: via.port ?? (numeric ? transport.defaultPort : nil),
                                 localAddress: source.local)
    }
}
