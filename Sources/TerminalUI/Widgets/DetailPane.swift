import SIPCore

/// The selected message in full, coloured by part (start line, header names, values,
/// body); for a response, the catalog's explanation beside it (or under it when the
/// terminal is narrow): what it means, when you see it, how to fix it.
struct DetailPane: Widget {
    let state: AppState

    /// The message lines, each with the role of its part.
    static func messageLines(_ entry: LogEntry) -> [[(String, Role)]] {
        var out: [[(String, Role)]] = []
        var inBody = false
        var first = true
        var text = entry.text
        if text.hasSuffix("\r\n") { text.removeLast(1) }
        for raw in text.split(separator: "\r\n", omittingEmptySubsequences: false).flatMap({ $0.split(separator: "\n", omittingEmptySubsequences: false) }) {
            let line = String(raw)
            if first {
                out.append([(line, entry.kind == .unparsed ? .logNote : .startLine)])
                first = false
            } else if inBody {
                out.append([(line, .body)])
            } else if line.isEmpty {
                inBody = true
                out.append([])
            } else if let colon = line.firstIndex(of: ":"), line.first != " ", line.first != "\t" {
                out.append([(String(line[...colon]), .headerName), (String(line[line.index(after: colon)...]), .headerValue)])
            } else {
                out.append([(line, .headerValue)])
            }
        }
        return out
    }

    static func explanationLines(_ entry: LogEntry, width: Int) -> [[(String, Role)]] {
        guard let code = entry.statusCode, let catalog = SIPStatusCatalog.entry(for: code) else { return [] }
        let text = StatusExplanationRenderer(width: width).renderEntry(catalog)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            let isTitle = index == 0 || (!line.hasPrefix(" ") && !line.isEmpty)
            return [(String(line), isTitle ? .title : .explanation)]
        }
    }

    func render(_ area: Rect, into buffer: inout CellBuffer) {
        guard area.height >= 2 else { return }
        guard let entry = state.log.entry(atRow: state.selectedRow) else {
            buffer.rule(area, title: "Detail")
            buffer.write("  Select a log line to see the message.", x: area.x, y: area.y + 1, limit: area.maxX, role: .hint)
            return
        }
        let arrow = entry.direction == .sent ? "→ sent to" : "← received from"
        let title = "\(arrow) \(entry.remote ?? "?") \(entry.transport) at \(state.clock.timeOfDayMillis(entry.time))"
        var right = ""
        if let key = entry.transactionKey { right = key + (entry.transactionState.map { " (\($0))" } ?? "") }
        if entry.isRetransmission { right = "retransmission · " + right }
        buffer.rule(area, title: title, titleRole: entry.role, right: right)

        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        var message = Self.messageLines(entry)
        if let note = entry.note { message.insert([("note: " + note, .logNote)], at: 0) }
        let sideBySide = entry.statusCode != nil && area.width >= 100
        if sideBySide {
            // Lines are drawn one column in (draw(_:in:into:)), so the text gets width - 1.
            let rightWidth = max(StatusExplanationRenderer.minimumWidth + 2, area.width * 2 / 5)
            let (left, rest) = body.splitLeft(area.width - rightWidth - 1)
            let rightArea = Rect(x: rest.x + 1, y: rest.y, width: rest.width - 1, height: rest.height)
            for y in rest.y..<rest.maxY { buffer[rest.x, y] = Cell("│", role: .border) }
            draw(message, in: left, into: &buffer)
            draw(Self.explanationLines(entry, width: rightArea.width - 1), in: rightArea, into: &buffer)
        } else {
            var lines = message
            let explanation = Self.explanationLines(entry, width: body.width - 2)
            if !explanation.isEmpty { lines += [[]] + explanation }
            draw(lines, in: body, into: &buffer)
        }
    }

    private func draw(_ lines: [[(String, Role)]], in area: Rect, into buffer: inout CellBuffer) {
        let scroll = min(state.detailScroll, max(0, lines.count - area.height))
        for (i, line) in lines.dropFirst(scroll).prefix(area.height).enumerated() {
            buffer.spans(line, x: area.x + 1, y: area.y + i, limit: area.maxX)
        }
    }
}
