import NIOCore

/// Timers on the stack's event loop, for the transaction layer's "arm timer X at T" and
/// "cancel timer X".
///
/// Instants are durations since this object's origin (its creation), on the event
/// loop's monotonic clock: the same shape as the transaction layer's instants, which
/// are a `Duration` since an origin the caller picks. Callbacks run on the loop, where
/// the protocol state lives, so they need no locks. On an `EmbeddedEventLoop`,
/// `advanceTime(by:)` fires them: tests run faster than real time.
public struct SIPLoopTimers: Sendable {
    public let eventLoop: any EventLoop
    /// Instant zero.
    public let origin: NIODeadline

    public init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
        self.origin = eventLoop.now
    }

    /// Now, as time since the origin.
    public var now: Duration {
        Duration.nanoseconds((eventLoop.now - origin).nanoseconds)
    }

    /// Runs `body` on the loop at `instant` (time since the origin); at once (on the
    /// loop's next turn) if that instant has passed. Cancel with the handle.
    @discardableResult
    public func schedule(at instant: Duration, _ body: @escaping @Sendable () -> Void) -> SIPScheduledTimer {
        let deadline = origin + .nanoseconds(Self.nanoseconds(instant))
        let task = eventLoop.scheduleTask(deadline: deadline) { body() }
        return SIPScheduledTimer(task: task)
    }

    /// Runs `body` on the loop after `delay`.
    @discardableResult
    public func schedule(after delay: Duration, _ body: @escaping @Sendable () -> Void) -> SIPScheduledTimer {
        schedule(at: now + delay, body)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds < 0 ? .min : .max }
        return sum
    }
}

/// A timer that can be cancelled. Cancelling one that already fired does nothing.
public struct SIPScheduledTimer: Sendable {
    let task: Scheduled<Void>

    public func cancel() { task.cancel() }
}
