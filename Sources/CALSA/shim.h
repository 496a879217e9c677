// ALSA (Debian libasound2-dev): capture and playback devices.
#ifndef DIALTONE_CALSA_SHIM_H
#define DIALTONE_CALSA_SHIM_H
#include <alsa/asoundlib.h>

// ALSA prints its errors to stderr by default, which would scribble over the curses screen.
// Its handler type is variadic, which Swift cannot define, so the shim provides a silent one;
// MediaNIO reports every failure itself from the returned error codes.
__attribute__((unused))
static void dialtone_alsa_quiet_error_handler(const char *file, int line, const char *function,
                                              int err, const char *fmt, ...) {
    (void)file; (void)line; (void)function; (void)err; (void)fmt;
}

static inline int dialtone_alsa_silence_errors(void) {
    return snd_lib_error_set_handler(dialtone_alsa_quiet_error_handler);
}
#endif
