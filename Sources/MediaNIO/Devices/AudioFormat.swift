// The sample layout every device speaks: 16-bit signed, interleaved, at this rate and channel count.

/// Rate and channel count of a device's 16-bit interleaved samples; the audio thread converts
/// between a device's format and the codec's, so every device states its own.
public struct AudioFormat: Sendable, Equatable {
    /// Frames per second (one frame = one sample per channel).
    public var sampleRate: Int
    /// 1 (mono) or 2 (stereo) for every device here.
    public var channels: Int

    public init(sampleRate: Int, channels: Int) {
        self.sampleRate = sampleRate
        self.channels = channels
    }

    /// Telephone-band mono, the format of G.711.
    public static let narrowband = AudioFormat(sampleRate: 8000, channels: 1)
    /// Wideband mono, the format of G.722 and Opus voice.
    public static let wideband = AudioFormat(sampleRate: 16000, channels: 1)

    /// Frames in `milliseconds` at this rate (160 for 20 ms at 8000 Hz).
    public func frameCount(milliseconds: Int) -> Int {
        sampleRate * milliseconds / 1000
    }

    /// What the screen shows: "8000 Hz mono", "44100 Hz stereo", "48000 Hz 6 channels".
    public var label: String {
        switch channels {
        case 1: return "\(sampleRate) Hz mono"
        case 2: return "\(sampleRate) Hz stereo"
        default: return "\(sampleRate) Hz \(channels) channels"
        }
    }

    /// Rates and channel counts the devices accept: 1 or 2 channels, 1000…384000 Hz.
    var isSupportedByDevices: Bool {
        (1...2).contains(channels) && (1000...384_000).contains(sampleRate)
    }

    /// `frames`, lowered so that it fits in a buffer of `capacity` samples and never negative:
    /// a caller's short buffer gives a short read, never a write past its end.
    func frames(_ frames: Int, fittingIn capacity: Int) -> Int {
        max(0, min(frames, capacity / max(1, channels)))
    }
}
