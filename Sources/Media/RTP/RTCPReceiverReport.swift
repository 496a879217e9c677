/// A receiver report (RTCP PT 201, RFC 3550 §6.4.2): sent by a participant that sent no RTP
/// since its last report. An RR with no blocks is valid and heads a BYE compound.
public struct RTCPReceiverReport: Hashable, Sendable {
    public static let packetType: UInt8 = 201

    /// The reporter.
    public var ssrc: UInt32
    /// At most 31 are written.
    public var reports: [RTCPReportBlock]

    public init(ssrc: UInt32, reports: [RTCPReportBlock] = []) {
        self.ssrc = ssrc
        self.reports = reports
    }

    /// `body` is the packet after its 4-byte header, padding removed.
    init(parsing body: UnsafeRawBufferPointer, count: Int) throws(RTCPParseError) {
        guard body.count >= 4 + count * RTCPReportBlock.byteCount else { throw .badCount }
        ssrc = body.rtpUInt32(at: 0)
        reports = (0..<count).map { RTCPReportBlock(parsing: body, at: 4 + $0 * RTCPReportBlock.byteCount) }
    }

    func write(to bytes: inout [UInt8]) {
        let blocks = reports.prefix(RTCPPacket.maximumReportBlocks)
        let start = RTCPPacket.beginPacket(count: blocks.count, packetType: Self.packetType, in: &bytes)
        bytes.rtpAppend(ssrc)
        for block in blocks { block.write(to: &bytes) }
        RTCPPacket.finishPacket(startingAt: start, in: &bytes)
    }
}
