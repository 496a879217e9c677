/// Counts of ignored RTP datagrams by reason, for the call's statistics screen.
public struct RTPIgnoredPackets: Hashable, Sendable {
    public var notRTP = 0
    public var otherSource = 0
    public var unproven = 0
    public var probation = 0
    public var duplicate = 0
    public var sequenceJump = 0

    public init() {}

    public subscript(reason: RTPIgnoreReason) -> Int {
        get {
            switch reason {
            case .notRTP: notRTP
            case .otherSource: otherSource
            case .unproven: unproven
            case .probation: probation
            case .duplicate: duplicate
            case .sequenceJump: sequenceJump
            }
        }
        set {
            switch reason {
            case .notRTP: notRTP = newValue
            case .otherSource: otherSource = newValue
            case .unproven: unproven = newValue
            case .probation: probation = newValue
            case .duplicate: duplicate = newValue
            case .sequenceJump: sequenceJump = newValue
            }
        }
    }

    /// All ignored datagrams.
    public var total: Int {
        RTPIgnoreReason.allCases.reduce(0) { $0 + self[$1] }
    }
}
