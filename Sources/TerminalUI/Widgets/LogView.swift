/// The live transaction log, one line per message: time, direction, peer and transport,
/// method or status, CSeq, short Call-ID, transaction state, ↻ for a retransmission.
/// Lines of one transaction sit together, bracketed ┌ │ └; colour follows the class.
struct LogView: Widget {
    let state: AppState

    /// Which optional columns fit: CSeq, Call-ID and transaction state drop out, in
    /// that order from the right, as the terminal narrows.
    struct Columns {
        var cseq: Bool
        var callID: Bool
        var transactionState: Bool
        var peer: Int
        init(width: Int) {
            transactionState = width >= 100
            callID = width >= 88
            cseq = width >= 76
            peer = width >= 70 ? 22 : 16
        }
    }

    func render(_ area: Rect, into buffer: inout CellBuffer) {
        guard !area.isEmpty else { return }
        let log = state.log
        var title = "Log"
        if let filter = log.filter { title += " /\(filter.source)" }
        let position = log.rows.isEmpty ? "0" : "\(state.selectedRow + 1)/\(log.rows.count)"
        let right = position + (log.filter != nil ? " of \(log.count)" : "") + (state.following ? " · following" : " · scrolled")
        buffer.rule(area, title: title, right: right)
        let rows = area.height - 1
        guard rows > 0 else { return }
        if log.rows.isEmpty {
            let text = log.count == 0 ? "  No SIP messages yet." : "  No line matches the filter (/ to change it)."
            buffer.write(text, x: area.x, y: area.y + 1, limit: area.maxX, role: .hint)
            return
        }
        let columns = Columns(width: area.width)
        for i in 0..<rows {
            let row = state.logTop + i
            guard row < log.rows.count, let entry = log.entry(atRow: row) else { break }
            let y = area.y + 1 + i
            drawLine(entry, row: row, y: y, area: area, columns: columns, into: &buffer)
            if row == state.selectedRow {
                buffer.restyle(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection, style: state.focus == .browse ? [.bold] : [])
            }
        }
    }

    private func drawLine(_ entry: LogEntry, row: Int, y: Int, area: Rect, columns: Columns, into buffer: inout CellBuffer) {
        let mark: String = switch state.log.groupPosition(ofRow: row) {
        case .alone: "─"
        case .first: "┌"
        case .middle: "│"
        case .last: "└"
        }
        let role = entry.role
        var x = buffer.write(mark + " ", x: area.x, y: y, limit: area.maxX, role: .border)
        x = buffer.write(state.clock.timeOfDayMillis(entry.time) + " ", x: x, y: y, limit: area.maxX, role: .time)
        x = buffer.write(entry.direction == .sent ? "→ " : "← ", x: x, y: y, limit: area.maxX, role: role, style: .bold)
        let peer = (entry.remote ?? "?") + " " + entry.transport
        x = buffer.write(TextWidth.pad(peer, to: columns.peer) + " ", x: x, y: y, limit: area.maxX, role: .text)

        // Right-hand columns, laid out from the right edge.
        var tail: [(String, Role)] = []
        if columns.cseq { tail.append((TextWidth.pad(entry.cseq ?? "", to: 11), .dim)) }
        if columns.callID { tail.append((TextWidth.pad(entry.shortCallID, to: 8), .dim)) }
        if columns.transactionState { tail.append((TextWidth.pad(entry.transactionState ?? "", to: 11), .dim)) }
        tail.append((entry.isRetransmission ? "↻" : " ", .retransmission))
        let tailWidth = tail.reduce(0) { $0 + TextWidth.of($1.0) + 1 }
        let summaryEnd = area.maxX - tailWidth
        buffer.write(TextWidth.truncate(entry.summary, to: max(0, summaryEnd - x)), x: x, y: y, limit: summaryEnd, role: role)
        var tx = summaryEnd + 1
        for (text, role) in tail {
            tx = buffer.write(text, x: tx, y: y, limit: area.maxX, role: role) + 1
        }
    }
}
