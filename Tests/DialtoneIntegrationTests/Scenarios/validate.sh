#!/bin/bash
# Validates the UAS scenarios here with sipp playing our client's part (clients/*.xml),
# before Dialtone can: each case starts the UAS side(s), runs the client hop(s), and
# compares every sipp's exit status with what it must be (0 passed, 1 a call failed).
#   Tests/DialtoneIntegrationTests/Scenarios/validate.sh [BASEPORT]   (default 16060)
# ONLY=REGEX runs only the cases whose name matches (ONLY='^4' for the challenges).
# Traces and logs stay in $VALIDATE_DIR (default a new directory under /tmp).
set -u
here=$(cd "$(dirname "$0")" && pwd)
base=${1:-16060}
out=${VALIDATE_DIR:-$(mktemp -d /tmp/dialtone-scenarios.XXXXXX)}
A=$((base + 2)); B=$((base + 4)); C=$((base + 6)); U=$((base + 10))
common=(-i 127.0.0.1 -t u1 -nostdin -trace_msg -trace_logs -trace_err -timeout 30s -timeout_error)
failures=0
pids=()

uas() {  # uas NAME EXPECTED-STATUS -sf SCENARIO PORT ARGS...
    [ "$skip" = yes ] && return
    local name=$1 want=$2 scenario=$4 port=$5; shift 5
    ( cd "$out/$case" && sipp -sf "$scenario" -p "$port" -m 1 -nd "${common[@]}" "$@" >"$name.screen" 2>&1; echo $? >"$name.status"; echo "$want" >"$name.want" ) &
    pids+=($!)
    for _ in $(seq 50); do grep -q ":$(printf %04X "$port") " /proc/net/udp && break; sleep 0.1; done
}
uac() {  # uac NAME EXPECTED-STATUS REMOTE ARGS...
    [ "$skip" = yes ] && return
    local name=$1 want=$2 remote=$3; shift 3
    ( cd "$out/$case" && sipp "$remote" -p "$U" -m 1 "${common[@]}" "$@" >"$name.screen" 2>&1; echo $? >"$name.status"; echo "$want" >"$name.want" )
}
skip=no
begin() {
    case=$1; pids=(); skip=no
    if [ -n "${ONLY:-}" ] && ! [[ $case =~ $ONLY ]]; then skip=yes; return; fi
    mkdir -p "$out/$case"
}
finish() {
    [ "$skip" = yes ] && return
    wait "${pids[@]}" 2>/dev/null
    local verdict=PASS details=""
    for want in "$out/$case"/*.want; do
        local name; name=$(basename "$want" .want)
        local got; got=$(cat "$out/$case/$name.status")
        details="$details $name=$got"
        [ "$got" = "$(cat "$want")" ] || verdict=FAIL
    done
    [ $verdict = PASS ] || failures=$((failures + 1))
    printf '%-4s %-34s%s\n' "$verdict" "$case" "$details"
}
cid() { echo "-cid_str" "$1-%u@127.0.0.1"; }

# 1. 302 to a second UAS: two hops with one Call-ID and From tag; the second has CSeq 2.
begin 1-redirect
uas answer-B 0 -sf "$here/uas-answer.xml" "$B" -key expect_cseq 2
uas redirect-A 0 -sf "$here/uas-302.xml" "$A" -key contact "<sip:bob@127.0.0.1:$B>"
uac hop1 0 "127.0.0.1:$A" -sf "$here/clients/uac-invite-302.xml" -s bob -key invite_cseq 1 -key tag t1 $(cid redirect)
uac hop2 0 "127.0.0.1:$B" -sf "$here/clients/uac-call.xml" -s bob -key invite_cseq 2 -key tag t1 $(cid redirect)
finish
# 1b. negative: the redirected INVITE with CSeq 1 again is refused by uas-answer (expect_cseq 2).
begin 1b-redirect-same-cseq
uas answer-B 1 -sf "$here/uas-answer.xml" "$B" -key expect_cseq 2 -timeout 3s
uac hop2 255 "127.0.0.1:$B" -sf "$here/clients/uac-call.xml" -s bob -key invite_cseq 1 -key tag t1 -timeout 3s
finish

# 2. Two Contacts (q=0.5 listed first, q=0.9 busy): 302, then 486 from the q=0.9, then the q=0.5 answers.
begin 2-q-values
uas answer-C 0 -sf "$here/uas-answer.xml" "$C" -key expect_cseq 3
uas busy-B 0 -sf "$here/uas-busy.xml" "$B"
uas redirect-A 0 -sf "$here/uas-302.xml" "$A" -key contact "<sip:low@127.0.0.1:$C>;q=0.5, <sip:busy@127.0.0.1:$B>;q=0.9"
uac hop1 0 "127.0.0.1:$A" -sf "$here/clients/uac-invite-302.xml" -s bob -key invite_cseq 1 -key tag t2 $(cid q)
uac hop2 0 "127.0.0.1:$B" -sf "$here/clients/uac-invite-486.xml" -s busy -key invite_cseq 2 -key tag t2 $(cid q)
uac hop3 0 "127.0.0.1:$C" -sf "$here/clients/uac-call.xml" -s low -key invite_cseq 3 -key tag t2 $(cid q)
finish

# 3. A redirect loop A -> B -> A, the client stopping there: A saw one INVITE.
begin 3-loop
uas loop-B 0 -sf "$here/uas-302.xml" "$B" -key contact "<sip:a@127.0.0.1:$A>"
uas loop-A 0 -sf "$here/uas-302-once.xml" "$A" -key contact "<sip:b@127.0.0.1:$B>"
uac hop1 0 "127.0.0.1:$A" -sf "$here/clients/uac-invite-302.xml" -s a -key invite_cseq 1 -key tag t3 $(cid loop)
uac hop2 0 "127.0.0.1:$B" -sf "$here/clients/uac-invite-302.xml" -s b -key invite_cseq 2 -key tag t3 $(cid loop)
finish
# 3b. negative: a client that follows the loop back to A makes A fail (482 to the third INVITE).
begin 3b-loop-not-detected
uas loop-B 0 -sf "$here/uas-302.xml" "$B" -key contact "<sip:a@127.0.0.1:$A>"
uas loop-A 1 -sf "$here/uas-302-once.xml" "$A" -key contact "<sip:b@127.0.0.1:$B>"
uac hop1 0 "127.0.0.1:$A" -sf "$here/clients/uac-invite-302.xml" -s a -key invite_cseq 1 -key tag t3 $(cid loop2)
uac hop2 0 "127.0.0.1:$B" -sf "$here/clients/uac-invite-302.xml" -s b -key invite_cseq 2 -key tag t3 $(cid loop2)
uac hop3 1 "127.0.0.1:$A" -sf "$here/clients/uac-invite-302.xml" -s a -key invite_cseq 3 -key tag t3 $(cid loop2) -timeout 3s
finish

# 4. 401 and 407 with MD5, qop=auth, checked by verifyauth; and a wrong answer refused.
for code in 401 407; do
    begin "4-challenge-$code"
    uas auth 0 -sf "$here/uas-auth-$code.xml" "$A" -key realm dialtone.test -key user alice -key password secret
    uac client 0 "127.0.0.1:$A" -sf "$here/clients/uac-auth-$code.xml" -s bob -key tag t4 -au alice -ap secret
    finish
    # sipp's verifyauth reads only Authorization: a bad answer to a 407 is for the Swift test to catch.
    [ $code = 407 ] && continue
    begin "4b-challenge-$code-bad-password"
    uas auth 1 -sf "$here/uas-auth-$code.xml" "$A" -key realm dialtone.test -key user alice -key password secret
    uac client 1 "127.0.0.1:$A" -sf "$here/clients/uac-auth-$code.xml" -s bob -key tag t4 -au alice -ap oops
    finish
done

# 5. stale=true: both answers verify, the second with the new nonce.
begin 5-stale
uas auth 0 -sf "$here/uas-auth-stale.xml" "$A" -key realm dialtone.test -key user alice -key password secret
uac client 0 "127.0.0.1:$A" -sf "$here/clients/uac-auth-stale.xml" -s bob -key tag t5 -au alice -ap secret
finish

# 6. Wrong password: give up at the second prompt; or the right password then; or never stop (refused).
begin 6-wrong-giveup
uas auth 0 -sf "$here/uas-auth-wrong.xml" "$A" -key realm dialtone.test -key user alice -key password secret
uac client 0 "127.0.0.1:$A" -sf "$here/clients/uac-auth-wrong-giveup.xml" -s bob -key tag t6 -au alice -ap secret
finish
begin 6b-wrong-then-right
uas auth 0 -sf "$here/uas-auth-wrong.xml" "$A" -key realm dialtone.test -key user alice -key password secret
uac client 0 "127.0.0.1:$A" -sf "$here/clients/uac-auth-wrong-then-right.xml" -s bob -key tag t6 -au alice -ap secret
finish
begin 6c-wrong-forever
uas auth 1 -sf "$here/uas-auth-wrong.xml" "$A" -key realm dialtone.test -key user alice -key password secret
uac client 0 "127.0.0.1:$A" -sf "$here/clients/uac-auth-wrong-forever.xml" -s bob -key tag t6 -au alice -ap secret
finish

# 7. 302 to a target that challenges with another realm: the second hop answers for other.test.
begin 7-redirect-then-401
uas auth-B 0 -sf "$here/uas-auth-401.xml" "$B" -key realm other.test -key user carol -key password other-secret
uas redirect-A 0 -sf "$here/uas-302.xml" "$A" -key contact "<sip:carol@127.0.0.1:$B>"
uac hop1 0 "127.0.0.1:$A" -sf "$here/clients/uac-invite-302.xml" -s carol -key invite_cseq 1 -key tag t7 $(cid realm)
uac hop2 0 "127.0.0.1:$B" -sf "$here/clients/uac-auth-401.xml" -s carol -key tag t7 -au carol -ap other-secret $(cid realm)
finish

echo "traces and logs: $out"
[ $failures = 0 ] && echo "all scenarios behave as expected" || echo "$failures case(s) did not"
exit $((failures > 0))
