// An ALSA capture device as the call's microphone.
import CALSA

/// Captures from an ALSA device ("default" routes through PulseAudio/PipeWire on a desktop),
/// S16_LE interleaved at the requested format; "hw:…" is opened as "plughw:…" and plug layers
/// resample, so the format is exactly the one asked for, or opening throws. One period is one
/// frame of the audio thread; read() blocks until it is captured, so the device is the clock.
/// Overruns and suspends are recovered and counted, never fatal; a device that stops working
/// gives silence at real-time pace.
///
/// ALSA's own `null` device is not paced (it returns zeros at once): use `SilenceSource`
/// for a silent microphone.
public final class ALSACapture: AudioSource {
    public var format: AudioFormat { stream.format }
    public let name: String
    public var pacesItself: Bool { true }
    /// Frames per ALSA period as granted (normally one frame of `frameMilliseconds`).
    public var periodFrames: Int { stream.periodFrames }
    /// Frames in ALSA's ring buffer as granted.
    public var bufferFrames: Int { stream.bufferFrames }
    /// Overruns and suspends recovered so far.
    public var recoveredXruns: Int { stream.recoveredXruns }
    /// Reads replaced by silence because the device would not recover.
    public var failedReads: Int { stream.failedTransfers }

    private let stream: ALSAPCMStream
    private var isClosed = false

    /// Opens `device` for capture; throws `AudioDeviceError` (`.deviceUnavailable` when it
    /// cannot be opened at all, `.deviceFormat` when it cannot run at `format`).
    /// `configuration` adds pcm definitions of its own to ALSA's (tests); nil uses ALSA's.
    public init(device: String = "default", format: AudioFormat, frameMilliseconds: Int = 20,
                periods: Int = 4, configuration: ALSAConfiguration? = nil) throws {
        stream = try ALSAPCMStream(requestedName: device, stream: SND_PCM_STREAM_CAPTURE, format: format,
                                   frameMilliseconds: frameMilliseconds, periods: periods,
                                   configuration: configuration)
        name = "ALSA \(stream.deviceName)"
    }

    public func read(into samples: UnsafeMutableBufferPointer<Int16>, frames: Int) -> Int {
        let frames = format.frames(frames, fittingIn: samples.count)
        guard frames > 0, let base = samples.baseAddress else { return 0 }
        let channels = format.channels
        guard !isClosed else {
            base.update(repeating: 0, count: frames * channels)
            return frames
        }
        // ALSA's `null` (1.2.8) reports frames read without writing them: clear first, so such
        // a device gives silence rather than the caller's stale samples.
        base.update(repeating: 0, count: frames * channels)
        var done = 0
        var recoveries = 0
        while done < frames {
            let got = snd_pcm_readi(stream.pcm, base + done * channels, snd_pcm_uframes_t(frames - done))
            if got > 0 {
                done += got
                continue
            }
            recoveries += 1
            if got < 0, recoveries <= 3, stream.recover(from: got) { continue }
            stream.failedTransfers += 1
            (base + done * channels).update(repeating: 0, count: (frames - done) * channels)
            stream.keepPace(frames: frames - done)
            done = frames
        }
        return frames
    }

    /// Stops capturing and closes the device; later reads give silence. Also done on deinit.
    public func close() {
        isClosed = true
        stream.close(drain: false)
    }
}
