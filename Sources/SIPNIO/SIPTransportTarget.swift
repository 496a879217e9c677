/// Where to send one message: a transport and a numeric address, plus what the layer
/// needs to send it the right way.
///
/// A target is what RFC 3263 resolution gives (`SIPTargetResolver`) and what §18.2.2
/// gives for a response (`SIPResponseTarget`, once its host is resolved).
public struct SIPTransportTarget: Sendable, Hashable, CustomStringConvertible {
    public var transport: SIPTransport
    public var address: SIPAddress
    /// For TLS: the name the server's certificate must carry (the URI's host, RFC 5922
    /// §4), nil to check the certificate against the IP address instead.
    public var tlsServerName: String?
    /// For TCP and TLS: send over this connection if it is still open (a response goes
    /// back over the request's connection, §18.2.2); otherwise reuse or open one to
    /// `address`.
    public var connection: SIPConnectionID?
    /// For UDP: send from the socket bound to this address (a response leaves from where
    /// its request arrived, RFC 3581 §4); nil picks a socket of the right family.
    public var localAddress: SIPAddress?
    /// Whether a UDP request too large for a datagram may go over TCP to the same address
    /// instead (§18.1.1); false when the URI asked for UDP in so many words.
    public var allowsTCPForLargeRequests: Bool

    public init(
        transport: SIPTransport,
        address: SIPAddress,
        tlsServerName: String? = nil,
        connection: SIPConnectionID? = nil,
        localAddress: SIPAddress? = nil,
        allowsTCPForLargeRequests: Bool = true
    ) {
        self.transport = transport
        self.address = address
        self.tlsServerName = tlsServerName
        self.connection = connection
        self.localAddress = localAddress
        self.allowsTCPForLargeRequests = allowsTCPForLargeRequests
    }

    public static func udp(_ address: SIPAddress) -> SIPTransportTarget { SIPTransportTarget(transport: .udp, address: address) }
    public static func tcp(_ address: SIPAddress) -> SIPTransportTarget { SIPTransportTarget(transport: .tcp, address: address) }
    public static func tls(_ address: SIPAddress, serverName: String? = nil) -> SIPTransportTarget {
        SIPTransportTarget(transport: .tls, address: address, tlsServerName: serverName)
    }

    /// `TLS [::1]:5061 (sip.example.com)`.
    public var description: String {
        var text = "\(transport) \(address)"
        if let tlsServerName { text += " (\(tlsServerName))" }
        if let connection { text += " on connection \(connection)" }
        return text
    }
}
