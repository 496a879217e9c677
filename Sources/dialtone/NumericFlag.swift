import ArgumentParser
import DialtoneConfig

/// One rule for every numeric flag: a finite number inside the flag's range, or a usage
/// error (exit status 2) that names the flag. The ranges are the config file's where the
/// config has the same key, so a flag never accepts what the file refuses.
enum NumericFlag {
    /// `--duration`: a tenth of a second (enough for a call to exist before it ends) to a week.
    static let durationRange: ClosedRange<Double> = 0.1...604_800
    static let t1Range = 1...60_000

    static func check(_ value: Double?, _ flag: String, in range: ClosedRange<Double>, unit: String = "seconds") throws {
        guard let value else { return }
        guard value.isFinite, range.contains(value) else {
            throw ValidationError("\(flag) \(value): use a number of \(unit) from \(number(range.lowerBound)) to \(number(range.upperBound))")
        }
    }

    static func check(_ value: Int?, _ flag: String, in range: ClosedRange<Int>) throws {
        guard let value else { return }
        guard range.contains(value) else { throw ValidationError("\(flag) \(value): use a whole number from \(range.lowerBound) to \(range.upperBound)") }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    static var expiresRange: ClosedRange<Int> { DialtoneConfiguration.expiresRange }
}
