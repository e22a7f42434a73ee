#!/usr/bin/python3 -B
# SPDX-License-Identifier: BSD-3-Clause
"""A host thread's perf profile, split by the driver of the guest process
that ran at the time: where one thread (QEMU's device thread, say) spends
its time under upstream and under ours, from one bench-compare boot.

    perf record -k CLOCK_MONOTONIC -F 499 -t TID -o PERF_DATA &
    devtools/bench-compare ... --out DIR
    devtools/bench/perf_by_driver.py DIR PERF_DATA [TOP]

Samples are counted inside the counted processes' windows (config.json's
process_windows, on CLOCK_MONOTONIC as perf's -k CLOCK_MONOTONIC).
Prints the sample count per driver and the TOP symbols (default 30)."""

import collections
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import report  # noqa: E402


def windows(out):
    """[(t0, t1, driver)] of the counted processes of a bench-compare run."""
    with open(os.path.join(out, "config.json")) as f:
        win = json.load(f).get("process_windows") or {}
    with open(os.path.join(out, "samples.json")) as f:
        procs = json.load(f)["processes"]
    return [(win[str(p["index"])][0], win[str(p["index"])][1], p["driver"])
            for p in procs
            if not p["warmup"] and p["ok"] and str(p["index"]) in win]


def split(lines, spans):
    """{driver: Counter(symbol)} from perf script lines 'TIME: IP SYM'."""
    prof = {d: collections.Counter() for d in report.DRIVERS}
    for line in lines:
        f = line.split()
        if len(f) < 3:
            continue
        try:
            t = float(f[0].rstrip(":"))
        except ValueError:
            continue
        for t0, t1, drv in spans:
            if t0 <= t <= t1:
                prof[drv][" ".join(f[2:])] += 1
                break
    return prof


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write(__doc__)
        return 2
    top = int(argv[2]) if len(argv) == 3 else 30
    text = subprocess.run(["perf", "script", "-i", argv[1], "-F",
                           "time,ip,sym,dso"], capture_output=True,
                          text=True, check=True).stdout
    prof = split(text.splitlines(), windows(argv[0]))
    print("samples: " + ", ".join("%s %d" % (d, sum(prof[d].values()))
                                  for d in report.DRIVERS))
    both = prof["upstream"] + prof["ours"]
    print("%8s %8s  symbol" % report.DRIVERS)
    for sym, _ in both.most_common(top):
        print("%8d %8d  %s" % (prof["upstream"][sym], prof["ours"][sym], sym))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
