#!/bin/bash
# The bash completion, driven the way bash drives it: COMP_WORDS and
# COMP_CWORD set, _ndrcode called, COMPREPLY read.
# usage: completion-bash.sh NDRCODE SOURCEDIR
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") src=$2
. "$src/tests/unix/lib.sh"
. "$src/completions/ndrcode.bash"
scratch

# complete WORD...: the candidates for the last word, one a line, sorted.
complete_words() {
    COMP_WORDS=("$bin" "$@")
    COMP_CWORD=$#
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _ndrcode 2>/dev/null
    ((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}" | sort
}
# expect "WORDS" "CANDIDATES": the candidates are exactly these.
expect() {
    local got want
    read -ra w <<<"$1"
    [[ $1 == *' ' ]] && w+=('')
    got=$(complete_words "${w[@]}" | tr '\n' ' ')
    want=$([ -n "$2" ] && printf "%s\n" $2 | sort | tr "\n" " ")
    [[ $got == "$want" ]]
    check $? "'ndrcode $1<TAB>' gave '$got', want '$want'"
}
# includes "WORDS" "CANDIDATE...": these are among the candidates.
includes() {
    local got c
    read -ra w <<<"$1"
    [[ $1 == *' ' ]] && w+=('')
    got=$(complete_words "${w[@]}")
    for c in $2; do
        grep -qxF -- "$c" <<<"$got"
        check $? "'ndrcode $1<TAB>' does not offer $c (got: $(echo $got))"
    done
}

complete -p ndrcode | grep -q -- '-F _ndrcode'
check $? "the file does not register _ndrcode for ndrcode"

expect "--js" "--json"
expect "--sum" "--summary"
expect "--col" "--color="
includes "-" "$(help_options "$bin" | sed 's/^--color$/--color=/')"
# --color=WHEN, as bash splits it by default ('=' in COMP_WORDBREAKS) and
# as one word when it does not.
expect "--color =" "auto always never"
expect "--color = al" "always"
expect "--color=n" "--color=never"
# No option is offered after "--", nor anything after --help.
expect "-- -" ""
expect "--help " ""

# Files after -f, --file and a grouped -jf; further operands with -f.
cd "$tmp" || exit 2
mkdir Maildir && : >bounce.eml && : >bounces.mbox && : >notes.txt
includes "-f " "bounce.eml bounces.mbox Maildir"
expect "--file bou" "bounce.eml bounces.mbox"
expect "-jf bounce." "bounce.eml"
expect "-f bounce.eml bounces." "bounces.mbox"
expect "< bounce" "bounce.eml bounces.mbox"

# Codes from the table for TEXT and for --list PREFIX.
includes "5.7." "5.7.1 5.7.708 5.7.26"
includes "4.4." "4.4.7 4.4.1"
includes "--list 5.1." "5.1.1 5.1.10"
got=$(complete_words 5.7.)
! grep -qv '^5\.7\.' <<<"$got"
check $? "'ndrcode 5.7.<TAB>' offers codes outside 5.7: $(grep -v '^5\.7\.' <<<"$got" | head -3)"
# A TEXT that is not a code gets no file names (a TEXT is not a file).
expect "bounce" ""
expect "--search quo" ""
finish
