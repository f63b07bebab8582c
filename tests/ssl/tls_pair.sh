#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Debian's arm64 `openssl s_server` and `openssl s_client` talking TLS over loopback, each side
# fully emulated, passed through (libcrypto and libssl on the host) or the host's own x86_64
# openssl. The server reverses every line the client sends (-rev) and ends the connection at
# "CLOSE"; prints the client's stdout and stderr, then the server's, for a differential.
# A client curl-MODE is Debian's arm64 curl fetching https://localhost:PORT/page.txt from the
# server in -WWW mode (it serves the files of WORKDIR).
#
# Usage: tests/ssl/tls_pair.sh SERVER CLIENT PROTOCOL WORKDIR
#   SERVER, CLIENT: emulated | passthrough | crypto (libcrypto alone passed through) | native;
#   CLIENT also curl-emulated | curl-passthrough
#   PROTOCOL: tls1_3 | tls1_2
#   WORKDIR: holds cert.pem and key.pem (made here when missing) and the logs
# Needs DLCALL_QEMU_DIR; the arm64 guest root is scripts/guest-sysroot.sh arm64 openssl.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$(dirname "$here")")
[ $# -eq 4 ] || { echo "usage: $0 SERVER CLIENT PROTOCOL WORKDIR" >&2; exit 2; }
server_mode=$1 client_mode=$2 proto=$3 work=$4
root=$(bash "$repo/scripts/guest-sysroot.sh" arm64 openssl)
curl_root=$(bash "$repo/scripts/guest-sysroot.sh" arm64 openssl curl)

# One openssl command line per mode.
openssl_in() {
    case $1 in
        emulated) echo "$repo/dlcall run --passthrough none --sysroot $root -- $root/usr/bin/openssl" ;;
        passthrough) echo "$repo/dlcall run ${DLCALL_RUN_OPTS:-} --passthrough crypto,ssl --sysroot $root -- $root/usr/bin/openssl" ;;
        crypto) echo "$repo/dlcall run --passthrough crypto --sysroot $root -- $root/usr/bin/openssl" ;;
        native) echo /usr/bin/openssl ;;
        *) echo "tls_pair: unknown mode '$1' (emulated, passthrough or native)" >&2; exit 2 ;;
    esac
}
server=$(openssl_in "$server_mode")
case $client_mode in
    curl-emulated) client="$repo/dlcall run --passthrough none --sysroot $curl_root -- $curl_root/usr/bin/curl" ;;
    curl-passthrough) client="$repo/dlcall run ${DLCALL_RUN_OPTS:-} --passthrough crypto,ssl --sysroot $curl_root -- $curl_root/usr/bin/curl" ;;
    *) client=$(openssl_in "$client_mode") ;;
esac

mkdir -p "$work"
if [ ! -f "$work/cert.pem" ]; then
    # The host's openssl makes the certificate: it is input, not under test.
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
        -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
        -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$work/$server_mode-$client_mode-$proto
rm -f "$log".*

# -naccept 1: the server exits after this one connection.
serve=-rev
case $client_mode in curl-*) serve=-WWW; printf 'served over TLS\n%.0s' $(seq 100) > "$work/page.txt" ;; esac
(cd "$work" && exec $server s_server -accept "127.0.0.1:$port" -naccept 1 $serve -"$proto" \
    -cert "$work/cert.pem" -key "$work/key.pem" > "$log.server.out" 2> "$log.server.err" < /dev/null) &
spid=$!
for _ in $(seq 600); do
    grep -q '^ACCEPT' "$log.server.out" 2>/dev/null && break
    kill -0 "$spid" 2>/dev/null || break
    sleep 0.1
done

# -ign_eof: the client waits for the server to close after CLOSE instead of leaving at stdin's end.
status=0
case $client_mode in
curl-*)
    timeout 300 $client -sS --cacert "$work/cert.pem" --resolve "localhost:$port:127.0.0.1" \
        "https://localhost:$port/page.txt" -o "$log.client.out" 2> "$log.client.err" || status=$? ;;
*)
printf 'hello from the client\n%s\nCLOSE\n' "$(head -c 2000 /dev/zero | tr '\0' x)" |
    timeout 300 $client s_client -connect "127.0.0.1:$port" -"$proto" -CAfile "$work/cert.pem" \
        -verify_return_error -verify_hostname localhost -ign_eof -brief \
        > "$log.client.out" 2> "$log.client.err" || status=$? ;;
esac
wait "$spid" || status=$((status + 100))
echo "== client stdout"; cat "$log.client.out" 2>/dev/null || true
echo "== client stderr"; cat "$log.client.err" 2>/dev/null || true
echo "== server stdout"; cat "$log.server.out" 2>/dev/null || true
echo "== server stderr"; cat "$log.server.err" 2>/dev/null || true
exit "$status"
