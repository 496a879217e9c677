import Testing
@testable import MediaNIO

/// ALSA without a sound card: the test's own pcm definitions (ALSAConfiguration, merged into
/// the system configuration) put ALSA's `file` plugin over `null`, so what is played lands in
/// a raw file. `null` is not paced, so these run at full speed.
@Suite struct ALSAPlaybackTests {
    static func configuration(_ directory: DeviceTestDirectory) throws -> ALSAConfiguration {
        try ALSAConfiguration(text: """
            pcm.dialtone_test_play { type file slave.pcm "null" file "\(directory.file("out.raw"))" format "raw" }
            pcm.dialtone_test_convert { type plug slave { pcm "dialtone_test_play" rate 48000 channels 2 } }
            pcm.dialtone_test_alaw_only { type alaw slave { pcm "null" format S16_LE } }
            """)
    }

    static func play(_ samples: [Int16], to sink: ALSAPlayback, frame: Int) {
        let channels = sink.format.channels
        let frames = samples.count / channels
        samples.withUnsafeBufferPointer { all in
            for start in stride(from: 0, to: frames, by: frame) {
                let count = min(frame, frames - start)
                sink.write(UnsafeBufferPointer(rebasing: all[(start * channels)..<((start + count) * channels)]), frames: count)
            }
        }
    }

    @Test func oneSecondOfToneLandsInTheFileSampleForSample() throws {
        let directory = DeviceTestDirectory()
        let configuration = try Self.configuration(directory)
        let format = AudioFormat.wideband
        let tone = DeviceTestSignal.read(try ToneSource(frequency: 1000, format: format), frames: 16000, chunk: 16000)
        let playback = try ALSAPlayback(device: "dialtone_test_play", format: format, frameMilliseconds: 20,
                                        configuration: configuration)
        #expect(playback.name == "ALSA dialtone_test_play")
        #expect(playback.pacesItself)
        #expect(playback.format == format)
        #expect(playback.periodFrames == 320)
        #expect(playback.bufferFrames == 1280)
        Self.play(tone, to: playback, frame: 320)
        playback.close()
        playback.close()
        #expect(playback.failedWrites == 0)
        #expect(playback.recoveredXruns == 0)
        let written = try #require(DeviceTestShell.readRaw(directory.file("out.raw")))
        #expect(written.count == 16000)
        #expect(written == tone)
    }

    /// Less than the start threshold (two frames) never starts the device; after close() it has still
    /// reached it (the file plugin also flushes on close, so this does not prove the drain itself).
    @Test func closePlaysOutAFrameBelowTheStartThreshold() throws {
        let directory = DeviceTestDirectory()
        let configuration = try Self.configuration(directory)
        let tone = DeviceTestSignal.read(try ToneSource(frequency: 1000, format: .narrowband), frames: 160, chunk: 160)
        let playback = try ALSAPlayback(device: "dialtone_test_play", format: .narrowband, configuration: configuration)
        Self.play(tone, to: playback, frame: 160)
        playback.close()
        #expect(DeviceTestShell.readRaw(directory.file("out.raw")) == tone)
    }

    @Test func plugLayerConvertsRateAndChannels() throws {
        let directory = DeviceTestDirectory()
        let configuration = try Self.configuration(directory)
        let tone = DeviceTestSignal.read(try ToneSource(frequency: 1000, format: .narrowband), frames: 8000, chunk: 8000)
        let playback = try ALSAPlayback(device: "dialtone_test_convert", format: .narrowband, frameMilliseconds: 10,
                                        configuration: configuration)
        #expect(playback.format == .narrowband)
        Self.play(tone, to: playback, frame: 80)
        playback.close()
        let written = try #require(DeviceTestShell.readRaw(directory.file("out.raw")))
        #expect(abs(written.count - 48000 * 2) <= 2 * 480)  // 1 s at 48000 Hz stereo, give or take a period
        let left = DeviceTestSignal.channel(written, 0, of: 2)
        #expect(left == DeviceTestSignal.channel(written, 1, of: 2))
        #expect(DeviceTestSignal.goertzel(left, frequency: 1000, sampleRate: 48000)
                > 1000 * DeviceTestSignal.goertzel(left, frequency: 1500, sampleRate: 48000))
    }

    @Test func unknownDeviceIsAClearError() throws {
        let directory = DeviceTestDirectory()
        let configuration = try Self.configuration(directory)
        for configuration in [nil, configuration] {
            do {
                _ = try ALSAPlayback(device: "dialtone_no_such_pcm", format: .narrowband, configuration: configuration)
                Issue.record("opened a device that does not exist")
            } catch let error as AudioDeviceError {
                #expect(error.kind == .deviceUnavailable)
                #expect(error.description
                        == "cannot open ALSA device dialtone_no_such_pcm: no such device (ALSA: No such file or directory)")
            }
        }
    }

    @Test func hardwareNamesAreOpenedThroughPlug() throws {
        #expect(ALSAPCMStream.deviceName(for: "hw:0") == "plughw:0")
        #expect(ALSAPCMStream.deviceName(for: "hw:CARD=PCH,DEV=0") == "plughw:CARD=PCH,DEV=0")
        #expect(ALSAPCMStream.deviceName(for: "hw") == "plughw")
        #expect(ALSAPCMStream.deviceName(for: "default") == "default")
        #expect(ALSAPCMStream.deviceName(for: "plughw:1,0") == "plughw:1,0")
        #expect(ALSAPCMStream.deviceName(for: "hwtest") == "hwtest")
        // No card on this machine: the error names the device actually tried.
        #expect {
            _ = try ALSAPlayback(device: "hw:7", format: .narrowband)
        } throws: { error in
            (error as? AudioDeviceError)?.kind == .deviceUnavailable && (error as? AudioDeviceError)?.subject == "plughw:7"
        }
    }

    @Test func deviceThatCannotTakeSixteenBitSamplesSaysSo() throws {
        let directory = DeviceTestDirectory()
        let configuration = try Self.configuration(directory)
        #expect {
            _ = try ALSAPlayback(device: "dialtone_test_alaw_only", format: .narrowband, configuration: configuration)
        } throws: { error in
            "\(error)" == "ALSA device dialtone_test_alaw_only: cannot do 16-bit little-endian samples (ALSA: Invalid argument)"
        }
    }

    @Test func framesOutsideTheLimitsAreRefused() throws {
        #expect {
            _ = try ALSAPlayback(device: "null", format: .narrowband, frameMilliseconds: 0)
        } throws: { error in
            (error as? AudioDeviceError)?.kind == .unsupportedFormat
        }
    }

    @Test func writeAfterCloseIsCounted() throws {
        let playback = try ALSAPlayback(device: "null", format: .narrowband)
        playback.close()
        let samples = [Int16](repeating: 0, count: 160)
        samples.withUnsafeBufferPointer { playback.write($0, frames: 160) }
        #expect(playback.failedWrites == 1)
    }
}
