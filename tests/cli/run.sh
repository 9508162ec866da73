#!/bin/sh
# Golden tests of the ndrcode command.  Each case NAME in the case folder:
#   NAME.args  the arguments, one per line (required)
#   NAME.in    standard input (optional; else /dev/null)
#   NAME.out   expected standard output, exactly (optional)
#   NAME.has   lines that must each appear somewhere in standard output
#   NAME.err   expected standard error, exactly (optional; else empty)
#   NAME.rc    expected exit status (optional; else 0)
# .args, .has and .err may use @CASES@ for the case folder.
# usage: run.sh NDRCODE CASEDIR
bin=$1 dir=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
for a in "$dir"/*.args; do
    name=$(basename "$a" .args)
    base=$dir/$name
    n=$((n + 1))
    in=/dev/null
    [ -f "$base.in" ] && in=$base.in
    # Build the argument list from the lines of NAME.args.
    set --
    while IFS= read -r line || [ -n "$line" ]; do
        line=$(printf '%s' "$line" | sed "s|@CASES@|$dir|g")
        set -- "$@" "$line"
    done <"$a"
    NO_COLOR= COLUMNS=80 "$bin" "$@" <"$in" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    want_rc=0
    [ -f "$base.rc" ] && want_rc=$(cat "$base.rc")
    ok=1
    if [ "$rc" != "$want_rc" ]; then
        echo "FAIL $name: exit status $rc, want $want_rc"
        ok=0
    fi
    if [ -f "$base.out" ] && ! cmp -s "$tmp/out" "$base.out"; then
        echo "FAIL $name: stdout differs"
        diff "$base.out" "$tmp/out" | head -20
        ok=0
    fi
    if [ -f "$base.has" ]; then
        while IFS= read -r line || [ -n "$line" ]; do
            line=$(printf '%s' "$line" | sed "s|@CASES@|$dir|g")
            if ! grep -qF -- "$line" "$tmp/out"; then
                echo "FAIL $name: stdout lacks: $line"
                ok=0
            fi
        done <"$base.has"
    fi
    if [ -f "$base.err" ]; then
        sed "s|@CASES@|$dir|g" "$base.err" >"$tmp/want_err"
        if ! cmp -s "$tmp/err" "$tmp/want_err"; then
            echo "FAIL $name: stderr differs"
            diff "$tmp/want_err" "$tmp/err" | head -10
            ok=0
        fi
    elif [ -s "$tmp/err" ]; then
        echo "FAIL $name: unexpected stderr:"
        head -5 "$tmp/err"
        ok=0
    fi
    [ $ok = 1 ] || fail=1
done
echo "$n CLI cases checked"
exit $fail
