import Testing
@testable import MediaNIO

@Suite struct ToneSourceTests {
    @Test(arguments: [(440.0, 8000), (1000.0, 8000), (1000.0, 16000), (3000.0, 8000), (697.0, 44100), (440.0, 48000)])
    func oneSecondHasTheFrequency(frequency: Double, rate: Int) throws {
        let source = try ToneSource(frequency: frequency, format: AudioFormat(sampleRate: rate, channels: 1))
        let samples = DeviceTestSignal.read(source, frames: rate, chunk: rate / 50)
        let crossings = DeviceTestSignal.upwardZeroCrossings(samples)
        #expect(abs(crossings - Int(frequency)) <= 1, "\(crossings) upward crossings")
        let atTone = DeviceTestSignal.goertzel(samples, frequency: frequency, sampleRate: rate)
        let offTone = DeviceTestSignal.goertzel(samples, frequency: frequency * 1.25, sampleRate: rate)
        #expect(atTone > 10_000 * offTone)
        #expect(source.name == "tone \(Int(frequency)) Hz")
        #expect(source.pacesItself == false)
    }

    @Test func amplitudeIsThePeakAsAFractionOfFullScale() throws {
        let source = try ToneSource(frequency: 1000, amplitude: 0.5, format: .narrowband)  // hits 90° exactly
        let samples = DeviceTestSignal.read(source, frames: 8000, chunk: 160)
        #expect(samples.max() == 16384)    // 0.5 × 32767, rounded
        #expect(samples.min() == -16384)
    }

    /// Sample-exact continuity: odd-sized reads give exactly the samples of one big read.
    @Test func chunkedReadsEqualOneRead() throws {
        let format = AudioFormat(sampleRate: 16000, channels: 2)
        let steps: [ToneStep] = [.tone(1000, milliseconds: 30), .silence(milliseconds: 10), .dualTone(440, 480, milliseconds: 25)]
        let whole = DeviceTestSignal.read(try ToneSource(steps: steps, format: format), frames: 5000, chunk: 5000)
        for chunk in [1, 7, 160, 333] {
            #expect(DeviceTestSignal.read(try ToneSource(steps: steps, format: format), frames: 5000, chunk: chunk) == whole)
        }
        let steady = DeviceTestSignal.read(try ToneSource(frequency: 441.3, format: format), frames: 5000, chunk: 5000)
        #expect(DeviceTestSignal.read(try ToneSource(frequency: 441.3, format: format), frames: 5000, chunk: 13) == steady)
    }

    @Test func stereoCarriesTheSameSignalOnBothChannels() throws {
        let samples = DeviceTestSignal.read(try ToneSource(frequency: 440, format: AudioFormat(sampleRate: 8000, channels: 2)),
                                            frames: 800, chunk: 160)
        let left = DeviceTestSignal.channel(samples, 0, of: 2)
        #expect(left == DeviceTestSignal.channel(samples, 1, of: 2))
        #expect(left.contains { $0 != 0 })
    }

    @Test func sequenceHasItsStepsGapsAndLoops() throws {
        let steps: [ToneStep] = [.tone(1000, milliseconds: 100), .silence(milliseconds: 50), .dualTone(440, 480, milliseconds: 100)]
        let source = try ToneSource(steps: steps, format: .narrowband)
        #expect(source.name == "tone 1000 Hz 100 ms, silence 50 ms, 440+480 Hz 100 ms")
        let samples = DeviceTestSignal.read(source, frames: 4000, chunk: 160)  // two cycles of 2000
        #expect(Array(samples[0..<2000]) == Array(samples[2000..<4000]))
        #expect(samples[800..<1200].allSatisfy { $0 == 0 })
        #expect(samples[0] == 0 && samples[799] == 0)  // each step fades in and out
        let first = Array(samples[0..<800])
        #expect(DeviceTestSignal.goertzel(first, frequency: 1000, sampleRate: 8000)
                > 1000 * DeviceTestSignal.goertzel(first, frequency: 460, sampleRate: 8000))
        let dual = Array(samples[1200..<2000])
        let at440 = DeviceTestSignal.goertzel(dual, frequency: 440, sampleRate: 8000)
        let at480 = DeviceTestSignal.goertzel(dual, frequency: 480, sampleRate: 8000)
        let at1000 = DeviceTestSignal.goertzel(dual, frequency: 1000, sampleRate: 8000)
        #expect(at440 > 1000 * at1000 && at480 > 1000 * at1000)
        #expect(abs(at440 - at480) < 0.2 * at440)
        #expect(dual.map { abs(Int($0)) }.max()! <= Int(0.25 * 32767) + 1)  // the sum stays within the amplitude
    }

    @Test func invalidTonesAreRefusedWithAReason() {
        let cases: [(() throws -> ToneSource, String)] = [
            ({ try ToneSource(frequency: 4000, format: .narrowband) },
             "tone 4000 Hz: 4000.0 Hz is not between 0 and 4000 Hz (half of 8000 Hz)"),
            ({ try ToneSource(frequency: 0, format: .narrowband) },
             "tone 0 Hz: 0.0 Hz is not between 0 and 4000 Hz (half of 8000 Hz)"),
            ({ try ToneSource(frequency: .nan, format: .narrowband) },
             "tone nan Hz: nan Hz is not between 0 and 4000 Hz (half of 8000 Hz)"),
            ({ try ToneSource(frequency: 440, amplitude: 2, format: .narrowband) },
             "tone 440 Hz: amplitude 2.0 is outside 0…1"),
            ({ try ToneSource(steps: [], format: .narrowband) }, "tone sequence: has no steps"),
            ({ try ToneSource(steps: [ToneStep(frequencies: [1, 2, 3], milliseconds: 10)], format: .narrowband) },
             "tone sequence: a step has 3 frequencies; at most 2"),
            ({ try ToneSource(steps: [.tone(440, milliseconds: 0)], format: .narrowband) },
             "tone sequence: a step of 0 ms is shorter than one sample"),
            ({ try ToneSource(frequency: 440, format: AudioFormat(sampleRate: 8000, channels: 0)) },
             "audio format for tone: 8000 Hz 0 channels is not 1–2 channels at 1000…384000 Hz"),
        ]
        for (make, message) in cases {
            #expect(throws: AudioDeviceError.self) { _ = try make() }
            do { _ = try make() } catch { #expect("\(error)" == message) }
        }
    }
}
