/// What an incoming RTCP compound told us, for the call screen and the log.
public enum RTCPEvent: Hashable, Sendable {
    /// The peer reported on our stream (loss, jitter, and the round trip when known).
    case peerReport(RTCPPeerReport)
    /// The remote source sent a sender report (its send counts at that wall-clock time).
    case senderReport(ssrc: UInt32, ntpTimestamp: NTPTimestamp, rtpTimestamp: UInt32, packetCount: UInt32, octetCount: UInt32)
    /// The remote source is leaving (RFC 3550 §6.6). Informational: the call ends by SIP BYE.
    case bye(sources: [UInt32], reason: String?)
}
