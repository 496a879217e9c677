#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A wall-clock time for logs: time since 1970-01-01 00:00:00 UTC. (Timers do not use
/// it: they run on the event loop's monotonic clock.)
public struct SIPWallTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var sinceEpoch: Duration

    public init(sinceEpoch: Duration) { self.sinceEpoch = sinceEpoch }

    public static func now() -> SIPWallTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return SIPWallTime(sinceEpoch: .seconds(Int64(spec.tv_sec)) + .nanoseconds(Int64(spec.tv_nsec)))
    }

    public var secondsSince1970: Double {
        let (seconds, attoseconds) = sinceEpoch.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    public static func < (lhs: SIPWallTime, rhs: SIPWallTime) -> Bool { lhs.sinceEpoch < rhs.sinceEpoch }

    /// `14:03:27.512` in UTC, as a log column shows it.
    public var description: String {
        let (seconds, attoseconds) = sinceEpoch.components
        let millis = Int(attoseconds / 1_000_000_000_000_000)
        let daySeconds = Int(((seconds % 86_400) + 86_400) % 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let ms = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(two(daySeconds / 3600)):\(two(daySeconds / 60 % 60)):\(two(daySeconds % 60)).\(ms)"
    }
}
