#!/bin/sh
# Every option that `ndrcode --help` lists appears in the manual page's
# option list and in each shell completion, so none of them can drift.
# usage: options.sh NDRCODE SOURCEDIR
bin=$1 src=$2
. "$src/tests/unix/lib.sh"

opts=$(help_options "$bin")
n=$(printf '%s\n' "$opts" | grep -c .)
check "$([ "$n" -ge 16 ]; echo $?)" "--help lists only $n options; the parser of the help text is broken"

for o in $opts; do
    case $o in
    --*) name=${o#--}
         man_re="^\.It (.* )?Fl Fl $name( |$)"
         fish_re="(^| )-l $name( |$)" ;;
    *)   name=${o#-}
         man_re="^\.It (.* )?Fl $name( |$)"
         fish_re="(^| )-s $name( |$)" ;;
    esac
    # Not glued to other option characters: "-j" must not match "--json".
    word_re="(^|[^A-Za-z0-9-])$o([^A-Za-z0-9-]|$)"
    grep -Eq -- "$man_re" "$src/man/ndrcode.1"
    check $? "man/ndrcode.1 has no .It entry for $o"
    grep -Eq -- "$word_re" "$src/completions/ndrcode.bash"
    check $? "completions/ndrcode.bash does not offer $o"
    grep -Eq -- "$word_re" "$src/completions/_ndrcode"
    check $? "completions/_ndrcode does not offer $o"
    grep -Eq -- "$fish_re" "$src/completions/ndrcode.fish"
    check $? "completions/ndrcode.fish does not offer $o"
done

# The synopsis mirrors usage(): each usage line's long options are in the
# SYNOPSIS section.
synopsis=$(sed -n '/^\.Sh SYNOPSIS/,/^\.Sh /p' "$src/man/ndrcode.1")
for o in $("$bin" --help | sed -n '/^usage:/,/^$/p;/^ *ndrcode /p' |
           grep -o -- '--[a-z][a-z-]*' | sort -u); do
    printf '%s\n' "$synopsis" | grep -q -- "Fl Fl ${o#--}"
    check $? "the SYNOPSIS of man/ndrcode.1 lacks $o, which usage shows"
done
finish
