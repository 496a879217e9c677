/// A snapshot of one stream's health for the call screen: what we received, what the peer
/// says it received of ours, and what was refused.
public struct RTPStreamStatistics<Address: Hashable & Sendable>: Hashable, Sendable {
    /// The address the stream is latched to, nil while learning.
    public var latchedSource: Address?
    /// The SSRC being measured.
    public var remoteSSRC: UInt32?
    /// Packets counted as received over the call (RFC 3550 sense: duplicates included).
    public var receivedPackets = 0
    /// Packets lost over the call, never negative.
    public var lostPackets = 0
    public var duplicatePackets = 0
    /// Lost share of expected packets over the call, 0…100.
    public var lossPercent: Double = 0
    /// Current interarrival jitter of the stream we receive.
    public var jitterMilliseconds: Double = 0
    /// Nil until a peer report with LSR/DLSR has come back.
    public var roundTripMilliseconds: Double?
    /// Loss of our stream in the peer's last report interval; nil before its first report.
    public var peerLossPercent: Double?
    /// Packets of ours the peer has lost in total; nil before its first report.
    public var peerCumulativeLost: Int?
    /// Jitter of our stream as the peer measures it; nil before its first report.
    public var peerJitterMilliseconds: Double?
    public var ignored = RTPIgnoredPackets()
    /// RTCP datagrams dropped as malformed.
    public var malformedRTCPPackets = 0

    public init() {}
}
