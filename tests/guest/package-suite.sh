#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The virtio-crypto PMD authors
#
# Runs inside a test guest that kept Debian's crypto_virtio
# (devtools/vm-run --keep-upstream-pmd): installs the package that
# devtools/build-deb made into the guest's throw-away root and checks that
# it takes over from Debian's driver and gives it back. One "PASS name" /
# "FAIL name: why" line per check.
#   tests/guest/package-suite.sh PACKAGE.deb DRIVER.so STATIC-VNF DEBIAN-PMD.deb
# DRIVER.so is the driver the package holds, for the -d checks; STATIC-VNF
# is examples/static-vnf linked against the package's archive; DEBIAN-PMD.deb
# is Debian's librte-crypto-virtioNN of the installed version.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
deb=$1
ours=$("$top/devtools/vm/stage-pmd" "$2") || exit 1
vnf=$3
debian_deb=$4
dev=${VCRYPTO_PCI:-0000:00:03.0}
log=${VM_OUT:-/tmp}
pkg=$(dpkg-deb -f "$deb" Package)
version=$(dpkg-deb -f "$deb" Version)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
probed="probed by virtio-crypto PMD"
twice="two crypto_virtio drivers are loaded"
n=0

result() {	# result status name [why]
	if [ "$1" = 0 ]; then echo "PASS $2"; else echo "FAIL $2${3:+: $3}"; fi
}

# perf name [EAL options]: a short AES-CBC run on the device with no -d
# unless given; its log is $log/pkg-NAME.log. Sets perf_ok (0: every op
# came back) and ours_probed / rival_lines (counts of our log lines).
perf() {
	local name=$1 f
	shift
	f="$log/pkg-$name.log"
	timeout 300 dpdk-test-crypto-perf -l 0,1 -a "$dev" \
		--log-level=pmd.crypto.virtio:info "$@" -- \
		--devtype crypto_virtio --ptest throughput --optype cipher-only \
		--cipher-algo aes-cbc --cipher-op encrypt --cipher-key-sz 16 \
		--cipher-iv-sz 16 --buffer-sz 64 --burst-sz 32 --total-ops 2000 \
		--csv-friendly >"$f" 2>&1
	perf_st=$?
	grep -qE '^[0-9]+,64,32,2000,2000,' "$f"
	perf_ok=$(( $? + perf_st ))
	ours_probed=$(grep -c "$probed $version" "$f")
	rival_lines=$(grep -c "$twice" "$f")
}

diversions() {	# the number of diversions the package holds
	dpkg-divert --list | grep -c "by $pkg\$"
}

# 1. Before: Debian's driver drives the device, ours is not there.
perf before
[ $perf_ok = 0 ] && [ $ours_probed = 0 ]
result $? debian-driver-before \
	"run ok $perf_ok, our probe lines $ours_probed (see $log/pkg-before.log)"

# 2. Both loaded, ours by -d (so first): it drives the device and says,
# once, that the other one is there.
perf rival-ours-first -d "$ours"
[ $perf_ok = 0 ] && [ $ours_probed = 1 ] && [ $rival_lines = 1 ]
result $? both-loaded-ours-first-says-so \
	"run ok $perf_ok, probe lines $ours_probed, warnings $rival_lines"

# 3. A DPDK of another series: the install stops before it touches a file.
cp /var/lib/dpkg/status "$log/dpkg-status.saved"
awk '/^Package: librte-eal[0-9]+$/ { p = 1 } /^$/ { p = 0 }
     p && /^Version:/ { $0 = "Version: 21.11.5-1" } { print }' \
	"$log/dpkg-status.saved" >/var/lib/dpkg/status
dpkg -i "$deb" >"$log/pkg-mismatch.log" 2>&1
st=$?
cp "$log/dpkg-status.saved" /var/lib/dpkg/status
grep -q "pre-depend" "$log/pkg-mismatch.log"
said=$?
state=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)
[ $st != 0 ] && [ $said = 0 ] && [ "$(diversions)" = 0 ] &&
	[ "${state:-not-installed}" = not-installed ]
result $? refuses-other-dpdk \
	"dpkg exit $st, names the pre-dependency $said, diversions $(diversions), state ${state:-none} (see $log/pkg-mismatch.log)"

# 4. Installed: every application gets this driver without -d.
dpkg -i "$deb" >"$log/pkg-install.log" 2>&1
st=$?
perf installed
[ $st = 0 ] && [ "$(diversions)" = 2 ] && [ $perf_ok = 0 ] &&
	[ $ours_probed = 1 ] && [ $rival_lines = 0 ]
result $? install-takes-over \
	"dpkg exit $st, diversions $(diversions), run ok $perf_ok, probe lines $ours_probed, warnings $rival_lines"

# 5. The static archive and pkg-config file: libdpdk's static link list
# now names this driver's archive.
archive=/usr/lib/$multiarch/librte_crypto_virtio.a
[ "$(pkg-config --modversion libdpdk-crypto-virtio 2>/dev/null)" = "$version" ] &&
	[ "$(pkg-config --variable=archive libdpdk-crypto-virtio)" = "$archive" ] &&
	ar t "$archive" | grep -q virtio_crypto_rival
result $? static-archive-and-pkg-config

# 6. A network function with DPDK and this driver linked statically.
timeout 300 "$vnf" -l 0 -a "$dev" --log-level=pmd.crypto.virtio:info \
	>"$log/pkg-static-vnf.log" 2>&1
st=$?
grep -q "1 crypto_virtio device(s), 0 failed" "$log/pkg-static-vnf.log" &&
	grep -q "$probed $version" "$log/pkg-static-vnf.log"
result $(( $? + st )) static-vnf "exit $st (see $log/pkg-static-vnf.log)"

# 7. Both loaded, Debian's by -d (so first): ours says it will not probe.
diverted=$(dpkg-divert --list | sed -n "s|^diversion of .*/dpdk/pmds-[^ ]*\.so\.[0-9.]* to \(.*\) by $pkg\$|\1|p")
perf rival-debian-first -d "$diverted"
[ $perf_ok = 0 ] && [ $ours_probed = 0 ] && [ $rival_lines = 1 ]
result $? both-loaded-debian-first-says-so \
	"run ok $perf_ok, probe lines $ours_probed, warnings $rival_lines"

# 8. Debian's driver package upgraded (here: reinstalled) underneath: its
# file goes to the diverted path and ours stays in force.
dpkg -i "$debian_deb" >"$log/pkg-debian-upgrade.log" 2>&1
st=$?
perf after-debian-upgrade
[ $st = 0 ] && [ $perf_ok = 0 ] && [ $ours_probed = 1 ]
result $? debian-upgrade-keeps-ours \
	"dpkg exit $st, run ok $perf_ok, probe lines $ours_probed"

# 9. Purged: Debian's files are back, byte for byte, and drive the device.
dpkg --purge "$pkg" >"$log/pkg-purge.log" 2>&1
st=$?
dpkg --verify "$(dpkg-deb -f "$debian_deb" Package)" >"$log/pkg-verify.log" 2>&1
verified=$?
if dpkg-query -W libdpdk-dev >/dev/null 2>&1; then
	dpkg --verify libdpdk-dev >>"$log/pkg-verify.log" 2>&1
	verified=$(( verified + $? ))
fi
perf purged
[ $st = 0 ] && [ "$(diversions)" = 0 ] && [ $verified = 0 ] &&
	[ ! -e "$(dirname "$diverted")" ] && [ $perf_ok = 0 ] && [ $ours_probed = 0 ]
result $? purge-restores-debian \
	"dpkg exit $st, diversions $(diversions), dpkg --verify $verified, run ok $perf_ok, probe lines $ours_probed"
