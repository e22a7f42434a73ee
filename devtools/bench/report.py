# SPDX-License-Identifier: BSD-3-Clause
"""Medians, ratio tables and the plot of devtools/bench-compare."""

import statistics

import host_threads

DRIVERS = ("upstream", "ours")

# key, test, title, unit, better, format, extra (retries column)
METRICS = [
    ("mops", "throughput", "Throughput", "MOps", "higher", "%.4f", None),
    ("gbps", "throughput", "Throughput", "Gbps", "higher", "%.3f", None),
    ("enq_cycles_per_op", "cyclecount", "pmd-cyclecount: enqueue",
     "cycles/op", "lower", "%.0f", "enq_retries"),
    ("deq_cycles_per_op", "cyclecount", "pmd-cyclecount: dequeue",
     "cycles/op", "lower", "%.0f", "deq_retries"),
]


def collect(processes, sizes):
    """samples[test][key][driver][size] = [values of the counted processes,
    in run order]."""
    out = {}
    for p in processes:
        if p.get("warmup") or not p.get("ok"):
            continue
        t = out.setdefault(p["test"], {})
        for row in p.get("rows", []):
            size = row.get("size")
            if size not in sizes:
                continue
            for k, v in row.items():
                if k in ("size", "lcore", "burst"):
                    continue
                d = t.setdefault(k, {}).setdefault(p["driver"], {})
                d.setdefault(size, []).append(v)
    return out


def median(xs):
    return statistics.median(xs) if xs else None


def medians(samples):
    return {test: {key: {drv: {str(size): median(v) for size, v in sizes.items()}
                         for drv, sizes in per_drv.items()}
                   for key, per_drv in keys.items()}
            for test, keys in samples.items()}


def _fmt(fmt, v):
    return "-" if v is None else fmt % v


def _range(fmt, xs):
    if not xs:
        return "-"
    return "%s..%s" % (fmt % min(xs), fmt % max(xs))


def tables(samples, sizes):
    """The text tables, one per metric."""
    out = []
    for key, test, title, unit, better, fmt, extra in METRICS:
        per = samples.get(test, {}).get(key)
        if per is None:
            continue
        head = "%s, %s (%s is better; ratio %s 1 means ours is better)" % (
            title, unit, better, ">" if better == "higher" else "<")
        cols = ["size", "upstream median", "ours median", "ours/upstream",
                "n", "upstream min..max", "ours min..max"]
        if extra:
            cols.append("median %s up/ours" % extra.replace("_", " "))
        rows = []
        for size in sizes:
            u = per.get("upstream", {}).get(size, [])
            o = per.get("ours", {}).get(size, [])
            mu, mo = median(u), median(o)
            ratio = "%.3f" % (mo / mu) if mu and mo is not None else "-"
            r = [str(size), _fmt(fmt, mu), _fmt(fmt, mo), ratio,
                 "%d/%d" % (len(u), len(o)), _range(fmt, u), _range(fmt, o)]
            if extra:
                ex = samples.get(test, {}).get(extra, {})
                eu = median(ex.get("upstream", {}).get(size, []))
                eo = median(ex.get("ours", {}).get(size, []))
                r.append("%s/%s" % (_fmt("%.0f", eu), _fmt("%.0f", eo)))
            rows.append(r)
        w = [max(len(c), *(len(r[i]) for r in rows)) if rows else len(c)
             for i, c in enumerate(cols)]
        lines = [head,
                 "  " + " | ".join(c.rjust(w[i]) for i, c in enumerate(cols)),
                 "  " + "-+-".join("-" * x for x in w)]
        for r in rows:
            lines.append("  " + " | ".join(c.rjust(w[i]) for i, c in enumerate(r)))
        out.append("\n".join(lines))
    return "\n\n".join(out)


def thread_table(processes, busy, windows=None, ops=None):
    """Host threads' CPU share per driver (medians over the counted
    processes of each driver): which thread was the bottleneck, and, with
    the process windows and the ops of each test, each thread's CPU time
    per op (for the device's thread: what one op costs the device).
    busy is bench-compare's {process index: {thread: (mean, loaded)}},
    windows {process index: [t0, t1]}, ops {test: ops per process}."""
    per = {}
    for p in sorted(processes, key=lambda p: p["index"]):
        if p.get("warmup") or not p.get("ok"):
            continue
        key = str(p["index"])
        win = (windows or {}).get(key)
        n_ops = (ops or {}).get(p.get("test"))
        for name, (mean, loaded) in busy.get(key, {}).items():
            d = per.setdefault(name, {}).setdefault(p["driver"],
                                                    [[], [], []])
            d[0].append(mean)
            if loaded is not None:
                d[1].append(loaded)
            if win and n_ops:
                d[2].append(1e6 * mean * (win[1] - win[0]) / n_ops)
    if not per:
        return ""
    lines = ["Host threads, share of one CPU over each process (median of "
             "the processes; in brackets, over the seconds in which the "
             "busiest thread was at %d %% or more), and its CPU time per "
             "op" % round(100 * host_threads.LOADED),
             "  %-36s | %-24s | %-24s" % ("thread", *DRIVERS),
             "  %s-+-%s-+-%s" % ("-" * 36, "-" * 24, "-" * 24)]
    for name in sorted(per, key=lambda n: -max(
            median(v[0]) for v in per[n].values())):
        cells = []
        for drv in DRIVERS:
            v = per[name].get(drv)
            cells.append("-" if v is None else "%.2f (%s) %s us/op" % (
                median(v[0]), _fmt("%.2f", median(v[1])),
                _fmt("%.3f", median(v[2]))))
        lines.append("  %-36s | %-24s | %-24s" % (name[:36], *cells))
    lines += _per_process(per)
    return "\n".join(lines)


def _per_process(per):
    """Each thread's CPU time per op process by process, in run order:
    the medians above hide a tail (some processes of one driver slower
    than any of the other's)."""
    out = []
    for name in sorted(per, key=lambda n: -max(
            median(v[0]) for v in per[n].values())):
        for drv in DRIVERS:
            v = per[name].get(drv)
            if v and v[2]:
                out.append("    %-34s %-8s %s" % (
                    name[:34], drv, " ".join("%.3f" % x for x in v[2])))
    if out:
        out.insert(0, "  us/op of each process, in run order:")
    return out


def plot(samples, sizes, path, title):
    """2x2 plot: median bars per size and driver, every sample as a dot."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    colors = {"upstream": "#7f7f7f", "ours": "#1f77b4"}
    fig, axes = plt.subplots(2, 2, figsize=(12, 8.5))
    width = 0.38
    for ax, (key, test, mtitle, unit, better, fmt, _) in zip(axes.flat, METRICS):
        per = samples.get(test, {}).get(key, {})
        ax.set_title("%s, %s (%s is better)" % (mtitle, unit, better),
                     fontsize=10)
        ax.set_xticks(range(len(sizes)))
        ax.set_xticklabels([str(s) for s in sizes])
        ax.set_xlabel("buffer size (bytes)")
        ax.set_ylabel(unit)
        ax.grid(axis="y", alpha=0.3)
        if not per:
            ax.text(0.5, 0.5, "no data", ha="center", va="center",
                    transform=ax.transAxes)
            continue
        for j, drv in enumerate(DRIVERS):
            xs, ms = [], []
            off = (j - 0.5) * width
            for i, size in enumerate(sizes):
                vals = per.get(drv, {}).get(size, [])
                if not vals:
                    continue
                xs.append(i + off)
                ms.append(median(vals))
                n = len(vals)
                ax.scatter([i + off + (k - (n - 1) / 2) * width / (2 * n)
                            for k in range(n)], vals, s=10, color="black",
                           zorder=3)
            ax.bar(xs, ms, width=width, color=colors[drv],
                   label="%s: median, dots = processes" % drv, zorder=2)
            for x, m in zip(xs, ms):
                ax.annotate(fmt % m, (x, m), ha="center", va="bottom",
                            fontsize=7, xytext=(0, 2),
                            textcoords="offset points")
        ax.margins(y=0.12)
    handles, labels = [], []
    for ax in axes.flat:
        h, l = ax.get_legend_handles_labels()
        if h:
            handles, labels = h, l
            break
    fig.suptitle(title, fontsize=11)
    if handles:
        fig.legend(handles, labels, loc="upper center", ncol=2, fontsize=9,
                   bbox_to_anchor=(0.5, 0.955), frameon=False)
    fig.tight_layout(rect=(0, 0, 1, 0.92))
    fig.savefig(path, dpi=100)
    plt.close(fig)
