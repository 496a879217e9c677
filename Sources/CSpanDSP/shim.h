// spandsp (Debian libspandsp-dev): G.722 and the packet-loss concealment used for G.711 and G.722. The umbrella spandsp.h pulls in libtiff,
// so only the headers G.722 needs are included.
#ifndef DIALTONE_CSPANDSP_SHIM_H
#define DIALTONE_CSPANDSP_SHIM_H
#include <stdint.h>
#include <inttypes.h>
#include <stdbool.h>
#include <spandsp/telephony.h>
#include <spandsp/g722.h>
#include <spandsp/plc.h>
#endif
