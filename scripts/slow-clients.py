#!/usr/bin/env python3
"""Slow clients: opens many connections to a CourtVoice server that send a request slowly, one
byte every --interval seconds, to check that they cannot stop the server (docs/engineering-notes.md,
"Hostile clients"). Half of them trickle their request headers, half a Content-Length: 60000 body.

  scripts/slow-clients.py --port 8080 --connections 40 --interval 9 --duration 15 [--source 127.0.0.2]

--source binds the clients to another local address (any 127.x.y.z is this machine on Linux), so
that a test's own requests from 127.0.0.1 are not counted against the same client. At the end it
prints one line per outcome, e.g. "status 503: 32", "status 408: 8", "open: 0", "closed without
answer: 0", and "connections: 40".
"""
import argparse
import selectors
import socket
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--connections", type=int, default=40)
    parser.add_argument("--interval", type=float, default=9.0, help="seconds between two bytes")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds before giving up")
    parser.add_argument("--source", default="", help="local address to connect from")
    args = parser.parse_args()

    heads = [b"GET /healthz HTTP/1.1\r\nHost: slow\r\nX-Slow: " + b"a" * 64,
             b"POST /api/v1/surveys/none/responses HTTP/1.1\r\nHost: slow\r\n"
             b"Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n" + b"{" * 60000]
    selector = selectors.DefaultSelector()
    clients = []
    for i in range(args.connections):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if args.source:
            sock.bind((args.source, 0))
        sock.connect((args.host, args.port))
        sock.setblocking(False)
        # The headers of a body request go out at once; its body, like the other heads, by the byte.
        data = heads[i % 2]
        sent = data.index(b"\r\n\r\n") + 4 if i % 2 else 1
        sock.send(data[:sent])
        client = {"sock": sock, "data": data, "sent": sent, "reply": b"", "done": False}
        clients.append(client)
        selector.register(sock, selectors.EVENT_READ, client)

    start = time.monotonic()
    next_byte = start + args.interval
    while time.monotonic() - start < args.duration and not all(c["done"] for c in clients):
        timeout = max(0.0, min(next_byte, start + args.duration) - time.monotonic())
        for key, _ in selector.select(timeout):
            client = key.data
            try:
                chunk = client["sock"].recv(65536)
            except OSError:
                chunk = b""
            if chunk:
                client["reply"] += chunk
            else:
                client["done"] = True
                selector.unregister(client["sock"])
        if time.monotonic() >= next_byte:
            next_byte += args.interval
            for client in clients:
                if client["done"] or client["sent"] >= len(client["data"]):
                    continue
                try:
                    client["sock"].send(client["data"][client["sent"]:client["sent"] + 1])
                    client["sent"] += 1
                except OSError:
                    pass  # the server has closed its side; the reply (if any) is still read

    outcomes = {}
    for client in clients:
        reply = client["reply"]
        if reply.startswith(b"HTTP/1.1 "):
            key = "status " + reply[9:12].decode()
        elif client["done"]:
            key = "closed without answer"
        else:
            key = "open"
        outcomes[key] = outcomes.get(key, 0) + 1
        client["sock"].close()
    for key in sorted(outcomes):
        print(f"{key}: {outcomes[key]}")
    print(f"connections: {len(clients)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
