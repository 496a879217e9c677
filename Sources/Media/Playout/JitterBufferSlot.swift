/// One place in `JitterBuffer`'s ring, indexed by extended sequence number modulo capacity.
/// Played, dropped and concealed entries stay until the slot is reused, so that a late
/// copy of a played packet is told apart (`.duplicate`) from a packet that missed its turn.
struct JitterBufferSlot: Sendable {
    enum State: UInt8, Sendable { case empty, stored, played, dropped, concealed }
    var state: State = .empty
    var sequence: Int = 0
    var timestamp: UInt32 = 0
    var marker: Bool = false
    var length: Int = 0
}
