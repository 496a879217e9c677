/// The second row: the dial line with its cursor, and an inline error when what was typed
/// cannot be dialled.
struct DialLineView: Widget {
    let state: AppState

    func render(_ area: Rect, into buffer: inout CellBuffer) {
        buffer.fill(area, role: .dialInput)
        let active = state.focus == .dialLine && state.prompt == nil && state.overlay == nil
        let label = "Dial ▸ "
        let x = buffer.write(label, x: area.x, y: area.y, limit: area.maxX, role: .dialPrompt, style: active ? .bold : [])
        var room = area.maxX - x
        var error = ""
        if let dialError = state.dialError {
            error = "  ✗ " + dialError
            room = max(room / 2, room - TextWidth.of(error))
        }
        if !active && state.dialLine.isEmpty {
            let key = state.keyMap.keys(for: .focusDial).first?.label ?? "d"
            // The longest wording that fits: the hint (the demo's numbers) matters more.
            let long = "press \(key) or type a number, then Enter"
            let texts = state.dialHint.map { [long + "  ·  " + $0, "\(key): dial  ·  " + $0, $0] } ?? [long]
            let text = texts.first { TextWidth.of($0) <= area.maxX - x } ?? texts[texts.count - 1]
            buffer.write(text, x: x, y: area.y, limit: area.maxX, role: .hint)
            return
        }
        let (shown, cursor) = state.dialLine.visible(columns: room)
        let end = buffer.write(shown, x: x, y: area.y, limit: x + room, role: .dialInput)
        if state.dialLine.isEmpty, error.isEmpty, let hint = state.dialHint {
            buffer.write(hint, x: x + 2, y: area.y, limit: area.maxX, role: .hint)
        }
        if !error.isEmpty { buffer.write(error, x: max(end, x + 1), y: area.y, limit: area.maxX, role: .error) }
        if active { buffer.cursor = (x + cursor, area.y) }
    }
}
