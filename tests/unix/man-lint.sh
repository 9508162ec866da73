#!/bin/sh
# mandoc -T lint at the strictest level (style) finds nothing in the manual
# pages, and neither does groff through man-db (`man --warnings`), the
# formatter `man ndrcode` uses on Debian.  Messages that depend on the
# machine, not the page, are let through: a reference to a page that is not
# installed yet, and mandoc's note about an outdated mandoc.db.  The pages
# have the sections a reader looks for.
# usage: man-lint.sh SOURCEDIR
src=$1
. "$src/tests/unix/lib.sh"
command -v mandoc >/dev/null 2>&1 || command -v man >/dev/null 2>&1 ||
    skip "neither mandoc nor man is installed"
for page in "$src/man/ndrcode.1" "$src/man/libndrcode.3"; do
    if command -v man >/dev/null 2>&1 && man --help 2>&1 | grep -q -- --warnings; then
        out=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
        [ -z "$out" ]
        check $? "man --warnings -l $page:
$out"
    fi
    command -v mandoc >/dev/null 2>&1 || continue
    out=$(mandoc -T lint -W style "$page" 2>&1 |
          grep -v -e 'referenced manual not found: Xr ndrcode 1' \
                  -e 'referenced manual not found: Xr libndrcode 3' \
                  -e 'referenced manual not found: Xr pkg-config 1' \
                  -e 'mandoc.db')
    [ -z "$out" ]
    check $? "mandoc -T lint $page:
$out"
    # The page renders, and has the sections a reader looks for.
    for sec in NAME SYNOPSIS DESCRIPTION EXAMPLES "SEE ALSO" STANDARDS; do
        grep -q "^\.Sh $sec\$" "$page"
        check $? "$page has no $sec section"
    done
done
for page in "$src/man/ndrcode.1" "$src/man/libndrcode.3"; do
    ! grep -Eq '^(<<<<<<<|=======|>>>>>>>)( |$)' "$page"
    check $? "$page holds merge conflict markers"
done
for sec in OUTPUT LIMITS ENVIRONMENT "EXIT STATUS"; do
    grep -q "^\.Sh $sec\$" "$src/man/ndrcode.1"
    check $? "man/ndrcode.1 has no $sec section"
done
for sec in "RETURN VALUES" ERRORS LIBRARY; do
    grep -q "^\.Sh $sec\$" "$src/man/libndrcode.3"
    check $? "man/libndrcode.3 has no $sec section"
done
for rfc in 3463 3464 5248 5321; do
    for page in "$src/man/ndrcode.1" "$src/man/libndrcode.3"; do
        grep -q "^\.%R RFC $rfc\$" "$page"
        check $? "$page does not cite RFC $rfc under STANDARDS"
    done
done
for var in NO_COLOR TERM; do
    sed -n '/^\.Sh ENVIRONMENT/,/^\.Sh /p' "$src/man/ndrcode.1" |
        grep -q "^\.It Ev $var\$"
    check $? "ENVIRONMENT of man/ndrcode.1 does not describe $var"
done
finish
