import Foundation
import SIPTestSupport
import Testing

/// The real `dialtone` binary running in its own tmux server, from the package root (so
/// ./Themes is found), with an empty config directory (no account of the machine's user
/// leaks in). When dialtone exits, the pane prints `EXITED:<status>` and the terminal's
/// `icanon` and `echo` settings as `stty -a` reports them, so a test sees whether the
/// terminal was given back. NO_COLOR (set by some test runners) is removed: the tests
/// look at colours too.
final class PhoneInTmux {
    let tmux: TmuxSession
    let configHome: URL

    /// `environment`: more variables for dialtone (they win over the ones set here: the
    /// state directory, where the dial history goes, is the scratch config directory
    /// unless XDG_STATE_HOME is given). `config`: the text of config.toml. Core dumps are
    /// off (a crash test must not leave a core file in the package root).
    init(arguments: [String], environment: [String: String] = [:], config: String? = nil,
         columns: Int = 120, rows: Int = 40) throws {
        let binary = try DialtoneProcess.binary()
        configHome = FileManager.default.temporaryDirectory.appendingPathComponent("dialtone-tui-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: configHome.appendingPathComponent("dialtone"), withIntermediateDirectories: true)
        if let config {
            try config.write(to: configHome.appendingPathComponent("dialtone/config.toml"), atomically: true, encoding: .utf8)
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let quoted = ([binary.path] + arguments).map(Self.shellQuoted).joined(separator: " ")
        let extra = environment.sorted { $0.key < $1.key }.map { Self.shellQuoted("\($0.key)=\($0.value)") + " " }.joined()
        let command = "ulimit -c 0; cd \(Self.shellQuoted(root.path)) && "
            + "env -u NO_COLOR XDG_STATE_HOME=\(Self.shellQuoted(configHome.path)) \(extra)TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_CONFIG_HOME=\(Self.shellQuoted(configHome.path)) \(quoted); "
            + "echo EXITED:$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e '-\\?icanon' -e '-\\?echo' | sed 's/^/TTY:/'; sleep 600"
        tmux = try TmuxSession(command: command, columns: columns, rows: rows)
    }

    deinit { stop() }

    /// Kills the tmux server (and so dialtone and the shell in the pane).
    func stop() {
        tmux.kill()
        try? FileManager.default.removeItem(at: configHome)
    }

    /// Types a line on the dial line and presses Enter.
    func dial(_ text: String) {
        tmux.send(text, literal: true)
        tmux.send("Enter")
    }

    /// The call states the call panel showed (`Calling  0:01`), in order, sampling the
    /// screen every 50 ms until `last` shows or `timeout` passes.
    func watchStates(until last: String, timeout: Duration = .seconds(20)) async -> [String] {
        let pattern = try! Regex("(Calling|Trying|Ringing|Early media|Connected|Hanging up|Ended)  [0-9]+:[0-9]{2}")
        let deadline = ContinuousClock.now + timeout
        var seen: [String] = []
        while ContinuousClock.now < deadline {
            let screen = tmux.capture()
            for match in screen.matches(of: pattern) {
                let state = String(match.output[1].substring ?? "")
                if seen.last != state { seen.append(state) }
            }
            if seen.last == last { break }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return seen
    }

    /// The running dialtone's pid (the pane's shell's child).
    var dialtonePID: Int32? {
        guard let shell = tmux.panePID, let result = try? run("/usr/bin/pgrep", ["-P", String(shell), "-x", "dialtone"]) else { return nil }
        return Int32(result.output.split(separator: "\n").first.map(String.init) ?? "")
    }

    /// After quitting: waits for the pane's report and checks the terminal was restored
    /// (canonical mode and echo back on) and the exit status (128 + n for signal n).
    func expectExitedAndTerminalRestored(status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) async {
        let screen = await tmux.waitFor("TTY:", timeout: .seconds(15), sourceLocation: sourceLocation)
        _ = await tmux.waitFor("TTY:echo", timeout: .seconds(2), sourceLocation: sourceLocation)
        let final = tmux.capture()
        #expect(final.contains("EXITED:\(status)"), "dialtone did not exit \(status):\n\(screen)", sourceLocation: sourceLocation)
        #expect(final.contains("TTY:icanon") && !final.contains("TTY:-icanon"), "canonical mode not restored:\n\(final)", sourceLocation: sourceLocation)
        #expect(final.contains("TTY:echo") && !final.contains("TTY:-echo"), "echo not restored:\n\(final)", sourceLocation: sourceLocation)
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
