#!/usr/bin/env bash
# Instructions per message of a parse benchmark, counted by valgrind's callgrind.
#
#   bench/callgrind.sh [-m MESSAGES] [-l LABEL] CMD ARGS...
#
# One of ARGS contains {N}, replaced by the iteration count. The command runs twice
# under `valgrind --tool=callgrind`, with N=$CG_N1 (default 1) and N=$CG_N2 (default 11);
# start-up, library initialisation and loading the files cost the same in both runs, so
#
#   instructions/msg = (Ir(N2) - Ir(N1)) / (MESSAGES x (N2 - N1))
#
# where Ir is the "summary:" total of callgrind's output file. MESSAGES is -m, or else
# read from the command's own output ("43 messages"). Examples:
#
#   bench/callgrind.sh bench/out/sofia_parse bench/corpus {N}
#   bench/callgrind.sh -m 43 .build/release/sip-bench parse bench/corpus --iterations {N}
#
# Prints one line:  LABEL: 22735 instructions/msg (Ir 7066504 at N=1, 16842900 at N=11, 43 messages)
set -euo pipefail

messages=""
label=""
while getopts "m:l:" opt; do
    case $opt in
        m) messages=$OPTARG ;;
        l) label=$OPTARG ;;
        *) echo "usage: $0 [-m MESSAGES] [-l LABEL] CMD ARGS... (one ARG containing {N})" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-m MESSAGES] [-l LABEL] CMD ARGS... (one ARG containing {N})" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "$0: valgrind not found (apt-get install valgrind)" >&2; exit 3; }

case " $* " in
    *"{N}"*) ;;
    *) echo "$0: no {N} placeholder for the iteration count in: $*" >&2; exit 2 ;;
esac
n1=${CG_N1:-1}
n2=${CG_N2:-11}
[ "$n2" -gt "$n1" ] || { echo "$0: CG_N2 ($n2) must be greater than CG_N1 ($n1)" >&2; exit 2; }
[ -n "$label" ] || label=$(basename "$1")

tmp=$(mktemp -d)
nodebug=""
trap 'rm -rf "$tmp"; [ -z "$nodebug" ] || rm -f "$nodebug"' EXIT

# Valgrind 3.19 (Debian 12) gives up on the DWARF 5 debug info that the Swift toolchain's
# clang writes ("debuginfo reader ... Possibly corrupted debuginfo file"). Then the
# executable is run from a copy without debug info (strip --strip-debug: the same code,
# so the same instruction count), placed beside it so $ORIGIN run paths still resolve.
exe=$(command -v "$1" || true)
[ -n "$exe" ] || { echo "$0: $1: command not found" >&2; exit 2; }
shift

# Runs the command with N=$1 under callgrind; leaves Ir in $ir and stdout in $tmp/out.$1.
run() {
    local n=$1 args=() a
    shift
    for a in "$@"; do args+=("${a//\{N\}/$n}"); done
    if ! valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$n" \
            "${nodebug:-$exe}" "${args[@]}" >"$tmp/out.$n" 2>"$tmp/err.$n"; then
        if [ -z "$nodebug" ] && grep -q 'Possibly corrupted debuginfo' "$tmp/err.$n"; then
            nodebug="$exe.callgrind-nodebug"
            strip --strip-debug -o "$nodebug" "$exe" || { echo "$label: strip failed" >&2; exit 1; }
            run "$n" "$@"
            return
        fi
        echo "$label: command failed under callgrind: $exe ${args[*]}" >&2
        grep -v -e '^==[0-9]*==' -e '^### unhandled dwarf2' "$tmp/err.$n" | tail -5 >&2 || true
        exit 1
    fi
    ir=$(awk '/^summary:/ { print $2; exit }' "$tmp/cg.$n")
    [ -n "$ir" ] || { echo "$label: no 'summary:' line in callgrind output" >&2; exit 1; }
}

run "$n1" "$@"; ir1=$ir
run "$n2" "$@"; ir2=$ir

if [ -z "$messages" ]; then
    messages=$(grep -Eo '[0-9]+ messages' "$tmp/out.$n2" | tail -1 | cut -d' ' -f1 || true)
    [ -n "$messages" ] || { echo "$label: cannot tell the message count from the output; pass -m MESSAGES" >&2; exit 2; }
fi

awk -v l="$label" -v a="$ir1" -v b="$ir2" -v n1="$n1" -v n2="$n2" -v m="$messages" 'BEGIN {
    printf "%s: %.0f instructions/msg (Ir %.0f at N=%d, %.0f at N=%d, %d messages)\n",
           l, (b - a) / (m * (n2 - n1)), a, n1, b, n2, m
}'
