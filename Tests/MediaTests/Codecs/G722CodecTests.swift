import Testing
@testable import Media

@Suite struct G722CodecTests {
    /// RFC 3551 §4.5.2: 16 kHz audio, 8000 Hz RTP clock, 64 kbit/s = one byte per two samples.
    @Test func twentyMillisecondsIs320SamplesIn160Bytes() throws {
        let codec = try G722Codec(frameMilliseconds: 20)
        #expect(codec.frameSamples == 320)
        #expect(codec.maxPayloadBytes == 160)
        #expect(codec.rtpTimestampsPerFrame == 160)
        let payload = [UInt8](repeating: 0xAB, count: 160)
        var pcm = [Int16](repeating: 0, count: 320)
        #expect(payload.withUnsafeBytes { raw in pcm.withUnsafeMutableBufferPointer { codec.decode(raw, into: $0) } } == 320)
    }

    /// A wideband tone (5 kHz is above G.711's 4 kHz band) survives G.722.
    @Test func keepsAFiveKilohertzTone() throws {
        let codec = try G722Codec(frameMilliseconds: 20)
        let tone = CodecTestSignal.sine(frequency: 5000, rate: 16000, count: 320 * 20)
        let decoded = CodecTestSignal.roundTrip(codec, tone).decoded[1600...]
        #expect(CodecTestSignal.goertzelPower(decoded, frequency: 5000, rate: 16000)
            > 100 * CodecTestSignal.goertzelPower(decoded, frequency: 3000, rate: 16000))
        let ratio = CodecTestSignal.rms(decoded) / CodecTestSignal.rms(tone[1600...])
        #expect(ratio > 0.8 && ratio < 1.2, "level ratio \(ratio)")
    }

    @Test func concealmentContinuesTheTone() throws {
        let codec = try G722Codec(frameMilliseconds: 20)
        // 500 Hz: a period of 32 samples at 16 kHz, inside spandsp's pitch search range.
        _ = CodecTestSignal.roundTrip(codec, CodecTestSignal.sine(frequency: 500, rate: 16000, count: 320 * 10))
        var pcm = [Int16](repeating: 0, count: 320)
        #expect(pcm.withUnsafeMutableBufferPointer { codec.conceal(next: nil, into: $0) } == 320)
        let start = pcm[0..<160]
        #expect(CodecTestSignal.rms(start) > 2000)
        #expect(CodecTestSignal.goertzelPower(start, frequency: 500, rate: 16000)
            > 10 * CodecTestSignal.goertzelPower(start, frequency: 1200, rate: 16000))
        var tooSmall = [Int16](repeating: 0, count: 100)
        #expect(tooSmall.withUnsafeMutableBufferPointer { codec.conceal(next: nil, into: $0) } == 0)
    }
}
