// The null speaker: takes every frame and keeps none.

/// The "null" output: discards what the call plays (no sound card, or on purpose), counting it.
public final class NullSink: AudioSink {
    public let format: AudioFormat
    public var name: String { "null" }
    public var pacesItself: Bool { false }
    /// Frames discarded so far.
    public private(set) var framesDiscarded = 0

    public init(format: AudioFormat) {
        self.format = format
    }

    public func write(_ samples: UnsafeBufferPointer<Int16>, frames: Int) {
        framesDiscarded += format.frames(frames, fittingIn: samples.count)
    }

    public func close() {}
}
