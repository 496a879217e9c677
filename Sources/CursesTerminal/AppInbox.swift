#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import SIPUserAgent
import TerminalUI

/// Where other threads leave inputs for the screen: the user agent's events, the results
/// of effects. Pushing writes one byte to a pipe the UI thread polls, so the UI wakes at
/// once and sleeps otherwise. Safe from any thread.
public final class AppInbox: Sendable {
    private let queue = Mutex<[AppInput]>([])
    /// The pipe's read end, polled by the UI thread; the write end takes the wake-up bytes.
    let readFD: Int32
    private let writeFD: Int32

    public init() {
        (readFD, writeFD) = makeWakePipe()
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    public func push(_ event: SIPUserAgentEvent) { push(input: .event(event)) }

    public func push(input: AppInput) {
        queue.withLock { $0.append(input) }
        var byte: UInt8 = 1
        // A full pipe already has a wake-up pending; the queue holds the input either way.
        _ = write(writeFD, &byte, 1)
    }

    /// Everything pushed so far, oldest first; empties the pipe too.
    func drain() -> [AppInput] {
        var sink = [UInt8](repeating: 0, count: 256)
        while read(readFD, &sink, sink.count) > 0 {}
        return queue.withLock { inputs in
            defer { inputs.removeAll(keepingCapacity: true) }
            return inputs
        }
    }
}
