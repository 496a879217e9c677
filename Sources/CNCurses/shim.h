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
#endif
