/// Every failure of the transport layer, in plain words. `kind` says what went wrong in
/// a way code can switch on; `description` says it to a person, naming the target, the
/// file or the names looked up. A transport error ends at most the transaction or the
/// connection it concerns, never the program.
public struct SIPTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. A struct rather than an enum so that kinds can be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        private init(_ name: String) { self.name = name }

        /// A message larger than the configured limit (sent, or received on a stream).
        public static let messageTooLarge = Kind("message too large")
        /// A stream could not be framed; its connection was closed.
        public static let framingError = Kind("framing error")
        /// A TCP or TLS connection could not be opened.
        public static let connectFailed = Kind("connect failed")
        /// The TLS handshake failed: most often the peer's certificate is not trusted or
        /// not valid for the name.
        public static let tlsHandshakeFailed = Kind("TLS handshake failed")
        /// The TLS settings cannot be used: an unreadable CA file, a missing certificate.
        public static let tlsConfiguration = Kind("TLS configuration")
        /// The connection closed before or while the message was written.
        public static let connectionClosed = Kind("connection closed")
        /// A write to a socket failed.
        public static let sendFailed = Kind("send failed")
        /// RFC 3263 found no address for a URI or Via.
        public static let resolutionFailed = Kind("resolution failed")
        /// The target asks for a transport Dialtone does not speak, or has no socket for.
        public static let unsupportedTransport = Kind("unsupported transport")
        /// A socket could not be bound.
        public static let bindFailed = Kind("bind failed")
        /// The target is not a usable address (a host name where an IP address is needed).
        public static let invalidTarget = Kind("invalid target")
        /// The message cannot be sent as it is (a response without a Via…).
        public static let invalidMessage = Kind("invalid message")
        /// The layer was shut down.
        public static let shutDown = Kind("shut down")

        public var description: String { name }
    }

    public var kind: Kind
    /// The whole story in plain words.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    static func messageTooLarge(size: Int, limit: Int, what: String) -> SIPTransportError {
        SIPTransportError(.messageTooLarge, "\(what) of \(size) octets is larger than the limit of \(limit) octets")
    }

    static func framingError(_ reason: String, remote: SIPAddress?) -> SIPTransportError {
        let peer = remote.map { " from \($0)" } ?? ""
        return SIPTransportError(.framingError, "cannot frame the stream\(peer): \(reason); closing the connection")
    }

    static func connectFailed(_ target: SIPTransportTarget, reason: String) -> SIPTransportError {
        SIPTransportError(.connectFailed, "cannot connect to \(target): \(reason)")
    }

    static func connectionClosed(_ target: String) -> SIPTransportError {
        SIPTransportError(.connectionClosed, "the connection to \(target) is closed")
    }

    static func sendFailed(_ target: SIPTransportTarget, reason: String) -> SIPTransportError {
        SIPTransportError(.sendFailed, "cannot send to \(target): \(reason)")
    }

    static func unsupportedTransport(_ what: String) -> SIPTransportError {
        SIPTransportError(.unsupportedTransport, what)
    }

    static func invalidMessage(_ what: String) -> SIPTransportError {
        SIPTransportError(.invalidMessage, what)
    }

    static let shutDown = SIPTransportError(.shutDown, "the SIP transport layer is shut down")
}
