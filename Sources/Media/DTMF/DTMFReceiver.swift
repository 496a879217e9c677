/// Turns received RFC 4733 telephone-event packets into key presses, each exactly once.
///
/// An event is identified by its RTP timestamp (§2.5.2.2: all packets of one event carry
/// the timestamp of its start), so the start, the updates and the repeated end packets of
/// one press give one key, in any order and with any of them lost; a second press of the
/// same key has a new timestamp and is a new key. A continuation segment of a long event
/// (§2.5.1.3: same event, no marker, timestamp = previous timestamp + its duration, the
/// previous one not ended) is not a new key. State is a ring of the last eight events,
/// each forgotten `memory` after its last packet: bounded, and allocation-free after init.
public struct DTMFReceiver: Sendable {
    static let remembered = 8

    private struct Event: Sendable {
        var valid = false
        var timestamp: UInt32 = 0
        var event: UInt8 = 0
        var duration: UInt16 = 0
        var ended = false
        var lastSeen: Duration = .zero
    }

    /// How long an event is remembered after its last packet.
    public let memory: Duration
    private var events: [Event]
    private var next = 0

    public init(memory: Duration = .seconds(10)) {
        self.memory = memory
        events = [Event](repeating: Event(), count: Self.remembered)
    }

    /// One telephone-event packet. Returns its key the first time its event is seen, else nil
    /// (also nil for a malformed payload or a non-DTMF event).
    public mutating func receive(payload: UnsafeRawBufferPointer, timestamp: UInt32, marker: Bool, now: Duration) -> DTMFDigit? {
        guard let packet = TelephoneEventPayload(parsing: payload) else { return nil }
        var index = 0
        var continuation = false
        while index < events.count {
            defer { index += 1 }
            guard events[index].valid else { continue }
            if now - events[index].lastSeen > memory || now < events[index].lastSeen - memory {
                events[index].valid = false
                continue
            }
            if events[index].timestamp == timestamp && events[index].event == packet.event {
                events[index].lastSeen = now
                events[index].ended = events[index].ended || packet.isEnd
                events[index].duration = max(events[index].duration, packet.duration)
                return nil
            }
            let event = events[index]
            if !marker && !event.ended && event.event == packet.event && event.duration > 0
                && event.timestamp &+ UInt32(event.duration) == timestamp {
                continuation = true
            }
        }
        events[next] = Event(valid: true, timestamp: timestamp, event: packet.event, duration: packet.duration,
                             ended: packet.isEnd, lastSeen: now)
        next = (next + 1) % events.count
        return continuation ? nil : packet.digit
    }

    /// Forgets all events (a new SSRC).
    public mutating func reset() {
        var index = 0
        while index < events.count {
            events[index].valid = false
            index += 1
        }
    }
}
