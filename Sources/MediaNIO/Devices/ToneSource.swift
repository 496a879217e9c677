// A sine, or a looping sequence of tones and gaps, generated at any format.
import Glibc

/// A generated test signal for the microphone side: a steady sine, or a looping sequence of
/// tones and silent gaps. Every channel carries the same signal. The state (step, position in
/// step, phases) lives in the object, so reading 160 frames twice gives exactly the samples of
/// one 320-frame read. Each finite step starts at phase 0 and fades in and out over 2 ms, so
/// steps join without clicks; a steady sine never fades.
public final class ToneSource: AudioSource {
    public let format: AudioFormat
    public let name: String
    public var pacesItself: Bool { false }

    private struct Plan {
        var frames: Int          // Int.max for a steady sine
        var increments: (Double, Double)  // cycles per frame
        var components: Int      // 0 (silence), 1 or 2
        var rampFrames: Int      // 0: no fade
        var scale: Double        // full-scale peak per component
    }

    private let plans: [Plan]
    private var stepIndex = 0
    private var position = 0
    private var phases: (Double, Double) = (0, 0)

    /// A steady sine at `frequency` Hz; `amplitude` is the peak as a fraction of full scale.
    public convenience init(frequency: Double, amplitude: Double = 0.25, format: AudioFormat) throws {
        try self.init(steps: [ToneStep(frequencies: [frequency], milliseconds: 0)], endless: true,
                      amplitude: amplitude, format: format)
    }

    /// The `steps` in order, then again from the first, for as long as it is read.
    public convenience init(steps: [ToneStep], amplitude: Double = 0.25, format: AudioFormat) throws {
        try self.init(steps: steps, endless: false, amplitude: amplitude, format: format)
    }

    private init(steps: [ToneStep], endless: Bool, amplitude: Double, format: AudioFormat) throws {
        let subject = endless ? ToneStep.hertzLabel(steps.first?.frequencies ?? []) : "sequence"
        guard format.isSupportedByDevices else {
            throw AudioDeviceError(.unsupportedFormat, subject: "tone",
                                   reason: "\(format.label) is not 1–2 channels at 1000…384000 Hz")
        }
        guard amplitude >= 0, amplitude <= 1 else {
            throw AudioDeviceError(.invalidTone, subject: subject, reason: "amplitude \(amplitude) is outside 0…1")
        }
        guard !steps.isEmpty else {
            throw AudioDeviceError(.invalidTone, subject: subject, reason: "has no steps")
        }
        let nyquist = Double(format.sampleRate) / 2
        var plans: [Plan] = []
        for step in steps {
            guard step.frequencies.count <= 2 else {
                throw AudioDeviceError(.invalidTone, subject: subject,
                                       reason: "a step has \(step.frequencies.count) frequencies; at most 2")
            }
            for frequency in step.frequencies where !(frequency > 0 && frequency < nyquist) {
                throw AudioDeviceError(.invalidTone, subject: subject,
                                       reason: "\(frequency) Hz is not between 0 and \(Int(nyquist)) Hz (half of \(format.sampleRate) Hz)")
            }
            let frames = endless ? Int.max : format.frameCount(milliseconds: step.milliseconds)
            guard frames > 0, step.milliseconds >= 0 else {
                throw AudioDeviceError(.invalidTone, subject: subject,
                                       reason: "a step of \(step.milliseconds) ms is shorter than one sample")
            }
            let rate = Double(format.sampleRate)
            let components = step.frequencies.count
            plans.append(Plan(
                frames: frames,
                increments: (components > 0 ? step.frequencies[0] / rate : 0,
                             components > 1 ? step.frequencies[1] / rate : 0),
                components: components,
                rampFrames: endless ? 0 : min(format.frameCount(milliseconds: 2), frames / 4),
                scale: components == 0 ? 0 : amplitude * 32767 / Double(components)))
        }
        self.plans = plans
        self.format = format
        self.name = endless ? "tone \(subject)" : "tone " + steps.map(\.label).joined(separator: ", ")
    }

    public func read(into samples: UnsafeMutableBufferPointer<Int16>, frames: Int) -> Int {
        let frames = format.frames(frames, fittingIn: samples.count)
        guard frames > 0, let base = samples.baseAddress else { return 0 }
        let channels = format.channels
        for frame in 0..<frames {
            let value = nextSample()
            for channel in 0..<channels { base[frame * channels + channel] = value }
        }
        return frames
    }

    private func nextSample() -> Int16 {
        let plan = plans[stepIndex]
        var value = 0.0
        if plan.components > 0 {
            value = sin(2 * Double.pi * phases.0)
            phases.0 += plan.increments.0
            if phases.0 >= 1 { phases.0 -= 1 }
            if plan.components > 1 {
                value += sin(2 * Double.pi * phases.1)
                phases.1 += plan.increments.1
                if phases.1 >= 1 { phases.1 -= 1 }
            }
            value *= plan.scale
            if plan.rampFrames > 0 {
                let edge = min(position, plan.frames - 1 - position)
                if edge < plan.rampFrames { value *= Double(edge) / Double(plan.rampFrames) }
            }
        }
        position += 1
        if position >= plan.frames {
            position = 0
            phases = (0, 0)
            stepIndex = stepIndex + 1 == plans.count ? 0 : stepIndex + 1
        }
        return Int16(max(-32768, min(32767, value.rounded())))
    }
}
