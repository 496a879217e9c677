/// The time as the screen is told it: seconds since 1970 (UTC) and the local offset. The
/// UI never reads a clock; ticks bring this in, so every render is reproducible.
public struct WallClock: Sendable, Hashable {
    public var seconds: Double
    /// Seconds east of UTC for local time (0 for UTC).
    public var utcOffset: Int

    public init(seconds: Double, utcOffset: Int = 0) {
        self.seconds = seconds
        self.utcOffset = utcOffset
    }

    /// A civil date and time in the local offset.
    public struct Civil: Sendable, Hashable {
        public var year, month, day, hour, minute, second, millisecond: Int
    }

    public func civil(_ at: Double? = nil) -> Civil {
        let totalMillis = Int((((at ?? seconds) + Double(utcOffset)) * 1000).rounded())
        let whole = totalMillis >= 0 ? totalMillis / 1000 : (totalMillis - 999) / 1000
        let millis = totalMillis - whole * 1000
        var days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let secondOfDay = whole - days * 86_400
        // Howard Hinnant's civil_from_days.
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return Civil(year: year, month: month, day: day, hour: secondOfDay / 3600,
                     minute: secondOfDay % 3600 / 60, second: secondOfDay % 60, millisecond: millis)
    }

    /// "12:04:59".
    public func timeOfDay(_ at: Double? = nil) -> String {
        let c = civil(at)
        return "\(Self.two(c.hour)):\(Self.two(c.minute)):\(Self.two(c.second))"
    }

    /// "12:04:59.120", for log lines.
    public func timeOfDayMillis(_ at: Double) -> String {
        let c = civil(at)
        return timeOfDay(at) + "." + Self.pad(c.millisecond, 3)
    }

    /// "20261126-120459", for file names.
    public func stamp() -> String {
        let c = civil()
        return Self.pad(c.year, 4) + Self.two(c.month) + Self.two(c.day) + "-" + Self.two(c.hour) + Self.two(c.minute) + Self.two(c.second)
    }

    /// "2026-11-26 12:04:59.120".
    public func dateTime(_ at: Double) -> String {
        let c = civil(at)
        return Self.pad(c.year, 4) + "-" + Self.two(c.month) + "-" + Self.two(c.day) + " " + timeOfDayMillis(at)
    }

    static func two(_ n: Int) -> String { pad(n, 2) }
    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// "0:07", "12:34", "1:02:03": a call's elapsed time.
    public static func duration(_ seconds: Double) -> String {
        let s = max(0, Int((seconds + 0.001).rounded(.down)))
        if s >= 3600 { return "\(s / 3600):\(two(s % 3600 / 60)):\(two(s % 60))" }
        return "\(s / 60):\(two(s % 60))"
    }
}
