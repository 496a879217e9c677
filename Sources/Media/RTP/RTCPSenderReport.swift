/// A sender report (RTCP PT 200, RFC 3550 §6.4.1): what we sent, tied to wall-clock time, plus
/// reception reports. Profile-specific extensions after the blocks are skipped on parse.
public struct RTCPSenderReport: Hashable, Sendable {
    public static let packetType: UInt8 = 200

    public var ssrc: UInt32
    /// Wall-clock time of this report; its middle 32 bits come back to us as LSR.
    public var ntpTimestamp: NTPTimestamp
    /// The same instant on the stream's RTP clock.
    public var rtpTimestamp: UInt32
    public var packetCount: UInt32
    /// Payload octets only (no headers or padding).
    public var octetCount: UInt32
    /// At most 31 are written.
    public var reports: [RTCPReportBlock]

    public init(
        ssrc: UInt32,
        ntpTimestamp: NTPTimestamp,
        rtpTimestamp: UInt32,
        packetCount: UInt32,
        octetCount: UInt32,
        reports: [RTCPReportBlock] = []
    ) {
        self.ssrc = ssrc
        self.ntpTimestamp = ntpTimestamp
        self.rtpTimestamp = rtpTimestamp
        self.packetCount = packetCount
        self.octetCount = octetCount
        self.reports = reports
    }

    /// `body` is the packet after its 4-byte header, padding removed.
    init(parsing body: UnsafeRawBufferPointer, count: Int) throws(RTCPParseError) {
        guard body.count >= 24 + count * RTCPReportBlock.byteCount else { throw .badCount }
        ssrc = body.rtpUInt32(at: 0)
        ntpTimestamp = NTPTimestamp(seconds: body.rtpUInt32(at: 4), fraction: body.rtpUInt32(at: 8))
        rtpTimestamp = body.rtpUInt32(at: 12)
        packetCount = body.rtpUInt32(at: 16)
        octetCount = body.rtpUInt32(at: 20)
        reports = (0..<count).map { RTCPReportBlock(parsing: body, at: 24 + $0 * RTCPReportBlock.byteCount) }
    }

    func write(to bytes: inout [UInt8]) {
        let blocks = reports.prefix(RTCPPacket.maximumReportBlocks)
        let start = RTCPPacket.beginPacket(count: blocks.count, packetType: Self.packetType, in: &bytes)
        bytes.rtpAppend(ssrc)
        bytes.rtpAppend(ntpTimestamp.seconds)
        bytes.rtpAppend(ntpTimestamp.fraction)
        bytes.rtpAppend(rtpTimestamp)
        bytes.rtpAppend(packetCount)
        bytes.rtpAppend(octetCount)
        for block in blocks { block.write(to: &bytes) }
        RTCPPacket.finishPacket(startingAt: start, in: &bytes)
    }
}
