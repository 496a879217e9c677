/// A key as the screen understands it. CursesTerminal turns what ncurses reads into
/// these; tests type them directly. A terminal resize arrives in the same stream.
public enum Key: Sendable, Hashable, CustomStringConvertible {
    case character(Character)
    /// Ctrl with a letter, lowercased: `.ctrl("a")`.
    case ctrl(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown, insert, delete
    case enter, escape, backspace, tab, backTab
    case function(Int)
    case resize(cols: Int, rows: Int)

    /// The name a `[keys]` table uses for it: "a", "ctrl-a", "up", "f1", "enter"…
    public var name: String {
        switch self {
        case let .character(c): c == " " ? "space" : String(c)
        case let .ctrl(c): "ctrl-\(c)"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .home: "home"
        case .end: "end"
        case .pageUp: "pgup"
        case .pageDown: "pgdn"
        case .insert: "insert"
        case .delete: "delete"
        case .enter: "enter"
        case .escape: "esc"
        case .backspace: "backspace"
        case .tab: "tab"
        case .backTab: "shift-tab"
        case let .function(n): "f\(n)"
        case let .resize(cols, rows): "resize(\(cols)x\(rows))"
        }
    }

    /// How help shows it: "Ctrl-A", "↑", "PgUp".
    public var label: String {
        switch self {
        case let .character(c): c == " " ? "Space" : String(c)
        case let .ctrl(c): "Ctrl-\(c.uppercased())"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .insert: "Ins"
        case .delete: "Del"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case let .function(n): "F\(n)"
        case .resize: name
        }
    }

    public var description: String { name }

    /// Reads a key name as a `[keys]` table writes it; nil when it names no key.
    /// Accepts "a", "A", "?", "space", "ctrl-a", "C-a", "^A", "up", "pgup"/"pageup", "f1"…"f24".
    public init?(name raw: String) {
        let name = raw.trimmingSpaces
        if name.count == 1, let c = name.first {
            self = .character(c)
            return
        }
        let lower = name.lowercased()
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            guard rest.count == 1, let c = rest.first, c.isASCII, c.isLetter else { return nil }
            self = .ctrl(c)
            return
        }
        switch lower {
        case "space": self = .character(" ")
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "home": self = .home
        case "end": self = .end
        case "pgup", "pageup", "page-up": self = .pageUp
        case "pgdn", "pagedown", "page-down": self = .pageDown
        case "insert", "ins": self = .insert
        case "delete", "del": self = .delete
        case "enter", "return": self = .enter
        case "esc", "escape": self = .escape
        case "backspace", "bs": self = .backspace
        case "tab": self = .tab
        case "shift-tab", "backtab": self = .backTab
        default:
            guard lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) else { return nil }
            self = .function(n)
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
