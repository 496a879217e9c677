import CursesTerminal
import Dispatch
import SIPUserAgent
import TerminalUI

/// Pushes recorded steps into the screen's inbox at their times, from a timer queue
/// (never the UI thread), stamping log records with the moment they are pushed. Each step
/// is scheduled by the one before it, so steps at the same moment keep their order.
final class ScriptPlayer: Sendable {
    private let inbox: AppInbox
    private let queue = DispatchQueue(label: "dialtone.ui-preview.script")

    init(inbox: AppInbox) {
        self.inbox = inbox
    }

    func play(_ steps: [PreviewScript.Step], after delay: Double = 0) {
        queue.asyncAfter(deadline: .now() + delay) { [self] in
            self.run(steps[...])
        }
    }

    private func run(_ steps: ArraySlice<PreviewScript.Step>) {
        guard let step = steps.first else { return }
        let push: @Sendable () -> Void = { [inbox] in
            if case var .log(record) = step.event {
                record.time = CursesApp.now().seconds
                inbox.push(.log(record))
            } else {
                inbox.push(step.event)
            }
            self.run(steps.dropFirst())
        }
        if step.delay <= 0 { push() } else { queue.asyncAfter(deadline: .now() + step.delay, execute: push) }
    }
}
