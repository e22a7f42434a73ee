# SPDX-License-Identifier: BSD-3-Clause
"""Parsing of dpdk-test-crypto-perf (DPDK 22.11) results, and the check of
which crypto_virtio driver a process really ran.

Two output styles are understood, for the throughput and pmd-cyclecount
tests:

- --csv-friendly: a header line starting with '#' ("#lcore id,Buffer
  Size(B),..." or "# lcore id,Buf Size,...") followed by lines of numbers
  separated by ',' (22.11) or ';' (later versions), possibly padded with
  blanks.
- the default "pretty" style: a header of 12-character right-aligned
  columns ("    lcore id    Buf Size ...") followed by lines of numbers
  separated by blanks.

Column names are mapped to stable keys (see COLUMNS); unknown columns are
kept under a key derived from their name.
"""

import re

# normalised header name -> key
COLUMNS = {
    "lcoreid": "lcore",
    "bufsize": "size",
    "buffersize": "size",
    "buffersizeb": "size",
    "burstsize": "burst",
    "enqueued": "enqueued",
    "dequeued": "dequeued",
    "failedenq": "failed_enq",
    "faileddeq": "failed_deq",
    "enqretries": "enq_retries",
    "deqretries": "deq_retries",
    "mops": "mops",
    "opsmillions": "mops",
    "gbps": "gbps",
    "throughputgbps": "gbps",
    "cyclesbuf": "cycles_per_buf",
    # pmd-cyclecount: "Cycles/Op" is the cost of building an op (alloc,
    # populate, free), not a driver cost.
    "cyclesop": "build_cycles_per_op",
    "cyclesenq": "enq_cycles_per_op",
    "cyclesdeq": "deq_cycles_per_op",
}

THROUGHPUT_KEYS = ("size", "mops", "gbps")
CYCLECOUNT_KEYS = ("size", "enq_cycles_per_op", "deq_cycles_per_op")

_NUM = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def _norm(name):
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _key(name):
    n = _norm(name)
    return COLUMNS.get(n, n or "col")


def _number(s):
    s = s.strip()
    if not _NUM.match(s):
        return None
    v = float(s)
    if v.is_integer() and "." not in s and "e" not in s.lower():
        return int(v)
    return v


def _is_csv_header(line):
    s = line.strip()
    return s.startswith("#") and ("," in s or ";" in s) and \
        "buf" in s.lower() and "burst" in s.lower()


def _is_pretty_header(line):
    s = line.strip()
    return not s.startswith("#") and "," not in s and \
        "Buf Size" in line and "Burst Size" in line


def _pretty_columns(line):
    # %12s columns, right aligned: cut every 12 characters.
    line = line.rstrip("\n")
    cols = [line[i:i + 12].strip() for i in range(0, len(line), 12)]
    return [c for c in cols if c]


def parse(text):
    """Result rows of one dpdk-test-crypto-perf process.

    Returns {"style": "csv"|"pretty"|None, "columns": [keys], "rows": [dict]}.
    Rows whose field count does not match the header, or with a field that
    is not a number, are ignored (log lines interleaved with the results).
    """
    style, cols, rows = None, None, []
    for line in text.splitlines():
        if _is_csv_header(line):
            style = "csv"
            cols = [_key(c) for c in re.split(r"[,;]", line.strip().lstrip("#"))]
            continue
        if _is_pretty_header(line):
            style = "pretty"
            cols = [_key(c) for c in _pretty_columns(line)]
            continue
        if cols is None or not line.strip():
            continue
        if style == "csv":
            fields = re.split(r"[,;]", line.strip())
        else:
            fields = line.split()
        if len(fields) != len(cols):
            continue
        vals = [_number(f) for f in fields]
        if any(v is None for v in vals):
            continue
        rows.append(dict(zip(cols, vals)))
    return {"style": style, "columns": cols or [], "rows": rows}


def test_kind(rows):
    """'throughput', 'cyclecount' or None, from the keys of parsed rows."""
    if not rows:
        return None
    keys = set(rows[0])
    if set(THROUGHPUT_KEYS) <= keys:
        return "throughput"
    if set(CYCLECOUNT_KEYS) <= keys:
        return "cyclecount"
    return None


# ------------------------------------------------------------ driver check

_LD_FILE = re.compile(r"file=(\S*librte_crypto_virtio\S*)\s+\[\d+\];\s+"
                      r"(dynamically loaded|needed) by")
# Our PMD's INFO message at the end of a successful probe (the function
# name in front of it does not matter).
OURS_PROBE = re.compile(
    r"^\w+\(\): \S+: probed( by virtio-crypto PMD \S+)?: \d+ data queues", re.M)
OURS_ANY = re.compile(r"^vcrypto_\w+\(\): ", re.M)
EAL_PROBE = re.compile(r"EAL: Probe PCI driver: crypto_virtio \(1af4:1054\)")


def loaded_crypto_virtio(ld_text):
    """Paths of the librte_crypto_virtio files the dynamic loader loaded,
    from LD_DEBUG=files output."""
    return sorted(set(m.group(1) for m in _LD_FILE.finditer(ld_text)))


def check_driver(driver, ld_text, log_text, ours_path, upstream_dir):
    """(ok, detail): did this process run exactly the intended driver?

    upstream: only files from the distribution's plugin directory were
    loaded, our PMD was not, and our PMD's probe message is absent.
    ours: exactly our private copy was loaded, nothing from the plugin
    directory, and our probe message is present.
    Both: EAL reports a crypto_virtio PCI probe of the device.
    """
    loaded = loaded_crypto_virtio(ld_text)
    problems = []
    if not loaded:
        problems.append("the loader record names no librte_crypto_virtio")
    ups = [p for p in loaded if p.startswith(upstream_dir.rstrip("/") + "/")]
    ours = [p for p in loaded if p == ours_path]
    other = [p for p in loaded if p not in ups and p not in ours]
    if other:
        problems.append("unexpected crypto_virtio libraries loaded: %s"
                        % ", ".join(other))
    if driver == "upstream":
        if not ups:
            problems.append("Debian's plugin was not loaded")
        if ours:
            problems.append("our PMD was loaded")
        if OURS_ANY.search(log_text):
            problems.append("our PMD's log messages are present")
    elif driver == "ours":
        if not ours:
            problems.append("our PMD (%s) was not loaded" % ours_path)
        if ups:
            problems.append("Debian's plugin was loaded too: %s"
                            % ", ".join(ups))
        if not OURS_PROBE.search(log_text):
            problems.append("our PMD's 'probed:' message is missing")
    else:
        problems.append("unknown driver %r" % driver)
    if not EAL_PROBE.search(log_text):
        problems.append("no 'EAL: Probe PCI driver: crypto_virtio' line")
    if problems:
        return False, "; ".join(problems)
    return True, "loaded %s" % ", ".join(loaded)
