/// Every action with its keys, from the key map in use (so a rebinding shows here).
struct HelpView: Widget {
    let state: AppState
    let scroll: Int

    static func lines(_ keyMap: KeyMap, intro: [String] = []) -> [(String, Role)] {
        var out: [(String, Role)] = intro.enumerated().map { ($0.element, $0.offset == 0 ? .title : .text) }
        let titles: [(Action.Scope, String)] = [
            (.global, "Anywhere"),
            (.browse, "Calls and log (after Esc leaves the dial line)"),
            (.dial, "Dial line (typing goes here; Enter dials)"),
            (.edit, "Editing (dial line and prompts)"),
            (.prompt, "Prompts (credentials, redirect choice, filter, save)"),
        ]
        for (scope, title) in titles {
            out.append(("", .text))
            out.append((title, .title))
            for action in Action.allCases where action.scope == scope {
                let keys = keyMap.label(for: action)
                out.append(("  " + TextWidth.pad(keys.isEmpty ? "(unbound)" : keys, to: 20) + "  " + action.summary + "   [\(action.rawValue)]", .text))
            }
        }
        out.append(("", .text))
        out.append(("Rebind in config.toml: [keys] hang-up = [\"h\", \"ctrl-h\"] — names in brackets above.", .hint))
        out.append(("Quit asks y/n while a call is up. Credentials prompt: Enter moves Username → Password, then sends.", .hint))
        return out
    }

    func render(_ area: Rect, into buffer: inout CellBuffer) {
        guard area.height >= 2 else { return }
        buffer.fill(area, role: .text)
        buffer.rule(area, title: "Help: every key", right: "any other key closes · ↑/↓ scroll")
        let lines = Self.lines(state.keyMap, intro: state.intro)
        let rows = area.height - 1
        let first = min(scroll, max(0, lines.count - rows))
        for (i, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            buffer.write(line.0, x: area.x + 1, y: area.y + 1 + i, limit: area.maxX, role: line.1)
        }
    }
}
