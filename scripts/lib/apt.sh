# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced, not run: apt helpers shared by the build scripts. New entries reuse the Debian mirror
# this machine is already configured with, so no host name is written anywhere.

# The mirror of this machine's bookworm entry.
debian_mirror() {
    local uri
    uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null |
          awk '{print $2}' | grep -v security | head -n1 || true)
    if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
        uri=$(awk '$1=="deb" && $3 ~ /^bookworm$/ {print $2; exit}' /etc/apt/sources.list)
    fi
    [ -n "$uri" ] || { echo "dlcall: cannot find the Debian mirror in the apt sources" >&2; return 1; }
    echo "$uri"
}

# add_apt_source NAME TYPES SUITE: writes /etc/apt/sources.list.d/dlcall-NAME.sources unless
# present; returns 0 when it added the entry (the caller then runs apt-get update).
add_apt_source() {
    local file="/etc/apt/sources.list.d/dlcall-$1.sources" mirror
    [ -f "$file" ] && return 1
    mirror=$(debian_mirror) || return 1
    printf 'Types: %s\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        "$2" "$mirror" "$3" >"$file"
    echo "dlcall: added apt source $file ($2 $3)" >&2
}

# Source packages (never binaries) from Debian's development suite: QEMU 10.2 and zlib's tests.
ensure_devel_sources() {
    if add_apt_source devel-src deb-src unstable || ! ls /var/lib/apt/lists/*unstable*Sources* >/dev/null 2>&1; then
        apt-get update -qq
    fi
}

# fetch_source PACKAGE DEBIAN-VERSION MARKER-FILE: `apt-get source` into $cache/src (reused when
# present; deb-src bookworm is added when missing); prints the directory. The caller sets $cache
# and defines die().
fetch_source() {
    local pkg=$1 v=$2 marker=$3 dir tmp got
    mkdir -p "$cache/src"
    for dir in "$cache"/src/*/; do
        [ "$(cat "$dir.dlcall-complete" 2>/dev/null)" = "$pkg $v" ] && [ -f "$dir$marker" ] && { echo "${dir%/}"; return 0; }
    done
    if add_apt_source bookworm-src deb-src bookworm || ! apt-cache showsrc "$pkg=$v" 2>/dev/null | grep -q .; then
        apt-get update -qq >&2 || die "apt-get update failed"
    fi
    tmp=$(mktemp -d "$cache/src/.get.XXXXXX")
    echo "dlcall: apt-get source $pkg=$v" >&2
    (cd "$tmp" && apt-get -o APT::Sandbox::User=root -qq source "$pkg=$v" >&2) || { rm -rf "$tmp"; die "apt-get source $pkg=$v failed"; }
    got=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n1)
    [ -n "$got" ] && [ -f "$got/$marker" ] || { rm -rf "$tmp"; die "the $pkg source has no $marker"; }
    echo "$pkg $v" >"$got/.dlcall-complete"
    dir="$cache/src/$pkg-$v"
    rm -rf "$dir"; mv "$got" "$dir"; rm -rf "$tmp"
    echo "$dir"
}
