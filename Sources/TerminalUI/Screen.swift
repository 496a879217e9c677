/// Draws a state into a fresh cell buffer: the whole screen as a function of the state.
public enum Screen {
    public static func render(_ state: AppState) -> CellBuffer {
        render(state, cols: state.size.cols, rows: state.size.rows)
    }

    /// Renders at a given size (the state's layout follows it).
    public static func render(_ state: AppState, cols: Int, rows: Int) -> CellBuffer {
        var state = state
        if state.size.cols != cols || state.size.rows != rows {
            _ = state.update(.key(.resize(cols: cols, rows: rows)))
        }
        var buffer = CellBuffer(width: cols, height: rows)
        if state.isTooSmall {
            TooSmallView(cols: cols, rows: rows).render(buffer.area, into: &buffer)
            return buffer
        }
        let layout = Layout(state)
        StatusBar(state: state).render(layout.status, into: &buffer)
        CallPanel(state: state).render(layout.calls, into: &buffer)
        let lower = Rect(x: 0, y: layout.log.y, width: cols, height: layout.detail.maxY - layout.log.y)
        switch state.overlay {
        case let .help(scroll):
            HelpView(state: state, scroll: scroll).render(lower, into: &buffer)
        case let .ladder(callID, scroll):
            LadderView(state: state, callID: callID, scroll: scroll).render(lower, into: &buffer)
        case nil:
            LogView(state: state).render(layout.log, into: &buffer)
            QuestionBox(state: state).render(layout.question, into: &buffer)
            DetailPane(state: state).render(layout.detail, into: &buffer)
        }
        if case .ladder = state.overlay, case .credentials = state.prompt {
            QuestionBox(state: state).render(layout.question, into: &buffer)
        }
        // Drawn last so its cursor wins unless a prompt placed one.
        let promptCursor = buffer.cursor
        DialLineView(state: state).render(layout.dial, into: &buffer)
        BottomLine(state: state).render(layout.bottom, into: &buffer)
        if let promptCursor, case .credentials = state.prompt { buffer.cursor = promptCursor }
        if case .redirectChoice = state.prompt { buffer.cursor = nil }
        return buffer
    }
}
