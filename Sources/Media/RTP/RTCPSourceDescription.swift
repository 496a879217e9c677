/// A source description (RTCP PT 202, RFC 3550 §6.5): per source, a list of items. Every
/// compound we send carries our CNAME; the other items are kept as bytes so a parsed packet
/// writes back the same.
public struct RTCPSourceDescription: Hashable, Sendable {
    public static let packetType: UInt8 = 202
    /// The canonical name item, the only one RFC 3550 requires.
    public static let cnameItem: UInt8 = 1

    /// One item: its type (1 CNAME, 2 NAME, … 8 PRIV) and up to 255 octets of UTF-8 text.
    public struct Item: Hashable, Sendable {
        public var type: UInt8
        /// Longer values are cut to 255 octets on write.
        public var value: [UInt8]

        public init(type: UInt8, value: [UInt8]) {
            self.type = type
            self.value = value
        }

        /// The value as text; invalid UTF-8 becomes U+FFFD rather than failing.
        public var text: String { String(decoding: value, as: UTF8.self) }
    }

    /// The items of one source.
    public struct Chunk: Hashable, Sendable {
        public var ssrc: UInt32
        public var items: [Item]

        public init(ssrc: UInt32, items: [Item]) {
            self.ssrc = ssrc
            self.items = items
        }

        /// A chunk with only a CNAME; a CNAME over 255 octets is cut at a Unicode scalar boundary.
        public init(ssrc: UInt32, cname: String) {
            let value = RTCPPacket.utf8Prefix(of: cname, maximumBytes: 255)
            self.init(ssrc: ssrc, items: [Item(type: RTCPSourceDescription.cnameItem, value: value)])
        }

        /// The first CNAME item's text, if any.
        public var cname: String? {
            items.first { $0.type == RTCPSourceDescription.cnameItem }?.text
        }
    }

    /// At most 31 are written.
    public var chunks: [Chunk]

    public init(chunks: [Chunk]) {
        self.chunks = chunks
    }

    /// `body` is the packet after its 4-byte header, padding removed.
    init(parsing body: UnsafeRawBufferPointer, count: Int) throws(RTCPParseError) {
        var chunks: [Chunk] = []
        var offset = 0
        for _ in 0..<count {
            guard offset + 4 <= body.count else { throw .badCount }
            var chunk = Chunk(ssrc: body.rtpUInt32(at: offset), items: [])
            offset += 4
            while true {
                guard offset < body.count else { throw .badCount }
                let type = body[offset]
                if type == 0 {
                    // END, then null octets up to the next 32-bit boundary.
                    offset = (offset + 1 + 3) & ~3
                    guard offset <= body.count else { throw .badCount }
                    break
                }
                guard offset + 2 <= body.count else { throw .badCount }
                let length = Int(body[offset + 1])
                guard offset + 2 + length <= body.count else { throw .badCount }
                chunk.items.append(Item(type: type, value: Array(body.rtpSlice(offset + 2..<offset + 2 + length))))
                offset += 2 + length
            }
            chunks.append(chunk)
        }
        self.chunks = chunks
    }

    func write(to bytes: inout [UInt8]) {
        let written = chunks.prefix(RTCPPacket.maximumReportBlocks)
        let start = RTCPPacket.beginPacket(count: written.count, packetType: Self.packetType, in: &bytes)
        for chunk in written {
            let chunkStart = bytes.count
            bytes.rtpAppend(chunk.ssrc)
            for item in chunk.items where item.type != 0 {
                let value = item.value.prefix(255)
                bytes.append(item.type)
                bytes.append(UInt8(value.count))
                bytes += value
            }
            // At least one null octet ends the list; more pad the chunk to 32 bits.
            let length = bytes.count - chunkStart
            bytes += repeatElement(0, count: 4 - length % 4)
        }
        RTCPPacket.finishPacket(startingAt: start, in: &bytes)
    }
}
