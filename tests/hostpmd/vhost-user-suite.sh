#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The virtio-crypto PMD authors
#
# The PMD on the host over a vhost-user socket (the crypto_virtio_user
# vdev), no VM: DPDK's vhost-user crypto back-end (devtools/vhost-user,
# crypto_aesni_mb behind it) on one end, vcrypto-test, DPDK's
# cryptodev_virtio_autotest, crypto-perf and the reconnect test on the
# other. One "PASS name" / "FAIL name: why" line each.
#   tests/hostpmd/vhost-user-suite.sh BUILDDIR [LOGDIR]
# Both session message layouts are run: DPDK 22.11's (our default, what
# the unpatched library reads) and QEMU 7.1's (session_layout=qemu71).
set -u
build=$1
log=${2:-$build}
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/autotest-verdict.sh"
mkdir -p "$log"

result() {	# result status name [why]
	if [ "$1" = 0 ]; then echo "PASS $2"; else echo "FAIL $2${3:+: $3}"; fi
}

backend=$("$top/devtools/vhost-user/build" 2>"$log/vhost-user-build.log" |
	tail -n1)
if [ ! -x "$backend" ]; then
	result 1 vhost-user-backend-build "see $log/vhost-user-build.log"
	exit 0
fi

# EAL refuses plugins under a world-writable directory: a private copy.
stage=${VCRYPTO_CACHE:-/var/cache/virtio-crypto-pmd}/plugins/user-$$
mkdir -p "$stage"
chmod 700 "$stage"
bpid=
huge="$stage/huge"
trap 'stop_backend; umount "$huge" 2>/dev/null; rm -rf "$stage"' EXIT
cp "$build/drivers/crypto/virtio/librte_crypto_virtio.so" "$stage/"
plugin="$stage/librte_crypto_virtio.so"
preload=
if nm -D "$plugin" 2>/dev/null | grep -q ' U __asan_init'; then
	preload=$(gcc -print-file-name=libasan.so):$(gcc -print-file-name=libubsan.so)
fi
sock="$stage/crypto.sock"
# Our memory is a memfd (--no-huge), which the back-end maps; IOVA as VA.
eal="--no-huge -m 512 --iova-mode=va -l 0,1 --no-pci -d $plugin
 --file-prefix vcrypto-user-$$"

# What the same back-end gives a guest (devtools/run-tests): chains, no
# MD5 HMAC without a cipher (DPDK 22.11's MD5 cases fail such a device).
min_pass=75
min_autotest=70
excused="test_MD5_HMAC_generate_case_1 test_MD5_HMAC_verify_case_1
 test_MD5_HMAC_generate_case_2 test_MD5_HMAC_verify_case_2
 test_aes_cmac_aes_ctr_digest_enc_test_case_1_sgl"

# One worker lcore polls every queue; both lcores may run on either CPU.
backend_args="--no-huge -m 256 --no-shconf --no-telemetry --no-pci
 --file-prefix vcrypto-user-be-$$ --lcores 0@(0,1),1@(0,1)
 --vdev crypto_aesni_mb -- --config (1,0,0) --guest-polling
 --socket-file 1,$sock"

start_backend() {	# start_backend layout logname [--client]
	rm -f "$sock"
	# shellcheck disable=SC2086
	VHOST_CRYPTO_SESSION_LAYOUT=$1 "$backend" $backend_args ${3:-} \
		>"$log/$2" 2>&1 </dev/null &
	bpid=$!
	# A client back-end connects to us: nothing to wait for.
	[ -z "${3:-}" ] || return 0
	for _ in $(seq 200); do
		[ -S "$sock" ] && return 0
		kill -0 $bpid 2>/dev/null || break
		sleep 0.05
	done
	return 1
}

stop_backend() {
	[ -n "$bpid" ] || return 0
	kill -TERM $bpid 2>/dev/null
	for _ in $(seq 50); do
		kill -0 $bpid 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL $bpid 2>/dev/null
	wait $bpid 2>/dev/null
	bpid=
}

# The back-end must have parsed every request it was sent.
no_rejects() {	# no_rejects name logname
	! grep -E 'incorrect descriptor|Failed to process|Invalid descriptor' \
		"$log/$2" >/dev/null
	result $? "$1-no-rejected-request" "see $log/$2"
}

vcrypto_test() {	# vcrypto_test name vdev-options
	out="$log/vcrypto-test-$1"
	# shellcheck disable=SC2086
	LD_PRELOAD=$preload ASAN_OPTIONS=detect_leaks=0 timeout 600 \
		"$build/tests/guest/vcrypto-test" $eal \
		--vdev "crypto_virtio_user0,path=$sock$2" -- \
		>"$out.log" 2>"$out.err"
	st=$?
	sed "s/^\(PASS\|FAIL\|SKIP\) /\1 $1:/" "$out.log" | grep -v '^SKIP'
	line=$(tail -n1 "$out.log")
	passed=$(echo "$line" | sed -n 's/.*: \([0-9]*\) passed,.*/\1/p')
	failed=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	echo "$1: $line"
	[ $st = 0 ] && [ "${failed:-x}" = 0 ]
	result $? "vcrypto-test-$1" "exit $st, ${failed:-?} failed"
	[ "${passed:-0}" -ge $min_pass ]
	result $? "vcrypto-test-$1-min-pass" "${passed:-0} passed, want >= $min_pass"
}

autotest() {	# autotest name
	out="$log/autotest-$1.log"
	# shellcheck disable=SC2086
	echo cryptodev_virtio_autotest | LD_PRELOAD=$preload \
		ASAN_OPTIONS=detect_leaks=0 timeout 900 stdbuf -oL dpdk-test \
		$eal --vdev "crypto_virtio_user0,path=$sock" >"$out" 2>&1
	st=$?
	autotest_verdict "$out" $st "$excused"
	ok=$?
	echo "autotest over vhost-user: passed ${autotest_passed:-?} failed ${autotest_failed:-?} exit $st"
	result $ok "autotest-$1" "$autotest_why"
	[ "${autotest_passed:-0}" -ge $min_autotest ]
	result $? "autotest-$1-min-pass" \
		"${autotest_passed:-0} passed, want >= $min_autotest"
}

# crypto-perf, every size of the issue, every op back: one worker lcore
# per queue pair.
perf() {	# perf name queues optype-options...
	name=$1 qps=$2
	shift 2
	lcores=0@0
	for i in $(seq 1 "$qps"); do lcores="$lcores,$i@$((i % 2))"; done
	out="$log/perf-$name.log"
	LD_PRELOAD=$preload ASAN_OPTIONS=detect_leaks=0 timeout 600 \
		dpdk-test-crypto-perf --no-huge -m 512 --iova-mode=va \
		--lcores "$lcores" --no-pci -d "$plugin" \
		--file-prefix "vcrypto-user-$$" \
		--vdev "crypto_virtio_user0,path=$sock,queues=$qps" \
		--log-level=pmd.crypto.virtio:info -- \
		--devtype crypto_virtio_user --ptest throughput \
		--buffer-sz 64,256,1024,2048 --burst-sz 32 --total-ops 50000 \
		--csv-friendly --cipher-algo aes-cbc --cipher-op encrypt \
		--cipher-key-sz 16 --cipher-iv-sz 16 "$@" >"$out" 2>&1
	st=$?
	rows=$(grep -cE '^[0-9]+,[0-9]+,[0-9]+,50000,50000,' "$out")
	[ $st = 0 ] && [ "$rows" = $((4 * qps)) ]
	result $? "crypto-perf-$name" "exit $st, $rows of $((4 * qps)) runs complete"
}
# tests/hostpmd/user_reconnect.c: it starts, kills and restarts the
# back-end itself.
reconnect() {
	out="$log/reconnect.log"
	rm -f "$sock"
	# shellcheck disable=SC2086
	VHOST_CRYPTO_SESSION_LAYOUT=dpdk2211 LD_PRELOAD=$preload \
		ASAN_OPTIONS=detect_leaks=0 timeout 300 \
		"$build/tests/hostpmd/vcrypto-user-reconnect" $eal \
		--vdev "crypto_virtio_user0,path=$sock,op_timeout_ms=1000" -- \
		"$sock" "$backend" $backend_args >"$out" 2>&1 </dev/null
	st=$?
	grep '^reconnect:' "$out"
	[ $st = 0 ] && [ "$(grep -c '^reconnect: ok' "$out")" = 8 ]
	result $? reconnect "exit $st (see $out)"
}

# Memory EAL adds while the device runs (dynamic memory mode, huge pages
# in one file per segment list): the back-end must get a new memory table
# (user_reconnect.c "grow"). A hugetlbfs of our own; 2 MB pages added if
# fewer than 64 are free (root; left allocated).
grow() {
	free=$(sed -n 's/^HugePages_Free: *//p' /proc/meminfo)
	total=$(sed -n 's/^HugePages_Total: *//p' /proc/meminfo)
	[ "${free:-0}" -ge 64 ] ||
		echo $((total + 64 - ${free:-0})) >/proc/sys/vm/nr_hugepages
	if ! mkdir -p "$huge" || ! mount -t hugetlbfs nodev "$huge"; then
		result 1 memory-added-while-running "no hugetlbfs"
		return
	fi
	out="$log/grow.log"
	rm -f "$sock"
	# shellcheck disable=SC2086
	VHOST_CRYPTO_SESSION_LAYOUT=dpdk2211 LD_PRELOAD=$preload \
		ASAN_OPTIONS=detect_leaks=0 timeout 300 \
		"$build/tests/hostpmd/vcrypto-user-reconnect" --huge-dir "$huge" \
		--single-file-segments --iova-mode=va -l 0,1 --no-pci \
		-d "$plugin" --file-prefix "vcrypto-user-grow-$$" \
		--vdev "crypto_virtio_user0,path=$sock" -- \
		grow "$sock" "$backend" $backend_args >"$out" 2>&1 </dev/null
	st=$?
	umount "$huge"
	grep '^reconnect:' "$out"
	[ $st = 0 ] && [ "$(grep -c '^reconnect: ok' "$out")" = 4 ]
	result $? memory-added-while-running "exit $st (see $out)"
}

chain="--optype cipher-then-auth --auth-algo sha1-hmac --auth-op generate
 --auth-key-sz 64 --digest-sz 20"

if start_backend dpdk2211 backend-dpdk2211.log; then
	vcrypto_test user ""
	autotest user
	perf aes-cbc 1 --optype cipher-only
	# shellcheck disable=SC2086
	perf aes-cbc-sha1 1 $chain
	# shellcheck disable=SC2086
	perf aes-cbc-sha1-2q 2 $chain
	stop_backend
	no_rejects user backend-dpdk2211.log
else
	result 1 vhost-user-backend "did not listen on $sock (see $log/backend-dpdk2211.log)"
fi

if start_backend qemu71 backend-qemu71.log; then
	vcrypto_test user-qemu71 ",session_layout=qemu71"
	stop_backend
	no_rejects user-qemu71 backend-qemu71.log
else
	result 1 vhost-user-backend-qemu71 "did not listen (see $log/backend-qemu71.log)"
fi

reconnect
grow

# Server mode: the driver listens, the back-end connects (--client of the
# example, devtools/vhost-user/07-*.patch; it retries every second).
if start_backend dpdk2211 backend-server.log --client; then
	vcrypto_test user-server ",server=1,ctrl_timeout_ms=5000"
	[ ! -e "$sock" ]
	result $? user-server-socket-removed "$sock left behind"
	stop_backend
	no_rejects user-server backend-server.log
fi
