import Foundation

/// The built `dialtone` binary run as a user would run it, for the headless
/// (`--no-tui`) integration tests: arguments and environment given, stdin a pipe the
/// test writes to whenever it likes (answers to prompts), stdout and stderr read line by
/// line as they come, SIGINT on request, and the exit status waited for with a limit.
/// The process is killed when the test ends without it having exited (`kill()`, `deinit`).
///
/// Each run gets its own XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_STATE_HOME (a scratch
/// directory), so the tester's own config and history never leak in, and
/// DIALTONE_PASSWORD is only set when the test passes it.
public final class DialtoneProcess: @unchecked Sendable {
    // @unchecked: `cursors` and `inputClosed`, the only vars, are read and written only
    // under `lock`; the buffers lock themselves; everything else is a `let`.
    public enum Stream: String, Sendable { case stdout, stderr }

    public let arguments: [String]
    public let directory: TemporaryDirectory
    private let process: ChildProcess
    private let input: Int32
    private let buffers: [Stream: LineBuffer] = [.stdout: LineBuffer(), .stderr: LineBuffer()]
    private let lock = NSLock()
    private var cursors: [Stream: Int] = [.stdout: 0, .stderr: 0]
    private var inputClosed = false

    /// Starts `dialtone arguments…`. `environment` is added to (and overrides) the test's
    /// own, minus DIALTONE_PASSWORD and the XDG directories.
    public init(_ arguments: [String], environment: [String: String] = [:]) throws {
        self.arguments = arguments
        directory = try TemporaryDirectory(prefix: "dialtone-run")
        var env = ProcessInfo.processInfo.environment
        env["DIALTONE_PASSWORD"] = nil
        for (name, subdirectory) in [("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state")] {
            let path = directory.path(subdirectory)
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            env[name] = path
        }
        env["NO_COLOR"] = "1"
        env.merge(environment) { _, new in new }
        ignoreSIGPIPE()
        let stdin = try makePipe()
        let stdout = try makePipe()
        let stderr = try makePipe()
        do {
            process = try ChildProcess(executable: try Self.binary().path, arguments: arguments, environment: env,
                                       stdin: stdin.read, stdout: stdout.write, stderr: stderr.write)
        } catch {
            for fd in [stdin.read, stdin.write, stdout.read, stdout.write, stderr.read, stderr.write] { close(fd) }
            throw error
        }
        for fd in [stdin.read, stdout.write, stderr.write] { close(fd) }
        input = stdin.write
        let echo = ProcessInfo.processInfo.environment["DIALTONE_TEST_VERBOSE"] != nil
        for (stream, descriptor) in [(Stream.stdout, stdout.read), (Stream.stderr, stderr.read)] {
            let buffer = buffers[stream]!
            let reader = Thread {
                var chunk = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = read(descriptor, &chunk, chunk.count)
                    if count < 0 && errno == EINTR { continue }
                    if count <= 0 { break }
                    if echo {
                        let text = String(decoding: chunk[0..<count], as: UTF8.self)
                        FileHandle.standardError.write(Data("[dialtone \(stream.rawValue)] \(text)".utf8))
                    }
                    buffer.append(chunk[0..<count])
                }
                close(descriptor)
                buffer.finish()
            }
            reader.start()
        }
    }

    deinit {
        kill()
        directory.remove()
    }

    /// The `dialtone` executable: $DIALTONE_BINARY, else beside the test runner (where
    /// SwiftPM puts executables and test bundles), else the package's .build/debug.
    public static func binary() throws -> URL {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["DIALTONE_BINARY"], !path.isEmpty {
            candidates.append(URL(fileURLWithPath: path))
        }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("dialtone"))
        }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent().appendingPathComponent("dialtone"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("dialtone"))
        // Tests/Support/DialtoneProcess.swift → the package root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/dialtone"))
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) { return found }
        throw TestSupportError("the dialtone binary was not found; build it first (swift build --build-tests) or set DIALTONE_BINARY. Looked in: "
            + candidates.map(\.path).joined(separator: ", "))
    }

    public var processIdentifier: Int32 { process.pid }
    public var isRunning: Bool { process.isRunning }

    // MARK: Input

    /// Writes `text` to dialtone's stdin.
    public func write(_ text: String) throws {
        let closed = lock.withLock { inputClosed }
        guard !closed else { throw TestSupportError("dialtone's stdin is already closed") }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBufferPointer { Foundation.write(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw TestSupportError("writing to dialtone's stdin failed: \(String(cString: strerror(errno)))\n\(transcript)")
            }
            written += count
        }
    }

    /// Answers a prompt: `line` and a newline.
    public func send(line: String) throws { try write(line + "\n") }

    /// End of input: what a user giving up at a prompt does (Ctrl-D). Idempotent.
    public func closeInput() {
        let first = lock.withLock { () -> Bool in
            defer { inputClosed = true }
            return !inputClosed
        }
        if first { close(input) }
    }

    // MARK: Output

    /// Everything printed on `stream` so far.
    public func output(_ stream: Stream = .stdout) -> String { buffers[stream]!.text }

    /// The lines printed on `stream` so far; the last one may be a line not yet ended (a prompt).
    public func lines(_ stream: Stream = .stdout) -> [String] { buffers[stream]!.lines }

    /// Waits for a line (after the last one this method returned on that stream) for which
    /// `matches` holds, and returns it. A line still being written counts, so a prompt is
    /// seen before its answer is typed. Throws, with all the output, when `timeout` passes
    /// or dialtone's stream ends first.
    @discardableResult
    public func waitForLine(in stream: Stream = .stdout, timeout: Duration = .seconds(10),
                            description: String, where matches: (String) -> Bool) async throws -> String {
        let buffer = buffers[stream]!
        let deadline = ContinuousClock.now + timeout
        while true {
            let start = lock.withLock { cursors[stream]! }
            let (lines, finished) = buffer.snapshot
            if start < lines.count, let index = lines[start...].firstIndex(where: matches) {
                lock.withLock { cursors[stream] = index + 1 }
                return lines[index]
            }
            if finished {
                throw TestSupportError("dialtone's \(stream) ended without a line \(description)\n\(transcript)")
            }
            if ContinuousClock.now >= deadline {
                throw TestSupportError("no line \(description) on dialtone's \(stream) within \(timeout)\n\(transcript)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @discardableResult
    public func waitForLine(containing text: String, in stream: Stream = .stdout,
                            timeout: Duration = .seconds(10)) async throws -> String {
        try await waitForLine(in: stream, timeout: timeout, description: "containing \"\(text)\"") { $0.contains(text) }
    }

    /// Waits for a prompt on stderr: a line whose text ends with `suffix` ("Username:",
    /// "Password:"), trailing spaces aside.
    @discardableResult
    public func waitForPrompt(endingWith suffix: String = "Password:", timeout: Duration = .seconds(10)) async throws -> String {
        try await waitForLine(in: .stderr, timeout: timeout, description: "ending in \"\(suffix)\"") {
            $0.trimmingCharacters(in: .whitespaces).hasSuffix(suffix)
        }
    }

    /// The stdout lines that are JSON objects (`--json`), as string fields.
    public var jsonLines: [JSONLine] { lines(.stdout).compactMap(JSONLine.init) }

    /// Waits for a `--json` line whose "event" is `event` and whose fields include `fields`.
    @discardableResult
    public func waitForEvent(_ event: String, fields: [String: String] = [:], timeout: Duration = .seconds(10)) async throws -> JSONLine {
        let line = try await waitForLine(timeout: timeout, description: "with event \"\(event)\" \(fields)") { line in
            guard let json = JSONLine(line), json.event == event else { return false }
            return fields.allSatisfy { json[$0.key] == $0.value }
        }
        return JSONLine(line)!
    }

    /// stdout and stderr so far, for a failure message.
    public var transcript: String {
        "$ dialtone \(arguments.joined(separator: " "))\n--- stdout:\n\(output(.stdout))\n--- stderr:\n\(output(.stderr))"
    }

    // MARK: Ending

    /// Ctrl-C.
    public func interrupt() {
        process.send(SIGINT)
    }

    /// Waits for dialtone to exit by itself and returns its exit status. Throws (after
    /// killing it) if it is still running after `timeout`, or if a signal ended it.
    @discardableResult
    public func waitForExit(timeout: Duration = .seconds(15)) async throws -> Int32 {
        guard await process.waitForExit(timeout: timeout) != nil else {
            kill()
            throw TestSupportError("dialtone was still running after \(timeout); killed\n\(transcript)")
        }
        // The readers finish once the pipes are drained, so the output is complete.
        _ = await waitUntil(timeout: .seconds(2)) { self.buffers.values.allSatisfy { $0.snapshot.finished } }
        if let signal = process.terminatingSignal {
            throw TestSupportError("dialtone was ended by signal \(signal)\n\(transcript)")
        }
        return process.exitStatus ?? -1
    }

    /// Ends dialtone at once if it is still running (SIGTERM, then SIGKILL). Idempotent.
    public func kill() {
        closeInput()
        process.stop(grace: .milliseconds(500))
    }
}

/// A `--json` output line, its values as strings (numbers and booleans printed plainly).
public struct JSONLine: Sendable, CustomStringConvertible {
    public let raw: String
    public let fields: [String: String]

    public init?(_ line: String) {
        guard line.hasPrefix("{"),
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        raw = line
        var fields: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case let string as String: fields[key] = string
            case is NSNull: continue
            case let number as NSNumber:
                // JSON true/false come back as NSNumbers of type char ("c"); say them as JSON does.
                let isBool = String(cString: number.objCType) == "c" || String(describing: type(of: number)).contains("Bool")
                fields[key] = isBool ? (number.boolValue ? "true" : "false") : number.stringValue
            default:
                if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) {
                    fields[key] = String(decoding: data, as: UTF8.self)
                }
            }
        }
        self.fields = fields
    }

    public var event: String? { fields["event"] }
    public subscript(key: String) -> String? { fields[key] }
    public var description: String { raw }
}

/// Output of one stream, kept whole and split into lines on demand.
final class LineBuffer: @unchecked Sendable {
    // @unchecked: `bytes` and `finished` are read and written only under `lock`.
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var finished = false

    func append(_ chunk: ArraySlice<UInt8>) { lock.withLock { bytes.append(contentsOf: chunk) } }
    func finish() { lock.withLock { finished = true } }

    var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }

    /// The lines (the last one possibly unfinished, without its newline) and whether the stream ended.
    var snapshot: (lines: [String], finished: Bool) {
        let (text, finished) = lock.withLock { (String(decoding: bytes, as: UTF8.self), self.finished) }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        return (lines, finished)
    }

    var lines: [String] { snapshot.lines }
}
