// libsndfile (Debian libsndfile1-dev): WAV files for --audio-in / --audio-out.
#ifndef DIALTONE_CSNDFILE_SHIM_H
#define DIALTONE_CSNDFILE_SHIM_H
#include <sndfile.h>
#endif
