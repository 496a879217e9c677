#if canImport(Glibc)
import Glibc
#endif
import Media

/// The wall clock as RTCP writes it (RFC 3550 §4: seconds since 1900 and a binary fraction).
enum NTPClock {
    static func now() -> NTPTimestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        let seconds = UInt32(truncatingIfNeeded: Int64(spec.tv_sec) + 2_208_988_800)
        let fraction = UInt32(truncatingIfNeeded: (UInt64(spec.tv_nsec) << 32) / 1_000_000_000)
        return NTPTimestamp(seconds: seconds, fraction: fraction)
    }
}
