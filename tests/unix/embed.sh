#!/bin/sh
# The library is usable as installed: the example program of README.md and
# the examples of man/libndrcode.3 are taken from those files as they are,
# built against an install tree with the installed pkg-config file (shared,
# and static), and run.  The parts that read bounces need the bounce parser
# in the library; until it is there they are skipped, and said so.
# usage: embed.sh BUILDDIR LIBDIR SOURCEDIR [CC [EXTRA-CFLAGS]]
# (EXTRA-CFLAGS: the sanitizer flags when the library was built with them)
build=$1 libdir=$2 src=$3 cc=${4:-cc} extra=${5:-}
. "$src/tests/unix/lib.sh"
need cmake pkg-config
command -v "$cc" >/dev/null 2>&1 || skip "no C compiler ($cc)"
scratch
p=$tmp/p
cmake --install "$build" --prefix "$p" >"$tmp/log" 2>&1 ||
    { echo "FAIL: cmake --install: $(tail -3 "$tmp/log")"; exit 1; }
export PKG_CONFIG_PATH="$p/$libdir/pkgconfig"
cflags=$(pkg-config --cflags ndrcode) libs=$(pkg-config --libs ndrcode)
strict="-std=c99 -Wall -Wextra -Wpedantic -Werror $extra"
has_parser=0
nm "$p/$libdir/libndrcode.a" 2>/dev/null | grep -q ' T ndr_parser_new$' && has_parser=1
skipped=0

# README.md: the C block after the "<!-- example: bounces.c" marker.
sed -n '/^<!-- example: bounces\.c/,/^```$/p' "$src/README.md" |
    sed '1,2d;$d' >"$tmp/bounces.c"
grep -q 'int main' "$tmp/bounces.c"
check $? "no example program found in README.md"

# man/libndrcode.3: each .Bd -literal block that starts with #include.
awk -v dir="$tmp" '
    /^\.Bd -literal/ { inblock = 1; body = ""; next }
    /^\.Ed/ { if (inblock && body ~ /^#include/) { n++; printf "%s", body > (dir "/man" n ".c") }
              inblock = 0; next }
    inblock { line = $0; gsub(/\\e/, "\\", line); body = body line "\n" }
' "$src/man/libndrcode.3"
mans=$(cd "$tmp" && ls man*.c 2>/dev/null)
check "$([ -n "$mans" ]; echo $?)" "no example program found in libndrcode.3"

for prog in bounces.c $mans; do
    name=${prog%.c}
    if [ $has_parser = 0 ] && grep -q ndr_parser_new "$tmp/$prog"; then
        echo "skip: $prog reads bounces, and the library has no parser yet"
        skipped=$((skipped + 1))
        continue
    fi
    # shellcheck disable=SC2086
    "$cc" $strict $cflags -o "$tmp/$name" "$tmp/$prog" $libs 2>"$tmp/cc.err"
    check $? "$prog does not build against the installed library: $(head -5 "$tmp/cc.err")"
    # shellcheck disable=SC2086
    "$cc" $strict $cflags -o "$tmp/$name-static" "$tmp/$prog" \
        -L"$p/$libdir" -Wl,-Bstatic -lndrcode -Wl,-Bdynamic 2>"$tmp/cc.err"
    check $? "$prog does not link the static library: $(head -5 "$tmp/cc.err")"
done

# The README program: look up a code with the shared library (found
# through LD_LIBRARY_PATH, so the installed .so is what runs) and with the
# static one.
run_bounces() { LD_LIBRARY_PATH=$p/$libdir "$tmp/bounces" "$@"; }
if [ -x "$tmp/bounces" ]; then
    out=$(run_bounces 5.1.1)
    check $? "./bounces 5.1.1 failed"
    case $out in "5.1.1: Bad destination mailbox address"*) r=0 ;; *) r=1 ;; esac
    check $r "./bounces 5.1.1 printed '$out'"
    run_bounces 9.9.9 >/dev/null 2>&1
    check "$([ $? -eq 2 ]; echo $?)" "./bounces 9.9.9 did not exit 2"
    if command -v ldd >/dev/null 2>&1 && [ -f "$p/$libdir/libndrcode.so" ]; then
        LD_LIBRARY_PATH=$p/$libdir ldd "$tmp/bounces" | grep -q "libndrcode\.so\..* => $p/"
        check $? "./bounces does not use the installed libndrcode.so"
    fi
    out=$("$tmp/bounces-static" 5.7.1)
    case $out in "5.7.1: "*) r=0 ;; *) r=1 ;; esac
    check $r "./bounces-static 5.7.1 printed '$out'"
    # Read a bounce from standard input.
    printf '%s\t%s\t%s\t%s\n' nobody@example.org 5.1.1 userunknown hard >"$tmp/want"
    run_bounces <"$src/tests/unix/data/dsn.eml" >"$tmp/got"
    check $? "./bounces < dsn.eml did not exit 0"
    cmp -s "$tmp/want" "$tmp/got"
    check $? "./bounces < dsn.eml printed '$(cat "$tmp/got")'"
    : | run_bounces >"$tmp/got"
    check "$([ $? -eq 1 ]; echo $?)" "./bounces < /dev/null did not exit 1"
fi
# The manual's programs: the first explains a code, the second prints the
# hard bounces.
if [ -x "$tmp/man1" ]; then
    out=$(LD_LIBRARY_PATH=$p/$libdir "$tmp/man1" 5.1.1)
    check $? "libndrcode.3's first example failed on 5.1.1"
    case $out in "Bad destination mailbox address (exact): "*) r=0 ;; *) r=1 ;; esac
    check $r "libndrcode.3's first example printed '$out'"
fi
if [ -x "$tmp/man2" ]; then
    out=$(LD_LIBRARY_PATH=$p/$libdir "$tmp/man2" <"$src/tests/unix/data/dsn.eml")
    check $? "libndrcode.3's second example failed on dsn.eml"
    [ "$out" = nobody@example.org ]
    check $? "libndrcode.3's second example printed '$out'"
fi
[ $skipped -gt 0 ] && echo "note: $skipped example(s) skipped until the bounce parser is merged"
finish
