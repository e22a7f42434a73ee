#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The virtio-crypto PMD authors
#
# Guest half of devtools/bench-instructions (a vm-run guest booted with
# --keep-upstream-pmd): runs dpdk-test-crypto-perf under callgrind for each
# driver and op count, and prints one line per run:
#   INSTR <driver> <ops> <instructions in the PMD's .so> <enqueued> <dequeued>
# Parameters (environment): INSTR_PMD (our plugin), INSTR_OPS ("N1 N2"),
# INSTR_SIZE, INSTR_BURST, INSTR_OPTYPE (cipher-only|cipher-then-auth),
# INSTR_DRIVERS ("upstream ours"), INSTR_KEEP (keep the callgrind files,
# with per-instruction costs), INSTR_OURS_DEVARGS (",key=value..." after
# the device's address, ours only).
set -u
out=${VM_OUT:-/vm-out}
pci=${VCRYPTO_PCI:-0000:00:03.0}
updir=$(ls -d /usr/lib/x86_64-linux-gnu/dpdk/pmds-* | head -n1)
stash=/run/instr/stash
mkdir -p "$stash"
ours=$("$(dirname "$0")/../vm/stage-pmd" "$INSTR_PMD") || exit 3

algo="--cipher-algo aes-cbc --cipher-op encrypt --cipher-key-sz 16 --cipher-iv-sz 16"
if [ "$INSTR_OPTYPE" = cipher-then-auth ]; then
	algo="$algo --auth-algo sha1-hmac --auth-op generate --auth-key-sz 64 --digest-sz 20"
fi

# The .so whose functions count: upstream is autoloaded from its plugin
# directory, ours comes with -d while upstream's is moved away.
run() {	# run driver ops
	local drv=$1 ops=$2 dflag= obj cg=$out/callgrind.$1.$2 dev=$pci
	if [ "$drv" = ours ]; then
		mv "$updir"/librte_crypto_virtio.so* "$stash"/ 2>/dev/null
		dflag="-d $ours"
		obj=$ours
		dev=$pci${INSTR_OURS_DEVARGS:-}
	else
		mv "$stash"/librte_crypto_virtio.so* "$updir"/ 2>/dev/null
		obj=$(readlink -f "$updir/librte_crypto_virtio.so")
	fi
	valgrind --tool=callgrind ${INSTR_KEEP:+--dump-instr=yes} \
		--callgrind-out-file="$cg" \
		dpdk-test-crypto-perf -l 0,1 -a "$dev" $dflag -- \
		--devtype crypto_virtio --ptest throughput \
		--optype "$INSTR_OPTYPE" $algo --buffer-sz "$INSTR_SIZE" \
		--burst-sz "$INSTR_BURST" --total-ops "$ops" --csv-friendly \
		>"$out/instr.$drv.$ops.log" 2>&1
	# Exclusive cost of every function of that object.
	callgrind_annotate --inclusive=no --threshold=100 "$cg" 2>/dev/null |
		grep -F "[$obj]" >"$out/annotate.$drv.$ops.txt"
	local sum=$(awk '{ gsub(",", "", $1); s += $1 } END { print s + 0 }' \
		"$out/annotate.$drv.$ops.txt")
	local row=$(grep -E '^[0-9]+,[0-9]+,[0-9]+,' "$out/instr.$drv.$ops.log" | tail -n1)
	local enq=$(echo "$row" | cut -d, -f4) deq=$(echo "$row" | cut -d, -f5)
	echo "INSTR $drv $ops $sum ${enq:-0} ${deq:-0}"
	[ -n "${INSTR_KEEP:-}" ] || rm -f "$cg"
}

for ops in $INSTR_OPS; do
	for drv in $INSTR_DRIVERS; do
		run "$drv" "$ops"
	done
done
