/// One line inside a media section after its `m=` line.
enum SDPMediaSectionLine: Sendable, Equatable {
    case connection(SDPConnection, text: String)
    case bandwidth(SDPBandwidth, text: String)
    case attribute(SDPAttribute, text: String)
    case other(SDPOtherLine)

    var text: String {
        switch self {
        case .connection(_, let text), .bandwidth(_, let text), .attribute(_, let text): text
        case .other(let line): "\(line.type)=\(line.value)"
        }
    }

    /// RFC 8866 §5 order inside a media section: i c b k a.
    var rank: Int {
        switch self {
        case .connection: 2
        case .bandwidth: 3
        case .attribute: 5
        case .other(let line):
            switch line.type {
            case "i": 1
            case "k": 4
            default: 6
            }
        }
    }

    var attribute: SDPAttribute? {
        if case .attribute(let attribute, _) = self { return attribute }
        return nil
    }

    var bandwidth: SDPBandwidth? {
        if case .bandwidth(let bandwidth, _) = self { return bandwidth }
        return nil
    }

    var connection: SDPConnection? {
        if case .connection(let connection, _) = self { return connection }
        return nil
    }
}
