# SPDX-License-Identifier: GPL-2.0-or-later
"""A TLS 1.3 bulk transfer over loopback in one Python process: a server thread and a client,
both through Python's ssl module (libssl and libcrypto). Usage: tls_loopback.py PEM MIB
(PEM holds a key and its self-signed certificate for localhost). Prints the bytes received."""
import socket
import ssl
import sys
import threading

pem, mib = sys.argv[1], int(sys.argv[2])
chunk = bytes(range(256)) * 256  # 64 KiB

server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
server_ctx.load_cert_chain(pem)
client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
client_ctx.load_verify_locations(pem)
client_ctx.minimum_version = ssl.TLSVersion.TLSv1_3

listener = socket.create_server(("127.0.0.1", 0))
received = [0]


def serve():
    conn, _ = listener.accept()
    with server_ctx.wrap_socket(conn, server_side=True) as tls:
        total = mib << 20
        while received[0] < total:
            received[0] += len(tls.recv(1 << 16))
        tls.sendall(str(received[0]).encode())


thread = threading.Thread(target=serve)
thread.start()
with client_ctx.wrap_socket(socket.create_connection(listener.getsockname()), server_hostname="localhost") as tls:
    for _ in range(mib * 16):
        tls.sendall(chunk)
    answer = tls.recv(64)
    version = tls.version()
thread.join()
print(version, answer.decode())
