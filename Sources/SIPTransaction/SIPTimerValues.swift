/// T1, T2 and T4 of RFC 3261 §17.1.1.1 and table 4, from which every timer is derived.
public struct SIPTimerValues: Hashable, Sendable {
    /// An estimate of the round-trip time (default 500 ms).
    public var t1: Duration
    /// The longest interval between retransmissions of a non-INVITE request or an INVITE
    /// final response (default 4 s).
    public var t2: Duration
    /// The longest a message stays in the network (default 5 s).
    public var t4: Duration

    public init(t1: Duration = .milliseconds(500), t2: Duration = .seconds(4), t4: Duration = .seconds(5)) {
        self.t1 = t1
        self.t2 = t2
        self.t4 = t4
    }

    /// 64·T1: Timers B, F, H, L, M, and J on unreliable transports.
    public var transactionTimeout: Duration { t1 * 64 }

    /// Timer D on an unreliable transport: "at least 32 seconds" (§17.1.1.2), and never
    /// shorter than the server's Timer H (64·T1), whose window of retransmitted finals it
    /// has to outlast when T1 is raised.
    public var timerDUnreliable: Duration { max(.seconds(32), transactionTimeout) }
}
