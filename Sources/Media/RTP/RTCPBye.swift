/// A goodbye (RTCP PT 203, RFC 3550 §6.6): the listed sources are leaving, maybe with a reason.
public struct RTCPBye: Hashable, Sendable {
    public static let packetType: UInt8 = 203

    /// At most 31 are written.
    public var sources: [UInt32]
    /// Up to 255 octets of UTF-8; longer text is cut at a Unicode scalar boundary on write.
    public var reason: String?

    public init(sources: [UInt32], reason: String? = nil) {
        self.sources = sources
        self.reason = reason
    }

    /// `body` is the packet after its 4-byte header, padding removed.
    init(parsing body: UnsafeRawBufferPointer, count: Int) throws(RTCPParseError) {
        guard body.count >= 4 * count else { throw .badCount }
        sources = (0..<count).map { body.rtpUInt32(at: 4 * $0) }
        let reasonStart = 4 * count
        if reasonStart < body.count {
            let length = Int(body[reasonStart])
            guard reasonStart + 1 + length <= body.count else { throw .badCount }
            reason = String(decoding: body.rtpSlice(reasonStart + 1..<reasonStart + 1 + length), as: UTF8.self)
        } else {
            reason = nil
        }
    }

    func write(to bytes: inout [UInt8]) {
        let written = sources.prefix(RTCPPacket.maximumReportBlocks)
        let start = RTCPPacket.beginPacket(count: written.count, packetType: Self.packetType, in: &bytes)
        for source in written { bytes.rtpAppend(source) }
        if let reason {
            let text = RTCPPacket.utf8Prefix(of: reason, maximumBytes: 255)
            bytes.append(UInt8(text.count))
            bytes += text
            let length = bytes.count - start
            if length % 4 != 0 { bytes += repeatElement(0, count: 4 - length % 4) }
        }
        RTCPPacket.finishPacket(startingAt: start, in: &bytes)
    }
}
