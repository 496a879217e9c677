import SIPCore

/// One SIP message sent or received, as the transaction log shows it: what crossed the
/// wire, between which addresses, and which transaction it belongs to. SIPNIO makes
/// these from its transport log; front ends need nothing below SIPUserAgent to show them.
public struct SIPMessageLogRecord: Sendable {
    public enum Direction: String, Sendable, Hashable {
        case sent, received
    }

    /// Wall-clock seconds since 1970 (UTC).
    public var time: Double
    public var direction: Direction
    /// "UDP", "TCP", "TLS".
    public var transport: String
    /// "127.0.0.1:5060".
    public var local: String?
    public var remote: String?
    /// The octets as they crossed the wire.
    public var bytes: [UInt8]
    /// The parsed message, nil for octets that did not parse (then `note` says why).
    public var message: SIPMessage?
    /// The transaction's name (`z9hG4bK…/INVITE/client`), when it belongs to one.
    public var transactionKey: String?
    /// That transaction's state when the message passed (Calling, Proceeding…).
    public var transactionState: String?
    /// The same octets already went this way in this transaction.
    public var isRetransmission: Bool
    /// A dropped message's reason, a keep-alive, or nil for an ordinary message.
    public var note: String?

    public init(time: Double, direction: Direction, transport: String, local: String?, remote: String?,
                bytes: [UInt8], message: SIPMessage?, transactionKey: String?, transactionState: String?,
                isRetransmission: Bool, note: String? = nil) {
        self.time = time
        self.direction = direction
        self.transport = transport
        self.local = local
        self.remote = remote
        self.bytes = bytes
        self.message = message
        self.transactionKey = transactionKey
        self.transactionState = transactionState
        self.isRetransmission = isRetransmission
        self.note = note
    }
}
