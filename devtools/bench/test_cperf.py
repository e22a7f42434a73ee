#!/usr/bin/python3 -B
# SPDX-License-Identifier: BSD-3-Clause
"""Unit tests of the bench-compare parsers and checks (no guest needed):

    /usr/bin/python3 -B devtools/bench/test_cperf.py
"""

import os
import sys
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import cperf  # noqa: E402
import host_threads  # noqa: E402
import perf_by_driver  # noqa: E402
import report  # noqa: E402

# Shapes of DPDK 22.11 dpdk-test-crypto-perf output (numbers made up).
TP_CSV = """\
EAL: Probe PCI driver: crypto_virtio (1af4:1054) device: 0000:00:03.0 (socket -1)
Allocated pool "sess_mp_0" on socket 0
#lcore id,Buffer Size(B),Burst Size,Enqueued,Dequeued,Failed Enq,Failed Deq,Ops(Millions),Throughput(Gbps),Cycles/Buf

1,64,32,4096,4096,7520,7551,0.330,0.169,7885.173
1,2048,32,4096,4096,15852,63688,0.141,2.305,18481.023

"""

TP_PRETTY = """\
    lcore id    Buf Size  Burst Size    Enqueued    Dequeued  Failed Enq  Failed Deq        MOps        Gbps  Cycles/Buf

           1          64          32       10000       10000           0           0      0.9707      0.4970     2678.40
           1        2048          32       10000       10000           0           0      0.1871      3.0654    13896.42
"""

CC_CSV = """\
vcrypto_pci_probe(): 0000:00:03.0: probed: 1 data queues
# lcore id,Buf Size,Burst Size,Enqueued,Dequeued,Enq Retries,Deq Retries,Cycles/Op,Cycles/Enq,Cycles/Deq
         1,        64,32,20000,20000,0,24605,54.425,5320.028,1665.665
vcrypto_qp_setup(): an interleaved log line, 1,2,3
         1,      2048,32,20000,20000,0,288,48.464,4341.136,1717.858
"""

CC_SEMICOLON = """\
# lcore id,Buf Size,Burst Size,Enqueued,Dequeued,Enq Retries,Deq Retries,Cycles/Op,Cycles/Enq,Cycles/Deq
         1;        64;32;20000;20000;0;5;54;5320;1665
"""

CC_PRETTY = """\
0x5c, 0x81, 0xc9, 0x49, 0x01, 0x96, 0x83, 0x0a,
    lcore id    Buf Size  Burst Size    Enqueued    Dequeued Enq Retries Deq Retries   Cycles/Op  Cycles/Enq  Cycles/Deq

           1          64          32       10000       10000           4           0          11         430           6
           1        1024          32       10000       10000           4           0          10        3432           5
"""

UP_DIR = "/usr/lib/x86_64-linux-gnu/dpdk/pmds-23.0"
OURS = "/run/bench-compare/ours/librte_crypto_virtio.so"
LD_UP = ("  134:\tfile=%s/librte_crypto_virtio.so.23.0 [0];  dynamically "
         "loaded by /lib/x86_64-linux-gnu/librte_eal.so.23 [0]\n" % UP_DIR)
LD_OURS = ("  145:\tfile=%s [0];  dynamically loaded by "
           "/lib/x86_64-linux-gnu/librte_eal.so.23 [0]\n"
           "  145:\tfile=librte_bus_pci.so.23 [0];  needed by %s [0]\n"
           % (OURS, OURS))
LOG_EAL = "EAL: Probe PCI driver: crypto_virtio (1af4:1054) device: 0000:00:03.0 (socket -1)\n"
LOG_OURS = LOG_EAL + "vcrypto_dev_create(): 0000:00:03.0: probed by virtio-crypto PMD 0.1.0: 1 data queues\n"


class Parse(unittest.TestCase):
    def test_throughput_csv(self):
        r = cperf.parse(TP_CSV)
        self.assertEqual(r["style"], "csv")
        self.assertEqual([x["size"] for x in r["rows"]], [64, 2048])
        self.assertAlmostEqual(r["rows"][1]["mops"], 0.141)
        self.assertAlmostEqual(r["rows"][1]["gbps"], 2.305)
        self.assertEqual(r["rows"][0]["failed_deq"], 7551)
        self.assertEqual(cperf.test_kind(r["rows"]), "throughput")

    def test_throughput_pretty(self):
        r = cperf.parse(TP_PRETTY)
        self.assertEqual(r["style"], "pretty")
        self.assertEqual([x["size"] for x in r["rows"]], [64, 2048])
        self.assertAlmostEqual(r["rows"][0]["mops"], 0.9707)
        self.assertEqual(cperf.test_kind(r["rows"]), "throughput")

    def test_cyclecount_csv(self):
        r = cperf.parse(CC_CSV)
        self.assertEqual(len(r["rows"]), 2)
        self.assertAlmostEqual(r["rows"][0]["enq_cycles_per_op"], 5320.028)
        self.assertAlmostEqual(r["rows"][1]["deq_cycles_per_op"], 1717.858)
        self.assertEqual(r["rows"][0]["deq_retries"], 24605)
        self.assertAlmostEqual(r["rows"][0]["build_cycles_per_op"], 54.425)
        self.assertEqual(cperf.test_kind(r["rows"]), "cyclecount")

    def test_cyclecount_semicolon(self):
        r = cperf.parse(CC_SEMICOLON)
        self.assertEqual(r["rows"][0]["size"], 64)
        self.assertEqual(r["rows"][0]["deq_cycles_per_op"], 1665)

    def test_cyclecount_pretty(self):
        r = cperf.parse(CC_PRETTY)
        self.assertEqual([x["size"] for x in r["rows"]], [64, 1024])
        self.assertEqual(r["rows"][1]["enq_cycles_per_op"], 3432)
        self.assertEqual(cperf.test_kind(r["rows"]), "cyclecount")

    def test_nothing(self):
        r = cperf.parse("EAL: Error - exiting with code: 1\n")
        self.assertEqual(r["rows"], [])
        self.assertIsNone(cperf.test_kind(r["rows"]))


class DriverCheck(unittest.TestCase):
    def test_upstream_ok(self):
        ok, d = cperf.check_driver("upstream", LD_UP, LOG_EAL, OURS, UP_DIR)
        self.assertTrue(ok, d)

    def test_ours_ok(self):
        ok, d = cperf.check_driver("ours", LD_OURS, LOG_OURS, OURS, UP_DIR)
        self.assertTrue(ok, d)

    def test_ours_with_upstream_loaded(self):
        ok, d = cperf.check_driver("ours", LD_OURS + LD_UP, LOG_OURS, OURS,
                                   UP_DIR)
        self.assertFalse(ok)
        self.assertIn("Debian's plugin was loaded too", d)

    def test_ours_probe_message_elsewhere(self):
        log = LOG_EAL + "vcrypto_dev_create(): 0000:00:03.0: probed: 1 data queues\n"
        ok, d = cperf.check_driver("ours", LD_OURS, log, OURS, UP_DIR)
        self.assertTrue(ok, d)

    def test_ours_not_probed(self):
        ok, d = cperf.check_driver("ours", LD_OURS, LOG_EAL, OURS, UP_DIR)
        self.assertFalse(ok)
        self.assertIn("probed", d)

    def test_upstream_but_ours_ran(self):
        ok, _ = cperf.check_driver("upstream", LD_OURS, LOG_OURS, OURS, UP_DIR)
        self.assertFalse(ok)

    def test_no_loader_record(self):
        ok, d = cperf.check_driver("upstream", "", LOG_EAL, OURS, UP_DIR)
        self.assertFalse(ok)
        self.assertIn("no librte_crypto_virtio", d)


class Report(unittest.TestCase):
    def procs(self):
        def p(drv, test, rows, ok=True, warmup=False):
            return {"driver": drv, "test": test, "rows": rows, "ok": ok,
                    "warmup": warmup}
        return [
            p("upstream", "throughput", [{"size": 64, "mops": 1.0, "gbps": 0.5}]),
            p("ours", "throughput", [{"size": 64, "mops": 3.0, "gbps": 1.5}]),
            p("upstream", "throughput", [{"size": 64, "mops": 2.0, "gbps": 1.0}]),
            p("ours", "throughput", [{"size": 64, "mops": 9.0, "gbps": 4.5}],
              ok=False),
            p("ours", "throughput", [{"size": 64, "mops": 5.0, "gbps": 2.5}]),
            p("ours", "throughput", [{"size": 64, "mops": 99.0, "gbps": 9}],
              warmup=True),
        ]

    def test_collect_skips_failed_and_warmup(self):
        s = report.collect(self.procs(), [64])
        self.assertEqual(s["throughput"]["mops"]["ours"][64], [3.0, 5.0])
        self.assertEqual(s["throughput"]["mops"]["upstream"][64], [1.0, 2.0])

    def test_table_ratio(self):
        s = report.collect(self.procs(), [64])
        t = report.tables(s, [64])
        # medians 1.5 and 4.0: ratio 2.667
        self.assertIn("2.667", t)
        self.assertIn("higher is better", t)


class HostThreads(unittest.TestCase):
    """Sampler.busy on made-up samples: a start-up second in which only
    the main lcore's vCPU works, then 3 s in which the polling vCPU and
    the device thread do (the device at 80 %)."""

    def sampler(self):
        t = host_threads.TICKS
        s = host_threads.Sampler(0)
        cpu0 = cpu1 = dev = 0
        for i in range(17):     # every 0.25 s
            s.samples.append((100.0 + i * 0.25, {
                "q/CPU 0/TCG": cpu0, "q/CPU 1/TCG": cpu1, "q/main": dev}))
            if i < 4:
                cpu0 += t // 4
            else:
                cpu1 += t // 4
                dev += t // 5
        return s

    def test_mean_and_loaded(self):
        b = self.sampler().busy(100.0, 104.0)
        self.assertEqual(list(b), ["q/CPU 1/TCG", "q/main", "q/CPU 0/TCG"])
        self.assertAlmostEqual(b["q/CPU 1/TCG"][0], 0.75, places=2)
        self.assertAlmostEqual(b["q/CPU 1/TCG"][1], 1.0, places=2)
        # Over the loaded seconds only: start-up does not dilute it.
        self.assertAlmostEqual(b["q/main"][0], 0.6, places=2)
        self.assertAlmostEqual(b["q/main"][1], 0.8, places=2)
        self.assertAlmostEqual(b["q/CPU 0/TCG"][1], 0.0, places=2)

    def test_too_short_or_no_samples(self):
        self.assertEqual(self.sampler().busy(100.0, 100.5), {})
        self.assertEqual(host_threads.Sampler(0).busy(0.0, 9.0), {})

    def test_table_per_driver(self):
        procs = [{"index": i + 1, "driver": d, "ok": ok,
                  "test": "throughput"}
                 for i, (d, ok) in enumerate([("upstream", True),
                                              ("ours", True),
                                              ("ours", False)])]
        busy = {"1": {"q/main": [0.7, 0.98]},
                "2": {"q/main": [0.6, 0.97], "q/CPU 1/TCG": [0.9, None]},
                "3": {"q/main": [0.1, 0.1]}}
        t = report.thread_table(procs, busy)
        self.assertIn("0.70 (0.98) - us/op", t)
        self.assertIn("0.60 (0.97)", t)
        self.assertIn("0.90 (-)", t)
        # 0.6 of a CPU for 4 s over 2M ops: 1.2 us of its time per op.
        t = report.thread_table(procs, busy, {"1": [0, 4], "2": [10, 14]},
                                {"throughput": 2000000})
        self.assertIn("0.60 (0.97) 1.200 us/op", t)
        self.assertNotIn("0.10", t)
        # ... and process by process: 0.7 of a CPU for 4 s over 2M ops.
        self.assertRegex(t, r"q/main +upstream 1\.400\n")
        self.assertRegex(t, r"q/main +ours +1\.200")
        self.assertNotIn("us/op of each process", report.thread_table(
            procs, busy))
        self.assertEqual(report.thread_table(procs, {}), "")


class PerfByDriver(unittest.TestCase):
    def test_split_by_window(self):
        spans = [(10.0, 12.0, "upstream"), (13.0, 15.0, "ours")]
        lines = ["   10.5: 4a1 aes (libnettle.so)",
                 "   11.9: 4a2 memmove (libc.so.6)",
                 "   12.5: 4a3 aes (libnettle.so)",     # between processes
                 "   14.0: 4a4 aes (libnettle.so)",
                 "garbage", "   x: 1 y"]
        prof = perf_by_driver.split(lines, spans)
        self.assertEqual(prof["upstream"]["aes (libnettle.so)"], 1)
        self.assertEqual(prof["upstream"]["memmove (libc.so.6)"], 1)
        self.assertEqual(prof["ours"]["aes (libnettle.so)"], 1)
        self.assertEqual(sum(prof["ours"].values()), 1)

    def test_per_process_by_ip(self):
        spans = [(10.0, 12.0, "3u"), (13.0, 15.0, "4o")]
        lines = ["   10.5: 5a1 [unknown] (/usr/bin/qemu)",
                 "   14.0: 5a1 [unknown] (/usr/bin/qemu)",
                 "   14.1: 5b7 [unknown] (/usr/bin/qemu)",
                 "   14.2: 4a4 aes (libnettle.so)"]
        prof = perf_by_driver.split(lines, spans, by_ip=True)
        self.assertEqual(prof["3u"]["[unknown] 5a1 (/usr/bin/qemu)"], 1)
        self.assertEqual(prof["4o"]["[unknown] 5b7 (/usr/bin/qemu)"], 1)
        t = perf_by_driver.table(prof, ["3u", "4o"], 2)
        self.assertEqual(t[1].split()[:2], ["1", "3"])
        self.assertEqual(t[2].split()[:2], ["1", "1"])
        self.assertIn("[unknown] 5a1", t[2])
        self.assertEqual(len(t), 4)


if __name__ == "__main__":
    unittest.main()
