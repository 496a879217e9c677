// Which device the user picked on the command line, and opening it.

/// An input or output as the user names it on the command line (`--audio-in`, `--audio-out`,
/// `--audio-device`). The text is read as:
///
/// | text                  | choice               |
/// |-----------------------|----------------------|
/// | `null`                | `.null`              |
/// | `tone`, `tone:FREQ`   | `.tone(440)`, `.tone(FREQ)` (Hz, input only) |
/// | `file:PATH`           | `.file(PATH)`        |
/// | anything ending `.wav`| `.file(text)`        |
/// | `alsa:NAME`           | `.alsa(NAME)` (for ALSA names the rows above would take, e.g. `alsa:null`) |
/// | anything else         | `.alsa(text)`: `default`, `hw:0`, `plughw:1,0`, `pulse`, … |
///
/// Surrounding spaces are ignored; an empty text is an error. `description` gives text that
/// reads back as the same choice.
public enum AudioDeviceChoice: Sendable, Equatable, CustomStringConvertible {
    case alsa(String)
    case file(String)
    case tone(Double)
    case null

    /// The frequency `tone` alone stands for.
    public static let defaultToneFrequency = 440.0

    /// Reads a command-line text (table above); throws `AudioDeviceError` (`.invalidChoice`).
    public init(parsing text: String) throws {
        let trimmed = Self.trimmed(text)
        let lowered = trimmed.lowercased()
        if trimmed.isEmpty {
            throw AudioDeviceError(.invalidChoice, subject: text,
                                   reason: "empty; use default, hw:0, null, tone:440 or file:PATH.wav")
        } else if lowered == "null" {
            self = .null
        } else if lowered == "tone" {
            self = .tone(Self.defaultToneFrequency)
        } else if lowered.hasPrefix("tone:") {
            let number = String(trimmed.dropFirst(5))
            guard let frequency = Double(number), frequency.isFinite, frequency > 0 else {
                throw AudioDeviceError(.invalidChoice, subject: text,
                                       reason: "\"\(number)\" is not a frequency in Hz (tone:440)")
            }
            self = .tone(frequency)
        } else if lowered.hasPrefix("file:") {
            let path = String(trimmed.dropFirst(5))
            guard !path.isEmpty else {
                throw AudioDeviceError(.invalidChoice, subject: text, reason: "no path after file:")
            }
            self = .file(path)
        } else if lowered.hasPrefix("alsa:") {
            let name = String(trimmed.dropFirst(5))
            guard !name.isEmpty else {
                throw AudioDeviceError(.invalidChoice, subject: text, reason: "no ALSA device name after alsa:")
            }
            self = .alsa(name)
        } else if lowered.hasSuffix(".wav") {
            self = .file(trimmed)
        } else {
            self = .alsa(trimmed)
        }
    }

    public var description: String {
        switch self {
        case .null:
            return "null"
        case .tone(let frequency):
            return "tone:" + (frequency == frequency.rounded() && abs(frequency) < 1e9
                ? String(Int(frequency)) : String(frequency))
        case .file(let path):
            return "file:\(path)"
        case .alsa(let name):
            // Plain when it reads back as ALSA; prefixed when it would read as something else.
            if let reread = try? AudioDeviceChoice(parsing: name), reread == self { return name }
            return "alsa:\(name)"
        }
    }

    /// Opens this choice as the call's microphone. A file keeps its own format (the audio
    /// thread converts); a device, tone or null takes `format`.
    public func makeSource(format: AudioFormat, frameMilliseconds: Int = 20,
                           alsaConfiguration: ALSAConfiguration? = nil) throws -> any AudioSource {
        switch self {
        case .null:
            return SilenceSource(format: format)
        case .tone(let frequency):
            return try ToneSource(frequency: frequency, format: format)
        case .file(let path):
            return try WAVFileSource(path: path)
        case .alsa(let name):
            return try ALSACapture(device: name, format: format, frameMilliseconds: frameMilliseconds,
                                   configuration: alsaConfiguration)
        }
    }

    /// Opens this choice as the call's speaker (a file is recorded at `format`). A tone is
    /// input only and throws `.invalidChoice`.
    public func makeSink(format: AudioFormat, frameMilliseconds: Int = 20,
                         alsaConfiguration: ALSAConfiguration? = nil) throws -> any AudioSink {
        switch self {
        case .null:
            return NullSink(format: format)
        case .tone:
            throw AudioDeviceError(.invalidChoice, subject: description, reason: "a tone is an input only")
        case .file(let path):
            return try WAVFileSink(path: path, format: format)
        case .alsa(let name):
            return try ALSAPlayback(device: name, format: format, frameMilliseconds: frameMilliseconds,
                                    configuration: alsaConfiguration)
        }
    }

    private static func trimmed(_ text: String) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !isBlank($0) }),
              let last = text.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(text[first...last])
    }
}
