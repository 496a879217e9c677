import SIPCore

/// The server non-INVITE transaction of RFC 3261 §17.2.2 (figure 8), sans-IO: one mutating
/// function per event, each returning the actions to carry out.
///
/// | state              | event                     | actions                          | next       |
/// |--------------------|---------------------------|----------------------------------|------------|
/// | (start)            | request                   | the request to the TU            | Trying     |
/// | Trying             | request (retransmitted)   | absorbed                         | Trying     |
/// | Trying, Proceeding | 1xx from the TU           | send                             | Proceeding |
/// | Proceeding         | request (retransmitted)   | resend the last provisional      | Proceeding |
/// | Trying, Proceeding | 200-699 from the TU       | send, arm J                      | Completed  |
/// | Completed          | request (retransmitted)   | resend the final                 | Completed  |
/// | Completed          | response from the TU      | discarded                        | Completed  |
/// | Completed          | Timer J                   |                                  | Terminated |
/// | any                | transport error           | tell the TU                      | Terminated |
///
/// Timer J is 64·T1 on unreliable transports and zero on reliable ones.
public struct SIPServerNonInviteTransaction: Sendable {
    /// The request that created the transaction.
    public let request: SIPMessage
    public let reliability: SIPTransportReliability
    public let timerValues: SIPTimerValues

    private enum Phase: Sendable {
        case notStarted
        case trying
        case proceeding(lastProvisional: SIPMessage)
        case completed(final: SIPMessage)
        case terminated
    }

    private var phase: Phase = .notStarted
    private var timers = TimerTable()

    /// `request` must not be an INVITE or an ACK.
    public init(request: SIPMessage, reliability: SIPTransportReliability, timerValues: SIPTimerValues = SIPTimerValues()) {
        precondition(request.isRequest && request.method != .invite && request.method != .ack,
                     "a server non-INVITE transaction answers a request other than INVITE and ACK")
        self.request = request
        self.reliability = reliability
        self.timerValues = timerValues
    }

    /// Where the machine is, by RFC name (Trying until it has started).
    public var state: SIPTransactionState {
        switch phase {
        case .notStarted, .trying: .trying
        case .proceeding: .proceeding
        case .completed: .completed
        case .terminated: .terminated
        }
    }

    /// When `timer` is due, if it is armed.
    public func deadline(of timer: SIPTimer) -> SIPInstant? { timers.deadline(of: timer) }

    /// The request arrived and matched no transaction: pass it up.
    public mutating func start(now: SIPInstant) -> [SIPTransactionAction] {
        guard case .notStarted = phase else { preconditionFailure("a server non-INVITE transaction starts once") }
        phase = .trying
        return [.tell(.request(request))]
    }

    /// A retransmission of the request matched this transaction.
    public mutating func receive(request received: SIPMessage, now: SIPInstant) -> [SIPTransactionAction] {
        switch phase {
        case let .proceeding(lastProvisional): [.send(lastProvisional)]
        case let .completed(final): [.send(final)]
        case .notStarted, .trying, .terminated: []
        }
    }

    /// The TU passes a response down.
    public mutating func send(response: SIPMessage, now: SIPInstant) -> [SIPTransactionAction] {
        guard let code = response.statusCode else { return [] }
        var actions: [SIPTransactionAction] = []
        switch phase {
        case .notStarted, .completed, .terminated:
            break   // discarded: the final has gone (§17.2.2)
        case .trying, .proceeding:
            actions.append(.send(response))
            if code < 200 {
                phase = .proceeding(lastProvisional: response)
            } else {
                let j = reliability == .unreliable ? timerValues.transactionTimeout : .zero
                timers.arm(.j, at: now + j, &actions)
                phase = .completed(final: response)
            }
        }
        return actions
    }

    /// A timer this machine armed fired; a timer it did not arm (or already cancelled) is ignored.
    public mutating func timerFired(_ timer: SIPTimer, now: SIPInstant) -> [SIPTransactionAction] {
        guard timers.fire(timer) else { return [] }
        var actions: [SIPTransactionAction] = []
        if case .completed = phase, timer == .j {
            terminate(telling: nil, &actions)
        }
        return actions
    }

    /// The transport failed to send a response: tell the TU and end.
    public mutating func transportError() -> [SIPTransactionAction] {
        switch phase {
        case .notStarted, .terminated:
            return []
        case .trying, .proceeding, .completed:
            var actions: [SIPTransactionAction] = []
            terminate(telling: .transportError, &actions)
            return actions
        }
    }

    private mutating func terminate(telling event: SIPTransactionEvent?, _ actions: inout [SIPTransactionAction]) {
        timers.cancelAll(&actions)
        if let event { actions.append(.tell(event)) }
        actions.append(.tell(.terminated))
        phase = .terminated
    }
}
