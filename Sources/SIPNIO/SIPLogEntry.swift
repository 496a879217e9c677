import SIPCore

/// One line of the transport's log: a message (or keep-alive) sent or received, or one
/// dropped, with the octets as they crossed the wire. The TUI's transaction log and
/// `--trace` read these.
public struct SIPLogEntry: Sendable {
    public enum Direction: String, Sendable, Hashable {
        case sent, received
    }

    public enum Kind: Sendable, Hashable {
        /// A SIP message.
        case message
        /// A CRLF keep-alive: a double-CRLF ping or a single-CRLF pong (RFC 5626 §4.4.1).
        case keepAlivePing, keepAlivePong
        /// Octets that were not delivered: a malformed or oversized datagram, a stream
        /// that could not be framed, a response whose Via is not ours. The reason says why.
        case dropped(reason: String)
    }

    /// By the wall clock.
    public var time: SIPWallTime
    public var direction: Direction
    public var kind: Kind
    public var transport: SIPTransport
    /// Our end (nil only when it is unknown, as for a socket that failed).
    public var local: SIPAddress?
    /// The peer's end.
    public var remote: SIPAddress?
    /// TCP and TLS: the connection.
    public var connection: SIPConnectionID?
    /// The octets as sent or received (for a dropped stream, those buffered when it was
    /// given up, which may be cut).
    public var bytes: [UInt8]
    /// The transaction the message belongs to, when the caller knows it: filled from the
    /// send call's `transactionKey`, or for received messages by
    /// `SIPTransportConfiguration.transactionKey`.
    public var transactionKey: String?
    /// That transaction's state (`Calling`, `Proceeding`…) when known: a `SIPEndpoint`
    /// fills it for the messages of its transactions (for a received one, the state the
    /// message led to).
    public var transactionState: String?
    /// The message the octets are, for `.message` entries: the transport parsed or
    /// serialized it anyway, so a log reader need not parse the octets again.
    public var message: SIPMessage?

    public init(time: SIPWallTime, direction: Direction, kind: Kind, transport: SIPTransport,
                local: SIPAddress?, remote: SIPAddress?, connection: SIPConnectionID?,
                bytes: [UInt8], transactionKey: String?, transactionState: String? = nil, message: SIPMessage? = nil) {
        self.time = time
        self.direction = direction
        self.kind = kind
        self.transport = transport
        self.local = local
        self.remote = remote
        self.connection = connection
        self.bytes = bytes
        self.transactionKey = transactionKey
        self.transactionState = transactionState
        self.message = message
    }

    /// `14:03:27.512 sent UDP 127.0.0.1:5060 → 127.0.0.1:5070 (412 octets)`: a one-line
    /// summary, without the octets.
    public var summary: String {
        let arrow = direction == .sent ? "→" : "←"
        var text = "\(time) \(direction.rawValue) \(transport) \(local.map(\.description) ?? "?") \(arrow) \(remote.map(\.description) ?? "?")"
        if let connection { text += " \(connection)" }
        switch kind {
        case .message: text += " (\(bytes.count) octets)"
        case .keepAlivePing: text += " keep-alive ping"
        case .keepAlivePong: text += " keep-alive pong"
        case let .dropped(reason): text += " dropped (\(bytes.count) octets): \(reason)"
        }
        if let transactionKey {
            text += " [\(transactionKey)\(transactionState.map { " · \($0)" } ?? "")]"
        }
        return text
    }
}

/// Where log entries go. Called on the transport's event loop for every entry, so it
/// must be quick (hand the entry on; do not block).
public protocol SIPLogSink: Sendable {
    func record(_ entry: SIPLogEntry)
}

/// A log sink made of a closure.
public struct SIPClosureLogSink: SIPLogSink {
    let body: @Sendable (SIPLogEntry) -> Void

    public init(_ body: @escaping @Sendable (SIPLogEntry) -> Void) { self.body = body }

    public func record(_ entry: SIPLogEntry) { body(entry) }
}
