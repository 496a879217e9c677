// libsrtp2 (Debian libsrtp2-dev): SRTP/SRTCP with SDES keys (RFC 4568).
#ifndef DIALTONE_CSRTP_SHIM_H
#define DIALTONE_CSRTP_SHIM_H
#include <srtp2/srtp.h>
#endif
