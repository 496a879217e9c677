#include "csip_resolv.h"

#include <netinet/in.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <resolv.h>
#include <string.h>

int csip_res_query(const char *name, int type, unsigned char *answer, int answer_size) {
    struct __res_state state;
    memset(&state, 0, sizeof state);
    if (res_ninit(&state) != 0) {
        return CSIP_RES_INIT_FAILED;
    }
    int length = res_nquery(&state, name, ns_c_in, type, answer, answer_size);
    int error = state.res_h_errno;
    res_nclose(&state);
    if (length >= 0) {
        return length;
    }
    switch (error) {
    case HOST_NOT_FOUND: return CSIP_RES_HOST_NOT_FOUND;
    case NO_DATA: return CSIP_RES_NO_DATA;
    case TRY_AGAIN: return CSIP_RES_TRY_AGAIN;
    default: return CSIP_RES_NO_RECOVERY;
    }
}
