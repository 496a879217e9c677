/// Why a datagram on the RTP port was not passed on to be played.
public enum RTPIgnoreReason: Hashable, Sendable, CaseIterable {
    /// Not a well-formed RTP version 2 packet (RTCP, STUN, garbage, truncated).
    case notRTP
    /// From a source other than the latched one while that one is active: no RTP bleed.
    case otherSource
    /// Before latching, from a source that is not the SDP's address and has not yet sent
    /// two packets in sequence.
    case unproven
    /// The first packet of a new source or SSRC (RFC 3550 A.1 probation).
    case probation
    /// A packet already received.
    case duplicate
    /// A sequence jump beyond the dropout limit, waiting for a second packet to confirm it.
    case sequenceJump
}
