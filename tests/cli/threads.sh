#!/bin/sh
# Reading an mbox on several threads prints exactly what one thread prints.
#
# An mbox is built from the test fixtures, each message also with CRLF and
# with bare CR line ends, one message with a "From " line quoted in its
# body and one cut short at the end.  It is read with NDRCODE_THREADS=1 and
# with 2 and 3 threads, cut into segments of 1 byte (every message its own
# segment), a few hundred bytes and a few kilobytes, in every output
# format, from -f and from standard input; standard output, standard error
# and the exit status must be the same.
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

fail=0 n=0
check() {
    # check LABEL INPUT ARGS...: one thread and several must agree; INPUT
    # is standard input
    label=$1 in=$2
    shift 2
    NDRCODE_THREADS=1 "$bin" "$@" <"$in" >"$tmp/one.out" 2>"$tmp/one.err"
    echo "rc=$?" >>"$tmp/one.err"
    for t in 2 3; do
        for s in 1 300 5000; do
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
# the output must say something: the fixtures hold bounces
[ -s "$tmp/one.out" ] || { echo "FAIL: no output"; fail=1; }
echo "$n threaded runs checked"
exit $fail
