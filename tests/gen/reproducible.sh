#!/bin/sh
# The generator's output depends only on its input: two runs, same bytes.
# usage: reproducible.sh NDR_GEN DATADIR
gen=$1 data=$2
out=$(mktemp -d) || exit 2
trap 'rm -rf "$out"' EXIT
for i in 1 2; do
    "$gen" -o "$out/$i.c" "$data/ndr_codes.csv" "$data/vendors.csv" \
        "$data/reply_codes.csv" "$data/tokens.csv" "$data/reasons.csv" \
        "$data/patterns.csv" || exit 1
done
cmp "$out/1.c" "$out/2.c"
