/// Writes log entries as a classic pcap file (bytes out, no I/O) that Wireshark and
/// tshark open as SIP: each message gets synthetic IPv4 or IPv6 and UDP or TCP headers
/// from its local and remote "host:port" (TLS and WebSocket messages are logged in the
/// clear, so they are written as TCP). TCP sequence numbers run per direction, so
/// reassembly sees one continuous stream; checksums are computed.
public struct PcapWriter: Sendable {
    public enum LinkType: UInt32, Sendable {
        /// Raw IP (LINKTYPE_RAW, 101): no link header.
        case raw = 101
        /// Ethernet (1), with made-up locally administered MAC addresses.
        case ethernet = 1
    }

    public var linkType: LinkType

    public init(linkType: LinkType = .raw) {
        self.linkType = linkType
    }

    static let defaultLocal = SocketAddressText(octets: [127, 0, 0, 1], port: 5060)
    static let defaultRemote = SocketAddressText(octets: [127, 0, 0, 2], port: 5060)

    public func file(_ entries: [LogEntry]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(24 + entries.reduce(0) { $0 + $1.bytes.count + 100 })
        out.le32(0xA1B2_C3D4)
        out.le16(2)
        out.le16(4)
        out.le32(0) // thiszone
        out.le32(0) // sigfigs
        out.le32(262_144) // snaplen
        out.le32(linkType.rawValue)
        var flows: [FlowKey: UInt32] = [:]
        var ipID: UInt16 = 1
        for entry in entries {
            for packet in packets(entry, flows: &flows, ipID: &ipID) {
                let seconds = entry.time.rounded(.down)
                out.le32(UInt32(max(0, seconds)))
                out.le32(UInt32(max(0, min(999_999, ((entry.time - seconds) * 1_000_000).rounded()))))
                out.le32(UInt32(packet.count))
                out.le32(UInt32(packet.count))
                out += packet
            }
        }
        return out
    }

    struct FlowKey: Hashable {
        var from: SocketAddressText
        var to: SocketAddressText
    }

    func packets(_ entry: LogEntry, flows: inout [FlowKey: UInt32], ipID: inout UInt16) -> [[UInt8]] {
        var local = SocketAddressText(entry.local, fallback: Self.defaultLocal)
        var remote = SocketAddressText(entry.remote, fallback: Self.defaultRemote)
        if local.isIPv6 != remote.isIPv6 {
            local = local.asIPv6
            remote = remote.asIPv6
        }
        let (source, destination) = entry.direction == .sent ? (local, remote) : (remote, local)
        let isTCP = entry.transport.uppercased() != "UDP"
        var out: [[UInt8]] = []
        // One IP packet holds at most 65,535 octets: long TCP messages go in several segments.
        let maxChunk = isTCP ? 65_000 : 65_487
        var offset = 0
        repeat {
            let chunk = Array(entry.bytes[offset..<min(entry.bytes.count, offset + maxChunk)])
            offset += chunk.count
            let transport: [UInt8]
            if isTCP {
                let key = FlowKey(from: source, to: destination)
                let seq = flows[key] ?? 1
                let ack = flows[FlowKey(from: destination, to: source)] ?? 1
                flows[key] = seq &+ UInt32(chunk.count)
                transport = tcpSegment(chunk, from: source, to: destination, seq: seq, ack: ack)
            } else {
                transport = udpDatagram(chunk, from: source, to: destination)
            }
            var packet = ipPacket(transport, protocol: isTCP ? 6 : 17, from: source, to: destination, id: ipID)
            ipID &+= 1
            if linkType == .ethernet {
                packet = [0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01] + (source.isIPv6 ? [0x86, 0xDD] : [0x08, 0x00]) + packet
            }
            out.append(packet)
        } while offset < entry.bytes.count
        return out
    }

    func ipPacket(_ payload: [UInt8], protocol proto: UInt8, from source: SocketAddressText, to destination: SocketAddressText, id: UInt16) -> [UInt8] {
        var header: [UInt8] = []
        if source.isIPv6 {
            header.be32(0x6000_0000)
            header.be16(UInt16(payload.count))
            header += [proto, 64]
            header += source.octets + destination.octets
        } else {
            header += [0x45, 0]
            header.be16(UInt16(20 + payload.count))
            header.be16(id)
            header.be16(0x4000) // don't fragment
            header += [64, proto, 0, 0]
            header += source.octets + destination.octets
            let sum = Self.checksum(header)
            header[10] = UInt8(sum >> 8)
            header[11] = UInt8(sum & 0xFF)
        }
        return header + payload
    }

    func udpDatagram(_ payload: [UInt8], from source: SocketAddressText, to destination: SocketAddressText) -> [UInt8] {
        var segment: [UInt8] = []
        segment.be16(source.port)
        segment.be16(destination.port)
        segment.be16(UInt16(8 + payload.count))
        segment.be16(0)
        segment += payload
        var sum = Self.checksum(pseudoHeader(source, destination, proto: 17, length: segment.count) + segment)
        if sum == 0 { sum = 0xFFFF }
        segment[6] = UInt8(sum >> 8)
        segment[7] = UInt8(sum & 0xFF)
        return segment
    }

    func tcpSegment(_ payload: [UInt8], from source: SocketAddressText, to destination: SocketAddressText, seq: UInt32, ack: UInt32) -> [UInt8] {
        var segment: [UInt8] = []
        segment.be16(source.port)
        segment.be16(destination.port)
        segment.be32(seq)
        segment.be32(ack)
        segment += [0x50, 0x18] // 20-octet header; PSH, ACK
        segment.be16(65_535)
        segment.be16(0)
        segment.be16(0)
        segment += payload
        let sum = Self.checksum(pseudoHeader(source, destination, proto: 6, length: segment.count) + segment)
        segment[16] = UInt8(sum >> 8)
        segment[17] = UInt8(sum & 0xFF)
        return segment
    }

    func pseudoHeader(_ source: SocketAddressText, _ destination: SocketAddressText, proto: UInt8, length: Int) -> [UInt8] {
        var out = source.octets + destination.octets
        if source.isIPv6 {
            out.be32(UInt32(length))
            out += [0, 0, 0, proto]
        } else {
            out += [0, proto]
            out.be16(UInt16(length))
        }
        return out
    }

    /// The Internet checksum (RFC 1071).
    static func checksum(_ bytes: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        var i = 0
        while i + 1 < bytes.count {
            sum += UInt32(bytes[i]) << 8 | UInt32(bytes[i + 1])
            i += 2
        }
        if i < bytes.count { sum += UInt32(bytes[i]) << 8 }
        while sum >> 16 != 0 { sum = (sum & 0xFFFF) + (sum >> 16) }
        return ~UInt16(sum)
    }
}

extension [UInt8] {
    mutating func le16(_ v: UInt16) { append(UInt8(v & 0xFF)); append(UInt8(v >> 8)) }
    mutating func le32(_ v: UInt32) { for s in stride(from: 0, to: 32, by: 8) { append(UInt8((v >> UInt32(s)) & 0xFF)) } }
    mutating func be16(_ v: UInt16) { append(UInt8(v >> 8)); append(UInt8(v & 0xFF)) }
    mutating func be32(_ v: UInt32) { for s in stride(from: 24, through: 0, by: -8) { append(UInt8((v >> UInt32(s)) & 0xFF)) } }
}
