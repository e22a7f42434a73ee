#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The virtio-crypto PMD authors
"""A dpdk-test-crypto-perf test vector file (--ptest verify): AES-128-CBC
encryption of SIZE random bytes, the expected ciphertext from Python's
cryptography. Test name "aes_cbc".

  cperf_vector.py SIZE SEED > FILE
"""

import random
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def field(name, data):
    rows = [", ".join("0x%02x" % b for b in data[i:i + 16])
            for i in range(0, len(data), 16)]
    return "%s =\n%s\n\n" % (name, ",\n".join(rows))


def main():
    size, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    plain = rng.randbytes(size)
    key, iv = rng.randbytes(16), rng.randbytes(16)
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    cipher = enc.update(plain) + enc.finalize()
    sys.stdout.write("# AES-128-CBC, %d bytes\n\n" % size)
    sys.stdout.write(field("plaintext", plain) + field("ciphertext", cipher) +
                     field("cipher_iv", iv))
    sys.stdout.write("[aes_cbc]\n" + field("cipher_key", key))


if __name__ == "__main__":
    main()
