import Testing
@testable import Media

/// Properties every codec must have through the `AudioCodec` protocol: a tone comes back at the
/// same frequency and level, garbage never crashes, and frame sizes follow the RTP profiles.
@Suite struct AudioCodecTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let milliseconds: Int
        let channels: Int
        /// The lowest SNR (dB) accepted after aligning for codec delay.
        let minimumSNR: Double
        var description: String { "\(name)/\(milliseconds)ms/\(channels)ch" }
    }

    static let cases: [Case] = [
        Case(name: "PCMU", milliseconds: 20, channels: 1, minimumSNR: 33),
        Case(name: "PCMA", milliseconds: 20, channels: 1, minimumSNR: 33),
        Case(name: "G722", milliseconds: 20, channels: 1, minimumSNR: 35),
        Case(name: "opus", milliseconds: 20, channels: 1, minimumSNR: 20),
        Case(name: "opus", milliseconds: 10, channels: 1, minimumSNR: 20),
        Case(name: "opus", milliseconds: 60, channels: 1, minimumSNR: 20),
        Case(name: "opus", milliseconds: 20, channels: 2, minimumSNR: 20),
    ]

    @Test(arguments: cases)
    func aOneKilohertzToneComesBackAtOneKilohertz(_ c: Case) throws {
        let codec = try AudioCodecFactory.make(name: c.name, frameMilliseconds: c.milliseconds, channels: c.channels)
        let rate = codec.sampleRate
        let seconds = 0.6
        let mono = CodecTestSignal.sine(frequency: 1000, rate: rate, count: Int(Double(rate) * seconds))
        // Stereo: 1 kHz left, the same tone at half level right.
        let input = c.channels == 1 ? mono : mono.flatMap { [$0, $0 / 2] }
        let (decoded, sizes) = CodecTestSignal.roundTrip(codec, input)
        #expect(decoded.count == input.count)
        #expect(sizes.allSatisfy { $0 > 0 && $0 <= codec.maxPayloadBytes })

        let left = CodecTestSignal.channel(0, of: decoded, channels: c.channels)
        // Skip the first 100 ms: codecs start from silence.
        let steady = rate / 10
        let reference = mono[steady...]
        let output = left[steady...]
        let crossings = CodecTestSignal.zeroCrossings(output)
        let expectedCrossings = 2 * 1000 * output.count / rate
        #expect(abs(crossings - expectedCrossings) <= expectedCrossings / 50, "crossings \(crossings) vs \(expectedCrossings)")
        let atTone = CodecTestSignal.goertzelPower(output, frequency: 1000, rate: rate)
        for other in [500.0, 1500, 2000, 3000] {
            #expect(atTone > 100 * CodecTestSignal.goertzelPower(output, frequency: other, rate: rate))
        }
        let levelRatio = CodecTestSignal.rms(output) / CodecTestSignal.rms(reference)
        #expect(levelRatio > 0.9 && levelRatio < 1.1, "level ratio \(levelRatio)")
        let window = mono[steady..<(steady + rate / 20)]
        let delay = CodecTestSignal.bestDelay(reference: window, decoded: left[steady...], maxDelay: rate / 50)
        let snr = CodecTestSignal.snr(reference: mono[steady..<(mono.count - rate / 50)], decoded: left[steady...], delay: delay)
        #expect(snr >= c.minimumSNR, "SNR \(snr) dB at delay \(delay)")

        if c.channels == 2 {
            let right = CodecTestSignal.channel(1, of: decoded, channels: 2)[steady...]
            let rightRatio = CodecTestSignal.rms(right) / CodecTestSignal.rms(output)
            #expect(rightRatio > 0.35 && rightRatio < 0.65, "right/left \(rightRatio)")
        }
    }

    @Test(arguments: cases)
    func garbagePayloadsNeverCrash(_ c: Case) throws {
        let codec = try AudioCodecFactory.make(name: c.name, frameMilliseconds: c.milliseconds, channels: c.channels)
        var noise = CodecTestNoise(seed: 0xD1A1_7011)
        var pcm = [Int16](repeating: 0, count: 5760 * 2)
        var small = [Int16](repeating: 0, count: 7)
        for round in 0..<400 {
            let length = round < 10 ? round : Int(UInt16(bitPattern: noise.next(amplitude: 32767))) % 1600
            let payload = (0..<length).map { _ in UInt8(truncatingIfNeeded: noise.next(amplitude: 32767)) }
            let count = payload.withUnsafeBytes { raw in pcm.withUnsafeMutableBufferPointer { codec.decode(raw, into: $0) } }
            #expect(count >= 0 && count * codec.channels <= pcm.count)
            let tiny = payload.withUnsafeBytes { raw in small.withUnsafeMutableBufferPointer { codec.decode(raw, into: $0) } }
            #expect(tiny * codec.channels <= small.count)
            let concealed = payload.withUnsafeBytes { raw in pcm.withUnsafeMutableBufferPointer { codec.conceal(next: raw, into: $0) } }
            #expect(concealed == codec.frameSamples)
        }
    }

    @Test(arguments: [
        ("PCMU", 20, 1, 8000, 8000, 160, 160, 160),
        ("pcma", 30, 1, 8000, 8000, 240, 240, 240),
        ("PCMU", 10, 1, 8000, 8000, 80, 80, 80),
        ("G722", 20, 1, 16000, 8000, 320, 160, 160),
        ("g722", 40, 1, 16000, 8000, 640, 320, 320),
        ("OPUS", 20, 1, 48000, 48000, 960, 960, -1),
        ("opus", 10, 2, 48000, 48000, 480, 480, -1),
        ("opus", 40, 1, 48000, 48000, 1920, 1920, -1),
        ("opus", 60, 2, 48000, 48000, 2880, 2880, -1),
    ])
    func frameSizesFollowTheRTPProfile(
        name: String, ms: Int, channels: Int, rate: Int, clock: Int, samples: Int, timestamps: Int, payloadBytes: Int
    ) throws {
        let codec = try AudioCodecFactory.make(name: name, frameMilliseconds: ms, channels: channels)
        #expect(codec.sampleRate == rate)
        #expect(codec.rtpClockRate == clock)
        #expect(codec.channels == channels)
        #expect(codec.frameSamples == samples)
        #expect(codec.rtpTimestampsPerFrame == timestamps)
        #expect(codec.frameMilliseconds == ms)
        if payloadBytes >= 0 {
            // Constant-rate codecs: the payload size is exact.
            let silence = [Int16](repeating: 0, count: samples * channels)
            var out = [UInt8](repeating: 0, count: codec.maxPayloadBytes)
            let written = silence.withUnsafeBufferPointer { pcm in out.withUnsafeMutableBytes { codec.encode(pcm, into: $0) } }
            #expect(written == payloadBytes)
        }
    }

    @Test func namesAreTheSDPEncodingNames() throws {
        #expect(try AudioCodecFactory.make(name: "pcmu", frameMilliseconds: 20).name == "PCMU")
        #expect(try AudioCodecFactory.make(name: "Pcma", frameMilliseconds: 20).name == "PCMA")
        #expect(try AudioCodecFactory.make(name: "g722", frameMilliseconds: 20).name == "G722")
        #expect(try AudioCodecFactory.make(name: "OPUS", frameMilliseconds: 20).name == "opus")
    }

    @Test(arguments: [
        ("iLBC", 20, 1, AudioCodecError.unknownCodec("iLBC")),
        ("PCMU", 25, 1, .unsupportedFrameDuration(codec: "PCMU", milliseconds: 25)),
        ("PCMU", 0, 1, .unsupportedFrameDuration(codec: "PCMU", milliseconds: 0)),
        ("PCMA", 70, 1, .unsupportedFrameDuration(codec: "PCMA", milliseconds: 70)),
        ("PCMU", 20, 2, .unsupportedChannels(codec: "PCMU", channels: 2)),
        ("G722", 20, 2, .unsupportedChannels(codec: "G722", channels: 2)),
        ("G722", 15, 1, .unsupportedFrameDuration(codec: "G722", milliseconds: 15)),
        ("opus", 30, 1, .unsupportedFrameDuration(codec: "opus", milliseconds: 30)),
        ("opus", 20, 3, .unsupportedChannels(codec: "opus", channels: 3)),
    ])
    func refusesWhatItCannotDo(name: String, ms: Int, channels: Int, error: AudioCodecError) {
        #expect(throws: error) { try AudioCodecFactory.make(name: name, frameMilliseconds: ms, channels: channels) }
    }

    @Test func refusesAnOpusBitrateOutOfRange() {
        #expect(throws: AudioCodecError.unsupportedBitrate(1000)) {
            try AudioCodecFactory.make(name: "opus", frameMilliseconds: 20, opusBitrate: 1000)
        }
        #expect(throws: Never.self) { try AudioCodecFactory.make(name: "opus", frameMilliseconds: 20, opusBitrate: 64000) }
    }
}
