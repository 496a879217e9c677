#if canImport(Glibc)
import Glibc
#endif
import CNCurses
import TerminalUI

/// The run loop of the real screen. The calling thread becomes the only one that touches
/// curses: it draws a frame, then sleeps in poll() on stdin, the inbox's wake-up pipe and
/// the signal pipe, with a timeout only for the next clock change. Keys, events, signals
/// and ticks all become `AppInput`s for `AppState.update`; effects go to `perform`
/// (except quit and redraw, handled here). The terminal is restored on every way out.
public enum CursesApp {
    /// Runs until an effect says quit; returns the final state.
    public static func run(
        state initial: AppState,
        theme: Theme,
        inbox: AppInbox,
        environment: [String: String] = [:],
        perform: (AppEffect) -> Void
    ) -> AppState {
        var state = initial
        let screen = CursesScreen(theme: theme, environment: environment)
        let signals = SignalPipe()
        defer {
            screen.end()
            signals.restore()
        }
        // Also on exit() from elsewhere while the screen is up (not on a crash signal).
        atexit { endwin() }

        let (cols, rows) = screen.size
        _ = state.update(.key(.resize(cols: cols, rows: rows)))
        _ = state.update(.tick(now()))

        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signals.readFD, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            screen.draw(Screen.render(state))

            let timeout = Int32(min(60_000, max(10, (state.secondsUntilNextTick * 1000).rounded(.up))))
            for i in fds.indices { fds[i].revents = 0 }
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 && errno != EINTR { break }

            var inputs: [AppInput] = [.tick(now())]
            if fds[2].revents != 0 || ready < 0 {
                for signal in signals.drain() {
                    if signal == SIGINT || signal == SIGTERM || signal == SIGHUP { inputs.append(.terminate) }
                }
            }
            // Keys (and KEY_RESIZE after SIGWINCH); get_wch never blocks here.
            inputs += screen.readKeys().map(AppInput.key)
            if fds[1].revents != 0 { inputs += inbox.drain() }
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { inputs.append(.terminate) }
            // A safety net for a lost KEY_RESIZE: the size as curses knows it now.
            let size = screen.size
            if size.cols != state.size.cols || size.rows != state.size.rows {
                inputs.append(.key(.resize(cols: size.cols, rows: size.rows)))
            }

            for input in inputs {
                for effect in state.update(input) {
                    switch effect {
                    case .quit: return state
                    case .redraw: screen.invalidate()
                    default: perform(effect)
                    }
                }
            }
        }
        return state
    }

    /// The wall clock with the local UTC offset: the only clock the screen sees (and the
    /// one the wiring starts the state with).
    public static func now() -> WallClock {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var local = tm()
        localtime_r(&seconds, &local)
        return WallClock(seconds: Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9, utcOffset: Int(local.tm_gmtoff))
    }
}
