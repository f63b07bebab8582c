#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build a guest root from Debian's own packages, for QEMU's -L: download the named packages
# for the guest architecture and extract them (dpkg -x), then make what their maintainer
# scripts would have (update-alternatives links such as libblas.so.3; lib/alternatives.py).
# Nothing is installed on the host:
# apt runs with a private state directory and its own architecture, so the host's package
# database and apt configuration stay untouched.
#
# Usage: scripts/guest-sysroot.sh [--check] ARCH PACKAGE...   (ARCH: arm64 | riscv64)
# Prints the sysroot directory. Cached: a second run with the same packages takes a second.
# --check builds nothing: prints where that root is and exits 0 if it is complete, 1 if not
# (dlcall doctor; the path is this script's to compute, nobody else's).
# arm64 comes from bookworm (Debian 12); riscv64 only exists from trixie (Debian 13) on.
set -euo pipefail

check=
if [ "${1:-}" = --check ]; then check=1; shift; fi
arch=${1:?usage: guest-sysroot.sh ARCH PACKAGE...}
shift
[ $# -gt 0 ] || { echo "guest-sysroot: name at least one package" >&2; exit 2; }
case "$arch" in
arm64) suite=bookworm ;;
riscv64) suite=trixie ;;
*) echo "guest-sysroot: unsupported architecture '$arch' (arm64, riscv64)" >&2; exit 2 ;;
esac

cache="${DLCALL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dlcall}"
key=$(echo "layout4 $suite $*" | tr ' ' '\n' | sort -u | sha256sum | cut -c1-12)
root="$cache/sysroot-$arch-$key"
if [ -n "$check" ]; then echo "$root"; [ -f "$root/.dlcall-complete" ]; exit; fi
if [ -f "$root/.dlcall-complete" ]; then echo "$root"; exit 0; fi

# One builder per architecture at a time: concurrent runs share the private apt state.
mkdir -p "$cache"
exec 9>"$cache/.sysroot-$arch.lock"
flock 9
if [ -f "$root/.dlcall-complete" ]; then echo "$root"; exit 0; fi

# shellcheck source=lib/apt.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"
mirror=$(debian_mirror)

apt_dir="$cache/apt-$arch-$suite"
mkdir -p "$apt_dir/state/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
: >"$apt_dir/state/status"
printf 'deb [arch=%s signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' \
    "$arch" "$mirror" "$suite" >"$apt_dir/sources.list"
apt_opts=(-o "Dir::State=$apt_dir/state" -o "Dir::State::status=$apt_dir/state/status"
          -o "Dir::Cache=$apt_dir/cache" -o "Dir::Etc::SourceList=$apt_dir/sources.list"
          -o "Dir::Etc::SourceParts=/nonexistent" -o "APT::Architecture=$arch"
          -o "APT::Architectures=$arch" -o "Debug::NoLocking=1" -o "APT::Sandbox::User=root")
if [ ! -f "$apt_dir/updated" ] || [ -n "$(find "$apt_dir/updated" -mtime +1)" ]; then
    echo "guest-sysroot: reading the $suite $arch package index" >&2
    apt-get "${apt_opts[@]}" -qq update >&2
    touch "$apt_dir/updated"
fi

# The packages and everything they depend on (pre-depends included), for this architecture.
mapfile -t pkgs < <(apt-cache "${apt_opts[@]}" depends --recurse --no-recommends --no-suggests \
    --no-conflicts --no-breaks --no-replaces --no-enhances "$@" | grep -v '^ ' | grep -v '^<' |
    sed "s/:$arch\$//" | sort -u)
# apt-cache leaves out a name it does not know (or a virtual one): say which, not a root without it.
# (Not `printf ... | grep -q`: grep quits at the first match, printf then fails on the closed pipe
# and pipefail made a package that is there "no package", now and then.)
for want in "$@"; do
    grep -qxF "${want%:"$arch"}" <<<"$(printf '%s\n' "${pkgs[@]}")" ||
        { echo "guest-sysroot: no package '$want' for $arch in Debian $suite" >&2; exit 2; }
done
echo "guest-sysroot: ${#pkgs[@]} packages for $arch: ${pkgs[*]}" >&2
# Each step says how long the build has taken so far (bash's SECONDS, from the script's start):
# a first root downloads tens to hundreds of MB and would otherwise be silent for minutes.
# What apt has yet to download (a .deb already in debs/ is kept; a failure here is the download's
# to report), with its size in bytes.
mapfile -t fetch < <(cd "$apt_dir/debs" && apt-get "${apt_opts[@]}" --print-uris -qq download "${pkgs[@]}")
if [ ${#fetch[@]} -gt 0 ]; then
    mib=$(printf '%s\n' "${fetch[@]}" | awk '{ n += $3 } END { printf "%.1f", n / 1048576 }')
    echo "guest-sysroot: downloading ${#fetch[@]} of ${#pkgs[@]} packages, $mib MiB (${SECONDS} s so far)" >&2
fi
(cd "$apt_dir/debs" && apt-get "${apt_opts[@]}" -qq download "${pkgs[@]}" >&2)
echo "guest-sysroot: extracting ${#pkgs[@]} packages (${SECONDS} s so far)" >&2

rm -rf "$root.tmp"; mkdir -p "$root.tmp"
debs=()
for p in "${pkgs[@]}"; do
    deb=$(ls "$apt_dir/debs/${p}_"*"_$arch.deb" "$apt_dir/debs/${p}_"*"_all.deb" 2>/dev/null | head -n1 || true)
    [ -n "$deb" ] || { echo "guest-sysroot: package $p ($arch) could not be had" >&2; exit 1; }
    dpkg -x "$deb" "$root.tmp"
    debs+=("$deb")
done
# Merged /usr, as on an installed Debian 12 or 13 (/bin -> usr/bin...): Debian 13 packages ship
# everything under /usr and the links come from base-files, which is not extracted; Debian 12's
# still ship /bin and /lib, which an installed system merges. Programs ask for
# /lib/ld-linux-*.so.1, and a guest shell's PATH search must find /usr/bin/cat and /bin/pigz in
# the root: under -L a name missing there falls through to the host's (docs/HowItWorks.md,
# "Exec following").
for d in lib bin sbin; do
    if [ -d "$root.tmp/$d" ] && [ ! -L "$root.tmp/$d" ]; then
        mkdir -p "$root.tmp/usr/$d"
        cp -a "$root.tmp/$d/." "$root.tmp/usr/$d/"
        rm -rf "$root.tmp/$d"
    fi
    if [ ! -e "$root.tmp/$d" ] && [ -d "$root.tmp/usr/$d" ]; then ln -s "usr/$d" "$root.tmp/$d"; fi
done
python3 "$(dirname "${BASH_SOURCE[0]}")/lib/alternatives.py" "$root.tmp" "${debs[@]}" >&2
touch "$root.tmp/.dlcall-complete"
rm -rf "$root"; mv "$root.tmp" "$root"
echo "guest-sysroot: done in ${SECONDS} s" >&2
echo "$root"
