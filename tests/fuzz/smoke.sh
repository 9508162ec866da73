#!/bin/sh
# Fuzz smoke test for CI: run every libFuzzer harness briefly from its
# seeds and fail on the first crash, leak, timeout or out-of-memory.
#
# usage: tests/fuzz/smoke.sh BUILD-DIR [SECONDS-PER-HARNESS]   (default 60)
# BUILD-DIR is a build configured with --preset fuzz.  Harnesses run two
# at a time (the CI machine has two cores); nothing is written into the
# source tree: the corpus grows in a scratch folder that is removed.
# The random seed is fixed (FUZZ_SEED, default 1) so that a failure in CI
# can be replayed here with the same command; long campaigns with fresh
# seeds are run.sh's job.
set -u
build=$1 secs=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
shared=$here/../../../shared/corpus  # real bounces, seeds for fuzz_bounce
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

run_one() {
    name=$1
    bin=$build/tests/fuzz/fuzz_$name
    mkdir -p "$tmp/$name"
    dict=
    [ -f "$here/$name.dict" ] && dict=-dict=$here/$name.dict
    extra=
    if [ "$name" = bounce ] && [ -d "$shared/eml" ]; then
        extra=$tmp/shared-seeds
        mkdir -p "$extra"
        for f in "$shared"/eml/* "$shared"/dos/* "$shared"/mac/* "$shared"/not/* "$shared"/mbox/*; do
            [ -f "$f" ] && { printf '\000\000'; cat "$f"; } >"$extra/$(basename "$(dirname "$f")")-${f##*/}"
        done
    fi
    # -close_fd_mask=1: the harnesses print nothing useful on stdout.
    "$bin" -seed="${FUZZ_SEED:-1}" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2560 \
        -max_len=65536 -close_fd_mask=1 -print_final_stats=1 \
        -artifact_prefix="$tmp/" $dict "$tmp/$name" "$here/corpus/$name" $extra \
        >"$tmp/$name.log" 2>&1
    rc=$?
    stats=$(grep -E '^stat::number_of_executed_units|^stat::average_exec_per_sec' "$tmp/$name.log" |
        sed 's/stat:://' | tr '\n' ' ')
    cov=$(grep -oE 'cov: [0-9]+' "$tmp/$name.log" | tail -1)
    if [ $rc -ne 0 ]; then
        echo "FAIL fuzz_$name (exit $rc):"
        grep -E 'ERROR|SUMMARY|check failed|Test unit written' "$tmp/$name.log" | head -20
        for f in "$tmp"/crash-* "$tmp"/leak-* "$tmp"/timeout-* "$tmp"/oom-* "$tmp"/slow-unit-*; do
            [ -f "$f" ] && { echo "  input (base64) $(basename "$f"):"; base64 "$f" | head -40; }
        done
        return 1
    fi
    echo "ok   fuzz_$name: $cov $stats"
}

names=
for b in "$build"/tests/fuzz/fuzz_*; do
    [ -x "$b" ] || continue
    names="$names ${b##*/fuzz_}"
done
[ -n "$names" ] || { echo "smoke.sh: no harness in $build/tests/fuzz (configure with --preset fuzz)" >&2; exit 2; }

fail=0
set -- $names
while [ $# -gt 0 ]; do
    run_one "$1" >"$tmp/$1.result" &
    p1=$!
    p2=
    if [ $# -gt 1 ]; then
        run_one "$2" >"$tmp/$2.result" &
        p2=$!
    fi
    wait $p1 || fail=1
    cat "$tmp/$1.result"
    if [ -n "$p2" ]; then
        wait $p2 || fail=1
        cat "$tmp/$2.result"
        shift
    fi
    shift
done
exit $fail
