import Testing
@testable import MediaNIO

/// Capture without a sound card: ALSA's `null` gives zeros; the `file` plugin's `infile`
/// replaces what its slave captures with a raw file's samples.
@Suite struct ALSACaptureTests {
    @Test func nullGivesSilenceOfTheRightLength() throws {
        let capture = try ALSACapture(device: "null", format: .wideband, frameMilliseconds: 20)
        #expect(capture.name == "ALSA null")
        #expect(capture.pacesItself)
        var buffer = [Int16](repeating: 1234, count: 321)
        var total = 0
        for _ in 0..<50 {  // one second of 20 ms frames
            buffer.replaceSubrange(0..<320, with: repeatElement(1234, count: 320))
            total += buffer.withUnsafeMutableBufferPointer { capture.read(into: $0, frames: 320) }
            #expect(buffer[0..<320].allSatisfy { $0 == 0 })
        }
        #expect(total == 16000)
        #expect(buffer[320] == 1234)
        #expect(capture.failedReads == 0)
        capture.close()
    }

    @Test func fileInfileIsCapturedSampleForSample() throws {
        let directory = DeviceTestDirectory()
        let format = AudioFormat(sampleRate: 8000, channels: 2)
        let tone = DeviceTestSignal.read(try ToneSource(frequency: 700, format: format), frames: 8000, chunk: 8000)
        DeviceTestShell.writeRaw(directory.file("in.raw"), tone)
        let configuration = try ALSAConfiguration(text: """
            pcm.dialtone_test_capture {
                type file
                slave.pcm "null"
                file "\(directory.file("unused.raw"))"
                infile "\(directory.file("in.raw"))"
                format "raw"
            }
            """)
        let capture = try ALSACapture(device: "dialtone_test_capture", format: format, frameMilliseconds: 10,
                                      configuration: configuration)
        #expect(capture.periodFrames == 80)
        let captured = DeviceTestSignal.read(capture, frames: 8000, chunk: 80)
        capture.close()
        #expect(captured == tone)
        // After close the device gives silence instead of failing.
        var buffer = [Int16](repeating: 9, count: 160)
        #expect(buffer.withUnsafeMutableBufferPointer { capture.read(into: $0, frames: 80) } == 80)
        #expect(buffer.allSatisfy { $0 == 0 })
    }

    @Test func unknownDeviceIsAClearError() {
        #expect {
            _ = try ALSACapture(device: "dialtone_no_such_pcm", format: .narrowband)
        } throws: { error in
            "\(error)" == "cannot open ALSA device dialtone_no_such_pcm: no such device (ALSA: No such file or directory)"
        }
    }
}
