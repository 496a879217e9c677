import Testing
@testable import Media

@Suite struct SRTPContextTests {
    /// The reference key and packets libsrtp validates itself against (AES_CM_128_HMAC_SHA1_80,
    /// SSRC 0xCAFEBABE, sequence 0x1234, ROC 0): key then salt.
    static let referenceKey: [UInt8] = [
        0xe1, 0xf9, 0x7a, 0x0d, 0x3e, 0x01, 0x8b, 0xe0, 0xd6, 0x4f, 0xa3, 0x2c, 0x06, 0xde, 0x41, 0x39,
        0x0e, 0xc6, 0x75, 0xad, 0x49, 0x8a, 0xfe, 0xeb, 0xb6, 0x96, 0x0b, 0x3a, 0xab, 0xe6,
    ]
    static let referenceRTP: [UInt8] = [0x80, 0x0f, 0x12, 0x34, 0xde, 0xca, 0xfb, 0xad, 0xca, 0xfe, 0xba, 0xbe]
        + [UInt8](repeating: 0xab, count: 16)
    static let referenceSRTP80: [UInt8] = [
        0x80, 0x0f, 0x12, 0x34, 0xde, 0xca, 0xfb, 0xad, 0xca, 0xfe, 0xba, 0xbe, 0x4e, 0x55, 0xdc, 0x4c,
        0xe7, 0x99, 0x78, 0xd8, 0x8c, 0xa4, 0xd2, 0x15, 0x94, 0x9d, 0x24, 0x02, 0xb7, 0x8d, 0x6a, 0xcc,
        0x99, 0xea, 0x17, 0x9b, 0x8d, 0xbb,
    ]
    static let referenceRTCP: [UInt8] = [0x81, 0xc8, 0x00, 0x0b, 0xca, 0xfe, 0xba, 0xbe]
        + [UInt8](repeating: 0xab, count: 16)
    static let referenceSRTCP: [UInt8] = [
        0x81, 0xc8, 0x00, 0x0b, 0xca, 0xfe, 0xba, 0xbe, 0x71, 0x28, 0x03, 0x5b, 0xe4, 0x87, 0xb9, 0xbd,
        0xbe, 0xf8, 0x90, 0x41, 0xf9, 0x77, 0xa5, 0xa8, 0x80, 0x00, 0x00, 0x01, 0x99, 0x3e, 0x08, 0xcd,
        0x54, 0xd6, 0xc1, 0x23, 0x07, 0x98,
    ]

    /// A buffer holding `packet` followed by `spare` free bytes.
    static func buffer(_ packet: [UInt8], spare: Int) -> [UInt8] { packet + [UInt8](repeating: 0, count: spare) }

    static func rtp(sequence: UInt16, payload: UInt8 = 0x55) -> [UInt8] {
        [0x80, 0x00, UInt8(sequence >> 8), UInt8(sequence & 0xFF), 0, 0, 0x01, 0x40, 0x12, 0x34, 0x56, 0x78]
            + [UInt8](repeating: payload, count: 160)
    }

    @Test func protectMatchesLibsrtpsReferencePacket() throws {
        let outbound = try SRTPContext(suite: .aesCM128HMACSHA1_80, masterKey: Self.referenceKey, direction: .outbound)
        var packet = Self.buffer(Self.referenceRTP, spare: 10)
        let length = packet.withUnsafeMutableBytes { outbound.protect($0, length: 28) }
        #expect(length == 38)
        #expect(packet == Self.referenceSRTP80)
    }

    /// The 32-bit suite truncates the same HMAC: the first 4 bytes of the 80-bit tag.
    @Test func theThirtyTwoBitSuiteTruncatesTheTag() throws {
        let outbound = try SRTPContext(suite: .aesCM128HMACSHA1_32, masterKey: Self.referenceKey, direction: .outbound)
        var packet = Self.buffer(Self.referenceRTP, spare: 4)
        let length = packet.withUnsafeMutableBytes { outbound.protect($0, length: 28) }
        #expect(length == 32)
        #expect(packet == Array(Self.referenceSRTP80[0..<32]))
    }

    @Test func unprotectMatchesLibsrtpsReferencePacket() throws {
        let inbound = try SRTPContext(suite: .aesCM128HMACSHA1_80, masterKey: Self.referenceKey, direction: .inbound)
        var packet = Self.referenceSRTP80
        let length = packet.withUnsafeMutableBytes { inbound.unprotect($0, length: 38) }
        #expect(length == 28)
        #expect(Array(packet[0..<28]) == Self.referenceRTP)
    }

    @Test func rtcpMatchesLibsrtpsReferencePackets() throws {
        let outbound = try SRTPContext(suite: .aesCM128HMACSHA1_80, masterKey: Self.referenceKey, direction: .outbound)
        var packet = Self.buffer(Self.referenceRTCP, spare: SRTPContext.rtcpTrailerLength)
        #expect(packet.withUnsafeMutableBytes { outbound.protectRTCP($0, length: 24) } == 38)
        #expect(packet == Self.referenceSRTCP)

        let inbound = try SRTPContext(suite: .aesCM128HMACSHA1_32, masterKey: Self.referenceKey, direction: .inbound)
        var received = Self.referenceSRTCP
        #expect(received.withUnsafeMutableBytes { inbound.unprotectRTCP($0, length: 38) } == 24)
        #expect(Array(received[0..<24]) == Self.referenceRTCP)
        // The same SRTCP index again is a replay.
        var replay = Self.referenceSRTCP
        #expect(replay.withUnsafeMutableBytes { inbound.unprotectRTCP($0, length: 38) } == nil)
    }

    @Test(arguments: [SRTPContext.Suite.aesCM128HMACSHA1_80, .aesCM128HMACSHA1_32])
    func roundTripsAndRefusesTamperingAndReplays(suite: SRTPContext.Suite) throws {
        let key = (0..<30).map { UInt8($0 * 7 + 3) }
        let outbound = try SRTPContext(suite: suite, masterKey: key, direction: .outbound)
        let inbound = try SRTPContext(suite: suite, masterKey: key, direction: .inbound)
        let original = Self.rtp(sequence: 1000)
        var packet = Self.buffer(original, spare: suite.rtpTagLength)
        let protected = try #require(packet.withUnsafeMutableBytes { outbound.protect($0, length: original.count) })
        #expect(protected == original.count + suite.rtpTagLength)
        #expect(Array(packet[12..<original.count]) != Array(original[12...]))  // payload encrypted
        #expect(Array(packet[0..<12]) == Array(original[0..<12]))  // header in clear
        let wire = packet

        var tampered = wire
        tampered[40] ^= 0x01
        #expect(tampered.withUnsafeMutableBytes { inbound.unprotect($0, length: protected) } == nil)

        var received = wire
        #expect(received.withUnsafeMutableBytes { inbound.unprotect($0, length: protected) } == original.count)
        #expect(Array(received[0..<original.count]) == original)

        var replay = wire
        #expect(replay.withUnsafeMutableBytes { inbound.unprotect($0, length: protected) } == nil)

        // The next packet still gets through.
        let second = Self.rtp(sequence: 1001, payload: 0x66)
        var next = Self.buffer(second, spare: suite.rtpTagLength)
        let nextLength = try #require(next.withUnsafeMutableBytes { outbound.protect($0, length: second.count) })
        #expect(next.withUnsafeMutableBytes { inbound.unprotect($0, length: nextLength) } == second.count)
        #expect(Array(next[0..<second.count]) == second)
    }

    @Test func anotherKeyFailsAuthentication() throws {
        let outbound = try SRTPContext(suite: .aesCM128HMACSHA1_80, masterKey: Self.referenceKey, direction: .outbound)
        var otherKey = Self.referenceKey
        otherKey[0] ^= 0xFF
        let inbound = try SRTPContext(suite: .aesCM128HMACSHA1_80, masterKey: otherKey, direction: .inbound)
        var packet = Self.buffer(Self.rtp(sequence: 1), spare: 10)
        let length = try #require(packet.withUnsafeMutableBytes { outbound.protect($0, length: 172) })
        #expect(packet.withUnsafeMutableBytes { inbound.unprotect($0, length: length) } == nil)
    }

    @Test func protectNeedsRoomForTheTag() throws {
        let outbound = try SRTPContext(suite: .aesCM128HMACSHA1_80, masterKey: Self.referenceKey, direction: .outbound)
        var tight = Self.buffer(Self.rtp(sequence: 5), spare: 9)
        #expect(tight.withUnsafeMutableBytes { outbound.protect($0, length: 172) } == nil)
        var rtcp = Self.buffer(Self.referenceRTCP, spare: 13)
        #expect(rtcp.withUnsafeMutableBytes { outbound.protectRTCP($0, length: 24) } == nil)
    }

    @Test func eachContextWorksInItsOwnDirectionOnly() throws {
        let outbound = try SRTPContext(suite: .aesCM128HMACSHA1_80, masterKey: Self.referenceKey, direction: .outbound)
        let inbound = try SRTPContext(suite: .aesCM128HMACSHA1_80, masterKey: Self.referenceKey, direction: .inbound)
        var packet = Self.referenceSRTP80
        #expect(packet.withUnsafeMutableBytes { outbound.unprotect($0, length: 38) } == nil)
        var plain = Self.buffer(Self.referenceRTP, spare: 10)
        #expect(plain.withUnsafeMutableBytes { inbound.protect($0, length: 28) } == nil)
    }

    @Test func malformedPacketsAreRefusedNotCrashed() throws {
        let inbound = try SRTPContext(suite: .aesCM128HMACSHA1_80, masterKey: Self.referenceKey, direction: .inbound)
        var noise = CodecTestNoise(seed: 7)
        for length in [0, 1, 11, 12, 21, 22, 23, 40, 200] {
            var bytes = (0..<max(length, 1)).map { _ in UInt8(truncatingIfNeeded: noise.next(amplitude: 32767)) }
            if length > 0 { bytes[0] = 0x80 | (bytes[0] & 0x3F) }
            #expect(bytes.withUnsafeMutableBytes { inbound.unprotect($0, length: length) } == nil)
            #expect(bytes.withUnsafeMutableBytes { inbound.unprotectRTCP($0, length: length) } == nil)
        }
        // CSRC count 15 and an extension header claimed in a packet too short for them.
        var lying: [UInt8] = [0x9F, 0x00, 0x00, 0x01] + [UInt8](repeating: 0, count: 30)
        #expect(lying.withUnsafeMutableBytes { inbound.unprotect($0, length: 34) } == nil)
        // A length beyond the buffer.
        var short = Self.referenceSRTP80
        #expect(short.withUnsafeMutableBytes { inbound.unprotect($0, length: 60) } == nil)
    }

    @Test(arguments: [0, 16, 29, 31, 46])
    func refusesAWrongKeyLength(length: Int) {
        #expect(throws: SRTPError.wrongKeyLength(expected: 30, actual: length)) {
            try SRTPContext(suite: .aesCM128HMACSHA1_80, masterKey: [UInt8](repeating: 1, count: length), direction: .outbound)
        }
    }

    @Test func suitesHaveTheirSDPNames() {
        #expect(SRTPContext.Suite.aesCM128HMACSHA1_80.sdpName == "AES_CM_128_HMAC_SHA1_80")
        #expect(SRTPContext.Suite.aesCM128HMACSHA1_32.sdpName == "AES_CM_128_HMAC_SHA1_32")
    }
}
