import Testing
@testable import Media

@Suite struct RTPReceiveStatisticsTests {
    /// 8 kHz, 20 ms packets: 160 ticks apart.
    static let clock = RTPClockRate(8000)

    /// Feeds `sequences` of `ssrc` with timestamps 160 per sequence step and arrivals 20 ms per
    /// step, plus any extra delay per sequence number.
    static func feed(_ stats: inout RTPReceiveStatistics, _ sequences: [UInt16], ssrc: UInt32 = 1,
                     delays: [UInt16: Duration] = [:]) -> [RTPSequenceVerdict] {
        sequences.map { sequence in
            let step = Int64(sequence)
            return stats.record(ssrc: ssrc, sequenceNumber: sequence, timestamp: UInt32(truncatingIfNeeded: 160 * step),
                                arrival: .milliseconds(20 * step) + (delays[sequence] ?? .zero))
        }
    }

    @Test func firstPacketIsOnProbation() {
        var stats = RTPReceiveStatistics(clockRate: Self.clock)
        #expect(Self.feed(&stats, [10, 11, 12]) == [.probation, .accepted, .accepted])
        #expect(stats.isValid)
        #expect(stats.received == 2)
        #expect(stats.expected == 2)
        #expect(stats.cumulativeLost == 0)
    }

    @Test func probationRestartsOnAGap() {
        var stats = RTPReceiveStatistics(clockRate: Self.clock)
        #expect(Self.feed(&stats, [10, 12, 13]) == [.probation, .probation, .accepted])
        #expect(stats.expected == 1)
    }

    @Test func perfectPacingHasNoJitter() {
        var stats = RTPReceiveStatistics(clockRate: Self.clock)
        _ = Self.feed(&stats, Array(0..<50))
        #expect(stats.jitter == 0)
        #expect(stats.reportedJitter == 0)
        #expect(stats.received == 49)
        #expect(stats.cumulativeLost == 0)
    }

    @Test func oneLatePacketGivesTheA8Values() {
        // Packet 5 arrives 10 ms (80 ticks) late. D = 80 at packet 5 and again at packet 6:
        // J = 80/16 = 5, then 5 + (80 − 5)/16 = 9.6875, then ×15/16 per on-time packet.
        var stats = RTPReceiveStatistics(clockRate: Self.clock)
        _ = Self.feed(&stats, Array(0...5), delays: [5: .milliseconds(10)])
        #expect(stats.jitter == 5)
        _ = Self.feed(&stats, [6])
        #expect(stats.jitter == 9.6875)
        #expect(stats.reportedJitter == 9)
        #expect(stats.jitterMilliseconds == 1.2109375)
        _ = Self.feed(&stats, [7, 8, 9])
        #expect(stats.jitter == 523_125.0 / 65_536.0)  // 9.6875 × (15/16)³
    }

    @Test func sequenceWrapCountsACycle() {
        var stats = RTPReceiveStatistics(clockRate: Self.clock)
        let verdicts = Self.feed(&stats, [65533, 65534, 65535, 0, 1, 2])
        #expect(verdicts == [.probation, .accepted, .accepted, .accepted, .accepted, .accepted])
        #expect(stats.extendedHighestSequence == 0x0001_0002)
        #expect(stats.expected == 5)
        #expect(stats.received == 5)
        #expect(stats.cumulativeLost == 0)
    }

    @Test func lossAndFractionPerInterval() {
        var stats = RTPReceiveStatistics(clockRate: Self.clock)
        _ = Self.feed(&stats, [0, 1, 2, 4, 5, 6, 8, 9])
        // Base 1, highest 9: 9 expected, 7 received.
        #expect(stats.expected == 9)
        #expect(stats.cumulativeLost == 2)
        #expect(stats.closeInterval() == 56)  // (2 << 8) / 9
        _ = Self.feed(&stats, [10, 11, 12, 13])
        #expect(stats.closeInterval() == 0)
        _ = Self.feed(&stats, [15])  // 14 lost: 1 of 2
        #expect(stats.closeInterval() == 128)
        #expect(stats.cumulativeLost == 3)
        #expect(stats.closeInterval() == 0)  // nothing expected
    }

    @Test func reorderedPacketsAreNotLost() {
        var stats = RTPReceiveStatistics(clockRate: Self.clock)
        let verdicts = Self.feed(&stats, [1, 2, 4, 3, 5])
        #expect(verdicts == [.probation, .accepted, .accepted, .accepted, .accepted])
        #expect(stats.cumulativeLost == 0)
        #expect(stats.extendedHighestSequence == 5)
    }

    @Test func lateAcrossTheWrapIsReordered() {
        var stats = RTPReceiveStatistics(clockRate: Self.clock)
        let verdicts = Self.feed(&stats, [65533, 65534, 0, 65535, 1])
        #expect(verdicts == [.probation, .accepted, .accepted, .accepted, .accepted])
        #expect(stats.extendedHighestSequence == 0x0001_0001)
        #expect(stats.cumulativeLost == 0)
    }

    @Test func duplicatesAreCountedAsRFC3550Does() {
        var stats = RTPReceiveStatistics(clockRate: Self.clock)
        let verdicts = Self.feed(&stats, [1, 2, 3, 3, 2])
        #expect(verdicts == [.probation, .accepted, .accepted, .duplicate, .duplicate])
        #expect(stats.duplicates == 2)
        // RFC 3550 §6.4.1 counts duplicates as received, so the loss goes negative.
        #expect(stats.received == 4)
        #expect(stats.cumulativeLost == -2)
        #expect(stats.totalLost == 0)
    }

    @Test func largeJumpNeedsASecondPacket() {
        var stats = RTPReceiveStatistics(clockRate: Self.clock)
        #expect(Self.feed(&stats, [1, 2, 3, 5000, 4]) == [.probation, .accepted, .accepted, .sequenceJump, .accepted])
        #expect(stats.extendedHighestSequence == 4)
        // Now a real restart: two in a row re-sync, earlier counts carried.
        #expect(Self.feed(&stats, [9000, 9001, 9002]) == [.sequenceJump, .accepted, .accepted])
        #expect(stats.expected == 2)
        #expect(stats.received == 2)
        #expect(stats.totalReceived == 5)
    }

    @Test func lateWithinMisorderIsAcceptedAndBeyondIsAJump() {
        var stats = RTPReceiveStatistics(clockRate: Self.clock)
        _ = Self.feed(&stats, Array(100...400).filter { $0 != 350 && $0 != 320 })
        #expect(stats.cumulativeLost == 2)
        #expect(Self.feed(&stats, [250]) == [.sequenceJump])  // 150 behind: beyond MAX_MISORDER
        #expect(Self.feed(&stats, [350]) == [.accepted])      // 50 behind, never seen: late
        #expect(Self.feed(&stats, [350]) == [.duplicate])     // within the 64-packet window
        #expect(Self.feed(&stats, [320]) == [.accepted])      // 80 behind: late, beyond the window
        #expect(stats.cumulativeLost == -1)                    // the duplicate counts as received
        #expect(stats.duplicates == 1)
    }

    @Test func ssrcChangeRestartsWithProbation() {
        var stats = RTPReceiveStatistics(clockRate: Self.clock)
        _ = Self.feed(&stats, [1, 2, 4, 5], ssrc: 1)
        #expect(stats.cumulativeLost == 1)
        #expect(Self.feed(&stats, [700, 701, 702], ssrc: 2) == [.probation, .accepted, .accepted])
        #expect(stats.ssrc == 2)
        #expect(stats.received == 2)
        #expect(stats.cumulativeLost == 0)
        #expect(stats.totalReceived == 5)
        #expect(stats.totalLost == 1)
    }
}
