#!/bin/sh
# Score ndrcode on the real bounces of ../shared/corpus (when it is beside
# the project) and fail when a figure falls under its floor: the targets of
# the bounce-reading and reason issues, and the figures reached so far for
# the rest, so that a change that loses accuracy is noticed.  Skipped (77)
# without the corpus or python3.
# usage: score.sh NDRCODE PROJECT_DIR
bin=$1 top=$2
score=$top/../shared/tools/corpus-score
[ -x "$score" ] || { echo "no corpus beside the project: skipped"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "no python3: skipped"; exit 77; }
line=$("$score" --bin "$bin" | tail -n 1)
echo "$line"
echo "$line" | awk '
function pct(field,   a) { split(field, a, " "); sub("%", "", a[2]); return a[2] + 0 }
{
    n = split($0, part, " [|] ")
    for (i = 1; i <= n; i++) {
        split(part[i], kv, " ")
        f[kv[1]] = substr(part[i], length(kv[1]) + 2)
    }
    bad = 0
    if (pct(f["status"]) < 97) { print "status under 97%"; bad = 1 }
    if (pct(f["files-with-record"]) < 97) { print "files-with-record under 97%"; bad = 1 }
    if (pct(f["reason"]) < 92) { print "reason under 92%"; bad = 1 }
    if (pct(f["hard"]) < 95) { print "hard under 95%"; bad = 1 }
    if (f["not-bounces"] != "3/3") { print "a not-bounce has a code"; bad = 1 }
    if (f["eol"] != "10/10") { print "line ends change the result"; bad = 1 }
    split(f["mbox"], m, " "); if (m[1] + 0 < 35) { print "mbox under 35 messages"; bad = 1 }
    if (f["errors"] + 0 != 0) { print "errors"; bad = 1 }
    exit bad
}'
