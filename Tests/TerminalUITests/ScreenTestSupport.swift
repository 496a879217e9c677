import SIPCore
import SIPUserAgent
@testable import TerminalUI

/// 2026-11-26 12:00:00 UTC.
let t0 = 1_795_694_400.0

/// A state at 120×40 with the preview account, fed `steps` with the clock advancing.
func state(after steps: [PreviewScript.Step], cols: Int = 120, rows: Int = 40, account: Bool = true) -> AppState {
    var s = AppState(accounts: account ? [PreviewScript.account] : [], size: (cols, rows), clock: WallClock(seconds: t0))
    feed(&s, steps, from: t0)
    return s
}

func feed(_ s: inout AppState, _ steps: [PreviewScript.Step], from start: Double) {
    for (time, event) in PreviewScript.timed(steps, from: start) {
        _ = s.update(.tick(WallClock(seconds: time)))
        _ = s.update(.event(event))
    }
}

@discardableResult
func press(_ s: inout AppState, _ keys: Key...) -> [AppEffect] {
    keys.flatMap { s.update(.key($0)) }
}

@discardableResult
func type(_ s: inout AppState, _ text: String) -> [AppEffect] {
    text.flatMap { s.update(.key(.character($0))) }
}

/// The row of the buffer that contains `needle`.
func row(_ buffer: CellBuffer, containing needle: String) -> String? {
    buffer.lines.first { $0.contains(needle) }
}
