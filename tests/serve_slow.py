#!/usr/bin/env python3
"""Slow clients against `cpd serve` (loopback only, bounded in count and
time): clients that drip a request head, or a body, one byte a second,
and reconnect as soon as the server closes them, while a probe asks
GET /healthz every quarter of a second.  What share of the probes got
200 is the figure (docs/API.md gives the figures and the commands;
tests/test_serve.py instead gives each probe time, probes_while_dripping,
so that it does not depend on the machine's speed):

    python3 tests/serve_slow.py build/cpd head --clients 12 --seconds 16 \\
        -- --max-connections 8 --timeout 4

Prints one line: "<kind>: N of M probes answered 200 (P%) ..." and
exits 0.  `memory --clients N` has N clients each send 4 MiB less 16
bytes of a body and hold it, and prints the server's resident memory.
"""
import argparse
import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_util import Server  # noqa: E402

HEAD = (b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\nX-Pad: ")
BODY_HEAD = (b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
             b"Content-Type: application/json\r\n"
             b"Content-Length: 100000\r\n\r\n")


def dripper(port, kind, until, stats, lock, stop=None):
    """Connects, drips one byte a second; when the server closes the
    connection, connects again, until `until` (or until stop is set)."""
    while time.monotonic() < until and not (stop and stop.is_set()):
        try:
            k = socket.create_connection(("127.0.0.1", port), 2)
        except OSError:
            time.sleep(0.1)
            continue
        with lock:
            stats["connections"] += 1
        try:
            if kind == "body":
                k.sendall(BODY_HEAD)
            else:
                k.sendall(HEAD[:20])
            k.settimeout(1.0)
            while time.monotonic() < until and not (stop and stop.is_set()):
                k.sendall(b"a" if kind == "head" else b" ")
                try:
                    if k.recv(4096) == b"":
                        break  # closed by the server
                except socket.timeout:
                    pass  # still open: one more byte
        except OSError:
            pass  # reset by the server
        finally:
            k.close()
        with lock:
            stats["cut"] += 1


def healthz_status(k):
    """GET /healthz on the connected socket k, which it closes: the
    answer's status, or None when k was closed before a status line."""
    k.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              b"Connection: close\r\n\r\n")
    data = b""
    while b"\r\n" not in data:
        chunk = k.recv(4096)
        if not chunk:
            break
        data += chunk
    k.close()
    if data.startswith(b"HTTP/1.1 "):
        return int(data[9:12])
    return None


def probe(port, until, results):
    while time.monotonic() < until:
        t0 = time.monotonic()
        status = None
        try:
            k = socket.create_connection(("127.0.0.1", port), 2)
            k.settimeout(2)
            status = healthz_status(k)
        except (OSError, ValueError):
            pass
        results.append(status)
        time.sleep(max(0.0, 0.25 - (time.monotonic() - t0)))


def run(port, kind, clients, seconds):
    """(probes answered 200, probes, connections the drippers made)"""
    until = time.monotonic() + seconds
    stats = {"connections": 0, "cut": 0}
    lock = threading.Lock()
    results = []
    threads = [threading.Thread(target=dripper,
                                args=(port, kind, until, stats, lock),
                                daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    time.sleep(0.5)  # the drippers are in
    probe(port, until, results)
    for t in threads:
        t.join(5)
    stats["statuses"] = {}
    for r in results:
        stats["statuses"][r] = stats["statuses"].get(r, 0) + 1
    return sum(1 for r in results if r == 200), len(results), stats


def answered_within(port, seconds):
    """One GET /healthz that is given `seconds`: a connection the server
    closes (or resets) before any answer is tried again; the status of
    the first answer, or None when none came in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            k = socket.create_connection(
                ("127.0.0.1", port), max(0.1, deadline - time.monotonic()))
            k.settimeout(max(0.1, deadline - time.monotonic()))
            status = healthz_status(k)
            if status is not None:
                return status
        except socket.timeout:
            return None
        except OSError:
            pass  # closed or reset unanswered: again
        time.sleep(0.05)
    return None


def probes_while_dripping(port, kind, clients, probes, seconds):
    """clients drippers go on while `probes` probes are made one after
    the other, each given `seconds` (answered_within): (their statuses,
    the drippers' stats).  Unlike run(), the figure does not depend on
    the machine's speed: a server that lets drippers shut it out fails
    however long a probe waits, one that does not passes however slow."""
    stop = threading.Event()
    stats = {"connections": 0, "cut": 0}
    lock = threading.Lock()
    until = time.monotonic() + probes * seconds + 10
    threads = [threading.Thread(target=dripper,
                                args=(port, kind, until, stats, lock, stop),
                                daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    time.sleep(1)  # the drippers are in, and past the server's grace
    statuses = []
    try:
        for _ in range(probes):
            statuses.append(answered_within(port, seconds))
            time.sleep(0.25)
    finally:
        stop.set()
        for t in threads:
            t.join(5)
    return statuses, stats


def hold_bodies(server, clients):
    """clients connections each send 4 MiB less 16 bytes of a 4 MiB body
    and hold; the server's resident memory then, in KiB, and how many of
    them were refused (503, or closed)."""
    socks, refused = [], 0
    piece = b" " * ((4 << 20) - 16)
    for _ in range(clients):
        k = socket.create_connection(("127.0.0.1", server.port), 10)
        try:
            k.sendall(BODY_HEAD.replace(b"100000", b"4194304") + piece)
        except OSError:
            refused += 1
        socks.append(k)
    time.sleep(1)
    rss = server.rss_kib()
    for k in socks:
        k.close()
    return rss, refused


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cpd")
    ap.add_argument("kind", choices=("head", "body", "memory"))
    ap.add_argument("--clients", type=int, default=12)
    ap.add_argument("--seconds", type=float, default=16)
    argv = sys.argv[1:]
    rest = []
    if "--" in argv:
        rest = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    a = ap.parse_args(argv)
    a.serve_args = rest
    s = Server(os.path.abspath(a.cpd), "--access-log", "none", *a.serve_args)
    if a.kind == "memory":
        try:
            rss, refused = hold_bodies(s, a.clients)
        finally:
            s.stop()
        print("memory: %d clients each sending 4 MiB less 16 bytes: the "
              "server's RSS %.0f MiB" % (a.clients, rss / 1024.0))
        return
    try:
        ok, n, stats = run(s.port, a.kind, a.clients, a.seconds)
    finally:
        s.stop()
    print("%s: %d of %d probes answered 200 (%.0f%%); the %d clients made "
          "%d connections; probes: %s" % (
              a.kind, ok, n, 100.0 * ok / max(n, 1), a.clients,
              stats["connections"],
              ", ".join("%s %d" % (k or "no answer", v) for k, v in
                        sorted(stats["statuses"].items(),
                               key=lambda kv: str(kv[0])))))


if __name__ == "__main__":
    main()
