#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Prepares a fresh Debian 12 machine: build and guest packages, Debian's
# dpdk source of exactly the installed version (for the three driver-SDK
# headers Debian does not install) and a Debian guest kernel with modules.
# Everything fetched is cached; a second run does nothing new.
set -eu

CACHE=${VCRYPTO_CACHE:-/var/cache/virtio-crypto-pmd}
mkdir -p "$CACHE"

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo

PKGS="build-essential pkg-config meson ninja-build python3 python3-pyelftools
 dpdk dpdk-dev dpdk-doc libdpdk-dev libssl-dev openssl qemu-system-x86
 qemu-utils busybox-static cpio xz-utils python3-matplotlib
 libsystemd-dev python3-cryptography iproute2"

missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "setup: installing$missing"
	$SUDO apt-get update -q
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi

# deb-src lines derived from the machine's own Debian source list, so no
# archive host is named here.
srclist=/etc/apt/sources.list.d/virtio-crypto-pmd-src.sources
if [ ! -f "$srclist" ]; then
	if [ -f /etc/apt/sources.list.d/debian.sources ]; then
		sed 's/^Types:.*deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
			$SUDO tee "$srclist" >/dev/null
	else
		grep -h '^deb ' /etc/apt/sources.list | grep -i debian |
			sed 's/^deb /deb-src /' | $SUDO tee "${srclist%.sources}.list" >/dev/null
	fi
	$SUDO apt-get update -q
fi

# Debian's dpdk source, exactly the installed version.
ver=$(dpkg-query -W -f='${Version}' libdpdk-dev)
upstream=${ver#*:}
upstream=${upstream%%-*}
sdk="$CACHE/dpdk-sdk-$upstream"
if [ ! -f "$sdk/.complete" ] || [ ! -f "$sdk/buildtools/coff.py" ] ||
   [ ! -f "$sdk/drivers/bus/vdev/bus_vdev_driver.h" ]; then
	tmp="$CACHE/src.tmp"
	rm -rf "$tmp" && mkdir -p "$tmp"
	(cd "$tmp" && apt-get source --download-only "dpdk=$ver")
	tarball=$(ls "$tmp"/dpdk_"$upstream".orig.tar.*)
	rm -rf "$sdk" && mkdir -p "$sdk"
	tar -C "$sdk" --strip-components=1 -xf "$tarball" \
		--wildcards '*/lib/cryptodev/*' '*/drivers/bus/pci/*' \
		'*/drivers/bus/vdev/*' \
		'*/lib/eal/include/*' '*/buildtools/pmdinfogen.py' \
		'*/buildtools/coff.py' '*/VERSION'
	got=$(cat "$sdk/VERSION")
	if [ "$got" != "$upstream" ]; then
		echo "setup: dpdk source is $got, installed DPDK is $upstream" >&2
		exit 1
	fi
	echo "$upstream" >"$sdk/.complete"
	rm -rf "$tmp"
fi
ln -sfn "$sdk" "$CACHE/dpdk-sdk"

# Guest kernel and modules: the version Debian's linux-image-amd64 names.
kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
	sed -n 's/.*Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n1)
[ -n "$kpkg" ] || { echo "setup: no guest kernel package found" >&2; exit 1; }
kdir="$CACHE/guest-kernel/${kpkg#linux-image-}"
if [ ! -f "$kdir/.complete" ]; then
	rm -rf "$kdir" && mkdir -p "$kdir"
	(cd "$kdir" && apt-get download "$kpkg" && dpkg-deb -x ./*.deb root && rm -f ./*.deb)
	touch "$kdir/.complete"
fi
ln -sfn "$kdir" "$CACHE/guest-kernel/current"
# vfio.ko with CONFIG_VFIO_NOIOMMU for vm-run --mode vfio-noiommu.
"$(dirname "$0")/vm/build-vfio-noiommu" "$kdir" ||
	echo "setup: warning: no vfio no-IOMMU module; vm-run --mode vfio-noiommu will skip" >&2

# Debian's own crypto_virtio package of the installed version: the package
# test reinstalls it under ours, as an upgrade of DPDK would.
pmdpkg=$(dpkg-query -S "/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)/dpdk/pmds-*/librte_crypto_virtio.so.*.*" 2>/dev/null |
	cut -d: -f1 | grep -v '^dpdk-pmd-crypto-virtio$' | head -n1)
if [ -n "$pmdpkg" ]; then
	pmdver=$(dpkg-query -W -f='${Version}' "$pmdpkg")
	debs="$CACHE/debs"
	mkdir -p "$debs"
	ls "$debs/${pmdpkg}_"*.deb >/dev/null 2>&1 ||
		(cd "$debs" && apt-get download "$pmdpkg=$pmdver")
fi
echo "setup: ready (dpdk $upstream, guest kernel ${kpkg#linux-image-}, cache $CACHE)"
