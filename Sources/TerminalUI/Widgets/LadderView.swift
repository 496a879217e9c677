/// One call's messages as arrows between its endpoints, sngrep style: our address first,
/// then each peer as it appears, so a redirect shows as a new column and an
/// authentication round as a second INVITE after the 401.
struct LadderView: Widget {
    let state: AppState
    let callID: String
    let scroll: Int

    struct Step {
        var time: Double
        var from: Int
        var to: Int
        var label: String
        var role: Role
    }

    /// The endpoints (column titles) and the steps, in the order they crossed the wire.
    static func ladder(_ log: TransactionLog, callID: String) -> (endpoints: [String], steps: [Step]) {
        var endpoints: [String] = []
        var locals: [String] = []
        var remotes: [String] = []
        let entries = log.entries(ofCall: callID)
        for entry in entries {
            let local = entry.local ?? "us"
            if !locals.contains(local) { locals.append(local) }
            let remote = entry.remote ?? "?"
            if !remotes.contains(remote) && !locals.contains(remote) { remotes.append(remote) }
        }
        endpoints = locals + remotes
        let steps = entries.map { entry -> Step in
            let local = endpoints.firstIndex(of: entry.local ?? "us") ?? 0
            let remote = endpoints.firstIndex(of: entry.remote ?? "?") ?? 0
            var label: String
            switch entry.kind {
            case let .request(method):
                label = method
                if LogFilter.contains(entry.bytes, "\nauthorization:") || LogFilter.contains(entry.bytes, "\nproxy-authorization:") {
                    label += " (auth)"
                }
            case .response:
                label = entry.summary
            case .unparsed:
                label = "?"
            }
            if entry.isRetransmission { label += " ↻" }
            return Step(time: entry.time, from: entry.direction == .sent ? local : remote,
                        to: entry.direction == .sent ? remote : local, label: label, role: entry.role)
        }
        return (endpoints, steps)
    }

    func render(_ area: Rect, into buffer: inout CellBuffer) {
        guard area.height >= 3 else { return }
        buffer.fill(area, role: .text)
        let shortID = callID.count > 12 ? String(callID.prefix(12)) + "…" : callID
        let close = state.keyMap.keys(for: .close).first?.label ?? "Esc"
        buffer.rule(area, title: "Ladder · Call-ID \(shortID)", right: "\(close) closes · ↑/↓ scroll")
        let (endpoints, steps) = Self.ladder(state.log, callID: callID)
        guard !endpoints.isEmpty else { return }
        let timeWidth = 13
        let span = area.width - timeWidth - 2
        let spacing = max(8, span / endpoints.count)
        let xs = endpoints.indices.map { area.x + timeWidth + spacing * $0 + spacing / 2 }

        // Endpoint titles, centred on their lifelines.
        let titleY = area.y + 1
        for (i, name) in endpoints.enumerated() {
            let shown = TextWidth.truncate(name, to: spacing - 1)
            buffer.write(shown, x: max(area.x + timeWidth, xs[i] - TextWidth.of(shown) / 2), y: titleY, limit: area.maxX, role: .ladderEndpoint, style: .bold)
        }
        let bodyTop = area.y + 2
        let rows = area.maxY - bodyTop
        let first = min(scroll, max(0, steps.count - rows))
        for y in bodyTop..<area.maxY {
            for x in xs where x < area.maxX { buffer[x, y] = Cell("│", role: .ladderLifeline) }
        }
        for (i, step) in steps.dropFirst(first).prefix(rows).enumerated() {
            let y = bodyTop + i
            buffer.write(state.clock.timeOfDayMillis(step.time), x: area.x, y: y, limit: area.x + timeWidth, role: .time)
            let a = xs[step.from], b = xs[step.to]
            guard a != b else {
                buffer.write("↺ " + step.label, x: a + 1, y: y, limit: area.maxX, role: step.role)
                continue
            }
            let left = min(a, b), right = max(a, b)
            for x in (left + 1)..<right where x < area.maxX { buffer[x, y] = Cell("─", role: step.role) }
            if b > a { buffer[min(right - 1, area.maxX - 1), y] = Cell("▶", role: step.role, style: .bold) }
            else { buffer[left + 1, y] = Cell("◀", role: step.role, style: .bold) }
            let room = right - left - 4
            let label = TextWidth.truncate(step.label, to: max(0, room))
            let labelX = left + 2 + max(0, (room - TextWidth.of(label)) / 2)
            buffer.write(label, x: labelX, y: y, limit: right - 1, role: step.role, style: .bold)
        }
    }
}
