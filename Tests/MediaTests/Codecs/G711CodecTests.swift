import Testing
@testable import Media

@Suite struct G711CodecTests {
    /// ITU-T G.711 Table 2a (µ-law): decoder output at the first and last code of each of the
    /// 8 positive segments, in 16-bit units (the Recommendation's 14-bit values × 4), plus negatives.
    static let muLawReference: [(code: UInt8, linear: Int16)] = [
        (0xFF, 0), (0xF0, 120), (0xEF, 132), (0xE0, 372), (0xDF, 396), (0xD0, 876),
        (0xCF, 924), (0xC0, 1884), (0xBF, 1980), (0xB0, 3900), (0xAF, 4092), (0xA0, 7932),
        (0x9F, 8316), (0x90, 15996), (0x8F, 16764), (0x80, 32124),
        (0x7F, 0), (0x70, -120), (0x10, -15996), (0x00, -32124),
    ]

    /// ITU-T G.711 Table 1a (A-law): first and last code of each positive segment, in 16-bit
    /// units (the Recommendation's 13-bit values × 8), plus negatives.
    static let aLawReference: [(code: UInt8, linear: Int16)] = [
        (0xD5, 8), (0xDA, 248), (0xC5, 264), (0xCA, 504), (0xF5, 528), (0xFA, 1008),
        (0xE5, 1056), (0xEA, 2016), (0x95, 2112), (0x9A, 4032), (0x85, 4224), (0x8A, 8064),
        (0xB5, 8448), (0xBA, 16128), (0xA5, 16896), (0xAA, 32256),
        (0x55, -8), (0x5A, -248), (0x25, -16896), (0x2A, -32256),
    ]

    @Test(arguments: muLawReference)
    func muLawDecodesToTheG711Value(code: UInt8, linear: Int16) {
        #expect(G711Tables.muLawDecode[Int(code)] == linear)
    }

    @Test(arguments: aLawReference)
    func aLawDecodesToTheG711Value(code: UInt8, linear: Int16) {
        #expect(G711Tables.aLawDecode[Int(code)] == linear)
    }

    @Test func everyMuLawCodeSurvivesDecodeThenEncode() throws {
        let codec = try G711Codec(law: .muLaw, frameMilliseconds: 10)
        for code in 0...255 {
            let linear = G711Tables.muLawDecode[code]
            let back = encodeOne(codec, linear)
            // 0x7F is µ-law's negative zero: it decodes to 0, which encodes as positive zero 0xFF.
            #expect(back == (code == 0x7F ? 0xFF : UInt8(code)), "code \(code)")
        }
    }

    @Test func everyALawCodeSurvivesDecodeThenEncode() throws {
        let codec = try G711Codec(law: .aLaw, frameMilliseconds: 10)
        for code in 0...255 {
            #expect(encodeOne(codec, G711Tables.aLawDecode[code]) == UInt8(code), "code \(code)")
        }
    }

    @Test(arguments: [
        (Int16(0), UInt8(0xFF), UInt8(0xD5)), (-1, 0x7F, 0x55), (3, 0xFF, 0xD5), (4, 0xFE, 0xD5),
        (16, 0xFD, 0xD4), (32767, 0x80, 0xAA), (-32768, 0x00, 0x2A), (32124, 0x80, 0xAA),
    ])
    func encodesTheG711Code(linear: Int16, muLaw: UInt8, aLaw: UInt8) throws {
        #expect(encodeOne(try G711Codec(law: .muLaw, frameMilliseconds: 10), linear) == muLaw)
        #expect(encodeOne(try G711Codec(law: .aLaw, frameMilliseconds: 10), linear) == aLaw)
    }

    /// Over all 65536 inputs the quantised value never decreases and stays within half a step
    /// of the input (steps double per segment: at most 1/16 of the value above the first segments).
    @Test(arguments: [G711Codec.Law.muLaw, .aLaw])
    func quantisationIsMonotonicAndClose(law: G711Codec.Law) {
        let encode = law == .muLaw ? G711Tables.muLawEncode : G711Tables.aLawEncode
        let decode = law == .muLaw ? G711Tables.muLawDecode : G711Tables.aLawDecode
        let shift = law == .muLaw ? 2 : 4, offset = law == .muLaw ? 8192 : 2048
        let maximum = law == .muLaw ? 32124 : 32256
        var previous = Int.min
        var worst = 0
        for value in Int(Int16.min)...Int(Int16.max) {
            let quantised = Int(decode[Int(encode[(value >> shift) + offset])])
            #expect(quantised >= previous)
            previous = quantised
            let clipped = min(max(value, -maximum), maximum)
            let error = abs(quantised - clipped)
            if error > 16 + abs(value) / 16 { worst = max(worst, error) }
        }
        #expect(worst == 0)
    }

    @Test(arguments: [G711Codec.Law.muLaw, .aLaw])
    func concealmentContinuesTheTone(law: G711Codec.Law) throws {
        let codec = try G711Codec(law: law, frameMilliseconds: 20)
        let tone = CodecTestSignal.sine(frequency: 1000, rate: 8000, count: 160 * 5)
        var payload = [UInt8](repeating: 0, count: codec.maxPayloadBytes)
        var pcm = [Int16](repeating: 0, count: 160)
        for frame in 0..<5 {
            let bytes = tone[(frame * 160)..<(frame * 160 + 160)].withUnsafeBufferPointer { input in
                payload.withUnsafeMutableBytes { codec.encode(input, into: $0) }
            }
            #expect(bytes == 160)
            let decoded = payload.withUnsafeBytes { raw in
                pcm.withUnsafeMutableBufferPointer { codec.decode(UnsafeRawBufferPointer(rebasing: raw[0..<bytes]), into: $0) }
            }
            #expect(decoded == 160)
        }
        let concealed = pcm.withUnsafeMutableBufferPointer { codec.conceal(next: nil, into: $0) }
        #expect(concealed == 160)
        let first = pcm[0..<80]
        #expect(CodecTestSignal.rms(first) > 2000)
        #expect(CodecTestSignal.goertzelPower(first, frequency: 1000, rate: 8000)
            > 10 * CodecTestSignal.goertzelPower(first, frequency: 600, rate: 8000))
    }

    @Test func decodeWritesOnlyWhatFits() throws {
        let codec = try G711Codec(law: .muLaw, frameMilliseconds: 20)
        let payload = [UInt8](repeating: 0x80, count: 200)
        var pcm = [Int16](repeating: 0, count: 160)
        let count = payload.withUnsafeBytes { raw in pcm.withUnsafeMutableBufferPointer { codec.decode(raw, into: $0) } }
        #expect(count == 160)
        #expect(pcm.allSatisfy { $0 == 32124 })
        let empty = pcm.withUnsafeMutableBufferPointer { codec.decode(UnsafeRawBufferPointer(start: nil, count: 0), into: $0) }
        #expect(empty == 0)
    }

    @Test func encodeRefusesAWrongFrameOrSmallOutput() throws {
        let codec = try G711Codec(law: .aLaw, frameMilliseconds: 20)
        let short = [Int16](repeating: 0, count: 159)
        var out = [UInt8](repeating: 0, count: 160)
        #expect(short.withUnsafeBufferPointer { pcm in out.withUnsafeMutableBytes { codec.encode(pcm, into: $0) } } == 0)
        let frame = [Int16](repeating: 0, count: 160)
        var small = [UInt8](repeating: 0, count: 100)
        #expect(frame.withUnsafeBufferPointer { pcm in small.withUnsafeMutableBytes { codec.encode(pcm, into: $0) } } == 0)
    }

    private func encodeOne(_ codec: G711Codec, _ linear: Int16) -> UInt8 {
        // Encode a whole frame of the same value (80 samples at 10 ms) and read the first byte.
        let frame = [Int16](repeating: linear, count: codec.frameSamples)
        var out = [UInt8](repeating: 0, count: codec.frameSamples)
        let written = frame.withUnsafeBufferPointer { pcm in out.withUnsafeMutableBytes { codec.encode(pcm, into: $0) } }
        return written == codec.frameSamples ? out[0] : 0xEE
    }
}
