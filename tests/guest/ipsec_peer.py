#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The virtio-crypto PMD authors
"""Helpers of the ipsec-secgw test (tests/guest/ipsec-secgw.sh).

  ipsec_peer.py serve ADDR PORT NBYTES
      accept one TCP connection; read the peer's bytes; answer with the
      SHA-256 of what arrived, then NBYTES of our own (seeded) bytes.
  ipsec_peer.py send ADDR PORT NBYTES
      connect; send NBYTES (seeded); check the digest the server got and
      the server's bytes against their seed. Prints one line; exit 0 when
      both directions arrived intact.
  ipsec_peer.py counters SOCKET NDEV
      the counters of ipsec-secgw's two ports and of cryptodevs
      0..NDEV-1, read from its telemetry socket, as NAME=VALUE lines.
  ipsec_peer.py xfrm-packets SPI < "ip -s xfrm state" output
      the packets the kernel counted on the SA with that SPI.
"""

import hashlib
import json
import random
import re
import socket
import struct
import sys

CHUNK = 65536


def seeded(seed, n):
    """n reproducible bytes: the data each side sends."""
    rng = random.Random(seed)
    while n > 0:
        k = min(n, CHUNK)
        yield rng.randbytes(k)
        n -= k


def recv_exact(s, n):
    buf = bytearray()
    while len(buf) < n:
        part = s.recv(n - len(buf))
        if not part:
            raise EOFError("connection closed after %d of %d bytes"
                           % (len(buf), n))
        buf += part
    return bytes(buf)


def recv_digest(s, n):
    h = hashlib.sha256()
    left = n
    while left > 0:
        part = s.recv(min(left, CHUNK))
        if not part:
            raise EOFError("connection closed after %d of %d bytes"
                           % (n - left, n))
        h.update(part)
        left -= len(part)
    return h.digest()


def expected_digest(seed, n):
    h = hashlib.sha256()
    for b in seeded(seed, n):
        h.update(b)
    return h.digest()


def serve(addr, port, nbytes):
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, port))
    ls.listen(1)
    ls.settimeout(300)
    s, _ = ls.accept()
    s.settimeout(300)
    n = struct.unpack("!Q", recv_exact(s, 8))[0]
    s.sendall(recv_digest(s, n) + struct.pack("!Q", nbytes))
    for b in seeded(2, nbytes):
        s.sendall(b)
    s.shutdown(socket.SHUT_WR)
    s.recv(1)
    s.close()
    return 0


def send(addr, port, nbytes):
    s = socket.create_connection((addr, port), timeout=300)
    s.sendall(struct.pack("!Q", nbytes))
    for b in seeded(1, nbytes):
        s.sendall(b)
    got = recv_exact(s, 32)
    back = struct.unpack("!Q", recv_exact(s, 8))[0]
    back_digest = recv_digest(s, back)
    s.close()
    up = got == expected_digest(1, nbytes)
    down = back_digest == expected_digest(2, back)
    print("bulk: sent %d B, server's SHA-256 %s; received %d B, SHA-256 %s"
          % (nbytes, "matches" if up else "DIFFERS",
             back, "matches" if down else "DIFFERS"))
    return 0 if up and down else 1


def telemetry(path, commands):
    """Each command's answer (a dict) from a DPDK telemetry socket."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    s.connect(path)
    s.recv(65536)    # the greeting
    answers = []
    for c in commands:
        s.send(c.encode())
        reply = s.recv(1 << 20).decode()
        answer = json.loads(reply).get(c.split(",")[0])
        if not isinstance(answer, dict):
            raise EOFError("telemetry %s answered %s" % (c, reply))
        answers.append(answer)
    s.close()
    return answers


def counters(path, ndev):
    # (DPDK 22.11's ipsec-secgw registers its own telemetry commands under
    # "/examples/ipsec-secgw/...", a name telemetry refuses for its "-":
    # its totals come from its statistics screen instead.)
    cmds = ["/ethdev/stats,0", "/ethdev/stats,1"] + \
        ["/cryptodev/stats,%d" % i for i in range(ndev)]
    lan, wan, *devs = telemetry(path, cmds)
    for name, port in (("lan", lan), ("wan", wan)):
        for k in ("ipackets", "opackets", "ierrors", "oerrors", "imissed"):
            print("port_%s_%s=%d" % (name, k, port[k]))
    for k in ("enqueued_count", "dequeued_count", "enqueue_err_count",
              "dequeue_err_count"):
        print("cdev_%s=%d" % (k, sum(d[k] for d in devs)))
    return 0


def xfrm_packets(spi):
    """Counted packets of the state with this SPI ("spi 0x00000005" ...
    "lifetime current:" / "N(bytes), M(packets)")."""
    want = "spi 0x%08x" % spi
    state = None
    for line in sys.stdin:
        if line.startswith("src "):
            state = None
        m = re.search(r"spi 0x[0-9a-f]{8}", line)
        if m:
            state = m.group(0)
        m = re.search(r"(\d+)\(bytes\), (\d+)\(packets\)", line)
        if m and state == want:
            print(m.group(2))
            return 0
    print("no SA with %s" % want, file=sys.stderr)
    return 1


def main(argv):
    if len(argv) == 5 and argv[1] in ("serve", "send"):
        fn = serve if argv[1] == "serve" else send
        return fn(argv[2], int(argv[3]), int(argv[4]))
    if len(argv) == 4 and argv[1] == "counters":
        return counters(argv[2], int(argv[3]))
    if len(argv) == 3 and argv[1] == "xfrm-packets":
        return xfrm_packets(int(argv[2], 0))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except (OSError, EOFError) as e:
        print("ipsec_peer: %s" % e, file=sys.stderr)
        sys.exit(1)
