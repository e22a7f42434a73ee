#!/usr/bin/python3 -B
# SPDX-License-Identifier: BSD-3-Clause
"""A host thread's perf profile, split by the driver of the guest process
that ran at the time: where one thread (QEMU's device thread, say) spends
its time under upstream and under ours, from one bench-compare boot.

    perf record -k CLOCK_MONOTONIC -F 499 -t TID -o PERF_DATA &
    devtools/bench-compare ... --out DIR
    devtools/bench/perf_by_driver.py [--per-process] DIR PERF_DATA [TOP]

Samples are counted inside the counted processes' windows (config.json's
process_windows, on CLOCK_MONOTONIC as perf's -k CLOCK_MONOTONIC).
Prints the sample count per driver and the TOP symbols (default 30).
--per-process: one column per process instead (its index and u or o, in
run order), and samples in a stripped binary's static functions apart by
address ("[unknown] IP"): which code grows in a driver's slow processes."""

import collections
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import report  # noqa: E402


def windows(out, per_process=False):
    """[(t0, t1, label)] of the counted processes of a bench-compare run,
    in run order: label is the driver, or with per_process the process's
    index and the driver's initial."""
    with open(os.path.join(out, "config.json")) as f:
        win = json.load(f).get("process_windows") or {}
    with open(os.path.join(out, "samples.json")) as f:
        procs = json.load(f)["processes"]
    return [(win[str(p["index"])][0], win[str(p["index"])][1],
             "%d%s" % (p["index"], p["driver"][0]) if per_process
             else p["driver"])
            for p in sorted(procs, key=lambda p: p["index"])
            if not p["warmup"] and p["ok"] and str(p["index"]) in win]


def split(lines, spans, by_ip=False):
    """{label: Counter(symbol)} from perf script lines 'TIME: IP SYM',
    for the labels of spans; by_ip: unnamed code by its address."""
    prof = {s[2]: collections.Counter() for s in spans}
    for line in lines:
        f = line.split()
        if len(f) < 3:
            continue
        try:
            t = float(f[0].rstrip(":"))
        except ValueError:
            continue
        sym = " ".join(f[2:])
        if by_ip and f[2] == "[unknown]":
            sym = "[unknown] %s %s" % (f[1], " ".join(f[3:]))
        for t0, t1, label in spans:
            if t0 <= t <= t1:
                prof[label][sym] += 1
                break
    return prof


def table(prof, labels, top):
    """Sample counts, a column per label, the TOP symbols of all."""
    every = collections.Counter()
    for c in prof.values():
        every.update(c)
    width = max([8] + [len(x) + 1 for x in labels])
    out = ["".join("%*s" % (width, x) for x in labels) + "  symbol",
           "".join("%*d" % (width, sum(prof[x].values())) for x in labels) +
           "  (all samples)"]
    for sym, _ in every.most_common(top):
        out.append("".join("%*d" % (width, prof[x][sym]) for x in labels) +
                   "  " + sym)
    return out


def main(argv):
    per_process = bool(argv) and argv[0] == "--per-process"
    if per_process:
        argv = argv[1:]
    if len(argv) not in (2, 3):
        sys.stderr.write(__doc__)
        return 2
    top = int(argv[2]) if len(argv) == 3 else 30
    text = subprocess.run(["perf", "script", "-i", argv[1], "-F",
                           "time,ip,sym,dso"], capture_output=True,
                          text=True, check=True).stdout
    spans = windows(argv[0], per_process)
    prof = split(text.splitlines(), spans, by_ip=per_process)
    labels = [s[2] for s in spans] if per_process else list(report.DRIVERS)
    for label in labels:
        prof.setdefault(label, collections.Counter())
    print("\n".join(table(prof, labels, top)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
