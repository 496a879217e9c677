import SIPCore

/// Where a message came from: the transport, the two ends, and for TCP and TLS the
/// connection. This is what §18.2.2 needs to route the response.
public struct SIPMessageSource: Sendable, Hashable, CustomStringConvertible {
    public var transport: SIPTransport
    /// Our end: the address the socket is bound to (or the connection's local end).
    public var local: SIPAddress
    /// The peer's end: the source address and port of the datagram or connection.
    public var remote: SIPAddress
    /// The connection it came over (TCP, TLS); nil for UDP.
    public var connection: SIPConnectionID?

    public init(transport: SIPTransport, local: SIPAddress, remote: SIPAddress, connection: SIPConnectionID? = nil) {
        self.transport = transport
        self.local = local
        self.remote = remote
        self.connection = connection
    }

    public var description: String {
        "\(transport) \(remote) → \(local)" + (connection.map { " \($0)" } ?? "")
    }
}

/// A message the transport received and framed. For a request, the top Via already
/// carries `received` and `rport` as §18.2.1 and RFC 3581 §4 ask.
public struct SIPInboundMessage: Sendable {
    public var message: SIPMessage
    public var source: SIPMessageSource
    /// The octets as they arrived (before `received`/`rport` were added).
    public var bytes: [UInt8]
    /// When it arrived, by the wall clock.
    public var receivedAt: SIPWallTime

    public init(message: SIPMessage, source: SIPMessageSource, bytes: [UInt8], receivedAt: SIPWallTime) {
        self.message = message
        self.source = source
        self.bytes = bytes
        self.receivedAt = receivedAt
    }
}

/// What a send did: the message as it went on the wire (with the Via the layer wrote)
/// and the two ends it went between.
public struct SIPSentMessage: Sendable {
    /// The message as sent: a request carries the top Via the layer wrote (keep it to
    /// retransmit, or to build a CANCEL with the same branch).
    public var message: SIPMessage
    public var transport: SIPTransport
    public var local: SIPAddress
    public var remote: SIPAddress
    public var connection: SIPConnectionID?
    public var bytes: [UInt8]
}
