#!/bin/sh
# Check that a built binary carries the hardening of NDR_HARDEN: a
# position-independent executable, full RELRO (read-only relocations,
# bound at start), a non-executable stack, the stack protector, and
# _FORTIFY_SOURCE's checked functions.
#
# usage: hardening.sh BINARY
set -u
bin=$1
fail=0
no() { echo "FAIL $bin: $1"; fail=1; }
command -v readelf >/dev/null 2>&1 || { echo "readelf missing: skipped"; exit 0; }
readelf -h "$bin" | grep -q 'Type:.*DYN' || no "not a PIE"
readelf -d "$bin" | grep -q 'BIND_NOW\|FLAGS.*NOW' || no "no BIND_NOW (-z now)"
readelf -lW "$bin" | grep -q 'GNU_RELRO' || no "no RELRO segment (-z relro)"
readelf -lW "$bin" | grep 'GNU_STACK' | grep -q 'RWE' && no "executable stack"
# A static PIE (the command, NDR_STATIC_CLI) carries libc's functions
# itself: they are in its own symbol table, not imported.
if readelf -d "$bin" | grep -q '(NEEDED)'; then
    nm -D "$bin" | grep -q '__stack_chk_fail' || no "no stack protector"
    nm -D "$bin" | grep -q '_chk@' || no "no _FORTIFY_SOURCE checked calls"
else
    nm "$bin" | grep -q ' __stack_chk_fail$' || no "no stack protector"
    nm "$bin" | grep -q ' ___*[a-z]*_chk$' || no "no _FORTIFY_SOURCE checked calls"
fi
[ $fail = 0 ] && echo "ok   $bin: PIE, full RELRO, NX stack, stack protector, fortify"
exit $fail
