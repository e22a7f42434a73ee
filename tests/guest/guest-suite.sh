#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The virtio-crypto PMD authors
#
# Runs inside the test guest (devtools/vm-run): every guest test against
# our PMD, one "PASS name" / "FAIL name: why" line each.
#   tests/guest/guest-suite.sh PMD.so BUILDDIR
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
pmd=$("$top/devtools/vm/stage-pmd" "$1") || exit 1
build=$2
dev=${VCRYPTO_PCI:-0000:00:03.0}
eal="-l 0,1 -a $dev -d $pmd"
log=${VM_OUT:-/tmp}

result() {	# result status name [why]
	if [ "$1" = 0 ]; then echo "PASS $2"; else echo "FAIL $2${3:+: $3}"; fi
}

# Our PMD must be the only crypto_virtio: Debian's plugin is gone.
upstream=$(ls /usr/lib/x86_64-linux-gnu/dpdk/pmds-*/librte_crypto_virtio.so* \
	2>/dev/null | head -n1)
[ -z "$upstream" ]
result $? upstream-pmd-absent "$upstream present"

# Known-answer and bad-input tests: they print their own PASS/FAIL lines.
timeout 600 "$build/tests/guest/vcrypto-test" $eal -- 2>"$log/vcrypto-test.err"
st=$?
result $st vcrypto-test "exit status $st"

# DPDK's own test suite for this driver name.
echo cryptodev_virtio_autotest |
	timeout 900 stdbuf -oL dpdk-test $eal >"$log/autotest.log" 2>&1
st=$?
failed=$(sed -n 's/.*Tests Failed :[[:space:]]*\([0-9]*\).*/\1/p' "$log/autotest.log" | tail -n1)
passed=$(sed -n 's/.*Tests Passed :[[:space:]]*\([0-9]*\).*/\1/p' "$log/autotest.log" | tail -n1)
echo "autotest: passed ${passed:-?} failed ${failed:-?} exit $st"
[ $st = 0 ] && [ "${failed:-x}" = 0 ] && grep -q 'Test OK' "$log/autotest.log"
result $? cryptodev_virtio_autotest "exit $st, failed ${failed:-?}"

# A short crypto-perf run: every op enqueued comes back.
timeout 600 dpdk-test-crypto-perf $eal -- --devtype crypto_virtio \
	--ptest throughput --optype cipher-only --cipher-algo aes-cbc \
	--cipher-op encrypt --cipher-key-sz 16 --cipher-iv-sz 16 \
	--buffer-sz 64,256,1024,2048 --burst-sz 32 --total-ops 20000 \
	--csv-friendly >"$log/perf.log" 2>&1
st=$?
# CSV rows: lcore,size,burst,enqueued,dequeued,...
rows=$(grep -cE '^[0-9]+,[0-9]+,[0-9]+,20000,20000,' "$log/perf.log")
grep -E '^[0-9]+,[0-9]+,' "$log/perf.log"
[ $st = 0 ] && [ "$rows" = 4 ]
result $? crypto-perf-aes-cbc "exit $st, $rows of 4 sizes complete"
