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

/// Replaces the lines of one kind in an ordered list of lines, keeping the verbatim text of every
/// line whose value did not change, and putting new lines where RFC 8866 orders them.
enum SDPLineEditor {
    static func replace<Line, Value: Equatable>(
        in lines: inout [Line],
        values newValues: [Value],
        extract: (Line) -> Value?,
        make: (Value) -> Line,
        rank: (Line) -> Int
    ) {
        let oldPositions = lines.indices.filter { extract(lines[$0]) != nil }
        let oldLines = oldPositions.map { lines[$0] }
        var replacement: [Line] = []
        replacement.reserveCapacity(newValues.count)
        for (index, value) in newValues.enumerated() {
            if index < oldLines.count, extract(oldLines[index]) == value {
                replacement.append(oldLines[index])
            } else {
                replacement.append(make(value))
            }
        }
        var insertAt: Int
        if let first = oldPositions.first {
            insertAt = first
        } else if let sample = newValues.first.map(make) {
            let newRank = rank(sample)
            insertAt = lines.count
            if let last = lines.lastIndex(where: { rank($0) <= newRank }) {
                insertAt = last + 1
            } else {
                insertAt = 0
            }
        } else {
            insertAt = 0
        }
        for position in oldPositions.reversed() { lines.remove(at: position) }
        insertAt = min(insertAt, lines.count)
        lines.insert(contentsOf: replacement, at: insertAt)
    }
}
