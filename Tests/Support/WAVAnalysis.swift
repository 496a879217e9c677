import Foundation

/// A 16-bit PCM WAV file read back for checks: what a recording of a call holds, and at
/// which frequency (a Goertzel filter per window, as a tone detector would).
public struct WAVRecording: Sendable {
    public let sampleRate: Int
    public let channels: Int
    /// The first channel's samples.
    public let samples: [Int16]

    public init(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func le16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func le32(_ i: Int) -> Int { le16(i) | le16(i + 2) << 16 }
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8) else {
            throw TestSupportError("\(path) is not a WAV file (\(bytes.count) bytes)")
        }
        var offset = 12
        var rate = 0
        var channels = 1
        var bits = 16
        var data: ArraySlice<UInt8> = []
        while offset + 8 <= bytes.count {
            let size = le32(offset + 4)
            let body = offset + 8
            if bytes[offset..<offset + 4].elementsEqual("fmt ".utf8) {
                channels = le16(body + 2)
                rate = le32(body + 4)
                bits = le16(body + 14)
            } else if bytes[offset..<offset + 4].elementsEqual("data".utf8) {
                data = bytes[body..<min(bytes.count, body + size)]
            }
            offset = body + size + (size & 1)
        }
        guard rate > 0, bits == 16 else { throw TestSupportError("\(path): not 16-bit PCM (rate \(rate), \(bits) bits)") }
        sampleRate = rate
        self.channels = max(1, channels)
        let frameBytes = 2 * self.channels
        var values: [Int16] = []
        values.reserveCapacity(data.count / frameBytes)
        var index = data.startIndex
        while index + frameBytes <= data.endIndex {
            values.append(Int16(bitPattern: UInt16(data[index]) | UInt16(data[index + 1]) << 8))
            index += frameBytes
        }
        samples = values
    }

    public var seconds: Double { Double(samples.count) / Double(sampleRate) }

    /// Power of `frequency` in `window` relative to the window's total power (0…1): near 1
    /// when the window is that tone, near 0 for silence or another sound.
    public func toneShare(_ frequency: Double, in window: ArraySlice<Int16>) -> Double {
        let coefficient = 2 * cos(2 * Double.pi * frequency / Double(sampleRate))
        var s1 = 0.0, s2 = 0.0, total = 0.0
        for sample in window {
            let x = Double(sample)
            total += x * x
            let s0 = x + coefficient * s1 - s2
            s2 = s1
            s1 = s0
        }
        guard total > Double(window.count) * 100 else { return 0 }
        let power = s1 * s1 + s2 * s2 - coefficient * s1 * s2
        return min(1, 2 * power / (Double(window.count) * total))
    }

    /// The share of 100 ms windows in which `frequency` dominates (tone share above 0.5).
    public func fractionOfWindows(withTone frequency: Double) -> Double {
        let window = max(1, sampleRate / 10)
        var hits = 0, count = 0
        var start = 0
        while start + window <= samples.count {
            count += 1
            if toneShare(frequency, in: samples[start..<start + window]) > 0.5 { hits += 1 }
            start += window
        }
        return count == 0 ? 0 : Double(hits) / Double(count)
    }

    /// The share of 100 ms windows whose RMS level is above `rms` (of full scale, 0…1):
    /// how much of a recording holds sound rather than silence.
    public func fractionOfWindows(louderThan rms: Double) -> Double {
        let window = max(1, sampleRate / 10)
        var loud = 0, count = 0
        var start = 0
        while start + window <= samples.count {
            count += 1
            let power = samples[start..<start + window].reduce(0.0) { $0 + Double($1) * Double($1) } / Double(window)
            if power.squareRoot() / 32768 > rms { loud += 1 }
            start += window
        }
        return count == 0 ? 0 : Double(loud) / Double(count)
    }

    /// Writes a WAV of a sine (16-bit PCM) for a peer to play.
    public static func writeTone(path: String, frequency: Double, seconds: Double, sampleRate: Int, channels: Int = 1,
                                 amplitude: Double = 12_000) throws {
        let frames = Int(seconds * Double(sampleRate))
        var bytes: [UInt8] = []
        func le32(_ value: Int) { for shift in [0, 8, 16, 24] { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) } }
        func le16(_ value: Int) { bytes.append(UInt8(truncatingIfNeeded: value)); bytes.append(UInt8(truncatingIfNeeded: value >> 8)) }
        let dataSize = frames * channels * 2
        bytes += Array("RIFF".utf8); le32(36 + dataSize); bytes += Array("WAVE".utf8)
        bytes += Array("fmt ".utf8); le32(16); le16(1); le16(channels); le32(sampleRate); le32(sampleRate * channels * 2); le16(channels * 2); le16(16)
        bytes += Array("data".utf8); le32(dataSize)
        for i in 0..<frames {
            let value = Int((amplitude * sin(2 * Double.pi * frequency * Double(i) / Double(sampleRate))).rounded())
            for _ in 0..<channels { le16(value) }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
