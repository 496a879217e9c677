import Testing
@testable import Media

@Suite struct RTCPPacketTests {
    /// An SR with one report block, an SDES CNAME and an APP packet, laid out by hand from
    /// RFC 3550 §6.4.1, §6.5 and §6.7, as a stack like Asterisk or pjsip would send them.
    static let handBuiltCompound: [UInt8] = [
        // SR: V=2 P=0 RC=1, PT=200, length 12 (52 bytes)
        0x81, 0xC8, 0x00, 0x0C,
        0x4A, 0x5B, 0x6C, 0x7D,                     // SSRC of sender
        0xE9, 0x3A, 0x2B, 0x1C, 0x80, 0x00, 0x00, 0x00, // NTP timestamp
        0x00, 0x01, 0xE2, 0x40,                     // RTP timestamp 123456
        0x00, 0x00, 0x01, 0xF4,                     // packet count 500
        0x00, 0x01, 0x38, 0x80,                     // octet count 80000
        0x11, 0x22, 0x33, 0x44,                     // SSRC_1
        0x0A, 0xFF, 0xFF, 0xFE,                     // fraction lost 10/256, cumulative lost −2
        0x00, 0x01, 0x00, 0x05,                     // extended highest sequence: 1 cycle, 5
        0x00, 0x00, 0x00, 0x2A,                     // jitter 42
        0xB7, 0x05, 0x20, 0x00,                     // LSR
        0x00, 0x05, 0x40, 0x00,                     // DLSR
        // SDES: V=2 SC=1, PT=202, length 6 (28 bytes)
        0x81, 0xCA, 0x00, 0x06,
        0x4A, 0x5B, 0x6C, 0x7D,
        0x01, 0x0E, 0x61, 0x6C, 0x69, 0x63, 0x65, 0x40, // CNAME, 14: "alice@"
        0x31, 0x30, 0x2E, 0x30, 0x2E, 0x30, 0x2E, 0x31, // "10.0.0.1"
        0x00, 0x00, 0x00, 0x00,                     // END and padding to 32 bits
        // APP: PT=204, length 2 (12 bytes): skipped
        0x80, 0xCC, 0x00, 0x02,
        0x4A, 0x5B, 0x6C, 0x7D, 0x54, 0x45, 0x53, 0x54,
    ]

    static let expectedSenderReport = RTCPSenderReport(
        ssrc: 0x4A5B_6C7D,
        ntpTimestamp: NTPTimestamp(seconds: 0xE93A_2B1C, fraction: 0x8000_0000),
        rtpTimestamp: 123_456,
        packetCount: 500,
        octetCount: 80_000,
        reports: [RTCPReportBlock(ssrc: 0x1122_3344, fractionLost: 10, cumulativeLost: -2,
                                  extendedHighestSequence: 0x0001_0005, jitter: 42,
                                  lastSenderReport: 0xB705_2000, delaySinceLastSenderReport: 0x0005_4000)]
    )

    @Test func parsesACompoundFromAnotherStack() throws {
        let packets = try RTCPPacket.parseCompound(Self.handBuiltCompound)
        #expect(packets == [
            .senderReport(Self.expectedSenderReport),
            .sourceDescription(RTCPSourceDescription(chunks: [.init(ssrc: 0x4A5B_6C7D, cname: "alice@10.0.0.1")])),
        ])
        if case .sourceDescription(let sdes) = packets.last {
            #expect(sdes.chunks.first?.cname == "alice@10.0.0.1")
        }
    }

    @Test func writesTheSameBytesBack() throws {
        let packets = try RTCPPacket.parseCompound(Self.handBuiltCompound)
        // Everything but the skipped APP packet.
        #expect(RTCPPacket.writeCompound(packets) == Array(Self.handBuiltCompound.dropLast(12)))
    }

    @Test(arguments: [
        RTCPPacket.senderReport(expectedSenderReport),
        .senderReport(RTCPSenderReport(ssrc: 1, ntpTimestamp: NTPTimestamp(0), rtpTimestamp: 2, packetCount: 3, octetCount: 4)),
        .receiverReport(RTCPReceiverReport(ssrc: 9)),
        .receiverReport(RTCPReceiverReport(ssrc: 9, reports: [
            RTCPReportBlock(ssrc: 1, fractionLost: 255, cumulativeLost: -0x80_0000, extendedHighestSequence: .max,
                            jitter: .max, lastSenderReport: 1, delaySinceLastSenderReport: 2),
            RTCPReportBlock(ssrc: 2, fractionLost: 0, cumulativeLost: 0x7F_FFFF, extendedHighestSequence: 0,
                            jitter: 0, lastSenderReport: 0, delaySinceLastSenderReport: 0),
        ])),
        .sourceDescription(RTCPSourceDescription(chunks: [
            .init(ssrc: 5, cname: "bob@example.com"),
            .init(ssrc: 6, items: [.init(type: 1, value: Array("abc".utf8)), .init(type: 6, value: Array("Dialtone".utf8))]),
            .init(ssrc: 7, cname: ""),
        ])),
        .bye(RTCPBye(sources: [0xCAFE_BABE])),
        .bye(RTCPBye(sources: [1, 2], reason: "call ended")),
        .bye(RTCPBye(sources: [3], reason: "")),
    ])
    func roundTrips(packet: RTCPPacket) throws {
        let bytes = RTCPPacket.writeCompound([packet])
        #expect(bytes.count % 4 == 0)
        #expect(try RTCPPacket.parseCompound(bytes) == [packet])
    }

    @Test func sdesChunkLayoutIsPaddedWithAtLeastOneNull() {
        // "abcd": 4 + 2 + 4 = 10 bytes, END makes 11, padding makes 12.
        let bytes = RTCPPacket.writeCompound([.sourceDescription(RTCPSourceDescription(chunks: [.init(ssrc: 1, cname: "abcd")]))])
        #expect(bytes == [0x81, 0xCA, 0x00, 0x03, 0, 0, 0, 1, 0x01, 0x04, 0x61, 0x62, 0x63, 0x64, 0, 0])
        // "ab": 4 + 2 + 2 = 8 bytes, so a whole word of nulls follows.
        let aligned = RTCPPacket.writeCompound([.sourceDescription(RTCPSourceDescription(chunks: [.init(ssrc: 1, cname: "ab")]))])
        #expect(aligned == [0x81, 0xCA, 0x00, 0x03, 0, 0, 0, 1, 0x01, 0x02, 0x61, 0x62, 0, 0, 0, 0])
    }

    @Test func byeReasonLayout() {
        let bytes = RTCPPacket.writeCompound([.bye(RTCPBye(sources: [7], reason: "bye"))])
        #expect(bytes == [0x81, 0xCB, 0x00, 0x02, 0, 0, 0, 7, 0x03, 0x62, 0x79, 0x65])
    }

    @Test func cumulativeLostIsClampedToTwentyFourBits() throws {
        let block = RTCPReportBlock(ssrc: 1, fractionLost: 0, cumulativeLost: 20_000_000, extendedHighestSequence: 0,
                                    jitter: 0, lastSenderReport: 0, delaySinceLastSenderReport: 0)
        let bytes = RTCPPacket.writeCompound([.receiverReport(RTCPReceiverReport(ssrc: 2, reports: [block]))])
        #expect(Array(bytes[12..<16]) == [0x00, 0x7F, 0xFF, 0xFF])
        let negative = RTCPReportBlock(ssrc: 1, fractionLost: 0, cumulativeLost: -20_000_000, extendedHighestSequence: 0,
                                       jitter: 0, lastSenderReport: 0, delaySinceLastSenderReport: 0)
        let negativeBytes = RTCPPacket.writeCompound([.receiverReport(RTCPReceiverReport(ssrc: 2, reports: [negative]))])
        #expect(Array(negativeBytes[12..<16]) == [0x00, 0x80, 0x00, 0x00])
    }

    @Test func longTextIsCutAtAScalarBoundary() throws {
        let cname = String(repeating: "é", count: 200)  // 400 UTF-8 bytes
        let chunk = RTCPSourceDescription.Chunk(ssrc: 1, cname: cname)
        #expect(chunk.items[0].value.count == 254)
        #expect(chunk.cname == String(repeating: "é", count: 127))
    }

    @Test func acceptsPaddingOnTheLastPart() throws {
        // RR (8 bytes) then BYE with P=1 and 4 padding octets.
        let bytes: [UInt8] = [
            0x80, 0xC9, 0x00, 0x01, 0, 0, 0, 1,
            0xA1, 0xCB, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 4,
        ]
        #expect(try RTCPPacket.parseCompound(bytes) == [
            .receiverReport(RTCPReceiverReport(ssrc: 1)),
            .bye(RTCPBye(sources: [1])),
        ])
    }

    static let malformed: [(String, [UInt8], RTCPParseError)] = {
        var cases: [(String, [UInt8], RTCPParseError)] = []
        cases.append(("three bytes", [0x80, 0xC9, 0x00], .truncated))
        cases.append(("length past the end", [0x80, 0xC9, 0x00, 0x02, 0, 0, 0, 1], .truncated))
        cases.append(("trailing bytes", [0x80, 0xC9, 0x00, 0x01, 0, 0, 0, 1, 0x80], .truncated))
        cases.append(("version 1", [0x40, 0xC9, 0x00, 0x01, 0, 0, 0, 1], .badVersion))
        cases.append(("second part bad version", [0x80, 0xC9, 0x00, 0x01, 0, 0, 0, 1, 0x00, 0xCA, 0x00, 0x00], .badVersion))
        cases.append(("padding on first of two", [0xA0, 0xC9, 0x00, 0x01, 0, 0, 0, 4, 0x80, 0xCB, 0x00, 0x00], .badPadding))
        cases.append(("padding count zero", [0xA0, 0xC9, 0x00, 0x01, 0, 0, 0, 0], .badPadding))
        cases.append(("padding count too big", [0xA0, 0xC9, 0x00, 0x01, 0, 0, 0, 9], .badPadding))
        cases.append(("RR count larger than body", [0x81, 0xC9, 0x00, 0x01, 0, 0, 0, 1], .badCount))
        cases.append(("SR shorter than sender info", [0x80, 0xC8, 0x00, 0x01, 0, 0, 0, 1], .badCount))
        cases.append(("SDES without END", [0x81, 0xCA, 0x00, 0x02, 0, 0, 0, 1, 0x01, 0x02, 0x61, 0x62], .badCount))
        cases.append(("SDES item past the end", [0x81, 0xCA, 0x00, 0x02, 0, 0, 0, 1, 0x01, 0x09, 0x61, 0x62], .badCount))
        cases.append(("SDES count larger than body", [0x82, 0xCA, 0x00, 0x02, 0, 0, 0, 1, 0x00, 0x00, 0x00, 0x00], .badCount))
        cases.append(("BYE count larger than body", [0x82, 0xCB, 0x00, 0x01, 0, 0, 0, 1], .badCount))
        cases.append(("BYE reason past the end", [0x81, 0xCB, 0x00, 0x02, 0, 0, 0, 1, 0x09, 0x61, 0x62, 0x63], .badCount))
        var many: [UInt8] = []
        for _ in 0..<65 { many += [0x80, 0xC9, 0x00, 0x01, 0, 0, 0, 1] }
        cases.append(("65 parts", many, .tooManyPackets))
        return cases
    }()

    @Test(arguments: malformed)
    func rejectsMalformed(name: String, bytes: [UInt8], error: RTCPParseError) {
        #expect(throws: error, "\(name)") { try RTCPPacket.parseCompound(bytes) }
    }

    @Test func sixtyFourPartsAreStillAccepted() throws {
        var bytes: [UInt8] = []
        for _ in 0..<64 { bytes += [0x80, 0xC9, 0x00, 0x01, 0, 0, 0, 1] }
        #expect(try RTCPPacket.parseCompound(bytes).count == 64)
    }
}
