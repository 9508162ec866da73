#!/bin/sh
# Reproducer: ndr_gen writes past its row tables when a CSV file has more
# than MAX_ROWS (4096) rows.  read_codes, read_replies, read_tokens and
# read_reasons took a pointer to the next free row and filled it (memset, parse_who) before
# the "too many rows" check, so row 4097 lands outside the array.  Under
# ASan: global-buffer-overflow in read_codes; without it the write runs
# over n_codes and what follows.
# Expected: exit status 1 and "too many rows", for each of the four files.
# (There are only 400 reply codes, so the reply rows repeat; ndr_gen
# reports a duplicate reply code once per earlier copy.)
#
# usage: gen-too-many-rows.sh NDR_GEN DATA-DIR
set -u
gen=$1 data=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
# many FILE HEADER ROW: write HEADER then 4200 rows into FILE; "%d" in ROW
# becomes the row number, "%s.%d" a subject.detail pair, "%r" one of the
# 400 reply codes in turn, so rows differ as far as they can.
many() {
    { grep '^#' "$data/$1" || true; echo "$2"; awk -v row="$3" 'BEGIN {
        for (i = 0; i < 4200; i++) {
            r = row
            gsub(/%s/, int(i / 1000), r)
            gsub(/%d/, i % 1000, r)
            gsub(/%n/, i, r)
            gsub(/%r/, 200 + i % 400, r)
            print r
        } }'; } >"$tmp/$1"
}
for which in ndr_codes.csv reply_codes.csv tokens.csv reasons.csv; do
    cp "$data/ndr_codes.csv" "$data/vendors.csv" "$data/reply_codes.csv" \
        "$data/tokens.csv" "$data/reasons.csv" "$data/patterns.csv" "$tmp/"
    case $which in
    ndr_codes.csv)
        many ndr_codes.csv 'code,vendor,title,meaning,remediation,who,reply_codes,reference' \
            '5.%s.%d,,Title,Meaning.,Remedy.,sender,550,RFC 3463' ;;
    reply_codes.csv)
        many reply_codes.csv 'code,title,meaning,remediation,who,reference' \
            '%r,Title,Meaning.,Remedy.,sender,RFC 5321' ;;
    tokens.csv)
        many tokens.csv 'token,vendor,code,title,meaning,remediation,who,reference' \
            'TOKEN.X%n,exchange,5.1.1,Title,Meaning.,Remedy.,sender,Docs' ;;
    reasons.csv)
        many reasons.csv 'pattern,reason,priority,note' \
            'mailbox full %n,mailboxfull,400,' ;;
    esac
    "$gen" -o "$tmp/out.c" "$tmp/ndr_codes.csv" "$tmp/vendors.csv" \
        "$tmp/reply_codes.csv" "$tmp/tokens.csv" "$tmp/reasons.csv" \
        "$tmp/patterns.csv" >"$tmp/log" 2>&1
    rc=$?
    if [ $rc -ne 1 ] || ! grep -q 'too many rows' "$tmp/log" ||
        grep -q 'Sanitizer\|buffer overflow detected' "$tmp/log"; then
        echo "FAIL $which: exit $rc"
        grep -m3 'Sanitizer\|overflow\|#[0-9] ' "$tmp/log"
        fail=1
    fi
done
exit $fail
