# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The virtio-crypto PMD authors
#
# Sourced by the host and guest suites: the verdict on one run of DPDK's
# cryptodev_virtio_autotest from its log.
#   autotest_verdict LOG EXIT_STATUS [EXCUSED]
# EXCUSED: names of cases whose failure is a known fault of DPDK 22.11's
# test, not of the driver (spaces or newlines between names). Returns 0
# if the run passed; sets autotest_passed, autotest_failed and
# autotest_why (for the FAIL line).
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
		done)
	autotest_why="exit $st, failed ${autotest_failed:-?}${unexcused:+: $unexcused}"
	if [ "$excused" = "  " ]; then
		[ "$st" = 0 ] && [ "${autotest_failed:-x}" = 0 ] &&
			grep -q 'Test OK' "$log"
	else
		[ "$st" = 0 ] && [ -n "${autotest_failed:-}" ] && [ -z "$unexcused" ]
	fi
}
