import Testing
@testable import Media

/// One packet a `DTMFSender` produced, decoded for comparison.
struct DTMFSentPacket: Equatable, CustomStringConvertible {
    var tick: Int
    var marker: Bool
    var timestamp: UInt32
    var event: UInt8
    var duration: UInt16
    var isEnd: Bool
    var description: String { "#\(tick) M\(marker ? 1 : 0) ts\(timestamp) ev\(event) d\(duration) E\(isEnd ? 1 : 0)" }
}

/// Ticks a sender `ticks` times, the audio stream offset advancing one interval per tick.
func dtmfSend(_ sender: inout DTMFSender, ticks: Int, firstOffset: UInt32 = 1000) -> [DTMFSentPacket] {
    var packets: [DTMFSentPacket] = []
    var payload = [UInt8](repeating: 0, count: 16)
    for tick in 0..<ticks {
        let offset = firstOffset &+ UInt32(tick) &* sender.intervalUnits
        guard let sent = payload.withUnsafeMutableBytes({ sender.tick(streamOffset: offset, into: $0) }) else { continue }
        #expect(sent.bytes == 4)
        let event = payload.withUnsafeBytes { TelephoneEventPayload(parsing: $0) }!
        packets.append(DTMFSentPacket(tick: tick, marker: sent.marker, timestamp: sent.timestampOffset,
                                      event: event.event, duration: event.duration, isEnd: event.isEnd))
    }
    return packets
}

@Suite("DTMFSender")
struct DTMFSenderTests {
    @Test("\"1#\" at 8 kHz, 20 ms packets, 100 ms tones, 50 ms gap: the exact packet sequence")
    func oneHash() {
        var sender = DTMFSender()
        let queued = sender.enqueue(.one) && sender.enqueue(.pound)
        #expect(queued)
        let packets = dtmfSend(&sender, ticks: 20)
        let expected: [DTMFSentPacket] = [
            .init(tick: 0, marker: true, timestamp: 1000, event: 1, duration: 160, isEnd: false),
            .init(tick: 1, marker: false, timestamp: 1000, event: 1, duration: 320, isEnd: false),
            .init(tick: 2, marker: false, timestamp: 1000, event: 1, duration: 480, isEnd: false),
            .init(tick: 3, marker: false, timestamp: 1000, event: 1, duration: 640, isEnd: false),
            .init(tick: 4, marker: false, timestamp: 1000, event: 1, duration: 800, isEnd: true),
            .init(tick: 5, marker: false, timestamp: 1000, event: 1, duration: 800, isEnd: true),
            .init(tick: 6, marker: false, timestamp: 1000, event: 1, duration: 800, isEnd: true),
            // ticks 7, 8, 9: audio (the 50 ms gap, rounded up to three 20 ms intervals)
            .init(tick: 10, marker: true, timestamp: 2600, event: 11, duration: 160, isEnd: false),
            .init(tick: 11, marker: false, timestamp: 2600, event: 11, duration: 320, isEnd: false),
            .init(tick: 12, marker: false, timestamp: 2600, event: 11, duration: 480, isEnd: false),
            .init(tick: 13, marker: false, timestamp: 2600, event: 11, duration: 640, isEnd: false),
            .init(tick: 14, marker: false, timestamp: 2600, event: 11, duration: 800, isEnd: true),
            .init(tick: 15, marker: false, timestamp: 2600, event: 11, duration: 800, isEnd: true),
            .init(tick: 16, marker: false, timestamp: 2600, event: 11, duration: 800, isEnd: true),
        ]
        #expect(packets == expected)
        #expect(!sender.isBusy)
    }

    @Test("a tone that is not a whole number of intervals ends on its exact duration")
    func oddDuration() {
        var sender = DTMFSender(clockRate: 8000, toneDuration: .milliseconds(90), gap: .zero)
        _ = sender.enqueue(.star)
        _ = sender.enqueue(.zero)
        let packets = dtmfSend(&sender, ticks: 16, firstOffset: 0)
        #expect(packets.prefix(8).map(\.duration) == [160, 320, 480, 640, 720, 720, 720, 160])
        #expect(packets.prefix(8).map(\.isEnd) == [false, false, false, false, true, true, true, false])
        // No gap: the next key starts on the tick after the third end packet.
        #expect(packets[7].marker && packets[7].tick == 7 && packets[7].timestamp == 7 * 160)
    }

    @Test("48 kHz event clock: durations count in it")
    func wideband() {
        var sender = DTMFSender(clockRate: 48000)
        _ = sender.enqueue(.nine)
        let packets = dtmfSend(&sender, ticks: 10)
        #expect(packets.map(\.duration) == [960, 1920, 2880, 3840, 4800, 4800, 4800])
    }

    @Test("long tones are capped at 0xFFFF clock units")
    func cappedTone() {
        let sender = DTMFSender(clockRate: 48000, toneDuration: .seconds(5))
        #expect(sender.toneUnits == 0xFFFF)
    }

    @Test("the queue is a fixed ring: full means false, order is kept")
    func queue() {
        var sender = DTMFSender(queueCapacity: 3)
        let queued = sender.enqueue(.one) && sender.enqueue(.two) && sender.enqueue(.three)
        #expect(queued)
        let overfull = sender.enqueue(.four)
        #expect(!overfull)
        #expect(sender.pendingCount == 3)
        let packets = dtmfSend(&sender, ticks: 40)
        #expect(packets.filter(\.marker).map(\.event) == [1, 2, 3])
        let requeued = sender.enqueue(.four)
        #expect(requeued)
        sender.removePending()
        #expect(!sender.isBusy)
        var payload = [UInt8](repeating: 0, count: 4)
        #expect(payload.withUnsafeMutableBytes { sender.tick(streamOffset: 0, into: $0) } == nil)
    }

    @Test("idle sender and a too-small payload buffer send nothing")
    func nothingToSend() {
        var sender = DTMFSender()
        var payload = [UInt8](repeating: 0, count: 4)
        #expect(payload.withUnsafeMutableBytes { sender.tick(streamOffset: 0, into: $0) } == nil)
        _ = sender.enqueue(.one)
        var tiny = [UInt8](repeating: 0, count: 2)
        #expect(tiny.withUnsafeMutableBytes { sender.tick(streamOffset: 0, into: $0) } == nil)
        #expect(sender.isBusy)
    }
}
