import Glibc
@testable import Media

/// Signals and measurements for the codec and DSP tests: a sine, a seeded noise source, and a
/// Goertzel filter to read one frequency's power.
enum CodecTestSignal {
    /// `count` samples of a sine at `frequency` Hz, `amplitude` peak, sampled at `rate`.
    static func sine(frequency: Double, rate: Int, count: Int, amplitude: Double = 10000, phaseOffset: Int = 0) -> [Int16] {
        (0..<count).map { i in
            Int16((amplitude * sin(2 * Double.pi * frequency * Double(i + phaseOffset) / Double(rate))).rounded())
        }
    }

    /// Power of `frequency` in `samples` (Goertzel), normalised so a full-length sine of peak A gives ≈ A²/4.
    static func goertzelPower(_ samples: ArraySlice<Int16>, frequency: Double, rate: Int) -> Double {
        let coefficient = 2 * cos(2 * Double.pi * frequency / Double(rate))
        var previous = 0.0, beforePrevious = 0.0
        for sample in samples {
            let current = Double(sample) + coefficient * previous - beforePrevious
            beforePrevious = previous
            previous = current
        }
        let power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious
        let n = Double(samples.count)
        return power / (n * n)
    }

    static func goertzelPower(_ samples: [Int16], frequency: Double, rate: Int) -> Double {
        goertzelPower(samples[...], frequency: frequency, rate: rate)
    }

    /// Sign changes, to estimate a tone's frequency: a sine of f Hz over t seconds has about 2·f·t.
    static func zeroCrossings(_ samples: ArraySlice<Int16>) -> Int {
        var count = 0
        var previous = samples.first ?? 0
        for sample in samples.dropFirst() {
            if (previous < 0) != (sample < 0) { count += 1 }
            previous = sample
        }
        return count
    }

    static func energy(_ samples: ArraySlice<Int16>) -> Double {
        samples.reduce(0.0) { $0 + Double($1) * Double($1) }
    }

    static func rms(_ samples: ArraySlice<Int16>) -> Double {
        samples.isEmpty ? 0 : (energy(samples) / Double(samples.count)).squareRoot()
    }

    /// Signal-to-noise ratio in dB of `decoded` against `reference`, after shifting `decoded` by
    /// `delay` samples (codecs have algorithmic delay).
    static func snr(reference: ArraySlice<Int16>, decoded: ArraySlice<Int16>, delay: Int) -> Double {
        var signal = 0.0, noise = 0.0
        let count = min(reference.count, decoded.count - delay)
        guard count > 0 else { return -Double.infinity }
        let r0 = reference.startIndex, d0 = decoded.startIndex + delay
        for i in 0..<count {
            let r = Double(reference[r0 + i]), d = Double(decoded[d0 + i])
            signal += r * r
            noise += (r - d) * (r - d)
        }
        return 10 * Glibc.log10(signal / max(noise, 1e-9))
    }

    /// The delay (0…maxDelay samples) at which `decoded` best matches `reference`.
    static func bestDelay(reference: ArraySlice<Int16>, decoded: ArraySlice<Int16>, maxDelay: Int) -> Int {
        var best = 0, bestSNR = -Double.infinity
        for delay in 0...maxDelay {
            let value = snr(reference: reference, decoded: decoded, delay: delay)
            if value > bestSNR { bestSNR = value; best = delay }
        }
        return best
    }
}

/// A deterministic noise source (xorshift64*), so DSP tests are exact and repeatable.
struct CodecTestNoise {
    private var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    /// A uniformly distributed sample in −amplitude…amplitude.
    mutating func next(amplitude: Int) -> Int16 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        let value = state &* 0x2545_F491_4F6C_DD1D
        let unit = Double(value >> 11) / Double(1 << 53)  // 0..<1
        return Int16((unit * 2 - 1) * Double(amplitude))
    }
}

extension CodecTestSignal {
    /// Encodes `input` frame by frame (interleaved, frameSamples × channels each) and decodes
    /// every payload; returns the decoded PCM and each payload's size.
    static func roundTrip(_ codec: any AudioCodec, _ input: [Int16]) -> (decoded: [Int16], payloadSizes: [Int]) {
        let frame = codec.frameSamples * codec.channels
        var payload = [UInt8](repeating: 0, count: codec.maxPayloadBytes)
        var pcm = [Int16](repeating: 0, count: frame)
        var decoded: [Int16] = []
        var sizes: [Int] = []
        var start = 0
        while start + frame <= input.count {
            let bytes = input[start..<(start + frame)].withUnsafeBufferPointer { samples in
                payload.withUnsafeMutableBytes { codec.encode(samples, into: $0) }
            }
            sizes.append(bytes)
            let count = payload.withUnsafeBytes { raw in
                pcm.withUnsafeMutableBufferPointer { codec.decode(UnsafeRawBufferPointer(rebasing: raw[0..<bytes]), into: $0) }
            }
            decoded += pcm[0..<(count * codec.channels)]
            start += frame
        }
        return (decoded, sizes)
    }

    /// One channel of interleaved PCM.
    static func channel(_ index: Int, of samples: [Int16], channels: Int) -> [Int16] {
        stride(from: index, to: samples.count, by: channels).map { samples[$0] }
    }
}

extension CodecTestSignal {
    /// log10, for decibels.
    static func decibelScale(_ x: Double) -> Double { Glibc.log10(x) }
}
