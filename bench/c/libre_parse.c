/*
 * libre_parse.c: parse throughput of libre (baresip's library).
 *
 * Per message, as libre's UDP transport does for a received datagram: allocate an
 * mbuf, copy the datagram into it, sip_msg_decode() (frames the message, indexes
 * every header and decodes the top Via, To, From, CSeq, Content-Type, Call-ID...),
 * then read msg->callid, msg->cseq, msg->via.branch and msg->via.sentby (and the
 * port decoded into msg->via.addr), then mem_deref the message and the mbuf.
 *
 * Build: cc -O2 libre_parse.c $(pkg-config --cflags --libs libre)
 * Usage: libre_parse DIR [ITERATIONS]
 */
#include "bench_common.h"

#include <stdbool.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include <re.h>

static const char *parse_one(const char *data, size_t len, uint64_t *acc)
{
    struct mbuf *mb = mbuf_alloc(len);
    if (!mb)
        return "mbuf_alloc failed";
    if (mbuf_write_mem(mb, (const uint8_t *)data, len)) {
        mem_deref(mb);
        return "mbuf_write_mem failed";
    }
    mb->pos = 0;

    struct sip_msg *msg = NULL;
    const char *why = NULL;
    if (sip_msg_decode(&msg, mb) != 0 || !msg)
        why = "sip_msg_decode failed";
    else if (!pl_isset(&msg->callid))
        why = "no Call-ID";
    else if (!pl_isset(&msg->cseq.met))
        why = "no CSeq";
    else if (!pl_isset(&msg->via.sentby))
        why = "no Via";
    else if (!pl_isset(&msg->via.branch))
        why = "top Via has no branch";
    else {
        *acc += msg->callid.l + msg->cseq.num + msg->cseq.met.l
              + msg->via.branch.l + msg->via.sentby.l + sa_port(&msg->via.addr);
    }
    mem_deref(msg);
    mem_deref(mb);
    return why;
}

int main(int argc, char **argv)
{
    int err = libre_init();
    if (err) {
        fprintf(stderr, "%s: libre_init failed: %d\n", argv[0], err);
        return 1;
    }
    int rc = bench_main("libre", argc, argv);
    libre_close();
    return rc;
}
