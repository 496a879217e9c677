// One step of a tone sequence: up to two summed sines, or silence, for a number of milliseconds.

/// A step of a looping tone sequence (a ring-back cadence, the demo's tone number): one
/// frequency, two summed (dual tones such as 440+480 Hz), or none (a gap of silence).
public struct ToneStep: Sendable, Equatable {
    /// Empty for silence; one or two frequencies in Hz.
    public var frequencies: [Double]
    public var milliseconds: Int

    public init(frequencies: [Double], milliseconds: Int) {
        self.frequencies = frequencies
        self.milliseconds = milliseconds
    }

    /// A sine at `frequency` Hz for `milliseconds`.
    public static func tone(_ frequency: Double, milliseconds: Int) -> ToneStep {
        ToneStep(frequencies: [frequency], milliseconds: milliseconds)
    }

    /// Two sines summed (each at half the amplitude) for `milliseconds`.
    public static func dualTone(_ low: Double, _ high: Double, milliseconds: Int) -> ToneStep {
        ToneStep(frequencies: [low, high], milliseconds: milliseconds)
    }

    /// A gap of silence.
    public static func silence(milliseconds: Int) -> ToneStep {
        ToneStep(frequencies: [], milliseconds: milliseconds)
    }

    /// "440 Hz 200 ms", "440+480 Hz 2000 ms", "silence 100 ms".
    var label: String {
        frequencies.isEmpty ? "silence \(milliseconds) ms" : "\(Self.hertzLabel(frequencies)) \(milliseconds) ms"
    }

    /// "440 Hz", "440+480 Hz", "697.5 Hz".
    static func hertzLabel(_ frequencies: [Double]) -> String {
        let numbers = frequencies.map { value -> String in
            value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
        }
        return numbers.joined(separator: "+") + " Hz"
    }
}
