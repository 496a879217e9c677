import Testing
@testable import Media

@Suite struct RTPHeaderTests {
    @Test func writesTheRFCLayoutAndParsesItBack() {
        let header = RTPHeader(payloadType: 8, sequenceNumber: 0x1234, timestamp: 0xDEAD_BEEF, ssrc: 0x0102_0304,
                               marker: true, contributingSources: [0xAAAA_AAAA, 0x5555_5555])
        var buffer = [UInt8](repeating: 0xFF, count: 40)
        let written = buffer.withUnsafeMutableBytes { header.write(into: $0) }
        #expect(written == 20)
        #expect(Array(buffer[0..<20]) == [
            0x82, 0x88, 0x12, 0x34, 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04,
            0xAA, 0xAA, 0xAA, 0xAA, 0x55, 0x55, 0x55, 0x55,
        ])
        let parsed = parseRTP(buffer)
        #expect(parsed?.header == header)
        #expect(parsed?.payload == 20..<40)
    }

    @Test func roundTripsEveryFieldCombination() {
        let cases: [RTPHeader] = [
            RTPHeader(payloadType: 0, sequenceNumber: 0, timestamp: 0, ssrc: 0),
            RTPHeader(payloadType: 127, sequenceNumber: .max, timestamp: .max, ssrc: .max, marker: true),
            RTPHeader(payloadType: 101, sequenceNumber: 7, timestamp: 160, ssrc: 42,
                      contributingSources: RTPContributingSources(arrayLiteral: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)),
        ]
        for header in cases {
            var buffer = [UInt8](repeating: 0, count: header.byteCount + 3)
            #expect(buffer.withUnsafeMutableBytes { header.write(into: $0) } == header.byteCount)
            let parsed = parseRTP(buffer)
            #expect(parsed?.header == header)
            #expect(parsed?.payload == header.byteCount..<header.byteCount + 3)
        }
    }

    @Test func skipsAHeaderExtension() {
        // V=2 X=1 CC=0, PT 0, one extension word after the 4-byte extension header.
        let bytes: [UInt8] = [
            0x90, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 9,
            0xBE, 0xDE, 0x00, 0x01, 0x10, 0xFF, 0x00, 0x00,
            0x11, 0x22,
        ]
        let parsed = parseRTP(bytes)
        #expect(parsed?.header.ssrc == 9)
        #expect(parsed?.payload == 20..<22)
    }

    @Test func stripsPadding() {
        // P=1, payload 2 bytes then 3 padding octets (the last holds the count).
        let bytes: [UInt8] = [0xA0, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x11, 0x22, 0, 0, 3]
        let parsed = parseRTP(bytes)
        #expect(parsed?.header.padding == true)
        #expect(parsed?.payload == 12..<14)
    }

    static let malformed: [(String, [UInt8])] = {
        let zeros11 = [UInt8](repeating: 0, count: 11)
        let ssrcOne: [UInt8] = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]
        var cases: [(String, [UInt8])] = []
        cases.append(("empty", []))
        cases.append(("eleven bytes", [UInt8](repeating: 0x80, count: 11)))
        cases.append(("version 1", [0x40] + zeros11))
        cases.append(("version 0 (STUN-like)", [UInt8](repeating: 0, count: 20)))
        cases.append(("CSRC list past the end", [0x82] + [UInt8](repeating: 0, count: 15)))
        cases.append(("extension header past the end", [0x90] + [UInt8](repeating: 0, count: 13)))
        cases.append(("extension body past the end", [0x90] + ssrcOne + [0xBE, 0xDE, 0x00, 0x02, 0, 0, 0, 0]))
        cases.append(("padding with no room", [0xA0] + zeros11))
        cases.append(("padding count zero", [0xA0] + ssrcOne + [0x11, 0x00]))
        cases.append(("padding larger than payload", [0xA0] + ssrcOne + [0x11, 0x05]))
        return cases
    }()

    @Test(arguments: malformed)
    func rejectsMalformed(name: String, bytes: [UInt8]) {
        #expect(parseRTP(bytes) == nil, "\(name)")
    }

    @Test func writeRefusesATooSmallBuffer() {
        let header = RTPHeader(payloadType: 0, sequenceNumber: 1, timestamp: 2, ssrc: 3, contributingSources: [4])
        var buffer = [UInt8](repeating: 0xEE, count: 15)
        #expect(buffer.withUnsafeMutableBytes { header.write(into: $0) } == 0)
        #expect(buffer == [UInt8](repeating: 0xEE, count: 15))
    }

    @Test func contributingSourcesStopAtFifteen() {
        var sources = RTPContributingSources()
        for index in 0..<15 {
            let added = sources.append(UInt32(index))
            #expect(added)
        }
        let addedSixteenth = sources.append(99)
        #expect(!addedSixteenth)
        #expect(sources.count == 15)
        #expect(sources.last == 14)
    }
}
