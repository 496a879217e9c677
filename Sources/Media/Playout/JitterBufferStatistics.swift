/// A snapshot of a `JitterBuffer`: its delays now, and counters since it was created
/// (counters survive stream resets).
public struct JitterBufferStatistics: Sendable, Equatable {
    public var phase: JitterBufferPhase = .idle
    /// True during the first two seconds of a stream, while the target never drops below
    /// the configured initial delay.
    public var isLearning: Bool = false
    /// Playout delay the buffer steers to (recent peak lateness + margin, clamped).
    public var targetDelayMs: Int = 0
    /// Playout delay at the last `pop`: how long before its turn the packet played would have
    /// arrived on the fastest recent path.
    public var currentDelayMs: Int = 0
    /// Packets held now.
    public var bufferedPackets: Int = 0
    /// Audio held now, from the next packet to play to the end of the newest one.
    public var bufferedMs: Int = 0
    /// Interarrival jitter as RFC 3550 A.8 computes it.
    public var jitterMs: Int = 0
    /// Largest lateness (transit above the fastest recent packet) of the last eight seconds.
    public var peakLatenessMs: Int = 0

    /// Packets accepted by `insert` (`.stored` or `.reset`).
    public var stored: Int = 0
    /// Packets handed out by `pop`.
    public var played: Int = 0
    /// Packets that never came in time: reported `.missing`, or skipped while refilling.
    public var lost: Int = 0
    /// Packets refused because their turn had passed.
    public var late: Int = 0
    /// Packets refused because they were already held or played.
    public var duplicates: Int = 0
    /// Packets refused as larger than `maxPayloadBytes`.
    public var tooLarge: Int = 0
    /// Packets dropped to shrink the delay (calmer network, or a sender clock running fast).
    public var droppedForDelay: Int = 0
    /// Packets dropped because the buffer was full (the consumer stopped, or a long gap).
    public var droppedForOverflow: Int = 0
    /// Concealment frames inserted to grow the delay (jitter grew, or a sender clock running slow).
    public var concealedForDelay: Int = 0
    /// Silence gaps before a talk spurt that were shortened to shrink the delay without dropping speech.
    public var trimmedSilences: Int = 0
    /// Times the buffer ran empty while playing.
    public var underruns: Int = 0
    /// New streams detected (a jump), plus calls to `reset()`.
    public var resets: Int = 0

    public init() {}
}
