// Shared by the device tests: temporary directories, running sox/soxi, raw files, a Goertzel filter.
import Glibc
@testable import MediaNIO

/// A fresh directory under /tmp, removed with everything in it when the value goes away.
final class DeviceTestDirectory {
    let path: String

    init() {
        var template = Array("/tmp/dialtone-devices-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    deinit {
        _ = DeviceTestShell.run("rm -rf '\(path)'")
    }
}

enum DeviceTestShell {
    /// Runs `command` with /bin/sh; returns its exit status and standard output.
    @discardableResult
    static func run(_ command: String) -> (status: Int32, output: String) {
        guard let pipe = popen(command + " 2>/dev/null", "r") else { return (-1, "") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = fread(&chunk, 1, chunk.count, pipe)
            if got <= 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        let status = pclose(pipe)
        var text = String(decoding: bytes, as: UTF8.self)
        while text.last == "\n" { text.removeLast() }
        return (status, text)
    }

    /// Makes a WAV with sox: `sox -n -r RATE -c CH [options] PATH synth SECONDS sine FREQ`.
    static func makeSine(_ path: String, rate: Int, channels: Int, seconds: String = "1",
                         frequency: Int = 1000, encoding: String = "-b 16") {
        let result = run("sox -n -r \(rate) -c \(channels) \(encoding) '\(path)' synth \(seconds) sine \(frequency)")
        precondition(result.status == 0, "sox failed for \(path)")
    }

    /// Little-endian 16-bit samples of a raw file (sox -t raw output, ALSA file plugin output).
    static func readRaw(_ path: String) -> [Int16]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let got = fread(&chunk, 1, chunk.count, file)
            if got <= 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return stride(from: 0, to: bytes.count - 1, by: 2).map {
            Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8)
        }
    }

    static func writeRaw(_ path: String, _ samples: [Int16]) {
        guard let file = fopen(path, "wb") else { preconditionFailure("cannot write \(path)") }
        var bytes: [UInt8] = []
        for sample in samples {
            let bits = UInt16(bitPattern: sample)
            bytes.append(UInt8(bits & 0xFF))
            bytes.append(UInt8(bits >> 8))
        }
        _ = fwrite(bytes, 1, bytes.count, file)
        fclose(file)
    }

    static func writeText(_ path: String, _ text: String) {
        guard let file = fopen(path, "w") else { preconditionFailure("cannot write \(path)") }
        fputs(text, file)
        fclose(file)
    }
}

enum DeviceTestSignal {
    /// Reads `frames` frames from `source` in `chunk`-frame reads.
    static func read(_ source: any AudioSource, frames: Int, chunk: Int) -> [Int16] {
        let channels = source.format.channels
        var all = [Int16](repeating: 0, count: frames * channels)
        var done = 0
        all.withUnsafeMutableBufferPointer { buffer in
            while done < frames {
                let want = min(chunk, frames - done)
                let slice = UnsafeMutableBufferPointer<Int16>(rebasing: buffer[(done * channels)..<((done + want) * channels)])
                let got = source.read(into: slice, frames: want)
                precondition(got > 0, "source gave no frames")
                done += got
            }
        }
        return all
    }

    /// One channel of interleaved samples.
    static func channel(_ samples: [Int16], _ index: Int, of channels: Int) -> [Int16] {
        stride(from: index, to: samples.count, by: channels).map { samples[$0] }
    }

    /// Power of `frequency` in `samples` (Goertzel), normalised by length.
    static func goertzel(_ samples: [Int16], frequency: Double, sampleRate: Int) -> Double {
        let coefficient = 2 * cos(2 * Double.pi * frequency / Double(sampleRate))
        var previous = 0.0, beforePrevious = 0.0
        for sample in samples {
            let current = Double(sample) + coefficient * previous - beforePrevious
            beforePrevious = previous
            previous = current
        }
        let power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious
        return power / Double(samples.count * samples.count)
    }

    /// Sign changes from negative to non-negative.
    static func upwardZeroCrossings(_ samples: [Int16]) -> Int {
        var count = 0
        for index in 1..<samples.count where samples[index - 1] < 0 && samples[index] >= 0 { count += 1 }
        return count
    }
}
