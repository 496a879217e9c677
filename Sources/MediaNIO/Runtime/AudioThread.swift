#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A dedicated POSIX thread for one call's audio: no Swift concurrency executor, no
/// Foundation. It asks for real-time scheduling (SCHED_FIFO) and keeps the normal policy
/// when the system refuses (an unprivileged user): the loop is paced either way.
final class AudioThread: Sendable {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    private let thread: Mutex<pthread_t?> = Mutex(nil)

    /// Starts `body` on a new thread.
    init(body: @escaping @Sendable () -> Void) throws(AudioThreadError) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var handle = pthread_t()
        let status = pthread_create(&handle, nil, { context in
            let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
            var parameters = sched_param()
            parameters.sched_priority = 10
            _ = pthread_setschedparam(pthread_self(), SCHED_FIFO, &parameters)
            body.run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            throw AudioThreadError(code: status)
        }
        thread.withLock { $0 = handle }
    }

    /// Waits for the body to return (the caller has told it to stop). Once only.
    func join() {
        guard let handle = thread.withLock({ value -> pthread_t? in defer { value = nil }; return value }) else { return }
        pthread_join(handle, nil)
    }
}

/// The system refused a thread.
struct AudioThreadError: Error, CustomStringConvertible {
    var code: Int32
    var description: String { "cannot start the audio thread: \(String(cString: strerror(code)))" }
}

/// The monotonic clock the audio thread paces itself by (the sans-IO parts get `now` from it).
enum MonotonicClock {
    static func now() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }

    /// Sleeps until `deadline` on the monotonic clock (absolute, so pacing does not drift).
    static func sleep(until deadline: Duration) {
        let (seconds, attoseconds) = deadline.components
        var spec = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &spec, nil) == EINTR {}
    }
}
