import Testing
@testable import Media

@Suite("JitterBuffer")
struct JitterBufferTests {
    static let frame = Duration.milliseconds(20)

    func makeBuffer(capacity: Int = 64, initialDelay: Duration = .milliseconds(60)) -> JitterBuffer {
        JitterBuffer(JitterBufferConfiguration(capacity: capacity, initialDelay: initialDelay))
    }

    @Test("the first packet plays once it is the target delay old")
    func firstPacketWaitsForTarget() {
        var buffer = makeBuffer()
        let payload: [UInt8] = [1, 2, 3]
        let stored = payload.withUnsafeBytes {
            buffer.insert(sequence: 7, timestamp: 1600, marker: true, payload: $0, now: .milliseconds(100))
        }
        #expect(stored == .stored)
        var output = [UInt8](repeating: 0, count: 1500)
        var results: [JitterPop] = []
        for tick in 0...8 {
            results.append(output.withUnsafeMutableBytes { buffer.pop(now: Self.frame * tick, into: $0) })
        }
        // Target while learning is the initial 60 ms: 100 + 60 = 160 ms, the pop at tick 8.
        #expect(results.dropLast().allSatisfy { $0 == .buffering })
        #expect(results.last == .packet(bytes: 3, timestamp: 1600, samples: 160))
        #expect(Array(output.prefix(3)) == payload)
        #expect(buffer.statistics.targetDelayMs == 60)
        #expect(buffer.statistics.currentDelayMs == 60)
    }

    @Test("in-order packets with constant delay all play, in order, nothing lost")
    func inOrderConstantDelay() {
        var buffer = makeBuffer()
        let arrivals = playoutStream(count: 500) { _ in .milliseconds(30) }
        let run = playoutSimulate(&buffer, arrivals: arrivals, until: .seconds(11))
        let stats = buffer.statistics
        #expect(run.played.isIncreasing)
        // First arrival at 30 ms + initial target 60 ms: the first pop at or after 90 ms.
        #expect(run.firstPlayAt == .milliseconds(103))
        #expect(stats.lost == 0 && stats.late == 0 && stats.duplicates == 0)
        #expect(run.missing == stats.concealedForDelay)
        #expect(stats.played + stats.droppedForDelay == 500)
        #expect(stats.stored == 500)
        // Learning ends after 2 s: the target falls to the 20 ms floor, and two packets go.
        #expect(stats.targetDelayMs == 20)
        #expect(stats.droppedForDelay == 2)
        #expect(stats.currentDelayMs >= 15 && stats.currentDelayMs <= 45)
    }
}
