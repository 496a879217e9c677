/// The peer's view of our stream, from a report block about our SSRC in its SR or RR.
public struct RTCPPeerReport: Hashable, Sendable {
    /// Who reported.
    public var reporterSSRC: UInt32
    /// Lost share of the peer's last interval, in units of 1/256.
    public var fractionLost: UInt8
    /// Packets of ours the peer has lost since it started receiving (negative with duplicates).
    public var cumulativeLost: Int32
    public var extendedHighestSequence: UInt32
    /// Interarrival jitter of our stream in our RTP clock ticks.
    public var jitter: UInt32
    /// Round trip from LSR/DLSR (RFC 3550 §6.4.1); nil when the peer has no SR of ours yet
    /// or the numbers do not add up.
    public var roundTrip: Duration?

    public init(reporterSSRC: UInt32, fractionLost: UInt8, cumulativeLost: Int32, extendedHighestSequence: UInt32,
                jitter: UInt32, roundTrip: Duration?) {
        self.reporterSSRC = reporterSSRC
        self.fractionLost = fractionLost
        self.cumulativeLost = cumulativeLost
        self.extendedHighestSequence = extendedHighestSequence
        self.jitter = jitter
        self.roundTrip = roundTrip
    }

    /// `fractionLost` as a percentage.
    public var lossPercent: Double { Double(fractionLost) * 100 / 256 }
}
