#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# EXEC_PREFIX and EXE_PREFIX for zstd's tests/playTests.sh: runs an aarch64 program like `dlcall run
# --passthrough all` does (QEMU, the Debian guest root, the plugin, the generated stubs first in
# the library path), without dlcall's own start-up on each of the script's ~1000 commands.
# DLCALL_PASSTHROUGH=none runs fully emulated instead.
# Usage: EXEC_PREFIX=$W EXE_PREFIX=$W ZSTD_BIN=artifacts/compress/aarch64/zstd \
#        DATAGEN_BIN=artifacts/compress/host/datagen bash .../tests/playTests.sh   (W: this script)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
: "${DLCALL_QEMU_DIR:=$(bash "$root/native/qemu/build-qemu.sh" --print-dir)}"
: "${DLCALL_GUEST_ROOT:=$(bash "$root/scripts/guest-sysroot.sh" arm64 xz-utils zstd libzstd1)}"
if [ "${DLCALL_PASSTHROUGH:-all}" = none ]; then
    exec "$DLCALL_QEMU_DIR/bin/qemu-aarch64" -L "$DLCALL_GUEST_ROOT" "$@"
fi
exec "$DLCALL_QEMU_DIR/bin/qemu-aarch64" -L "$DLCALL_GUEST_ROOT" -plugin "$root/artifacts/plugin/libdlcall.so" \
    -E LD_LIBRARY_PATH="$root/artifacts/thunks/aarch64/lib" "$@"
