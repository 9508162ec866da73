#!/bin/sh
# Static analysis: cppcheck, clang-tidy (checks in .clang-tidy) and gcc's
# -fanalyzer over src/ and the test harnesses.  Fails on any report that
# tests/static/justified.txt does not list with a reason: each line there
# justifies one report, so FILE|CHECK may be listed as often as it is
# reported, and one report more fails.  cppcheck's variableScope is left
# out: declaring at the top of a block is a style the code base uses on
# purpose (C89 habits, one place to look).
#
# The list fits the tools of Debian 12: cppcheck 2.10, clang-tidy 14 and
# gcc 12.  A tool that is missing is skipped; one of another version runs,
# but its reports are printed as advisory and do not fail the run (other
# versions have other checks and other false positives).
#
# usage: tests/static/run.sh [WORK-DIR]   (default build-static)
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$src/build-static}
mkdir -p "$work" && work=$(cd "$work" && pwd) || exit 2
list=$src/tests/static/justified.txt
status=0
LC_ALL=C
export LC_ALL

# Each tool writes its reports, one a line "FILE|CHECK|LINE: message", to
# $work/reports-TOOL.txt; $work/fatal lists the tools whose reports count.
: >"$work/fatal"
for t in cppcheck tidy analyzer; do : >"$work/reports-$t.txt"; done
ran() { # TOOL PINNED(0/1) DESCRIPTION
    if [ "$2" = 1 ]; then
        echo "$1" >>"$work/fatal"
    else
        echo "static: $3 is not the version justified.txt was made for:" \
             "its reports are advisory" >&2
    fi
}

if ! command -v cppcheck >/dev/null 2>&1 &&
   ! command -v clang-tidy-14 >/dev/null 2>&1 &&
   ! command -v gcc >/dev/null 2>&1; then
    echo "static: none of cppcheck, clang-tidy-14, gcc installed: skipped"
    exit 0
fi
gcc_major=
if command -v gcc >/dev/null 2>&1; then
    gcc_major=$(gcc -dumpversion | cut -d. -f1)
    cc=gcc
else
    echo "static: gcc not installed, -fanalyzer skipped" >&2
    cc=cc
fi
# GNU make's --output-sync keeps the two compilers' messages apart.
if command -v make >/dev/null 2>&1; then
    gen="Unix Makefiles" sync=--output-sync=target
else
    gen=Ninja sync=  # ninja prints each command's output whole
fi

# Without the shared library, whose objects are the static library's
# sources compiled again with -fPIC: the same reports, twice the time.
# 1. A compile database (Debug) for cppcheck and clang-tidy, and the
# generated table the library's sources need.
cmake -S "$src" -B "$work/db" -G "$gen" -DCMAKE_C_COMPILER=$cc \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DBUILD_SHARED_LIBS=OFF >/dev/null || exit 2
cmake --build "$work/db" -j2 --target libndrcode >/dev/null || exit 2

if command -v cppcheck >/dev/null 2>&1; then
    v=$(cppcheck --version)
    case $v in "Cppcheck 2.10"|"Cppcheck 2.10."*) p=1 ;; *) p=0 ;; esac
    ran cppcheck $p "$v"
    cppcheck --project="$work/db/compile_commands.json" -q \
        --enable=warning,style,performance,portability --inconclusive \
        --suppress=missingIncludeSystem --inline-suppr \
        --suppress=variableScope \
        -i"$work" --template='{file}|{id}|{line}: {severity}: {message}' 2>&1 |
        grep '|' | sed "s|^$src/||" | sort -u >"$work/reports-cppcheck.txt"
else
    echo "static: cppcheck not installed, skipped" >&2
fi

# Debian's run-clang-tidy-14 runs clang-tidy-14 (the unversioned names may
# be another version).
if command -v run-clang-tidy-14 >/dev/null 2>&1 &&
   command -v clang-tidy-14 >/dev/null 2>&1; then
    ran tidy 1 clang-tidy-14
    # Only the project's own sources, not the generated table.
    # It fails when a file does not compile: its reports would be missing.
    run-clang-tidy-14 -clang-tidy-binary clang-tidy-14 -j 2 -p "$work/db" \
        -quiet "$src/src/" "$src/tests/" >"$work/tidy.log" 2>&1 || {
        echo "static: clang-tidy failed, see $work/tidy.log" >&2
        status=1
    }
    sed 's/\x1b\[[0-9;]*m//g' "$work/tidy.log" |
        sed -n 's|^\([^ :]*\):\([0-9]*\):[0-9]*: warning: \(.*\) \[\([^]]*\)\]$|\1\|\4\|\2: \3|p' |
        sed "s|^$src/||" | sort -u >"$work/reports-tidy.txt"
else
    echo "static: clang-tidy-14 (run-clang-tidy-14) not installed, skipped" >&2
fi

# 2. gcc -fanalyzer (gcc 10 and later) over a full build: every target.
if [ -n "$gcc_major" ] && [ "$gcc_major" -ge 10 ]; then
    [ "$gcc_major" = 12 ] && p=1 || p=0
    ran analyzer $p "gcc $gcc_major"
    cmake -S "$src" -B "$work/analyzer" -G "$gen" -DCMAKE_C_COMPILER=gcc \
        -DCMAKE_BUILD_TYPE=Debug -DNDR_ANALYZE=ON -DBUILD_SHARED_LIBS=OFF \
        >/dev/null || exit 2
    cmake --build "$work/analyzer" --clean-first -j2 -- $sync \
        >"$work/analyzer.log" 2>&1 || {
        echo "static: the -fanalyzer build failed, see $work/analyzer.log" >&2
        status=1
    }
    sed -n 's|^\([^ :]*\):\([0-9]*\):[0-9]*: warning: \(.*\) \[\(-Wanalyzer[^]]*\)\]$|\1\|\4\|\2: \3|p' \
        "$work/analyzer.log" |
        sed -e "s|^$src/||" -e 's|^tests/fuzz/\.\./\.\./||' |
        sort -u >"$work/reports-analyzer.txt"
elif [ -n "$gcc_major" ]; then
    echo "static: gcc $gcc_major has no -fanalyzer, skipped" >&2
fi

# Compare with the justified list: the Nth report of FILE|CHECK needs N
# lines for it there.
grep -v '^#' "$list" | grep '|' | cut -d'|' -f1,2 | sort >"$work/allowed"
seen=
total=0
for t in cppcheck tidy analyzer; do
    if grep -qx "$t" "$work/fatal"; then fatal=1; else fatal=0; fi
    : >"$work/counted"
    while IFS= read -r line; do
        key=$(echo "$line" | cut -d'|' -f1,2)
        echo "$key" >>"$work/counted"
        n=$(grep -cxF "$key" "$work/counted")
        have=$(grep -cxF "$key" "$work/allowed")
        total=$((total + 1))
        if [ "$n" -le "$have" ]; then
            echo "justified: $line"
        elif [ $fatal = 1 ]; then
            echo "REPORT:    $line"
            status=1
        else
            echo "advisory:  $line"
        fi
    done <"$work/reports-$t.txt"
    [ $fatal = 1 ] && seen="$seen $t"
done
# With every tool run as pinned, a justification no report uses is stale.
if [ "$seen" = " cppcheck tidy analyzer" ]; then
    cat "$work"/reports-*.txt | cut -d'|' -f1,2 | sort >"$work/counted"
    uniq -c "$work/allowed" | while read -r have key; do
        n=$(grep -cxF "$key" "$work/counted")
        [ "$n" -lt "$have" ] &&
            echo "stale:     $key is justified $have times, reported $n"
    done
fi
[ $status = 0 ] && echo "static analysis: clean ($total reports, each" \
    "justified or advisory; fatal for:${seen:- none})"
exit $status
