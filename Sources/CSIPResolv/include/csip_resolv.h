#ifndef CSIP_RESOLV_H
#define CSIP_RESOLV_H

// Outcomes of csip_res_query besides a positive answer length.
/// The name does not exist (NXDOMAIN).
#define CSIP_RES_HOST_NOT_FOUND (-1)
/// The name exists but has no record of the type asked for.
#define CSIP_RES_NO_DATA (-2)
/// A temporary failure: no server answered, or one answered SERVFAIL.
#define CSIP_RES_TRY_AGAIN (-3)
/// A permanent failure: the server refused, or the answer could not be read.
#define CSIP_RES_NO_RECOVERY (-4)
/// The resolver could not be set up (no usable /etc/resolv.conf).
#define CSIP_RES_INIT_FAILED (-5)

/// One DNS query of class IN through the system resolver (res_nquery, with a resolver
/// state of its own so that concurrent callers on different threads do not share one).
/// Blocks until the answer comes or the resolver's timeout runs out.
///
/// Returns the length of the answer written to `answer` (which may be larger than
/// `answer_size`: the answer was truncated), or one of the CSIP_RES_ values.
int csip_res_query(const char *name, int type, unsigned char *answer, int answer_size);

#endif
