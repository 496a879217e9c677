import Testing
@testable import Media

/// The buffer's delay following the network: bursts, calm, sender clock drift, talk spurts.
@Suite("JitterBuffer adaptation")
struct JitterBufferAdaptationTests {
    /// 0–10 s calm, 10–20 s a 200 ms stall every second, 20–60 s calm again.
    static func burstyArrivals(seed: UInt64) -> [PlayoutArrival] {
        var random = PlayoutSeededRandom(seed: seed)
        return playoutStream(count: 3000) { index in
            let sent = Duration.milliseconds(20 * index)
            var latency = Duration.milliseconds(30 + Int.random(in: 0...4, using: &random))
            if sent >= .seconds(10) && sent < .seconds(20) {
                // Packets sent in the first 200 ms of each second are held until its end.
                let intoSecond = sent - .seconds(Int64(20 * index / 1000))
                if intoSecond < .milliseconds(200) { latency += .milliseconds(200) - intoSecond }
            }
            return latency
        }
    }

    @Test("bursty jitter grows the target at once, calm shrinks it slowly")
    func burstyJitter() {
        var buffer = JitterBuffer(JitterBufferConfiguration())
        var samples: [Int: JitterBufferStatistics] = [:]
        let run = playoutSimulate(&buffer, arrivals: Self.burstyArrivals(seed: 7), until: .seconds(61)) { now, buffer in
            let (seconds, attoseconds) = now.components
            let tenth = Int(seconds) * 10 + Int(attoseconds / 100_000_000_000_000_000)
            samples[tenth] = buffer.statistics
        }
        let calm = samples[95]!, stormy = samples[195]!, justAfter = samples[275]!, settled = samples[400]!
        // Calm start: the floor, after learning dropped the initial 60 ms.
        #expect(calm.targetDelayMs == 20 && calm.currentDelayMs <= 45)
        // The first stall underruns once; the refill waits for the grown target, and no
        // later stall underruns or loses anything.
        #expect(stormy.targetDelayMs >= 200 && stormy.currentDelayMs >= 200)
        #expect(stormy.underruns == 1 && stormy.lost == 0 && stormy.late == 0)
        // Calm again: the peaks age out after eight seconds and the delay follows slowly,
        // one frame per half second.
        #expect(justAfter.targetDelayMs == 20 && justAfter.currentDelayMs >= 150)
        #expect(settled.targetDelayMs == 20 && settled.currentDelayMs <= 45)
        #expect(settled.droppedForDelay - stormy.droppedForDelay >= 8)
        let stats = buffer.statistics
        #expect(stats.lost == 0 && stats.late == 0 && run.missing == 0)
        #expect(stats.played + stats.droppedForDelay == 3000)
        #expect(run.played.isIncreasing)
    }

    @Test("sender clock drift of ±1 % over ten minutes keeps the level bounded", arguments: [-1, 1])
    func drift(percent: Int) {
        var random = PlayoutSeededRandom(seed: 11)
        // The sender's 20 ms is 19.8 ms of ours when its clock runs 1 % fast.
        let period = Duration.microseconds(20_000 - 200 * percent)
        let count = Int(Duration.seconds(600) / period)
        let arrivals = playoutStream(count: count, period: period) { _ in
            .milliseconds(30) + .microseconds(Int.random(in: 0...10_000, using: &random))
        }
        var buffer = JitterBuffer(JitterBufferConfiguration())
        var maxBuffered = 0, maxDelay = 0, minDelay = Int.max
        let run = playoutSimulate(&buffer, arrivals: arrivals, until: .seconds(600)) { now, buffer in
            guard now > .seconds(5) else { return }
            let s = buffer.statistics
            maxBuffered = max(maxBuffered, s.bufferedPackets)
            maxDelay = max(maxDelay, s.currentDelayMs)
            minDelay = min(minDelay, s.currentDelayMs)
        }
        let stats = buffer.statistics
        #expect(maxBuffered <= 3)
        #expect(minDelay >= 10 && maxDelay <= 60)
        #expect(stats.lost == 0 && stats.late == 0)
        #expect(run.played.isIncreasing)
        // 1 % of ten minutes is 6 s: about 300 frames to drop or to make up.
        if percent > 0 {
            #expect(stats.droppedForDelay >= 280 && stats.droppedForDelay <= 320)
            #expect(stats.concealedForDelay == 0 && stats.underruns == 0)
        } else {
            #expect(stats.concealedForDelay + run.buffering >= 280 && stats.concealedForDelay + run.buffering <= 320)
            #expect(stats.droppedForDelay <= 2 && stats.underruns <= 5)
        }
        #expect(stats.played + stats.droppedForDelay + stats.bufferedPackets == stats.stored)
    }

    @Test("the delay shrinks in the silence before a talk spurt rather than by dropping speech")
    func shrinkAtTalkSpurt() {
        // Talk spurts of 25 packets, each followed by 40 ms of silence (timestamps jump, the
        // sequence does not); the first packet of a spurt carries the marker.
        var arrivals: [PlayoutArrival] = []
        for index in 0..<250 {
            let slot = index + 2 * (index / 25)
            arrivals.append(PlayoutArrival(
                time: .milliseconds(20 * slot + 30), sequence: UInt16(index), timestamp: UInt32(160 * slot),
                marker: index % 25 == 0))
        }
        var buffer = JitterBuffer(JitterBufferConfiguration())
        let run = playoutSimulate(&buffer, arrivals: arrivals, until: .seconds(6))
        let stats = buffer.statistics
        #expect(stats.trimmedSilences >= 1)
        #expect(stats.droppedForDelay == 0)
        #expect(stats.lost == 0 && run.missing == 0)
        #expect(stats.played == 250)
        #expect(run.played == (0..<250).map { UInt16($0) })
    }
}
