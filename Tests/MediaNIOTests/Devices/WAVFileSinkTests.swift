import Testing
@testable import MediaNIO

@Suite struct WAVFileSinkTests {
    @Test(arguments: [(8000, 1), (16000, 1), (44100, 2)])
    func writesAWAVThatSoxiReportsAndThatReadsBack(rate: Int, channels: Int) throws {
        let directory = DeviceTestDirectory()
        let path = directory.file("out.wav")
        let format = AudioFormat(sampleRate: rate, channels: channels)
        let tone = DeviceTestSignal.read(try ToneSource(frequency: 1000, amplitude: 0.5, format: format),
                                         frames: rate, chunk: rate)
        let sink = try WAVFileSink(path: path, format: format)
        #expect(sink.name == "file out.wav (\(format.label))")
        #expect(sink.pacesItself == false)
        let frame = rate / 50
        tone.withUnsafeBufferPointer { all in
            for start in stride(from: 0, to: rate, by: frame) {
                let frames = min(frame, rate - start)
                sink.write(UnsafeBufferPointer(rebasing: all[(start * channels)..<((start + frames) * channels)]),
                           frames: frames)
            }
        }
        sink.close()
        sink.close()  // a second close does nothing
        #expect(sink.framesWritten == rate)
        #expect(sink.writeErrors == 0)

        let soxi = DeviceTestShell.run("soxi -t '\(path)'; soxi -r '\(path)'; soxi -c '\(path)'; soxi -s '\(path)'; soxi -b '\(path)'; soxi -e '\(path)'")
        #expect(soxi.output == "wav\n\(rate)\n\(channels)\n\(rate)\n16\nSigned Integer PCM")

        let back = try WAVFileSource(path: path)
        #expect(back.format == format)
        #expect(DeviceTestSignal.read(back, frames: rate, chunk: frame) == tone)
    }

    @Test func writeAfterCloseIsCountedNotCrashed() throws {
        let directory = DeviceTestDirectory()
        let sink = try WAVFileSink(path: directory.file("late.wav"), format: .narrowband)
        sink.close()
        let samples = [Int16](repeating: 1, count: 160)
        samples.withUnsafeBufferPointer { sink.write($0, frames: 160) }
        #expect(sink.writeErrors == 1)
        #expect(sink.framesWritten == 0)
    }

    @Test func shortBufferWritesOnlyWholeFramesItHolds() throws {
        let directory = DeviceTestDirectory()
        let path = directory.file("short.wav")
        let sink = try WAVFileSink(path: path, format: AudioFormat(sampleRate: 8000, channels: 2))
        let samples: [Int16] = [1, 2, 3, 4, 5]
        samples.withUnsafeBufferPointer { sink.write($0, frames: 160) }
        sink.close()
        #expect(sink.framesWritten == 2)
        #expect(DeviceTestShell.run("soxi -s '\(path)'").output == "2")
    }

    @Test func errorsNameThePathAndTheReason() throws {
        let directory = DeviceTestDirectory()
        let noDirectory = directory.file("absent/out.wav")
        let cases: [(String, AudioFormat, AudioDeviceError.Kind, String)] = [
            (noDirectory, .narrowband, .cannotCreateFile,
             "cannot create audio file \(noDirectory): libsndfile: System error : No such file or directory."),
            (directory.path, .narrowband, .cannotCreateFile,
             "cannot create audio file \(directory.path): is a directory"),
            (directory.file("three.wav"), AudioFormat(sampleRate: 8000, channels: 3), .unsupportedFormat,
             "audio format for \(directory.file("three.wav")): 8000 Hz 3 channels is not 1–2 channels at 1000…384000 Hz"),
        ]
        for (path, format, kind, message) in cases {
            do {
                _ = try WAVFileSink(path: path, format: format)
                Issue.record("created \(path)")
            } catch let error as AudioDeviceError {
                #expect(error.kind == kind)
                #expect(error.description == message)
            }
        }
    }
}
