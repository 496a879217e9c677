import Foundation
import SIPTestSupport
import Testing

/// One tmux server of its own (`tmux -L <unique socket>`) with one session running a
/// command in a 120x40 window: keys in with `send-keys`, the screen out with
/// `capture-pane`. `kill()` ends the server and with it every process in the pane.
final class TmuxSession {
    static let path: String? = executable("tmux")

    let socket: String
    let name = "tui"
    private var killed = false

    /// Starts `command` (run by `sh -c`) in a detached session of `columns` x `rows`.
    init(command: String, columns: Int = 120, rows: Int = 40) throws {
        socket = "dialtone-tui-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        let result = try Self.tmux(socket: socket, ["new-session", "-d", "-s", name, "-x", String(columns), "-y", String(rows), command])
        guard result.status == 0 else { throw TestSupportError("tmux new-session failed: \(result.output)") }
        socketPath = (try? Self.tmux(socket: socket, ["display-message", "-p", "#{socket_path}"]).output)?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The server's socket file: kill-server leaves it behind, so `kill()` removes it.
    private var socketPath: String?

    deinit { kill() }

    /// The pane's text, one line per row (`-e`: with the SGR colour sequences).
    func capture(colours: Bool = false) -> String {
        (try? Self.tmux(socket: socket, ["capture-pane", "-p", "-t", name] + (colours ? ["-e"] : [])).output) ?? ""
    }

    /// Keys by tmux name (`Enter`, `Escape`, `C-c`) or, with `literal`, text typed as is.
    func send(_ keys: String..., literal: Bool = false) {
        _ = try? Self.tmux(socket: socket, ["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    func resize(columns: Int, rows: Int) {
        _ = try? Self.tmux(socket: socket, ["resize-window", "-t", name, "-x", String(columns), "-y", String(rows)])
    }

    /// The pid of the pane's first process (the `sh -c` running the command).
    var panePID: Int32? {
        (try? Self.tmux(socket: socket, ["display-message", "-p", "-t", name, "#{pane_pid}"]).output)
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Waits until the screen contains `text` (checked every 100 ms); the screen when it does.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(10), sourceLocation: SourceLocation = #_sourceLocation) async -> String {
        let deadline = ContinuousClock.now + timeout
        var screen = capture()
        while !screen.contains(text) {
            if ContinuousClock.now >= deadline {
                Issue.record("did not see \"\(text)\" within \(timeout); the screen:\n\(screen)", sourceLocation: sourceLocation)
                return screen
            }
            try? await Task.sleep(for: .milliseconds(100))
            screen = capture()
        }
        return screen
    }

    /// Kills the server: the pane's processes get SIGHUP, the socket goes away. Idempotent.
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? Self.tmux(socket: socket, ["kill-server"])
        if let socketPath, !socketPath.isEmpty { try? FileManager.default.removeItem(atPath: socketPath) }
    }

    /// Runs one tmux command against this test's server (SIPTestSupport's `run` spawns and
    /// always reaps it), with a UTF-8 locale and outside any tmux the tests run in.
    @discardableResult
    static func tmux(socket: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        guard let path else { throw TestSupportError("tmux is not installed") }
        return try run("/usr/bin/env", ["-u", "TMUX", "LANG=C.UTF-8", path, "-L", socket, "-f", "/dev/null"] + arguments,
                       timeout: .seconds(10))
    }
}
