/// One part of an RTCP compound packet (RFC 3550 §6.1). Types we do not use (APP, feedback,
/// XR) are skipped when parsing, so a compound from a richer stack still yields its reports.
public enum RTCPPacket: Hashable, Sendable {
    case senderReport(RTCPSenderReport)
    case receiverReport(RTCPReceiverReport)
    case sourceDescription(RTCPSourceDescription)
    case bye(RTCPBye)

    /// The 5-bit count field caps report blocks, SDES chunks and BYE sources at 31.
    public static let maximumReportBlocks = 31
    /// A bound on parts per compound, so a datagram of tiny empty packets cannot make us loop
    /// and allocate without end. Real compounds have 2–4 parts.
    public static let maximumPacketsPerCompound = 64

    /// Parses a whole compound datagram. Any malformed part drops the whole datagram (RFC 3550
    /// A.2): wrong version, a length past the end, padding anywhere but the last part, a count
    /// that does not fit.
    public static func parseCompound(_ bytes: UnsafeRawBufferPointer) throws(RTCPParseError) -> [RTCPPacket] {
        guard bytes.count >= 4 else { throw .truncated }
        var packets: [RTCPPacket] = []
        var offset = 0
        var parts = 0
        while offset < bytes.count {
            guard bytes.count - offset >= 4 else { throw .truncated }
            parts += 1
            guard parts <= maximumPacketsPerCompound else { throw .tooManyPackets }
            let first = bytes[offset]
            guard first >> 6 == 2 else { throw .badVersion }
            let count = Int(first & 0x1F)
            let packetType = bytes[offset + 1]
            let length = 4 * (Int(bytes.rtpUInt16(at: offset + 2)) + 1)
            guard length <= bytes.count - offset else { throw .truncated }
            var bodyEnd = offset + length
            if first & 0x20 != 0 {
                guard bodyEnd == bytes.count else { throw .badPadding }
                let padCount = Int(bytes[bodyEnd - 1])
                guard padCount >= 1, padCount <= length - 4 else { throw .badPadding }
                bodyEnd -= padCount
            }
            let body = bytes.rtpSlice(offset + 4..<bodyEnd)
            switch packetType {
            case RTCPSenderReport.packetType:
                packets.append(.senderReport(try RTCPSenderReport(parsing: body, count: count)))
            case RTCPReceiverReport.packetType:
                packets.append(.receiverReport(try RTCPReceiverReport(parsing: body, count: count)))
            case RTCPSourceDescription.packetType:
                packets.append(.sourceDescription(try RTCPSourceDescription(parsing: body, count: count)))
            case RTCPBye.packetType:
                packets.append(.bye(try RTCPBye(parsing: body, count: count)))
            default:
                break
            }
            offset += length
        }
        return packets
    }

    /// Convenience for callers holding an array.
    public static func parseCompound(_ bytes: [UInt8]) throws(RTCPParseError) -> [RTCPPacket] {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(RTCPParseError) in try parseCompound(buffer) }
        }
        return try result.get()
    }

    /// Writes the parts back to back as one datagram. Allocates: RTCP is sent from the event
    /// loop, never from the audio thread.
    public static func writeCompound(_ packets: [RTCPPacket]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        for packet in packets { packet.write(to: &bytes) }
        return bytes
    }

    /// Appends this part.
    public func write(to bytes: inout [UInt8]) {
        switch self {
        case .senderReport(let report): report.write(to: &bytes)
        case .receiverReport(let report): report.write(to: &bytes)
        case .sourceDescription(let description): description.write(to: &bytes)
        case .bye(let bye): bye.write(to: &bytes)
        }
    }

    /// Starts a part: header with a zero length, to be fixed by `finishPacket`. Returns where it starts.
    static func beginPacket(count: Int, packetType: UInt8, in bytes: inout [UInt8]) -> Int {
        let start = bytes.count
        bytes.append(2 << 6 | UInt8(min(count, maximumReportBlocks)))
        bytes.append(packetType)
        bytes.rtpAppend(UInt16(0))
        return start
    }

    /// Fills in the length (32-bit words minus one) of the part that starts at `start`; the
    /// part's writer has already padded it to a multiple of 4.
    static func finishPacket(startingAt start: Int, in bytes: inout [UInt8]) {
        let words = UInt16(truncatingIfNeeded: (bytes.count - start) / 4 - 1)
        bytes[start + 2] = UInt8(truncatingIfNeeded: words >> 8)
        bytes[start + 3] = UInt8(truncatingIfNeeded: words)
    }

    /// The longest prefix of `text`'s UTF-8 that fits `maximumBytes` without splitting a Unicode scalar.
    static func utf8Prefix(of text: String, maximumBytes: Int) -> [UInt8] {
        var total = 0
        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            if total + width > maximumBytes { break }
            total += width
        }
        return Array(text.utf8.prefix(total))
    }
}
