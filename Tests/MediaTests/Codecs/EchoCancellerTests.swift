import Testing
@testable import Media

@Suite struct EchoCancellerTests {
    static let rate = 8000, frame = 160

    /// Far-end noise as played by the loudspeaker.
    static func farEnd(seconds: Int) -> [Int16] {
        var noise = CodecTestNoise(seed: 42)
        return (0..<(rate * seconds)).map { _ in noise.next(amplitude: 8000) }
    }

    /// What the microphone hears of `far`: 30 ms later at half level, and a second reflection
    /// 75 ms later at a fifth.
    static func echo(of far: [Int16]) -> [Int16] {
        far.indices.map { i in
            let first = i >= 240 ? Double(far[i - 240]) * 0.5 : 0
            let second = i >= 600 ? Double(far[i - 600]) * 0.2 : 0
            return Int16(first + second)
        }
    }

    static func run(_ canceller: EchoCanceller, captured: [Int16], played: [Int16]) -> [Int16] {
        var output = [Int16](repeating: 0, count: captured.count)
        for start in stride(from: 0, to: captured.count - frame + 1, by: frame) {
            captured[start..<(start + frame)].withUnsafeBufferPointer { mic in
                played[start..<(start + frame)].withUnsafeBufferPointer { speaker in
                    output[start..<(start + frame)].withUnsafeMutableBufferPointer {
                        _ = canceller.process(captured: mic, played: speaker, into: $0)
                    }
                }
            }
        }
        return output
    }

    static func reductionDecibels(_ before: ArraySlice<Int16>, _ after: ArraySlice<Int16>) -> Double {
        10 * CodecTestSignal.decibelScale(CodecTestSignal.energy(before) / max(CodecTestSignal.energy(after), 1))
    }

    /// Measured: about 46 dB after 2 s and above 100 dB (silence) after 7 s; asserted with margin.
    @Test func removesADelayedAttenuatedEcho() throws {
        let canceller = try EchoCanceller(frameSamples: Self.frame, filterMilliseconds: 200, sampleRate: Self.rate)
        let far = Self.farEnd(seconds: 10)
        let captured = Self.echo(of: far)
        let output = Self.run(canceller, captured: captured, played: far)
        let third = (Self.rate * 2)..<(Self.rate * 3)
        let lastThree = (Self.rate * 7)..<(Self.rate * 10)
        let early = Self.reductionDecibels(captured[third], output[third])
        let converged = Self.reductionDecibels(captured[lastThree], output[lastThree])
        #expect(early >= 30, "echo reduced by \(early) dB in the third second")
        #expect(converged >= 60, "echo reduced by \(converged) dB after convergence")
    }

    /// Double talk after convergence: the near-end voice (a 440 Hz tone) is kept while the echo
    /// (broadband noise, measured at 1.7 kHz) is removed. Measured in the second after the voice
    /// starts: 0.90 of the voice's power kept, 5·10⁻⁵ of the echo's left (−43 dB).
    /// (Later the preprocessor's noise suppression starts treating a steady tone as noise.)
    @Test func keepsTheNearEndVoiceDuringEcho() throws {
        let canceller = try EchoCanceller(frameSamples: Self.frame, sampleRate: Self.rate)
        let far = Self.farEnd(seconds: 10)
        let voiceStart = Self.rate * 6
        let voice = CodecTestSignal.sine(frequency: 440, rate: Self.rate, count: far.count - voiceStart, amplitude: 3000)
        let captured = zip(Self.echo(of: far), [Int16](repeating: 0, count: voiceStart) + voice).map { $0 &+ $1 }
        let output = Self.run(canceller, captured: captured, played: far)
        let window = (Self.rate * 13 / 2)..<(Self.rate * 15 / 2)
        let voiceKept = CodecTestSignal.goertzelPower(output[window], frequency: 440, rate: Self.rate)
            / CodecTestSignal.goertzelPower(captured[window], frequency: 440, rate: Self.rate)
        let echoLeft = CodecTestSignal.goertzelPower(output[window], frequency: 1700, rate: Self.rate)
            / CodecTestSignal.goertzelPower(captured[window], frequency: 1700, rate: Self.rate)
        #expect(voiceKept > 0.5, "near-end power kept \(voiceKept)")
        #expect(echoLeft < 0.001, "echo power left \(echoLeft)")
    }

    /// Near-end speech (a tone) with a silent far end passes through. Measured ratio ≈ 0.8.
    @Test func keepsNearEndAudioWhenNothingIsPlayed() throws {
        let canceller = try EchoCanceller(frameSamples: Self.frame, sampleRate: Self.rate)
        let tone = CodecTestSignal.sine(frequency: 440, rate: Self.rate, count: Self.rate)
        let output = Self.run(canceller, captured: tone, played: [Int16](repeating: 0, count: tone.count))
        let ratio = CodecTestSignal.rms(output[4000...]) / CodecTestSignal.rms(tone[4000...])
        #expect(ratio > 0.6, "near-end level ratio \(ratio)")
    }

    @Test func refusesWrongFrameSizes() throws {
        let canceller = try EchoCanceller(frameSamples: 160, sampleRate: 8000)
        let short = [Int16](repeating: 0, count: 80), frame = [Int16](repeating: 0, count: 160)
        var output = [Int16](repeating: 7, count: 160)
        let ok = short.withUnsafeBufferPointer { mic in
            frame.withUnsafeBufferPointer { speaker in
                output.withUnsafeMutableBufferPointer { canceller.process(captured: mic, played: speaker, into: $0) }
            }
        }
        #expect(!ok)
        #expect(output.allSatisfy { $0 == 7 })
        #expect(throws: EchoCancellerError.invalidParameters(frameSamples: 0, filterMilliseconds: 200, sampleRate: 8000)) {
            try EchoCanceller(frameSamples: 0, sampleRate: 8000)
        }
    }
}
