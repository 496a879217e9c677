import Testing
@testable import MediaNIO

@Suite struct WAVFileSourceTests {
    @Test(arguments: [(8000, 1), (16000, 1), (44100, 1), (8000, 2), (16000, 2), (44100, 2)])
    func readsSoxToneExactlyAndLoops(rate: Int, channels: Int) throws {
        let directory = DeviceTestDirectory()
        let wav = directory.file("tone.wav"), raw = directory.file("tone.raw")
        DeviceTestShell.makeSine(wav, rate: rate, channels: channels)
        #expect(DeviceTestShell.run("sox '\(wav)' -t raw '\(raw)'").status == 0)
        let expected = try #require(DeviceTestShell.readRaw(raw))
        #expect(expected.count == rate * channels)

        let source = try WAVFileSource(path: wav)
        #expect(source.format == AudioFormat(sampleRate: rate, channels: channels))
        #expect(source.framesInFile == rate)
        #expect(source.name == "file tone.wav (\(rate) Hz \(channels == 1 ? "mono" : "stereo"))")
        #expect(source.pacesItself == false)

        // 20 ms reads for 2.5 passes: the file, the file again, half of it.
        let frame = rate / 50
        let read = DeviceTestSignal.read(source, frames: rate * 5 / 2, chunk: frame)
        #expect(Array(read[0..<expected.count]) == expected)
        #expect(Array(read[expected.count..<(2 * expected.count)]) == expected)
        #expect(Array(read[(2 * expected.count)...]) == Array(expected[0..<(expected.count / 2)]))
        #expect(source.loopCount == 2)
        #expect(source.readErrors == 0)

        let left = DeviceTestSignal.channel(read, 0, of: channels)
        let atTone = DeviceTestSignal.goertzel(left, frequency: 1000, sampleRate: rate)
        let offTone = DeviceTestSignal.goertzel(left, frequency: 1500, sampleRate: rate)
        #expect(atTone > 1000 * offTone)
    }

    @Test func fileShorterThanOneReadLoopsWithinTheRead() throws {
        let directory = DeviceTestDirectory()
        let wav = directory.file("short.wav"), raw = directory.file("short.raw")
        DeviceTestShell.makeSine(wav, rate: 8000, channels: 1, seconds: "0.00125")  // 10 samples
        DeviceTestShell.run("sox '\(wav)' -t raw '\(raw)'")
        let expected = try #require(DeviceTestShell.readRaw(raw))
        try #require(expected.count == 10)
        let source = try WAVFileSource(path: wav)
        let read = DeviceTestSignal.read(source, frames: 35, chunk: 35)
        #expect(read == expected + expected + expected + Array(expected[0..<5]))
        #expect(source.loopCount == 3)
    }

    @Test func shortBufferGivesShortReadNeverOverrun() throws {
        let directory = DeviceTestDirectory()
        let wav = directory.file("stereo.wav")
        DeviceTestShell.makeSine(wav, rate: 8000, channels: 2)
        let source = try WAVFileSource(path: wav)
        var buffer = [Int16](repeating: 7, count: 11)
        let got = buffer.withUnsafeMutableBufferPointer { source.read(into: $0, frames: 160) }
        #expect(got == 5)            // 11 samples hold 5 stereo frames
        #expect(buffer[10] == 7)     // the odd sample is left alone
        let none = buffer.withUnsafeMutableBufferPointer { source.read(into: $0, frames: -3) }
        #expect(none == 0)
    }

    /// Encodings other than 16-bit PCM are decoded by libsndfile (float scaled by us).
    @Test(arguments: [("-b 24", 4), ("-b 32", 4), ("-e floating-point -b 32", 4), ("-b 8", 512), ("-e u-law", 1100), ("-e a-law", 1100)])
    func otherEncodingsReadCloseTo16Bit(encoding: String, tolerance: Int) throws {
        let directory = DeviceTestDirectory()
        let reference = directory.file("ref.wav"), other = directory.file("other.wav")
        DeviceTestShell.makeSine(reference, rate: 8000, channels: 1, seconds: "0.1")
        // Converting from the 16-bit file (no dither) keeps both files the same signal.
        #expect(DeviceTestShell.run("sox '\(reference)' \(encoding) '\(other)'").status == 0)
        let expected = DeviceTestSignal.read(try WAVFileSource(path: reference), frames: 800, chunk: 160)
        let read = DeviceTestSignal.read(try WAVFileSource(path: other), frames: 800, chunk: 160)
        let worst = zip(expected, read).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(worst <= tolerance, "\(encoding): worst difference \(worst)")
        #expect(expected.map { abs(Int($0)) }.max()! > 20000)
    }

    @Test func errorsNameThePathAndTheReason() throws {
        let directory = DeviceTestDirectory()
        let missing = directory.file("missing.wav")
        let empty = directory.file("empty.wav")
        DeviceTestShell.writeText(empty, "")
        let text = directory.file("text.wav")
        DeviceTestShell.writeText(text, "hello, not audio\n")
        let aiff = directory.file("tone.aiff")
        DeviceTestShell.makeSine(aiff, rate: 8000, channels: 1, seconds: "0.01")
        let three = directory.file("three.wav")
        DeviceTestShell.makeSine(three, rate: 8000, channels: 3, seconds: "0.01")
        let noFrames = directory.file("noframes.wav")
        #expect(DeviceTestShell.run("sox -n -r 8000 -c 1 -b 16 '\(noFrames)' trim 0 0").status == 0)

        let cases: [(String, AudioDeviceError.Kind, String)] = [
            (missing, .fileNotFound, "audio file \(missing): no such file"),
            (directory.path, .notAFile, "audio file \(directory.path): is a directory or special file, not a WAV file"),
            (empty, .emptyFile, "audio file \(empty): is empty (0 bytes)"),
            (text, .notWAV, "audio file \(text): not a WAV file (libsndfile: Format not recognised.)"),
            (aiff, .notWAV, "audio file \(aiff): not a WAV file (libsndfile reads it as AIFF (Apple/SGI))"),
            (three, .unsupportedChannels, "audio file \(three): has 3 channels; only mono and stereo are played"),
            (noFrames, .emptyFile, "audio file \(noFrames): has no audio (0 frames)"),
        ]
        for (path, kind, message) in cases {
            do {
                _ = try WAVFileSource(path: path)
                Issue.record("opened \(path)")
            } catch let error as AudioDeviceError {
                #expect(error.kind == kind)
                #expect(error.subject == path)
                #expect(error.description == message)
            }
        }
    }
}
