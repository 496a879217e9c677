import SIPCore

/// The server INVITE transaction of RFC 3261 §17.2.1 (figure 7) with the Accepted state of
/// RFC 6026 §7.1, sans-IO: one mutating function per event, each returning the actions to
/// carry out.
///
/// | state      | event                         | actions                                   | next       |
/// |------------|-------------------------------|-------------------------------------------|------------|
/// | (start)    | INVITE                        | send 100 Trying; the INVITE to the TU     | Proceeding |
/// | Proceeding | INVITE (retransmitted)        | resend the last provisional               | Proceeding |
/// | Proceeding | 1xx from the TU               | send                                      | Proceeding |
/// | Proceeding | 2xx from the TU               | send, arm L                               | Accepted   |
/// | Proceeding | 300-699 from the TU           | send, arm G (unreliable only), H          | Completed  |
/// | Completed  | INVITE (retransmitted)        | resend the final                          | Completed  |
/// | Completed  | Timer G                       | resend the final, G = min(2·G, T2)        | Completed  |
/// | Completed  | ACK                           | cancel G, H, arm I                        | Confirmed  |
/// | Completed  | Timer H                       | tell the TU (no ACK came)                 | Terminated |
/// | Confirmed  | ACK, INVITE                   | absorbed                                  | Confirmed  |
/// | Confirmed  | Timer I                       |                                           | Terminated |
/// | Accepted   | INVITE (retransmitted)        | absorbed                                  | Accepted   |
/// | Accepted   | 2xx from the TU               | send (the TU retransmits the 2xx itself)  | Accepted   |
/// | Accepted   | ACK                           | to the TU                                 | Accepted   |
/// | Accepted   | Timer L                       |                                           | Terminated |
/// | any        | transport error               | tell the TU                               | Terminated |
///
/// Timer H and L are 64·T1; Timer I is T4 on unreliable transports and zero on reliable
/// ones. Responses the figures do not allow in a state (a 1xx after the final, a second
/// non-2xx final) are discarded.
///
/// The 100 Trying is sent at once rather than after 200 ms: the transaction cannot know
/// whether its TU will answer that fast, and an early 100 is always allowed.
public struct SIPServerInviteTransaction: Sendable {
    /// The INVITE that created the transaction.
    public let request: SIPMessage
    public let reliability: SIPTransportReliability
    public let timerValues: SIPTimerValues

    private enum Phase: Sendable {
        case notStarted
        /// `lastProvisional`: resent when the INVITE is retransmitted.
        case proceeding(lastProvisional: SIPMessage)
        /// `final`: the 300-699 response, resent on Timer G and on retransmitted INVITEs;
        /// `nextG`: the interval Timer G is armed with when it next fires.
        case completed(final: SIPMessage, nextG: Duration)
        case confirmed(final: SIPMessage)
        case accepted(final: SIPMessage)
        case terminated(final: SIPMessage?)
    }

    private var phase: Phase = .notStarted
    private var timers = TimerTable()

    /// `request` must be an INVITE.
    public init(request: SIPMessage, reliability: SIPTransportReliability, timerValues: SIPTimerValues = SIPTimerValues()) {
        precondition(request.method == .invite, "a server INVITE transaction answers an INVITE, not \(request.method?.rawValue ?? "a response")")
        self.request = request
        self.reliability = reliability
        self.timerValues = timerValues
    }

    /// Where the machine is, by RFC name (Proceeding until it has started).
    public var state: SIPTransactionState {
        switch phase {
        case .notStarted, .proceeding: .proceeding
        case .completed: .completed
        case .confirmed: .confirmed
        case .accepted: .accepted
        case .terminated: .terminated
        }
    }

    /// The final response sent, once there is one (the first 2xx in Accepted).
    public var finalResponse: SIPMessage? {
        switch phase {
        case .notStarted, .proceeding: nil
        case let .completed(final, _), let .confirmed(final), let .accepted(final): final
        case let .terminated(final): final
        }
    }

    /// When `timer` is due, if it is armed.
    public func deadline(of timer: SIPTimer) -> SIPInstant? { timers.deadline(of: timer) }

    /// The INVITE arrived and matched no transaction: send 100 Trying and pass the INVITE up.
    public mutating func start(now: SIPInstant) -> [SIPTransactionAction] {
        guard case .notStarted = phase else { preconditionFailure("a server INVITE transaction starts once") }
        let trying = SIPMessage.tryingResponse(to: request)
        phase = .proceeding(lastProvisional: trying)
        return [.send(trying), .tell(.request(request))]
    }

    /// A request matched this transaction: a retransmission of the INVITE, or an ACK.
    public mutating func receive(request received: SIPMessage, now: SIPInstant) -> [SIPTransactionAction] {
        let isACK = received.method == .ack
        var actions: [SIPTransactionAction] = []
        switch phase {
        case .notStarted, .terminated:
            break
        case let .proceeding(lastProvisional):
            // An ACK before any final answers nothing: ignore it.
            if !isACK { actions.append(.send(lastProvisional)) }
        case let .completed(final, _):
            if isACK {
                timers.cancelAll(&actions)
                let i = reliability == .unreliable ? timerValues.t4 : .zero
                timers.arm(.i, at: now + i, &actions)
                phase = .confirmed(final: final)
            } else {
                actions.append(.send(final))
            }
        case .confirmed:
            break   // retransmitted ACKs and INVITEs are absorbed
        case .accepted:
            // RFC 6026 §7.1: INVITE retransmissions are absorbed; ACKs go to the TU.
            if isACK { actions.append(.tell(.request(received))) }
        }
        return actions
    }

    /// The TU passes a response down.
    public mutating func send(response: SIPMessage, now: SIPInstant) -> [SIPTransactionAction] {
        guard let code = response.statusCode else { return [] }
        var actions: [SIPTransactionAction] = []
        switch phase {
        case .notStarted, .completed, .confirmed, .terminated:
            break   // discarded: the final has gone
        case .proceeding:
            actions.append(.send(response))
            if code < 200 {
                phase = .proceeding(lastProvisional: response)
            } else if code < 300 {
                timers.arm(.l, at: now + timerValues.transactionTimeout, &actions)
                phase = .accepted(final: response)
            } else {
                if reliability == .unreliable {
                    timers.arm(.g, at: now + timerValues.t1, &actions)
                }
                timers.arm(.h, at: now + timerValues.transactionTimeout, &actions)
                phase = .completed(final: response, nextG: min(timerValues.t1 * 2, timerValues.t2))
            }
        case .accepted:
            // The TU retransmits its 2xx (§13.3.1.4) through the transaction.
            if (200..<300).contains(code) { actions.append(.send(response)) }
        }
        return actions
    }

    /// A timer this machine armed fired; a timer it did not arm (or already cancelled) is ignored.
    public mutating func timerFired(_ timer: SIPTimer, now: SIPInstant) -> [SIPTransactionAction] {
        guard timers.fire(timer) else { return [] }
        var actions: [SIPTransactionAction] = []
        switch (phase, timer) {
        case let (.completed(final, nextG), .g):
            actions.append(.send(final))
            timers.arm(.g, at: now + nextG, &actions)
            phase = .completed(final: final, nextG: min(nextG * 2, timerValues.t2))
        case (.completed, .h):
            terminate(telling: .timedOut(.h), &actions)
        case (.confirmed, .i), (.accepted, .l):
            terminate(telling: nil, &actions)
        default:
            break
        }
        return actions
    }

    /// The transport failed to send a response: tell the TU and end.
    public mutating func transportError() -> [SIPTransactionAction] {
        switch phase {
        case .notStarted, .terminated:
            return []
        case .proceeding, .completed, .confirmed, .accepted:
            var actions: [SIPTransactionAction] = []
            terminate(telling: .transportError, &actions)
            return actions
        }
    }

    private mutating func terminate(telling event: SIPTransactionEvent?, _ actions: inout [SIPTransactionAction]) {
        timers.cancelAll(&actions)
        if let event { actions.append(.tell(event)) }
        actions.append(.tell(.terminated))
        phase = .terminated(final: finalResponse)
    }
}
