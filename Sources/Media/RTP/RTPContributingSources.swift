/// The CSRC list of an RTP header, stored inline (at most 15 entries, RFC 3550 §5.1) so a
/// header can be parsed and written on the audio thread without touching the heap.
public struct RTPContributingSources: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral {
    /// The 4-bit CC field caps the list at 15.
    public static let capacity = 15

    private var storage: InlineArray<15, UInt32>
    private var storedCount: Int

    /// An empty list: what an endpoint that mixes nothing sends.
    public init() {
        storage = InlineArray(repeating: 0)
        storedCount = 0
    }

    /// Entries past the 15th are dropped: the header cannot carry them.
    public init(arrayLiteral elements: UInt32...) {
        self.init()
        for element in elements { _ = append(element) }
    }

    /// Adds one source; false when the list is full (never traps on a full list).
    @discardableResult
    public mutating func append(_ ssrc: UInt32) -> Bool {
        guard storedCount < Self.capacity else { return false }
        storage[storedCount] = ssrc
        storedCount += 1
        return true
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storedCount }

    public subscript(position: Int) -> UInt32 {
        precondition(position >= 0 && position < storedCount, "CSRC index out of range")
        return storage[position]
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storedCount)
        for element in self { hasher.combine(element) }
    }
}
