/// Below the minimum size: a clear message instead of a broken layout, until it grows.
struct TooSmallView: Widget {
    let cols: Int
    let rows: Int

    func render(_ area: Rect, into buffer: inout CellBuffer) {
        buffer.fill(area, role: .text)
        let need = AppState.minimumSize
        let lines = [
            "Terminal too small",
            "\(cols)×\(rows); Dialtone needs \(need.cols)×\(need.rows).",
            "Make the window larger.",
        ]
        let top = max(0, area.height / 2 - 1)
        for (i, line) in lines.enumerated() where top + i < area.height {
            let shown = TextWidth.truncate(line, to: area.width)
            let x = max(0, (area.width - TextWidth.of(shown)) / 2)
            buffer.write(shown, x: x, y: top + i, limit: area.maxX, role: i == 0 ? .error : .text, style: i == 0 ? .bold : [])
        }
    }
}
