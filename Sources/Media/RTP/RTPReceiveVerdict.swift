/// What `RTPSession.receiveRTP` decided about one datagram.
public enum RTPReceiveVerdict: Hashable, Sendable {
    /// Play it: the header and where the payload lies in the datagram.
    case accepted(RTPHeader, payload: Range<Int>)
    /// Drop it, for this reason (already counted in the statistics).
    case ignored(RTPIgnoreReason)
}
