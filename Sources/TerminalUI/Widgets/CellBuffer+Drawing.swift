extension CellBuffer {
    /// A section header across `area`'s first row: "─ Title ───── right ─".
    mutating func rule(_ area: Rect, title: String, titleRole: Role = .title, right: String = "", rightRole: Role = .dim) {
        guard !area.isEmpty else { return }
        let y = area.y
        for x in area.x..<area.maxX { self[x, y] = Cell("─", role: .border) }
        var x = write("─ ", x: area.x, y: y, limit: area.maxX, role: .border)
        x = write(TextWidth.truncate(title, to: max(0, area.width - 6)), x: x, y: y, limit: area.maxX, role: titleRole, style: .bold)
        write(" ", x: x, y: y, limit: area.maxX, role: .border)
        if !right.isEmpty {
            let shown = TextWidth.truncate(right, to: max(0, area.maxX - x - 6))
            let start = area.maxX - 2 - TextWidth.of(shown)
            if start > x + 1 {
                write(" ", x: start - 1, y: y, role: .border)
                write(shown, x: start, y: y, limit: area.maxX, role: rightRole)
                write(" ", x: start + TextWidth.of(shown), y: y, limit: area.maxX, role: .border)
            }
        }
    }

    /// Writes spans one after another on a row; returns the column after the last.
    @discardableResult
    mutating func spans(_ parts: [(String, Role)], x: Int, y: Int, limit: Int, style: CellStyle = []) -> Int {
        var column = x
        for (text, role) in parts { column = write(text, x: column, y: y, limit: limit, role: role, style: style) }
        return column
    }
}
