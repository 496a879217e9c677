import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with posix_spawn in a process group of its own, reaped with
/// waitpid by this object, and ended with its whole group.
///
/// Not Foundation's `Process`: on Linux, Foundation learns that a child ended from a socket
/// the child inherits, so a child that forks (kamailio forks a dozen workers) and leaves a
/// worker behind is never seen to end, and `waitUntilExit()` hangs; nor can `Process` signal
/// the workers. Here the group is the unit: stop() signals `-pid`, so nothing kamailio
/// forked survives the test.
final class ChildProcess: @unchecked Sendable {
    // @unchecked: `status` and `signal`, the only vars, are read and written only under
    // `lock`; everything else is a `let`.
    let pid: pid_t
    let commandLine: [String]
    private let lock = NSLock()
    private var status: Int32?
    private var signal: Int32?

    /// - stdin, stdout, stderr: descriptors the child gets as 0, 1, 2.
    init(executable: String, arguments: [String], environment: [String: String],
         stdin: Int32, stdout: Int32, stderr: Int32) throws {
        commandLine = [executable] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        #if os(Linux)
        // Nothing else of the test runner's leaks into the child (sockets, pipes, other
        // children's descriptors): a leaked descriptor can keep a pipe or a socket open.
        // glibc ≥ 2.34 has it, but declares it for _GNU_SOURCE only, which Swift's Glibc
        // module does not see: look it up.
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
            _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
        }
        #endif
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        // The child starts with default signal handling and nothing blocked, whatever the
        // test runner's thread ignores (SIGPIPE) or blocks: otherwise a SIGINT or SIGTERM
        // sent by a test would stay pending.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        var flags = Int32(POSIX_SPAWN_SETPGROUP) | Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw TestSupportError("could not start \(executable): \(String(cString: strerror(result)))")
        }
        pid = child
    }

    deinit { stop(grace: .milliseconds(200)) }

    /// Reaps the child if it has ended.
    private func poll() {
        lock.withLock {
            guard status == nil, signal == nil else { return }
            var raw: Int32 = 0
            let result = waitpid(pid, &raw, WNOHANG)
            if result == pid {
                if raw & 0x7f == 0 { status = (raw >> 8) & 0xff } else { signal = raw & 0x7f }
            } else if result < 0 && errno == ECHILD {
                signal = -1   // reaped elsewhere: gone, status unknown
            }
        }
    }

    var isRunning: Bool {
        poll()
        return lock.withLock { status == nil && signal == nil }
    }

    /// The exit status, once it exited normally.
    var exitStatus: Int32? {
        poll()
        return lock.withLock { status }
    }

    /// The signal that ended it, if one did.
    var terminatingSignal: Int32? {
        poll()
        return lock.withLock { signal }
    }

    /// Exit status (or 128 + signal) once ended, nil if still running after `timeout`.
    func waitForExit(timeout: Duration) async -> Int32? {
        _ = await waitUntil(timeout: timeout, interval: .milliseconds(20)) { !self.isRunning }
        return endStatus
    }

    var endStatus: Int32? {
        poll()
        return lock.withLock { status ?? signal.map { 128 + $0 } }
    }

    func send(_ signal: Int32) {
        if isRunning { kill(pid, signal) }
    }

    /// Ends the child and its whole process group: SIGTERM, up to `grace`, SIGKILL. Reaps it.
    func stop(grace: Duration = .seconds(2)) {
        if isRunning {
            kill(-pid, SIGTERM)
            let deadline = ContinuousClock.now + grace
            while isRunning && ContinuousClock.now < deadline { usleep(10_000) }
        }
        // The group may outlive its leader (workers left behind): kill what is left.
        kill(-pid, SIGKILL)
        if isRunning {
            let deadline = ContinuousClock.now + .seconds(2)
            while isRunning && ContinuousClock.now < deadline { usleep(10_000) }
        }
    }
}

/// A descriptor open for writing on `path` (created or truncated), for a child's output.
func openOutputFile(_ path: String) throws -> Int32 {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw TestSupportError("cannot write \(path): \(String(cString: strerror(errno)))") }
    return fd
}

/// /dev/null, for a child's stdin.
func openNullDevice() throws -> Int32 {
    let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw TestSupportError("cannot open /dev/null") }
    return fd
}

/// A pipe whose two ends are close-on-exec in this process (dup2 clears the flag on the
/// end the child gets).
func makePipe() throws -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw TestSupportError("pipe failed: \(String(cString: strerror(errno)))") }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return (fds[0], fds[1])
}

/// kill(2), under a name that a type's own `kill()` method cannot shadow.
func sendSignal(_ signal: Int32, to pid: Int32) {
    _ = kill(pid, signal)
}

/// True the first time `claim()` is called and never again, from any thread: what makes
/// a peer's `stop()` idempotent.
final class FirstTime: Sendable {
    private let claimed = Mutex(false)

    func claim() -> Bool {
        claimed.withLock { claimed in
            defer { claimed = true }
            return !claimed
        }
    }
}
