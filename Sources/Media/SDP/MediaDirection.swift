/// Which way media flows on a stream (RFC 3264 §5.1, §6.1), always from the point of view of
/// the side that writes or holds it.
public enum MediaDirection: String, Sendable, CaseIterable {
    case sendrecv, sendonly, recvonly, inactive

    public init(sends: Bool, receives: Bool) {
        switch (sends, receives) {
        case (true, true): self = .sendrecv
        case (true, false): self = .sendonly
        case (false, true): self = .recvonly
        case (false, false): self = .inactive
        }
    }

    /// The first direction attribute among `attributes`, if any.
    init?(attributes: [SDPAttribute]) {
        for attribute in attributes where attribute.value == nil {
            if let direction = MediaDirection(rawValue: attribute.name) {
                self = direction
                return
            }
        }
        return nil
    }

    public var sends: Bool { self == .sendrecv || self == .sendonly }
    public var receives: Bool { self == .sendrecv || self == .recvonly }

    /// The same stream seen from the other end: what one side sends, the other receives.
    public var reversed: MediaDirection { MediaDirection(sends: receives, receives: sends) }

    /// Only what both allow.
    public func intersection(_ other: MediaDirection) -> MediaDirection {
        MediaDirection(sends: sends && other.sends, receives: receives && other.receives)
    }

    /// The direction to answer this offered direction with (RFC 3264 §6.1): sendonly is answered
    /// recvonly, recvonly sendonly, inactive inactive, each limited to what we want.
    public func answer(wanting wanted: MediaDirection) -> MediaDirection {
        reversed.intersection(wanted)
    }
}
