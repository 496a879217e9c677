/// A point in time, as the caller's clock saw it: a `Duration` since an origin the caller
/// picks (the process start, the test's zero). The transaction layer never reads a clock;
/// every input carries `now`, and every timer it arms is an instant of this kind.
public struct SIPInstant: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Time since the caller's origin.
    public let sinceOrigin: Duration

    public init(sinceOrigin: Duration) {
        self.sinceOrigin = sinceOrigin
    }

    /// The origin itself: a fake clock's zero.
    public static let origin = SIPInstant(sinceOrigin: .zero)

    public static func < (lhs: SIPInstant, rhs: SIPInstant) -> Bool {
        lhs.sinceOrigin < rhs.sinceOrigin
    }

    public static func + (lhs: SIPInstant, rhs: Duration) -> SIPInstant {
        SIPInstant(sinceOrigin: lhs.sinceOrigin + rhs)
    }

    public static func - (lhs: SIPInstant, rhs: Duration) -> SIPInstant {
        SIPInstant(sinceOrigin: lhs.sinceOrigin - rhs)
    }

    /// The time from `rhs` to `lhs`.
    public static func - (lhs: SIPInstant, rhs: SIPInstant) -> Duration {
        lhs.sinceOrigin - rhs.sinceOrigin
    }

    public static func += (lhs: inout SIPInstant, rhs: Duration) {
        lhs = lhs + rhs
    }

    /// Seconds since the origin to the millisecond: `t=31.500s`.
    public var description: String {
        let (seconds, attoseconds) = sinceOrigin.components
        // Round to the millisecond (1 ms = 10^15 attoseconds); negative offsets keep their sign.
        var millis = seconds * 1000 + (attoseconds + (attoseconds >= 0 ? 500_000_000_000_000 : -500_000_000_000_000)) / 1_000_000_000_000_000
        let sign = millis < 0 ? "-" : ""
        millis = abs(millis)
        let fraction = String(millis % 1000)
        return "t=\(sign)\(millis / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)s"
    }
}
