# bash completion for ndrcode(1)                          -*- shell-script -*-
#
# Installed as share/bash-completion/completions/ndrcode, which
# bash-completion loads the first time ndrcode's arguments are completed.
# It uses nothing from bash-completion, so `. ndrcode.bash` also works in a
# plain bash.  Completes the options, the values of --color, files after
# -f/--file (a message, an mbox or a Maildir folder), and status codes from
# the table for TEXT and --list PREFIX (5.7.<TAB> lists 5.7.1, 5.7.23, ...).

# Codes of the table starting with $1; the generic X.S.D rows are offered
# under the class being typed.  $2 is the command to ask.
_ndrcode_codes()
{
    local cur=$1 cmd=$2 cls code rest
    local -a codes=()
    cls=${cur:0:1}
    [[ $cls == [245] ]] || cls=5
    while IFS=$'\t' read -r code rest; do
        [[ $code == [245X]* ]] || continue
        [[ $code == X* ]] && code=$cls${code:1}
        codes+=("$code")
    done < <("$cmd" --list --tsv 2>/dev/null)
    compgen -W "${codes[*]}" -- "$cur" | sort -u
}

_ndrcode()
{
    local cur prev word i k files=0 mode= endopts=0 cmd
    local opts='-h --help -V --version -j --json -t --tsv -s --summary
                -q --quiet --color= -f --file -l --list --search --reasons'
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    cmd=${COMP_WORDS[0]}
    [[ $cmd == */* || $(type -t "$cmd") == file ]] || cmd=ndrcode

    # --color=WHEN.  When '=' is in COMP_WORDBREAKS (the default), bash
    # splits "--color=al" into "--color" "=" "al".
    if [[ $cur == = && $prev == --color ]]; then
        mapfile -t COMPREPLY < <(compgen -W 'auto always never' -- '')
        return
    fi
    if [[ $prev == = && ${COMP_WORDS[COMP_CWORD - 2]} == --color ]]; then
        mapfile -t COMPREPLY < <(compgen -W 'auto always never' -- "$cur")
        return
    fi
    if [[ $cur == --color=* ]]; then
        mapfile -t COMPREPLY < <(compgen -P --color= \
            -W 'auto always never' -- "${cur#--color=}")
        return
    fi

    # What the words before this one asked for.
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if ((endopts)) || [[ $word != -?* ]]; then
            continue
        fi
        case $word in
        --) endopts=1 ;;
        --file | --file=*) files=1 ;;
        --list) mode=list ;;
        --search) mode=search ;;
        --reasons) mode=reasons ;;
        -h | --help | -V | --version) return ;;
        --*) ;;
        *)
            # Grouped short options: -jl, -jf FILE, -fFILE.
            for ((k = 1; k < ${#word}; k++)); do
                case ${word:k:1} in
                f) files=1; break ;;
                l) mode=list ;;
                h | V) return ;;
                esac
            done
            ;;
        esac
    done

    case $prev in
    -f | --file | -[!-]*f | '<' | '>' | '>>' | '2>')
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return
        ;;
    esac

    if ((!endopts)) && [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
        [[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == *= ]] &&
            compopt -o nospace 2>/dev/null
        return
    fi

    # Operands: files after -f; codes for TEXT and --list; nothing to offer
    # for --search WORDS and --reasons.
    if ((files)); then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    elif [[ $mode == list || ( -z $mode && $cur == [245]* ) ]]; then
        mapfile -t COMPREPLY < <(_ndrcode_codes "$cur" "$cmd")
    fi
}

complete -F _ndrcode ndrcode
