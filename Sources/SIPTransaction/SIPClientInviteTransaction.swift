import SIPCore

/// The client INVITE transaction of RFC 3261 §17.1.1 (figure 5) with the Accepted state
/// of RFC 6026 §7.2, sans-IO: one mutating function per event, each returning the actions
/// to carry out.
///
/// | state      | event                         | actions                                   | next       |
/// |------------|-------------------------------|-------------------------------------------|------------|
/// | Calling    | Timer A                       | resend the INVITE, A doubles (no cap)     | Calling    |
/// | Calling    | Timer B                       | tell the TU (timeout)                     | Terminated |
/// | Calling    | 1xx                           | cancel A, B; to the TU                    | Proceeding |
/// | Proceeding | 1xx                           | to the TU                                 | Proceeding |
/// | Calling, Proceeding | 300-699              | send the ACK, arm D; to the TU            | Completed  |
/// | Calling, Proceeding | 2xx                  | arm M; to the TU                          | Accepted   |
/// | Completed  | 300-699 (retransmitted)       | resend the ACK                            | Completed  |
/// | Completed  | Timer D                       |                                           | Terminated |
/// | Accepted   | 2xx                           | to the TU                                 | Accepted   |
/// | Accepted   | Timer M                       |                                           | Terminated |
/// | any        | transport error               | tell the TU                               | Terminated |
///
/// Figure 5 draws the transport error from Calling and Completed, the states in which
/// this transaction sends; it ends the transaction from the others too, since a connection
/// that failed will not bring the answer either (DESIGN: a transport error ends that
/// transaction).
///
/// - Calling: Timer A retransmits the INVITE and doubles (T1, 2·T1, 4·T1 … no cap) on
///   unreliable transports; Timer B (64·T1) gives up.
/// - Proceeding: no retransmissions and no timeout; the user agent's own timer ends a call
///   that rings for ever (figure 5 arms nothing here).
/// - Completed (a 300-699 arrived): the transaction builds and sends the ACK, and resends it
///   for each retransmission of that final; Timer D (≥ 32 s, zero on reliable transports).
/// - Accepted (a 2xx arrived, RFC 6026): every further 2xx goes to the TU, which sends the
///   ACKs; Timer M (64·T1) ends it.
public struct SIPClientInviteTransaction: Sendable {
    /// The INVITE, as sent.
    public let request: SIPMessage
    public let reliability: SIPTransportReliability
    public let timerValues: SIPTimerValues

    private enum Phase: Sendable {
        case notStarted
        /// `nextA`: the interval Timer A is armed with next time it fires.
        case calling(nextA: Duration)
        case proceeding
        /// `ack`: the ACK sent for the final response, resent for each retransmission of it.
        case completed(ack: SIPMessage)
        case accepted
        case terminated
    }

    private var phase: Phase = .notStarted
    private var timers = TimerTable()

    /// `request` must be an INVITE.
    public init(request: SIPMessage, reliability: SIPTransportReliability, timerValues: SIPTimerValues = SIPTimerValues()) {
        precondition(request.method == .invite, "a client INVITE transaction sends an INVITE, not \(request.method?.rawValue ?? "a response")")
        self.request = request
        self.reliability = reliability
        self.timerValues = timerValues
    }

    /// Where the machine is, by RFC name (Calling until it has started).
    public var state: SIPTransactionState {
        switch phase {
        case .notStarted, .calling: .calling
        case .proceeding: .proceeding
        case .completed: .completed
        case .accepted: .accepted
        case .terminated: .terminated
        }
    }

    /// When `timer` is due, if it is armed.
    public func deadline(of timer: SIPTimer) -> SIPInstant? { timers.deadline(of: timer) }

    /// The TU hands over the INVITE: send it, arm Timer A (unreliable only) and Timer B.
    public mutating func start(now: SIPInstant) -> [SIPTransactionAction] {
        guard case .notStarted = phase else { preconditionFailure("a client INVITE transaction starts once") }
        var actions: [SIPTransactionAction] = [.send(request)]
        if reliability == .unreliable {
            timers.arm(.a, at: now + timerValues.t1, &actions)
        }
        timers.arm(.b, at: now + timerValues.transactionTimeout, &actions)
        phase = .calling(nextA: timerValues.t1 * 2)
        return actions
    }

    /// A response matched this transaction.
    public mutating func receive(response: SIPMessage, now: SIPInstant) -> [SIPTransactionAction] {
        guard let code = response.statusCode else { return [] }
        var actions: [SIPTransactionAction] = []
        switch phase {
        case .notStarted, .terminated:
            return []
        case .calling, .proceeding:
            if code < 200 {
                // Calling → Proceeding: stop retransmitting; figure 5 has no timeout here.
                timers.cancel(.a, &actions)
                timers.cancel(.b, &actions)
                phase = .proceeding
            } else if code < 300 {
                timers.cancelAll(&actions)
                timers.arm(.m, at: now + timerValues.transactionTimeout, &actions)
                phase = .accepted
            } else {
                timers.cancelAll(&actions)
                let ack = SIPMessage.ack(forNonSuccess: response, to: request)
                actions.append(.send(ack))
                let d = reliability == .unreliable ? timerValues.timerDUnreliable : .zero
                timers.arm(.d, at: now + d, &actions)
                phase = .completed(ack: ack)
            }
            actions.append(.tell(.response(response)))
        case let .completed(ack):
            // A retransmission of the final: the ACK was lost, send it again; the TU
            // already has the response.
            if code >= 300 { actions.append(.send(ack)) }
        case .accepted:
            // RFC 6026 §7.2: every 2xx (a retransmission, or another fork's answer) goes
            // to the TU, which ACKs it; anything else is absorbed.
            if (200..<300).contains(code) { actions.append(.tell(.response(response))) }
        }
        return actions
    }

    /// A timer this machine armed fired; a timer it did not arm (or already cancelled) is ignored.
    public mutating func timerFired(_ timer: SIPTimer, now: SIPInstant) -> [SIPTransactionAction] {
        guard timers.fire(timer) else { return [] }
        var actions: [SIPTransactionAction] = []
        switch (phase, timer) {
        case let (.calling(nextA), .a):
            actions.append(.send(request))
            timers.arm(.a, at: now + nextA, &actions)
            phase = .calling(nextA: nextA * 2)
        case (.calling, .b):
            terminate(telling: .timedOut(.b), &actions)
        case (.completed, .d), (.accepted, .m):
            terminate(telling: nil, &actions)
        default:
            break
        }
        return actions
    }

    /// The transport failed to send the INVITE or the ACK: tell the TU and end.
    public mutating func transportError() -> [SIPTransactionAction] {
        switch phase {
        case .notStarted, .terminated:
            return []
        case .calling, .proceeding, .completed, .accepted:
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
