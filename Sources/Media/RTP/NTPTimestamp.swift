/// A 64-bit NTP timestamp (RFC 3550 §4): seconds since 1900 and a binary fraction. RTCP
/// carries it whole in a sender report and as its middle 32 bits in LSR.
public struct NTPTimestamp: Hashable, Sendable {
    /// Seconds from 1900-01-01 to 1970-01-01, to build one from Unix time.
    public static let unixEpochOffset: Int64 = 2_208_988_800

    public var seconds: UInt32
    /// Units of 2^-32 s.
    public var fraction: UInt32

    public init(seconds: UInt32, fraction: UInt32) {
        self.seconds = seconds
        self.fraction = fraction
    }

    /// From the 64-bit wire form.
    public init(_ value: UInt64) {
        seconds = UInt32(truncatingIfNeeded: value >> 32)
        fraction = UInt32(truncatingIfNeeded: value)
    }

    /// From time since the NTP epoch (seconds wrap at 2^32, as on the wire in 2036).
    public init(sinceNTPEpoch duration: Duration) {
        let (wholeSeconds, attoseconds) = duration.components
        let nanoseconds = UInt64(clamping: attoseconds / 1_000_000_000)
        seconds = UInt32(truncatingIfNeeded: wholeSeconds)
        fraction = UInt32(truncatingIfNeeded: (nanoseconds << 32) / 1_000_000_000)
    }

    /// From time since the Unix epoch, which is what a wall clock gives the runner.
    public init(unixTime: Duration) {
        self.init(sinceNTPEpoch: unixTime + .seconds(Self.unixEpochOffset))
    }

    /// The 64-bit wire form.
    public var value: UInt64 { UInt64(seconds) << 32 | UInt64(fraction) }

    /// Low 16 bits of the seconds and high 16 of the fraction: the LSR field (RFC 3550 §6.4.1).
    public var middle32: UInt32 { seconds << 16 | fraction >> 16 }
}
