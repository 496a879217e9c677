/// One reception report block (RFC 3550 §6.4.1): what a receiver saw of one source. Both
/// SR and RR carry up to 31 of them.
public struct RTCPReportBlock: Hashable, Sendable {
    /// Bytes on the wire.
    public static let byteCount = 24
    /// The 24-bit signed range of "cumulative number of packets lost".
    public static let cumulativeLostRange: ClosedRange<Int32> = -0x80_0000...0x7F_FFFF

    /// The source this block reports on.
    public var ssrc: UInt32
    /// Lost share of the last interval, in units of 1/256.
    public var fractionLost: UInt8
    /// Expected minus received since the start; negative with duplicates. Clamped to 24 bits on write.
    public var cumulativeLost: Int32
    /// Cycles of the 16-bit sequence number in the high half, highest sequence in the low half.
    public var extendedHighestSequence: UInt32
    /// Interarrival jitter in RTP timestamp units.
    public var jitter: UInt32
    /// Middle 32 bits of the NTP time of the last SR from this source; 0 if none yet.
    public var lastSenderReport: UInt32
    /// Time since that SR, in units of 1/65536 s; 0 if none yet.
    public var delaySinceLastSenderReport: UInt32

    public init(
        ssrc: UInt32,
        fractionLost: UInt8,
        cumulativeLost: Int32,
        extendedHighestSequence: UInt32,
        jitter: UInt32,
        lastSenderReport: UInt32,
        delaySinceLastSenderReport: UInt32
    ) {
        self.ssrc = ssrc
        self.fractionLost = fractionLost
        self.cumulativeLost = cumulativeLost
        self.extendedHighestSequence = extendedHighestSequence
        self.jitter = jitter
        self.lastSenderReport = lastSenderReport
        self.delaySinceLastSenderReport = delaySinceLastSenderReport
    }

    /// Reads one block at `offset`; the caller has checked that 24 bytes are there.
    init(parsing bytes: UnsafeRawBufferPointer, at offset: Int) {
        ssrc = bytes.rtpUInt32(at: offset)
        let lostWord = bytes.rtpUInt32(at: offset + 4)
        fractionLost = UInt8(truncatingIfNeeded: lostWord >> 24)
        // Sign-extend the 24-bit field: shift it to the top, then arithmetic-shift back.
        cumulativeLost = Int32(bitPattern: lostWord << 8) >> 8
        extendedHighestSequence = bytes.rtpUInt32(at: offset + 8)
        jitter = bytes.rtpUInt32(at: offset + 12)
        lastSenderReport = bytes.rtpUInt32(at: offset + 16)
        delaySinceLastSenderReport = bytes.rtpUInt32(at: offset + 20)
    }

    func write(to bytes: inout [UInt8]) {
        bytes.rtpAppend(ssrc)
        let lost = min(max(cumulativeLost, Self.cumulativeLostRange.lowerBound), Self.cumulativeLostRange.upperBound)
        bytes.rtpAppend(UInt32(fractionLost) << 24 | UInt32(bitPattern: lost) & 0xFF_FFFF)
        bytes.rtpAppend(extendedHighestSequence)
        bytes.rtpAppend(jitter)
        bytes.rtpAppend(lastSenderReport)
        bytes.rtpAppend(delaySinceLastSenderReport)
    }
}
