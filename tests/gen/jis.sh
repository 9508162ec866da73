#!/bin/sh
# ndr_jisgen on data/jisx0208.csv and on broken copies of it: the real
# table compiles (twice the same), and each breakage fails with
# "FILE:LINE: message" naming the fault.
# usage: jis.sh NDR_JISGEN DATADIR
gen=$1 data=$2/jisx0208.csv
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0

"$gen" -o "$tmp/a.c" "$data" && "$gen" -o "$tmp/b.c" "$data" || {
    echo "FAIL: the project's own table is rejected"; exit 1; }
cmp -s "$tmp/a.c" "$tmp/b.c" || { echo "FAIL: output differs between runs"; fail=1; }
grep -q '0x3042' "$tmp/a.c" || { echo "FAIL: hiragana a (U+3042) missing"; fail=1; }

# bad NAME 'MESSAGE' SED-SCRIPT: the table edited by the script must fail
bad() {
    n=$((n + 1))
    sed "$3" "$data" >"$tmp/$1.csv"
    if "$gen" -o "$tmp/t.c" "$tmp/$1.csv" 2>"$tmp/err"; then
        echo "FAIL $1: accepted"; fail=1
    elif ! grep -qF -- "$1.csv:" "$tmp/err" || ! grep -qF -- "$2" "$tmp/err"; then
        echo "FAIL $1: want '$2', got:"; cat "$tmp/err"; fail=1
    fi
}
bad header 'the header must be "row,cells"' 's/^row,cells$/row,cell/'
bad missing 'row 94 is missing' '/^94,/d'
bad twice 'row 4 given twice' 's/^5,/4,/'
bad rownum 'is not a number 1..94' 's/^7,/95,/'
bad short 'row 4 has 93 cells, want 94' '/^4,/s/ [0-9A-F]*$//'
bad long 'row 4 has more than 94 cells' '/^4,/s/$/ 3000/'
bad wide 'more than four hex digits' '/^4,/s/^4,3041/4,13041/'
bad nothex 'not a hex number' '/^4,/s/^4,3041/4,XYZ/'
bad spaces 'row 4 column 2: not a hex number' '/^4,/s/^4,3041 /4,3041  /'
bad tab 'separated by one space' '/^4,/s/^4,3041 /4,3041\t/'
bad surrogate 'is a control character or a surrogate' '/^4,/s/^4,3041/4,D800/'
bad control 'is a control character or a surrogate' '/^4,/s/^4,3041/4,1B/'
bad fields '3 fields, want 2' '/^4,/s/$/,x/'
echo "$n broken tables checked"
exit $fail
