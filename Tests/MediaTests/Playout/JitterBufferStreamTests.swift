import Testing
@testable import Media

/// Sequence and timestamp handling: new streams, gaps, wraparound, overflow, bad input.
@Suite("JitterBuffer stream handling")
struct JitterBufferStreamTests {
    static let payload: [UInt8] = [0xAA, 0xBB, 0xCC, 0xDD]

    static func insert(_ buffer: inout JitterBuffer, _ sequence: UInt16, _ timestamp: UInt32,
                       marker: Bool = false, at milliseconds: Int, payload: [UInt8] = payload) -> JitterInsertResult {
        payload.withUnsafeBytes {
            buffer.insert(sequence: sequence, timestamp: timestamp, marker: marker, payload: $0,
                          now: .milliseconds(milliseconds))
        }
    }

    @Test("a sequence jump is a new stream: reset, and the new stream plays after its own prefetch")
    func resetOnSequenceJump() {
        var arrivals = playoutStream(count: 150, firstSequence: 1000, firstTimestamp: 50_000) { _ in .milliseconds(30) }
        arrivals += playoutStream(count: 150, start: .seconds(3), firstSequence: 40_000, firstTimestamp: 9_000_000) { _ in
            .milliseconds(30)
        }
        var buffer = JitterBuffer(JitterBufferConfiguration())
        let run = playoutSimulate(&buffer, arrivals: arrivals, until: .seconds(7))
        let stats = buffer.statistics
        #expect(run.results.filter { $0 == .reset }.count == 1)
        #expect(run.results[150] == .reset)
        #expect(stats.resets == 1)
        #expect(stats.lost == 0 && stats.late == 0)
        // Nothing of the old stream after the first packet of the new one.
        let firstNew = run.played.firstIndex(of: 40_000)!
        #expect(run.played[firstNew...].allSatisfy { $0 >= 40_000 })
        #expect(run.played[..<firstNew].allSatisfy { $0 < 1150 })
        #expect(Array(run.played[firstNew...]).isIncreasing)
        // The new stream learns again: it starts with the initial 60 ms delay.
        let index = run.played.count - run.played[firstNew...].count
        #expect(run.playedAt[index] >= .milliseconds(3000 + 30 + 60))
        #expect(run.playedAt[index] < .milliseconds(3000 + 30 + 60 + 20))
    }

    @Test("a timestamp jump that arrival times do not explain is a new stream")
    func resetOnTimestampJump() {
        var buffer = JitterBuffer(JitterBufferConfiguration())
        for index in 0..<10 {
            #expect(Self.insert(&buffer, UInt16(index), UInt32(160 * index), at: 20 * index) == .stored)
        }
        // Sequence continues, but the timestamp leaps by an hour.
        #expect(Self.insert(&buffer, 10, 28_800_000, marker: true, at: 200) == .reset)
        #expect(Self.insert(&buffer, 11, 28_800_160, at: 220) == .stored)
        #expect(buffer.statistics.resets == 1)
        #expect(buffer.statistics.bufferedPackets == 2)
    }

    @Test("a marker after a long silence (DTX) is the same stream, not a reset")
    func silenceIsNotReset() {
        var buffer = JitterBuffer(JitterBufferConfiguration())
        var arrivals = playoutStream(count: 150, firstSequence: 0, firstTimestamp: 0) { _ in .milliseconds(30) }
        // Five seconds of silence: sequence continues, timestamps and arrivals move on together.
        var spurt = playoutStream(count: 50, start: .seconds(8), firstSequence: 150, firstTimestamp: 64_000) { _ in
            .milliseconds(30)
        }
        spurt[0].marker = true
        arrivals += spurt
        let run = playoutSimulate(&buffer, arrivals: arrivals, until: .seconds(10))
        let stats = buffer.statistics
        #expect(run.results.allSatisfy { $0 == .stored })
        #expect(stats.resets == 0 && stats.lost == 0 && run.missing == 0)
        #expect(run.played.isIncreasing)
        #expect(run.played.contains(150) && run.played.contains(199))
        // The spurt restarts after the target delay (20 ms once learnt): its first packet
        // arrived at 8.03 s.
        let first = run.playedAt[run.played.firstIndex(of: 150)!]
        #expect(first >= .milliseconds(8050) && first < .milliseconds(8070))
    }

    @Test("sequence numbers and timestamps wrap around without a reset")
    func wraparound() {
        var buffer = JitterBuffer(JitterBufferConfiguration())
        let arrivals = playoutStream(count: 300, firstSequence: 65_400, firstTimestamp: 4_294_950_000) { _ in
            .milliseconds(30)
        }
        let run = playoutSimulate(&buffer, arrivals: arrivals, until: .seconds(7))
        let stats = buffer.statistics
        #expect(stats.resets == 0 && stats.lost == 0)
        #expect(run.played.isIncreasing)
        #expect(run.played.contains(65_535) && run.played.contains(0))
        #expect(stats.played + stats.droppedForDelay == 300)
    }

    @Test("the stream's first packets out of order: playout starts from the earliest")
    func reorderedStart() {
        var buffer = JitterBuffer(JitterBufferConfiguration())
        #expect(Self.insert(&buffer, 102, 320, at: 0) == .stored)
        #expect(Self.insert(&buffer, 100, 0, at: 1) == .stored)
        #expect(Self.insert(&buffer, 101, 160, at: 2) == .stored)
        var output = [UInt8](repeating: 0, count: 1500)
        let popped = output.withUnsafeMutableBytes { buffer.pop(now: .milliseconds(200), into: $0) }
        #expect(popped == .packet(bytes: 4, timestamp: 0, samples: 160))
    }

    @Test("with nobody popping, the buffer keeps the newest `capacity` packets")
    func overflow() {
        var buffer = JitterBuffer(JitterBufferConfiguration(capacity: 16))
        var results: [JitterInsertResult] = []
        for index in 0..<40 {
            results.append(Self.insert(&buffer, UInt16(index), UInt32(160 * index), at: 20 * index))
        }
        #expect(results.allSatisfy { $0 == .stored })
        var stats = buffer.statistics
        #expect(stats.droppedForOverflow == 24)
        #expect(stats.bufferedPackets == 16)
        #expect(stats.lost == 0)
        // The oldest kept is packet 24.
        var output = [UInt8](repeating: 0, count: 1500)
        let popped = output.withUnsafeMutableBytes { buffer.pop(now: .milliseconds(800), into: $0) }
        #expect(popped == .packet(bytes: 4, timestamp: 160 * 24, samples: 160))
        stats = buffer.statistics
        #expect(stats.bufferedPackets == 15)
        // A copy of a pushed-out packet whose slot was reused can only be called late.
        #expect(Self.insert(&buffer, 3, 480, at: 800) == .late)
    }

    @Test("a consumer that stalled gets the delay cut back at once")
    func stalledConsumer() {
        var buffer = JitterBuffer(JitterBufferConfiguration())
        var output = [UInt8](repeating: 0, count: 1500)
        // Playing from 100 ms, then the audio thread sleeps while packets pile up.
        for index in 0..<100 {
            _ = Self.insert(&buffer, UInt16(index), UInt32(160 * index), at: 20 * index)
            if index >= 5 && index < 10 {
                _ = output.withUnsafeMutableBytes { buffer.pop(now: .milliseconds(20 * index), into: $0) }
            }
        }
        #expect(buffer.statistics.droppedForOverflow > 0)
        let popped = output.withUnsafeMutableBytes { buffer.pop(now: .milliseconds(2000), into: $0) }
        guard case .packet = popped else { Issue.record("expected a packet, got \(popped)"); return }
        let stats = buffer.statistics
        #expect(stats.droppedForDelay > 40)
        #expect(stats.currentDelayMs <= 60)
        #expect(stats.lost == 0)
    }

    @Test("bad input never traps: oversized payloads, small output buffers, absurd times")
    func badInput() {
        var buffer = JitterBuffer(JitterBufferConfiguration(maxPayloadBytes: 4))
        #expect(Self.insert(&buffer, 1, 0, at: 0, payload: [1, 2, 3, 4, 5]) == .tooLarge)
        #expect(buffer.statistics.tooLarge == 1)
        #expect(Self.insert(&buffer, 1, 0, at: 0, payload: []) == .stored)
        #expect(Self.insert(&buffer, 2, 160, at: 20) == .stored)
        #expect(Self.insert(&buffer, 3, 160, at: 40) == .stored)
        var tiny = [UInt8](repeating: 0, count: 2)
        let first = tiny.withUnsafeMutableBytes { buffer.pop(now: .milliseconds(100), into: $0) }
        #expect(first == .packet(bytes: 0, timestamp: 0, samples: 160))
        #expect(tiny.withUnsafeMutableBytes { buffer.peekNext(into: $0) } == nil)
        let second = tiny.withUnsafeMutableBytes { buffer.pop(now: .milliseconds(120), into: $0) }
        #expect(second == .missing(samples: 160, nextAvailable: true))
        _ = [UInt8](repeating: 0, count: 4).withUnsafeBytes {
            buffer.insert(sequence: 9, timestamp: .max, marker: false, payload: $0, now: .seconds(Int64.max))
        }
        _ = tiny.withUnsafeMutableBytes { buffer.pop(now: .seconds(Int64.min), into: $0) }
        var broken = JitterBuffer(JitterBufferConfiguration(clockRate: 0, frameDuration: .zero, capacity: 0,
                                                            maxPayloadBytes: -1, minimumDelay: .seconds(-1)))
        #expect(broken.configuration.capacity == 2)
        #expect(Self.insert(&broken, 1, 0, at: 0, payload: [1]) == .stored)
    }

    @Test("reset() forgets the stream and keeps the counters")
    func explicitReset() {
        var buffer = JitterBuffer(JitterBufferConfiguration())
        for index in 0..<5 { _ = Self.insert(&buffer, UInt16(index), UInt32(160 * index), at: 20 * index) }
        buffer.reset()
        let stats = buffer.statistics
        #expect(stats.phase == .idle && stats.bufferedPackets == 0)
        #expect(stats.stored == 5 && stats.resets == 1)
        var output = [UInt8](repeating: 0, count: 1500)
        #expect(output.withUnsafeMutableBytes { buffer.pop(now: .seconds(1), into: $0) } == .buffering)
        #expect(Self.insert(&buffer, 3, 480, at: 1000) == .stored)
    }
}
