#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The virtio-crypto PMD authors
#
# The PMD on the host over the software device model: DPDK's own
# cryptodev_virtio_autotest and vcrypto-test, one "PASS name" /
# "FAIL name: why" line each (vcrypto-test prints its own per case).
#   tests/hostpmd/host-suite.sh BUILDDIR [LOGDIR]
set -u
build=$1
log=${2:-$build}
mkdir -p "$log"

# EAL refuses plugins under a world-writable directory (a checkout in
# /tmp or /var/tmp): load a private copy.
stage=${VCRYPTO_CACHE:-/var/cache/virtio-crypto-pmd}/plugins/$$
mkdir -p "$stage"
chmod 755 "$stage"
trap 'rm -rf "$stage"' EXIT
cp "$build/tests/hostpmd/librte_crypto_virtio_model.so" "$stage/"
plugin="$stage/librte_crypto_virtio_model.so"
eal="--no-huge -m 1024 --iova-mode=va -l 0,1 --no-pci -d $plugin"
# A sanitized plugin in an unsanitized dpdk-test needs the runtime first.
preload=
if nm -D "$plugin" 2>/dev/null | grep -q ' U __asan_init'; then
	preload=$(gcc -print-file-name=libasan.so):$(gcc -print-file-name=libubsan.so)
fi

result() {	# result status name [why]
	if [ "$1" = 0 ]; then echo "PASS $2"; else echo "FAIL $2${3:+: $3}"; fi
}

echo cryptodev_virtio_autotest | ASAN_OPTIONS=detect_leaks=0 \
	LD_PRELOAD=$preload timeout 900 stdbuf -oL dpdk-test $eal \
	--vdev crypto_virtio_model0 >"$log/host-autotest.log" 2>&1
st=$?
failed=$(sed -n 's/.*Tests Failed :[[:space:]]*\([0-9]*\).*/\1/p' "$log/host-autotest.log" | tail -n1)
passed=$(sed -n 's/.*Tests Passed :[[:space:]]*\([0-9]*\).*/\1/p' "$log/host-autotest.log" | tail -n1)
echo "autotest on the model: passed ${passed:-?} failed ${failed:-?} exit $st"
[ $st = 0 ] && [ "${failed:-x}" = 0 ] && grep -q 'Test OK' "$log/host-autotest.log"
result $? cryptodev_virtio_autotest "exit $st, failed ${failed:-?}"

# Case names carry the model variant: each variant runs every case.
for variant in model:crypto_virtio_model0 \
	model-2q:crypto_virtio_model0,dataqueues=2,threads=2,event_idx=1 \
	model-direct:crypto_virtio_model0,offer_indirect=0,queue_size=256; do
	name=${variant%%:*}
	{ timeout 900 "$build/tests/guest/vcrypto-test" $eal \
		--vdev "${variant#*:}" -- --max-size 1048576 \
		2>"$log/vcrypto-test-$name.err"; echo $? >"$log/$name.status"; } |
		sed "s/^\(PASS\|FAIL\|SKIP\) /\1 $name:/"
	st=$(cat "$log/$name.status")
	result "$st" "vcrypto-test-$name" "exit status $st"
done
