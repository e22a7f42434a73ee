#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The virtio-crypto PMD authors
#
# DPDK's ipsec-secgw, as shipped, against the guest kernel's own IPsec:
# the project's end-to-end test against an independent ESP.
#   tests/guest/ipsec-secgw.sh PMD.so IPSEC-SECGW PROFILE...
# PROFILE: sha1 (AES-128-CBC + HMAC-SHA1-96), sha256 (AES-128-CBC +
# HMAC-SHA256-128) or cipher-only (AES-128-CBC, NULL auth). Runs in a
# vm-run guest with two crypto devices (--devices 2): ipsec-secgw maps
# one queue pair per (port, lcore) and these devices have one each.
#
#   netns lan                 default netns                 netns wan
#   172.16.1.1 on dtap0 --fd-- [ipsec-secgw] --fd-- dtap1: 192.168.1.2 (ESP)
#   (clear text)          port 0       port 1        172.16.2.1 on lo
#                       protected     unprotected   (behind Linux's
#                                                    IPsec tunnel)
# Ports are net_tap vdevs: ipsec-secgw creates dtap0 and dtap1, and once it
# runs, each moves into its namespace (the PMD keeps its file descriptor,
# which is all its data path uses). ipsec-secgw needs the RX checksum
# offloads net_tap has (af_packet lacks them). ESP in tunnel mode, SPI 5
# from ipsec-secgw to Linux, SPI 6 back. Fixed MACs: DPDK's side of port
# N is 02:00:00:00:0N:fe, the kernel's 02:00:00:00:0N:01.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
pmd=$("$top/devtools/vm/stage-pmd" "$1") || exit 1
secgw=$2
shift 2
log=${VM_OUT:-/tmp}/ipsec
mkdir -p "$log"
peer="python3 $top/tests/guest/ipsec_peer.py"
prefix=ipsec-secgw
tsock=/var/run/dpdk/$prefix/dpdk_telemetry.v2
bulk=${VCRYPTO_IPSEC_BULK:-4194304}

result() {	# result status name [why]
	if [ "$1" = 0 ]; then echo "PASS $2"; else echo "FAIL $2${3:+: $3}"; fi
}
lan() { ip netns exec lan "$@"; }
wan() { ip netns exec wan "$@"; }
colons() { echo "$1" | sed 's/\(..\)/\1:/g; s/:$//'; }

netns_up() {
	# What Linux builds ESP from; not every one is loaded on demand here
	# (echainiv needs the default RNG, "stdrng": drbg, seeded by the
	# jitter entropy source, which conditions with SHA3, and built on
	# HMAC-SHA512).
	modprobe -a tun xfrm_user esp4 authenc echainiv sha3_generic \
		sha512_generic jitterentropy_rng drbg || return 1
	# No IPv6 chatter (router solicitations, DAD) for ipsec-secgw to
	# drop: every packet it sees is one of the test's.
	sysctl -qw net.ipv6.conf.all.disable_ipv6=1 &&
		sysctl -qw net.ipv6.conf.default.disable_ipv6=1 || return 1
	ip netns add lan && ip netns add wan || return 1
	for ns in lan wan; do
		ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 &&
			ip netns exec $ns sysctl -qw net.ipv6.conf.default.disable_ipv6=1 &&
			ip netns exec $ns ip link set lo up || return 1
	done
	# The host behind Linux's IPsec gateway.
	wan ip addr add 172.16.2.1/32 dev lo
}

# ports_to_netns: the running ipsec-secgw's tap ports into their
# namespaces, addressed. MTU 1400 on the clear side leaves room for ESP
# in 1500.
ports_to_netns() {
	ip link set dtap0 netns lan && ip link set dtap1 netns wan || return 1
	lan ip link set dtap0 address 02:00:00:00:01:01 mtu 1400 up &&
		lan ip addr add 172.16.1.1/24 dev dtap0 &&
		lan ip neigh add 172.16.1.254 lladdr 02:00:00:00:01:fe dev dtap0 nud permanent &&
		lan ip route add 172.16.2.0/24 via 172.16.1.254 || return 1
	wan ip link set dtap1 address 02:00:00:00:02:01 up &&
		wan ip addr add 192.168.1.2/24 dev dtap1 &&
		wan ip neigh add 192.168.1.1 lladdr 02:00:00:00:02:fe dev dtap1 nud permanent &&
		wan ip route add 172.16.1.0/24 via 192.168.1.1 src 172.16.2.1 mtu 1400
}

netns_down() {
	ip netns del lan 2>/dev/null
	ip netns del wan 2>/dev/null
	true
}

# Keys: one pair per direction.
ckey_out=000102030405060708090a0b0c0d0e0f
ckey_in=f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff
akey_out=$(printf '%064x' 0 | sed 's/0/a/g')
akey_in=$(printf '%064x' 0 | sed 's/0/5/g')

# profile_set NAME: secgw_auth_out/in (ipsec-secgw's words) and
# linux_auth_out/in (ip xfrm's) for both SAs.
profile_set() {
	case $1 in
	sha1)
		secgw_auth_out="auth_algo sha1-hmac auth_key $(colons "$(echo $akey_out | cut -c1-40)")"
		secgw_auth_in="auth_algo sha1-hmac auth_key $(colons "$(echo $akey_in | cut -c1-40)")"
		linux_auth_out="auth-trunc hmac(sha1) 0x$(echo $akey_out | cut -c1-40) 96"
		linux_auth_in="auth-trunc hmac(sha1) 0x$(echo $akey_in | cut -c1-40) 96"
		;;
	sha256)
		secgw_auth_out="auth_algo sha256-hmac auth_key $(colons $akey_out)"
		secgw_auth_in="auth_algo sha256-hmac auth_key $(colons $akey_in)"
		linux_auth_out="auth-trunc hmac(sha256) 0x$akey_out 128"
		linux_auth_in="auth-trunc hmac(sha256) 0x$akey_in 128"
		;;
	cipher-only)
		# ESP without integrity (RFC 4303 allows it; Linux builds it
		# as authenc(digest_null, cbc(aes))).
		secgw_auth_out="auth_algo null"
		secgw_auth_in="auth_algo null"
		linux_auth_out=
		linux_auth_in=
		;;
	*)
		return 1
		;;
	esac
}

xfrm_up() {
	# shellcheck disable=SC2086
	wan ip xfrm state add src 192.168.1.1 dst 192.168.1.2 proto esp spi 5 \
		reqid 5 mode tunnel enc 'cbc(aes)' 0x$ckey_out $linux_auth_out &&
	wan ip xfrm state add src 192.168.1.2 dst 192.168.1.1 proto esp spi 6 \
		reqid 6 mode tunnel enc 'cbc(aes)' 0x$ckey_in $linux_auth_in &&
	wan ip xfrm policy add dir in src 172.16.1.0/24 dst 172.16.2.0/24 \
		tmpl src 192.168.1.1 dst 192.168.1.2 proto esp reqid 5 mode tunnel &&
	wan ip xfrm policy add dir out src 172.16.2.0/24 dst 172.16.1.0/24 \
		tmpl src 192.168.1.2 dst 192.168.1.1 proto esp reqid 6 mode tunnel
}

secgw_cfg() {
	cat <<EOF
sp ipv4 out esp protect 5 pri 1 src 172.16.1.0/24 dst 172.16.2.0/24 sport 0:65535 dport 0:65535
sp ipv4 in esp protect 6 pri 1 src 172.16.2.0/24 dst 172.16.1.0/24 sport 0:65535 dport 0:65535
sa out 5 cipher_algo aes-128-cbc cipher_key $(colons $ckey_out) $secgw_auth_out mode ipv4-tunnel src 192.168.1.1 dst 192.168.1.2
sa in 6 cipher_algo aes-128-cbc cipher_key $(colons $ckey_in) $secgw_auth_in mode ipv4-tunnel src 192.168.1.2 dst 192.168.1.1
rt ipv4 dst 192.168.1.2/32 port 1
rt ipv4 dst 172.16.1.0/24 port 0
neigh port 0 02:00:00:00:01:01
neigh port 1 02:00:00:00:02:01
EOF
}

secgw_pid=
secgw_start() {	# secgw_start name
	local f="$log/$1" i
	secgw_cfg >"$f.cfg"
	local allow=
	for d in $devs; do allow="$allow -a $d"; done
	# shellcheck disable=SC2086
	# Line-buffered: its statistics screen is read from the log.
	stdbuf -oL "$secgw" -l 0 $allow -d "$pmd" --file-prefix $prefix \
		--vdev net_tap0,iface=dtap0,mac=02:00:00:00:01:fe \
		--vdev net_tap1,iface=dtap1,mac=02:00:00:00:02:fe \
		-- -p 0x3 -u 0x2 -P -t 1 --config "(0,0,0),(1,0,0)" \
		-f "$f.cfg" >"$f.log" 2>&1 &
	secgw_pid=$!
	for i in $(seq 120); do
		grep -q "entering main loop" "$f.log" && return 0
		kill -0 $secgw_pid 2>/dev/null || break
		sleep 0.5
	done
	return 1
}

secgw_stop() {
	[ -n "$secgw_pid" ] || return 0
	kill -INT $secgw_pid 2>/dev/null
	for i in $(seq 40); do
		kill -0 $secgw_pid 2>/dev/null || break
		sleep 0.5
	done
	kill -KILL $secgw_pid 2>/dev/null
	wait $secgw_pid 2>/dev/null
	secgw_pid=
}

pings() {	# pings name: both ways, each side starting
	local st
	lan busybox ping -c 5 -W 3 172.16.2.1 >"$log/$1-ping-lan.log" 2>&1
	st=$?
	wan busybox ping -c 5 -W 3 -I 172.16.2.1 172.16.1.1 >"$log/$1-ping-wan.log" 2>&1 ||
		st=1
	tail -n 2 "$log/$1-ping-lan.log" "$log/$1-ping-wan.log" | grep -E "transmitted|round-trip"
	return $st
}

bulk() {	# bulk name: $bulk bytes each way over TCP, checksummed
	wan $peer serve 172.16.2.1 5001 "$bulk" >"$log/$1-serve.log" 2>&1 &
	local spid=$! st i
	for i in $(seq 40); do
		wan ss -ltn 2>/dev/null | grep -q 172.16.2.1:5001 && break
		sleep 0.25
	done
	lan timeout 300 $peer send 172.16.2.1 5001 "$bulk" >"$log/$1-send.log" 2>&1
	st=$?
	wait $spid || st=1
	cat "$log/$1-send.log" "$log/$1-serve.log"
	return $st
}

# counters_agree name: ipsec-secgw's (its ports' and its statistics
# screen's), the cryptodevs' and the kernel's counters, read while
# ipsec-secgw still runs, once the traffic has ended. Every packet is
# accounted for: each clear one in from lan leaves as one ESP packet that
# Linux decrypted (SPI 5), each ESP one Linux encrypted (SPI 6) leaves
# decrypted to lan, one crypto op each, nothing dropped.
counters_agree() {
	local f="$log/$1" k_in k_out errs
	agree_why="counters unreadable, see $f-counters"
	sleep 1
	$peer counters $tsock 2 >"$f-counters" 2>&1 || { cat "$f-counters"; return 1; }
	. "$f-counters"
	# Its statistics screen (-t 1), printed since.
	sleep 2
	screen_total() {
		tr '\033' '\n' <"$f.log" | sed -n "s/^Total packets $1: *//p" | tail -n1
	}
	local rx=$(screen_total received) tx=$(screen_total sent)
	local dropped=$(screen_total dropped)
	wan ip -s xfrm state >"$f-xfrm-state"
	k_in=$($peer xfrm-packets 5 <"$f-xfrm-state")
	k_out=$($peer xfrm-packets 6 <"$f-xfrm-state")
	wan cat /proc/net/xfrm_stat >"$f-xfrm-stat"
	errs=$(awk '$2 != 0 { printf "%s%s=%s", sep, $1, $2; sep = " " }' "$f-xfrm-stat")
	local port_errs=$((port_lan_ierrors + port_lan_oerrors + port_lan_imissed +
		port_wan_ierrors + port_wan_oerrors + port_wan_imissed))
	echo "ipsec-secgw: received $rx, sent $tx, dropped $dropped;" \
		"port 0 (lan) in $port_lan_ipackets out $port_lan_opackets," \
		"port 1 (wan) in $port_wan_ipackets out $port_wan_opackets, errors $port_errs"
	echo "cryptodevs: enqueued $cdev_enqueued_count, dequeued $cdev_dequeued_count," \
		"errors $cdev_enqueue_err_count/$cdev_dequeue_err_count"
	echo "Linux xfrm: SPI 5 decrypted $k_in packets, SPI 6 encrypted $k_out;" \
		"xfrm_stat errors: ${errs:-none}"
	agree_why="see the three lines above"
	[ "${k_in:-0}" -gt 0 ] && [ "${k_out:-0}" -gt 0 ] &&
		[ "$port_lan_ipackets" = "$k_in" ] && [ "$port_wan_opackets" = "$k_in" ] &&
		[ "$port_wan_ipackets" = "$k_out" ] && [ "$port_lan_opackets" = "$k_out" ] &&
		[ "$rx" = $((k_in + k_out)) ] && [ "$tx" = "$rx" ] &&
		[ "$dropped" = 0 ] && [ "$port_errs" = 0 ] && [ -z "$errs" ] &&
		[ "$cdev_enqueued_count" = $((k_in + k_out)) ] &&
		[ "$cdev_dequeued_count" = "$cdev_enqueued_count" ] &&
		[ "$cdev_enqueue_err_count" = 0 ] && [ "$cdev_dequeue_err_count" = 0 ]
}

devs=$VCRYPTO_PCI_ALL
[ "$(echo $devs | wc -w)" -ge 2 ]
result $? ipsec-secgw-two-devices "needs two crypto devices (vm-run --devices 2), have: $devs"
[ "$(echo $devs | wc -w)" -ge 2 ] || exit 0
devs=$(echo $devs | cut -d' ' -f1-2)

for profile in "$@"; do
	name=ipsec-secgw-$profile
	profile_set "$profile" || { result 1 "$name" "unknown profile"; continue; }
	netns_down
	if ! netns_up || ! xfrm_up; then
		result 1 "$name-setup" "namespaces or xfrm setup failed"
		netns_down
		continue
	fi
	if ! secgw_start "$name"; then
		tail -n 20 "$log/$name.log"
		result 1 "$name-start" "ipsec-secgw did not start (see $log/$name.log)"
		secgw_stop
		netns_down
		continue
	fi
	if ! ports_to_netns; then
		result 1 "$name-ports" "could not move the tap ports into the namespaces"
		secgw_stop
		netns_down
		continue
	fi
	pings "$name"
	result $? "$name-ping" "see $log/$name-ping-*.log"
	bulk "$name"
	result $? "$name-bulk" "$bulk bytes each way, see $log/$name-send.log"
	counters_agree "$name"
	result $? "$name-counters-agree" "$agree_why"
	secgw_stop
	netns_down
done
exit 0
