#!/bin/sh
# Colour and wrapping of text output.
#   pipe   into a pipe or file: plain unless --color=always; wrapped at 80
#          columns whatever COLUMNS or TERM say; the same bytes in an empty
#          environment; --color=WHEN checked; JSON and TSV never coloured
#   tty    on a terminal (through ptyrun): coloured by class unless NO_COLOR
#          is non-empty, TERM is dumb or --color=never; wrapped to the
#          terminal's width
# Every output path is covered: explanations, --list, bounce records,
# --summary, JSON and TSV.
# usage: color.sh pipe|tty NDRCODE [PTYRUN]
mode=$1 bin=$2 pty=$3
here=$(cd "$(dirname "$0")" && pwd)
dsn=$here/data/dsn.eml
. "$here/lib.sh"
scratch
esc=$(printf '\033')
red="${esc}[31m" yellow="${esc}[33m" green="${esc}[32m" reset="${esc}[0m"

# has FILE TEXT / hasnt FILE TEXT: fixed-string search.
has() { grep -qF -- "$2" "$1"; }
hasnt() { ! grep -qF -- "$2" "$1"; }
# Widest line of FILE in terminal columns, colour codes removed.
widest() {
    sed "s/${esc}\[[0-9;]*m//g" "$1" | LC_ALL=C.UTF-8 wc -L | tr -d ' '
}

case $mode in
pipe)
    "$bin" --color=always 5.1.1 4.2.2 2.1.5 >"$tmp/always"
    check $? "--color=always 5.1.1 4.2.2 2.1.5 failed"
    has "$tmp/always" "${red}5.1.1${reset}"
    check $? "--color=always does not colour a 5.x.x code red"
    has "$tmp/always" "${yellow}4.2.2${reset}"
    check $? "--color=always does not colour a 4.x.x code yellow"
    has "$tmp/always" "${green}2.1.5${reset}"
    check $? "--color=always does not colour a 2.x.x code green"
    "$bin" --color 550 >"$tmp/bare"
    has "$tmp/bare" "${red}550${reset}"
    check $? "--color without a value does not mean always"
    "$bin" --color=always --list 5.7 >"$tmp/list"
    has "$tmp/list" "$red"
    check $? "--color=always --list 5.7 is not coloured"
    "$bin" --color=always -f "$dsn" >"$tmp/bounce"
    has "$tmp/bounce" "${red}nobody@example.org${reset}"
    check $? "--color=always does not colour a hard bounce's recipient red"
    NO_COLOR=1 "$bin" --color=always 5.1.1 >"$tmp/nc-always"
    has "$tmp/nc-always" "$red"
    check $? "--color=always does not win over NO_COLOR"

    for args in "5.1.1" "--color=auto 5.1.1" "--color=never 5.1.1" \
        "--color=always --json 5.1.1" "--color=always --tsv --list 5.7" \
        "--color=always --json --list 5.7" "--color=never --list" \
        "-f $dsn" "--color=always --json -f $dsn" "--color=always --tsv -f $dsn" \
        "--color=always --json --summary -f $dsn" "--summary -f $dsn"; do
        # shellcheck disable=SC2086
        TERM=xterm-256color "$bin" $args >"$tmp/plain"
        hasnt "$tmp/plain" "$esc"
        check $? "ndrcode $args wrote an escape character into a pipe"
    done

    "$bin" --color=sometimes 5.1.1 >"$tmp/out" 2>"$tmp/err"
    check "$([ $? -eq 2 ]; echo $?)" "--color=sometimes does not exit 2"
    has "$tmp/err" "ndrcode: --color takes auto, always or never"
    check $? "--color=sometimes gives no clear message"
    "$bin" --json --color=sometimes 5.1.1 >"$tmp/out" 2>"$tmp/err"
    check "$([ $? -eq 2 ]; echo $?)" "--json --color=sometimes is not refused"

    # Stable: the environment does not change what goes into a pipe.
    "$bin" 5.1.1 5.7.1 4.4.7 RESOLVER.ADR.RecipNotFound >"$tmp/full"
    env -i PATH="$PATH" "$bin" 5.1.1 5.7.1 4.4.7 RESOLVER.ADR.RecipNotFound \
        >"$tmp/empty-env"
    cmp -s "$tmp/full" "$tmp/empty-env"
    check $? "output into a pipe differs in an empty environment"
    COLUMNS=30 TERM=xterm-256color NO_COLOR= "$bin" 5.1.1 5.7.1 4.4.7 \
        RESOLVER.ADR.RecipNotFound >"$tmp/cols"
    cmp -s "$tmp/full" "$tmp/cols"
    check $? "COLUMNS, TERM or NO_COLOR change the output into a pipe"
    w=$(widest "$tmp/full")
    check "$([ "$w" -le 80 ]; echo $?)" "a line into a pipe is $w columns wide (> 80)"
    ;;
tty)
    [ -x "$pty" ] || skip "ptyrun was not built"
    run() { # COLS ENV-ASSIGNMENTS... -- ARGS...
        cols=$1
        shift
        "$pty" "$cols" env -u NO_COLOR -u COLUMNS TERM=xterm "$@"
    }
    run 80 "$bin" 5.1.1 4.2.2 >"$tmp/auto"
    check $? "ndrcode on a terminal failed"
    has "$tmp/auto" "${red}5.1.1${reset}" && has "$tmp/auto" "${yellow}4.2.2${reset}"
    check $? "ndrcode does not colour by class on a terminal"
    run 80 "$bin" -f "$dsn" >"$tmp/bounce"
    has "$tmp/bounce" "${red}nobody@example.org${reset}"
    check $? "bounce records are not coloured on a terminal"
    run 80 NO_COLOR=1 "$bin" -f "$dsn" >"$tmp/bounce-nc"
    hasnt "$tmp/bounce-nc" "$esc"
    check $? "NO_COLOR=1 does not turn colour off for bounce records"
    run 80 "$bin" --json -f "$dsn" >"$tmp/bounce-json"
    hasnt "$tmp/bounce-json" "$esc"
    check $? "JSON bounce records are coloured on a terminal"
    run 80 NO_COLOR= "$bin" 5.1.1 >"$tmp/nc-empty"
    has "$tmp/nc-empty" "$red"
    check $? "an empty NO_COLOR turns colour off (it should not)"
    run 80 NO_COLOR=1 "$bin" 5.1.1 >"$tmp/nc"
    hasnt "$tmp/nc" "$esc"
    check $? "NO_COLOR=1 does not turn colour off on a terminal"
    run 80 TERM=dumb "$bin" 5.1.1 >"$tmp/dumb"
    hasnt "$tmp/dumb" "$esc"
    check $? "TERM=dumb does not turn colour off on a terminal"
    run 80 "$bin" --color=never 5.1.1 >"$tmp/never"
    hasnt "$tmp/never" "$esc"
    check $? "--color=never does not turn colour off on a terminal"
    run 80 NO_COLOR=1 "$bin" --color=always 5.1.1 >"$tmp/nc-always"
    has "$tmp/nc-always" "$red"
    check $? "--color=always does not win over NO_COLOR on a terminal"
    run 80 "$bin" --json 5.1.1 >"$tmp/json"
    hasnt "$tmp/json" "$esc"
    check $? "JSON is coloured on a terminal"

    # Wrapping follows the terminal, not COLUMNS and not 80.
    codes="5.1.1 5.7.1 4.4.7 550 RESOLVER.ADR.RecipNotFound"
    for cols in 50 64 120; do
        # shellcheck disable=SC2086
        run "$cols" COLUMNS=80 "$bin" $codes >"$tmp/w$cols"
        w=$(widest "$tmp/w$cols")
        check "$([ "$w" -le "$cols" ]; echo $?)" \
            "on a $cols-column terminal a line is $w columns wide"
    done
    w=$(widest "$tmp/w120")
    check "$([ "$w" -gt 80 ]; echo $?)" \
        "on a 120-column terminal no line is wider than 80 ($w): not wrapped to the terminal"
    # The words are the same whatever the width.
    for cols in 50 64 120; do
        sed "s/${esc}\[[0-9;]*m//g" "$tmp/w$cols" | tr -s ' \n' '\n\n' \
            >"$tmp/words$cols"
    done
    cmp -s "$tmp/words50" "$tmp/words120" && cmp -s "$tmp/words64" "$tmp/words120"
    check $? "wrapping changed the words, not only the line breaks"
    ;;
*)
    echo "usage: color.sh pipe|tty NDRCODE [PTYRUN]" >&2
    exit 2
    ;;
esac
finish
