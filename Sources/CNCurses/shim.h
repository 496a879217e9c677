// The ncurses surface Swift can use. The wide-character API is hidden unless
// NCURSES_WIDECHAR is set before curses.h; macros and C globals that Swift 6 cannot
// import (or rejects as unsafe) get static inline accessors with a cnc_ prefix.
#ifndef DIALTONE_CNCURSES_SHIM_H
#define DIALTONE_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <wchar.h>
#include <termios.h>
#include <ncursesw/curses.h>

static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_lines(void) { return LINES; }
static inline int cnc_cols(void) { return COLS; }
static inline void cnc_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline attr_t cnc_attr_bold(void) { return A_BOLD; }
static inline attr_t cnc_attr_reverse(void) { return A_REVERSE; }
static inline attr_t cnc_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t cnc_attr_dim(void) { return A_DIM; }
static inline int cnc_key_f(int n) { return KEY_F(n); }
static inline int cnc_color_pair(int n) { return COLOR_PAIR(n); }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }

// Macros over stdscr, as functions Swift can call.
static inline int cnc_get_wch(wint_t *ch) { return get_wch(ch); }
static inline int cnc_attr_set(attr_t attrs, short pair) { return attr_set(attrs, pair, NULL); }
static inline int cnc_mvaddnwstr(int y, int x, const wchar_t *s, int n) { return mvaddnwstr(y, x, s, n); }
static inline int cnc_move(int y, int x) { return move(y, x); }
static inline int cnc_refresh(void) { return refresh(); }
static inline int cnc_clear_screen(void) { return clearok(curscr, TRUE); }
static inline int cnc_key_resize(void) { return KEY_RESIZE; }
static inline int cnc_key_code_yes(void) { return KEY_CODE_YES; }

// Signals as bytes on a pipe (the self-pipe trick): the handler only write()s, which is
// async-signal-safe; the UI thread reads the byte after poll() and acts on it there
// (never endwin() in a handler). SIGWINCH is passed on to ncurses's own handler so it
// still reports KEY_RESIZE. The state is static in this header: only one Swift file
// (CursesTerminal/SignalPipe.swift) may call these, so there is one copy of it.
// Function-local statics, so the storage is emitted wherever the functions are.
static inline int *cnc_signal_fd(void) { static int fd = -1; return &fd; }
static inline struct sigaction *cnc_saved_action(int index) { static struct sigaction saved[4]; return &saved[index]; }
static const int cnc_handled_signals[4] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP };

static void cnc_signal_handler(int sig) {
    int saved = errno;
    unsigned char byte = (unsigned char)sig;
    int fd = *cnc_signal_fd();
    if (fd >= 0) { ssize_t ignored = write(fd, &byte, 1); (void)ignored; }
    struct sigaction *winch = cnc_saved_action(0);
    if (sig == SIGWINCH && !(winch->sa_flags & SA_SIGINFO) && winch->sa_handler != SIG_DFL && winch->sa_handler != SIG_IGN) {
        winch->sa_handler(sig);
    }
    errno = saved;
}

static inline int cnc_install_signal_pipe(int fd) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cnc_signal_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    *cnc_signal_fd() = fd;
    for (int i = 0; i < 4; i++) {
        if (sigaction(cnc_handled_signals[i], &action, cnc_saved_action(i)) != 0) return -1;
    }
    return 0;
}

static inline void cnc_restore_signals(void) {
    for (int i = 0; i < 4; i++) sigaction(cnc_handled_signals[i], cnc_saved_action(i), NULL);
    *cnc_signal_fd() = -1;
}
// A crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP: a Swift trap is SIGILL on
// x86-64 and SIGTRAP on arm64) must not leave the user's terminal raw, silent and on the
// alternate screen. The handler does only async-signal-safe things: it puts back the
// termios saved before initscr() and writes the terminal's own "leave" sequences (rmcup,
// cnorm, sgr0, rmkx from terminfo, copied here while the screen starts), then hands the
// signal to whoever had it before (Swift's backtracer prints on a sane terminal) or,
// with no one, returns with the default action back in place so the fault recurs and the
// process dies as it would have. Same one-caller rule as the signal pipe above.
enum { cnc_crash_signal_count = 6 };
static const int cnc_crash_signals[cnc_crash_signal_count] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
static inline struct sigaction *cnc_crash_saved_action(int index) { static struct sigaction saved[cnc_crash_signal_count]; return &saved[index]; }
static inline struct termios *cnc_crash_termios(void) { static struct termios saved; return &saved; }
static inline int *cnc_crash_termios_valid(void) { static int valid = 0; return &valid; }
static inline char *cnc_crash_sequence(void) { static char sequence[256]; return sequence; }

static void cnc_crash_handler(int sig, siginfo_t *info, void *context) {
    int index = 0;
    while (index < cnc_crash_signal_count && cnc_crash_signals[index] != sig) index++;
    if (*cnc_crash_termios_valid()) tcsetattr(STDIN_FILENO, TCSANOW, cnc_crash_termios());
    const char *sequence = cnc_crash_sequence();
    size_t length = strlen(sequence);
    if (length > 0) { ssize_t ignored = write(STDOUT_FILENO, sequence, length); (void)ignored; }
    if (index == cnc_crash_signal_count) return;
    struct sigaction *previous = cnc_crash_saved_action(index);
    sigaction(sig, previous, NULL);
    if ((previous->sa_flags & SA_SIGINFO) && previous->sa_sigaction) {
        previous->sa_sigaction(sig, info, context);
    } else if (!(previous->sa_flags & SA_SIGINFO) && previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
        previous->sa_handler(sig);
    }
    if (info == NULL || info->si_code <= 0) {
        // Sent with kill() or raise(): nothing will re-fault, and a chained handler may
        // have returned. Send it again with the default action: it is blocked until this
        // handler returns, then it ends the process as it would have.
        signal(sig, SIG_DFL);
        raise(sig);
    }
}

static inline void cnc_crash_append(const char *capability) {
    char *value = tigetstr((char *)capability);
    if (value == NULL || value == (char *)-1) return;
    char *sequence = cnc_crash_sequence();
    size_t used = strlen(sequence), length = strlen(value);
    if (used + length + 1 < 256) memcpy(sequence + used, value, length + 1);
}

// Before initscr(): remembers the terminal's modes.
static inline void cnc_crash_save_terminal(void) {
    *cnc_crash_termios_valid() = tcgetattr(STDIN_FILENO, cnc_crash_termios()) == 0;
}

// After initscr() (terminfo is loaded): copies the leave sequences, installs the handler.
static inline int cnc_crash_install(void) {
    cnc_crash_sequence()[0] = 0;
    cnc_crash_append("rmcup");
    cnc_crash_append("rmkx");
    cnc_crash_append("sgr0");
    cnc_crash_append("cnorm");
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = cnc_crash_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    for (int i = 0; i < cnc_crash_signal_count; i++) {
        if (sigaction(cnc_crash_signals[i], &action, cnc_crash_saved_action(i)) != 0) return -1;
    }
    return 0;
}

// When the screen ends normally: the handlers that were there before.
static inline void cnc_crash_uninstall(void) {
    for (int i = 0; i < cnc_crash_signal_count; i++) sigaction(cnc_crash_signals[i], cnc_crash_saved_action(i), NULL);
}
#endif
