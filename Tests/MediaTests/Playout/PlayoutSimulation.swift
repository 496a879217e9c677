import Testing
@testable import Media

/// SplitMix64: a seeded generator so that every simulated network is the same on every run.
struct PlayoutSeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One packet reaching the receiver. Its payload carries its sequence number, so that the
/// test can see which packet was played.
struct PlayoutArrival {
    var time: Duration
    var sequence: UInt16
    var timestamp: UInt32
    var marker = false
    var payloadSize = 8
}

/// What a simulated call heard.
struct PlayoutRun {
    var played: [UInt16] = []
    var playedAt: [Duration] = []
    var missing = 0
    var missingWithNext = 0
    var buffering = 0
    /// Sequence numbers `peekNext` gave after a `.missing(nextAvailable: true)`.
    var peeked: [UInt16] = []
    var results: [JitterInsertResult] = []
    var firstPlayAt: Duration?
}

/// Sends packets every `period` (sender time mapped onto receiver time), each delayed by
/// `delay(index)` or lost when it returns nil.
func playoutStream(
    count: Int, start: Duration = .zero, period: Duration = .milliseconds(20),
    firstSequence: UInt16 = 1000, firstTimestamp: UInt32 = 50_000, timestampStep: UInt32 = 160,
    delay: (Int) -> Duration?
) -> [PlayoutArrival] {
    var arrivals: [PlayoutArrival] = []
    for index in 0..<count {
        guard let latency = delay(index) else { continue }
        arrivals.append(PlayoutArrival(
            time: start + period * index + latency,
            sequence: firstSequence &+ UInt16(truncatingIfNeeded: index),
            timestamp: firstTimestamp &+ UInt32(truncatingIfNeeded: index) &* timestampStep))
    }
    return arrivals
}

/// Drives a buffer like the network and the audio thread would: arrivals in time order
/// (an arrival at the same instant as a pop goes first), pops starting at `popStart`, each
/// next pop one frame later, or `samples` later after a packet.
func playoutSimulate(
    _ buffer: inout JitterBuffer, arrivals unsorted: [PlayoutArrival],
    popStart: Duration = .milliseconds(3), until end: Duration,
    observe: (Duration, JitterBuffer) -> Void = { _, _ in }
) -> PlayoutRun {
    let arrivals = unsorted.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        .map(\.element)
    let clockRate = buffer.configuration.clockRate
    let frame = buffer.configuration.frameDuration
    var run = PlayoutRun()
    var nextArrival = 0
    var nextPop = popStart
    var output = [UInt8](repeating: 0, count: buffer.configuration.maxPayloadBytes)
    var scratch = [UInt8](repeating: 0, count: buffer.configuration.maxPayloadBytes)
    while true {
        if nextArrival < arrivals.count && arrivals[nextArrival].time <= nextPop && arrivals[nextArrival].time < end {
            let arrival = arrivals[nextArrival]
            nextArrival += 1
            var payload = [UInt8](repeating: 0xAB, count: max(arrival.payloadSize, 2))
            payload[0] = UInt8(arrival.sequence >> 8)
            payload[1] = UInt8(arrival.sequence & 0xFF)
            let result = payload.withUnsafeBytes {
                buffer.insert(sequence: arrival.sequence, timestamp: arrival.timestamp, marker: arrival.marker,
                              payload: $0, now: arrival.time)
            }
            run.results.append(result)
            continue
        }
        guard nextPop < end else { break }
        let now = nextPop
        let popped = output.withUnsafeMutableBytes { buffer.pop(now: now, into: $0) }
        switch popped {
        case .packet(let bytes, _, let samples):
            #expect(bytes >= 2)
            run.played.append(UInt16(output[0]) << 8 | UInt16(output[1]))
            run.playedAt.append(now)
            if run.firstPlayAt == nil { run.firstPlayAt = now }
            nextPop = now + .nanoseconds(Int64(samples) * 1_000_000_000 / Int64(clockRate))
        case .missing(let samples, let nextAvailable):
            run.missing += 1
            if nextAvailable {
                run.missingWithNext += 1
                let peekedBytes = scratch.withUnsafeMutableBytes { buffer.peekNext(into: $0) }
                #expect(peekedBytes != nil)
                run.peeked.append(UInt16(scratch[0]) << 8 | UInt16(scratch[1]))
            }
            nextPop = now + .nanoseconds(Int64(samples) * 1_000_000_000 / Int64(clockRate))
        case .buffering:
            run.buffering += 1
            nextPop = now + frame
        }
        observe(now, buffer)
    }
    return run
}

extension Array where Element == UInt16 {
    /// True when each sequence number follows the one before (modulo 2¹⁶).
    var isIncreasing: Bool {
        zip(self, dropFirst()).allSatisfy { Int16(bitPattern: $1 &- $0) > 0 }
    }
}
