import Testing
@testable import Media

@Suite struct AudioResamplerTests {
    /// Runs `input` through `resampler` in 10 ms chunks, feeding back what was not consumed.
    static func run(_ resampler: AudioResampler, _ input: [Int16], chunkFrames: Int) -> [Int16] {
        let channels = resampler.channels
        var output: [Int16] = []
        var buffer = [Int16](repeating: 0, count: (chunkFrames * resampler.outputRate / resampler.inputRate + 16) * channels)
        var position = 0
        var stalls = 0
        while position < input.count, stalls < 4 {
            let end = min(position + chunkFrames * channels, input.count)
            let (consumed, produced) = input[position..<end].withUnsafeBufferPointer { source in
                buffer.withUnsafeMutableBufferPointer { resampler.process(source, into: $0) }
            }
            stalls = consumed == 0 ? stalls + 1 : 0
            position += consumed * channels
            output += buffer[0..<(produced * channels)]
        }
        return output
    }

    @Test func eightToFortyEightAndBackKeepsTheTone() throws {
        let up = try AudioResampler(channels: 1, inputRate: 8000, outputRate: 48000)
        let down = try AudioResampler(channels: 1, inputRate: 48000, outputRate: 8000)
        let tone = CodecTestSignal.sine(frequency: 1000, rate: 8000, count: 8000)
        let wide = Self.run(up, tone, chunkFrames: 80)
        // Six times as many samples, minus the filter latency (5 ms at quality 5).
        #expect(wide.count <= 48000 && wide.count > 48000 - 300, "\(wide.count)")
        let wideSteady = wide[4800...]
        #expect(abs(CodecTestSignal.zeroCrossings(wideSteady) - 2 * 1000 * wideSteady.count / 48000) <= 4)
        #expect(CodecTestSignal.goertzelPower(wideSteady, frequency: 1000, rate: 48000)
            > 1000 * CodecTestSignal.goertzelPower(wideSteady, frequency: 7000, rate: 48000))

        let back = Self.run(down, wide, chunkFrames: 480)
        #expect(back.count <= 8000 && back.count > 8000 - 150, "\(back.count)")
        let steady = back[800...]
        #expect(abs(CodecTestSignal.zeroCrossings(steady) - 2 * 1000 * steady.count / 8000) <= 4)
        #expect(CodecTestSignal.goertzelPower(steady, frequency: 1000, rate: 8000)
            > 1000 * CodecTestSignal.goertzelPower(steady, frequency: 2500, rate: 8000))
        let ratio = CodecTestSignal.rms(steady) / CodecTestSignal.rms(tone[800...])
        #expect(ratio > 0.9 && ratio < 1.1, "level ratio \(ratio)")
    }

    @Test func stereoCountsAreFramesPerChannel() throws {
        let resampler = try AudioResampler(channels: 2, inputRate: 16000, outputRate: 48000)
        let left = CodecTestSignal.sine(frequency: 1000, rate: 16000, count: 1600)
        let stereo = left.flatMap { [$0, $0 / 4] }
        var output = [Int16](repeating: 0, count: 2 * 4800 + 32)
        let (consumed, produced) = stereo.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { resampler.process(input, into: $0) }
        }
        #expect(consumed == 1600)
        #expect(produced <= 4800 && produced > 4600, "\(produced)")
        let out = Array(output[0..<(produced * 2)])
        let l = CodecTestSignal.channel(0, of: out, channels: 2)[480...]
        let r = CodecTestSignal.channel(1, of: out, channels: 2)[480...]
        let ratio = CodecTestSignal.rms(r) / CodecTestSignal.rms(l)
        #expect(ratio > 0.23 && ratio < 0.27, "right/left \(ratio)")
    }

    @Test func aSmallOutputBufferLeavesInputUnconsumed() throws {
        let resampler = try AudioResampler(channels: 1, inputRate: 8000, outputRate: 48000)
        let input = [Int16](repeating: 1000, count: 160)
        var output = [Int16](repeating: 0, count: 120)
        let (consumed, produced) = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { resampler.process(source, into: $0) }
        }
        #expect(produced == 120)
        #expect(consumed < 160 && consumed > 0)
        var empty: [Int16] = []
        let none = input.withUnsafeBufferPointer { source in empty.withUnsafeMutableBufferPointer { resampler.process(source, into: $0) } }
        #expect(none == (0, 0))
    }

    @Test(arguments: [(0, 8000, 48000, 5), (1, 0, 48000, 5), (1, 8000, -1, 5), (1, 8000, 48000, 11)])
    func refusesBadParameters(channels: Int, inputRate: Int, outputRate: Int, quality: Int) {
        #expect(throws: AudioResamplerError.invalidParameters(
            channels: channels, inputRate: inputRate, outputRate: outputRate, quality: quality)) {
            try AudioResampler(channels: channels, inputRate: inputRate, outputRate: outputRate, quality: quality)
        }
    }
}
