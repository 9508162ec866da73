#!/bin/sh
# ndr_cjkgen on data/gbk.csv, data/big5.csv, data/uhc.csv, data/gb18030.csv
# and on broken copies of the GBK and GB18030 ones: the real tables compile
# (twice the same), and each breakage fails with "FILE:LINE: message"
# naming the fault.
# usage: cjk.sh NDR_CJKGEN DATADIR
gen=$1 dir=$2 data=$2/gbk.csv
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
all="gbk=$dir/gbk.csv big5=$dir/big5.csv uhc=$dir/uhc.csv -r gb18030=$dir/gb18030.csv"

# shellcheck disable=SC2086
"$gen" -o "$tmp/a.c" $all && "$gen" -o "$tmp/b.c" $all || {
    echo "FAIL: the project's own tables are rejected"; exit 1; }
cmp -s "$tmp/a.c" "$tmp/b.c" || { echo "FAIL: output differs between runs"; fail=1; }
for t in gbk big5 uhc; do
    grep -q "^const unsigned short ndr_cjk_$t\[126\]\[191\]" "$tmp/a.c" ||
        { echo "FAIL: table $t missing"; fail=1; }
done
# GBK D6 D0 and Big5 A4 A4 are U+4E2D; UHC B0 A1 is U+AC00 (the first
# Hangul syllable), and UHC 81 41 U+AC02 (from a run "AC02*2").
grep -q '0x4e2d' "$tmp/a.c" || { echo "FAIL: U+4E2D missing"; fail=1; }
grep -q '0xac00' "$tmp/a.c" || { echo "FAIL: U+AC00 missing"; fail=1; }
grep -q '0xac03' "$tmp/a.c" || { echo "FAIL: a run was not expanded"; fail=1; }
# GB18030's runs: the first (pointer 32, U+00A0, 4 pointers) and their count
grep -q '^const unsigned short ndr_cjk_gb18030_ranges\[[0-9]*\]\[3\]' "$tmp/a.c" ||
    { echo "FAIL: the GB18030 ranges missing"; fail=1; }
grep -q '{0x0020, 0x00a0, 0x0004},' "$tmp/a.c" ||
    { echo "FAIL: the first GB18030 run missing"; fail=1; }
runs=$(grep -c '^[0-9]' "$dir/gb18030.csv")
grep -q "^const unsigned ndr_cjk_gb18030_nranges = $runs;" "$tmp/a.c" ||
    { echo "FAIL: the GB18030 run count is not $runs"; fail=1; }

# bad NAME 'MESSAGE' SED-SCRIPT: the table edited by the script must fail
bad() {
    n=$((n + 1))
    sed "$3" "$data" >"$tmp/$1.csv"
    if "$gen" -o "$tmp/t.c" "gbk=$tmp/$1.csv" 2>"$tmp/err"; then
        echo "FAIL $1: accepted"; fail=1
    elif ! grep -qF -- "$1.csv:" "$tmp/err" || ! grep -qF -- "$2" "$tmp/err"; then
        echo "FAIL $1: want '$2', got:"; cat "$tmp/err"; fail=1
    fi
}
bad header 'the header must be "lead,cells"' 's/^lead,cells$/lead,cell/'
bad missing 'lead FE is missing' '/^FE,/d'
bad twice 'lead 81 given twice' 's/^82,/81,/'
bad leadnum 'is not a hex byte 81..FE' 's/^83,/80,/'
bad leadlen 'is not a hex byte 81..FE' 's/^83,/083,/'
bad short 'lead B0 has 190 cells, want 191' '/^B0,/s/ [0-9A-F]*$//'
bad long 'lead B0 has more than 191 cells' '/^B0,/s/$/ 3000/'
bad longrun 'lead B0 has more than 191 cells' '/^B0,/s/ [0-9A-F]*$/ 0*2/'
bad wide 'more than four hex digits' '/^B0,/s/^B0,[0-9A-F*]*/B0,13000/'
bad nothex 'not a hex number' '/^B0,/s/^B0,[0-9A-F*]*/B0,XYZ/'
bad spaces 'lead B0 after 7 cells: not a hex number' '/^B0,/s/^B0,\([0-9A-F*]*\) /B0,\1  /'
bad tab 'separated by one space' '/^B0,/s/^B0,\([0-9A-F*]*\) /B0,\1\t/'
bad count1 'a run needs a count of 2 or more' '/^B0,/s/^B0,[0-9A-F*]*/B0,4E00*1/'
bad count 'a run needs a count of 2 or more' '/^B0,/s/^B0,[0-9A-F*]*/B0,4E00*/'
bad countlong 'run too long' '/^B0,/s/^B0,[0-9A-F*]*/B0,4E00*1000/'
bad surrogate 'a control character, a surrogate or passes U+FFFF' '/^B0,/s/^B0,[0-9A-F*]*/B0,D800/'
bad intosurrogate 'a control character, a surrogate or passes U+FFFF' '/^B0,/s/^B0,[0-9A-F*]*/B0,D7FF*2/'
bad pastbmp 'a control character, a surrogate or passes U+FFFF' '/^B0,/s/^B0,[0-9A-F*]*/B0,FFFF*2/'
bad control 'a control character, a surrogate or passes U+FFFF' '/^B0,/s/^B0,[0-9A-F*]*/B0,1B/'
bad fields '3 fields, want 2' '/^B0,/s/$/,x/'

# badr NAME 'MESSAGE' SED-SCRIPT: the same for the GB18030 ranges
ranges=$dir/gb18030.csv
badr() {
    n=$((n + 1))
    sed "$3" "$ranges" >"$tmp/$1.csv"
    if "$gen" -o "$tmp/t.c" -r "gb18030=$tmp/$1.csv" 2>"$tmp/err"; then
        echo "FAIL $1: accepted"; fail=1
    elif ! grep -qF -- "$1.csv:" "$tmp/err" || ! grep -qF -- "$2" "$tmp/err"; then
        echo "FAIL $1: want '$2', got:"; cat "$tmp/err"; fail=1
    fi
}
badr rheader 'the header must be "pointer,code,count"' 's/^pointer,code,count$/pointer,code/'
badr rfields '2 fields, want 3' '/^36,/s/,2$//'
badr rptr 'pointer "x6" is not a number 0..39419' 's/^36,/x6,/'
badr rptrbig 'pointer "39420" is not a number 0..39419' 's/^39394,/39420,/'
badr rptrlong 'pointer "000036" is not a number 0..39419' 's/^36,/000036,/'
badr rcode 'code "G5" is not a hex number of one to four digits' 's/^36,A5,/36,G5,/'
badr rcodewide 'code "1F600" is not a hex number' 's/^36,A5,/36,1F600,/'
badr rcount0 'count "0" is not a number 1..39420' 's/^36,A5,2$/36,A5,0/'
badr rcountx 'count "2x" is not a number' 's/^36,A5,2$/36,A5,2x/'
badr rpast 'the run of 27 passes pointer 39419' 's/^39394,FFE6,26$/39394,FFE6,27/'
badr rcontrol 'a control character, a surrogate or passes U+FFFF' 's/^32,A0,/32,9F,/'
badr rsurrogate 'a control character, a surrogate or passes U+FFFF' 's/^36,A5,/36,D7FF,/'
badr rpastbmp 'a control character, a surrogate or passes U+FFFF' 's/^39394,FFE6,/39394,FFEA,/'
badr roverlap 'the runs must ascend without overlapping' 's/^36,A5,2$/35,A5,2/'
badr rdown 'the runs must ascend without overlapping' 's/^38,A9,/38,A0,/'
badr rnone 'no runs' '/^[0-9]/d'

# the arguments: NAME=FILE, each name once
n=$((n + 4))
"$gen" -o "$tmp/t.c" "$data" 2>/dev/null; [ $? -eq 2 ] ||
    { echo "FAIL: an argument without NAME= accepted"; fail=1; }
"$gen" -o "$tmp/t.c" "gbk=$data" -r 2>/dev/null; [ $? -eq 2 ] ||
    { echo "FAIL: -r without its table accepted"; fail=1; }
"$gen" -o "$tmp/t.c" "gbk=$data" -r "gbk=$ranges" 2>/dev/null; [ $? -eq 2 ] ||
    { echo "FAIL: a range table named like a table accepted"; fail=1; }
"$gen" -o "$tmp/t.c" "gbk=$data" "gbk=$data" 2>/dev/null; [ $? -eq 2 ] ||
    { echo "FAIL: a table named twice accepted"; fail=1; }
echo "$n broken tables checked"
exit $fail
