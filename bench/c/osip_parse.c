/*
 * osip_parse.c: parse throughput of GNU oSIP (libosipparser2).
 *
 * Per message, as an oSIP application does for a received datagram:
 * osip_message_init + osip_message_parse (frames the message and parses every header
 * oSIP knows into its typed structures), then read Call-ID, CSeq (number and method)
 * and the top Via (branch parameter, host, port) through the accessors, then
 * osip_message_free.
 *
 * Build: cc -O2 osip_parse.c $(pkg-config --cflags --libs libosip2)
 * Usage: osip_parse DIR [ITERATIONS]
 */
#include "bench_common.h"

#include <osipparser2/osip_parser.h>

static const char *parse_one(const char *data, size_t len, uint64_t *acc)
{
    osip_message_t *sip = NULL;
    if (osip_message_init(&sip) != OSIP_SUCCESS)
        return "osip_message_init failed";
    const char *why = NULL;
    osip_call_id_t *cid;
    osip_cseq_t *cseq;
    osip_via_t *via = NULL;
    osip_generic_param_t *branch = NULL;
    if (osip_message_parse(sip, data, len) != OSIP_SUCCESS)
        why = "osip_message_parse failed";
    else if (!(cid = osip_message_get_call_id(sip)) || !cid->number)
        why = "no Call-ID";
    else if (!(cseq = osip_message_get_cseq(sip)) || !cseq->number || !cseq->method)
        why = "no CSeq";
    else if (osip_message_get_via(sip, 0, &via) < 0 || !via || !via->host)
        why = "no Via";
    else if (osip_via_param_get_byname(via, "branch", &branch) != OSIP_SUCCESS
             || !branch || !branch->gvalue)
        why = "top Via has no branch";
    else {
        *acc += strlen(cid->number) + (cid->host ? strlen(cid->host) : 0)
              + strtoul(cseq->number, NULL, 10) + strlen(cseq->method)
              + strlen(branch->gvalue) + strlen(via->host)
              + (via->port ? strtoul(via->port, NULL, 10) : 0);
    }
    osip_message_free(sip);
    return why;
}

int main(int argc, char **argv)
{
    if (parser_init() != OSIP_SUCCESS) {
        fprintf(stderr, "%s: parser_init failed\n", argv[0]);
        return 1;
    }
    return bench_main("oSIP", argc, argv);
}
