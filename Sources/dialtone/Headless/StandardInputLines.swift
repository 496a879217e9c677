#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// Standard input, when it is a pipe or a file, read by one thread and shared: a line that
/// is a call command (`dtmf 12#`, `hold`, `hangup`…) goes to the command stream; any other
/// line answers the prompt that waits for it (a password from an expect script), or waits
/// for the next prompt. End of input ends nothing but the prompts (the call goes on).
final class StandardInputLines: Sendable {
    private struct State {
        var waiting: [CheckedContinuation<String?, Never>] = []
        var buffered: [String] = []
        var ended = false
    }

    let commands: AsyncStream<HeadlessCallCommand>
    private let feed: AsyncStream<HeadlessCallCommand>.Continuation
    private let state = Mutex(State())
    /// Lines of the command form that were not commands after all are reported here.
    let problems: AsyncStream<String>
    private let problemFeed: AsyncStream<String>.Continuation

    init() {
        (commands, feed) = AsyncStream<HeadlessCallCommand>.makeStream()
        (problems, problemFeed) = AsyncStream<String>.makeStream()
    }

    /// Starts reading (once). Only for a standard input that is not a terminal.
    func start() {
        DispatchQueue(label: "dialtone.stdin").async { [self] in
            var line: [UInt8] = []
            var byte: UInt8 = 0
            while true {
                let count = read(0, &byte, 1)
                if count == 1 {
                    if byte == UInt8(ascii: "\n") {
                        deliver(line)
                        line.removeAll(keepingCapacity: true)
                    } else if line.count < 4096 {
                        line.append(byte)
                    }
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    if !line.isEmpty { deliver(line) }
                    break
                }
            }
            let waiting = state.withLock { state -> [CheckedContinuation<String?, Never>] in
                state.ended = true
                defer { state.waiting.removeAll() }
                return state.waiting
            }
            for continuation in waiting { continuation.resume(returning: nil) }
            feed.finish()
        }
    }

    private func deliver(_ bytes: [UInt8]) {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        switch HeadlessCallCommand.parse(text) {
        case let .command(command):
            feed.yield(command)
            return
        case let .problem(problem):
            problemFeed.yield(problem)
            return
        case .notACommand:
            break
        }
        let continuation = state.withLock { state -> CheckedContinuation<String?, Never>? in
            if state.waiting.isEmpty {
                state.buffered.append(text)
                if state.buffered.count > 16 { state.buffered.removeFirst() }
                return nil
            }
            return state.waiting.removeFirst()
        }
        continuation?.resume(returning: text)
    }

    /// The next line that is not a command: a prompt's answer; nil at end of input.
    func nextAnswer() async -> String? {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> String?? in
                if !state.buffered.isEmpty { return .some(state.buffered.removeFirst()) }
                if state.ended { return .some(nil) }
                state.waiting.append(continuation)
                return .none
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

/// A command read from standard input during a headless call.
enum HeadlessCallCommand: Sendable, Equatable {
    case dtmf(String)
    case hold
    case resume
    case mute
    case unmute
    case hangup

    enum Parsed: Equatable {
        case command(HeadlessCallCommand)
        /// The line starts like a command but is not a good one: what is wrong.
        case problem(String)
        case notACommand
    }

    static func parse(_ line: String) -> Parsed {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first?.lowercased() else { return .notACommand }
        switch first {
        case "hold", "resume", "mute", "unmute", "hangup":
            guard words.count == 1 else { return .problem("\(first) takes no arguments: \"\(line)\"") }
            switch first {
            case "hold": return .command(.hold)
            case "resume": return .command(.resume)
            case "mute": return .command(.mute)
            case "unmute": return .command(.unmute)
            default: return .command(.hangup)
            }
        case "dtmf":
            guard words.count == 2 else { return .problem("dtmf takes one argument, the digits: \"\(line)\"") }
            let digits = words[1]
            guard digits.allSatisfy({ "0123456789*#ABCDabcd".contains($0) }) else {
                return .problem("dtmf \(digits): only 0-9, *, # and A-D can be sent")
            }
            return .command(.dtmf(digits.uppercased()))
        default:
            return .notACommand
        }
    }
}
