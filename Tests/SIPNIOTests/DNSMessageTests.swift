import Testing
@testable import SIPNIO

@Suite("DNS answers")
struct DNSMessageTests {
    /// `_sip._udp.example.com SRV`: two SRV answers whose targets compress against the
    /// question, and an A record for one target in the additional section.
    static func srvAnswer() -> [UInt8] {
        var p = DNSPacketBuilder(answers: 2, additionals: 1)
        let questionName = p.offset                       // 12
        p.question("_sip._udp.example.com", type: 33)
        let domain = questionName + 5 + 5                 // "example.com" inside the question
        var sip1 = 0
        p.record(type: 33, owner: { $0.pointer(questionName) }, data: {
            $0.u16(10); $0.u16(60); $0.u16(5060)
            sip1 = $0.offset
            $0.name("sip1", thenPointer: domain)
        })
        p.record(type: 33, ttl: 600, owner: { $0.pointer(questionName) }, data: {
            $0.u16(20); $0.u16(0); $0.u16(5070)
            $0.name("SIP2", thenPointer: domain)
        })
        p.record(type: 1, owner: { $0.pointer(sip1) }, data: { $0.bytes += [192, 0, 2, 10] })
        return p.bytes
    }

    @Test func readsSRVRecordsWithCompressedNames() throws {
        let message = try DNSMessage(parsing: Self.srvAnswer())
        #expect(message.id == 0x1234)
        #expect(message.isResponse)
        #expect(!message.isTruncated)
        #expect(message.responseCode == 0)
        #expect(message.questions.map(\.name) == ["_sip._udp.example.com"])
        #expect(message.answers.count == 2)
        #expect(message.answers[0].name == "_sip._udp.example.com")
        #expect(message.answers[0].data == .srv(DNSSRVRecord(priority: 10, weight: 60, port: 5060, target: "sip1.example.com")))
        // Names are lower-cased.
        #expect(message.answers[1].data == .srv(DNSSRVRecord(priority: 20, weight: 0, port: 5070, target: "sip2.example.com")))
        #expect(message.answers[1].ttl == 600)
        #expect(message.additionals == [DNSResourceRecord(name: "sip1.example.com", type: .a, ttl: 300, data: .address("192.0.2.10"))])
    }

    @Test func readsNAPTRRecords() throws {
        var p = DNSPacketBuilder(answers: 2)
        let q = p.offset
        p.question("example.com", type: 35)
        p.record(type: 35, owner: { $0.pointer(q) }, data: {
            $0.u16(50); $0.u16(50)
            $0.characterString("s"); $0.characterString("SIPS+D2T"); $0.characterString("")
            $0.name("_sips._tcp", thenPointer: q)
        })
        p.record(type: 35, owner: { $0.pointer(q) }, data: {
            $0.u16(90); $0.u16(40)
            $0.characterString("S"); $0.characterString("SIP+D2U"); $0.characterString("!^.*$!sip:x@example.com!")
            $0.name("_sip._udp.example.com")
        })
        let message = try DNSMessage(parsing: p.bytes)
        #expect(message.answers.map(\.data) == [
            .naptr(DNSNAPTRRecord(order: 50, preference: 50, flags: "s", services: "SIPS+D2T", regexp: "", replacement: "_sips._tcp.example.com")),
            .naptr(DNSNAPTRRecord(order: 90, preference: 40, flags: "S", services: "SIP+D2U", regexp: "!^.*$!sip:x@example.com!", replacement: "_sip._udp.example.com")),
        ])
    }

    @Test func readsAAndAAAARecords() throws {
        var p = DNSPacketBuilder(answers: 3)
        let q = p.offset
        p.question("sip.example.com", type: 28)
        p.record(type: 28, owner: { $0.pointer(q) }, data: {
            $0.bytes += [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [1]
        })
        p.record(type: 1, owner: { $0.pointer(q) }, data: { $0.bytes += [127, 0, 0, 1] })
        p.record(type: 5, owner: { $0.name("alias.example.com") }, data: { $0.pointer(q) })
        let message = try DNSMessage(parsing: p.bytes)
        #expect(message.answers.map(\.data) == [.address("2001:db8::1"), .address("127.0.0.1"), .cname("sip.example.com")])
        #expect(message.records(ofType: .aaaa).count == 1)
    }

    @Test func keepsUnknownRecordTypesRaw() throws {
        var p = DNSPacketBuilder(answers: 1)
        p.question("example.com", type: 16)
        p.record(type: 16, owner: { $0.name("example.com") }, data: { $0.characterString("v=spf1") })
        let message = try DNSMessage(parsing: p.bytes)
        #expect(message.answers.first?.type == DNSRecordType(rawValue: 16))
        #expect(message.answers.first?.data == .other([6] + Array("v=spf1".utf8)))
    }

    @Test func readsTheHeaderFlags() throws {
        var p = DNSPacketBuilder(flags: 0x8383, answers: 0)   // response, TC, NXDOMAIN
        p.question("nowhere.example", type: 35)
        let message = try DNSMessage(parsing: p.bytes)
        #expect(message.isTruncated)
        #expect(message.responseCode == DNSMessage.noSuchName)
        #expect(message.answers.isEmpty)
    }

    @Test func everyTruncationIsAnErrorNotACrash() {
        let full = Self.srvAnswer()
        for length in 0..<full.count {
            #expect(throws: DNSParseError.self, "cut at \(length)") { try DNSMessage(parsing: Array(full.prefix(length))) }
        }
    }

    @Test func aPointerLoopIsAnError() {
        var p = DNSPacketBuilder(answers: 0)
        let q = p.offset
        p.u8(1); p.bytes += Array("a".utf8)
        p.pointer(q)                                     // "a" then back to "a": a loop
        p.u16(1); p.u16(1)
        #expect(throws: DNSParseError.self) { try DNSMessage(parsing: p.bytes) }
    }

    @Test func aForwardOrSelfPointerIsAnError() {
        var p = DNSPacketBuilder(answers: 0)
        p.pointer(p.offset)                              // points at itself
        p.u16(1); p.u16(1)
        #expect(throws: DNSParseError.self) { try DNSMessage(parsing: p.bytes) }

        var q = DNSPacketBuilder(answers: 0)
        q.pointer(200)                                   // past the end
        q.u16(1); q.u16(1)
        #expect(throws: DNSParseError.self) { try DNSMessage(parsing: q.bytes) }
    }

    @Test func aReservedLabelTypeIsAnError() {
        var p = DNSPacketBuilder(answers: 0)
        p.u8(0x41)
        p.u16(1); p.u16(1)
        let error = #expect(throws: DNSParseError.self) { try DNSMessage(parsing: p.bytes) }
        #expect(error?.offset == 12)
    }

    @Test func anOverlongNameIsAnError() {
        var p = DNSPacketBuilder(answers: 0)
        for _ in 0..<5 { p.u8(63); p.bytes += [UInt8](repeating: 0x61, count: 63) }
        p.u8(0)
        p.u16(1); p.u16(1)
        #expect(throws: DNSParseError.self) { try DNSMessage(parsing: p.bytes) }
    }

    @Test func recordDataLengthMustMatch() {
        var p = DNSPacketBuilder(answers: 1)
        p.question("example.com", type: 1)
        p.record(type: 1, owner: { $0.name("example.com") }, data: { $0.bytes += [1, 2, 3] })   // A of 3 octets
        #expect(throws: DNSParseError.self) { try DNSMessage(parsing: p.bytes) }

        var q = DNSPacketBuilder(answers: 1)
        q.question("_sip._udp.example.com", type: 33)
        q.record(type: 33, owner: { $0.name("x") }, data: {
            $0.u16(1); $0.u16(1); $0.u16(5060); $0.name("a.example.com"); $0.u8(0xFF)   // a stray octet
        })
        #expect(throws: DNSParseError.self) { try DNSMessage(parsing: q.bytes) }
    }

    @Test func garbageNeverCrashes() {
        var random = SplitMix64(seed: 3263)
        var parsed = 0
        for round in 0..<2_000 {
            let count = Int(random.next() % 300)
            var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if round % 2 == 0 && count >= 12 {
                // Plausible headers with small counts, to get past the first checks.
                bytes[4] = 0; bytes[5] = 1; bytes[6] = 0; bytes[7] = UInt8(round % 4)
                bytes[8] = 0; bytes[9] = 0; bytes[10] = 0; bytes[11] = 0
            }
            if (try? DNSMessage(parsing: bytes)) != nil { parsed += 1 }
        }
        #expect(parsed < 2_000)
    }
}

/// A small seeded generator (SplitMix64) so that "random" tests are the same every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
