/// What the audio thread should play next, from `JitterBuffer.pop`.
public enum JitterPop: Sendable, Equatable {
    /// Decode the payload copied into the caller's buffer (`bytes` long). `samples` is how
    /// many RTP clock units it covers until the next packet: one frame normally, more before
    /// a silence gap (play comfort noise or silence for the rest).
    case packet(bytes: Int, timestamp: UInt32, samples: Int)
    /// No packet for this turn: conceal `samples` units. When `nextAvailable` is true the
    /// packet after the lost one is already here and `peekNext(into:)` gives it (Opus FEC).
    /// Also returned without a loss when the buffer deliberately stretches its delay.
    case missing(samples: Int, nextAvailable: Bool)
    /// Nothing to play yet (not started, or refilling after an underrun or a silence):
    /// play silence, or concealment right after a loss. Call again one frame later.
    case buffering
}
