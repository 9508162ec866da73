#!/bin/sh
# The shared library exports exactly the public API: the functions that
# include/ndrcode.h declares and the library defines, nothing else (no
# generated ndr_tab_* table, no internal helper).
# usage: exports.sh LIBNDRCODE.SO LIBNDRCODE.A FUNCTION-LIST SOURCEDIR
so=$1 a=$2 list=$3 src=$4
. "$src/tests/unix/lib.sh"
need nm
scratch
nm -D --defined-only "$so" | awk 'NF == 3 && $2 ~ /^[TDBRVWi]$/ { print $3 }' |
    sort -u >"$tmp/exported"
nm --defined-only "$a" | awk 'NF == 3 && $2 == "T" { print $3 }' |
    sort -u >"$tmp/defined"
sort -u "$list" >"$tmp/declared"
comm -12 "$tmp/declared" "$tmp/defined" >"$tmp/want"

n=$(grep -c . "$tmp/want")
check "$([ "$n" -ge 20 ]; echo $?)" "only $n public functions are defined"
extra=$(comm -13 "$tmp/want" "$tmp/exported")
[ -z "$extra" ]
check $? "exported but not public: $(echo $extra)"
missing=$(comm -23 "$tmp/want" "$tmp/exported")
[ -z "$missing" ]
check $? "public but not exported: $(echo $missing)"
undefined=$(comm -23 "$tmp/declared" "$tmp/defined")
[ -n "$undefined" ] && echo "note: declared in ndrcode.h, not defined yet: $(echo $undefined)"
finish
