/// Why the transaction layer refused an input. Each error reaches no further than the one
/// message or call it names: a received message that cannot be matched is dropped, a
/// request that cannot start a transaction is not sent, and every transaction carries on.
public struct SIPTransactionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a small open set of kinds.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// A received message lacks what matching needs (a top Via, a CSeq, a Call-ID): drop it.
        public static let unmatchable = Kind("unmatchable")
        /// A request handed down cannot start a client transaction (no RFC 3261 branch,
        /// no CSeq, an ACK, a response).
        public static let cannotStart = Kind("cannot start")
        /// A client transaction with that branch and method already exists.
        public static let duplicate = Kind("duplicate")
        /// No live server transaction has that key (it never existed or has terminated).
        public static let noSuchTransaction = Kind("no such transaction")
    }

    public let kind: Kind
    /// The reason in plain words.
    public let reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { reason }

    static func unmatchable(_ reason: String) -> SIPTransactionError { SIPTransactionError(.unmatchable, reason) }
    static func cannotStart(_ reason: String) -> SIPTransactionError { SIPTransactionError(.cannotStart, reason) }
    static func duplicate(_ key: SIPTransactionKey) -> SIPTransactionError {
        SIPTransactionError(.duplicate, "a transaction \(key) already exists; a new request needs a new branch")
    }
    static func noSuchTransaction(_ key: SIPTransactionKey) -> SIPTransactionError {
        SIPTransactionError(.noSuchTransaction, "no live server transaction \(key)")
    }
}
