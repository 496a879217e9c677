/// Measures how late packets arrive, for `JitterBuffer`'s target delay.
///
/// Every packet's transit is `arrival − timestamp` in RTP clock units. The smallest transit
/// of the last 64 packets is the **baseline** (the fastest path, which also follows clock
/// drift). A packet's **lateness** is its transit above the baseline; the largest lateness
/// per one-second period is kept for eight periods, and their maximum is the **peak**: the
/// delay a packet needed recently to be on time. Jitter as RFC 3550 A.8 defines it is kept
/// too, for statistics. All storage is fixed at init: no allocation per packet. (Loops are
/// `while` loops: a `for … in` iterator is generic code that allocates in debug builds.)
struct JitterDelayEstimator: Sendable {
    static let transitWindow = 64
    static let peakPeriods = 8

    private let periodUnits: Int64
    /// Lateness larger than this is clamped (it would be clamped by the maximum delay anyway).
    private let latenessCap: Int64
    private var transits: [Int64]
    private var transitCount = 0
    private var transitNext = 0
    private var peaks: [Int64]
    private var peakIndex = 0
    private var periodStart: Int64 = 0
    private var lastTransit: Int64 = 0
    /// RFC 3550 A.8 jitter, scaled by 16.
    private var jitter16: Int64 = 0

    /// Smallest recent transit, in clock units.
    private(set) var baseline: Int64 = 0
    /// Largest recent lateness, in clock units.
    private(set) var peak: Int64 = 0

    init(clockRate: Int, latenessCap: Int64) {
        periodUnits = Int64(clockRate)
        self.latenessCap = latenessCap
        transits = [Int64](repeating: 0, count: Self.transitWindow)
        peaks = [Int64](repeating: 0, count: Self.peakPeriods)
    }

    var hasSamples: Bool { transitCount > 0 }
    var jitter: Int64 { jitter16 >> 4 }

    mutating func reset() {
        var index = 0
        while index < peaks.count {
            peaks[index] = 0
            index += 1
        }
        transitCount = 0
        transitNext = 0
        peakIndex = 0
        jitter16 = 0
        baseline = 0
        peak = 0
    }

    /// One packet arrived at `arrival` (clock units) with the given transit.
    mutating func observe(transit: Int64, arrival: Int64) {
        if transitCount == 0 {
            periodStart = arrival
            lastTransit = transit
        }
        // RFC 3550 A.8: J += (|D| − J) / 16, in arrival order.
        let difference = min(Self.magnitude(transit &- lastTransit), latenessCap)
        jitter16 += difference - ((jitter16 + 8) >> 4)
        lastTransit = transit

        transits[transitNext] = transit
        transitNext = (transitNext + 1) % Self.transitWindow
        transitCount = min(transitCount + 1, Self.transitWindow)
        var smallest = transit
        var index = 0
        while index < transitCount {
            smallest = min(smallest, transits[index])
            index += 1
        }
        baseline = smallest

        rotatePeriods(to: arrival)
        let lateness = min(max(transit &- baseline, 0), latenessCap)
        if lateness > peaks[peakIndex] { peaks[peakIndex] = lateness }
        var largest: Int64 = 0
        index = 0
        while index < peaks.count {
            largest = max(largest, peaks[index])
            index += 1
        }
        peak = largest
    }

    /// Starts a new period each second; periods that passed without packets start empty.
    private mutating func rotatePeriods(to arrival: Int64) {
        let elapsed = arrival &- periodStart
        guard elapsed >= periodUnits else { return }
        let periods = elapsed / periodUnits
        var cleared: Int64 = 0
        while cleared < min(periods, Int64(Self.peakPeriods)) {
            peakIndex = (peakIndex + 1) % Self.peakPeriods
            peaks[peakIndex] = 0
            cleared += 1
        }
        periodStart = periodStart &+ periods &* periodUnits
    }

    private static func magnitude(_ value: Int64) -> Int64 {
        value == .min ? .max : (value < 0 ? -value : value)
    }
}
