/// A DNS message (RFC 1035 §4) read from octets: the header, the questions, and the
/// records of the answer, authority and additional sections.
///
/// Pure: it reads what a resolver returned and touches nothing else. Every read is
/// bounds-checked, compression pointers may only point backwards and are followed a
/// bounded number of times, and names are limited to 255 octets, so a truncated or
/// hostile packet gives a `DNSParseError`, never a crash or a loop.
public struct DNSMessage: Sendable, Hashable {
    public struct Question: Sendable, Hashable {
        public var name: String
        public var type: DNSRecordType
        public var recordClass: UInt16
    }

    public var id: UInt16
    public var isResponse: Bool
    /// TC: the answer did not fit and was cut.
    public var isTruncated: Bool
    /// RCODE: 0 no error, 2 server failure, 3 no such name (NXDOMAIN), …
    public var responseCode: UInt8
    public var questions: [Question]
    public var answers: [DNSResourceRecord]
    public var authorities: [DNSResourceRecord]
    public var additionals: [DNSResourceRecord]

    public static let noSuchName: UInt8 = 3

    public init(parsing bytes: [UInt8]) throws(DNSParseError) {
        var reader = DNSReader(bytes: bytes)
        id = try reader.u16("the message ID")
        let flags = try reader.u16("the header flags")
        isResponse = flags & 0x8000 != 0
        isTruncated = flags & 0x0200 != 0
        responseCode = UInt8(flags & 0x000F)
        let questionCount = try reader.u16("the question count")
        let answerCount = try reader.u16("the answer count")
        let authorityCount = try reader.u16("the authority count")
        let additionalCount = try reader.u16("the additional count")

        questions = []
        for _ in 0..<questionCount {
            let name = try reader.name()
            let type = DNSRecordType(rawValue: try reader.u16("a question type"))
            let recordClass = try reader.u16("a question class")
            questions.append(Question(name: name, type: type, recordClass: recordClass))
        }
        answers = try reader.records(Int(answerCount))
        authorities = try reader.records(Int(authorityCount))
        additionals = try reader.records(Int(additionalCount))
    }

    /// The answer and additional records of `type` (the additional section of an SRV
    /// answer often carries the targets' addresses).
    public func records(ofType type: DNSRecordType) -> [DNSResourceRecord] {
        (answers + additionals).filter { $0.type == type }
    }
}

/// A bounds-checked cursor over a DNS message.
struct DNSReader {
    let bytes: [UInt8]
    var offset = 0

    /// More pointers than this in one name can only be a loop.
    static let maximumPointers = 32
    /// RFC 1035 §2.3.4: names are at most 255 octets.
    static let maximumNameLength = 255

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func u8(_ what: String) throws(DNSParseError) -> UInt8 {
        guard offset < bytes.count else { throw DNSParseError("the packet ends inside \(what)", at: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u16(_ what: String) throws(DNSParseError) -> UInt16 {
        guard offset + 2 <= bytes.count else { throw DNSParseError("the packet ends inside \(what)", at: offset) }
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func u32(_ what: String) throws(DNSParseError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw DNSParseError("the packet ends inside \(what)", at: offset) }
        defer { offset += 4 }
        return bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func octets(_ count: Int, _ what: String) throws(DNSParseError) -> ArraySlice<UInt8> {
        guard count >= 0, offset + count <= bytes.count else {
            throw DNSParseError("the packet ends inside \(what)", at: offset)
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    /// A <character-string>: a length octet, then that many octets.
    mutating func characterString(_ what: String) throws(DNSParseError) -> String {
        let length = Int(try u8(what))
        return String(decoding: try octets(length, what), as: UTF8.self)
    }

    /// A domain name at the cursor, following compression pointers (RFC 1035 §4.1.4).
    /// Lower-cased, without the final dot; "" for the root.
    mutating func name() throws(DNSParseError) -> String {
        var labels: [String] = []
        var length = 1
        var position = offset
        var resumeAt: Int?   // where the cursor goes once the name is read (after the first pointer)
        var pointers = 0
        while true {
            guard position < bytes.count else { throw DNSParseError("the packet ends inside a name", at: position) }
            let octet = bytes[position]
            switch octet & 0xC0 {
            case 0x00:
                if octet == 0 {
                    offset = resumeAt ?? position + 1
                    return labels.joined(separator: ".")
                }
                let count = Int(octet)
                guard position + 1 + count <= bytes.count else {
                    throw DNSParseError("the packet ends inside a label", at: position)
                }
                length += count + 1
                guard length <= Self.maximumNameLength else {
                    throw DNSParseError("a name longer than \(Self.maximumNameLength) octets", at: position)
                }
                labels.append(String(decoding: bytes[(position + 1)...(position + count)], as: UTF8.self).lowercased())
                position += 1 + count
            case 0xC0:
                guard position + 1 < bytes.count else { throw DNSParseError("the packet ends inside a pointer", at: position) }
                let target = Int(octet & 0x3F) << 8 | Int(bytes[position + 1])
                // A pointer refers to a prior occurrence (RFC 1035 §4.1.4): forwards or to
                // itself can only be garbage or a loop.
                guard target < position else {
                    throw DNSParseError("a compression pointer to offset \(target) that does not lie before it", at: position)
                }
                pointers += 1
                guard pointers <= Self.maximumPointers else {
                    throw DNSParseError("too many compression pointers in one name", at: position)
                }
                if resumeAt == nil { resumeAt = position + 2 }
                position = target
            default:
                throw DNSParseError("a label type 0x\(String(octet >> 6, radix: 16)) that DNS does not define", at: position)
            }
        }
    }

    mutating func records(_ count: Int) throws(DNSParseError) -> [DNSResourceRecord] {
        var result: [DNSResourceRecord] = []
        for _ in 0..<count { result.append(try record()) }
        return result
    }

    mutating func record() throws(DNSParseError) -> DNSResourceRecord {
        let name = try name()
        let type = DNSRecordType(rawValue: try u16("a record type"))
        _ = try u16("a record class")
        let ttl = try u32("a record TTL")
        let dataLength = Int(try u16("a record data length"))
        let dataStart = offset
        guard dataStart + dataLength <= bytes.count else {
            throw DNSParseError("the \(type) record announces \(dataLength) octets of data but only \(bytes.count - dataStart) follow", at: dataStart)
        }
        let dataEnd = dataStart + dataLength
        let data: DNSRecordData
        switch type {
        case .a, .aaaa:
            let expected = type == .a ? 4 : 16
            guard dataLength == expected else {
                throw DNSParseError("an \(type) record with \(dataLength) octets of data instead of \(expected)", at: dataStart)
            }
            data = .address(IPAddressText.format(Array(try octets(dataLength, "an address")))!)
        case .srv:
            let priority = try u16("an SRV priority")
            let weight = try u16("an SRV weight")
            let port = try u16("an SRV port")
            let target = try self.name()
            data = .srv(DNSSRVRecord(priority: priority, weight: weight, port: port, target: target))
        case .naptr:
            let order = try u16("a NAPTR order")
            let preference = try u16("a NAPTR preference")
            let flags = try characterString("the NAPTR flags")
            let services = try characterString("the NAPTR services")
            let regexp = try characterString("the NAPTR regexp")
            let replacement = try self.name()
            data = .naptr(DNSNAPTRRecord(order: order, preference: preference, flags: flags,
                                         services: services, regexp: regexp, replacement: replacement))
        case .cname:
            data = .cname(try self.name())
        default:
            data = .other(Array(try octets(dataLength, "record data")))
        }
        guard offset == dataEnd else {
            throw DNSParseError("the \(type) record's data is \(offset - dataStart) octets, not the \(dataLength) announced", at: dataStart)
        }
        return DNSResourceRecord(name: name, type: type, ttl: ttl, data: data)
    }
}
