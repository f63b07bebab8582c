#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Debian's arm64 xmllint (libxml2-utils), unmodified, over the XML, HTML, schema, RelaxNG and
# Schematron files of libxml2's own Debian source (the dfsg source has no upstream test/ corpus
# beyond the patches' cases: the files are doc/, test/, python/tests/ and example/), fully emulated
# and with libxml2 passed through: stdout, stderr and exit code must be identical per case.
#
# Usage: tests/xml2/xmllint.sh [--quick]    --quick: the first files of each kind (CI)
# Prints one line per difference and "N cases, N differences"; exits 1 on any difference.
# Environment: DLCALL_CACHE (default ~/.cache/dlcall), OUT (default artifacts/xmllint).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache="${DLCALL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dlcall}"
out=${OUT:-$root/artifacts/xmllint}
die() { echo "xmllint-tests: $*" >&2; exit 1; }
# shellcheck source=../../scripts/lib/apt.sh
. "$root/scripts/lib/apt.sh"
quick=0; [ "${1:-}" = --quick ] && quick=1

# The guest root's libxml2 is this version; its source is the corpus.
src=$(fetch_source libxml2 2.9.14+dfsg-1.3~deb12u6 xmllint.c)
sysroot=$("$root/dlcall" sysroot --arch arm64 libxml2-utils libxml2)
xmllint=$sysroot/usr/bin/xmllint

cd "$src"
mapfile -t xml < <(ls doc/*.xml doc/*.xsl doc/examples/*.xml python/tests/*.xml example/*.xml test/*/*.xml test/relaxng/include/*.rng test/schemas/*.xsd | LC_ALL=C sort)
mapfile -t html < <(ls doc/*.html doc/html/*.html | LC_ALL=C sort)
if [ "$quick" = 1 ]; then
    xml=(doc/libxml2-api.xml doc/examples/test3.xml python/tests/valid.xml python/tests/invalid.xml test/catalogs/catalog-recursive.xml doc/examples/examples.xsl)
    html=(doc/xml.html doc/html/libxml-tree.html doc/index.html)
fi

cases=()
for f in "${xml[@]}"; do
    for opts in "" "--noout" "--format" "--c14n" "--stream --noout" "--valid --noout" "--xinclude" "--nonet --noout" \
                "--debug" "--memory" "--noblanks" "--nsclean --dropdtd" "--xpath //*[1]"; do
        [ "$quick" = 1 ] && [[ "$opts" == "--nsclean --dropdtd" || "$opts" == "--noblanks" ]] && continue
        cases+=("$opts|$f")
    done
done
for f in "${html[@]}"; do
    for opts in "--html" "--html --format" "--html --noout" "--html --xmlout"; do cases+=("$opts|$f"); done
done
# Validation: each schema over its instances, the RelaxNG include-limit cases, Schematron.
for x in test/schemas/*_0.xsd; do cases+=("--noout --schema $x|${x%_0.xsd}_0.xml"); done
for r in test/relaxng/include/include-limit.rng; do cases+=("--noout --relaxng $r|python/tests/valid.xml"); done
for s in test/schematron/*.sct; do cases+=("--noout --schematron $s|${s%.sct}_0.xml"); done

mkdir -p "$out"
n=0; diffs=0
for c in "${cases[@]}"; do
    opts=${c%%|*}; f=${c#*|}
    read -ra args <<<"$opts"
    for mode in none xml2; do
        rc=0
        "$root/dlcall" run --passthrough "$mode" --sysroot "$sysroot" -- "$xmllint" "${args[@]}" "$f" \
            >"$out/$mode.out" 2>"$out/$mode.err" || rc=$?
        echo "$rc" >"$out/$mode.rc"
    done
    n=$((n + 1))
    if ! cmp -s "$out/none.out" "$out/xml2.out" || ! cmp -s "$out/none.err" "$out/xml2.err" || ! cmp -s "$out/none.rc" "$out/xml2.rc"; then
        diffs=$((diffs + 1))
        keep="$out/diff-$diffs"; mkdir -p "$keep"; cp "$out"/none.* "$out"/xml2.* "$keep/"
        printf 'DIFFERENT: xmllint %s %s (exit %s emulated, %s passed through): %s\n' "$opts" "$f" \
            "$(cat "$out/none.rc")" "$(cat "$out/xml2.rc")" "$keep"
    fi
done
echo "$n cases, $diffs differences"
[ "$diffs" -eq 0 ]
