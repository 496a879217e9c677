#if canImport(Glibc)
import Glibc
#endif
import CNCurses
import TerminalUI

/// The terminal while curses runs it: started in `init`, ended by `end()` (every exit
/// path of `CursesApp.run` calls it). Owns colour pairs (one per role, from the theme)
/// and the last frame drawn, so each frame sends only the cells that changed. Used by
/// one thread only.
final class CursesScreen {
    let mode: ColorMode
    private var previous: CellBuffer?
    private var attributes: [Role: (attr: attr_t, pair: Int16)] = [:]
    private(set) var isActive = false

    init(theme: Theme, environment: [String: String]) {
        setlocale(LC_ALL, "")
        cnc_crash_save_terminal()
        initscr()
        isActive = true
        // A crash while the screen is up still gives the terminal back (CNCurses/shim.h).
        _ = cnc_crash_install()
        set_escdelay(25)
        raw()
        noecho()
        nonl()
        keypad(cnc_stdscr(), true)
        nodelay(cnc_stdscr(), true)
        // COLORS is known only after start_color(), which NO_COLOR skips altogether.
        let hasColors = has_colors() && ColorMode.detect(colors: 256, hasColors: true, environment: environment) != .none
        if hasColors {
            start_color()
            use_default_colors()
        }
        mode = ColorMode.detect(colors: hasColors ? Int(cnc_colors()) : 0, hasColors: hasColors, environment: environment)
        setTheme(theme)
    }

    /// One colour pair per role; attributes from the theme.
    func setTheme(_ theme: Theme) {
        attributes = [:]
        for (index, role) in Role.allCases.enumerated() {
            let style = theme.terminalStyle(role, mode: mode)
            var attr: attr_t = 0
            if style.bold { attr |= cnc_attr_bold() }
            if style.underline { attr |= cnc_attr_underline() }
            if style.reverse { attr |= cnc_attr_reverse() }
            var pair: Int16 = 0
            if mode != .none, index + 1 < Int(cnc_color_pairs()) {
                pair = Int16(index + 1)
                init_pair(pair, Int16(style.fg), Int16(style.bg))
            }
            attributes[role] = (attr, pair)
        }
        previous = nil
    }

    /// The terminal's size now.
    var size: (cols: Int, rows: Int) {
        var y: Int32 = 0, x: Int32 = 0
        cnc_getmaxyx(cnc_stdscr(), &y, &x)
        return (Int(x), Int(y))
    }

    /// Forget what is on the terminal: the next frame is drawn whole.
    func invalidate() {
        previous = nil
        _ = cnc_clear_screen()
    }

    /// Draws what changed since the last frame, places the cursor, shows it all.
    func draw(_ frame: CellBuffer) {
        for change in frame.changes(since: previous) {
            var x = change.x
            var run: [wchar_t] = []
            var runStart = x
            var runKey: (Role, CellStyle)?
            func flush() {
                guard let (role, style) = runKey, !run.isEmpty else { return }
                let base = attributes[role] ?? (0, 0)
                var attr = base.attr
                if style.contains(.bold) { attr |= cnc_attr_bold() }
                if style.contains(.underline) { attr |= cnc_attr_underline() }
                if style.contains(.reverse) { attr |= cnc_attr_reverse() }
                _ = cnc_attr_set(attr, base.pair)
                _ = cnc_mvaddnwstr(Int32(change.y), Int32(runStart), run, Int32(run.count))
                run.removeAll(keepingCapacity: true)
            }
            for cell in change.cells {
                defer { x += 1 }
                if cell.isContinuation { continue }
                if runKey == nil || runKey!.0 != cell.role || runKey!.1 != cell.style {
                    flush()
                    runKey = (cell.role, cell.style)
                    runStart = x
                }
                for scalar in cell.character.unicodeScalars { run.append(wchar_t(bitPattern: scalar.value)) }
            }
            flush()
        }
        previous = frame
        if let cursor = frame.cursor {
            curs_set(1)
            _ = cnc_move(Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        _ = cnc_refresh()
    }

    /// Every key waiting now (never blocks: the caller polled first).
    func readKeys() -> [Key] {
        var keys: [Key] = []
        var value: wint_t = 0
        while true {
            let result = cnc_get_wch(&value)
            if result == ERR { break }
            if result == cnc_key_code_yes() {
                if Int32(value) == cnc_key_resize() {
                    let (cols, rows) = size
                    keys.append(.resize(cols: cols, rows: rows))
                } else if let key = KeyDecoder.functionKey(Int32(value)) {
                    keys.append(key)
                }
            } else if let key = KeyDecoder.character(UInt32(value)) {
                keys.append(key)
            }
        }
        return keys
    }

    /// Gives the terminal back as it was. Safe to call twice.
    func end() {
        guard isActive else { return }
        isActive = false
        curs_set(1)
        endwin()
        cnc_crash_uninstall()
    }
}
