#if canImport(Glibc)
import Glibc
#endif
import CNCurses

/// SIGINT, SIGTERM, SIGHUP and SIGWINCH as bytes on a pipe (the self-pipe trick, in
/// CNCurses/shim.h): the UI thread polls the read end and handles them as inputs, so no
/// curses call ever runs in a signal handler. The only caller of the shim's signal code.
final class SignalPipe {
    let readFD: Int32
    private let writeFD: Int32

    init() {
        (readFD, writeFD) = makeWakePipe()
        _ = cnc_install_signal_pipe(writeFD)
    }

    /// The signals that arrived since the last call.
    func drain() -> [Int32] {
        var bytes = [UInt8](repeating: 0, count: 64)
        var out: [Int32] = []
        while true {
            let n = read(readFD, &bytes, bytes.count)
            guard n > 0 else { break }
            out += bytes[0..<n].map { Int32($0) }
        }
        return out
    }

    func restore() {
        cnc_restore_signals()
        close(readFD)
        close(writeFD)
    }
}
