#!/bin/sh
# Feed the generator broken CSV files; each must fail the build with the
# expected "FILE:LINE: message".  A fixture bad/KIND-NAME.csv replaces the
# KIND table (codes, vendors, replies, tokens, reasons, patterns) of the good data set; its
# first line (a comment) holds the expected message after "# expect: ".
# usage: run.sh NDR_GEN TESTDIR DATADIR
gen=$1 dir=$2 data=$3
out=$(mktemp -d) || exit 2
trap 'rm -rf "$out"' EXIT
fail=0 n=0
for f in "$dir"/bad/*.csv; do
    name=$(basename "$f" .csv)
    kind=${name%%-*}
    codes=$data/ndr_codes.csv vendors=$data/vendors.csv
    replies=$data/reply_codes.csv tokens=$data/tokens.csv
    reasons=$data/reasons.csv patterns=$data/patterns.csv
    case $kind in
    codes) codes=$f ;; vendors) vendors=$f ;;
    replies) replies=$f ;; tokens) tokens=$f ;; reasons) reasons=$f ;;
    patterns) patterns=$f ;;
    *) echo "bad fixture name $name"; fail=1; continue ;;
    esac
    want=$(sed -n '1s/^# expect: //p' "$f")
    n=$((n + 1))
    if "$gen" -o "$out/t.c" "$codes" "$vendors" "$replies" "$tokens" \
        "$reasons" "$patterns" 2>"$out/err"; then
        echo "FAIL $name: the generator accepted it"
        fail=1
    elif ! grep -qF -- "$want" "$out/err"; then
        echo "FAIL $name: want '$want', got:"
        cat "$out/err"
        fail=1
    fi
done
# The real data must pass.
if ! "$gen" -o "$out/t.c" "$data/ndr_codes.csv" "$data/vendors.csv" \
    "$data/reply_codes.csv" "$data/tokens.csv" "$data/reasons.csv" \
        "$data/patterns.csv"; then
    echo "FAIL: the project's own data is rejected"
    fail=1
fi
echo "$n bad fixtures checked"
exit $fail
