import Synchronization

/// What other threads may read or set on a running audio engine: flags and counters as
/// atomics, so the audio thread never waits for anyone (DESIGN.md: no contended lock).
final class AudioEngineControls: Sendable {
    /// Cleared to stop the audio thread at its next frame.
    let running = Atomic<Bool>(true)
    /// Capture is replaced by silence (and no RTP is sent while muted? no: silence is sent,
    /// so the peer's jitter buffer and NAT bindings stay alive).
    let muted = Atomic<Bool>(false)
    /// The negotiated direction: whether we send RTP and whether we play what arrives.
    let sending = Atomic<Bool>(true)
    let receiving = Atomic<Bool>(true)

    // Counters the audio thread publishes once per frame.
    let packetsSent = Atomic<UInt64>(0)
    let octetsSent = Atomic<UInt64>(0)
    /// The RTP timestamp of the last packet sent and the monotonic nanoseconds it was sent at
    /// (RTCP's sender report extrapolates from them).
    let lastTimestamp = Atomic<UInt32>(0)
    let lastTimestampNanoseconds = Atomic<Int64>(0)
    /// Peak absolute sample of the last frame captured / played (0…32767): the meters.
    let inputPeak = Atomic<Int>(0)
    let outputPeak = Atomic<Int>(0)
    let framesConcealed = Atomic<UInt64>(0)
    let framesPlayed = Atomic<UInt64>(0)
    /// The jitter buffer's current playout delay in milliseconds.
    let playoutDelayMilliseconds = Atomic<Int>(0)
    /// Packets the rings refused because the other side fell behind.
    let ringDrops = Atomic<UInt64>(0)
    /// Frames whose deadline passed before the thread got to them (the machine was busy).
    let lateFrames = Atomic<UInt64>(0)

    init() {}
}
