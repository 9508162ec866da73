#!/bin/sh
# bench.sh - how fast ndrcode reads bounces, against cat and grep in the
# same run, and what starting it costs.
#
# usage: tests/bench/bench.sh [BUILD_DIR] [SIZE_MIB] [RUNS]
#
# Builds a realistic mbox of bounces (SIZE_MIB, default 1024) by repeating
# the real bounces of ../shared/corpus (or, without it, the test fixtures),
# warms the page cache, then times with hyperfine (medians):
#   cat FILE
#   LC_ALL=C grep -c 'Status:' FILE
#   ndrcode --json -f FILE
#   ndrcode --summary -f FILE
# (output goes through a pipe: GNU grep stops at the first match when it
# writes to /dev/null),
# and prints MB/s, messages/s, peak RSS (/usr/bin/time) and the ratio
# ndrcode/grep.  Start-up: instructions of `ndrcode 5.1.1` against
# /bin/true under valgrind's callgrind (repeatable on a busy machine).
# Needs: hyperfine, /usr/bin/time (package time), valgrind.
set -eu

build=${1:-build}
size_mib=${2:-1024}
runs=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
bin=$(cd "$build" && pwd)/ndrcode
work=${TMPDIR:-/tmp}/ndrcode-bench
mbox=$work/bounces-$size_mib.mbox

for tool in hyperfine valgrind /usr/bin/time; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "bench.sh: $tool is missing (apt-get install hyperfine valgrind time)" >&2
        exit 2
    }
done
[ -x "$bin" ] || { echo "bench.sh: no $bin; build first" >&2; exit 2; }
mkdir -p "$work"

# ---- the input ---------------------------------------------------------------
if [ ! -f "$mbox" ]; then
    src=$top/../shared/corpus/eml
    [ -d "$src" ] || src=$top/tests/fixtures
    one=$work/one.mbox
    : >"$one"
    for f in "$src"/*.eml; do
        printf 'From MAILER-DAEMON Sat Nov 21 00:00:00 2026\n' >>"$one"
        # mbox quoting of body lines that start with "From "
        sed 's/^From />From /' "$f" >>"$one"
        printf '\n' >>"$one"
    done
    want=$((size_mib * 1024 * 1024))
    : >"$mbox"
    while [ "$(wc -c <"$mbox")" -lt "$want" ]; do
        cat "$one" "$one" "$one" "$one" "$one" "$one" "$one" "$one" >>"$mbox"
    done
fi
bytes=$(wc -c <"$mbox")
msgs=$(LC_ALL=C grep -c '^From ' "$mbox")
cat "$mbox" >/dev/null

# ---- throughput ----------------------------------------------------------------
csv=$work/times.csv
hyperfine --style none --output=pipe --warmup 1 --runs "$runs" --export-csv "$csv" \
    -n cat "cat '$mbox'" \
    -n grep "LC_ALL=C grep -c 'Status:' '$mbox'" \
    -n json "'$bin' --json -f '$mbox'" \
    -n summary "'$bin' --summary -f '$mbox'" >/dev/null

median() { awk -F, -v n="$1" '$1 == n { print $4 }' "$csv"; }
t_cat=$(median cat)
t_grep=$(median grep)
t_json=$(median json)
t_sum=$(median summary)

rss() { /usr/bin/time -f %M "$@" >/dev/null 2>"$work/rss" || true; tail -n 1 "$work/rss"; }
rss_json=$(rss "$bin" --json -f "$mbox")
rss_sum=$(rss "$bin" --summary -f "$mbox")

# ---- start-up --------------------------------------------------------------------
instr() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
        2>&1 >/dev/null | awk '/Collected/ { print $NF }'
}
i_true=$(instr /bin/true)
i_code=$(instr "$bin" 5.1.1)

# ---- report ----------------------------------------------------------------------
awk -v b="$bytes" -v m="$msgs" -v tc="$t_cat" -v tg="$t_grep" -v tj="$t_json" \
    -v ts="$t_sum" -v rj="$rss_json" -v rs="$rss_sum" -v it="$i_true" \
    -v ic="$i_code" -v cpu="$(uname -m)" 'BEGIN {
    mb = b / 1e6
    printf "input: %.0f MB, %d messages (%s)\n\n", mb, m, cpu
    printf "%-28s %10s %10s %14s %12s\n", "command", "median s", "MB/s", "messages/s", "peak RSS"
    printf "%-28s %10.3f %10.0f %14s %12s\n", "cat", tc, mb / tc, "-", "-"
    printf "%-28s %10.3f %10.0f %14s %12s\n", "grep -c Status:", tg, mb / tg, "-", "-"
    printf "%-28s %10.3f %10.0f %14.0f %9.1f MiB\n", "ndrcode --json", tj, mb / tj, m / tj, rj / 1024
    printf "%-28s %10.3f %10.0f %14.0f %9.1f MiB\n", "ndrcode --summary", ts, mb / ts, m / ts, rs / 1024
    printf "\nratio ndrcode --json / grep -c:    %.2f\n", tj / tg
    printf "ratio ndrcode --summary / grep -c: %.2f\n", ts / tg
    printf "start-up: ndrcode 5.1.1 %d instructions, /bin/true %d: ratio %.2f\n", ic, it, ic / it
}'
