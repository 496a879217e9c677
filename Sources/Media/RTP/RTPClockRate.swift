/// The clock of an RTP stream (8000 Hz for G.711, 8000 for G.722's RTP clock, 48000 for
/// Opus). Wall time (`Duration`) and RTP timestamp units meet only here, so they are
/// never mixed in one integer by accident.
public struct RTPClockRate: Hashable, Sendable {
    /// Ticks per second; at least 1.
    public let hertz: Int

    /// A rate below 1 Hz is meaningless and becomes 1 (a bad SDP rtpmap must not trap).
    public init(_ hertz: Int) {
        self.hertz = max(1, hertz)
    }

    /// Whole ticks in `duration`, rounded toward zero.
    public func ticks(in duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = attoseconds / 1_000_000_000
        return seconds &* Int64(hertz) &+ nanoseconds * Int64(hertz) / 1_000_000_000
    }

    /// The wall time that `ticks` stand for.
    public func duration(ofTicks ticks: Int64) -> Duration {
        let rate = Int64(hertz)
        let whole = ticks / rate
        let rest = ticks % rate
        return .seconds(whole) + .nanoseconds(rest * 1_000_000_000 / rate)
    }

    /// Milliseconds that a (possibly fractional) tick count stands for, for display.
    public func milliseconds(ofTicks ticks: Double) -> Double {
        ticks * 1000 / Double(hertz)
    }
}
