#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CursesTerminal
import Dispatch
import SIPCore
import SIPUserAgent
import TerminalUI

/// `dialtone ui-preview` (hidden): the real screen fed by a recorded call — 100, a 302 to
/// another host, a 401 and its credentials question, 180, 200 — so the screen can be tried
/// and tested in tmux before the user agent is wired to it. Answering the question
/// connects the call; `h` hangs it up; dialling plays the call again to the new address.
struct UIPreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui-preview",
        abstract: "Show the softphone screen with a recorded call (no network).",
        shouldDisplay: false
    )

    @Option(help: "Colour theme: dark, light, high-contrast, or a file name in a theme directory.")
    var theme = "dark"

    @Option(help: "Seconds before the recorded call starts.")
    var delay = 0.5

    func run() throws {
        let environment = ProcessContext.environment()
        let library = ThemeLibrary.standard(environment: environment, executablePath: ProcessContext.executablePath())
        let (chosen, problem) = library.loadOrDefault(theme)
        let inbox = AppInbox()
        let player = ScriptPlayer(inbox: inbox)
        let clock = CursesApp.now()

        var state = AppState(accounts: [PreviewScript.account], clock: clock)
        if let problem { state.message = ("theme: \(problem) — using the built-in dark theme", true) }

        var scripts: [SIPCallHandle: PreviewScript] = [:]
        var connected: Set<SIPCallHandle> = []
        var nextCall = 1
        func startCall(to uri: SIPURI?, after delay: Double) {
            let handle = SIPCallHandle(nextCall)
            let script = PreviewScript(call: handle, start: clock.seconds, callID: "a84b4c76e667\(nextCall)0@192.0.2.10",
                                       questionID: nextCall, dialled: uri)
            nextCall += 1
            scripts[handle] = script
            player.play(script.untilCredentials(), after: delay)
        }
        startCall(to: nil, after: delay)

        _ = CursesApp.run(state: state, theme: chosen, inbox: inbox, environment: environment) { effect in
            switch effect {
            case let .send(.call(uri, _, _)):
                startCall(to: uri, after: 0.1)
            case let .send(.credentials(question, answer)):
                guard let (handle, script) = scripts.first(where: { $0.value.questionID == question }) else { return }
                if let answer {
                    connected.insert(handle)
                    player.play(script.afterCredentials(username: answer.username))
                } else {
                    player.play(script.cancelled())
                }
            case let .send(.hangUp(handle)):
                guard let script = scripts[handle] else { return }
                player.play(connected.contains(handle) ? script.hangUp() : script.cancelledByUs())
            case let .send(command):
                inbox.push(input: .notice("preview: no user agent to \(command)", isError: false))
            case let .saveLog(request):
                let result = LogFileWriter.save(request)
                inbox.push(input: .notice(result.text, isError: result.isError))
            case .media:
                inbox.push(input: .notice("preview: no media to act on", isError: false))
            case .quit, .redraw, .dialled, .historyReplaced:
                break   // the preview keeps no history file
            }
        }
    }
}
