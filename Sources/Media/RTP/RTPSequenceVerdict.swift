/// What sequence validation (RFC 3550 A.1) made of one packet of the current source.
public enum RTPSequenceVerdict: Hashable, Sendable {
    /// Valid: in order, after a permissible gap, or late but not seen before.
    case accepted
    /// The source is new (or its SSRC changed) and has not yet sent `minimumSequential`
    /// packets in a row; the packet is not played.
    case probation
    /// Seen before (within the last 64 sequence numbers).
    case duplicate
    /// A jump beyond `maximumDropout`: held back until the next packet confirms that the
    /// source restarted its numbering.
    case sequenceJump
}
