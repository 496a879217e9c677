/// Adaptive, packet-based jitter buffer for one RTP audio stream. Sans-IO: the network side
/// calls `insert` with `now`, the audio thread calls `pop` with `now` each time it needs the
/// next packet. Neither allocates after init: payloads are copied into storage preallocated
/// for `capacity × maxPayloadBytes`, and all bookkeeping lives in fixed arrays.
///
/// Why a struct: its storage is two fixed Swift arrays, so it stays `Sendable` without
/// unsafe annotations, and mutating it in place never copies (arrays are only copied when a
/// second copy of the buffer exists; keep exactly one owner, the audio thread's state).
///
/// ## Phases (`JitterBufferPhase`)
/// - **idle**: nothing received since init or reset; `pop` says `.buffering`.
/// - **prefetching**: packets are held until the next one to play is `target` old (its
///   *playout delay*, below, reaches the target). This is how playout starts, how it refills
///   after an underrun, and how every talk spurt after a silence (DTX) restarts: the
///   buffer drains during the silence and the new spurt gets the current target delay.
///   When refilling after a gap, packets that never came and whose time the consumer
///   already filled with concealment are skipped (counted lost) instead of played late.
/// - **playing**: each `pop` returns the next packet, or `.missing` when it is absent but a
///   later one is here (a loss), or `.buffering` when the buffer ran empty (an underrun →
///   prefetching).
/// Independently, a stream is **learning** for its first two seconds: the target is then at
/// least `initialDelay`, because nothing is known yet about the path. Afterwards it is
/// **operating**: the target follows the measurement alone.
///
/// ## Delay measurement and target
/// `JitterDelayEstimator` keeps the *baseline* (smallest `arrival − timestamp` of the last
/// 64 packets: the fastest path) and the *peak lateness* (largest transit above it, per
/// second, over the last eight seconds). The *playout delay* of the packet about to play is
/// `now − (timestamp + baseline)`: how long ago it would have arrived on the fastest path.
/// `target = clamp(peak + frame/4, minimumDelay, maximumDelay)`, so a packet as late as
/// any recent one still arrives before its turn. The baseline moves with the sender's
/// clock, so clock drift shows up as a playout delay that creeps up or down.
///
/// ## Adapting (each `pop` while playing)
/// - **grow** — delay below `target − frame/4`: insert one concealment frame (`.missing`
///   with `nextAvailable: false`, counted in `concealedForDelay`), at most one per 100 ms.
///   An underrun grows the delay at once: the refill waits for the (grown) target.
/// - **shrink** — delay above `target + 1¼ frames` for 500 ms: first choice, shorten the
///   silence before a talk spurt (the next packet carries the marker and a timestamp gap:
///   the packet before it is reported with fewer `samples`, `trimmedSilences`); if a talk
///   spurt is in the buffer, or one began in the last five seconds (the sender uses
///   silences), wait for one up to two more seconds; otherwise drop the next packet
///   (`droppedForDelay`), or skip a missing one for free. One step, then 500 ms again.
///   A talk spurt's first packet arriving after its turn is not concealed into: playout
///   goes back to prefetching for it (a silence precedes it, not a loss).
/// - **hard limit** — delay above `max(2·target, maximumDelay) + frame` (the consumer
///   stalled): drop packets at once until the delay is back near the target.
/// The dead band between grow and shrink is 1½ frames wide, so pop timing noise never
/// makes it oscillate. A sender clock 1 % fast or slow costs one dropped or concealed frame
/// about every two seconds, and the buffered level stays bounded.
///
/// ## Sequence handling
/// Packets are stored by extended sequence number in a ring of `capacity` slots.
/// Out-of-order packets take their slot; before the first packet of a stream plays, an
/// earlier sequence moves the start back. Behind the next packet to play: `.duplicate` if
/// that packet was played or dropped, else `.late`. More than `capacity` ahead: the oldest
/// packets are dropped (`droppedForOverflow`) or counted lost to make room. A new stream is
/// declared (`.reset`) when the sequence jumps more than 3000 ahead or 100 behind, or the
/// transit moves by more than four seconds (a new timestamp base); a new SSRC is the
/// caller's to see: call `reset()`.
///
/// ## Counters (`JitterBufferStatistics`)
/// stored, played, lost, late, duplicates, tooLarge, droppedForDelay, droppedForOverflow,
/// concealedForDelay, trimmedSilences, underruns, resets; plus the target, current delay,
/// buffered level, RFC 3550 jitter and peak lateness.
public struct JitterBuffer: Sendable {
    /// The configuration in force, after forcing out-of-range values into range.
    public let configuration: JitterBufferConfiguration

    static let maxMisorder = 100
    static let maxDropout = 3000

    let capacity: Int
    let maxPayload: Int
    let clockRate: Int
    let frameUnits: Int64
    let minimumUnits: Int64
    let maximumUnits: Int64
    let initialUnits: Int64
    let learningUnits: Int64
    let shrinkHoldUnits: Int64
    let talkSpurtWaitUnits: Int64
    let recentTalkSpurtUnits: Int64
    let growIntervalUnits: Int64
    let resetTransitUnits: Int64
    let maxPacketUnits: Int64

    var slots: [JitterBufferSlot]
    var payloads: [UInt8]

    var phase: JitterBufferPhase = .idle
    /// Extended sequence number of the next packet to play.
    var head = 0
    /// Highest extended sequence number stored in this stream.
    var highest = 0
    var storedCount = 0
    var hasPlayed = false
    var timestampReference: Int64 = 0
    /// Packet length learned from consecutive timestamps.
    var packetUnits: Int64
    var estimator: JitterDelayEstimator
    var learningEndsAt: Int64 = 0
    var lastNow: Int64 = 0
    var lastDelay: Int64 = 0
    var excessSince: Int64?
    var lastGrowAt: Int64?
    /// Arrival of the last talk-spurt start (marker) after the first packet: the stream uses silences.
    var lastMarkerAt: Int64?
    var counters = JitterBufferStatistics()

    public init(_ configuration: JitterBufferConfiguration) {
        let settings = configuration.sanitized
        self.configuration = settings
        capacity = settings.capacity
        maxPayload = settings.maxPayloadBytes
        clockRate = settings.clockRate
        let units = { (duration: Duration) in Self.units(duration, clockRate: settings.clockRate) }
        frameUnits = max(units(settings.frameDuration), 1)
        minimumUnits = units(settings.minimumDelay)
        maximumUnits = units(settings.maximumDelay)
        initialUnits = units(settings.initialDelay)
        learningUnits = units(.seconds(2))
        shrinkHoldUnits = units(.milliseconds(500))
        talkSpurtWaitUnits = units(.seconds(2))
        recentTalkSpurtUnits = units(.seconds(5))
        growIntervalUnits = units(.milliseconds(100))
        resetTransitUnits = units(.seconds(4))
        maxPacketUnits = units(.milliseconds(120))
        packetUnits = frameUnits
        estimator = JitterDelayEstimator(clockRate: settings.clockRate, latenessCap: units(.seconds(10)))
        slots = [JitterBufferSlot](repeating: JitterBufferSlot(), count: settings.capacity)
        payloads = [UInt8](repeating: 0, count: settings.capacity * settings.maxPayloadBytes)
    }

    /// A packet's payload arrives; it is copied, so the caller's buffer can be reused at once.
    public mutating func insert(
        sequence: UInt16, timestamp: UInt32, marker: Bool,
        payload: UnsafeRawBufferPointer, now: Duration
    ) -> JitterInsertResult {
        guard payload.count <= maxPayload else {
            counters.tooLarge += 1
            return .tooLarge
        }
        let arrival = Self.units(now, clockRate: clockRate)
        if phase == .idle {
            beginStream(sequence: sequence, timestamp: timestamp, arrival: arrival)
            accept(Int(sequence), timestamp, marker, payload, arrival)
            return .stored
        }
        let extended = extendSequence(sequence)
        let transit = arrival &- extendTimestamp(timestamp)
        let delta = extended - head
        let offset = transit &- estimator.baseline
        if delta < -Self.maxMisorder || delta > Self.maxDropout
            || (estimator.hasSamples && (offset > resetTransitUnits || offset < -resetTransitUnits)) {
            clearStream()
            counters.resets += 1
            beginStream(sequence: sequence, timestamp: timestamp, arrival: arrival)
            accept(Int(sequence), timestamp, marker, payload, arrival)
            return .reset
        }
        if delta < 0 {
            if phase == .prefetching && !hasPlayed && highest - extended < capacity {
                head = extended  // the stream's first packets came out of order
            } else {
                let slot = slots[slotIndex(extended)]
                if slot.sequence == extended && (slot.state == .played || slot.state == .dropped) {
                    counters.duplicates += 1
                    return .duplicate
                }
                estimator.observe(transit: transit, arrival: arrival)
                counters.late += 1
                return .late
            }
        }
        if extended - head >= capacity { makeRoom(for: extended) }
        if isStored(extended) {
            counters.duplicates += 1
            return .duplicate
        }
        accept(extended, timestamp, marker, payload, arrival)
        return .stored
    }

    /// The audio thread's turn: what to play next. Copies a packet's payload into `payload`,
    /// which should hold `maxPayloadBytes` (a packet that does not fit is reported missing).
    public mutating func pop(now: Duration, into payload: UnsafeMutableRawBufferPointer) -> JitterPop {
        let now = Self.units(now, clockRate: clockRate)
        lastNow = now
        switch phase {
        case .idle:
            return .buffering
        case .prefetching:
            guard storedCount > 0 else { return .buffering }
            let target = targetUnits(at: now)
            var delay = playoutDelay(at: now)
            lastDelay = delay
            guard delay >= target else { return .buffering }
            phase = .playing
            excessSince = nil
            while !isStored(head) && delay - packetUnits >= target {
                markConcealed(head)
                counters.lost += 1
                head += 1
                delay -= packetUnits
            }
            return play(delay: delay, trim: 0, into: payload)
        case .playing:
            guard storedCount > 0 else {
                phase = .prefetching
                counters.underruns += 1
                return .buffering
            }
            return adaptAndPlay(at: now, into: payload)
        }
    }

    /// The payload of the next packet without taking it: after `.missing(…, nextAvailable: true)`
    /// this is the packet after the lost one, whose Opus FEC data can rebuild it.
    public func peekNext(into payload: UnsafeMutableRawBufferPointer) -> Int? {
        guard phase != .idle, isStored(head) else { return nil }
        let slot = slots[slotIndex(head)]
        guard payload.count >= slot.length else { return nil }
        copyOut(slotIndex(head), length: slot.length, into: payload)
        return slot.length
    }

    /// Forgets the stream (the caller saw a new SSRC); counters are kept.
    public mutating func reset() {
        clearStream()
        counters.resets += 1
    }

    public var statistics: JitterBufferStatistics {
        var result = counters
        result.phase = phase
        result.isLearning = phase != .idle && lastNow < learningEndsAt
        result.targetDelayMs = milliseconds(phase == .idle ? initialUnits : targetUnits(at: lastNow))
        result.currentDelayMs = milliseconds(lastDelay)
        result.bufferedPackets = storedCount
        if storedCount > 0 {
            let newest = extendTimestamp(slots[slotIndex(highest)].timestamp) + packetUnits
            result.bufferedMs = milliseconds(newest - headTimestamp())
        }
        result.jitterMs = milliseconds(estimator.jitter)
        result.peakLatenessMs = milliseconds(estimator.peak)
        return result
    }

    // MARK: - Playing

    private mutating func adaptAndPlay(at now: Int64, into payload: UnsafeMutableRawBufferPointer) -> JitterPop {
        let target = targetUnits(at: now)
        var delay = playoutDelay(at: now)
        lastDelay = delay
        if delay < target - frameUnits / 4 {
            excessSince = nil
            if isStored(head) && slots[slotIndex(head)].marker {
                // A talk spurt after a silence: wait for its target, like a start.
                phase = .prefetching
                return .buffering
            }
            if lastGrowAt == nil || now - (lastGrowAt ?? now) >= growIntervalUnits {
                lastGrowAt = now
                counters.concealedForDelay += 1
                return .missing(samples: Int(packetUnits), nextAvailable: false)
            }
            return play(delay: delay, trim: 0, into: payload)
        }
        guard delay > target + frameUnits + frameUnits / 4 else {
            excessSince = nil
            return play(delay: delay, trim: 0, into: payload)
        }
        if delay > max(2 * target, maximumUnits) + frameUnits {
            while delay > target + frameUnits / 2, dropHead() { delay = playoutDelay(at: now) }
            excessSince = now
            return play(delay: delay, trim: 0, into: payload)
        }
        let since = excessSince ?? now
        excessSince = since
        guard now - since >= shrinkHoldUnits else { return play(delay: delay, trim: 0, into: payload) }
        let trim = silenceTrim(delay: delay, target: target)
        if trim > 0 {
            excessSince = now
            counters.trimmedSilences += 1
            return play(delay: delay, trim: trim, into: payload)
        }
        let talkSpurtsLikely = talkSpurtAhead() || (lastMarkerAt != nil && now - (lastMarkerAt ?? now) < recentTalkSpurtUnits)
        if talkSpurtsLikely && now - since < shrinkHoldUnits + talkSpurtWaitUnits {
            return play(delay: delay, trim: 0, into: payload)
        }
        if dropHead() {
            excessSince = now
            delay = playoutDelay(at: now)
        }
        return play(delay: delay, trim: 0, into: payload)
    }

    /// Hands out the head: its payload, or `.missing` when it never came.
    private mutating func play(delay: Int64, trim: Int64, into payload: UnsafeMutableRawBufferPointer) -> JitterPop {
        lastDelay = delay
        let index = slotIndex(head)
        guard isStored(head) else {
            markConcealed(head)
            counters.lost += 1
            head += 1
            return .missing(samples: Int(packetUnits), nextAvailable: isStored(head))
        }
        let slot = slots[index]
        slots[index].state = .played
        storedCount -= 1
        head += 1
        guard payload.count >= slot.length else {
            counters.lost += 1
            return .missing(samples: Int(packetUnits), nextAvailable: isStored(head))
        }
        copyOut(index, length: slot.length, into: payload)
        var samples = packetUnits
        if isStored(head) {
            let gap = Int64(Int32(bitPattern: slots[slotIndex(head)].timestamp &- slot.timestamp))
            if gap > 0 && gap <= maximumUnits + frameUnits { samples = gap }
        }
        if trim > 0 { samples = max(packetUnits, samples - trim) }
        counters.played += 1
        hasPlayed = true
        return .packet(bytes: slot.length, timestamp: slot.timestamp, samples: Int(samples))
    }

    /// How much of the silence before the next packet can go, when that packet starts a talk spurt.
    private func silenceTrim(delay: Int64, target: Int64) -> Int64 {
        guard isStored(head), isStored(head + 1) else { return 0 }
        let next = slots[slotIndex(head + 1)]
        guard next.marker else { return 0 }
        let gap = Int64(Int32(bitPattern: next.timestamp &- slots[slotIndex(head)].timestamp))
        guard gap > packetUnits, gap <= maximumUnits + frameUnits else { return 0 }
        return max(0, min(gap - packetUnits, delay - target - frameUnits / 2))
    }

    private func talkSpurtAhead() -> Bool {
        guard highest >= head + 2 else { return false }
        var sequence = head + 2
        while sequence <= highest {
            if isStored(sequence) && slots[slotIndex(sequence)].marker { return true }
            sequence += 1
        }
        return false
    }

    /// Drops the head to shrink the delay, if something stays to be played after it.
    private mutating func dropHead() -> Bool {
        if isStored(head) {
            guard storedCount >= 2 else { return false }
            slots[slotIndex(head)].state = .dropped
            storedCount -= 1
            counters.droppedForDelay += 1
        } else {
            guard storedCount >= 1 else { return false }
            markConcealed(head)
            counters.lost += 1
        }
        head += 1
        return true
    }

    // MARK: - Target and delay

    func targetUnits(at now: Int64) -> Int64 {
        var target = min(max(estimator.peak + frameUnits / 4, minimumUnits), maximumUnits)
        if now < learningEndsAt { target = max(target, initialUnits) }
        return target
    }

    /// How long ago the next packet would have arrived on the fastest recent path.
    func playoutDelay(at now: Int64) -> Int64 {
        now &- headTimestamp() &- estimator.baseline
    }

    func milliseconds(_ units: Int64) -> Int {
        Int(units.multipliedReportingOverflow(by: 1000).partialValue / Int64(clockRate))
    }

    /// Clock units in a duration, without trapping on absurd values.
    static func units(_ duration: Duration, clockRate: Int) -> Int64 {
        let parts = duration.components
        let nanoseconds = parts.attoseconds / 1_000_000_000
        return parts.seconds &* Int64(clockRate) &+ nanoseconds * Int64(clockRate) / 1_000_000_000
    }
}
