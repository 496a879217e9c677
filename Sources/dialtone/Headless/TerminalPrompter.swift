#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Asks a person for a line: on standard input when it is a terminal (echo off for
/// secrets) or a pipe (an expect script, a test), else on the controlling terminal
/// (/dev/tty). Prompts go to standard error, so standard output keeps only events.
final class TerminalPrompter: Sendable {
    enum Input: Sendable {
        case standardInput(isTerminal: Bool)
        case controllingTerminal
        case none
    }

    let input: Input
    /// Standard input shared with the call commands, when it is a pipe or a file.
    let lines: StandardInputLines?
    private let queue = DispatchQueue(label: "dialtone.prompt")

    init() {
        var status = stat()
        if isatty(0) == 1 {
            input = .standardInput(isTerminal: true)
        } else if fstat(0, &status) == 0, (status.st_mode & S_IFMT) == S_IFIFO || (status.st_mode & S_IFMT) == S_IFREG
                    || (status.st_mode & S_IFMT) == S_IFSOCK {
            input = .standardInput(isTerminal: false)
        } else {
            let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
            if fd >= 0 {
                close(fd)
                input = .controllingTerminal
            } else {
                input = .none
            }
        }
        if case .standardInput(isTerminal: false) = input {
            let lines = StandardInputLines()
            lines.start()
            self.lines = lines
        } else {
            lines = nil
        }
    }

    var canAsk: Bool {
        if case .none = input { return false }
        return true
    }

    /// The line typed (without its line break), or nil at end of input (the person gives up).
    func ask(_ prompt: String, secret: Bool) async -> String? {
        if let lines {
            // A pipe gets a whole line (what an expect script or a test reads).
            Self.writeAll(2, prompt + "\n")
            return await lines.nextAnswer()
        }
        let input = self.input
        return await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Self.readAnswer(prompt, secret: secret, input: input))
            }
        }
    }

    private static func readAnswer(_ prompt: String, secret: Bool, input: Input) -> String? {
        let fd: Int32
        var owned = false
        var isTerminal = false
        switch input {
        case .none:
            return nil
        case let .standardInput(terminal):
            fd = 0
            isTerminal = terminal
        case .controllingTerminal:
            fd = open("/dev/tty", O_RDWR | O_NOCTTY)
            guard fd >= 0 else { return nil }
            owned = true
            isTerminal = true
        }
        defer { if owned { close(fd) } }
        // A terminal gets the prompt where the cursor waits; a pipe gets a whole line
        // (what an expect script or a test reads).
        let shown = isTerminal ? prompt : prompt + "\n"
        writeAll(owned ? fd : 2, shown)
        var saved = termios()
        let hideEcho = secret && isTerminal && tcgetattr(fd, &saved) == 0
        if hideEcho {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(fd, TCSAFLUSH, &quiet)
        }
        defer {
            if hideEcho {
                tcsetattr(fd, TCSAFLUSH, &saved)
                writeAll(owned ? fd : 2, "\n")
            }
        }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(fd, &byte, 1)
            if count == 1 {
                if byte == UInt8(ascii: "\n") { break }
                line.append(byte)
                if line.count > 4096 { break }
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return line.isEmpty ? nil : String(decoding: line, as: UTF8.self)
            }
        }
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
    }

    private static func writeAll(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 { if errno == EINTR { continue } else { return } }
            offset += written
        }
    }
}
