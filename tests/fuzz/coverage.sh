#!/bin/sh
# Source coverage that each harness's corpus reaches (clang's source-based
# coverage, llvm-cov).  Builds BUILD-DIR/cov with coverage flags, replays
# the grown corpus of BUILD-DIR/fuzz-work/NAME plus the seeds through
# replay_NAME, and prints llvm-cov's report for the sources NAME targets.
#
# usage: tests/fuzz/coverage.sh BUILD-DIR [NAME...]   (default: all)
set -eu
build=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
cov=$build/cov
suffix=
command -v llvm-profdata >/dev/null 2>&1 || suffix=-14
cmake -S "$src" -B "$cov" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
    -DNDR_HARDEN=OFF \
    -DCMAKE_C_FLAGS="-fprofile-instr-generate -fcoverage-mapping" >/dev/null
cmake --build "$cov" -j2 >/dev/null
[ $# -gt 0 ] || set -- code out bounce decode gen
for name in "$@"; do
    case $name in
    code) files="$src/src/lib/code.c $src/src/lib/table.c" ;;
    out) files="$src/src/cli/out.c" ;;
    bounce) files="$src/src/lib/bounce.c $src/src/lib/scan.c $src/src/lib/decode.c $src/src/lib/reason.c $src/src/lib/match.c" ;;
    decode) files="$src/src/lib/decode.c" ;;
    gen) files="$src/src/gen/csv.c $src/src/gen/gen.c $src/src/gen/acgen.c" ;;
    *) echo "coverage.sh: unknown harness $name" >&2; exit 2 ;;
    esac
    rm -f "$cov"/$name-*.profraw
    dirs="$here/corpus/$name"
    [ -d "$build/fuzz-work/$name" ] && dirs="$dirs $build/fuzz-work/$name"
    LLVM_PROFILE_FILE="$cov/$name-%p.profraw" \
        "$cov/tests/fuzz/replay_$name" $dirs >/dev/null 2>&1 || true
    llvm-profdata$suffix merge -sparse "$cov"/$name-*.profraw -o "$cov/$name.profdata"
    echo "== $name"
    llvm-cov$suffix report "$cov/tests/fuzz/replay_$name" \
        -instr-profile="$cov/$name.profdata" $files |
        sed "s|$src/||"
done
