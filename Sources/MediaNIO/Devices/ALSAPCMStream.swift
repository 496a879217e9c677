// The part of ALSA capture and playback that is the same: open, configure, recover, close.
import CALSA
import Glibc

/// An open ALSA pcm in blocking mode, S16_LE interleaved, with its period and buffer set.
/// Owned by one ALSACapture or ALSAPlayback.
final class ALSAPCMStream {
    let pcm: OpaquePointer
    let format: AudioFormat
    /// The name given to ALSA (after "hw:" became "plughw:").
    let deviceName: String
    let periodFrames: Int
    let bufferFrames: Int
    /// Over- and underruns (and suspends) that snd_pcm_recover mended.
    var recoveredXruns = 0
    /// Transfers given up (silence read, frames dropped) because the device would not recover.
    var failedTransfers = 0

    /// Kept alive while the pcm is open: plugins may refer to the tree they were built from.
    private let configuration: ALSAConfiguration?
    private var isOpen = true

    /// ALSA's stderr messages would scribble over the curses screen; we report errors ourselves.
    static let quietErrors: Void = { _ = dialtone_alsa_silence_errors() }()

    /// "hw:…" cannot convert rate, channels or sample format; its "plughw:…" twin can, and does
    /// nothing when the device already matches. Every other name is used as given.
    static func deviceName(for requested: String) -> String {
        requested == "hw" || requested.hasPrefix("hw:") ? "plug" + requested : requested
    }

    /// ALSA's words for a negative error code.
    static func describe(_ code: Int32) -> String {
        guard let text = snd_strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    init(requestedName: String, stream: snd_pcm_stream_t, format: AudioFormat, frameMilliseconds: Int,
         periods: Int, configuration: ALSAConfiguration?) throws {
        Self.quietErrors
        let name = Self.deviceName(for: requestedName)
        guard format.isSupportedByDevices else {
            throw AudioDeviceError(.unsupportedFormat, subject: name,
                                   reason: "\(format.label) is not 1–2 channels at 1000…384000 Hz")
        }
        let periodFrames = format.frameCount(milliseconds: frameMilliseconds)
        guard (1...200).contains(frameMilliseconds), periodFrames > 0, (2...32).contains(periods) else {
            throw AudioDeviceError(.unsupportedFormat, subject: name,
                                   reason: "a \(frameMilliseconds) ms frame with \(periods) periods is not usable (1…200 ms, 2…32 periods)")
        }
        var opened: OpaquePointer?
        let result: Int32
        if let configuration {
            result = snd_pcm_open_lconf(&opened, name, stream, 0, configuration.tree)
        } else {
            result = snd_pcm_open(&opened, name, stream, 0)
        }
        guard result >= 0, let opened else {
            let hint = result == -ENOENT ? "no such device" : (result == -EBUSY ? "device busy" : "open failed")
            throw AudioDeviceError(.deviceUnavailable, subject: name, reason: "\(hint) (ALSA: \(Self.describe(result)))")
        }
        do {
            (self.periodFrames, self.bufferFrames) = try Self.configure(
                opened, name: name, stream: stream, format: format, periodFrames: periodFrames, periods: periods)
        } catch {
            snd_pcm_close(opened)
            throw error
        }
        self.pcm = opened
        self.format = format
        self.deviceName = name
        self.configuration = configuration
    }

    deinit {
        close(drain: false)
    }

    /// Sets hardware and software parameters; returns the period and buffer ALSA granted.
    private static func configure(_ pcm: OpaquePointer, name: String, stream: snd_pcm_stream_t,
                                  format: AudioFormat, periodFrames: Int, periods: Int) throws -> (Int, Int) {
        func check(_ result: Int32, _ what: String) throws {
            guard result >= 0 else {
                throw AudioDeviceError(.deviceFormat, subject: name, reason: "\(what) (ALSA: \(describe(result)))")
            }
        }
        var hardware: OpaquePointer?
        try check(snd_pcm_hw_params_malloc(&hardware), "cannot allocate parameters")
        guard let hardware else { throw AudioDeviceError(.deviceFormat, subject: name, reason: "no parameters") }
        defer { snd_pcm_hw_params_free(hardware) }
        try check(snd_pcm_hw_params_any(pcm, hardware), "has no usable configuration")
        _ = snd_pcm_hw_params_set_rate_resample(pcm, hardware, 1)  // plug layers resample; others refuse, harmlessly
        try check(snd_pcm_hw_params_set_access(pcm, hardware, SND_PCM_ACCESS_RW_INTERLEAVED),
                  "cannot do interleaved read/write access")
        try check(snd_pcm_hw_params_set_format(pcm, hardware, SND_PCM_FORMAT_S16_LE),
                  "cannot do 16-bit little-endian samples")
        try check(snd_pcm_hw_params_set_channels(pcm, hardware, UInt32(format.channels)),
                  "cannot do \(format.channels == 1 ? "mono" : "stereo")")
        var rate = UInt32(format.sampleRate)
        var direction: Int32 = 0
        try check(snd_pcm_hw_params_set_rate_near(pcm, hardware, &rate, &direction),
                  "cannot do \(format.sampleRate) Hz")
        guard Int(rate) == format.sampleRate else {
            throw AudioDeviceError(.deviceFormat, subject: name,
                                   reason: "cannot do \(format.sampleRate) Hz (nearest it offers: \(rate) Hz)")
        }
        var period = snd_pcm_uframes_t(periodFrames)
        direction = 0
        try check(snd_pcm_hw_params_set_period_size_near(pcm, hardware, &period, &direction),
                  "cannot use a period of \(periodFrames) frames")
        var buffer = snd_pcm_uframes_t(periodFrames * periods)
        try check(snd_pcm_hw_params_set_buffer_size_near(pcm, hardware, &buffer),
                  "cannot use a buffer of \(periodFrames * periods) frames")
        try check(snd_pcm_hw_params(pcm, hardware), "refuses \(format.label) in \(periodFrames)-frame periods")
        _ = snd_pcm_hw_params_get_period_size(hardware, &period, &direction)
        _ = snd_pcm_hw_params_get_buffer_size(hardware, &buffer)

        var software: OpaquePointer?
        try check(snd_pcm_sw_params_malloc(&software), "cannot allocate parameters")
        guard let software else { throw AudioDeviceError(.deviceFormat, subject: name, reason: "no parameters") }
        defer { snd_pcm_sw_params_free(software) }
        try check(snd_pcm_sw_params_current(pcm, software), "has no software parameters")
        try check(snd_pcm_sw_params_set_avail_min(pcm, software, period), "refuses its period as wake-up size")
        if stream == SND_PCM_STREAM_PLAYBACK {
            // Start once two frames wait, so a late frame from the network does not underrun at once.
            let start = min(buffer, snd_pcm_uframes_t(periodFrames * 2))
            try check(snd_pcm_sw_params_set_start_threshold(pcm, software, start), "refuses a start threshold")
        }
        try check(snd_pcm_sw_params(pcm, software), "refuses the software parameters")
        try check(snd_pcm_prepare(pcm), "cannot be prepared")
        return (Int(period), Int(buffer))
    }

    /// Mends a failed transfer (xrun, suspend, signal) with snd_pcm_recover; false when it
    /// cannot (device gone), and the caller gives up on this frame.
    func recover(from error: Int) -> Bool {
        if snd_pcm_recover(pcm, Int32(clamping: error), 1) >= 0 {
            recoveredXruns += 1
            return true
        }
        return false
    }

    /// Sleeps for `frames` frames of time, so a dead device still paces the audio thread
    /// instead of letting it spin.
    func keepPace(frames: Int) {
        let nanoseconds = frames * 1_000_000_000 / format.sampleRate
        var remaining = timespec(tv_sec: nanoseconds / 1_000_000_000, tv_nsec: nanoseconds % 1_000_000_000)
        var request = remaining
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    /// Ends the stream: plays out what is buffered (playback, bounded by the buffer's length
    /// plus half a second) or drops it (capture), then closes. Safe to call twice.
    func close(drain: Bool) {
        guard isOpen else { return }
        isOpen = false
        let state = snd_pcm_state(pcm)
        if drain && (state == SND_PCM_STATE_RUNNING || state == SND_PCM_STATE_PREPARED) {
            _ = snd_pcm_nonblock(pcm, 1)
            if snd_pcm_drain(pcm) == -EAGAIN {
                let limit = bufferFrames * 1000 / format.sampleRate + 500  // milliseconds
                var waited = 0
                var tick = timespec(tv_sec: 0, tv_nsec: 5_000_000)
                while snd_pcm_state(pcm) == SND_PCM_STATE_DRAINING && waited < limit {
                    nanosleep(&tick, nil)
                    waited += 5
                }
            }
        }
        _ = snd_pcm_drop(pcm)
        snd_pcm_close(pcm)
    }
}
