/// One session-level line: what it means and the exact text it was read as (or written with),
/// so an unchanged description serializes back byte for byte.
enum SDPSessionLine: Sendable, Equatable {
    case version(text: String)
    case origin(SDPOrigin, text: String)
    case sessionName(String)
    case connection(SDPConnection, text: String)
    case bandwidth(SDPBandwidth, text: String)
    case timing(SDPTiming, text: String)
    case attribute(SDPAttribute, text: String)
    case other(SDPOtherLine)

    /// The whole line without its line end.
    var text: String {
        switch self {
        case .version(let text), .origin(_, let text), .connection(_, let text),
            .bandwidth(_, let text), .timing(_, let text), .attribute(_, let text):
            text
        case .sessionName(let name): "s=\(name)"
        case .other(let line): "\(line.type)=\(line.value)"
        }
    }

    /// Where RFC 8866 §5 puts the line (v o s i u e p c b t r z k a): new lines go after the
    /// last existing line of the same or an earlier rank.
    var rank: Int {
        switch self {
        case .version: 0
        case .origin: 1
        case .sessionName: 2
        case .connection: 4
        case .bandwidth: 5
        case .timing: 6
        case .attribute: 9
        case .other(let line):
            switch line.type {
            case "i", "u", "e", "p": 3
            case "r", "z": 7
            case "k": 8
            default: 10
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
