#if canImport(Glibc)
import Glibc
#endif

/// A non-blocking, close-on-exec pipe: how other threads (the inbox) and signal handlers
/// (the signal pipe) wake the UI thread out of poll(). Without one the screen cannot run,
/// so failing to make it (no descriptors left) stops the program with the reason.
func makeWakePipe() -> (read: Int32, write: Int32) {
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else {
        preconditionFailure("pipe failed: \(String(cString: strerror(errno)))")
    }
    for fd in fds {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }
    return (fds[0], fds[1])
}
