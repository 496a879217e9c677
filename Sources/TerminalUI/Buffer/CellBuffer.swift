/// The screen as a grid of cells. Widgets draw into it; the terminal copies only what
/// changed since the last frame (`changes(since:)`); tests read it back as text and roles.
public struct CellBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor goes (a text field being edited); nil hides it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set {
            cursorX = newValue?.x
            cursorY = newValue?.y ?? 0
        }
    }
    private var cursorX: Int?
    private var cursorY = 0

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { set(x, y, newValue) }
    }

    /// Puts a cell, keeping wide graphemes whole: overwriting either half of a wide one
    /// blanks the other half.
    mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation, x > 0 {
            cells[index - 1] = Cell(" ", role: cells[index - 1].role, style: cells[index - 1].style)
        } else if !old.isContinuation, x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(" ", role: old.role, style: old.style)
        }
        cells[index] = cell
    }

    /// Paints every cell of `area` blank in `role`.
    public mutating func fill(_ area: Rect, role: Role, style: CellStyle = []) {
        let cell = Cell(" ", role: role, style: style)
        for y in max(0, area.y)..<min(height, area.maxY) {
            for x in max(0, area.x)..<min(width, area.maxX) { cells[y * width + x] = cell }
        }
    }

    /// Writes `text` from (x, y), stopping before column `limit` (default: the right edge).
    /// Control characters show as `·`, a tab as a space; a wide grapheme that would be cut
    /// becomes a space. Returns the column after the last one written.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, x: Int, y: Int, limit: Int? = nil, role: Role, style: CellStyle = []) -> Int {
        guard y >= 0, y < height else { return x }
        let end = min(limit ?? width, width)
        var column = x
        for var character in text {
            if column >= end { break }
            if let scalar = character.unicodeScalars.first, scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                character = scalar == "\t" ? " " : "·"
            }
            let w = TextWidth.of(character)
            if w == 2 && column + 1 >= end {
                if column >= 0 { set(column, y, Cell(" ", role: role, style: style)) }
                column += 1
                break
            }
            if column >= 0 {
                set(column, y, Cell(character, role: role, style: style))
                if w == 2 { set(column + 1, y, Cell(" ", role: role, style: style, isContinuation: true)) }
            }
            column += w
        }
        return column
    }

    /// Sets `role` and `style` on cells already drawn (a selection bar over a line).
    public mutating func restyle(_ area: Rect, role: Role, style: CellStyle = []) {
        for y in max(0, area.y)..<min(height, area.maxY) {
            for x in max(0, area.x)..<min(width, area.maxX) {
                cells[y * width + x].role = role
                cells[y * width + x].style = style
            }
        }
    }

    // MARK: Reading back (tests, the terminal)

    /// Row `y` as text, wide graphemes once, trailing spaces kept.
    public func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<width where !cells[y * width + x].isContinuation {
            text.append(cells[y * width + x].character)
        }
        return text
    }

    /// Every row, trailing spaces removed: what a person sees.
    public var lines: [String] {
        (0..<height).map { y in
            var text = line(y)
            while text.last == " " { text.removeLast() }
            return text
        }
    }

    /// The whole screen as text, one row per line.
    public var text: String { lines.joined(separator: "\n") }

    /// The first cell position where `needle` starts, searching row by row from `firstRow`.
    public func find(_ needle: String, fromRow firstRow: Int = 0) -> (x: Int, y: Int)? {
        for y in max(0, firstRow)..<height {
            var columns: [Int] = []
            var text = ""
            for x in 0..<width where !cells[y * width + x].isContinuation {
                columns.append(x)
                text.append(cells[y * width + x].character)
            }
            if let range = text.range(of: needle) {
                return (columns[text.distance(from: text.startIndex, to: range.lowerBound)], y)
            }
        }
        return nil
    }

    /// The role of the cell where `needle` starts (searching from `firstRow`).
    public func role(of needle: String, fromRow firstRow: Int = 0) -> Role? {
        find(needle, fromRow: firstRow).map { self[$0.x, $0.y].role }
    }

    // MARK: Diff

    /// A run of changed cells on one row, to be drawn from `x`.
    public struct Change: Sendable, Equatable {
        public var x: Int
        public var y: Int
        public var cells: [Cell]
    }

    /// What must be drawn to turn `previous` into this buffer: runs of changed cells per
    /// row. Everything when there is no previous frame or its size differs. A changed
    /// wide grapheme brings its continuation with it.
    public func changes(since previous: CellBuffer?) -> [Change] {
        var out: [Change] = []
        let full = previous == nil || previous!.width != width || previous!.height != height
        for y in 0..<height {
            var x = 0
            while x < width {
                let index = y * width + x
                if !full && cells[index] == previous!.cells[index] { x += 1; continue }
                var run: [Cell] = []
                let start = x
                while x < width {
                    let i = y * width + x
                    let same = !full && cells[i] == previous!.cells[i]
                    // Keep a continuation with its lead, and a lead with its continuation.
                    let tiedToRun = cells[i].isContinuation || (x + 1 < width && cells[i + 1].isContinuation && !same)
                    if same && !tiedToRun { break }
                    run.append(cells[i])
                    x += 1
                }
                if start > 0 && cells[y * width + start].isContinuation {
                    run.insert(cells[y * width + start - 1], at: 0)
                    out.append(Change(x: start - 1, y: y, cells: run))
                } else {
                    out.append(Change(x: start, y: y, cells: run))
                }
            }
        }
        return out
    }

    public static func == (lhs: CellBuffer, rhs: CellBuffer) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursorX == rhs.cursorX && lhs.cursorY == rhs.cursorY
    }
}
