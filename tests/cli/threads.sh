#!/bin/sh
# Reading an mbox on several threads prints exactly what one thread prints.
#
# An mbox is built from the test fixtures, each message also with CRLF and
# with bare CR line ends, one message with a "From " line quoted in its
# body and one cut short at the end.  It is read with NDRCODE_THREADS=1 and
# with 2 and 3 threads, cut into segments of a few bytes, a few hundred bytes
# and a few kilobytes, in every output format, from -f and from standard
# input; standard output, standard error and the exit status must be the
# same.  So are mboxes of messages that span several segments (LF, CRLF and
# bare CR), messages that start at, just before and just after a segment's
# edge, a file over one segment by a few bytes, one that does not start with
# "From ", and the message-size limit.
# usage: threads.sh NDRCODE FIXTURES
bin=$1 fix=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
mbox=$tmp/fixtures.mbox

sep() { printf 'From MAILER-DAEMON Mon Nov  3 10:15:02 2025\n'; }
: >"$mbox"
for round in 1 2 3; do
    for f in "$fix"/*.eml "$fix"/*.txt; do
        sep >>"$mbox"
        case $round in
        1) cat "$f" ;;
        2) awk '{ printf "%s\r\n", $0 }' "$f" ;;
        3) tr '\n' '\r' <"$f" ;;
        esac >>"$mbox"
        printf '\n' >>"$mbox"
    done
    # a body line that only looks like a separator (no blank line before)
    sep >>"$mbox"
    printf 'From: MAILER-DAEMON@example.org\nSubject: failure notice\n\n' >>"$mbox"
    printf '<kim@example.org>:\nFrom the server: 550 5.1.1 no such user\n\n' >>"$mbox"
    # an attachment whose bare CRs end an empty line before a "From " line
    sep >>"$mbox"
    printf 'From: MAILER-DAEMON@example.org\nSubject: failure notice\n' >>"$mbox"
    printf 'Content-Type: multipart/mixed; boundary=b\n\n--b\n\n' >>"$mbox"
    printf '<lee@example.org>: 550 5.1.1 no such user\n--b\n' >>"$mbox"
    printf 'Content-Type: image/png\n\niVBORw0KGgo\nAAAANSUhEUg\r\r' >>"$mbox"
done
# the last message is cut in the middle of a line
sep >>"$mbox"
head -c 700 "$fix/dsn-postfix.eml" >>"$mbox"

# More recipient domains than --summary lists (4096): the rest are
# "(other)", whichever thread counted them first.
many=$tmp/domains.mbox
awk 'BEGIN {
    for (i = 0; i < 4200; i++) {
        printf "From MAILER-DAEMON Mon Nov  3 10:15:02 2025\n"
        printf "From: MAILER-DAEMON@example.org\nSubject: failure notice\n"
        printf "X-Failed-Recipients: u%d@d%d.example\n\n", i, (i * 7919) % 4200
        printf "550 5.1.1 no such user\n\n"
    }
}' >"$many"

# Messages that span several segments: bounces that return an attachment of
# up to 30 KB (a segment then holds no message start), with findings before
# and after it, some attachments broken by an empty line and a "From "
# line (a message start inside them); the last line has no line end.
spans=$tmp/spans.mbox
awk 'BEGIN {
    for (i = 0; i < 40; i++) {
        printf "From MAILER-DAEMON Mon Nov  3 10:15:02 2025\n"
        printf "From: MAILER-DAEMON@example.org\nSubject: failure notice\n"
        printf "Content-Type: multipart/mixed; boundary=b\n\n--b\n\n"
        printf "<u%d@d%d.example>: 550 5.1.1 no such user\n--b\n", i, i % 7
        printf "Content-Type: application/octet-stream\n\n"
        for (l = 0; l < (i * 97) % 400; l++) {
            if (i % 5 == 4 && l == 100)
                printf "\nFrom nowhere %d\n", i
            printf "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx%04d\n", l
        }
        printf "--b\n\n<v%d@e%d.example>: 452 4.2.2 mailbox full\n--b--\n\n", i, i % 5
    }
    printf "From MAILER-DAEMON Mon Nov  3 10:15:02 2025\n\n<w@f.example>: 550 5.1.1 no"
}' >"$spans"
awk '{ printf "%s\r\n", $0 }' "$spans" >"$tmp/spans-crlf.mbox"
tr '\n' '\r' <"$spans" >"$tmp/spans-cr.mbox"

# A message that starts exactly 4096 bytes into the file, with LF, CRLF
# and bare CR line ends: segments of 4096 bytes and a few bytes either side
# put a cut at, just before and just after a segment's edge (the 3 bytes
# that tell a message start from a body line straddle it).
for eol in lf crlf cr; do
    awk -v eol="$eol" 'BEGIN {
        e = eol == "lf" ? "\n" : eol == "crlf" ? "\r\n" : "\r"
        for (m = 0; m < 4; m++) {
            hdr = "From MAILER-DAEMON Mon Nov  3 10:15:02 2025" e \
                  "From: MAILER-DAEMON@example.org" e e \
                  "<r" m "@edge.example>: 550 5.1.1 no such user" e
            printf "%s", hdr
            pad = 4096 - length(hdr) - 2 * length(e)
            if (m == 0) {
                for (k = 0; k < pad; k++)
                    printf "%s", k % 70 == 69 ? "F" : "x"
                printf "%s%s", e, e
            } else {
                printf "%s", e
            }
        }
    }' >"$tmp/edge-$eol.mbox"
done

# A file that does not start with "From " is one message: read on one
# thread whatever NDRCODE_THREADS says.
{ printf 'Subject: failure notice\n\n'; cat "$spans"; } >"$tmp/nofrom.mbox"

fail=0 n=0
segs="13 300 5000"
check() {
    # check LABEL INPUT ARGS...: one thread and several must agree; INPUT
    # is standard input; $segs are the segment sizes tried
    label=$1 in=$2
    shift 2
    NDRCODE_THREADS=1 "$bin" "$@" <"$in" >"$tmp/one.out" 2>"$tmp/one.err"
    echo "rc=$?" >>"$tmp/one.err"
    for t in 2 3; do
        for s in $segs; do
            n=$((n + 1))
            NDRCODE_THREADS=$t NDRCODE_SEGMENT=$s "$bin" "$@" <"$in" \
                >"$tmp/many.out" 2>"$tmp/many.err"
            echo "rc=$?" >>"$tmp/many.err"
            if ! cmp -s "$tmp/one.out" "$tmp/many.out" ||
               ! cmp -s "$tmp/one.err" "$tmp/many.err"; then
                echo "FAIL $label: $t threads, segments of $s bytes differ"
                diff "$tmp/one.out" "$tmp/many.out" | head -5
                diff "$tmp/one.err" "$tmp/many.err" | head -5
                fail=1
            fi
        done
    done
}

for fmt in --json --tsv --summary "--summary --json" -q ""; do
    # shellcheck disable=SC2086
    check "-f $fmt" /dev/null $fmt --color=never -f "$mbox"
done
check "many domains" /dev/null --summary --json -f "$many"
check "stdin" "$mbox" --json
check "stdin twice" "$mbox" --tsv -f - -f -
check "twice" /dev/null --tsv -f "$mbox" -f "$mbox"

segs="61 300 1000 5000 40000"
for f in spans spans-crlf spans-cr; do
    check "$f --json" /dev/null --json -f "$tmp/$f.mbox"
    check "$f --summary" /dev/null --summary -f "$tmp/$f.mbox"
done
check "spans text" /dev/null --color=never -f "$tmp/spans.mbox"
check "no From line first" /dev/null --json -f "$tmp/nofrom.mbox"
# just over one segment
size=$(wc -c <"$spans")
segs="$((size - 1)) $((size - 5)) $((size / 2))"
check "just over one segment" /dev/null --json -f "$spans"
segs="4089 4090 4091 4092 4093 4094 4095 4096 4097 4098 4099 4100 4101 2048 1365"
for eol in lf crlf cr; do
    check "edge $eol" /dev/null --json -f "$tmp/edge-$eol.mbox"
done
# segments of 1 to 5 bytes: every offset is a segment's edge (on the small
# files only: a segment costs a read and a hand-over)
segs="1 2 3 4 5"
for eol in lf crlf cr; do
    check "edge $eol, tiny segments" /dev/null --tsv -f "$tmp/edge-$eol.mbox"
done
# The message-size limit (NDRCODE_MAX_MESSAGE): a message over it is read
# no further, and one over twice as much stops the reading of the whole
# input there, the messages after it included.
segs="97 300 5000 40000"
for max in 2000 9000 25000; do
    for f in spans spans-crlf; do
        NDRCODE_MAX_MESSAGE=$max check "limit $max $f" /dev/null --json \
            -f "$tmp/$f.mbox"
        NDRCODE_MAX_MESSAGE=$max check "limit $max $f --summary" /dev/null \
            --summary --json -f "$tmp/$f.mbox"
    done
done
NDRCODE_MAX_MESSAGE=2000 "$bin" --json -f "$spans" >"$tmp/limit.out" 2>&1
grep -q "message too large" "$tmp/limit.out" ||
    { echo "FAIL: the message-size limit was not hit"; fail=1; }
# the output must say something: the fixtures hold bounces
[ -s "$tmp/one.out" ] || { echo "FAIL: no output"; fail=1; }
echo "$n threaded runs checked"
exit $fail
