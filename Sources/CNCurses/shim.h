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
#endif
