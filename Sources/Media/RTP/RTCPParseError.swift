/// Why an RTCP compound packet was dropped. A malformed compound is dropped whole (RFC 3550
/// A.2): its parts cannot be trusted once one length is wrong.
public enum RTCPParseError: Error, Hashable, Sendable {
    /// Fewer bytes than a header, or a length field running past the end.
    case truncated
    /// Version is not 2.
    case badVersion
    /// The P bit on a packet that is not the last one, or a padding count that does not fit.
    case badPadding
    /// A count field (report blocks, sources) that needs more bytes than the packet has,
    /// or an SDES chunk that runs past its packet.
    case badCount
    /// More parts than `RTCPPacket.maximumPacketsPerCompound`.
    case tooManyPackets
}
