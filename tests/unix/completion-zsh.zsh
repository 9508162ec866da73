#!/usr/bin/env zsh
# The zsh completion, driven through a real interactive zsh on a
# pseudo-terminal (zsh/zpty): compinit finds _ndrcode in $fpath by its
# #compdef line, TAB runs it, and a wrapper around compadd records every
# candidate it offers.
# usage: zsh completion-zsh.zsh NDRCODE FPATH-DIR [ZSH]
emulate -R zsh
setopt no_unset
bin=${1:A} fpdir=${2:A} zsh_bin=${3:-${commands[zsh]:-zsh}}
zmodload zsh/zpty 2>/dev/null || { print "SKIP: zsh/zpty is not available"; exit 77 }
[[ -r $fpdir/_ndrcode ]] || { print "FAIL: no _ndrcode in $fpdir"; exit 1 }

tmp=$(mktemp -d ${TMPDIR:-/tmp}/ndrzsh.XXXXXX)
trap 'zpty -d comp 2>/dev/null; rm -rf $tmp' EXIT
mkdir -p $tmp/bin $tmp/files/Maildir
ln -s $bin $tmp/bin/ndrcode
: >$tmp/files/bounce.eml
: >$tmp/files/bounces.mbox

integer fails=0 checks=0

# One interactive zsh for all the queries.
out=$tmp/out
: >$out
zpty comp $zsh_bin -f -i
zpty -w comp "PS1=''; PS2=''; RPS1=''; cd ${(q)tmp}/files"
zpty -w comp "path=(${(q)tmp}/bin \$path); fpath=(${(q)fpdir} \$fpath)"
zpty -w comp "autoload -Uz compinit && compinit -u -D"
zpty -w comp "zstyle ':completion:*' menu no"
zpty -w comp "compadd() { if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd \"\$@\"; return; fi; local -a __c; builtin compadd -A __c \"\$@\"; (( \$#__c )) && print -rl -- \$__c >>${(q)out}; builtin compadd \"\$@\" }"
zpty -w comp "bindkey '^I' complete-word; bindkey '^U' kill-whole-line"
zpty -w comp "print -r -- __ready__ >>${(q)out}"
for i in {1..100}; do
  grep -qx __ready__ $out 2>/dev/null && break
  sleep 0.1
done
grep -qx __ready__ $out || { print "FAIL: the interactive zsh on a pty did not start"; exit 1 }

# candidates LINE: what TAB offers after LINE, one a line.
candidates() {
  local line=$1 i
  : >$out
  # TAB, wait for the candidates (zsh skips completion while more typed
  # keys are pending, so nothing more may be sent before), then clear the
  # line and write a marker.
  zpty -n -w comp "$line"$'\t'
  for i in {1..50}; do
    [[ -s $out ]] && break
    sleep 0.1
  done
  sleep 0.1
  zpty -n -w comp $'\x15'"print -r -- __done__ >>${(q)out}"$'\n'
  for i in {1..50}; do
    grep -qx __done__ $out 2>/dev/null && break
    sleep 0.1
  done
  grep -qx __done__ $out || { print "FAIL: '$line<TAB>' timed out"; return 1 }
  grep -vx __done__ $out | sort -u
  # Drain what the terminal showed, so that the pty never fills up.
  while zpty -r -t comp i 2>/dev/null; do :; done
}

expect_has() { # LINE CANDIDATE...
  local line=$1 got; shift
  got=$(candidates $line) || { (( fails++, checks++ )); return 0 }
  local c
  for c in $@; do
    (( checks++ ))
    if ! print -r -- $got | grep -qxF -- $c; then
      print -r -- "FAIL: '$line<TAB>' does not offer $c (got: ${(f)got})"
      (( fails++ ))
    fi
  done
  return 0
}
expect_not() { # LINE CANDIDATE...
  local line=$1 got; shift
  got=$(candidates $line) || { (( fails++, checks++ )); return 0 }
  local c
  for c in $@; do
    (( checks++ ))
    if print -r -- $got | grep -qxF -- $c; then
      print -r -- "FAIL: '$line<TAB>' offers $c"
      (( fails++ ))
    fi
  done
  return 0
}

opts=( ${(f)"$($bin --help | sed -n -e 's/^ *\(-[A-Za-z0-9]\), \(--[a-z][a-z-]*\).*/\1\n\2/p' -e 's/^ \{4,\}\(--[a-z][a-z-]*\).*/\1/p')"} )
(( $#opts >= 16 )) || { print "FAIL: --help lists only $#opts options"; exit 1 }
expect_has 'ndrcode --' ${opts:#-?}
expect_has 'ndrcode -' ${opts:#--*}
expect_has 'ndrcode --js' --json
expect_has 'ndrcode --color=' auto always never
expect_has 'ndrcode -f ' bounce.eml bounces.mbox Maildir
expect_has 'ndrcode --file=bou' bounce.eml bounces.mbox
expect_has 'ndrcode 5.7.' 5.7.1 5.7.708
expect_has 'ndrcode --list 4.4.' 4.4.7
expect_not 'ndrcode 5.7.' 4.4.7 5.1.1
# -j and -t exclude each other; after --help nothing more.
expect_not 'ndrcode --json --' --tsv --json

print "$(( checks - fails )) passed, $fails failed"
(( fails == 0 ))
