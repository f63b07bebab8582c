#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# openssl dgst -sha256 and enc -aes-256-cbc of one input: the host's native x86_64 openssl, Debian's
# arm64 openssl fully emulated, and the same with libcrypto passed through (dlcall run). One run
# each: indicative figures, printed as a Markdown table. The dlcall columns include dlcall run's
# own start-up (.NET) and the stub's (it resolves ~5000 thunks); the "startup" row measures that.
#
# Usage: bench/crypto_bench.sh [MiB]   (default 64)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mib=${1:-64}
root=$(bash scripts/guest-sysroot.sh arm64 openssl)
DLCALL_QEMU_DIR=${DLCALL_QEMU_DIR:-$(bash native/qemu/build-qemu.sh)}
export DLCALL_QEMU_DIR
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -c $((mib * 1024 * 1024)) /dev/urandom >"$work/in"
key=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
iv=0f0e0d0c0b0a09080706050403020100

seconds() { # prints the wall time of "$@" (output discarded)
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null
    t1=$(date +%s.%N)
    printf '%.2f' "$(echo "$t1 - $t0" | bc)"
}

run() { # MODE ARGS...: native, none or crypto
    local mode=$1
    shift
    if [ "$mode" = native ]; then
        /usr/bin/openssl "$@"
    else
        ./dlcall run --passthrough "$mode" --sysroot "$root" -- "$root/usr/bin/openssl" "$@"
    fi
}

echo "| $mib MiB | native x86_64 | arm64 emulated | arm64, libcrypto passed through |"
echo "|---|---|---|---|"
: >"$work/empty"
for op in startup dgst enc; do
    row="| $op"
    for mode in native none crypto; do
        if [ "$op" = startup ]; then # dgst of an empty file: start-up and loading only
            s=$(seconds run "$mode" dgst -sha256 "$work/empty")
        elif [ "$op" = dgst ]; then
            s=$(seconds run "$mode" dgst -sha256 "$work/in")
        else
            s=$(seconds run "$mode" enc -aes-256-cbc -K "$key" -iv "$iv" -in "$work/in" -out "$work/out")
        fi
        row="$row | ${s} s"
    done
    echo "$row |"
done
