import Foundation

/// sipp playing one scenario file, started by a test and always stopped by it (`stop()`,
/// or at the latest when the object goes away).
///
/// Its screen (stdout and stderr) goes to `screen.log`, its errors to `errors.log`, every
/// message it sent or received to `messages.log` (`-trace_msg`, read with `messages`), and
/// what the scenario's `<log>` actions write to `logs.log`, all in a scratch directory.
public final class SippProcess: Sendable {
    public static let path = executable("sipp")

    /// Where sipp listens (127.0.0.1).
    public let port: Int
    public let transport: PeerTransport
    public let directory: TemporaryDirectory
    /// The whole command line, for reports and to run it by hand.
    public let commandLine: [String]
    private let process: ChildProcess
    private let stopping = FirstTime()

    /// Starts sipp with `scenario` (a file path) on 127.0.0.1:`port` (a free port if nil).
    /// - remote: `host:port` to send to (a UAC scenario); nil for a UAS.
    /// - calls: `-m`, sipp ends after that many calls (default 1).
    /// - timeout: sipp's own global `-timeout` (it then exits with an error status).
    /// - arguments: more sipp arguments (`-key name value`, `-set name value`, `-au`…).
    /// - waitUntilListening: wait (bounded, 10 s) until sipp's socket is bound.
    public init(scenario: String, port: Int? = nil, transport: PeerTransport = .udp, remote: String? = nil,
                calls: Int = 1, timeout: Duration = .seconds(20), arguments: [String] = [],
                waitUntilListening: Bool = true) async throws {
        guard let sipp = Self.path else { throw TestSupportError("sipp is not installed (Debian package sip-tester)") }
        guard FileManager.default.fileExists(atPath: scenario) else { throw TestSupportError("no sipp scenario at \(scenario)") }
        directory = try TemporaryDirectory(prefix: "dialtone-sipp")
        if let port { self.port = port } else { self.port = try await freePort() }
        self.transport = transport
        let seconds = max(1, Int(timeout.components.seconds))
        let arguments = ["-sf", scenario] + (remote.map { [$0] } ?? []) + [
            "-i", "127.0.0.1", "-p", String(self.port), "-t", transport.sippMode, "-m", String(calls),
            "-timeout", "\(seconds)s", "-timeout_error", "-nostdin", "-nd",
            "-trace_err", "-error_file", directory.path("errors.log"),
            "-trace_msg", "-message_file", directory.path("messages.log"),
            "-trace_logs", "-log_file", directory.path("logs.log"),
        ] + (arguments.contains("-mp") ? [] : ["-mp", String(try await freePortBlock(4))]) + arguments
        commandLine = [sipp] + arguments
        let screen = try openOutputFile(directory.path("screen.log"))
        let null = try openNullDevice()
        defer {
            close(screen)
            close(null)
        }
        process = try ChildProcess(executable: sipp, arguments: arguments, environment: ProcessInfo.processInfo.environment,
                                   stdin: null, stdout: screen, stderr: screen)
        if waitUntilListening {
            let port = self.port
            let process = self.process
            let ready = await waitUntil(timeout: .seconds(10)) {
                isListening(port: port, transport: transport) || !process.isRunning
            }
            // A client may have played its whole call and ended already: that is fine.
            if !ready || (!process.isRunning && remote == nil) {
                let report = self.report
                stop()
                throw TestSupportError("sipp did not start listening on 127.0.0.1:\(port)\n\(report)")
            }
        }
    }

    deinit { stop() }

    public var isRunning: Bool { process.isRunning }

    /// The address as `127.0.0.1:port`.
    public var hostPort: String { "127.0.0.1:\(port)" }

    /// Waits (bounded) for sipp to end by itself; its exit status (0: every call succeeded,
    /// 1: a call failed), nil if it is still running.
    public func waitForExit(timeout: Duration = .seconds(15)) async -> Int32? {
        await process.waitForExit(timeout: timeout)
    }

    /// Ends sipp (SIGTERM, then SIGKILL) and removes its directory. Idempotent.
    public func stop() {
        guard stopping.claim() else { return }
        process.stop()
        directory.remove()
    }

    /// Every message sipp sent or received so far (`-trace_msg`).
    public var messages: [SIPTraceMessage] { SIPTraceMessage.parseSippMessageLog(directory.read("messages.log")) }

    /// What sipp printed.
    public var screen: String { directory.read("screen.log") }
    public var errors: String { directory.read("errors.log") }
    /// What the scenario's `<log>` actions wrote.
    public var logs: String { directory.read("logs.log") }

    /// What the scenario's own checks found wrong: "CHECK FAILED: …" lines its `<log>`
    /// actions wrote, and "Failed regexp match" (a `check_it` ereg) from errors.log. A check
    /// failure fails the call too, but this says which check, for the failure message.
    public var checkFailures: [String] {
        let logged = logs.split(separator: "\n").filter { $0.contains("CHECK FAILED") }.map(String.init)
        let regexps = errors.components(separatedBy: "Failed regexp match").dropFirst()
            .map { "Failed regexp match" + String($0.prefix(300)) }
        return logged + regexps
    }

    /// The command line, how it ended, and its files: for a failure message.
    public var report: String {
        let state = process.endStatus.map { "exit status \($0)" } ?? "still running"
        return "sipp (\(state)): \(commandLine.joined(separator: " "))\n\(directory.contents())"
    }
}
