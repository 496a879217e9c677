/// How a `JitterBuffer` is sized and how far its playout delay may move.
///
/// Storage is allocated once from `capacity × maxPayloadBytes`, so pick both for the codec:
/// 64 packets of 1500 bytes cover 1.28 s of 20 ms Opus or G.711.
public struct JitterBufferConfiguration: Sendable, Equatable {
    /// RTP clock rate of the stream (8000 for G.711, 48000 for Opus): timestamps count in it.
    public var clockRate: Int
    /// Packet length assumed until the stream shows its own (from consecutive timestamps).
    public var frameDuration: Duration
    /// Packets held at most; a packet further ahead than this pushes the oldest out.
    public var capacity: Int
    /// Largest payload kept; a bigger one is refused as `.tooLarge`.
    public var maxPayloadBytes: Int
    /// Floor of the target playout delay.
    public var minimumDelay: Duration
    /// Ceiling of the target playout delay.
    public var maximumDelay: Duration
    /// Target used while the buffer is still learning a new stream (its first two seconds):
    /// a cautious start beats an underrun in the first sentence.
    public var initialDelay: Duration

    public init(
        clockRate: Int = 8000,
        frameDuration: Duration = .milliseconds(20),
        capacity: Int = 64,
        maxPayloadBytes: Int = 1500,
        minimumDelay: Duration = .milliseconds(20),
        maximumDelay: Duration = .milliseconds(400),
        initialDelay: Duration = .milliseconds(60)
    ) {
        self.clockRate = clockRate
        self.frameDuration = frameDuration
        self.capacity = capacity
        self.maxPayloadBytes = maxPayloadBytes
        self.minimumDelay = minimumDelay
        self.maximumDelay = maximumDelay
        self.initialDelay = initialDelay
    }

    /// The same settings forced into workable ranges, so that a bad configuration never traps.
    var sanitized: JitterBufferConfiguration {
        var copy = self
        copy.clockRate = min(max(clockRate, 1000), 384_000)
        copy.frameDuration = min(max(frameDuration, .milliseconds(1)), .milliseconds(120))
        copy.capacity = min(max(capacity, 2), 4096)
        copy.maxPayloadBytes = min(max(maxPayloadBytes, 1), 65_536)
        copy.minimumDelay = min(max(minimumDelay, .zero), .seconds(5))
        copy.maximumDelay = min(max(maximumDelay, copy.minimumDelay), .seconds(10))
        copy.initialDelay = min(max(initialDelay, copy.minimumDelay), copy.maximumDelay)
        return copy
    }
}
