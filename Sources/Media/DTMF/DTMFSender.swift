/// Sends DTMF keys as RFC 4733 telephone-events, one packet per audio packet interval.
/// Sans-IO and allocation-free after init: the audio thread calls `tick` once per packet
/// interval and sends what it returns instead of that interval's audio.
///
/// One key becomes (defaults, 8 kHz event clock, 20 ms packets, 100 ms tone):
///
///     tick  marker  timestamp  duration  E
///       0     1        S          160     0     first packet: the tone so far
///       1     0        S          320     0
///       2     0        S          480     0
///       3     0        S          640     0
///       4     0        S          800     1     final duration
///       5     0        S          800     1     end repeated (§2.5.1.4: three end packets)
///       6     0        S          800     1
///     7–9     —        audio again: the gap (50 ms, rounded up to whole intervals)
///
/// then the next key starts at the stream offset of its first tick. `S` is the stream
/// offset passed to the event's first tick.
///
/// Durations count in the event clock (`clockRate`, the telephone-event rate from SDP,
/// normally 8000). No long-event segmentation (§2.5.1.3): the tone is capped at 0xFFFF
/// clock units (8.19 s at 8 kHz, 1.36 s at 48 kHz), far above any key press.
///
/// `enqueue` and `tick` mutate the same value: whoever owns the sender (the audio thread's
/// state) takes the keys in; hand them over from the UI through a lock-free ring.
public struct DTMFSender: Sendable {
    /// End packets sent per event (RFC 4733 §2.5.1.4).
    public static let endPacketCount = 3

    public let clockRate: Int
    /// Clock units per packet interval.
    public let intervalUnits: UInt32
    /// Clock units of each tone (capped at 0xFFFF).
    public let toneUnits: UInt32
    /// Intervals of audio between the last end packet and the next key.
    public let gapTicks: Int
    /// Power level written into every event, in −dBm0.
    public let volume: UInt8

    private enum Stage: Sendable, Equatable {
        case idle
        case tone
        case ending(sent: Int)
        case gap(remaining: Int)
    }

    private var queue: [UInt8]
    private var queueHead = 0
    private var queueCount = 0
    private var stage = Stage.idle
    private var digit = DTMFDigit.zero
    private var startOffset: UInt32 = 0
    private var elapsed: UInt32 = 0

    public init(
        clockRate: Int = 8000, packetInterval: Duration = .milliseconds(20),
        toneDuration: Duration = .milliseconds(100), gap: Duration = .milliseconds(50),
        queueCapacity: Int = 64, volume: UInt8 = 10
    ) {
        let rate = min(max(clockRate, 1000), 384_000)
        self.clockRate = rate
        func units(_ duration: Duration) -> Int64 {
            let parts = duration.components
            let value = parts.seconds &* Int64(rate) &+ (parts.attoseconds / 1_000_000_000) * Int64(rate) / 1_000_000_000
            return min(max(value, 0), 0xFFFF)
        }
        let interval = max(units(packetInterval), 1)
        intervalUnits = UInt32(interval)
        toneUnits = UInt32(max(units(toneDuration), 1))
        gapTicks = Int((units(gap) + interval - 1) / interval)
        self.volume = min(volume, 63)
        queue = [UInt8](repeating: 0, count: min(max(queueCapacity, 1), 4096))
    }

    /// Queues a key; false when the queue is full (the key is not sent).
    public mutating func enqueue(_ digit: DTMFDigit) -> Bool {
        guard queueCount < queue.count else { return false }
        queue[(queueHead + queueCount) % queue.count] = digit.rawValue
        queueCount += 1
        return true
    }

    /// Keys waiting, not counting the one being sent.
    public var pendingCount: Int { queueCount }

    /// True while an event or its gap is under way, or keys wait: audio is being replaced.
    public var isBusy: Bool { stage != .idle || queueCount > 0 }

    /// Drops the keys still waiting; an event under way finishes normally.
    public mutating func removePending() {
        queueHead = 0
        queueCount = 0
    }

    /// One packet interval passes. Returns the event packet written into `payload` to send
    /// instead of audio, or nil to send audio. `streamOffset` is the RTP timestamp offset the
    /// audio packet of this interval would carry. A `payload` under four bytes gets nothing
    /// written (nil) but the event still advances.
    public mutating func tick(streamOffset: UInt32, into payload: UnsafeMutableRawBufferPointer) -> DTMFTick? {
        switch stage {
        case .idle:
            guard queueCount > 0, let next = DTMFDigit(rawValue: queue[queueHead]) else { return nil }
            queueHead = (queueHead + 1) % queue.count
            queueCount -= 1
            digit = next
            startOffset = streamOffset
            elapsed = 0
            stage = .tone
            return toneTick(marker: true, into: payload)
        case .tone:
            return toneTick(marker: false, into: payload)
        case .ending(let sent):
            let packet = write(duration: toneUnits, isEnd: true, marker: false, into: payload)
            if sent + 1 >= Self.endPacketCount {
                stage = gapTicks > 0 ? .gap(remaining: gapTicks) : .idle
            } else {
                stage = .ending(sent: sent + 1)
            }
            return packet
        case .gap(let remaining):
            stage = remaining > 1 ? .gap(remaining: remaining - 1) : .idle
            return nil
        }
    }

    private mutating func toneTick(marker: Bool, into payload: UnsafeMutableRawBufferPointer) -> DTMFTick? {
        elapsed = min(elapsed + intervalUnits, toneUnits)
        let isEnd = elapsed >= toneUnits
        if isEnd { stage = .ending(sent: 1) }
        return write(duration: elapsed, isEnd: isEnd, marker: marker, into: payload)
    }

    private func write(duration: UInt32, isEnd: Bool, marker: Bool, into payload: UnsafeMutableRawBufferPointer) -> DTMFTick? {
        let event = TelephoneEventPayload(event: digit.event, isEnd: isEnd, volume: volume, duration: UInt16(duration))
        guard let bytes = event.write(to: payload) else { return nil }
        return DTMFTick(bytes: bytes, marker: marker, timestampOffset: startOffset)
    }
}
