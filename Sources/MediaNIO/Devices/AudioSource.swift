// One shape for everything that produces samples (pjmedia's "port" idea): device, file, tone, null.

/// Something the audio thread pulls frames from: a capture device, a WAV file, a tone, silence.
/// Instances are owned by one thread at a time (the audio thread during a call), so they are
/// not Sendable; hand one over with `sending`.
public protocol AudioSource: AnyObject {
    var format: AudioFormat { get }
    /// What the screen shows: "ALSA default", "file in.wav (8000 Hz mono)", "tone 440 Hz", "null".
    var name: String { get }
    /// True when read() blocks at real-time pace (a capture device); false for files/tone/null,
    /// which the audio thread paces with its own clock.
    var pacesItself: Bool { get }
    /// Fills `frames` frames (interleaved, format.channels per frame). Returns frames written
    /// (a file loops; errors give silence and count). Never allocates.
    func read(into samples: UnsafeMutableBufferPointer<Int16>, frames: Int) -> Int
}

