import Testing
@testable import MediaNIO

@Suite struct AudioDeviceChoiceTests {
    @Test(arguments: [
        ("default", AudioDeviceChoice.alsa("default"), "default"),
        ("hw:0", .alsa("hw:0"), "hw:0"),
        ("plughw:1,0", .alsa("plughw:1,0"), "plughw:1,0"),
        ("  pulse\t", .alsa("pulse"), "pulse"),
        ("null", .null, "null"),
        ("NULL", .null, "null"),
        ("alsa:null", .alsa("null"), "alsa:null"),
        ("alsa:file:'/tmp/x'", .alsa("file:'/tmp/x'"), "alsa:file:'/tmp/x'"),
        ("tone", .tone(440), "tone:440"),
        ("tone:1000", .tone(1000), "tone:1000"),
        ("tone:697.5", .tone(697.5), "tone:697.5"),
        ("file:/tmp/in.wav", .file("/tmp/in.wav"), "file:/tmp/in.wav"),
        ("file:recording", .file("recording"), "file:recording"),
        ("/tmp/Call.WAV", .file("/tmp/Call.WAV"), "file:/tmp/Call.WAV"),
        ("in.wav", .file("in.wav"), "file:in.wav"),
        ("alsa:odd.wav", .alsa("odd.wav"), "alsa:odd.wav"),
    ])
    func parsesAndPrintsBack(text: String, choice: AudioDeviceChoice, printed: String) throws {
        let parsed = try AudioDeviceChoice(parsing: text)
        #expect(parsed == choice)
        #expect(parsed.description == printed)
        #expect(try AudioDeviceChoice(parsing: printed) == choice)
    }

    @Test(arguments: [
        ("", "audio device \"\": empty; use default, hw:0, null, tone:440 or file:PATH.wav"),
        ("   ", "audio device \"   \": empty; use default, hw:0, null, tone:440 or file:PATH.wav"),
        ("tone:loud", "audio device \"tone:loud\": \"loud\" is not a frequency in Hz (tone:440)"),
        ("tone:-5", "audio device \"tone:-5\": \"-5\" is not a frequency in Hz (tone:440)"),
        ("tone:inf", "audio device \"tone:inf\": \"inf\" is not a frequency in Hz (tone:440)"),
        ("file:", "audio device \"file:\": no path after file:"),
        ("alsa:", "audio device \"alsa:\": no ALSA device name after alsa:"),
    ])
    func badTextIsAClearError(text: String, message: String) {
        #expect {
            _ = try AudioDeviceChoice(parsing: text)
        } throws: { error in
            (error as? AudioDeviceError)?.kind == .invalidChoice && "\(error)" == message
        }
    }

    @Test func opensTheMatchingSourcesAndSinks() throws {
        let directory = DeviceTestDirectory()
        let path = directory.file("rec.wav")
        let format = AudioFormat.wideband

        #expect(try AudioDeviceChoice.null.makeSource(format: format) is SilenceSource)
        #expect(try AudioDeviceChoice.null.makeSink(format: format) is NullSink)
        let tone = try AudioDeviceChoice.tone(440).makeSource(format: format)
        #expect(tone.name == "tone 440 Hz" && tone.format == format)

        let sink = try AudioDeviceChoice.file(path).makeSink(format: format)
        #expect(sink is WAVFileSink && sink.format == format)
        let samples = [Int16](repeating: 100, count: 320)
        samples.withUnsafeBufferPointer { sink.write($0, frames: 320) }
        sink.close()
        let source = try AudioDeviceChoice.file(path).makeSource(format: .narrowband)
        #expect(source.format == format)  // a file keeps its own format
        #expect(source is WAVFileSource)

        let capture = try AudioDeviceChoice.alsa("null").makeSource(format: format, frameMilliseconds: 10)
        #expect(capture.name == "ALSA null" && capture.pacesItself)
        #expect(try AudioDeviceChoice.alsa("null").makeSink(format: format) is ALSAPlayback)
    }

    @Test func failuresKeepTheirKind() {
        #expect {
            _ = try AudioDeviceChoice.tone(440).makeSink(format: .narrowband)
        } throws: { error in "\(error)" == "audio device \"tone:440\": a tone is an input only" }
        #expect {
            _ = try AudioDeviceChoice.tone(5000).makeSource(format: .narrowband)
        } throws: { error in (error as? AudioDeviceError)?.kind == .invalidTone }
        #expect {
            _ = try AudioDeviceChoice.file("/nonexistent/dialtone.wav").makeSource(format: .narrowband)
        } throws: { error in (error as? AudioDeviceError)?.kind == .fileNotFound }
        #expect {
            _ = try AudioDeviceChoice.alsa("dialtone_no_such_pcm").makeSink(format: .narrowband)
        } throws: { error in (error as? AudioDeviceError)?.kind == .deviceUnavailable }
    }
}
