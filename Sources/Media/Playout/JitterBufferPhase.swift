/// Where a `JitterBuffer` is in the life of a stream.
public enum JitterBufferPhase: Sendable, Equatable {
    /// No packet since creation or the last reset.
    case idle
    /// Holding packets until the next one to play is `targetDelay` old (start, after an
    /// underrun, and at every talk spurt after a silence).
    case prefetching
    /// Handing out one packet (or concealment) per call.
    case playing
}
