/// The last row: the quit, save and filter prompts; else the latest message; else the
/// keys that matter where the focus is.
struct BottomLine: Widget {
    let state: AppState

    func render(_ area: Rect, into buffer: inout CellBuffer) {
        buffer.fill(area, role: .text)
        let y = area.y
        switch state.prompt {
        case .quitConfirm:
            buffer.write("A call is up. Hang up and quit? (y/n)", x: area.x, y: y, limit: area.maxX, role: .prompt, style: .bold)
            return
        case let .save(editor):
            field(label: "Save log (pcap, text beside it): ", editor, area, &buffer)
            return
        case let .filter(editor):
            field(label: "Filter (INVITE, 401, 4xx, call:ID, text): ", editor, area, &buffer)
            return
        default: break
        }
        if let message = state.shownMessage {
            buffer.write(message.text, x: area.x, y: y, limit: area.maxX, role: message.isError ? .error : .notice)
            return
        }
        switch state.prompt {
        case .credentials, .redirectChoice: return // the question box says its keys
        default: break
        }
        let k = state.keyMap
        func key(_ a: Action) -> String { k.keys(for: a).first?.label ?? "?" }
        let hints: [(Action, String)]
        if case .ladder = state.overlay {
            hints = [(.close, "back"), (.selectDown, "scroll"), (.hangUp, "hang up"), (.help, "help")]
        } else if state.focus == .dialLine {
            hints = [(.dial, "dial"), (.leaveDial, "to the log"), (.historyPrevious, "history"), (.complete, "complete"), (.help, "help")]
        } else {
            hints = [(.focusDial, "dial"), (.answer, "answer"), (.hangUp, "hang up"), (.ladder, "ladder"), (.filter, "filter"),
                     (.save, "save"), (.help, "help"), (.quit, "quit")]
        }
        var x = area.x
        for (action, text) in hints {
            x = buffer.write(key(action), x: x, y: y, limit: area.maxX, role: .hint, style: .bold)
            x = buffer.write(" " + text + "  ", x: x, y: y, limit: area.maxX, role: .hint)
        }
    }

    private func field(label: String, _ editor: LineEditor, _ area: Rect, _ buffer: inout CellBuffer) {
        let x = buffer.write(label, x: area.x, y: area.y, limit: area.maxX, role: .prompt, style: .bold)
        let (text, column) = editor.visible(columns: max(2, area.maxX - x - 1))
        buffer.write(text, x: x, y: area.y, limit: area.maxX, role: .promptField)
        buffer.cursor = (x + column, area.y)
    }
}
