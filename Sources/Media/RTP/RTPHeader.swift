/// The fixed RTP header (RFC 3550 §5.1) with its CSRC list. Parsing and writing work on raw
/// buffers and never allocate, so both can run on the audio thread.
///
/// A header extension (§5.3.1) is recognised and skipped on parse; Dialtone never writes one.
public struct RTPHeader: Hashable, Sendable {
    /// The only RTP version in use.
    public static let version: UInt8 = 2
    /// Size of the header without CSRCs.
    public static let fixedSize = 12

    /// The P bit. On write, the caller appends the padding octets (the last one holding their count).
    public var padding: Bool
    /// Start of a talkspurt for audio (RFC 3551 §4.1); the first packet of a DTMF event.
    public var marker: Bool
    /// 7 bits; larger values are masked on write.
    public var payloadType: UInt8
    public var sequenceNumber: UInt16
    /// In units of the payload's clock rate.
    public var timestamp: UInt32
    public var ssrc: UInt32
    public var contributingSources: RTPContributingSources

    public init(
        payloadType: UInt8,
        sequenceNumber: UInt16,
        timestamp: UInt32,
        ssrc: UInt32,
        marker: Bool = false,
        padding: Bool = false,
        contributingSources: RTPContributingSources = []
    ) {
        self.padding = padding
        self.marker = marker
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
        self.contributingSources = contributingSources
    }

    /// Bytes that `write(into:)` produces.
    public var byteCount: Int { Self.fixedSize + 4 * contributingSources.count }

    /// Reads an RTP version 2 packet. Returns the header and where its payload lies in `bytes`
    /// (after CSRCs and any header extension, before any padding), or nil when the bytes are
    /// not a well-formed RTP packet: too short, another version, a CSRC list or extension
    /// running past the end, or a padding count of zero or larger than what follows the header.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> (header: RTPHeader, payload: Range<Int>)? {
        guard bytes.count >= fixedSize else { return nil }
        let first = bytes[0]
        guard first >> 6 == version else { return nil }
        let hasPadding = first & 0x20 != 0
        let hasExtension = first & 0x10 != 0
        let csrcCount = Int(first & 0x0F)

        var offset = fixedSize + 4 * csrcCount
        guard offset <= bytes.count else { return nil }
        var sources = RTPContributingSources()
        for index in 0..<csrcCount {
            sources.append(bytes.rtpUInt32(at: fixedSize + 4 * index))
        }
        if hasExtension {
            guard offset + 4 <= bytes.count else { return nil }
            let words = Int(bytes.rtpUInt16(at: offset + 2))
            offset += 4 + 4 * words
            guard offset <= bytes.count else { return nil }
        }
        var end = bytes.count
        if hasPadding {
            guard end > offset else { return nil }
            let padCount = Int(bytes[end - 1])
            guard padCount >= 1, padCount <= end - offset else { return nil }
            end -= padCount
        }
        let second = bytes[1]
        let header = RTPHeader(
            payloadType: second & 0x7F,
            sequenceNumber: bytes.rtpUInt16(at: 2),
            timestamp: bytes.rtpUInt32(at: 4),
            ssrc: bytes.rtpUInt32(at: 8),
            marker: second & 0x80 != 0,
            padding: hasPadding,
            contributingSources: sources
        )
        return (header, offset..<end)
    }

    /// Writes the header at the start of `buffer` and returns the bytes written, or 0 when the
    /// buffer is too small (nothing is written then). The payload goes right after.
    public func write(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let size = byteCount
        guard buffer.count >= size else { return 0 }
        buffer[0] = Self.version << 6 | (padding ? 0x20 : 0) | UInt8(contributingSources.count)
        buffer[1] = (marker ? 0x80 : 0) | (payloadType & 0x7F)
        buffer.rtpStore(sequenceNumber, at: 2)
        buffer.rtpStore(timestamp, at: 4)
        buffer.rtpStore(ssrc, at: 8)
        for (index, source) in contributingSources.enumerated() {
            buffer.rtpStore(source, at: Self.fixedSize + 4 * index)
        }
        return size
    }
}
