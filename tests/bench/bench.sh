#!/bin/sh
# bench.sh - how fast ndrcode reads bounces, against cat and grep in the
# same run, and what starting it costs.
#
# usage: tests/bench/bench.sh [BUILD_DIR] [SIZE_MIB] [RUNS]
#
# Builds a realistic mbox of bounces of SIZE_MIB (default 1024) by
# repeating the real bounces of ../shared/corpus (or, without it, the test
# fixtures), reads it once to warm the page cache, then runs RUNS rounds
# (default 5) of
#   cat FILE > /dev/null
#   LC_ALL=C grep -c 'Status:' FILE        (its count read through a pipe:
#                                           GNU grep stops at the first
#                                           match when it writes to /dev/null)
#   ndrcode --json -f FILE > /dev/null
#   ndrcode --summary -f FILE > /dev/null
# one command after the other in each round, so that a busy machine slows
# them alike, and prints the median wall time of each, MB/s, messages/s,
# peak RSS (/usr/bin/time) and the ratio ndrcode/grep.  Start-up:
# instructions of `ndrcode 5.1.1` against /bin/true under valgrind's
# callgrind (repeatable on a busy machine).
# NDRCODE_THREADS, when set, is passed on (1: one thread).
# Needs: /usr/bin/time (package time), valgrind for the start-up figures.
set -eu

build=${1:-build}
size_mib=${2:-1024}
runs=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
bin=$(cd "$build" && pwd)/ndrcode
work=${TMPDIR:-/tmp}/ndrcode-bench
mbox=$work/bounces-$size_mib.mbox

[ -x /usr/bin/time ] || {
    echo "bench.sh: /usr/bin/time is missing (apt-get install time)" >&2
    exit 2
}
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
    : >"$mbox.tmp"
    while [ "$(wc -c <"$mbox.tmp")" -lt "$want" ]; do
        cat "$one" "$one" "$one" "$one" "$one" "$one" "$one" "$one" >>"$mbox.tmp"
    done
    mv "$mbox.tmp" "$mbox"
fi
bytes=$(wc -c <"$mbox")
msgs=$(LC_ALL=C grep -c '^From ' "$mbox")
cat "$mbox" >/dev/null

# ---- throughput ----------------------------------------------------------------
# Each run: wall seconds (from the clock in nanoseconds), then the peak RSS
# in KiB from /usr/bin/time, appended to $work/NAME.
now() { date +%s%N; }
run() {
    name=$1
    shift
    t0=$(now)
    /usr/bin/time -o "$work/rss" -f %M "$@"
    t1=$(now)
    echo "$(( (t1 - t0) / 1000 )) $(tail -n 1 "$work/rss")" >>"$work/$name"
}
for name in cat grep json summary; do : >"$work/$name"; done
i=0
while [ "$i" -lt "$runs" ]; do
    run cat cat "$mbox" >/dev/null
    run grep sh -c 'LC_ALL=C grep -c "Status:" "$1" | cat >/dev/null' sh "$mbox"
    run json "$bin" --json -f "$mbox" >/dev/null
    run summary "$bin" --summary -f "$mbox" >/dev/null
    i=$((i + 1))
done

# median of column COL of file NAME
median() {
    sort -n -k "$2" "$work/$1" | awk -v c="$2" '{ v[NR] = $c }
        END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
t_cat=$(median cat 1)
t_grep=$(median grep 1)
t_json=$(median json 1)
t_sum=$(median summary 1)
rss_json=$(median json 2)
rss_sum=$(median summary 2)

# ---- start-up --------------------------------------------------------------------
i_true=0 i_code=0
if command -v valgrind >/dev/null 2>&1; then
    instr() {
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
            2>&1 >/dev/null | awk '/Collected/ { print $NF }'
    }
    i_true=$(instr /bin/true)
    i_code=$(instr "$bin" 5.1.1)
fi

# ---- report ----------------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || uname -m)
awk -v b="$bytes" -v m="$msgs" -v tc="$t_cat" -v tg="$t_grep" -v tj="$t_json" \
    -v ts="$t_sum" -v rj="$rss_json" -v rs="$rss_sum" -v it="$i_true" \
    -v ic="$i_code" -v cpu="$cpu" -v ncpu="$(getconf _NPROCESSORS_ONLN)" \
    -v runs="$runs" -v load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" 'BEGIN {
    mb = b / 1e6
    tc /= 1e6; tg /= 1e6; tj /= 1e6; ts /= 1e6
    printf "input: %.0f MB, %d messages; %s, %d CPUs; load %s; median of %d runs\n\n", mb, m, cpu, ncpu, load, runs
    printf "%-28s %10s %10s %14s %12s\n", "command", "median s", "MB/s", "messages/s", "peak RSS"
    printf "%-28s %10.3f %10.0f %14s %12s\n", "cat", tc, mb / tc, "-", "-"
    printf "%-28s %10.3f %10.0f %14s %12s\n", "grep -c Status:", tg, mb / tg, "-", "-"
    printf "%-28s %10.3f %10.0f %14.0f %8.1f MiB\n", "ndrcode --json", tj, mb / tj, m / tj, rj / 1024
    printf "%-28s %10.3f %10.0f %14.0f %8.1f MiB\n", "ndrcode --summary", ts, mb / ts, m / ts, rs / 1024
    printf "\nratio ndrcode --json / grep -c:    %.2f\n", tj / tg
    printf "ratio ndrcode --summary / grep -c: %.2f\n", ts / tg
    if (it > 0)
        printf "start-up: ndrcode 5.1.1 %d instructions, /bin/true %d: ratio %.2f\n", ic, it, ic / it
}'
