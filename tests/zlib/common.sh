# SPDX-License-Identifier: GPL-2.0-or-later
# Shared by tests/zlib/*.sh (sourced, not run): paths, ISAs, guest roots, the input generator.

zt_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
zt_root=$(cd "$zt_here/../.." && pwd)
zt_cache="${DLCALL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dlcall}"
# Where build.sh puts its outputs unless given OUTDIR; run-emulated.sh reads them from here.
zt_default_out="${ZLIB_TEST_OUT:-$zt_root/artifacts/zlib}"

zt_die() { echo "zlib-tests: $*" >&2; exit 1; }

# ISA name (aarch64 | riscv64 | x86_64; arm64 is accepted for aarch64) -> canonical name.
zt_isa() {
    case "$1" in
    aarch64 | arm64) echo aarch64 ;;
    riscv64) echo riscv64 ;;
    x86_64 | amd64) echo x86_64 ;;
    *) zt_die "unknown ISA '$1' (aarch64, riscv64, x86_64)" ;;
    esac
}
zt_triple() { echo "$1-linux-gnu"; }
zt_debarch() { case "$1" in aarch64) echo arm64 ;; riscv64) echo riscv64 ;; x86_64) echo amd64 ;; esac; }
zt_cc() {
    case "$1" in
    aarch64) echo "${CC_AARCH64:-aarch64-linux-gnu-gcc}" ;;
    riscv64) echo "${CC_RISCV64:-riscv64-linux-gnu-gcc}" ;;
    x86_64) echo "${CC_X86_64:-gcc}" ;;
    esac
}

# The Debian guest root with the real libz.so.1 (scripts/guest-sysroot.sh; cached there).
zt_sysroot() {
    bash "$zt_root/scripts/guest-sysroot.sh" "$(zt_debarch "$1")" zlib1g ||
        zt_die "no guest root for $1 (scripts/guest-sysroot.sh failed)"
}
# The directory holding libz.so.1 for ISA: in the guest root, or the host's for x86_64.
zt_libdir() { # isa [sysroot]
    local isa=$1 sysroot=${2:-} t d
    t=$(zt_triple "$isa")
    if [ "$isa" = x86_64 ]; then
        for d in /lib/$t /usr/lib/$t; do [ -e "$d/libz.so.1" ] && { echo "$d"; return 0; }; done
        zt_die "the host has no libz.so.1 (Debian package zlib1g)"
    fi
    for d in "$sysroot/lib/$t" "$sysroot/usr/lib/$t"; do
        [ -e "$d/libz.so.1" ] && { echo "$d"; return 0; }
    done
    zt_die "no libz.so.1 under $sysroot"
}

# The QEMU build (native/qemu/build-qemu.sh --print-dir; it must have been built).
zt_qemu() { # isa
    local q
    q=$(bash "$zt_root/native/qemu/build-qemu.sh" --print-dir) || zt_die "build-qemu.sh --print-dir failed"
    [ -x "$q/bin/qemu-$1" ] || zt_die "no $q/bin/qemu-$1: build QEMU first (bash native/qemu/build-qemu.sh)"
    echo "$q/bin/qemu-$1"
}

# Build OUT (the host gen-input program) from gen-input.c when missing or older than its source.
zt_build_gen() { # out
    local out=$1 src="$zt_here/gen-input.c"
    if [ ! -x "$out" ] || [ "$src" -nt "$out" ]; then
        mkdir -p "$(dirname "$out")"
        "${HOSTCC:-gcc}" -std=c11 -O2 -Wall -Wextra -Werror -o "$out.tmp" "$src" ||
            zt_die "FAILED to build $out"
        mv -f "$out.tmp" "$out"
    fi
}

# The root to give QEMU's -L for ISA (scripts/guest-sysroot.sh adds the merged-/usr links).
zt_guest_root() { # isa
    zt_sysroot "$1"
}
