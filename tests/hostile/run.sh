#!/bin/sh
# Hostile input through the ndrcode command: every case is generated on the
# fly (nothing large is kept), run under a time limit, and checked for its
# exit status, its words, valid JSON Lines or terminal-safe text, peak
# memory, and (for the scaling cases) CPU time that grows linearly.
#
# usage: run.sh NDRCODE GEN LIMIT JSONL RSS_BOUND_KIB [GROUP]
#   GEN    ndr_hostile_gen, LIMIT ndr_limit, JSONL ndr_jsonl (this folder)
#   RSS_BOUND_KIB  peak resident memory allowed per run; 0 = not checked
#                  (sanitizer builds)
#   GROUP  "main" (default): every case but the endless ones; "endless":
#          endless inputs, which only a limit can end; "all"
set -u
bin=$1 gen=$2 lim=$3 jsonl=$4 rss_bound=$5 group=${6:-main}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0 cases=0
out=$tmp/out err=$tmp/err

bad() {
    echo "FAIL $name: $*"
    sed -n '1,5p' "$err" | sed 's/^/    stderr: /'
    fail=1
}

# After a run: the status, the limit line, and the memory bound.
# check_run WANT (a status, or a list like "0 1")
check_run() {
    rc=$(sed -n 's/^limit: .*status=\([0-9]*\)$/\1/p' "$err" | tail -1)
    rss=$(sed -n 's/^limit: rss_kib=\([0-9]*\) .*/\1/p' "$err" | tail -1)
    cpu=$(sed -n 's/^limit: .*cpu_s=\([0-9.]*\) .*/\1/p' "$err" | tail -1)
    cases=$((cases + 1))
    [ -n "$rc" ] || { bad "no report from ndr_limit"; return 1; }
    if [ "$rc" = 124 ]; then
        bad "still running at the time limit (not ended by a limit)"
        return 1
    fi
    ok=0
    for w in $1; do [ "$rc" = "$w" ] && ok=1; done
    [ $ok = 1 ] || { bad "exit status $rc, want $1"; return 1; }
    if [ "$rss_bound" -gt 0 ] && [ "$rss" -gt "$rss_bound" ]; then
        bad "peak RSS ${rss} KiB over the bound of ${rss_bound} KiB"
        return 1
    fi
    echo "ok   $name (exit $rc, ${rss} KiB, ${cpu} s)"
    return 0
}

has() { grep -qF -- "$1" "$out" || bad "output lacks: $1"; }
err_has() { grep -qF -- "$1" "$err" || bad "stderr lacks: $1"; }
json_ok() { "$jsonl" <"$out" 2>"$tmp/jerr" || { bad "invalid JSON Lines: $(head -1 "$tmp/jerr")"; }; }
text_ok() { "$jsonl" -t <"$out" 2>"$tmp/jerr" || { bad "unsafe text output: $(head -1 "$tmp/jerr")"; }; }
tsv_ok() { "$jsonl" -T <"$out" 2>"$tmp/jerr" || { bad "unsafe TSV output: $(head -1 "$tmp/jerr")"; }; }

# gen_run NAME SECONDS WANT CASE N [ndrcode options...]
gen_run() {
    name=$1 secs=$2 want=$3 case=$4 n=$5
    shift 5
    "$gen" "$case" "$n" | "$lim" "$secs" -- "$bin" "$@" >"$out" 2>"$err"
    check_run "$want"
}

# A second opinion on JSON from Python's parser, when there is one.
py_json() {
    command -v python3 >/dev/null 2>&1 || return 0
    python3 -c 'import json, sys
for n, l in enumerate(sys.stdin, 1):
    json.loads(l)' <"$out" 2>"$tmp/pyerr" || bad "python3 json: $(tail -1 "$tmp/pyerr")"
}

# ---- endless input: only a limit may end these ------------------------------
if [ "$group" != main ]; then
gen_run "endless base64" 300 2 b64 0 --json && err_has "message too large"
name="/dev/zero as input"
"$lim" 300 -- "$bin" -f /dev/zero >"$out" 2>"$err"
check_run 2 && err_has "ndrcode: /dev/zero: "
fi
if [ "$group" = endless ]; then
    echo "$cases hostile cases run"
    exit $fail
fi

# ---- size and shape ------------------------------------------------------
gen_run "256 MiB single line" 300 0 longline 268435456 --json && {
    json_ok; has '"recipient":"user@example.org"'; }
gen_run "100000 nested multiparts" 120 "0 1" nested 100000 --json && json_ok
gen_run "1000000 tiny parts" 120 2 parts 1000000 --json && {
    json_ok; has '"status":"5.1.1"'; err_has "too many MIME parts"; }
gen_run "NUL bytes everywhere" 60 0 nuls 2000 --json && {
    json_ok; py_json; has '"status":"5.1.1"'; }
gen_run "NUL bytes, text output" 60 0 nuls 20 && text_ok
gen_run "invalid UTF-8 and escapes, JSON" 60 0 badutf8 50 --json && {
    json_ok; py_json; }
gen_run "invalid UTF-8 and escapes, text" 60 0 badutf8 50 && {
    text_ok; has '\x1b]52;c;'; has '\u202e'; }
gen_run "invalid UTF-8 and escapes, TSV" 60 0 badutf8 50 --tsv && tsv_ok
gen_run "invalid UTF-8 and escapes, summary" 60 0 badutf8 50 --summary --json && json_ok

# ---- a hostile TEXT argument (explain mode) -------------------------------
evil=$(printf '550 5.1.1 \033]52;c;cm0K\007 \033[2J\r\233\342\200\256 \377\300 RESOLVER.ADR.RecipNotFound')
name="hostile TEXT, JSON"
"$lim" 30 -- "$bin" --json "$evil" >"$out" 2>"$err"
check_run 0 && { json_ok; py_json; }
name="hostile TEXT, text"
"$lim" 30 -- "$bin" "$evil" >"$out" 2>"$err"
check_run 0 && text_ok
name="hostile TEXT without a code: the error message is escaped"
"$lim" 30 -- "$bin" "$(printf 'no code \033]0;owned\007 \342\200\256')" >"$out" 2>"$err"
if check_run 1; then
    grep -v '^limit: ' "$err" >"$out"
    text_ok
fi

# ---- files that are not files ---------------------------------------------
name="a directory given as a file"
mkdir "$tmp/dir"
"$lim" 30 -- "$bin" -f "$tmp/dir" >"$out" 2>"$err"
check_run 2 && err_has "is a directory"
name="a FIFO given as a file"
if mkfifo "$tmp/fifo" 2>/dev/null; then
    "$gen" textrcpts 3 >"$tmp/fifo" &
    "$lim" 30 -- "$bin" --json -f "$tmp/fifo" >"$out" 2>"$err"
    check_run 0 && { json_ok; has '"recipient":"u2@example.org"'; }
    wait
fi

# ---- the documented limits, at the command line's defaults ------------------
gen_run "header fields: 9990 pass" 60 0 headers 9990 --json && has '"status":"5.1.1"'
gen_run "header fields: 10001 stop" 60 2 headers 10001 && err_has "too many header fields"
gen_run "header field length: cut at 16 KiB" 60 0 hdrlen 1000000 --json && has '"status":"5.1.1"'
gen_run "line length: cut at 8 KiB" 60 0 longline 100000 --json && has '"recipient":"user@example.org"'
gen_run "MIME depth: 31 levels read" 60 0 nested 31 --json && has '"recipient":"user@example.org"'
gen_run "MIME depth: 33 levels skipped" 60 1 nested 33 --json
gen_run "parts: 9998 pass" 60 0 parts 9998 --json
gen_run "parts: 10000 stop" 60 2 parts 10000 && err_has "too many MIME parts"
gen_run "boundary: 200 characters" 60 0 boundary 200 --json && has '"recipient":"user@example.org"'
gen_run "boundary: 201 characters refused" 60 0 boundary 201 --json && json_ok
gen_run "recipients: 1000 blocks pass" 60 0 dsnrcpts 1000 --json && has '"recipient":"u999@example.org"'
gen_run "recipients: 1001 blocks stop" 60 2 dsnrcpts 1001 --json && {
    err_has "too many recipients"; has '"recipient":"u999@example.org"'; }
gen_run "recipients in text: 1001 stop" 60 2 textrcpts 1001 && err_has "too many recipients"
gen_run "decoded bytes per part: 16 MiB" 120 0 b64 400000 --json && has '"recipient":"user@example.org"'

# ---- linear time -------------------------------------------------------------
# linear NAME CASE N: CPU time for 4N must stay under 8 times that for N
# (linear gives 4, quadratic 16); runs shorter than 0.2 s are not compared.
linear() {
    lname=$1 lcase=$2 ln=$3
    gen_run "$lname, N=$ln" 300 "0 1 2" "$lcase" "$ln" -q || return
    c1=$cpu
    gen_run "$lname, N=$((ln * 4))" 300 "0 1 2" "$lcase" $((ln * 4)) -q || return
    c4=$cpu
    if awk -v a="$c1" -v b="$c4" 'BEGIN { exit !(a >= 0.2 && b > 8 * a) }'; then
        name="$lname scales linearly"
        bad "CPU time ${c1}s for N, ${c4}s for 4N"
    fi
}
linear "messages in an mbox" mbox 50000
linear "lines of failure text" textlines 200000
linear "parts" nested 20000
linear "lines naming a known recipient" samercpt 50000

echo "$cases hostile cases run"
exit $fail
