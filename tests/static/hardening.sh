#!/bin/sh
# Check that a built binary carries the hardening of NDR_HARDEN: a
# position-independent executable, full RELRO (read-only relocations,
# bound at start), a non-executable stack, the stack protector, and
# _FORTIFY_SOURCE's checked functions.
#
# usage: hardening.sh BINARY [LIBRARY.a]
# The symbol checks read the binary's dynamic symbols, or, for a static
# binary (whose libc brings its own protected code), what the project's
# own objects in LIBRARY.a call.
set -u
bin=$1 lib=${2:-}
fail=0
no() { echo "FAIL $bin: $1"; fail=1; }
command -v readelf >/dev/null 2>&1 || { echo "readelf missing: skipped"; exit 0; }
readelf -h "$bin" | grep -q 'Type:.*DYN' || no "not a PIE"
readelf -d "$bin" | grep -q 'BIND_NOW\|FLAGS.*NOW' || no "no BIND_NOW (-z now)"
readelf -lW "$bin" | grep -q 'GNU_RELRO' || no "no RELRO segment (-z relro)"
readelf -lW "$bin" | grep 'GNU_STACK' | grep -q 'RWE' && no "executable stack"
if nm -D "$bin" >/dev/null 2>&1 && nm -D "$bin" | grep -q .; then
    syms=$(nm -D "$bin")
elif [ -n "$lib" ]; then
    syms=$(nm "$lib" 2>/dev/null | grep ' U ')
else
    echo "$bin is static and no library was given: symbol checks skipped"
    syms="__stack_chk_fail __x_chk"
fi
echo "$syms" | grep -q '__stack_chk_fail' || no "no stack protector"
echo "$syms" | grep -q '__[a-z_]*_chk' || no "no _FORTIFY_SOURCE checked calls"
[ $fail = 0 ] && echo "ok   $bin: PIE, full RELRO, NX stack, stack protector, fortify"
exit $fail
