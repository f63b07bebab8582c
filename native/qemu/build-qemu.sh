#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build a QEMU linux-user with plugin support and the vCPU syscall-filter API.
# Performance patches (extra_patches below) are applied on top, each its own file
# with its rationale in its header.
#
# Debian's qemu-user is built without plugins, so dlcall builds QEMU from
# Debian's own source package, backporting the syscall filter where the
# source lacks it. The result is cached outside the clone: a second run only
# checks the cache and prints its location.
#
# Usage: native/qemu/build-qemu.sh [--source DIR] [--print-dir | --print-prefix] [--deps-only]
#   --source DIR   use this QEMU source tree (also $DLCALL_QEMU_SOURCE)
#   --print-dir    print the install directory of the cached build and exit
#                  (non-zero when it is not built yet)
#   --print-prefix print where the build goes, built or not (dlcall cache)
#   --deps-only    install the build and cross-compile dependencies, then exit
# Environment: DLCALL_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/dlcall)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
qemu_pkg_version="1:10.2.2+ds-1"
targets="aarch64-linux-user,riscv64-linux-user,x86_64-linux-user"
cache="${DLCALL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dlcall}"
source_dir="${DLCALL_QEMU_SOURCE:-}"
print_dir=0
print_prefix=0
deps_only=0

while [ $# -gt 0 ]; do
    case "$1" in
    --source) source_dir="$2"; shift 2 ;;
    --print-dir) print_dir=1; shift ;;
    --print-prefix) print_prefix=1; shift ;;
    --deps-only) deps_only=1; shift ;;
    -h|--help) sed -n '3,17p' "$0"; exit 0 ;;
    *) echo "build-qemu: unknown argument '$1'" >&2; exit 2 ;;
    esac
done

log() { echo "build-qemu: $*" >&2; }

# Packages from bookworm itself.
bookworm_pkgs="ninja-build libglib2.0-dev flex bison pkg-config python3-venv
    device-tree-compiler dpkg-dev xz-utils gcc-aarch64-linux-gnu gcc-riscv64-linux-gnu
    libc6-dev-arm64-cross libc6-dev-riscv64-cross"
# QEMU 10.2 needs meson >= 1.5; bookworm has 1.0.1.
backports_pkgs="meson python3-pycotap"

# shellcheck source=../../scripts/lib/apt.sh
. "$here/../../scripts/lib/apt.sh"

missing_pkgs() {
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
    done
}

meson_new_enough() {
    local v
    v=$(meson --version 2>/dev/null) || return 1
    dpkg --compare-versions "$v" ge 1.5
}

install_deps() {
    # shellcheck disable=SC2086
    local need need_bp
    need=$(missing_pkgs $bookworm_pkgs)
    need_bp=$(missing_pkgs $backports_pkgs)
    meson_new_enough || need_bp="$backports_pkgs"
    [ -z "$need$need_bp" ] && return 0
    if [ "$(id -u)" != 0 ]; then
        log "not root; as root this would run:"
        [ -n "$need" ] && echo "  apt-get install -y" $need >&2
        [ -n "$need_bp" ] && echo "  apt-get install -y -t bookworm-backports" $need_bp >&2
        exit 1
    fi
    local updated=0
    add_apt_source backports deb bookworm-backports && updated=1
    if [ $updated = 1 ] || [ ! -d /var/lib/apt/lists ] || \
       ! ls /var/lib/apt/lists/*bookworm-backports*Packages* >/dev/null 2>&1; then
        apt-get update -qq
    fi
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086
    [ -n "$need" ] && apt-get install -y -qq --no-install-recommends $need >&2
    # shellcheck disable=SC2086
    [ -n "$need_bp" ] && apt-get install -y -qq --no-install-recommends -t bookworm-backports $need_bp >&2
    return 0
}

# Source packages (only sources) come from Debian's development suite.
fetch_source() {
    local dir="$cache/src"
    local tree
    tree=$(ls -d "$dir"/qemu-*/ 2>/dev/null | head -n1 || true)
    if [ -n "$tree" ] && [ -f "$tree/VERSION" ]; then echo "${tree%/}"; return; fi
    ensure_devel_sources
    mkdir -p "$dir"
    log "fetching QEMU source $qemu_pkg_version"
    (cd "$dir" && apt-get source -qq --only-source "qemu=$qemu_pkg_version" >&2)
    tree=$(ls -d "$dir"/qemu-*/ | head -n1)
    echo "${tree%/}"
}

has_filter_api() {
    grep -rqs qemu_plugin_register_vcpu_syscall_filter_cb "$1/include" "$1/plugins"
}

# Applied after the filter backport, in this order; optional: a source they do not
# apply to (another QEMU release) is built without them.
extra_patches="tb-lookup-by-pointer.patch"

configure_flags="--enable-plugins --disable-system --disable-tools --disable-docs
    --disable-install-blobs --python=/usr/bin/python3 --disable-werror"

# The cache key: what changes the binaries (every patch and the configuration).
patch_hash() {
    local p
    {
        cat "$here/syscall-filter.patch"
        for p in $extra_patches; do cat "$here/$p"; done
        echo "$targets $configure_flags"
    } | sha256sum | cut -c1-12
}

apply_extra_patches() {
    local p
    for p in $extra_patches; do
        if patch -d "$1" -p1 --quiet --dry-run <"$here/$p" >/dev/null 2>&1; then
            log "applying $p"
            patch -d "$1" -p1 --quiet <"$here/$p"
        else
            log "$p does not apply to this source; building without it"
        fi
    done
}

built() { [ -x "$1/bin/qemu-aarch64" ] && [ -x "$1/bin/qemu-riscv64" ] && [ -x "$1/bin/qemu-x86_64" ]; }

main() {
    local key="" src=""
    if [ -n "$source_dir" ]; then
        key="custom-$(echo "$(cd "$source_dir" && pwd)" | sha256sum | cut -c1-8)"
    else
        key="${qemu_pkg_version#*:}"
    fi
    local prefix="$cache/qemu-$key-$(patch_hash)"
    if [ $print_prefix = 1 ]; then echo "$prefix"; exit 0; fi
    if [ $print_dir = 1 ]; then
        [ -x "$prefix/bin/qemu-aarch64" ] || exit 1
        echo "$prefix"; exit 0
    fi
    install_deps
    [ $deps_only = 1 ] && exit 0
    if built "$prefix"; then echo "$prefix"; return; fi
    # One build at a time per cache (two first runs, or parallel test jobs, would share $work):
    # the second waits, then finds the first one's result.
    mkdir -p "$cache"
    exec 9>"$cache/.qemu-build.lock"
    flock 9
    if built "$prefix"; then echo "$prefix"; return; fi
    if [ -n "$source_dir" ]; then src=$(cd "$source_dir" && pwd); else src=$(fetch_source); fi
    # An interrupted build resumes: the patched tree and ninja's state are kept until success.
    local work="$prefix.build"
    if [ ! -f "$work/src/.dlcall-prepared" ]; then
        rm -rf "$work"; mkdir -p "$work"
        log "copying source to $work/src"
        cp -a "$src" "$work/src"
        if has_filter_api "$work/src"; then
            log "source already has the syscall-filter API; not patching"
        else
            log "applying the syscall-filter backport"
            patch -d "$work/src" -p1 --quiet <"$here/syscall-filter.patch"
        fi
        apply_extra_patches "$work/src"
        touch "$work/src/.dlcall-prepared"
    fi
    if [ ! -f "$work/build/build.ninja" ]; then
        mkdir -p "$work/build"
        # shellcheck disable=SC2086
        (cd "$work/build" && ../src/configure --target-list="$targets" $configure_flags >&2)
    fi
    log "building (ninja, $(nproc) jobs)"
    ninja -C "$work/build" -j"$(nproc)" qemu-aarch64 qemu-riscv64 qemu-x86_64 >&2
    mkdir -p "$prefix.tmp/bin" "$prefix.tmp/include"
    cp "$work/build/qemu-aarch64" "$work/build/qemu-riscv64" "$work/build/qemu-x86_64" "$prefix.tmp/bin/"
    local hdr
    for hdr in "$work/src/include/qemu/qemu-plugin.h" "$work/src/include/plugins/qemu-plugin.h"; do
        [ -f "$hdr" ] && cp "$hdr" "$prefix.tmp/include/qemu-plugin.h"
    done
    rm -rf "$prefix"; mv "$prefix.tmp" "$prefix"
    rm -rf "$work"
    log "built into $prefix"
    echo "$prefix"
}

main
