/// A question from the user agent, drawn between the log and the detail pane so the call
/// and the response that caused it stay in view: the credentials form (password masked,
/// never drawn) or the chooser of redirect targets.
struct QuestionBox: Widget {
    let state: AppState

    func render(_ area: Rect, into buffer: inout CellBuffer) {
        guard area.height >= 2 else { return }
        buffer.fill(area, role: .prompt)
        switch state.prompt {
        case let .credentials(form): renderCredentials(form, area, &buffer)
        case let .redirectChoice(chooser): renderChooser(chooser, area, &buffer)
        default: break
        }
    }

    private func renderCredentials(_ form: CredentialsPrompt, _ area: Rect, _ buffer: inout CellBuffer) {
        let q = form.question
        buffer.rule(area, title: "Credentials needed", titleRole: .prompt, right: q.call.map { "for \($0)" } ?? q.account.map { "for account \($0)" } ?? "")
        let reason = q.code == 407 ? "407 Proxy Authentication Required" : "\(q.code) Unauthorized"
        var lines: [[(String, Role)]] = [
            [("  \(reason) to \(q.method) from \(q.host) · realm ", .prompt), ("\"\(q.realm)\"", .prompt)],
        ]
        switch q.attempt {
        case ...1: lines.append([("  The request waits for your answer; Esc cancels it.", .hint)])
        case 2: lines.append([("  second try: the last password was rejected", .error)])
        default: lines.append([("  try \(q.attempt): the last password was rejected", .error)])
        }
        var cursor: (Int, Int)?
        func field(_ label: String, _ editor: LineEditor, active: Bool, mask: Bool, row: Int) {
            let y = area.y + 1 + row
            guard y < area.maxY else { return }
            let x = buffer.write("  " + label, x: area.x, y: y, limit: area.maxX, role: .prompt, style: active ? .bold : [])
            let width = max(2, min(40, area.maxX - x - 2))
            buffer.fill(Rect(x: x, y: y, width: width, height: 1), role: .promptField, style: active ? .underline : [])
            let (text, column) = editor.visible(columns: width, mask: mask ? "•" : nil)
            buffer.write(text, x: x, y: y, limit: x + width, role: .promptField, style: active ? .underline : [])
            if active { cursor = (x + column, y) }
        }
        for (i, line) in lines.enumerated() where area.y + 1 + i < area.maxY {
            buffer.spans(line, x: area.x, y: area.y + 1 + i, limit: area.maxX)
        }
        field("Username: ", form.username, active: form.field == .username, mask: false, row: 2)
        field("Password: ", form.password, active: form.field == .password, mask: true, row: 3)
        let toggle = state.keyMap.keys(for: .toggleRemember).first?.label ?? "Ctrl-T"
        if area.y + 5 < area.maxY {
            buffer.write("  [\(form.remember ? "x" : " ")] remember for this session (\(toggle))", x: area.x, y: area.y + 5, limit: area.maxX, role: .prompt)
        }
        if area.y + 6 < area.maxY {
            let next = form.field == .username ? "Enter: to Password" : "Enter: send"
            buffer.write("  \(next) · Tab: switch field · Esc: cancel the request", x: area.x, y: area.y + 6, limit: area.maxX, role: .hint)
        }
        if let cursor { buffer.cursor = (cursor.0, cursor.1) }
    }

    private func renderChooser(_ chooser: RedirectChooser, _ area: Rect, _ buffer: inout CellBuffer) {
        let title = chooser.code == 300 ? "300 Multiple Choices: where should #\(chooser.call.rawValue) go?" : "\(chooser.code) redirect: follow it?"
        buffer.rule(area, title: title, titleRole: .prompt)
        let rows = max(0, area.height - 2)
        let first = max(0, min(chooser.selected - rows + 1, chooser.targets.count - rows))
        for (i, target) in chooser.targets.enumerated().dropFirst(first).prefix(rows) {
            let y = area.y + 1 + (i - first)
            buffer.write("  \(i + 1)  \(target)", x: area.x, y: y, limit: area.maxX, role: i == chooser.selected ? .selection : .prompt)
        }
        buffer.write("  ↑/↓ or 1–9 choose · Enter: call it · Esc: decline (the call ends)", x: area.x, y: area.maxY - 1, limit: area.maxX, role: .hint)
    }
}
