/// The ring of slots and payload bytes behind `JitterBuffer`: indexing, sequence and
/// timestamp extension, storing, and making room.
extension JitterBuffer {
    func slotIndex(_ sequence: Int) -> Int {
        let remainder = sequence % capacity
        return remainder < 0 ? remainder + capacity : remainder
    }

    func isStored(_ sequence: Int) -> Bool {
        let slot = slots[slotIndex(sequence)]
        return slot.state == .stored && slot.sequence == sequence
    }

    mutating func markConcealed(_ sequence: Int) {
        let index = slotIndex(sequence)
        slots[index].state = .concealed
        slots[index].sequence = sequence
    }

    /// The nearest extended sequence number to the next one to play.
    func extendSequence(_ sequence: UInt16) -> Int {
        head + Int(Int16(bitPattern: sequence &- UInt16(truncatingIfNeeded: head)))
    }

    /// The nearest extended timestamp to the last accepted one.
    func extendTimestamp(_ timestamp: UInt32) -> Int64 {
        timestampReference + Int64(Int32(bitPattern: timestamp &- UInt32(truncatingIfNeeded: timestampReference)))
    }

    /// Timestamp of the next packet to play: its own, or derived from the first one present.
    func headTimestamp() -> Int64 {
        if isStored(head) { return extendTimestamp(slots[slotIndex(head)].timestamp) }
        guard storedCount > 0, highest > head else { return timestampReference }
        var sequence = head + 1
        while sequence <= highest {
            if isStored(sequence) {
                return extendTimestamp(slots[slotIndex(sequence)].timestamp) - Int64(sequence - head) * packetUnits
            }
            sequence += 1
        }
        return timestampReference
    }

    mutating func beginStream(sequence: UInt16, timestamp: UInt32, arrival: Int64) {
        phase = .prefetching
        head = Int(sequence)
        highest = Int(sequence)
        hasPlayed = false
        timestampReference = Int64(timestamp)
        learningEndsAt = arrival &+ learningUnits
        packetUnits = frameUnits
        excessSince = nil
        lastGrowAt = nil
        lastMarkerAt = nil
    }

    mutating func clearStream() {
        var index = 0
        while index < slots.count {
            slots[index] = JitterBufferSlot()
            index += 1
        }
        storedCount = 0
        estimator.reset()
        phase = .idle
        lastDelay = 0
    }

    /// Stores a packet in its slot and feeds the estimator.
    mutating func accept(
        _ sequence: Int, _ timestamp: UInt32, _ marker: Bool,
        _ payload: UnsafeRawBufferPointer, _ arrival: Int64
    ) {
        let extendedTimestamp = extendTimestamp(timestamp)
        let index = slotIndex(sequence)
        if payload.count > 0 {
            let offset = index * maxPayload
            payloads.withUnsafeMutableBytes { storage in
                UnsafeMutableRawBufferPointer(rebasing: storage[offset..<(offset + payload.count)])
                    .copyMemory(from: payload)
            }
        }
        slots[index] = JitterBufferSlot(
            state: .stored, sequence: sequence, timestamp: timestamp, marker: marker, length: payload.count)
        storedCount += 1
        if marker && (hasPlayed || sequence != head) { lastMarkerAt = arrival }
        highest = max(highest, sequence)
        counters.stored += 1
        learnPacketLength(around: sequence)
        estimator.observe(transit: arrival &- extendedTimestamp, arrival: arrival)
        timestampReference = extendedTimestamp
    }

    /// Takes the packet length from a neighbour in sequence (not across a talk-spurt gap).
    private mutating func learnPacketLength(around sequence: Int) {
        let current = slots[slotIndex(sequence)]
        let previous = slots[slotIndex(sequence - 1)]
        if previous.sequence == sequence - 1 && previous.state != .empty && previous.state != .concealed && !current.marker {
            let gap = Int64(Int32(bitPattern: current.timestamp &- previous.timestamp))
            if gap > 0 && gap <= maxPacketUnits { packetUnits = gap; return }
        }
        let next = slots[slotIndex(sequence + 1)]
        if next.sequence == sequence + 1 && next.state == .stored && !next.marker {
            let gap = Int64(Int32(bitPattern: next.timestamp &- current.timestamp))
            if gap > 0 && gap <= maxPacketUnits { packetUnits = gap }
        }
    }

    /// Moves the head so that `sequence` fits in the ring: older packets are dropped,
    /// older gaps counted lost.
    mutating func makeRoom(for sequence: Int) {
        let newHead = sequence - capacity + 1
        var position = head
        while position < newHead && position <= highest {
            if isStored(position) {
                slots[slotIndex(position)].state = .dropped
                storedCount -= 1
                counters.droppedForOverflow += 1
            } else {
                markConcealed(position)
                counters.lost += 1
            }
            position += 1
        }
        if position < newHead { counters.lost += newHead - position }
        head = newHead
    }

    func copyOut(_ index: Int, length: Int, into payload: UnsafeMutableRawBufferPointer) {
        guard length > 0 else { return }
        let offset = index * maxPayload
        payloads.withUnsafeBytes { storage in
            UnsafeMutableRawBufferPointer(rebasing: payload[0..<length])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: storage[offset..<(offset + length)]))
        }
    }
}
