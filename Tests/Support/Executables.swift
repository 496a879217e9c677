import Foundation

/// The full path of an executable on PATH (or in /usr/bin, /usr/sbin, /usr/local/bin), or nil.
public func executable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/sbin", "/usr/local/bin"] {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// A helper program failed, or a helper could not do what it was asked.
public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Runs a program to its end (bounded by `timeout`), returning its exit status and what it
/// printed (stdout and stderr together). It is killed if it overruns, and always reaped.
@discardableResult
public func run(_ program: String, _ arguments: [String], input: String? = nil,
                timeout: Duration = .seconds(60)) throws -> (status: Int32, output: String) {
    // Output into a file: a pipe read only at the end could fill and stall the program.
    let directory = try TemporaryDirectory(prefix: "dialtone-run")
    defer { directory.remove() }
    let output = try openOutputFile(directory.path("output"))
    defer { close(output) }
    ignoreSIGPIPE()
    let stdin: Int32
    var inputPipe: (read: Int32, write: Int32)?
    if input != nil {
        inputPipe = try makePipe()
        stdin = inputPipe!.read
    } else {
        stdin = try openNullDevice()
    }
    let child: ChildProcess
    do {
        child = try ChildProcess(executable: program, arguments: arguments, environment: ProcessInfo.processInfo.environment,
                                 stdin: stdin, stdout: output, stderr: output)
    } catch {
        close(stdin)
        if let inputPipe { close(inputPipe.write) }
        throw error
    }
    close(stdin)
    if let inputPipe, let input {
        let bytes = Array(input.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBufferPointer { write(inputPipe.write, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            written += count
        }
        close(inputPipe.write)
    }
    let deadline = ContinuousClock.now + timeout
    while child.isRunning && ContinuousClock.now < deadline { usleep(5_000) }
    child.stop(grace: .milliseconds(500))
    return (child.endStatus ?? -1, directory.read("output"))
}

/// Writing to a pipe whose reader has gone must fail with EPIPE, not kill the test runner.
func ignoreSIGPIPE() {
    _ = ignoreSIGPIPEOnce
}

private let ignoreSIGPIPEOnce: Void = {
    signal(SIGPIPE, SIG_IGN)
}()

/// Polls `condition` every `interval` until it holds or `timeout` passes; whether it held.
public func waitUntil(timeout: Duration, interval: Duration = .milliseconds(20),
                      _ condition: () throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: interval)
    }
}
