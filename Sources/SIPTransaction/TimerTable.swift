/// The timers a machine has armed and when they are due (quinn-proto's timer table): it
/// emits `.arm`/`.cancel` actions as it changes, so a machine never cancels what it did not
/// arm, and a timer that fires after it was cancelled is recognised as stale.
struct TimerTable: Sendable {
    private(set) var deadlines: [SIPTimer: SIPInstant] = [:]

    mutating func arm(_ timer: SIPTimer, at instant: SIPInstant, _ actions: inout [SIPTransactionAction]) {
        deadlines[timer] = instant
        actions.append(.arm(timer, at: instant))
    }

    mutating func cancel(_ timer: SIPTimer, _ actions: inout [SIPTransactionAction]) {
        if deadlines.removeValue(forKey: timer) != nil {
            actions.append(.cancel(timer))
        }
    }

    /// Cancels every armed timer, in alphabetical order.
    mutating func cancelAll(_ actions: inout [SIPTransactionAction]) {
        for timer in SIPTimer.allCases where deadlines[timer] != nil {
            cancel(timer, &actions)
        }
    }

    /// Marks `timer` as having fired; false when it was not armed (a stale firing to ignore).
    mutating func fire(_ timer: SIPTimer) -> Bool {
        deadlines.removeValue(forKey: timer) != nil
    }

    func deadline(of timer: SIPTimer) -> SIPInstant? { deadlines[timer] }
}
