/// One TCP or TLS connection as the layer sees it.
public struct SIPConnectionInfo: Sendable, Hashable, CustomStringConvertible {
    public var id: SIPConnectionID
    public var transport: SIPTransport
    public var local: SIPAddress
    public var remote: SIPAddress
    /// Accepted from a peer (rather than opened by us).
    public var isInbound: Bool

    public var description: String {
        "\(transport) connection \(id) \(local) \(isInbound ? "←" : "→") \(remote)"
    }
}

/// What the transport tells its user besides messages.
public enum SIPTransportEvent: Sendable, CustomStringConvertible {
    /// A connection was opened (by us or by a peer); for TLS, its handshake is done.
    case connectionOpened(SIPConnectionInfo)
    /// A connection closed; `error` says why when it was not a clean close.
    case connectionClosed(SIPConnectionInfo, error: SIPTransportError?)
    /// A single-CRLF pong answered a keep-alive ping (RFC 5626 §4.4.1).
    case keepAlivePong(SIPConnectionInfo)

    public var description: String {
        switch self {
        case let .connectionOpened(info): "opened \(info)"
        case let .connectionClosed(info, error): "closed \(info)" + (error.map { ": \($0)" } ?? "")
        case let .keepAlivePong(info): "pong on \(info)"
        }
    }
}
