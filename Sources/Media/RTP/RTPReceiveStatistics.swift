/// Reception statistics of one remote source, exactly as RFC 3550 Appendix A computes them:
/// A.1 sequence validation (probation, dropout, misorder, 16-bit wrap cycles), A.3 expected
/// and lost counts with the per-interval fraction, A.8 interarrival jitter. Duplicates are
/// detected over the last 64 sequence numbers and counted.
///
/// A new SSRC restarts everything (RFC 3550 §8.2); the counts of earlier streams are carried
/// into `totalReceived` and `totalLost`, so a call's totals survive a restart.
public struct RTPReceiveStatistics: Hashable, Sendable {
    /// Packets in a row before a new source is valid.
    public static let minimumSequential = 2
    /// A forward jump of fewer sequence numbers than this is a gap, not a restart.
    public static let maximumDropout: UInt16 = 3000
    /// A backward step of at most this many sequence numbers is a late packet.
    public static let maximumMisorder: UInt16 = 100

    private static let sequenceModulo: UInt32 = 1 << 16
    /// `badSequence` when no jump is pending: a value no 16-bit number equals.
    private static let noBadSequence: UInt32 = sequenceModulo + 1

    public let clock: RTPClockRate

    /// The source being measured; nil before the first packet.
    public private(set) var ssrc: UInt32?
    private var maxSequence: UInt16 = 0
    /// Sequence number wraps, already multiplied by 2^16 as in A.1.
    private var cycles: UInt32 = 0
    private var baseSequence: UInt32 = 0
    private var badSequence: UInt32 = noBadSequence
    private var probation = 0
    /// Packets counted as received since the source became valid; includes late packets and
    /// duplicates, as RFC 3550 §6.4.1 defines it.
    public private(set) var received = 0
    private var expectedPrior = 0
    private var receivedPrior = 0
    /// Duplicates of this source since it became valid.
    public private(set) var duplicates = 0
    /// Bit i set: extended sequence `extendedHighestSequence - i` has been seen.
    private var seenWindow: UInt64 = 0
    /// Relative transit time of the previous packet in arrival order (A.8), in clock ticks.
    private var lastTransit: UInt32?
    /// Interarrival jitter in clock ticks, unrounded.
    public private(set) var jitter: Double = 0

    private var carriedReceived = 0
    private var carriedLost = 0
    private var carriedDuplicates = 0

    public init(clockRate: RTPClockRate) {
        clock = clockRate
    }

    /// True once the current source has passed probation.
    public var isValid: Bool { ssrc != nil && probation == 0 }

    /// Highest sequence number seen with its wrap count in the high 16 bits.
    public var extendedHighestSequence: UInt32 { cycles &+ UInt32(maxSequence) }

    /// Packets the source sent since it became valid, from the sequence numbers (A.3).
    public var expected: Int {
        isValid ? Int(Int64(extendedHighestSequence) - Int64(baseSequence) + 1) : 0
    }

    /// Expected minus received (A.3); negative when duplicates outnumber losses.
    public var cumulativeLost: Int { expected - received }

    /// Jitter as the RR field carries it: whole clock ticks.
    public var reportedJitter: UInt32 { UInt32(jitter) }

    /// Jitter in milliseconds, for display.
    public var jitterMilliseconds: Double { clock.milliseconds(ofTicks: jitter) }

    /// Received packets over every source this object has measured.
    public var totalReceived: Int { carriedReceived + received }
    /// Lost packets over every source measured (never negative per source).
    public var totalLost: Int { carriedLost + max(0, cumulativeLost) }
    /// Duplicates over every source measured.
    public var totalDuplicates: Int { carriedDuplicates + duplicates }
    /// Expected packets over every source measured.
    public var totalExpected: Int { totalReceived - totalDuplicates + totalLost }

    /// Feeds one packet of `ssrc` that arrived at `arrival`. A different SSRC than before
    /// restarts the statistics with probation.
    public mutating func record(ssrc: UInt32, sequenceNumber: UInt16, timestamp: UInt32, arrival: Duration) -> RTPSequenceVerdict {
        if self.ssrc != ssrc {
            startSource(ssrc, sequenceNumber: sequenceNumber)
        }
        let verdict = updateSequence(sequenceNumber)
        switch verdict {
        case .accepted, .probation:
            updateJitter(timestamp: timestamp, arrival: arrival)
        case .duplicate, .sequenceJump:
            break
        }
        return verdict
    }

    /// Closes a report interval (A.3): the share of packets lost since the previous call, in
    /// units of 1/256, as the RR's "fraction lost" field. Zero when nothing was expected or
    /// duplicates made up for losses.
    public mutating func closeInterval() -> UInt8 {
        let expectedNow = expected
        let expectedInterval = expectedNow - expectedPrior
        expectedPrior = expectedNow
        let receivedInterval = received - receivedPrior
        receivedPrior = received
        let lostInterval = expectedInterval - receivedInterval
        guard expectedInterval > 0, lostInterval > 0 else { return 0 }
        return UInt8(min(255, (lostInterval << 8) / expectedInterval))
    }

    // MARK: - A.1

    private mutating func startSource(_ newSSRC: UInt32, sequenceNumber: UInt16) {
        carryCounts()
        ssrc = newSSRC
        initSequence(sequenceNumber)
        maxSequence = sequenceNumber &- 1
        probation = Self.minimumSequential
        lastTransit = nil
        jitter = 0
    }

    /// Moves the current counts into the carried totals before they are reset.
    private mutating func carryCounts() {
        carriedReceived += received
        carriedLost += max(0, cumulativeLost)
        carriedDuplicates += duplicates
    }

    private mutating func initSequence(_ sequenceNumber: UInt16) {
        baseSequence = UInt32(sequenceNumber)
        maxSequence = sequenceNumber
        badSequence = Self.noBadSequence
        cycles = 0
        received = 0
        receivedPrior = 0
        expectedPrior = 0
        duplicates = 0
        seenWindow = 1
    }

    private mutating func updateSequence(_ sequenceNumber: UInt16) -> RTPSequenceVerdict {
        let delta = sequenceNumber &- maxSequence
        if probation > 0 {
            if sequenceNumber == maxSequence &+ 1 {
                probation -= 1
                maxSequence = sequenceNumber
                if probation == 0 {
                    initSequence(sequenceNumber)
                    received += 1
                    return .accepted
                }
            } else {
                probation = Self.minimumSequential - 1
                maxSequence = sequenceNumber
            }
            return .probation
        } else if delta < Self.maximumDropout {
            if delta == 0 {
                received += 1
                duplicates += 1
                return .duplicate
            }
            if sequenceNumber < maxSequence {
                cycles &+= Self.sequenceModulo
            }
            maxSequence = sequenceNumber
            seenWindow = delta >= 64 ? 1 : seenWindow << UInt64(delta) | 1
        } else if UInt32(delta) <= Self.sequenceModulo - UInt32(Self.maximumMisorder) {
            guard UInt32(sequenceNumber) == badSequence else {
                badSequence = (UInt32(sequenceNumber) + 1) & (Self.sequenceModulo - 1)
                return .sequenceJump
            }
            // Two packets in a row after a jump: the source restarted its numbering.
            carryCounts()
            initSequence(sequenceNumber)
            lastTransit = nil
        } else {
            // Late: `back` sequence numbers behind the highest.
            let back = UInt16(0) &- delta
            if back < 64 {
                let bit: UInt64 = 1 << UInt64(back)
                if seenWindow & bit != 0 {
                    received += 1
                    duplicates += 1
                    return .duplicate
                }
                seenWindow |= bit
            }
        }
        received += 1
        return .accepted
    }

    // MARK: - A.8

    private mutating func updateJitter(timestamp: UInt32, arrival: Duration) {
        let arrivalTicks = UInt32(truncatingIfNeeded: clock.ticks(in: arrival))
        let transit = arrivalTicks &- timestamp
        if let lastTransit {
            let difference = Int32(bitPattern: transit &- lastTransit).magnitude
            jitter += (Double(difference) - jitter) / 16
        }
        lastTransit = transit
    }
}
