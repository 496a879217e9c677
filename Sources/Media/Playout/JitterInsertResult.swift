/// What became of a packet handed to `JitterBuffer.insert`.
public enum JitterInsertResult: Sendable, Equatable {
    /// Kept for playout.
    case stored
    /// Already held or already played: dropped, counted in `duplicates`.
    case duplicate
    /// Its turn has passed (played around as missing): dropped, counted in `late`.
    case late
    /// Bigger than `maxPayloadBytes`: dropped, counted in `tooLarge`.
    case tooLarge
    /// A jump in sequence number or timestamp showed a new stream: the buffer was emptied
    /// and this packet starts the new stream (counted in `resets`).
    case reset
}
