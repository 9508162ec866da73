#!/bin/sh
# man/libndrcode.3 documents exactly the public API: every function that
# include/ndrcode.h declares is in NAME and SYNOPSIS, no other ndr_ function
# is, and every field of the structures a caller fills or reads is named.
# usage: man-api.sh SOURCEDIR FUNCTION-LIST
src=$1 list=$2
. "$src/tests/unix/lib.sh"
page=$src/man/libndrcode.3
header=$src/include/ndrcode.h

n=$(grep -c . "$list")
check "$([ "$n" -ge 20 ]; echo $?)" "$list holds only $n functions"
while read -r fn; do
    grep -q "^\.Nm $fn\( ,\)\{0,1\}\$" "$page"
    check $? "NAME of libndrcode.3 lacks $fn"
    grep -q "^\.Fn $fn " "$page"
    check $? "SYNOPSIS of libndrcode.3 lacks $fn"
done <"$list"
for fn in $(sed -n 's/^\.Fn \(ndr_[a-z0-9_]*\) .*/\1/p;s/^\.Nm \(ndr_[a-z0-9_]*\).*/\1/p' "$page" | sort -u); do
    grep -qx "$fn" "$list"
    check $? "libndrcode.3 documents $fn, which ndrcode.h does not declare"
done

# Fields of the structures: each name between "typedef struct X {" and
# "} X;" in the header appears in the page.
for st in ndr_code ndr_explanation ndr_options ndr_record ndr_allocator; do
    fields=$(sed -n "/^typedef struct $st {/,/^} $st;/p" "$header" |
             sed -e 's,/\*.*\*/,,' -e 's/\[.*\]//' |
             grep ';' | grep -v '^}' |
             sed -e 's/(\*\([a-z_]*\)).*/\1;/' -e 's/.*[ *]\([a-z_][a-z0-9_]*\) *;.*/\1/')
    check "$([ -n "$fields" ]; echo $?)" "no fields found for struct $st"
    for f in $fields; do
        grep -Eq "(^|[^a-z_])$f([^a-z_0-9]|$)" "$page"
        check $? "libndrcode.3 does not name $st.$f"
    done
done
# Every error status is described under ERRORS.
for e in $(sed -n '/^#define NDR_ERRORS(X)/,/^$/p' "$header" |
           sed -n 's/^ *X(\([A-Z_]*\), ".*/NDR_\1/p'); do
    [ "$e" = NDR_OK ] && continue
    grep -q "Dv $e\$" "$page"
    check $? "ERRORS of libndrcode.3 lacks $e"
done
finish
