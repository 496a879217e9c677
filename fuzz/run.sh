#!/usr/bin/env bash
# Fuzzes the SIP parser with libFuzzer for a bounded time (`make fuzz`).
#
#   FUZZ_SECONDS=60   how long to fuzz (libFuzzer's -max_total_time); the first build
#                     (swift-crypto with coverage) takes another 5-8 minutes on 2 cores
#   FUZZ_ARGS=...     more libFuzzer options, e.g. FUZZ_ARGS=-max_len=16384
#
# Builds the sip-fuzz target in release mode with libFuzzer and AddressSanitizer in
# .build-fuzz (apart from .build, so `make test` is not rebuilt), seeds fuzz/out/corpus
# from the test fixtures, runs, and exits non-zero if libFuzzer found a crash, a broken
# check (SIPParserHarness), a hang (-timeout) or a leak; the input is then in
# fuzz/out/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
seconds=${FUZZ_SECONDS:-60}
out=fuzz/out
corpus=$out/corpus
crashes=$out/crashes
# Not `--sanitize=fuzzer --sanitize=address`: SwiftPM passes them as two -sanitize= flags
# in no fixed order and swiftc keeps only the last, so a build got either coverage or
# AddressSanitizer, never both. --sanitize=fuzzer tells SwiftPM to link libFuzzer's main
# (and not to rename ours); the -Xswiftc flag, which comes last, gives the Swift code
# both. C dependencies (BoringSSL in swift-crypto) get coverage only.
build=(-c release --build-path .build-fuzz --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -DDIALTONE_LIBFUZZER)

echo "== building sip-fuzz (release, libFuzzer + AddressSanitizer) in .build-fuzz"
"$SWIFT" build "${build[@]}" --product sip-fuzz
bin_path="$("$SWIFT" build "${build[@]}" --show-bin-path)"
binary="$bin_path/sip-fuzz"
# Guard against the flag problem above coming back: the parser must have both.
object="$bin_path/SIPCore.build/SIPMessageParser.swift.o"
symbols="$(nm "$object")"
for wanted in __sanitizer_cov __asan_; do
    grep -q "$wanted" <<<"$symbols" || { echo "error: $object lacks $wanted instrumentation" >&2; exit 1; }
done

# Seed the corpus with every fixture message (named by content, so re-runs add nothing
# twice); what libFuzzer finds stays there for the next run.
mkdir -p "$corpus" "$crashes"
seeds=0
while IFS= read -r -d '' file; do
    cp "$file" "$corpus/seed-$(sha1sum "$file" | cut -c1-16)"
    seeds=$((seeds + 1))
done < <(find Tests/SIPCoreTests/Fixtures \( -name '*.sip' -o -name '*.dat' \) -type f -print0)
echo "== corpus $corpus: $seeds fixtures, $(find "$corpus" -type f | wc -l) inputs in all"

# Swift's own crash backtracer hangs when libFuzzer handles the signal; AddressSanitizer
# prints the stack instead (handle_sigill: a Swift runtime trap is SIGILL).
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-handle_sigill=1:handle_abort=1:detect_leaks=1}
symbolizer="$(dirname "$(command -v "$SWIFT")")/llvm-symbolizer"
[ -x "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH="$symbolizer"

before=$(find "$crashes" -type f | wc -l)
echo "== fuzzing for ${seconds}s"
set +e
# shellcheck disable=SC2086 # FUZZ_ARGS is a list of options
"$binary" -max_total_time="$seconds" -timeout=10 -dict=fuzz/sip.dict \
    -artifact_prefix="$crashes/" -print_final_stats=1 ${FUZZ_ARGS:-} "$corpus"
status=$?
set -e

if [ "$status" -ne 0 ] || [ "$(find "$crashes" -type f | wc -l)" -gt "$before" ]; then
    echo
    echo "== libFuzzer found a problem (exit $status). Inputs in $crashes/:"
    ls -t "$crashes" | head -5 | sed "s|^|   $crashes/|"
    newest="$crashes/$(ls -t "$crashes" | head -1)"
    env="SWIFT_BACKTRACE=$SWIFT_BACKTRACE ASAN_OPTIONS=$ASAN_OPTIONS"
    echo "   replay:   $env $binary $newest"
    echo "   or:       swift run sip-fuzz $newest   (debug build, Swift backtrace)"
    echo "   minimise: $env $binary -minimize_crash=1 -runs=100000 -exact_artifact_path=$newest.min $newest"
    echo "   then keep the input as Tests/SIPCoreTests/Fixtures/fuzz-regressions/<what-it-broke>.dat"
    [ "$status" -ne 0 ] || status=1
    exit "$status"
fi
echo "== no crash in ${seconds}s"
