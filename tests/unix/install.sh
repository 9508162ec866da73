#!/bin/sh
# `cmake --install` puts exactly the promised files in place, and they work
# there: the command runs, the library has its versioned soname, pkg-config
# finds the right paths, man finds the pages (and a page per function), and
# bash-completion and zsh's compinit find the completions.  No test program
# and no generator are installed.
# usage: install.sh BUILDDIR PREFIX LIBDIR ZSHDIR SHARED(ON/OFF) SOURCEDIR
build=$1 prefix=$2 libdir=$3 zshdir=$4 shared=$5 src=$6
. "$src/tests/unix/lib.sh"
need cmake
scratch
p=$tmp/p

cmake --install "$build" --prefix "$p" >"$tmp/log" 2>&1
check $? "cmake --install --prefix failed: $(tail -3 "$tmp/log")"

# The exact list of files and links.
version=$(header_version "$src")
soversion=$(so_version "$version")
expected_files "$libdir" "$zshdir" "$shared" "$build/src/lib/ndr_functions.txt" \
    "$version" >"$tmp/want"
(cd "$p" && find . ! -type d | sed 's|^\./||' | sort) >"$tmp/got"
diff "$tmp/want" "$tmp/got" >"$tmp/diff"
check $? "the install tree differs from the list (- missing, + extra):
$(sed -n 's/^</-/p;s/^>/+/p' "$tmp/diff")"

# The command runs from there and reports the header's version.
"$p/bin/ndrcode" --version >"$tmp/v"
check $? "bin/ndrcode --version failed"
grep -q "^ndrcode $version " "$tmp/v"
check $? "bin/ndrcode --version says '$(cat "$tmp/v")', not $version"
"$p/bin/ndrcode" 5.1.1 >/dev/null
check $? "bin/ndrcode 5.1.1 failed"

if [ "$shared" = ON ]; then
    [ -f "$p/$libdir/libndrcode.so.$version" ] &&
        [ -L "$p/$libdir/libndrcode.so.$soversion" ] &&
        [ -L "$p/$libdir/libndrcode.so" ]
    check $? "the shared library is not a file with two links"
    if command -v readelf >/dev/null 2>&1; then
        readelf -d "$p/$libdir/libndrcode.so.$version" |
            grep -q "SONAME.*\[libndrcode\.so\.$soversion\]"
        check $? "the shared library's SONAME is not libndrcode.so.$soversion"
    fi
fi

# pkg-config: the version, and paths into wherever the tree was put.
if command -v pkg-config >/dev/null 2>&1; then
    pc() { PKG_CONFIG_PATH=$p/$libdir/pkgconfig pkg-config "$@" ndrcode; }
    [ "$(pc --modversion)" = "$version" ]
    check $? "pkg-config --modversion ndrcode is '$(pc --modversion)'"
    inc=$(pc --cflags-only-I | sed 's/^ *-I//;s/ *$//')
    [ -f "$inc/ndrcode.h" ]
    check $? "pkg-config --cflags points to '$inc', which has no ndrcode.h"
    lib=$(pc --libs-only-L | sed 's/^ *-L//;s/ *$//')
    [ -f "$lib/libndrcode.a" ]
    check $? "pkg-config --libs points to '$lib', which has no libndrcode.a"
fi

# man finds both pages and a function's page.
if command -v man >/dev/null 2>&1; then
    man -M "$p/share/man" -w ndrcode 2>/dev/null | grep -q 'man1/ndrcode\.1'
    check $? "man -w ndrcode does not find man1/ndrcode.1"
    man -M "$p/share/man" -w 3 libndrcode 2>/dev/null | grep -q 'man3/libndrcode\.3'
    check $? "man -w 3 libndrcode does not find man3/libndrcode.3"
    [ "$(readlink "$p/share/man/man3/ndr_parser_new.3")" = libndrcode.3 ]
    check $? "man3/ndr_parser_new.3 is not a link to libndrcode.3"
    MANWIDTH=80 MAN_KEEP_FORMATTING= man -M "$p/share/man" 3 ndr_explain 2>/dev/null |
        grep -q 'ndr_explain'
    check $? "man 3 ndr_explain does not show the library page"
fi

# bash-completion's loader finds the completion through XDG_DATA_DIRS.
bc=/usr/share/bash-completion/bash_completion
if [ -r "$bc" ] && command -v bash >/dev/null 2>&1; then
    XDG_DATA_DIRS=$p/share bash -c ". '$bc'; __load_completion ndrcode; complete -p ndrcode" \
        >"$tmp/bc" 2>&1
    grep -q -- '-F _ndrcode ndrcode' "$tmp/bc"
    check $? "bash-completion does not load the installed completion: $(cat "$tmp/bc")"
fi
# zsh's compinit finds _ndrcode by its #compdef line.
if command -v zsh >/dev/null 2>&1; then
    got=$(zsh -f -c "fpath=('$p/$zshdir' \$fpath); autoload -Uz compinit; compinit -u -D; print -r -- \$_comps[ndrcode]")
    [ "$got" = _ndrcode ]
    check $? "zsh's compinit does not bind _ndrcode to ndrcode (got '$got')"
fi

# A staged install (DESTDIR) puts the same files under DESTDIR/PREFIX.
DESTDIR=$tmp/stage cmake --install "$build" >"$tmp/log" 2>&1
check $? "DESTDIR=... cmake --install failed: $(tail -3 "$tmp/log")"
(cd "$tmp/stage$prefix" 2>/dev/null && find . ! -type d | sed 's|^\./||' | sort) >"$tmp/staged"
cmp -s "$tmp/want" "$tmp/staged"
check $? "DESTDIR install differs from the list: $(diff "$tmp/want" "$tmp/staged" | head -5)"
finish
