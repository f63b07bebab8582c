#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Runs every dlcall test. On a fresh Debian 12 machine with the .NET SDK it first installs and
# builds what the tests need (apt packages and QEMU, cached outside the clone: the second run
# takes seconds), then builds the plugin and the native test programs, then runs the xunit
# suites. Ends with the line "N passed, N failed, N skipped".
#
# Usage: ./test.sh [dotnet test --filter expression]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

step() { printf '\n== %s\n' "$*"; }

step "packages (scripts/install-deps.sh) and QEMU with plugins and the syscall filter (native/qemu/build-qemu.sh)"
bash scripts/install-deps.sh
DLCALL_QEMU_DIR=$(bash native/qemu/build-qemu.sh)
export DLCALL_QEMU_DIR
echo "$DLCALL_QEMU_DIR"

step "libdlcall.so (NativeAOT)"
bash scripts/build-plugin.sh

step "stubs and thunks (dlcall gen)"
for isa in aarch64 riscv64; do
    # blas and lapack: numpy's BLAS and LAPACK (docs/Blas.md). NumpyBlasTests use arm64's; riscv64's
    # are built too because `dlcall run --passthrough all` makes every stub, whatever the root has.
    # ssl: libssl with libcrypto (docs/Ssl.md); the crypto stubs come from tests/crypto/build.sh.
    for lib in zlib libm lzma zstd bz2 expat pcre2 xml2 png jpeg blas lapack ssl; do ./dlcall gen "$lib" --arch "$isa" >/dev/null; done
done
# tests/sqlite3 and tests/crypto below make sqlite3's aarch64 stub and crypto's two: with this one,
# every stub exists before the tests start, so none is being generated while doctor's test reads them.
./dlcall gen sqlite3 --arch riscv64 >/dev/null

step "native test programs"
bash tests/harness/build.sh >/dev/null
bash bench/cplugin/build.sh >/dev/null
bash tests/e2e/build.sh
bash tests/fuzz/build.sh >/dev/null
bash tests/zlib/build.sh
bash tests/libm/build.sh
bash tests/compress/build.sh
bash tests/bz2/build.sh >/dev/null
bash tests/png/build.sh >/dev/null
bash tests/jpeg/build.sh >/dev/null
bash tests/sqlite3/build.sh
bash tests/crypto/build.sh
bash tests/tls/build.sh
bash tests/memfuncs/build.sh

step "tests"
results=artifacts/test-results
rm -rf "$results"
filter=()
[ $# -gt 0 ] && filter=(--filter "$1")
status=0
dotnet test Dlcall.slnx -c Release "${filter[@]}" --logger "trx" --results-directory "$results" \
    -p:TreatWarningsAsErrors=true || status=$?

# One closing line over all test projects, from the TRX counters.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed")); failed += int(c.get("failed")) + int(c.get("error"))
    skipped += int(c.get("notExecuted"))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
