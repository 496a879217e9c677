/*
 * sofia_parse.c: parse throughput of sofia-sip (libsofia-sip-ua).
 *
 * Per message, as sofia's transport does for a received datagram: msg_make() with the
 * default SIP class (create the msg, copy the bytes into its buffer, msg_extract(),
 * which frames the message and parses every header the class knows), then read
 * Call-ID, CSeq (number and method) and the top Via (branch, host, port) from the
 * parsed sip_t, then msg_destroy().
 *
 * Build: cc -O2 sofia_parse.c $(pkg-config --cflags --libs sofia-sip-ua)
 * Usage: sofia_parse DIR [ITERATIONS]
 */
#include "bench_common.h"

#include <sofia-sip/msg.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_protos.h>

static const char *parse_one(const char *data, size_t len, uint64_t *acc)
{
    msg_t *msg = msg_make(sip_default_mclass(), 0, data, (ssize_t)len);
    if (!msg)
        return "msg_make returned NULL";
    const char *why = NULL;
    sip_t const *sip = sip_object(msg);
    if (!sip || (sip->sip_flags & MSG_FLG_ERROR) || sip->sip_error)
        why = "parse error (MSG_FLG_ERROR or an erroneous header)";
    else if (!(sip->sip_flags & MSG_FLG_COMPLETE))
        why = "message not complete";
    else if (!sip->sip_request && !sip->sip_status)
        why = "no request or status line";
    else if (!sip->sip_call_id || !sip->sip_call_id->i_id)
        why = "no Call-ID";
    else if (!sip->sip_cseq || !sip->sip_cseq->cs_method_name)
        why = "no CSeq";
    else if (!sip->sip_via || !sip->sip_via->v_host)
        why = "no Via";
    else if (!sip->sip_via->v_branch)
        why = "top Via has no branch";
    else {
        sip_via_t const *v = sip->sip_via;
        *acc += strlen(sip->sip_call_id->i_id)
              + sip->sip_cseq->cs_seq + strlen(sip->sip_cseq->cs_method_name)
              + strlen(v->v_branch) + strlen(v->v_host)
              + (v->v_port ? strtoul(v->v_port, NULL, 10) : 0);
    }
    msg_destroy(msg);
    return why;
}

int main(int argc, char **argv)
{
    return bench_main("sofia-sip", argc, argv);
}
