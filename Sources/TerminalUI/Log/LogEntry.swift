import SIPCore
import SIPUserAgent

/// One transaction-log line: a `SIPMessageLogRecord` reduced to what the screen, the
/// filter and the exports need. The parsed message is not kept (the octets are, and the
/// detail pane reads them again), so 100,000 lines cost little more than their octets.
public struct LogEntry: Sendable {
    public enum Kind: Sendable, Hashable {
        case request(method: String)
        case response(code: Int)
        /// Octets that did not parse as SIP (the record's note says why).
        case unparsed
    }

    public var time: Double
    public var direction: SIPMessageLogRecord.Direction
    public var transport: String
    public var local: String?
    public var remote: String?
    public var bytes: [UInt8]
    public var kind: Kind
    /// "INVITE sip:bob@example.test" or "302 Moved Temporarily".
    public var summary: String
    /// "1 INVITE".
    public var cseq: String?
    public var callID: String?
    public var transactionKey: String?
    public var transactionState: String?
    public var isRetransmission: Bool
    public var note: String?
    /// Which transaction group it sits in (`TransactionLog`).
    public internal(set) var group: Int32 = 0

    public init(_ record: SIPMessageLogRecord) {
        time = record.time
        direction = record.direction
        transport = record.transport
        local = record.local
        remote = record.remote
        bytes = record.bytes
        transactionKey = record.transactionKey
        transactionState = record.transactionState
        isRetransmission = record.isRetransmission
        note = record.note
        if let message = record.message {
            if let method = message.method {
                kind = .request(method: method.rawValue)
                summary = method.rawValue + " " + (message.requestURIText ?? "")
            } else {
                let code = message.statusCode ?? 0
                kind = .response(code: code)
                summary = "\(code) \(message.reasonPhrase ?? "")"
            }
            cseq = message.cseq?.description
            callID = message.callID
        } else {
            kind = .unparsed
            summary = record.note ?? "(\(record.bytes.count) octets that are not SIP)"
            cseq = nil
            callID = nil
        }
    }

    public var statusCode: Int? {
        if case let .response(code) = kind { return code }
        return nil
    }

    public var method: String? {
        if case let .request(method) = kind { return method }
        return nil
    }

    /// The colour role of its line: requests, each response class, retransmissions, notes.
    public var role: Role {
        if isRetransmission { return .retransmission }
        switch kind {
        case .request: return .request
        case let .response(code): return Role.response(code: code)
        case .unparsed: return .logNote
        }
    }

    /// Call-ID cut to 8 characters for a column.
    public var shortCallID: String {
        guard let callID else { return "" }
        return callID.count <= 8 ? callID : String(callID.prefix(8))
    }

    /// The message as text (decoded leniently), for the detail pane and the text log.
    /// The message as a person reads it: SRTP keys hidden.
    public var text: String { SessionKeyMask.masked(String(decoding: bytes, as: UTF8.self)) }
}
