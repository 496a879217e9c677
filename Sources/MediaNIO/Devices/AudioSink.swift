// One shape for everything that consumes samples: a playback device, a WAV recorder, null.

/// Something the audio thread pushes frames into: a playback device, a WAV file, null.
/// Owned by one thread at a time, like `AudioSource`.
public protocol AudioSink: AnyObject {
    var format: AudioFormat { get }
    /// What the screen shows: "ALSA default", "file out.wav (8000 Hz mono)", "null".
    var name: String { get }
    /// True when write() blocks at real-time pace (a playback device).
    var pacesItself: Bool { get }
    /// Takes `frames` frames (interleaved, format.channels per frame). Failures are counted,
    /// never thrown: a call keeps going when its recorder or speaker hiccups. Never allocates.
    func write(_ samples: UnsafeBufferPointer<Int16>, frames: Int)
    /// Flush and close (WAV header finalized); called once at the end of a call, never on the
    /// audio thread. Later writes are ignored.
    func close()
}
