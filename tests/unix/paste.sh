#!/bin/sh
# A bounce pasted at the terminal (through ptyrun -i, which types a file
# into a pty and ends it with Ctrl-D): the prompt, the records, and a word
# when the paste held no bounce; the same input from a pipe or a file gets
# the exit status alone.
# usage: paste.sh NDRCODE PTYRUN
bin=$1 pty=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
scratch
[ -x "$pty" ] || skip "ptyrun was not built"

printf '%s\n' "<ann.lee@mail.example>: host mx.mail.example[192.0.2.8] said:" \
    "    552 5.2.2 Mailbox full (in reply to RCPT TO command)" >"$tmp/bounce"
printf '%s\n' "RESOLVER.RST.RecipSizeLimit; message too large" >"$tmp/token"

NO_COLOR=1 "$pty" -i "$tmp/bounce" 80 "$bin" >"$tmp/out"
check $? "a pasted Postfix line: exit status is not 0"
grep -qF "ann.lee@mail.example" "$tmp/out"
check $? "a pasted Postfix line: its recipient is not shown"
grep -qF "paste it, then press Ctrl-D" "$tmp/out"
check $? "no prompt on the terminal"
! grep -qF "no bounce found" "$tmp/out"
check $? "a paste with a bounce gets the no-bounce word"

NO_COLOR=1 "$pty" -i "$tmp/token" 80 "$bin" >"$tmp/out"
check $([ $? -eq 1 ]; echo $?) "a paste without a bounce: exit status is not 1"
grep -qF "no bounce found in what was pasted" "$tmp/out"
check $? "a paste without a bounce gets no word"
NO_COLOR=1 "$pty" -i "$tmp/token" 80 "$bin" -q >"$tmp/out"
! grep -qF "no bounce found" "$tmp/out"
check $? "-q: a paste without a bounce still gets a word"

"$bin" <"$tmp/token" >"$tmp/out" 2>"$tmp/err"
check $([ $? -eq 1 ]; echo $?) "from a file without a bounce: exit status is not 1"
[ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]
check $? "from a file without a bounce: something was written"
finish
