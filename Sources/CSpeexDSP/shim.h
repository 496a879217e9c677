// speexdsp (Debian libspeexdsp-dev): the resampler and the echo canceller.
#ifndef DIALTONE_CSPEEXDSP_SHIM_H
#define DIALTONE_CSPEEXDSP_SHIM_H
#include <speex/speex_resampler.h>
#include <speex/speex_echo.h>
#include <speex/speex_preprocess.h>
static inline int cspeex_echo_set_sampling_rate(SpeexEchoState *st, int rate) { return speex_echo_ctl(st, SPEEX_ECHO_SET_SAMPLING_RATE, &rate); }
static inline int cspeex_preprocess_set_echo_state(SpeexPreprocessState *pp, SpeexEchoState *echo) { return speex_preprocess_ctl(pp, SPEEX_PREPROCESS_SET_ECHO_STATE, echo); }
#endif
