# lib.sh - helpers for the shell tests in tests/unix (sourced, POSIX sh).
# A test exits 0 when it passes, 1 when it fails and 77 when a tool it needs
# is missing (CTest reports that as skipped).

fails=0
checks=0

# check STATUS MESSAGE: count a check; report MESSAGE when STATUS is not 0.
check() {
    checks=$((checks + 1))
    if [ "$1" -ne 0 ]; then
        echo "FAIL: $2"
        fails=$((fails + 1))
    fi
}

skip() {
    echo "SKIP: $*"
    exit 77
}

need() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
    done
}

# finish: print the tally and exit with the verdict.
finish() {
    if [ "$checks" -eq 0 ]; then
        echo "FAIL: no check ran"
        exit 1
    fi
    echo "$((checks - fails)) passed, $fails failed"
    [ "$fails" -eq 0 ] && exit 0
    exit 1
}

# The options that `ndrcode --help` lists, one a line: -h, --help, ...
# (--color=WHEN gives --color).  The help text is the source of truth.
help_options() {
    "$1" --help | sed -n \
        -e 's/^ *\(-[A-Za-z0-9]\), \(--[a-z][a-z-]*\).*/\1\n\2/p' \
        -e 's/^ \{4,\}\(--[a-z][a-z-]*\).*/\1/p'
}

# A scratch folder removed at exit.
scratch() {
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/ndrtest.XXXXXX") || exit 2
    trap 'rm -rf "$tmp"' EXIT
}

# The version in include/ndrcode.h, and the soname's version for it (MAJOR
# from 1.0 on, MAJOR.MINOR before).
header_version() {
    sed -n 's/^#define NDR_VERSION "\(.*\)"$/\1/p' "$1/include/ndrcode.h"
}
so_version() {
    major=${1%%.*} rest=${1#*.}
    if [ "$major" = 0 ]; then echo "$major.${rest%%.*}"; else echo "$major"; fi
}

# expected_files LIBDIR ZSHDIR SHARED(ON/OFF) FUNCTION-LIST VERSION: every
# file and link an install holds, relative to the prefix, sorted.
expected_files() {
    sov=$(so_version "$5")
    {
        echo bin/ndrcode
        echo include/ndrcode.h
        echo "$1/libndrcode.a"
        if [ "$3" = ON ]; then
            echo "$1/libndrcode.so"
            echo "$1/libndrcode.so.$sov"
            echo "$1/libndrcode.so.$5"
        fi
        echo "$1/pkgconfig/ndrcode.pc"
        echo share/man/man1/ndrcode.1
        echo share/man/man3/libndrcode.3
        sed 's|^\(.*\)$|share/man/man3/\1.3|' "$4"
        echo share/bash-completion/completions/ndrcode
        echo "$2/_ndrcode"
        echo share/fish/vendor_completions.d/ndrcode.fish
        echo share/doc/ndrcode/README.md
        echo share/doc/ndrcode/LICENSE
    } | sort
}
