// An ALSA playback device as the call's speaker.
import CALSA

/// Plays to an ALSA device, S16_LE interleaved at the requested format ("hw:…" is opened as
/// "plughw:…"; plug layers resample). One period is one frame of the audio thread and the
/// buffer a few periods; write() blocks while the buffer is full, so the device is the clock.
/// Playback starts once two frames are queued. Underruns and suspends are recovered and
/// counted, never fatal; a device that stops working drops frames at real-time pace.
public final class ALSAPlayback: AudioSink {
    public var format: AudioFormat { stream.format }
    public let name: String
    public var pacesItself: Bool { true }
    /// Frames per ALSA period as granted.
    public var periodFrames: Int { stream.periodFrames }
    /// Frames in ALSA's ring buffer as granted.
    public var bufferFrames: Int { stream.bufferFrames }
    /// Underruns and suspends recovered so far.
    public var recoveredXruns: Int { stream.recoveredXruns }
    /// Writes dropped because the device would not recover (or came after close()).
    public var failedWrites: Int { stream.failedTransfers }

    private let stream: ALSAPCMStream
    private var isClosed = false

    /// Opens `device` for playback; throws `AudioDeviceError` (`.deviceUnavailable` when it
    /// cannot be opened at all, `.deviceFormat` when it cannot run at `format`).
    public init(device: String = "default", format: AudioFormat, frameMilliseconds: Int = 20,
                periods: Int = 4, configuration: ALSAConfiguration? = nil) throws {
        stream = try ALSAPCMStream(requestedName: device, stream: SND_PCM_STREAM_PLAYBACK, format: format,
                                   frameMilliseconds: frameMilliseconds, periods: periods,
                                   configuration: configuration)
        name = "ALSA \(stream.deviceName)"
    }

    public func write(_ samples: UnsafeBufferPointer<Int16>, frames: Int) {
        let frames = format.frames(frames, fittingIn: samples.count)
        guard frames > 0, let base = samples.baseAddress else { return }
        guard !isClosed else {
            stream.failedTransfers += 1
            return
        }
        let channels = format.channels
        var done = 0
        var recoveries = 0
        while done < frames {
            let put = snd_pcm_writei(stream.pcm, base + done * channels, snd_pcm_uframes_t(frames - done))
            if put > 0 {
                done += put
                continue
            }
            recoveries += 1
            if put < 0, recoveries <= 3, stream.recover(from: put) { continue }
            stream.failedTransfers += 1
            stream.keepPace(frames: frames - done)
            return
        }
    }

    /// Plays out what is queued (bounded wait), then closes the device. Also done, without
    /// waiting, on deinit.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        stream.close(drain: true)
    }
}
