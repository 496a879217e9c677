// The null microphone: silence at any format.

/// The "null" input: silence, for a call without a microphone (no sound card, or on purpose).
public final class SilenceSource: AudioSource {
    public let format: AudioFormat
    public var name: String { "null" }
    public var pacesItself: Bool { false }

    public init(format: AudioFormat) {
        self.format = format
    }

    public func read(into samples: UnsafeMutableBufferPointer<Int16>, frames: Int) -> Int {
        let frames = format.frames(frames, fittingIn: samples.count)
        guard frames > 0, let base = samples.baseAddress else { return 0 }
        base.update(repeating: 0, count: frames * format.channels)
        return frames
    }
}
