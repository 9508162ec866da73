#!/bin/sh
# Static analysis: cppcheck, clang-tidy (checks in .clang-tidy) and gcc's
# -fanalyzer over src/ and the test harnesses.  Fails on any report that
# tests/static/justified.txt does not list with a reason.  cppcheck's
# variableScope is left out: declaring at the top of a block is a style
# the code base uses on purpose (C89 habits, one place to look).
#
# usage: tests/static/run.sh [WORK-DIR]   (default build-static)
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$src/build-static}
mkdir -p "$work"
log=$work/reports.txt
: >"$log"
status=0

# 1. A compile database (gcc, Debug) for cppcheck and clang-tidy.
cmake -S "$src" -B "$work/db" -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null || exit 2
cmake --build "$work/db" -j2 >/dev/null || exit 2  # makes ndr_tables.c

if command -v cppcheck >/dev/null 2>&1; then
    cppcheck --project="$work/db/compile_commands.json" -q \
        --enable=warning,style,performance,portability --inconclusive \
        --suppress=missingIncludeSystem --inline-suppr \
        --suppress=variableScope \
        -i"$work" --template='{file}|{id}|{line}: {severity}: {message}' 2>&1 |
        grep '|' | sed "s|^$src/||" >>"$log"
else
    echo "static: cppcheck not installed, skipped" >&2
fi

tidy=$(command -v run-clang-tidy-14 || command -v run-clang-tidy || true)
if [ -n "$tidy" ]; then
    # Only the project's own sources, not the generated table.
    "$tidy" -p "$work/db" -quiet "$src/src/" "$src/tests/" 2>/dev/null |
        sed 's/\x1b\[[0-9;]*m//g' |
        sed -n 's|^\([^ :]*\):\([0-9]*\):[0-9]*: warning: \(.*\) \[\([^]]*\)\]$|\1\|\4\|\2: \3|p' |
        sed "s|^$src/||" | sort -u >>"$log"
else
    echo "static: run-clang-tidy not installed, skipped" >&2
fi

# 2. gcc -fanalyzer over a full build.
cmake -S "$src" -B "$work/analyzer" -DCMAKE_C_COMPILER=gcc \
    -DCMAKE_BUILD_TYPE=Debug -DNDR_ANALYZE=ON >/dev/null || exit 2
cmake --build "$work/analyzer" --clean-first -j2 2>&1 |
    sed -n 's|^\([^ :]*\):\([0-9]*\):[0-9]*: warning: \(.*\) \[\(-Wanalyzer[^]]*\)\]$|\1\|\4\|\2: \3|p' |
    sed -e "s|^$src/||" -e 's|^tests/fuzz/\.\./\.\./||' | sort -u >>"$log"

# Compare with the justified list.
while IFS= read -r line; do
    file=${line%%|*}
    rest=${line#*|}
    check=${rest%%|*}
    if grep -v '^#' "$src/tests/static/justified.txt" | grep -qF "$file|$check|"; then
        echo "justified: $line"
    else
        echo "REPORT:    $line"
        status=1
    fi
done <"$log"
[ $status = 0 ] && echo "static analysis: clean ($(wc -l <"$log") justified reports)"
exit $status
