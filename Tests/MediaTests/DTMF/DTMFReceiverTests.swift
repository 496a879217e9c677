import Testing
@testable import Media

@Suite("DTMFReceiver")
struct DTMFReceiverTests {
    /// The "1#" sequence from the sender, as (payload, timestamp, marker).
    static func oneHashPackets() -> [([UInt8], UInt32, Bool)] {
        var sender = DTMFSender()
        _ = sender.enqueue(.one)
        _ = sender.enqueue(.pound)
        return dtmfSend(&sender, ticks: 20).map { packet in
            var bytes = [UInt8](repeating: 0, count: 4)
            _ = bytes.withUnsafeMutableBytes {
                TelephoneEventPayload(event: packet.event, isEnd: packet.isEnd, volume: 10, duration: packet.duration).write(to: $0)
            }
            return (bytes, packet.timestamp, packet.marker)
        }
    }

    static func receive(_ packets: [([UInt8], UInt32, Bool)]) -> [Character] {
        var receiver = DTMFReceiver()
        var keys: [Character] = []
        for (index, packet) in packets.enumerated() {
            let digit = packet.0.withUnsafeBytes {
                receiver.receive(payload: $0, timestamp: packet.1, marker: packet.2, now: .milliseconds(20 * index))
            }
            if let digit { keys.append(digit.character) }
        }
        return keys
    }

    @Test("the sender's \"1#\" gives 1 and # once each")
    func oneHash() {
        #expect(Self.receive(Self.oneHashPackets()) == ["1", "#"])
    }

    @Test("a lost start packet: the key comes from the next update")
    func lostStart() {
        let packets = Self.oneHashPackets().filter { !$0.2 }  // both start packets lost
        #expect(Self.receive(packets) == ["1", "#"])
        let onlyEnds = Self.oneHashPackets().filter { $0.0[1] & 0x80 != 0 }
        #expect(Self.receive(onlyEnds) == ["1", "#"])
    }

    @Test("duplicated and reordered packets do not repeat a key")
    func duplicatedAndReordered() {
        var packets = Self.oneHashPackets()
        packets = packets.flatMap { [$0, $0] }
        // Swap neighbours, so that an end packet of 1 comes after the start of #.
        for index in stride(from: 0, to: packets.count - 1, by: 2) { packets.swapAt(index, index + 1) }
        let split = packets.firstIndex { $0.1 == 2600 }!
        packets.insert(packets[split - 1], at: split + 2)
        #expect(Self.receive(packets) == ["1", "#"])
        // Fully reversed: the end packets of # come first, the start of 1 last.
        let reversed = Array(Self.oneHashPackets().reversed())
        #expect(Self.receive(reversed) == ["#", "1"])
    }

    @Test("\"55\": the same key twice is two events")
    func sameKeyTwice() {
        var sender = DTMFSender()
        _ = sender.enqueue(.five)
        _ = sender.enqueue(.five)
        let packets = dtmfSend(&sender, ticks: 20).map { packet -> ([UInt8], UInt32, Bool) in
            var bytes = [UInt8](repeating: 0, count: 4)
            _ = bytes.withUnsafeMutableBytes {
                TelephoneEventPayload(event: packet.event, isEnd: packet.isEnd, volume: 10, duration: packet.duration).write(to: $0)
            }
            return (bytes, packet.timestamp, packet.marker)
        }
        #expect(Self.receive(packets) == ["5", "5"])
    }

    @Test("a long event's continuation segment is not a new key")
    func segmentedEvent() {
        var receiver = DTMFReceiver()
        func send(_ event: TelephoneEventPayload, _ timestamp: UInt32, _ marker: Bool, _ ms: Int) -> DTMFDigit? {
            var bytes = [UInt8](repeating: 0, count: 4)
            _ = bytes.withUnsafeMutableBytes { event.write(to: $0) }
            return bytes.withUnsafeBytes { receiver.receive(payload: $0, timestamp: timestamp, marker: marker, now: .milliseconds(ms)) }
        }
        #expect(send(.init(event: 0, isEnd: false, volume: 10, duration: 0xFFFF), 100, true, 0) == .zero)
        #expect(send(.init(event: 0, isEnd: false, volume: 10, duration: 160), 100 + 0xFFFF, false, 8200) == nil)
        #expect(send(.init(event: 0, isEnd: true, volume: 10, duration: 800), 100 + 0xFFFF, false, 8300) == nil)
        // The next press, long after.
        #expect(send(.init(event: 0, isEnd: false, volume: 10, duration: 160), 200_000, true, 9000) == .zero)
    }

    @Test("malformed and non-DTMF payloads give nothing; memory is bounded and expires")
    func boundedAndExpiring() {
        var receiver = DTMFReceiver(memory: .seconds(1))
        #expect([UInt8]([1, 2]).withUnsafeBytes { receiver.receive(payload: $0, timestamp: 1, marker: true, now: .zero) } == nil)
        #expect([UInt8]([32, 0, 0, 160]).withUnsafeBytes { receiver.receive(payload: $0, timestamp: 1, marker: true, now: .zero) } == nil)
        var keys = 0
        // Twenty distinct events: each one once, whatever the ring size.
        for event in 0..<20 {
            for repeatIndex in 0..<3 {
                let bytes: [UInt8] = [UInt8(event % 16), 0x8A, 0x03, 0x20]
                let now = Duration.milliseconds(100 * event + repeatIndex)
                if bytes.withUnsafeBytes({ receiver.receive(payload: $0, timestamp: UInt32(event * 1000), marker: false, now: now) }) != nil {
                    keys += 1
                }
            }
        }
        #expect(keys == 20)
        // A stale retransmission after the memory is counted again: the memory is bounded in time.
        let bytes: [UInt8] = [19 % 16, 0x8A, 0x03, 0x20]
        #expect(bytes.withUnsafeBytes { receiver.receive(payload: $0, timestamp: 19_000, marker: false, now: .milliseconds(1950)) } == nil)
        #expect(bytes.withUnsafeBytes { receiver.receive(payload: $0, timestamp: 19_000, marker: false, now: .seconds(10)) } == .three)
        receiver.reset()
        #expect(bytes.withUnsafeBytes { receiver.receive(payload: $0, timestamp: 19_000, marker: false, now: .seconds(10)) } == .three)
    }
}
