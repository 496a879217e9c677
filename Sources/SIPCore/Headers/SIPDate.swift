/// `Date: Sat, 13 Nov 2010 23:29:00 GMT` — RFC 1123 form, always GMT (RFC 3261 §20.17).
public struct SIPDate: SIPHeaderValue, Hashable, CustomStringConvertible {
    public var weekday: String
    public var day: Int
    public var month: Int      // 1–12
    public var year: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        // The grammar wants four digits: year 99 (read from "0099") is written "0099".
        func four(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }
        return "\(weekday), \(two(day)) \(Self.months[month - 1]) \(four(year)) \(two(hour)):\(two(minute)):\(two(second)) GMT"
    }

    public static func parseElement(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> SIPDate {
        let weekdayStart = scanner.position
        guard let weekdayRange = scanner.scanToken(), weekdays.contains(scanner.string(weekdayRange)) else {
            throw scanner.error("expected a weekday (Mon–Sun) at the start of the Date", at: weekdayStart)
        }
        guard scanner.consume(.comma), scanner.consume(.space) else { throw scanner.error("expected ', ' after the weekday") }
        let day = try twoDigits(&scanner, "day", 1...31)
        guard scanner.consume(.space) else { throw scanner.error("expected a space after the day") }
        let monthStart = scanner.position
        guard let monthRange = scanner.scanToken(), let monthIndex = months.firstIndex(of: scanner.string(monthRange)) else {
            throw scanner.error("expected a month (Jan–Dec)", at: monthStart)
        }
        guard scanner.consume(.space) else { throw scanner.error("expected a space after the month") }
        let yearStart = scanner.position
        guard let yearRange = scanner.scanDigits(), yearRange.count == 4 else {
            throw scanner.error("expected a four-digit year", at: yearStart)
        }
        guard scanner.consume(.space) else { throw scanner.error("expected a space after the year") }
        let hour = try twoDigits(&scanner, "hour", 0...23)
        guard scanner.consume(.colon) else { throw scanner.error("expected ':' after the hour") }
        let minute = try twoDigits(&scanner, "minute", 0...59)
        guard scanner.consume(.colon) else { throw scanner.error("expected ':' after the minutes") }
        let second = try twoDigits(&scanner, "second", 0...60)
        guard scanner.consume(.space) else { throw scanner.error("expected a space and GMT after the time") }
        let zoneStart = scanner.position
        guard let zone = scanner.scanToken(), scanner.string(zone) == "GMT" else {
            throw scanner.error("the Date must be in GMT (RFC 3261 §20.17), found \(scanner.string(zoneStart..<scanner.end))", at: zoneStart)
        }
        return SIPDate(weekday: scanner.string(weekdayRange), day: day, month: monthIndex + 1,
                       year: Int(scanner.string(yearRange))!, hour: hour, minute: minute, second: second)
    }

    static func twoDigits(_ scanner: inout ByteScanner, _ what: String, _ allowed: ClosedRange<Int>) throws(SIPSyntaxError) -> Int {
        let start = scanner.position
        guard let digits = scanner.scanDigits(), digits.count == 2, let value = Int(scanner.string(digits)), allowed.contains(value) else {
            throw scanner.error("expected a two-digit \(what)", at: start)
        }
        return value
    }
}
