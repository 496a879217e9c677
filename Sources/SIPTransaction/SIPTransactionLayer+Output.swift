import SIPCore

extension SIPTransactionLayer {
    /// What the layer asks of its caller, each for one transaction (named by its key),
    /// except strays, which belong to none.
    public enum Output: Sendable, CustomStringConvertible {
        /// Pass this message to the transport for that transaction.
        case send(SIPMessage, for: SIPTransactionKey)
        /// Start that transaction's `timer` to fire at the instant given (replacing one
        /// already armed); when it fires, call `timerFired(_:for:now:)`.
        case arm(SIPTimer, for: SIPTransactionKey, at: SIPInstant)
        /// Stop that transaction's `timer`.
        case cancel(SIPTimer, for: SIPTransactionKey)
        /// Tell the transaction user about that transaction.
        case tell(SIPTransactionEvent, for: SIPTransactionKey)
        /// A received message that belongs to no transaction, for the transaction user: a
        /// response that matches no client transaction (a 2xx retransmitted after Timer M,
        /// a stray), or an ACK that matches no server INVITE transaction (the ACK for a 2xx,
        /// which is the user agent's).
        case stray(SIPMessage)

        /// The transaction the output is for; nil for a stray.
        public var key: SIPTransactionKey? {
            switch self {
            case let .send(_, key), let .arm(_, key, _), let .cancel(_, key), let .tell(_, key): key
            case .stray: nil
            }
        }

        public var description: String {
            switch self {
            case let .send(message, key): "[\(key)] send \(message.summary)"
            case let .arm(timer, key, at): "[\(key)] arm \(timer) at \(at)"
            case let .cancel(timer, key): "[\(key)] cancel \(timer)"
            case let .tell(event, key): "[\(key)] tell \(event)"
            case let .stray(message): "stray \(message.summary)"
            }
        }

        init(_ action: SIPTransactionAction, for key: SIPTransactionKey) {
            switch action {
            case let .send(message): self = .send(message, for: key)
            case let .arm(timer, at): self = .arm(timer, for: key, at: at)
            case let .cancel(timer): self = .cancel(timer, for: key)
            case let .tell(event): self = .tell(event, for: key)
            }
        }
    }
}

/// Two outputs are equal when they do the same thing; messages compare by their octets.
extension SIPTransactionLayer.Output: Equatable {
    public static func == (lhs: SIPTransactionLayer.Output, rhs: SIPTransactionLayer.Output) -> Bool {
        switch (lhs, rhs) {
        case let (.send(a, x), .send(b, y)): x == y && a.serialized() == b.serialized()
        case let (.arm(a, x, s), .arm(b, y, t)): a == b && x == y && s == t
        case let (.cancel(a, x), .cancel(b, y)): a == b && x == y
        case let (.tell(a, x), .tell(b, y)): a == b && x == y
        case let (.stray(a), .stray(b)): a.serialized() == b.serialized()
        default: false
        }
    }
}
