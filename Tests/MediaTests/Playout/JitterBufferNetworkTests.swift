import Testing
@testable import Media

/// The buffer against simulated networks: reordering, duplicates, late packets, loss.
@Suite("JitterBuffer on a bad network")
struct JitterBufferNetworkTests {
    @Test("pairs swapped in flight play in order without loss")
    func reorderedPairs() {
        var buffer = JitterBuffer(JitterBufferConfiguration())
        // Each even packet is overtaken by the odd one sent 20 ms after it.
        let arrivals = playoutStream(count: 500) { $0 % 2 == 0 ? .milliseconds(51) : .milliseconds(30) }
        let run = playoutSimulate(&buffer, arrivals: arrivals, until: .seconds(11))
        let stats = buffer.statistics
        #expect(run.played.isIncreasing)
        #expect(stats.lost == 0 && stats.late == 0 && stats.duplicates == 0)
        #expect(stats.played + stats.droppedForDelay == 500)
        #expect(stats.peakLatenessMs == 21)
        #expect(stats.targetDelayMs == 26)
        #expect(run.results.allSatisfy { $0 == .stored })
    }

    @Test("every packet twice: the copies are counted and dropped")
    func duplicates() {
        var buffer = JitterBuffer(JitterBufferConfiguration())
        var arrivals = playoutStream(count: 300) { _ in .milliseconds(30) }
        arrivals += playoutStream(count: 300) { _ in .milliseconds(35) }  // a copy 5 ms later
        arrivals += playoutStream(count: 10) { _ in .milliseconds(200) }  // and some long after playing
        let run = playoutSimulate(&buffer, arrivals: arrivals, until: .seconds(7))
        let stats = buffer.statistics
        #expect(stats.duplicates == 310)
        #expect(run.results.filter { $0 == .duplicate }.count == 310)
        #expect(stats.stored == 300)
        #expect(stats.lost == 0 && stats.late == 0)
        #expect(Set(run.played).count == run.played.count)
        #expect(run.played.isIncreasing)
        #expect(stats.played + stats.droppedForDelay == 300)
    }

    @Test("a packet that comes after its turn is refused as late, and was concealed")
    func latePacket() {
        var buffer = JitterBuffer(JitterBufferConfiguration())
        // Packet 150 (3 s in, after learning) is held 300 ms.
        let arrivals = playoutStream(count: 400) { $0 == 150 ? .milliseconds(330) : .milliseconds(30) }
        let run = playoutSimulate(&buffer, arrivals: arrivals, until: .seconds(9))
        let stats = buffer.statistics
        #expect(stats.late == 1)
        #expect(stats.lost == 1)
        #expect(run.results.filter { $0 == .late }.count == 1)
        #expect(!run.played.contains(1150))
        #expect(run.missingWithNext == 1)
        #expect(run.peeked == [1151])
        #expect(run.played.isIncreasing)
        // The 300 ms lateness is now part of the target, and the delay grew toward it.
        #expect(stats.peakLatenessMs == 300)
        #expect(stats.concealedForDelay > 0)
    }

    @Test("random loss is reported as missing and counted exactly", arguments: [(5, UInt64(1)), (30, UInt64(2))])
    func randomLoss(percent: Int, seed: UInt64) {
        var random = PlayoutSeededRandom(seed: seed)
        var lostIndices = Set<Int>()
        let count = 1000
        let arrivals = playoutStream(count: count) { index in
            // Keep the first and last packets so that every loss lies inside the stream.
            if index > 0 && index < count - 1 && Int.random(in: 0..<100, using: &random) < percent {
                lostIndices.insert(index)
                return nil
            }
            return .milliseconds(30)
        }
        var buffer = JitterBuffer(JitterBufferConfiguration())
        let run = playoutSimulate(&buffer, arrivals: arrivals, until: .seconds(21))
        let stats = buffer.statistics
        #expect(stats.lost == lostIndices.count)
        #expect(stats.played + stats.droppedForDelay == count - lostIndices.count)
        #expect(stats.late == 0 && stats.duplicates == 0)
        // Each loss is either reported `.missing`, or, when losses in a row emptied the
        // buffer, covered by `.buffering` during the refill and then skipped.
        let reported = run.missing - stats.concealedForDelay
        #expect(reported <= lostIndices.count)
        if percent == 5 {
            #expect(reported >= lostIndices.count - stats.droppedForDelay - 2)
        } else {
            #expect(stats.underruns > 0)
            #expect(reported + run.buffering >= lostIndices.count)
        }
        #expect(run.played.isIncreasing)
        #expect(run.played.allSatisfy { !lostIndices.contains(Int($0) - 1000) })
        // After a loss, the packet after it is offered for FEC whenever it is here.
        let expectedWithNext = lostIndices.filter { !lostIndices.contains($0 + 1) }.count
        #expect(run.missingWithNext >= expectedWithNext - stats.droppedForDelay - 2)
        #expect(run.missingWithNext <= expectedWithNext)
        #expect(run.peeked.allSatisfy { run.played.contains($0) })
        if percent == 5 { #expect(lostIndices.count > 30 && lostIndices.count < 70) }
        if percent == 30 { #expect(lostIndices.count > 250 && lostIndices.count < 350) }
    }
}
