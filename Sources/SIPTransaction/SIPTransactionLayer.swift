import SIPCore

/// Every transaction of one SIP element (RFC 3261 §17), sans-IO. It creates client
/// transactions for requests the transaction user sends, matches received responses to
/// them (§17.1.3) and received requests to server transactions (§17.2.3), creates server
/// transactions for new requests, absorbs retransmissions, and hands the rest up.
///
/// Inputs carry `now`; outputs say, for one transaction each: send this message, arm or
/// cancel this timer at this instant, tell the transaction user this — or hand up a stray.
/// A transaction is dropped the moment it reaches Terminated (after its `terminated`
/// event), and a timer or transport error reported for a key that is gone is ignored.
public struct SIPTransactionLayer: Sendable {
    public let timerValues: SIPTimerValues

    enum Transaction: Sendable {
        case clientInvite(SIPClientInviteTransaction)
        case clientNonInvite(SIPClientNonInviteTransaction)
        case serverInvite(SIPServerInviteTransaction)
        case serverNonInvite(SIPServerNonInviteTransaction)

        var state: SIPTransactionState {
            switch self {
            case let .clientInvite(tx): tx.state
            case let .clientNonInvite(tx): tx.state
            case let .serverInvite(tx): tx.state
            case let .serverNonInvite(tx): tx.state
            }
        }

        var request: SIPMessage {
            switch self {
            case let .clientInvite(tx): tx.request
            case let .clientNonInvite(tx): tx.request
            case let .serverInvite(tx): tx.request
            case let .serverNonInvite(tx): tx.request
            }
        }
    }

    /// What a response is matched by (§17.1.3): the top Via branch and the CSeq method.
    struct ClientMatch: Hashable, Sendable {
        var branch: String
        var method: SIPMethod
    }

    private var transactions: [SIPTransactionKey: Transaction] = [:]
    private var clientKeys: [ClientMatch: SIPTransactionKey] = [:]

    public init(timerValues: SIPTimerValues = SIPTimerValues()) {
        self.timerValues = timerValues
    }

    // MARK: Looking at transactions

    /// The keys of the live transactions, in no particular order.
    public var keys: [SIPTransactionKey] { Array(transactions.keys) }

    public var count: Int { transactions.count }

    /// A live transaction's state, by RFC name; nil once it has terminated.
    public func state(of key: SIPTransactionKey) -> SIPTransactionState? {
        transactions[key]?.state
    }

    /// The request that created a live transaction.
    public func request(of key: SIPTransactionKey) -> SIPMessage? {
        transactions[key]?.request
    }

    /// The server INVITE transaction a received CANCEL asks to cancel (§9.2: matched as in
    /// §17.2.3, but with the method INVITE), if it is still live.
    public func inviteTransaction(cancelledBy cancel: SIPMessage) -> SIPTransactionKey? {
        guard cancel.method == .cancel, let key = try? SIPTransactionKey.server(for: cancel) else { return nil }
        let inviteKey = key.with(method: .invite)
        guard case .serverInvite = transactions[inviteKey] else { return nil }
        return inviteKey
    }

    // MARK: Inputs from the transaction user

    /// Starts a client transaction for `request`, which carries its top Via with a fresh
    /// RFC 3261 branch (a CANCEL carries the branch of the INVITE it cancels, §9.1).
    /// Returns the new transaction's key and what to do: send the request, arm its timers.
    public mutating func send(request: SIPMessage, reliability: SIPTransportReliability, now: SIPInstant) throws(SIPTransactionError) -> (key: SIPTransactionKey, outputs: [Output]) {
        let key = try SIPTransactionKey.client(for: request)
        let match = ClientMatch(branch: key.branch, method: key.method)
        if clientKeys[match] != nil || transactions[key] != nil { throw .duplicate(key) }
        let actions: [SIPTransactionAction]
        let transaction: Transaction
        if key.method == .invite {
            var tx = SIPClientInviteTransaction(request: request, reliability: reliability, timerValues: timerValues)
            actions = tx.start(now: now)
            transaction = .clientInvite(tx)
        } else {
            var tx = SIPClientNonInviteTransaction(request: request, reliability: reliability, timerValues: timerValues)
            actions = tx.start(now: now)
            transaction = .clientNonInvite(tx)
        }
        transactions[key] = transaction
        clientKeys[match] = key
        return (key, actions.map { Output($0, for: key) })
    }

    /// Sends the TU's response on the server transaction `key`.
    public mutating func send(response: SIPMessage, on key: SIPTransactionKey, now: SIPInstant) throws(SIPTransactionError) -> [Output] {
        guard key.role == .server, transactions[key] != nil else { throw .noSuchTransaction(key) }
        return step(key) { transaction in
            switch transaction {
            case var .serverInvite(tx):
                defer { transaction = .serverInvite(tx) }
                return tx.send(response: response, now: now)
            case var .serverNonInvite(tx):
                defer { transaction = .serverNonInvite(tx) }
                return tx.send(response: response, now: now)
            case .clientInvite, .clientNonInvite:
                return []
            }
        }
    }

    // MARK: Inputs from the transport and the clock

    /// A message arrived over a transport of the given reliability (which a new server
    /// transaction adopts). Throws, and the message is to be dropped, when it lacks what
    /// matching needs.
    public mutating func receive(_ message: SIPMessage, reliability: SIPTransportReliability, now: SIPInstant) throws(SIPTransactionError) -> [Output] {
        if message.isResponse {
            return try receive(response: message, now: now)
        }
        let key = try SIPTransactionKey.server(for: message)
        if message.method == .ack {
            guard let inviteKey = serverInviteKey(acknowledgedBy: message, key: key) else { return [.stray(message)] }
            return deliver(request: message, to: inviteKey, now: now)
        }
        if transactions[key] != nil {
            return deliver(request: message, to: key, now: now)
        }
        return start(serverTransactionFor: message, key: key, reliability: reliability, now: now)
    }

    /// A timer armed for `key` fired. Ignored when the transaction is gone.
    public mutating func timerFired(_ timer: SIPTimer, for key: SIPTransactionKey, now: SIPInstant) -> [Output] {
        guard transactions[key] != nil else { return [] }
        return step(key) { transaction in
            switch transaction {
            case var .clientInvite(tx):
                defer { transaction = .clientInvite(tx) }
                return tx.timerFired(timer, now: now)
            case var .clientNonInvite(tx):
                defer { transaction = .clientNonInvite(tx) }
                return tx.timerFired(timer, now: now)
            case var .serverInvite(tx):
                defer { transaction = .serverInvite(tx) }
                return tx.timerFired(timer, now: now)
            case var .serverNonInvite(tx):
                defer { transaction = .serverNonInvite(tx) }
                return tx.timerFired(timer, now: now)
            }
        }
    }

    /// The transport failed to send a message of `key`. Ignored when the transaction is gone.
    public mutating func transportError(for key: SIPTransactionKey, now: SIPInstant) -> [Output] {
        guard transactions[key] != nil else { return [] }
        return step(key) { transaction in
            switch transaction {
            case var .clientInvite(tx):
                defer { transaction = .clientInvite(tx) }
                return tx.transportError()
            case var .clientNonInvite(tx):
                defer { transaction = .clientNonInvite(tx) }
                return tx.transportError()
            case var .serverInvite(tx):
                defer { transaction = .serverInvite(tx) }
                return tx.transportError()
            case var .serverNonInvite(tx):
                defer { transaction = .serverNonInvite(tx) }
                return tx.transportError()
            }
        }
    }

    // MARK: Matching

    /// §17.1.3: the top Via branch and the CSeq method.
    private mutating func receive(response: SIPMessage, now: SIPInstant) throws(SIPTransactionError) -> [Output] {
        guard let branch = response.topVia?.branch else { throw .unmatchable("the response has no top Via branch to match a transaction by") }
        guard let cseq = response.cseq else { throw .unmatchable("the response has no CSeq to match a transaction by") }
        guard let key = clientKeys[ClientMatch(branch: branch, method: cseq.method)] else { return [.stray(response)] }
        return step(key) { transaction in
            switch transaction {
            case var .clientInvite(tx):
                defer { transaction = .clientInvite(tx) }
                return tx.receive(response: response, now: now)
            case var .clientNonInvite(tx):
                defer { transaction = .clientNonInvite(tx) }
                return tx.receive(response: response, now: now)
            case .serverInvite, .serverNonInvite:
                return []
            }
        }
    }

    /// The server INVITE transaction an ACK belongs to (§17.2.3). With an RFC 3261 branch,
    /// the ACK for a non-2xx final shares the INVITE's branch, so its key (filed under
    /// INVITE) finds it. Without one, the ACK matches the INVITE by Request-URI, From tag,
    /// Call-ID, CSeq number and top Via, and its To tag is the tag of the transaction's
    /// final response.
    private func serverInviteKey(acknowledgedBy ack: SIPMessage, key: SIPTransactionKey) -> SIPTransactionKey? {
        guard let ackIdentity = key.rfc2543 else {
            if case .serverInvite = transactions[key] { return key }
            return nil
        }
        for (candidate, transaction) in transactions {
            guard case let .serverInvite(tx) = transaction, let identity = candidate.rfc2543,
                  let final = tx.finalResponse else { continue }
            if identity.requestURI == ackIdentity.requestURI, identity.callID == ackIdentity.callID,
               identity.cseqNumber == ackIdentity.cseqNumber, identity.fromTag == ackIdentity.fromTag,
               identity.topVia == ackIdentity.topVia, final.to?.tag == ackIdentity.toTag {
                return candidate
            }
        }
        return nil
    }

    /// A retransmitted request, or an ACK, for a live server transaction.
    private mutating func deliver(request: SIPMessage, to key: SIPTransactionKey, now: SIPInstant) -> [Output] {
        step(key) { transaction in
            switch transaction {
            case var .serverInvite(tx):
                defer { transaction = .serverInvite(tx) }
                return tx.receive(request: request, now: now)
            case var .serverNonInvite(tx):
                defer { transaction = .serverNonInvite(tx) }
                return tx.receive(request: request, now: now)
            case .clientInvite, .clientNonInvite:
                return []
            }
        }
    }

    private mutating func start(serverTransactionFor request: SIPMessage, key: SIPTransactionKey, reliability: SIPTransportReliability, now: SIPInstant) -> [Output] {
        let actions: [SIPTransactionAction]
        if request.method == .invite {
            var tx = SIPServerInviteTransaction(request: request, reliability: reliability, timerValues: timerValues)
            actions = tx.start(now: now)
            transactions[key] = .serverInvite(tx)
        } else {
            var tx = SIPServerNonInviteTransaction(request: request, reliability: reliability, timerValues: timerValues)
            actions = tx.start(now: now)
            transactions[key] = .serverNonInvite(tx)
        }
        return actions.map { Output($0, for: key) }
    }

    /// Runs one event on the transaction `key` (taken out of the table so it is mutated in
    /// place), maps its actions to outputs, and drops it if it terminated.
    private mutating func step(_ key: SIPTransactionKey, _ event: (inout Transaction) -> [SIPTransactionAction]) -> [Output] {
        guard var transaction = transactions.removeValue(forKey: key) else { return [] }
        let actions = event(&transaction)
        if transaction.state == .terminated {
            if key.role == .client { clientKeys[ClientMatch(branch: key.branch, method: key.method)] = nil }
        } else {
            transactions[key] = transaction
        }
        return actions.map { Output($0, for: key) }
    }
}
