#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Guest half of devtools/bench-compare: runs inside a vm-run guest started
# with --keep-upstream-pmd, so Debian's crypto_virtio plugin is present.
#
# Runs dpdk-test-crypto-perf process by process, alternating the drivers
# (upstream, ours, upstream, ours, ...), and leaves in /vm-out:
#   raw/NNN-<tag>.log        the process's stdout+stderr
#   raw/NNN-<tag>.ld         the dynamic loader's record of every
#                            librte_crypto_virtio it loaded (LD_DEBUG=files)
#   processes.tsv            one line per process: index, run, driver, test,
#                            warmup flag, exit status, wall seconds, check
#
# Which driver runs:
#   upstream: Debian's plugin sits in its plugin directory and is autoloaded
#             (no -d); ours is not on any path EAL looks at.
#   ours:     Debian's librte_crypto_virtio.so* are moved out of the plugin
#             directory (the guest root is a throw-away tmpfs overlay), and
#             ours is loaded with -d from a private copy under /run.
# Each process is then checked on the host from its .ld and .log files.
#
# Parameters (environment, set by bench-compare through vm-run --env):
#   BENCH_RUNS BENCH_SIZES BENCH_BURST BENCH_TESTS BENCH_CC_DELAY_MS
#   BENCH_TP_OPS BENCH_CC_OPS BENCH_TP_TIMEOUT BENCH_CC_TIMEOUT
#   BENCH_WARMUP BENCH_UPSTREAM_DIR  (BENCH_PCI BENCH_LCORES BENCH_PERF)
#   BENCH_OPTYPE: cipher-only (AES-CBC-128) or cipher-then-auth (with
#   HMAC-SHA1, 20-byte digest)
#   BENCH_OURS_DEVARGS: ",key=value..." after the device's address, ours
#   only (",packed_ring=1" with bench-compare --packed)
#   BENCH_MAIN_LCORE: sleep (every process, either driver, runs with
#   $OUT/pmd/libsleeping_main_lcore.so preloaded: its main lcore sleeps
#   while the worker runs) or spin
set -u

OUT=${VM_OUT:-/vm-out}
RAW=$OUT/raw
WORK=/run/bench-compare
STASH=$WORK/upstream-stash
OURS_DIR=$WORK/ours
OURS=$OURS_DIR/librte_crypto_virtio.so
UPDIR=$BENCH_UPSTREAM_DIR
PERF=${BENCH_PERF:-dpdk-test-crypto-perf}
PCI=${BENCH_PCI:-${VCRYPTO_PCI:-0000:00:03.0}}
LCORES=${BENCH_LCORES:-0,1}
TSV=$OUT/processes.tsv

say() { echo "bench-guest: $*"; }
die() { say "FATAL: $*"; exit 3; }

mkdir -p "$RAW" "$STASH" "$OURS_DIR" "$WORK/ld" || die "cannot create work directories"
chmod 0755 "$WORK" "$OURS_DIR"
# A private copy: EAL refuses -d paths through world-writable directories,
# and the build tree may be rebuilt while we run.
cp "$OUT/pmd/librte_crypto_virtio.so" "$OURS" || die "cannot copy our PMD"
chmod 0644 "$OURS"
PRELOAD=
if [ "${BENCH_MAIN_LCORE:-spin}" = sleep ]; then
	PRELOAD=$WORK/libsleeping_main_lcore.so
	cp "$OUT/pmd/libsleeping_main_lcore.so" "$PRELOAD" ||
		die "cannot copy the sleeping main lcore shim"
	chmod 0644 "$PRELOAD"
fi
ls "$UPDIR"/librte_crypto_virtio.so* >/dev/null 2>&1 ||
	die "Debian's crypto_virtio plugin is not in $UPDIR (was the guest booted with --keep-upstream-pmd?)"
command -v "$PERF" >/dev/null || die "$PERF not found"

upstream_visible() { ls "$UPDIR"/librte_crypto_virtio.so* >/dev/null 2>&1; }

hide_upstream() {
	if upstream_visible; then
		mv "$UPDIR"/librte_crypto_virtio.so* "$STASH"/ || return 1
	fi
	! upstream_visible
}

show_upstream() {
	if ! upstream_visible; then
		mv "$STASH"/librte_crypto_virtio.so* "$UPDIR"/ || return 1
	fi
	upstream_visible
}

now() { date +%s.%N; }

printf 'index\trun\tdriver\ttest\twarmup\trc\twall_s\tcheck\n' >"$TSV"
idx=0

# run_one RUN DRIVER TEST WARMUP SIZES TOTAL_OPS
run_one() {
	run=$1 drv=$2 test=$3 warm=$4 sizes=$5 ops=$6
	idx=$((idx + 1))
	tag=$(printf '%03d-%s-%s-%s' "$idx" "$run" "$drv" "$test")
	log=$RAW/$tag.log
	check=ok
	case $drv in
	upstream)
		show_upstream || check="upstream plugin could not be restored"
		eal="-l $LCORES -a $PCI"
		;;
	ours)
		hide_upstream || check="upstream plugin could not be moved aside"
		eal="-l $LCORES -a $PCI${BENCH_OURS_DEVARGS:-} -d $OURS --log-level=pmd.crypto.virtio:info"
		;;
	esac
	case $test in
	throughput)
		ptest="--ptest throughput"
		limit=$BENCH_TP_TIMEOUT
		;;
	cyclecount)
		ptest="--ptest pmd-cyclecount --pmd-cyclecount-delay-ms $BENCH_CC_DELAY_MS"
		limit=$BENCH_CC_TIMEOUT
		;;
	esac
	app="$ptest --devtype crypto_virtio --optype ${BENCH_OPTYPE:-cipher-only}"
	app="$app --cipher-algo aes-cbc --cipher-op encrypt --cipher-key-sz 16"
	if [ "${BENCH_OPTYPE:-cipher-only}" = cipher-then-auth ]; then
		app="$app --auth-algo sha1-hmac --auth-op generate"
		app="$app --auth-key-sz 64 --digest-sz 20"
	fi
	app="$app --cipher-iv-sz 16 --buffer-sz $sizes --burst-sz $BENCH_BURST"
	app="$app --total-ops $ops --csv-friendly"
	rm -f "$WORK"/ld/*
	{
		echo "# bench-compare process $idx: run $run, driver $drv, test $test, warmup $warm"
		printf '# plugin dir:'
		for f in "$UPDIR"/librte_crypto_virtio.so*; do
			[ -e "$f" ] && printf ' %s' "${f##*/}"
		done
		echo
		echo "# cmd: $PERF $eal -- $app"
	} >"$log"
	if [ "$check" != ok ]; then
		rc=126
		t0=$(now)
		t1=$t0
		echo "# not run: $check" >>"$log"
	else
		t0=$(now)
		# shellcheck disable=SC2086
		LD_PRELOAD=$PRELOAD LD_DEBUG=files LD_DEBUG_OUTPUT=$WORK/ld/ld \
			timeout -k 10 "$limit" \
			stdbuf -oL -eL "$PERF" $eal -- $app >>"$log" 2>&1
		rc=$?
		t1=$(now)
	fi
	cat "$WORK"/ld/ld.* 2>/dev/null | grep 'crypto_virtio' >"$RAW/$tag.ld"
	wall=$(echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }')
	echo "# exit status $rc after $wall s" >>"$log"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$idx" "$run" "$drv" "$test" \
		"$warm" "$rc" "$wall" "$check" >>"$TSV"
	note=
	[ "$warm" = 1 ] && note=" (warm-up)"
	say "process $idx: run $run $drv $test: exit $rc, $wall s$note"
}

say "start: runs $BENCH_RUNS, sizes $BENCH_SIZES, tests $BENCH_TESTS, ops $BENCH_TP_OPS (throughput) $BENCH_CC_OPS (cyclecount)"
if [ "$BENCH_WARMUP" = 1 ]; then
	# Warms the 9p page cache and the TCG translation of both drivers;
	# recorded but not counted.
	for drv in upstream ours; do
		run_one 0 $drv throughput 1 "$BENCH_SIZES" 2048
	done
fi
r=1
while [ "$r" -le "$BENCH_RUNS" ]; do
	for test in $(echo "$BENCH_TESTS" | tr ',' ' '); do
		ops=$BENCH_TP_OPS
		[ "$test" = cyclecount ] && ops=$BENCH_CC_OPS
		for drv in upstream ours; do
			run_one "$r" $drv "$test" 0 "$BENCH_SIZES" "$ops"
		done
	done
	r=$((r + 1))
done
show_upstream >/dev/null 2>&1
say "done"
exit 0
