#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The virtio-crypto PMD authors
"""Traffic for DPDK's l2fwd-crypto example, and the check of what it sent.

  l2fwd_crypto_pcap.py gen FILE.pcap COUNT SEED
      COUNT IPv4 packets (Ethernet, 20-byte IP header, random payload of
      1..1400 bytes, IP id = packet number) for net_pcap's rx_pcap.
  l2fwd_crypto_pcap.py check IN.pcap OUT.pcap --cipher-key HEX --iv HEX
                       [--auth-key HEX --digest-size N]
      Every packet of IN must come out in OUT exactly once (matched by IP
      id), headers untouched, its IP payload zero-padded to 16 bytes and
      AES-CBC encrypted with the key and IV, followed (with --auth-key) by
      the truncated HMAC-SHA1 of the ciphertext: what l2fwd-crypto asks
      for with --chain CIPHER_ONLY or CIPHER_HASH and --no-mac-updating.
      Prints one summary line; exit status 0 iff all matched.
"""

import argparse
import hashlib
import hmac
import random
import struct
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

ETH_LEN = 14
IP_LEN = 20
BLOCK = 16


def write_pcap(path, packets):
    with open(path, "wb") as f:
        # pcap v2.4, microseconds, snaplen 65535, Ethernet.
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, p in enumerate(packets):
            f.write(struct.pack("<IIII", i, 0, len(p), len(p)))
            f.write(p)


def read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        raise ValueError("%s: no pcap header" % path)
    magic = struct.unpack("<I", data[:4])[0]
    if magic in (0xA1B2C3D4, 0xA1B23C4D):
        end = "<"
    elif magic in (0xD4C3B2A1, 0x4D3CB2A1):
        end = ">"
    else:
        raise ValueError("%s: not a pcap file" % path)
    packets, at = [], 24
    while at + 16 <= len(data):
        _, _, caplen, wirelen = struct.unpack(end + "IIII", data[at:at + 16])
        at += 16
        if caplen != wirelen or at + caplen > len(data):
            raise ValueError("%s: truncated packet %d" % (path, len(packets)))
        packets.append(data[at:at + caplen])
        at += caplen
    return packets


def make_packet(rng, number):
    payload = rng.randbytes(rng.randint(1, 1400))
    eth = bytes.fromhex("020000000001" "020000000002") + struct.pack(">H", 0x0800)
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, IP_LEN + len(payload),
                     number, 0, 64, 17, 0, bytes([10, 0, 0, 1]),
                     bytes([10, 0, 0, 2]))
    return eth + ip + payload


def expected(packet, cipher_key, iv, auth_key, digest_size):
    head, payload = packet[:ETH_LEN + IP_LEN], packet[ETH_LEN + IP_LEN:]
    padded = payload + bytes(-len(payload) % BLOCK)
    enc = Cipher(algorithms.AES(cipher_key), modes.CBC(iv)).encryptor()
    out = enc.update(padded) + enc.finalize()
    if auth_key is not None:
        out += hmac.new(auth_key, out, hashlib.sha1).digest()[:digest_size]
    return head + out


def ip_id(packet):
    return struct.unpack(">H", packet[ETH_LEN + 4:ETH_LEN + 6])[0]


def check(args):
    sent = read_pcap(args.inp)
    got = read_pcap(args.out)
    key = bytes.fromhex(args.cipher_key)
    iv = bytes.fromhex(args.iv)
    auth = bytes.fromhex(args.auth_key) if args.auth_key else None
    want = {ip_id(p): expected(p, key, iv, auth, args.digest_size)
            for p in sent}
    seen, bad, unknown = set(), 0, 0
    for p in got:
        n = ip_id(p) if len(p) >= ETH_LEN + IP_LEN else -1
        if n not in want or n in seen:
            unknown += 1
        elif p != want[n]:
            bad += 1
            seen.add(n)
        else:
            seen.add(n)
    missing = len(want) - len(seen)
    ok = bad == 0 and unknown == 0 and missing == 0 and len(want) > 0
    print("l2fwd-crypto output: %d sent, %d received, %d right, %d wrong, "
          "%d missing, %d unexpected" % (len(sent), len(got),
                                         len(seen) - bad, bad, missing,
                                         unknown))
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gen")
    g.add_argument("file")
    g.add_argument("count", type=int)
    g.add_argument("seed", type=int)
    c = sub.add_parser("check")
    c.add_argument("inp")
    c.add_argument("out")
    c.add_argument("--cipher-key", required=True)
    c.add_argument("--iv", required=True)
    c.add_argument("--auth-key")
    c.add_argument("--digest-size", type=int, default=20)
    args = p.parse_args()
    if args.cmd == "gen":
        rng = random.Random(args.seed)
        write_pcap(args.file, [make_packet(rng, i)
                               for i in range(args.count)])
        return 0
    return check(args)


if __name__ == "__main__":
    sys.exit(main())
