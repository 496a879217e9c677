#!/usr/bin/env bash
# `make bench`: SIP parse throughput of Dialtone (sip-bench) beside sofia-sip, oSIP and libre.
#
#   bench/run.sh [CORPUS_DIR]          (default bench/corpus)
#
# Installs nothing (the Makefile's deps-bench step does). Builds the C programs with
# `cc -O2` into bench/out/, builds `sip-bench` with `swift build -c release`, times each
# one BENCH_RUNS times (default 3, best run kept), counts instructions/message with
# bench/callgrind.sh where valgrind exists (BENCH_CALLGRIND=0 skips it), prints a table.
# A program that does not build or run is reported as unavailable; no number is invented.
# Exit status 1 if a program that runs fails on the corpus.
set -uo pipefail
cd "$(dirname "$0")/.."

corpus=${1:-bench/corpus}
out=bench/out
runs=${BENCH_RUNS:-3}
cc=${CC:-cc}
export PATH="/opt/swift/usr/bin:$PATH"
mkdir -p "$out"

messages=$(find "$corpus" -maxdepth 1 -type f -name '*.sip' | wc -l)
[ "$messages" -gt 0 ] || { echo "bench: no *.sip files in $corpus" >&2; exit 1; }

have_valgrind=0
if [ "${BENCH_CALLGRIND:-1}" != 0 ] && command -v valgrind >/dev/null; then have_valgrind=1; fi

names=()        # label per row
cmds=()         # timing command line (iteration count chosen by the program), "" if unavailable
cgcmds=()       # callgrind command line with {N}
notes=()        # why unavailable

# --- the C programs -------------------------------------------------------------------
add_c() {  # label source pkg-config-name flags-if-no-pkg-config
    local label=$1 src=bench/c/$2.c pc=$3 bin=$out/$2 flags
    names+=("$label")
    if ! command -v pkg-config >/dev/null; then
        flags=$4     # what Debian 12's .pc files say; pkg-config is in deps-run, not deps-bench
    elif ! flags=$(pkg-config --cflags --libs "$pc" 2>/dev/null); then
        cmds+=(""); cgcmds+=(""); notes+=("unavailable: pkg-config $pc not found (make deps-bench)")
        return
    fi
    # shellcheck disable=SC2086
    if ! "$cc" -O2 -Wall -o "$bin" "$src" $flags 2>"$bin.log"; then
        cmds+=(""); cgcmds+=(""); notes+=("unavailable: does not compile, see $bin.log")
        return
    fi
    cmds+=("$bin $corpus"); cgcmds+=("$bin $corpus {N}"); notes+=("")
}
echo "bench: building the C programs (cc -O2) into $out/"
add_c sofia-sip sofia_parse sofia-sip-ua "-I/usr/include/sofia-sip-1.12 -lsofia-sip-ua"
add_c oSIP osip_parse libosip2 "-losipparser2 -losip2"
add_c libre libre_parse libre "-I/usr/include/re -lre"

# --- Dialtone (Swift) -----------------------------------------------------------------
# Convention: `sip-bench parse DIR [--iterations N]`, last output line ends in "<T> ns/msg"
# (a "<R> msg/s" on that line is read too).
names+=("Dialtone")
swift_note=""
echo "bench: building sip-bench (swift build -c release --product sip-bench; log in $out/swift-build.log)"
if ! command -v swift >/dev/null; then
    swift_note="swift not found"
elif ! swift build -c release --product sip-bench >"$out/swift-build.log" 2>&1; then
    swift_note="swift build failed, see $out/swift-build.log"
else
    sip_bench="$(swift build -c release --show-bin-path 2>/dev/null)/sip-bench"
    if [ ! -x "$sip_bench" ]; then
        swift_note="built, but $sip_bench is missing"
    elif ! probe=$("$sip_bench" parse "$corpus" --iterations 1 2>&1) || ! grep -q 'ns/msg' <<<"$probe"; then
        swift_note="sip-bench does not implement 'parse DIR --iterations N' yet (it printed: $(head -c 120 <<<"$probe" | tr '\n' ' '))"
    fi
fi
if [ -n "$swift_note" ]; then
    cmds+=(""); cgcmds+=(""); notes+=("unavailable: $swift_note")
else
    cmds+=("$sip_bench parse $corpus"); cgcmds+=("$sip_bench parse $corpus --iterations {N}"); notes+=("")
fi

# --- measure --------------------------------------------------------------------------
ns=(); rate=(); instr=(); failed=0
for i in "${!names[@]}"; do
    ns+=(""); rate+=(""); instr+=("")
    [ -n "${cmds[$i]}" ] || continue
    echo "bench: timing ${names[$i]} (best of $runs): ${cmds[$i]}"
    for _ in $(seq "$runs"); do
        # shellcheck disable=SC2086
        if ! line=$(${cmds[$i]} 2>&1 | tail -1) || ! grep -q 'ns/msg' <<<"$line"; then
            notes[$i]="failed: $line"; ns[$i]=""; failed=1; break
        fi
        echo "  $line"
        t=$(grep -Eo '[0-9.]+ ns/msg' <<<"$line" | cut -d' ' -f1)
        r=$(grep -Eo '[0-9.]+ msg/s' <<<"$line" | cut -d' ' -f1 || true)
        [ -n "$r" ] || r=$(awk -v t="$t" 'BEGIN { printf "%.0f", 1e9 / t }')
        if [ -z "${ns[$i]}" ] || awk -v a="$t" -v b="${ns[$i]}" 'BEGIN { exit !(a < b) }'; then
            ns[$i]=$t; rate[$i]=$r
        fi
    done
    if [ "$have_valgrind" = 1 ] && [ -n "${ns[$i]}" ]; then
        # shellcheck disable=SC2086
        if cg=$(bench/callgrind.sh -m "$messages" -l "${names[$i]}" ${cgcmds[$i]} 2>&1); then
            echo "  $cg"
            instr[$i]=$(grep -Eo '[0-9]+ instructions/msg' <<<"$cg" | cut -d' ' -f1)
        else
            echo "  callgrind failed: $cg"
        fi
    fi
done

# --- table ----------------------------------------------------------------------------
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
echo
echo "SIP parse, $messages messages from $corpus, $(nproc) cores, load average $load, $(date +%Y-%m-%d)"
if awk -v l="$load" -v c="$(nproc)" 'BEGIN { exit !(l > c * 0.75) }'; then
    echo "(the machine is busy: ns/msg and msg/s are pessimistic and noisy; instr/msg is not affected)"
fi
[ "$have_valgrind" = 1 ] || echo "(valgrind not found or BENCH_CALLGRIND=0: no instruction counts)"
{
    for i in "${!names[@]}"; do
        printf '%s\t%s\t%s\t%s\t%s\n' "${names[$i]}" "${ns[$i]:--}" "${rate[$i]:--}" "${instr[$i]:--}" "${notes[$i]}"
    done
} | awk -F'\t' '
    { name[NR] = $1; ns[NR] = $2; rate[NR] = $3; ins[NR] = $4; note[NR] = $5 }
    END {
        n = NR; s = 1; d = n   # sofia-sip is row 1, Dialtone the last row
        printf "%-10s %8s %9s %10s %11s %11s %12s %12s\n", "library", "ns/msg", "msg/s", "instr/msg",
               "time/sofia", "instr/sofia", "DT time/lib", "DT instr/lib"
        for (i = 1; i <= n; i++) {
            if (ns[i] == "-") { printf "%-10s %s\n", name[i], note[i]; continue }
            printf "%-10s %8.0f %9.0f %10s %11s %11s %12s %12s\n", name[i], ns[i], rate[i], ins[i],
                   r(ns[i], ns[s]), r(ins[i], ins[s]), r(ns[d], ns[i]), r(ins[d], ins[i])
        }
    }
    function r(a, b) { return (a == "-" || b == "-" || b == 0) ? "-" : sprintf("%.2f", a / b) }'
echo "time/sofia, instr/sofia: this library's cost over sofia-sip's (above 1 = slower than sofia-sip)."
echo "DT time/lib, DT instr/lib: Dialtone's cost over this library's (below 1 = Dialtone is cheaper)."
# A program that ran and failed (a message it cannot parse) fails `make bench`;
# one that is not available (sip-bench not written yet) does not.
exit "$failed"
