#!/bin/sh
# Run one libFuzzer harness for a while, keeping what it learns.
#
# usage: tests/fuzz/run.sh BUILD-DIR NAME SECONDS [libFuzzer options...]
#   BUILD-DIR  a build configured with NDR_FUZZ=ON (cmake --preset fuzz)
#   NAME       code, out, gen, bounce or decode
#
# The growing corpus lives in BUILD-DIR/fuzz-work/NAME (seeded from
# tests/fuzz/corpus/NAME), crashes land in BUILD-DIR/fuzz-work/ as
# crash-*, leak-*, timeout-* or oom-*, and the log in
# BUILD-DIR/fuzz-work/NAME.log.  Save a crash under
# tests/fuzz/regressions/NAME/ once it is fixed, so every build replays it.
set -eu
build=$1 name=$2 secs=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
bin=$build/tests/fuzz/fuzz_$name
work=$build/fuzz-work
[ -x "$bin" ] || { echo "run.sh: $bin missing (configure with --preset fuzz)" >&2; exit 2; }
mkdir -p "$work/$name"
dict=
[ -f "$here/$name.dict" ] && dict=-dict=$here/$name.dict
# The bounce harness also starts from the real bounces of ../shared/corpus
# (when present), each behind two option bytes: fed whole, default options.
extra=
shared=$here/../../../shared/corpus
if [ "$name" = bounce ] && [ -d "$shared/eml" ]; then
    extra=$work/shared-seeds
    mkdir -p "$extra"
    for f in "$shared"/eml/* "$shared"/dos/* "$shared"/mac/* "$shared"/not/* "$shared"/mbox/*; do
        [ -f "$f" ] && { printf '\000\000'; cat "$f"; } >"$extra/$(basename "$(dirname "$f")")-${f##*/}"
    done
fi
# Inputs above max_len would be cut, so take the largest seed's size,
# within 1 MiB.  RSS and time limits as OSS-Fuzz uses them.
exec "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2560 \
    -max_len=${FUZZ_MAX_LEN:-65536} -print_final_stats=1 -use_value_profile=1 \
    -artifact_prefix="$work/" $dict "$@" \
    "$work/$name" "$here/corpus/$name" $extra >"$work/$name.log" 2>&1
