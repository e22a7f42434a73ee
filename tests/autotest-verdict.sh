# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The virtio-crypto PMD authors
#
# Sourced by the host and guest suites: the verdict on one run of a DPDK
# cryptodev autotest (cryptodev_virtio_autotest, or the asymmetric suite
# run through tests/asym-autotest) from its log.
#   autotest_verdict LOG EXIT_STATUS [EXCUSED]
# EXCUSED: names of cases whose failure is a known fault of DPDK 22.11's
# test, not of the driver, or a gap of the device that the list names
# (spaces or newlines between names). Returns 0 if the run passed; sets
# autotest_passed, autotest_failed and autotest_why (for the FAIL line).
autotest_verdict() {
	local log=$1 st=$2 excused unexcused
	excused=" $(echo ${3:-}) "
	autotest_failed=$(sed -n 's/.*Tests Failed :[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -n1)
	autotest_passed=$(sed -n 's/.*Tests Passed :[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -n1)
	unexcused=$(sed -n 's/.*TestCase \[ *[0-9]*\] : \([^ ]*\) failed$/\1/p' "$log" |
		while read -r c; do
			case "$excused" in
			*" $c "*) echo "# autotest: $c failed (excused)" >&2 ;;
			*) echo "$c" ;;
			esac
		done | tr '\n' ' ' | sed 's/ $//')
	autotest_why="exit $st, failed ${autotest_failed:-?}${unexcused:+: $unexcused}"
	if [ "$excused" = "  " ]; then
		[ "$st" = 0 ] && [ "${autotest_failed:-x}" = 0 ] &&
			grep -q 'Test OK' "$log"
	else
		[ "$st" = 0 ] && [ -n "${autotest_failed:-}" ] && [ -z "$unexcused" ]
	fi
}

# DPDK 22.11's cryptodev_openssl_asym_autotest (app/test/test_cryptodev_asym.c)
# on our driver: cases that fail through a fault of the test, on any device.
# - test_dsa, test_dh_key_generation: no capability check; a session create
#   that says ENOTSUP (the driver does RSA only) becomes TEST_SKIPPED in the
#   helper, and the case asserts that the helper returned 0.
# - test_one_by_one: it counts every vector that skips as a failure, and
#   the MODEX and MODINV vectors skip (not claimed). Its RSA vector (raw
#   padding) passes on the model; the host suite checks it on its own.
asym_autotest_excused="test_dsa test_dh_key_generation test_one_by_one"

# The same on QEMU 7.2's builtin device, which also fails (INVALID_ARGS):
# - test_rsa_sign_verify, test_rsa_sign_verify_crt: they sign with
#   PKCS#1 v1.5 and no hash (padding.hash left 0), that is, without a
#   DigestInfo; nettle, under QEMU, signs only with one;
# - test_one_by_one's RSA vector: raw padding, which nettle lacks.
asym_autotest_excused_qemu="$asym_autotest_excused
 test_rsa_sign_verify test_rsa_sign_verify_crt"

# The line tests/asym-autotest's shim prints once it has made the asym
# suite take our driver: a run without it tested Debian's crypto_openssl.
asym_autotest_aliased() {	# asym_autotest_aliased LOG
	grep -q '^openssl_is_virtio: driver crypto_openssl is crypto_virtio (id [0-9]' "$1"
}
