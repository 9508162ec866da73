#!/bin/sh
# The packages CPack makes hold the install tree and install cleanly.
#   build DIR CC   configure a package build (prefix /usr, no tests) in DIR,
#                  build it and run cpack: the fixture of the other two
#   deb DIR        the .deb's control fields and file list are right; dpkg
#                  installs it into a scratch root (running its maintainer
#                  scripts there), the command runs from it, and dpkg
#                  removes and purges it leaving nothing behind
#   tgz DIR        the tarball holds the same tree, and works wherever it
#                  is unpacked: the command runs, and a program builds and
#                  runs against it through its pkg-config file
# usage: package.sh build|deb|tgz DIR SOURCEDIR [CC]
mode=$1 dir=$2 src=$3 cc=${4:-cc}
. "$src/tests/unix/lib.sh"
need cmake cpack
version=$(header_version "$src")

if [ "$mode" = build ]; then
    rm -rf "$dir"
    gens=TGZ
    command -v dpkg-deb >/dev/null 2>&1 && gens="DEB;TGZ"
    { cmake -S "$src" -B "$dir" -DCMAKE_INSTALL_PREFIX=/usr \
          -DCMAKE_BUILD_TYPE=Release -DNDR_BUILD_TESTS=OFF \
          -DCMAKE_C_COMPILER="$cc" &&
      cmake --build "$dir" -j2 &&
      (cd "$dir" && cpack -G "$gens"); } >"$dir.log" 2>&1
    check $? "the package build failed: $(tail -20 "$dir.log")"
    finish
fi

[ -f "$dir/CMakeCache.txt" ] || { echo "FAIL: no package build in $dir"; exit 1; }
libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:[A-Z]*=//p' "$dir/CMakeCache.txt")
zshdir=$(sed -n 's/^NDR_ZSH_COMPLETION_DIR:[A-Z]*=//p' "$dir/CMakeCache.txt")
shared=$(sed -n 's/^BUILD_SHARED_LIBS:[A-Z]*=//p' "$dir/CMakeCache.txt")
scratch
expected_files "$libdir" "$zshdir" "$shared" "$dir/src/lib/ndr_functions.txt" \
    "$version" >"$tmp/want"

case $mode in
deb)
    need dpkg-deb dpkg
    arch=$(dpkg --print-architecture)
    deb=$dir/ndrcode_${version}_$arch.deb
    [ -f "$deb" ]
    check $? "no $deb"
    [ -f "$deb" ] || finish
    field() { dpkg-deb -f "$deb" "$1"; }
    [ "$(field Package)" = ndrcode ]
    check $? "Package is '$(field Package)'"
    [ "$(field Version)" = "$version" ]
    check $? "Version is '$(field Version)', not $version"
    [ "$(field Architecture)" = "$arch" ]
    check $? "Architecture is '$(field Architecture)'"
    field Maintainer | grep -Eq '^[^<>]+ <[^@<>]+@[^@<>]+>$'
    check $? "Maintainer '$(field Maintainer)' is not 'Name <address>'"
    field Description | head -1 | grep -q 'SMTP status codes'
    check $? "Description is '$(field Description | head -1)'"
    [ "$(field Description | wc -l)" -gt 3 ]
    check $? "the Description has no long description"
    [ "$(field Section)" = mail ]
    check $? "Section is '$(field Section)'"
    if command -v dpkg-shlibdeps >/dev/null 2>&1; then
        field Depends | grep -q 'libc6'
        check $? "Depends is '$(field Depends)', without libc6"
    fi

    dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $6 }' |
        sed 's|^\./usr/||' | sort >"$tmp/got"
    cmp -s "$tmp/want" "$tmp/got"
    check $? "the .deb's files differ from the install list:
$(diff "$tmp/want" "$tmp/got" | sed -n 's/^</-/p;s/^>/+/p')"

    # Install into a scratch root: dpkg runs the maintainer scripts outside
    # a chroot with DPKG_ROOT set, so ldconfig writes that root's cache.
    root=$tmp/root
    mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" \
        "$root/var/log" "$root/etc"
    : >"$root/var/lib/dpkg/status"
    : >"$root/var/lib/dpkg/available"
    dpkg_root() {
        dpkg --root="$root" --force-not-root --force-script-chrootless \
            --force-depends --log=/dev/null "$@"
    }
    dpkg_root -i "$deb" >"$tmp/log" 2>&1
    check $? "dpkg -i failed: $(tail -5 "$tmp/log")"
    dpkg_root -s ndrcode 2>/dev/null | grep -q '^Status: install ok installed$'
    check $? "dpkg does not see ndrcode as installed"
    for f in $(cat "$tmp/want"); do
        [ -e "$root/usr/$f" ] || [ -L "$root/usr/$f" ] || echo "$f"
    done >"$tmp/missing"
    [ ! -s "$tmp/missing" ]
    check $? "installed without: $(cat "$tmp/missing")"
    "$root/usr/bin/ndrcode" --version | grep -q "^ndrcode $version "
    check $? "the installed command does not run"
    if [ "$shared" = ON ]; then
        grep -q "libndrcode.so.$(so_version "$version")" "$root/etc/ld.so.cache" 2>/dev/null
        check $? "postinst did not run ldconfig for libndrcode"
    fi
    dpkg_root -P ndrcode >"$tmp/log" 2>&1
    check $? "dpkg -P failed: $(tail -5 "$tmp/log")"
    left=$(cd "$root" && find . ! -type d ! -path './var/lib/dpkg/*' ! -path ./etc/ld.so.cache)
    [ -z "$left" ] && [ ! -d "$root/usr" ]
    check $? "files left after dpkg -P: $(echo $left | head -c 300)"
    ;;
tgz)
    need tar
    tgz=$dir/ndrcode-$version-Linux.tar.gz
    [ -f "$tgz" ]
    check $? "no $tgz"
    [ -f "$tgz" ] || finish
    top=ndrcode-$version-Linux
    tar -tzf "$tgz" | grep -v '/$' | sed "s|^$top/||" | sort >"$tmp/got"
    cmp -s "$tmp/want" "$tmp/got"
    check $? "the tarball's files differ from the install list:
$(diff "$tmp/want" "$tmp/got" | sed -n 's/^</-/p;s/^>/+/p')"
    mkdir "$tmp/x" && tar -xzf "$tgz" -C "$tmp/x"
    t=$tmp/x/$top
    "$t/bin/ndrcode" 5.1.1 | grep -q '^5\.1\.1  '
    check $? "bin/ndrcode from the tarball does not run"
    if command -v pkg-config >/dev/null 2>&1; then
        export PKG_CONFIG_PATH="$t/$libdir/pkgconfig"
        cat >"$tmp/v.c" <<'PROG'
#include <ndrcode.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
    puts(ndr_version());
    return strcmp(ndr_version(), NDR_VERSION) != 0;
}
PROG
        # shellcheck disable=SC2046
        "$cc" -o "$tmp/v" "$tmp/v.c" $(pkg-config --cflags --libs ndrcode) 2>"$tmp/cc.err"
        check $? "a program does not build against the unpacked tarball: $(head -3 "$tmp/cc.err")"
        [ "$(LD_LIBRARY_PATH=$t/$libdir "$tmp/v")" = "$version" ]
        check $? "the program built against the tarball does not run"
    fi
    ;;
*)
    echo "usage: package.sh build|deb|tgz DIR SOURCEDIR [CC]" >&2
    exit 2
    ;;
esac
finish
