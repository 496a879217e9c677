/// Where each part of the screen goes for a terminal size and a state: status bar, dial
/// line, call panel, log, detail pane, the box of a user-agent question, and the bottom
/// line. `update` uses it to keep the selection in view; `Screen` draws into it.
public struct Layout: Sendable, Equatable {
    public var status: Rect
    public var dial: Rect
    /// Header row plus one row per call line.
    public var calls: Rect
    /// Header row plus the log rows.
    public var log: Rect
    /// Header row plus the detail rows; empty when there is no room.
    public var detail: Rect
    /// The credentials form or the redirect chooser, between the log and the detail pane,
    /// so the call and the response that asked stay in view.
    public var question: Rect
    public var bottom: Rect

    public var logRows: Int { max(0, log.height - 1) }

    public init(_ state: AppState) {
        let cols = state.size.cols
        let rows = state.size.rows
        var rest = Rect(x: 0, y: 0, width: cols, height: rows)
        (status, rest) = rest.splitTop(1)
        (dial, rest) = rest.splitTop(1)
        bottom = Rect(x: 0, y: rows - 1, width: cols, height: 1)
        rest.height -= 1

        let wanted = 1 + max(1, CallPanel.lineCount(state))
        // Before the first call the panel shows the intro (the demo's numbers), and the
        // log is nearly empty: it may take a third of the rows rather than a quarter.
        let callRows = min(wanted, max(3, state.calls.isEmpty ? rows / 3 : rows / 4))
        (calls, rest) = rest.splitTop(callRows)

        var questionRows = 0
        switch state.prompt {
        case .credentials: questionRows = 7
        case let .redirectChoice(chooser): questionRows = 3 + min(chooser.targets.count, 6)
        default: break
        }
        questionRows = min(questionRows, max(0, rest.height - 4))
        let logAndDetail = rest.height - questionRows
        var logRows = max(4, logAndDetail * 55 / 100)
        if logAndDetail - logRows < 4 { logRows = logAndDetail }
        (log, rest) = rest.splitTop(logRows)
        (question, rest) = rest.splitTop(questionRows)
        detail = rest
    }
}
