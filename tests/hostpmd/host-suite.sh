#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The virtio-crypto PMD authors
#
# The PMD on the host over the software device model: DPDK's own
# cryptodev_virtio_autotest, DPDK's asymmetric cases and vcrypto-test, one
# "PASS name" / "FAIL name: why" line each (vcrypto-test prints its own
# per case).
#   tests/hostpmd/host-suite.sh BUILDDIR [LOGDIR]
# VCRYPTO_HOST_ONLY="run ..." does only the named runs, of: autotest,
# autotest-strict, asym-autotest, model, model-2q, model-direct,
# model-packed, model-packed-direct, model-strict, perf-qps, mp.
#
# asym-autotest: DPDK 22.11 has no asymmetric autotest for crypto_virtio;
# cryptodev_openssl_asym_autotest runs on the model with the shim of
# tests/asym-autotest preloaded, which makes that suite take crypto_virtio
# for crypto_openssl. The cases that fail through faults of DPDK's test
# are excused (asym_autotest_excused in tests/autotest-verdict.sh); at
# least asym_min_pass (5) cases must pass, and the RSA vector of
# test_one_by_one (raw padding, exponent and quintuple keys) must pass on
# its own, since that case as a whole is excused.
#
# The -strict runs use a model that frames data requests as DPDK 22.11's
# vhost-user back-end reads them and makes only the sessions such a device
# makes (strict=vhost,masks=vhost); a request breaking a framing rule stops
# the device, and the FAIL line names the rules ("vcdev: strict vhost
# violation [rule]" in the log says more).
set -u
build=$1
log=${2:-$build}
only=${VCRYPTO_HOST_ONLY:-}
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/autotest-verdict.sh"
mkdir -p "$log"

# EAL refuses plugins under a world-writable directory (a checkout in
# /tmp or /var/tmp): load a private copy.
stage=${VCRYPTO_CACHE:-/var/cache/virtio-crypto-pmd}/plugins/$$
mkdir -p "$stage"
chmod 755 "$stage"
huge="$stage/huge"
trap 'umount "$huge" 2>/dev/null; rm -rf "$stage"' EXIT
cp "$build/tests/hostpmd/librte_crypto_virtio_model.so" "$stage/"
plugin="$stage/librte_crypto_virtio_model.so"
eal="--no-huge -m 1024 --iova-mode=va -l 0,1 --no-pci -d $plugin"
# A sanitized plugin in an unsanitized dpdk-test needs the runtime first.
preload=
if nm -D "$plugin" 2>/dev/null | grep -q ' U __asan_init'; then
	preload=$(gcc -print-file-name=libasan.so):$(gcc -print-file-name=libubsan.so)
fi
strict=crypto_virtio_model0,strict=vhost,masks=vhost

result() {	# result status name [why]
	if [ "$1" = 0 ]; then echo "PASS $2"; else echo "FAIL $2${3:+: $3}"; fi
}

wanted() {	# wanted run: is it one to do
	[ -z "$only" ] && return 0
	case " $only " in *" $1 "*) return 0 ;; esac
	return 1
}

# The strict vhost rules a run broke, from its log, as "; strict vhost
# violations: rule ...", and the model's own account of the first few
# (it logs each rule once) as "# " lines.
strict_why() {	# strict_why logfile
	grep 'strict vhost violation \[' "$1" | head -n 3 | sed 's/^/# /'
	rules=$(sed -n 's/.*strict vhost violation \[\([a-z-]*\)\].*/\1/p' "$1" |
		sort -u | tr '\n' ' ' | sed 's/ $//')
	why=${rules:+; strict vhost violations: $rules}
}

autotest() {	# autotest run vdev
	name=cryptodev_virtio_autotest
	[ "$1" = autotest ] || name=$name-${1#autotest-}
	out="$log/host-$1.log"
	echo cryptodev_virtio_autotest | ASAN_OPTIONS=detect_leaks=0 \
		LD_PRELOAD=$preload timeout 900 stdbuf -oL dpdk-test $eal \
		--vdev "$2" >"$out" 2>&1
	st=$?
	autotest_verdict "$out" $st "${3:-}"
	ok=$?
	echo "autotest on the model ($1): passed ${autotest_passed:-?} failed ${autotest_failed:-?} exit $st"
	strict_why "$out"
	result $ok "$name" "$autotest_why$why"
}

# DPDK 22.11's test_MD5_HMAC_* turn a session create that says ENOTSUP
# (a device that performs HMAC-MD5 only chained, as vhost-user does) into
# a failure, where every other suite skips.
md5_excused="test_MD5_HMAC_generate_case_1 test_MD5_HMAC_verify_case_1
 test_MD5_HMAC_generate_case_2 test_MD5_HMAC_verify_case_2"

# DPDK 22.11's test_mixed_auth_cipher_sgl() runs the in-place "digest
# encrypted" layout (the digest inside the cipher region) without checking
# RTE_CRYPTODEV_FF_DIGEST_ENCRYPTED, which this driver does not claim, as
# every other digest-encrypted case does; the driver fails the op with
# INVALID_ARGS.
digest_enc_excused="test_aes_cmac_aes_ctr_digest_enc_test_case_1_sgl"

wanted autotest && autotest autotest crypto_virtio_model0 "$digest_enc_excused"
wanted autotest-strict && autotest autotest-strict $strict \
	"$md5_excused $digest_enc_excused"

# DPDK's asymmetric cases (see the header). What passes on the model:
# test_capability, and test_rsa_enc_dec and test_rsa_sign_verify, each
# with exponent and with quintuple keys.
asym_min_pass=5
asym_autotest() {
	out="$log/host-asym-autotest.log"
	cp "$build/tests/asym-autotest/libopenssl_is_virtio.so" "$stage/"
	echo cryptodev_openssl_asym_autotest | ASAN_OPTIONS=detect_leaks=0 \
		LD_PRELOAD=${preload:+$preload:}$stage/libopenssl_is_virtio.so \
		timeout 600 stdbuf -oL dpdk-test $eal \
		--vdev crypto_virtio_model0 >"$out" 2>&1
	st=$?
	asym_autotest_aliased "$out"
	aliased=$?
	autotest_verdict "$out" $st "$asym_autotest_excused"
	ok=$?
	echo "asym autotest on the model: passed ${autotest_passed:-?} failed ${autotest_failed:-?} exit $st"
	[ $aliased = 0 ] && [ $ok = 0 ]
	result $? asym-autotest "$autotest_why$([ $aliased = 0 ] ||
		echo '; the shim did not take crypto_openssl for crypto_virtio')"
	[ $aliased = 0 ] && [ "${autotest_passed:-0}" -ge $asym_min_pass ]
	result $? asym-autotest-min-pass \
		"${autotest_passed:-0} passed, want >= $asym_min_pass"
	grep -q '^ *[0-9]*) TestCase RSA Encryption Decryption .* EXP, QT PASS$' "$out"
	result $? asym-autotest-rsa-vector \
		"test_one_by_one's RSA vector did not pass (see $out)"
}
wanted asym-autotest && asym_autotest

# Case names carry the model variant: each variant runs every case.
for variant in model:crypto_virtio_model0 \
	model-2q:crypto_virtio_model0,dataqueues=2,threads=2,event_idx=1 \
	model-direct:crypto_virtio_model0,offer_indirect=0,queue_size=256 \
	model-packed:crypto_virtio_model0,offer_packed=1,packed_ring=1,dataqueues=2,threads=2 \
	model-packed-direct:crypto_virtio_model0,offer_packed=1,packed_ring=1,offer_indirect=0,queue_size=256 \
	model-strict:$strict; do
	name=${variant%%:*}
	wanted "$name" || continue
	{ timeout 900 "$build/tests/guest/vcrypto-test" $eal \
		--vdev "${variant#*:}" -- --max-size 1048576 \
		2>"$log/vcrypto-test-$name.err"; echo $? >"$log/$name.status"; } |
		sed "s/^\(PASS\|FAIL\|SKIP\) /\1 $name:/"
	st=$(cat "$log/$name.status")
	strict_why "$log/vcrypto-test-$name.err"
	result "$st" "vcrypto-test-$name" "exit status $st$why"
done

# Several queue pairs at once (QEMU 7.2 gives a vhost-user back-end only
# its first data queue, so only the model shows this): crypto-perf with
# one worker lcore per queue pair, cipher and chained, every op back.
perf_qps() {	# perf_qps name qps vdev optype-options...
	name=$1 qps=$2 vdev=$3
	shift 3
	lcores=0@0
	for i in $(seq 1 "$qps"); do lcores="$lcores,$i@$((i % 2))"; done
	out="$log/perf-$name.log"
	LD_PRELOAD=$preload ASAN_OPTIONS=detect_leaks=0 timeout 600 \
		dpdk-test-crypto-perf --no-huge -m 1024 --iova-mode=va \
		--lcores "$lcores" --no-pci -d "$plugin" --vdev "$vdev" \
		--log-level=pmd.crypto.virtio:info -- \
		--devtype crypto_virtio --ptest throughput --buffer-sz 64,2048 \
		--burst-sz 32 --total-ops 20000 --csv-friendly \
		--cipher-algo aes-cbc --cipher-op encrypt --cipher-key-sz 16 \
		--cipher-iv-sz 16 "$@" >"$out" 2>&1
	st=$?
	rows=$(grep -cE '^[0-9]+,[0-9]+,[0-9]+,20000,20000,' "$out")
	[ $st = 0 ] && [ "$rows" = $((2 * qps)) ]
	result $? "crypto-perf-$name" "exit $st, $rows of $((2 * qps)) runs complete"
}
if wanted perf-qps; then
	for q in 2 4; do
		perf_qps model-aes-cbc-${q}qp $q \
			crypto_virtio_model0,dataqueues=4 --optype cipher-only
		perf_qps model-aes-cbc-sha1-${q}qp $q \
			crypto_virtio_model0,dataqueues=4 --optype cipher-then-auth \
			--auth-algo sha1-hmac --auth-op generate --auth-key-sz 64 \
			--digest-sz 20
	done
	perf_qps strict-aes-cbc-sha1-2qp 2 "$strict,dataqueues=4" \
		--optype cipher-then-auth --auth-algo sha1-hmac \
		--auth-op generate --auth-key-sz 64 --digest-sz 20
	perf_qps packed-aes-cbc-sha1-2qp 2 \
		crypto_virtio_model0,dataqueues=4,offer_packed=1,packed_ring=1 \
		--optype cipher-then-auth --auth-algo sha1-hmac \
		--auth-op generate --auth-key-sz 64 --digest-sz 20
	# ... and that was the packed ring: VIRTIO_F_RING_PACKED is bit 34.
	neg=$(sed -n 's/.*features offered 0x[0-9a-f]* negotiated \(0x[0-9a-f]*\).*/\1/p' \
		"$log/perf-packed-aes-cbc-sha1-2qp.log" | head -n1)
	[ -n "$neg" ] && [ $(((neg >> 34) & 1)) = 1 ]
	result $? packed-ring-negotiated "negotiated ${neg:-nothing}"
fi

# DPDK multi-process over the model, which (unlike QEMU 7.2's devices) has
# several data queues (tests/guest/mp_qp.c): "share", a secondary drives
# queue pair 1 while the primary drives queue pair 0, both checked against
# OpenSSL; "close", the primary's close fails while the secondary has ops
# in flight, succeeds after, and the primary exits under the secondary.
# Processes share memory through hugepages: a hugetlbfs of our own, and
# 2 MB pages added if fewer than 300 are free (root; left allocated).
# Plain and under ASan/UBSan.
hugepages() {
	free=$(sed -n 's/^HugePages_Free: *//p' /proc/meminfo)
	total=$(sed -n 's/^HugePages_Total: *//p' /proc/meminfo)
	[ "${free:-0}" -ge 300 ] ||
		echo $((total + 300 - ${free:-0})) >/proc/sys/vm/nr_hugepages
	mkdir -p "$huge" && mount -t hugetlbfs nodev "$huge" &&
		[ "$(sed -n 's/^HugePages_Free: *//p' /proc/meminfo)" -ge 300 ]
}

mp_run() {	# mp_run scenario name
	out="$log/mp-$1"
	# A secondary maps the shared memory at the primary's addresses: a
	# base far from where libraries and ASan's shadow land, so it can.
	mpeal="--iova-mode=va --no-pci -d $plugin --file-prefix vcrypto-host-mp-$$
		--huge-dir $huge --base-virtaddr=0x500000000000"
	# shellcheck disable=SC2086
	LD_PRELOAD=$preload ASAN_OPTIONS=detect_leaks=0 timeout 300 \
		"$build/tests/guest/vcrypto-mp-qp" -l 0 -m 256 $mpeal \
		--vdev crypto_virtio_model0,dataqueues=2 -- primary 2048 $1 \
		>"$out-primary.log" 2>&1 &
	primary=$!
	for i in $(seq 240); do
		grep -q "waiting for the secondary" "$out-primary.log" && break
		kill -0 $primary 2>/dev/null || break
		sleep 0.5
	done
	# shellcheck disable=SC2086
	LD_PRELOAD=$preload ASAN_OPTIONS=detect_leaks=0 timeout 300 \
		"$build/tests/guest/vcrypto-mp-qp" -l 1 $mpeal \
		--proc-type=secondary -- secondary 2048 $1 \
		>"$out-secondary.log" 2>&1
	sst=$?
	wait $primary
	pst=$?
	grep -h -E "^(primary|secondary)" "$out-secondary.log" "$out-primary.log"
	[ $sst = 0 ] && [ $pst = 0 ] && grep -q "2 queue pair(s)" "$out-primary.log"
	result $? "$2" "secondary exit $sst, primary exit $pst (see $out-*.log)"
}
if wanted mp; then
	if hugepages; then
		mp_run share mp-secondary-own-queue-pair
		mp_run close mp-primary-closes-under-secondary
	else
		result 1 mp-hugepages "no 300 free 2 MB hugepages or no hugetlbfs"
	fi
fi
