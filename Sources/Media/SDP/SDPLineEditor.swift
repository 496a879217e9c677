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
