#!/bin/sh
# Everything CI runs, in order, stopping at the first failure:
#   1. the test suite built with ASan and UBSan (cmake --preset asan),
#      which also replays the real bounces of ../shared/corpus through the
#      bounce harness;
#   2. with clang: every libFuzzer harness for a while from its seeds
#      (tests/fuzz/smoke.sh, FUZZ_SECONDS each, default 60, two at a time);
#   3. static analysis (tests/static/run.sh): cppcheck, clang-tidy and
#      gcc -fanalyzer; a report that tests/static/justified.txt does not
#      justify fails CI (a tool not installed is skipped, and the reports
#      of versions other than Debian 12's are advisory);
#   4. last, the README's test command: default build (hardened) and its
#      ctest, which includes the hostile-input cases, the limits,
#      allocation failure, the fuzz seeds and crashes replayed, the golden
#      CLI cases under valgrind and the corpus score; its summary line
#      ends the run.
# About 15 minutes on two cores.  NDR_CI_SKIP may list steps to leave out
# (e.g. "fuzz static").
set -eu
cd "$(dirname "$0")/.."
skip=${NDR_CI_SKIP:-}
jobs=${NDR_CI_JOBS:-2}
t0=$(date +%s)
step() { echo; echo "==== $1 ($(($(date +%s) - t0)) s)"; }
skipped() { case " $skip " in *" $1 "*) echo "(skipped: $1)"; return 0 ;; esac; return 1; }

step "1. ASan + UBSan build and tests"
if ! skipped asan; then
    cmake --preset asan
    cmake --build --preset asan -j"$jobs"
    ctest --preset asan -j"$jobs"
fi

step "2. fuzz smoke"
if ! skipped fuzz; then
    if command -v clang >/dev/null 2>&1; then
        cmake --preset fuzz
        cmake --build --preset fuzz -j"$jobs"
        sh tests/fuzz/smoke.sh build-fuzz "${FUZZ_SECONDS:-60}"
    else
        echo "clang not installed: fuzz smoke skipped"
    fi
fi

step "3. static analysis"
if ! skipped static; then
    # A new report is fixed, or justified at its site and in
    # tests/static/justified.txt.
    sh tests/static/run.sh build-static
fi

# The README's command comes last, so that the run ends with ctest's
# summary line.
step "4. default build and tests (the README's command)"
cmake -B build && cmake --build build -j"$jobs" && ctest --test-dir build --output-on-failure
