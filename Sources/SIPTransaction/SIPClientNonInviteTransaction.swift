import SIPCore

/// The client non-INVITE transaction of RFC 3261 §17.1.2 (figure 6), sans-IO: one mutating
/// function per event, each returning the actions to carry out.
///
/// | state             | event                    | actions                                 | next       |
/// |-------------------|--------------------------|-----------------------------------------|------------|
/// | Trying            | Timer E                  | resend, E = min(2·E, T2)                | Trying     |
/// | Proceeding        | Timer E                  | resend, E = T2                          | Proceeding |
/// | Trying, Proceeding| 1xx                      | to the TU                               | Proceeding |
/// | Trying, Proceeding| 200-699                  | cancel E, F, arm K; to the TU           | Completed  |
/// | Trying, Proceeding| Timer F, transport error | tell the TU                             | Terminated |
/// | Completed         | any response             | absorbed                                | Completed  |
/// | Completed         | Timer K                  |                                         | Terminated |
/// | Completed         | transport error          | tell the TU                             | Terminated |
///
/// Timer E runs on unreliable transports only (T1, then doubling up to T2; once a
/// provisional response has arrived, every T2 from its next firing on). Timer F is 64·T1
/// on every transport; Timer K is T4 on unreliable transports and zero on reliable ones.
/// The request must not be an INVITE or an ACK (an ACK has no transaction of its own).
public struct SIPClientNonInviteTransaction: Sendable {
    /// The request, as sent.
    public let request: SIPMessage
    public let reliability: SIPTransportReliability
    public let timerValues: SIPTimerValues

    private enum Phase: Sendable {
        case notStarted
        /// `nextE`: the interval Timer E is armed with when it next fires.
        case trying(nextE: Duration)
        case proceeding
        case completed
        case terminated
    }

    private var phase: Phase = .notStarted
    private var timers = TimerTable()

    public init(request: SIPMessage, reliability: SIPTransportReliability, timerValues: SIPTimerValues = SIPTimerValues()) {
        precondition(request.isRequest && request.method != .invite && request.method != .ack,
                     "a client non-INVITE transaction sends a request other than INVITE and ACK")
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

    /// The TU hands over the request: send it, arm Timer E (unreliable only) and Timer F.
    public mutating func start(now: SIPInstant) -> [SIPTransactionAction] {
        guard case .notStarted = phase else { preconditionFailure("a client non-INVITE transaction starts once") }
        var actions: [SIPTransactionAction] = [.send(request)]
        if reliability == .unreliable {
            timers.arm(.e, at: now + timerValues.t1, &actions)
        }
        timers.arm(.f, at: now + timerValues.transactionTimeout, &actions)
        phase = .trying(nextE: min(timerValues.t1 * 2, timerValues.t2))
        return actions
    }

    /// A response matched this transaction.
    public mutating func receive(response: SIPMessage, now: SIPInstant) -> [SIPTransactionAction] {
        guard let code = response.statusCode else { return [] }
        var actions: [SIPTransactionAction] = []
        switch phase {
        case .notStarted, .completed, .terminated:
            // Completed: retransmitted finals are absorbed; the TU has the first.
            return []
        case .trying, .proceeding:
            if code < 200 {
                // E keeps its current deadline; from its next firing on it runs every T2.
                phase = .proceeding
            } else {
                timers.cancelAll(&actions)
                let k = reliability == .unreliable ? timerValues.t4 : .zero
                timers.arm(.k, at: now + k, &actions)
                phase = .completed
            }
            actions.append(.tell(.response(response)))
        }
        return actions
    }

    /// A timer this machine armed fired; a timer it did not arm (or already cancelled) is ignored.
    public mutating func timerFired(_ timer: SIPTimer, now: SIPInstant) -> [SIPTransactionAction] {
        guard timers.fire(timer) else { return [] }
        var actions: [SIPTransactionAction] = []
        switch (phase, timer) {
        case let (.trying(nextE), .e):
            actions.append(.send(request))
            timers.arm(.e, at: now + nextE, &actions)
            phase = .trying(nextE: min(nextE * 2, timerValues.t2))
        case (.proceeding, .e):
            actions.append(.send(request))
            timers.arm(.e, at: now + timerValues.t2, &actions)
        case (.trying, .f), (.proceeding, .f):
            terminate(telling: .timedOut(.f), &actions)
        case (.completed, .k):
            terminate(telling: nil, &actions)
        default:
            break
        }
        return actions
    }

    /// The transport failed to send the request: tell the TU and end.
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
