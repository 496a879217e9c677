/// Where a call's audio comes from and goes to, as the user chose (`--audio-in`,
/// `--audio-out`, `--audio-device`, config `[audio] device`), and how to open it. A device
/// that cannot be opened (no sound card on a server, in a container, in CI) falls back to
/// null so the call still works, and the note says which device is in use and why.
public struct MediaDevicePlan: Sendable, Equatable {
    public var input: AudioDeviceChoice
    public var output: AudioDeviceChoice
    /// Echo cancellation for a real capture device (never for files, tones or null).
    public var echoCancellation: Bool

    public init(input: AudioDeviceChoice, output: AudioDeviceChoice, echoCancellation: Bool = true) {
        self.input = input
        self.output = output
        self.echoCancellation = echoCancellation
    }

    /// The microphone side; null (with a note) when the choice cannot be opened.
    func openSource(format: AudioFormat, frameMilliseconds: Int) -> (device: any AudioSource, note: String?) {
        do {
            return (try input.makeSource(format: format, frameMilliseconds: frameMilliseconds), nil)
        } catch {
            let fallback = SilenceSource(format: format)
            return (fallback, "audio in: \(error) — using null (silence)")
        }
    }

    /// The speaker side; null (with a note) when the choice cannot be opened.
    func openSink(format: AudioFormat, frameMilliseconds: Int) -> (device: any AudioSink, note: String?) {
        do {
            return (try output.makeSink(format: format, frameMilliseconds: frameMilliseconds), nil)
        } catch {
            return (NullSink(format: format), "audio out: \(error) — using null (nothing is played)")
        }
    }
}

extension AudioDeviceChoice {
    /// A tone has no speaker side: `--audio-device tone:440` plays into the call and hears nothing.
    public var isInputOnly: Bool {
        if case .tone = self { return true }
        return false
    }
}
