/// What arrived on a port that may carry both RTP and RTCP (RFC 5761 rtcp-mux), or other
/// protocols (RFC 7983: STUN, DTLS, ZRTP start with other first bytes).
public enum RTPPacketKind: Hashable, Sendable {
    case rtp
    case rtcp
    /// Not version 2 or too short for either.
    case other

    /// Demultiplexes by the second octet (RFC 5761 §4): 192–223 is RTCP (SR 200 … XR 207, i.e.
    /// "payload type" 72–76 and neighbours with the marker set), anything else is RTP. This
    /// is why RTP payload types 64–95 must not be used when RTP and RTCP share a port.
    public static func classify(_ bytes: UnsafeRawBufferPointer) -> RTPPacketKind {
        guard bytes.count >= 4, bytes[0] >> 6 == 2 else { return .other }
        if (192...223).contains(bytes[1]) { return .rtcp }
        return bytes.count >= RTPHeader.fixedSize ? .rtp : .other
    }
}
