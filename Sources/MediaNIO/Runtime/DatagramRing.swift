#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A lock-free ring of fixed-size slots between exactly one producer thread and exactly one
/// consumer thread: how packets cross between the event loop and the real-time audio thread
/// without a lock or an allocation on either side (DESIGN.md: "lock-free rings").
///
/// Each slot carries up to `slotBytes` octets and a small header of three numbers the two
/// sides agree on (an RTP sequence and timestamp, an arrival time). A full ring refuses the
/// push (the caller counts the drop); an empty ring returns nil.
final class DatagramRing: @unchecked Sendable {
    // Why @unchecked Sendable is safe: `storage` is written only by the single producer in
    // the slot at `head` before `head` is published with a releasing store, and read only
    // by the single consumer in the slot at `tail` after an acquiring load of `head`; the
    // consumer frees the slot by a releasing store of `tail`, which the producer loads with
    // acquire before it reuses the slot. No slot is ever touched by both sides at once.
    // `capacity`, `slotBytes` and `storage` itself never change after init.
    struct SlotHeader {
        var length: Int32 = 0
        var first: UInt32 = 0
        var second: UInt32 = 0
        var third: UInt64 = 0
    }

    let capacity: Int
    let slotBytes: Int
    private let stride: Int
    private let storage: UnsafeMutableRawPointer
    private let head = Atomic<Int>(0)
    private let tail = Atomic<Int>(0)

    /// - Parameters:
    ///   - capacity: number of slots (rounded up to a power of two).
    ///   - slotBytes: the largest payload one slot holds.
    init(capacity: Int, slotBytes: Int) {
        var size = 1
        while size < max(2, capacity) { size <<= 1 }
        self.capacity = size
        self.slotBytes = slotBytes
        let headerSize = MemoryLayout<SlotHeader>.stride
        stride = (headerSize + slotBytes + 15) & ~15
        storage = UnsafeMutableRawPointer.allocate(byteCount: stride * size, alignment: 16)
        storage.initializeMemory(as: UInt8.self, repeating: 0, count: stride * size)
    }

    deinit { storage.deallocate() }

    /// Producer side. False when the ring is full or the payload is larger than a slot.
    @discardableResult
    func push(_ bytes: UnsafeRawBufferPointer, first: UInt32 = 0, second: UInt32 = 0, third: UInt64 = 0) -> Bool {
        push(prefix: nil, bytes, first: first, second: second, third: third)
    }

    /// Producer side, with one octet written before `bytes` (a payload type).
    @discardableResult
    func push(prefix: UInt8?, _ bytes: UnsafeRawBufferPointer, first: UInt32 = 0, second: UInt32 = 0, third: UInt64 = 0) -> Bool {
        let extra = prefix == nil ? 0 : 1
        guard bytes.count + extra <= slotBytes else { return false }
        let h = head.load(ordering: .relaxed)
        let t = tail.load(ordering: .acquiring)
        guard h - t < capacity else { return false }
        let slot = storage + (h & (capacity - 1)) * stride
        slot.storeBytes(of: SlotHeader(length: Int32(bytes.count + extra), first: first, second: second, third: third), as: SlotHeader.self)
        let data = slot + MemoryLayout<SlotHeader>.stride
        if let prefix { data.storeBytes(of: prefix, as: UInt8.self) }
        if let base = bytes.baseAddress, bytes.count > 0 {
            (data + extra).copyMemory(from: base, byteCount: bytes.count)
        }
        head.store(h + 1, ordering: .releasing)
        return true
    }

    /// Consumer side: copies the oldest slot into `buffer` (which must hold `slotBytes`)
    /// and returns its header, or nil when empty.
    func pop(into buffer: UnsafeMutableRawBufferPointer) -> SlotHeader? {
        let t = tail.load(ordering: .relaxed)
        let h = head.load(ordering: .acquiring)
        guard t < h else { return nil }
        let slot = storage + (t & (capacity - 1)) * stride
        let header = slot.load(as: SlotHeader.self)
        let count = min(Int(header.length), buffer.count)
        if count > 0, let base = buffer.baseAddress {
            base.copyMemory(from: slot + MemoryLayout<SlotHeader>.stride, byteCount: count)
        }
        tail.store(t + 1, ordering: .releasing)
        var result = header
        result.length = Int32(count)
        return result
    }

    /// Slots waiting (either side may ask; the answer may be stale by one).
    var count: Int { head.load(ordering: .acquiring) - tail.load(ordering: .acquiring) }
}
