import NIOCore

extension SIPAddress {
    /// The address of an IPv4 or IPv6 socket address; nil for a Unix socket.
    init?(socketAddress: SocketAddress) {
        guard let host = socketAddress.ipAddress, let port = socketAddress.port else { return nil }
        self.init(host: host, port: port)
    }

    /// This address for a socket call; throws for a host that is not an IP literal.
    func socketAddress() throws(SIPTransportError) -> SocketAddress {
        do {
            return try SocketAddress(ipAddress: host, port: port)
        } catch {
            throw SIPTransportError(.invalidTarget, "\(host) is not an IP address (resolve host names first)")
        }
    }
}
