#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Debian 12 packages dlcall needs beyond the QEMU build's (native/qemu/build-qemu.sh installs
# those): clang for the thunk generator's header parsing and layout probes, the host
# development files of the libraries dlcall ships thunks for (OpenBLAS serves blas and lapack:
# cblas.h comes with libblas-dev, lapack.h with liblapacke-dev), and the native (x86_64) Debian
# programs the benchmarks compare against: python3-numpy is the host's numpy, the native column
# of the numpy rows of `dlcall bench programs` (bench/numpy_ops.py) and any host-side comparison
# with the guest's numpy (dlcall itself never needs it). As root installs what is missing;
# otherwise prints the command.
set -euo pipefail
pkgs=(clang libclang-rt-dev zlib1g-dev python3 bc
      liblzma-dev libzstd-dev libsqlite3-dev libssl-dev libbz2-dev libexpat1-dev libpcre2-dev libxml2-dev libpng-dev libjpeg62-turbo-dev
      libopenblas0-pthread libblas-dev liblapacke-dev
      pigz zstd xz-utils bzip2 sqlite3 openssl libxml2-utils libjpeg-turbo-progs python3-numpy)
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Host libraries older than the arm64 guest root's (Debian 12's point release) behave differently
# where the guest's tests look: expat 2.5.0-1+deb12u2 defers reparsing (CVE-2023-52425), which
# changes how character data is split across handler calls; libxml2 ~deb12u6 fixes CVEs in the
# parser and validators the guest's xmllint runs. Upgrade those (docs/VersionSkew.md).
floors=(libexpat1=2.5.0-1+deb12u2 libexpat1-dev=2.5.0-1+deb12u2
        libxml2=2.9.14+dfsg-1.3~deb12u6 libxml2-dev=2.9.14+dfsg-1.3~deb12u6)
for f in "${floors[@]}"; do
    have=$(dpkg-query -W -f='${Version}' "${f%%=*}" 2>/dev/null || true)
    if [ -n "$have" ] && dpkg --compare-versions "$have" lt "${f#*=}"; then missing+=("${f%%=*}"); fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "install-deps: as root this would run: apt-get install -y ${missing[*]}" >&2
    exit 1
fi
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >&2 || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >&2
}
