# SPDX-License-Identifier: BSD-3-Clause
"""How busy each host thread of the guest's process tree was (QEMU's vCPU
and main-loop threads, the vhost-user back-end's lcores) over a span of
wall time: which thread limits the throughput of a guest process.

A Sampler reads the CPU time of every thread under a root pid (vm-run)
from /proc a few times a second; busy(t0, t1) then gives each thread's
share of one CPU over [t0, t1], as a mean, and as a mean over the seconds
in which the busiest thread was busy (a guest process's measured phase,
without its start-up)."""

import os
import time

TICKS = os.sysconf("SC_CLK_TCK")
RESCAN_S = 2.0
# Windows of the "while loaded" mean, and the share of a CPU the busiest
# thread has in such a window.
WINDOW_S = 1.0
LOADED = 0.9


def _stat(path):
    """(comm, ppid, utime + stime in ticks) of a /proc/.../stat file."""
    with open(path) as f:
        st = f.read()
    rest = st[st.rfind(")") + 2:].split()
    return st[st.find("(") + 1:st.rfind(")")], int(rest[1]), \
        int(rest[11]) + int(rest[12])


def descendants(root):
    """root and every process below it."""
    parent = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                parent[int(pid)] = _stat("/proc/%s/stat" % pid)[1]
            except (OSError, ValueError, IndexError):
                pass
    tree, grown = {root}, True
    while grown:
        more = {p for p, pp in parent.items() if pp in tree} - tree
        grown = bool(more)
        tree |= more
    return tree


class Sampler:
    def __init__(self, root):
        self.root = root
        self.pids = set()
        self.rescan_at = 0.0
        self.samples = []   # (monotonic time, {thread name: ticks})

    def _threads(self):
        now = {}
        for pid in self.pids:
            try:
                pname = _stat("/proc/%d/stat" % pid)[0]
                tids = os.listdir("/proc/%d/task" % pid)
            except (OSError, ValueError, IndexError):
                continue
            for tid in tids:
                try:
                    comm, _, ticks = _stat("/proc/%d/task/%s/stat"
                                           % (pid, tid))
                except (OSError, ValueError, IndexError):
                    continue
                name = "%s/%s" % (pname, comm)
                # Threads of one name (DPDK's service threads) apart.
                if name in now:
                    name += "#" + tid
                now[name] = ticks
        return now

    def tick(self, min_gap=0.2):
        t = time.monotonic()
        if self.samples and t - self.samples[-1][0] < min_gap:
            return
        if t >= self.rescan_at:
            self.pids = descendants(self.root) - {self.root}
            self.rescan_at = t + RESCAN_S
        self.samples.append((t, self._threads()))

    def _at(self, t):
        """The last sample at or before t (the first one if none)."""
        best = self.samples[0]
        for s in self.samples:
            if s[0] > t:
                break
            best = s
        return best

    def _windows(self, a, b):
        """Consecutive spans of at least WINDOW_S between samples a and b:
        [(seconds, {thread: CPU fraction})]."""
        out, lo = [], a
        for s in self.samples:
            if s[0] <= lo[0] or s[0] > b[0]:
                continue
            if s[0] - lo[0] >= WINDOW_S:
                span = s[0] - lo[0]
                out.append((span, {n: (s[1][n] - lo[1].get(n, 0)) /
                                   (TICKS * span) for n in s[1]}))
                lo = s
        return out

    def busy(self, t0, t1, top=4, floor=0.05):
        """{thread: (mean, mean while loaded)} over [t0, t1], in CPU
        fractions, for the `top` busiest threads at `floor` or more.
        Loaded: the windows in which the busiest thread (the lcore that
        polls, in a guest process) was at LOADED or more; start-up and
        teardown are not."""
        if len(self.samples) < 2 or t1 - t0 < 1.0:
            return {}
        a, b = self._at(t0), self._at(t1)
        span = b[0] - a[0]
        if span <= 0:
            return {}
        mean = {n: (b[1][n] - a[1].get(n, 0)) / (TICKS * span)
                for n in b[1]}
        names = sorted((n for n in mean if mean[n] >= floor),
                       key=lambda n: -mean[n])[:top]
        if not names:
            return {}
        loaded = [w for w in self._windows(a, b) if w[1][names[0]] >= LOADED]
        time_loaded = sum(w[0] for w in loaded)

        def while_loaded(n):
            if not time_loaded:
                return None
            return round(min(1.0, sum(w[0] * w[1].get(n, 0)
                                      for w in loaded) / time_loaded), 3)
        return {n: (round(mean[n], 3), while_loaded(n)) for n in names}
