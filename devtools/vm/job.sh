#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Runs inside the vm-run guest's chroot (host root + tmpfs overlay), started
# by init with a clean environment. Runs the job's command with
# stdout+stderr on ttyS1 (raw mode, set by init), which the host streams to
# vm-run's stdout and keeps as OUT/output.log, then writes the exit status
# to the out share. Shell built-ins only: every program started here is read
# from the host over 9p, which is slow under TCG.
# shellcheck source=/dev/null
. "$VM_JOB"

export VCRYPTO_PCI=0000:00:03.0
# Every crypto device of the guest (--devices), the first being VCRYPTO_PCI.
export VCRYPTO_PCI_ALL="${VM_DEVICES:-$VCRYPTO_PCI}"
export VCRYPTO_MODE="$VM_MODE"
export VM_OUT=/vm-out

exec </dev/null >/dev/ttyS1 2>&1

if ! cd "$VM_CWD" 2>/dev/null; then
	echo "vm-run: warning: cannot cd to $VM_CWD in the guest, running in /" >&2
	cd /
fi

unset VM_JOB VM_CWD VM_KEEP_UPSTREAM VM_MODE VM_DEVICES
/bin/sh -c "$VM_CMD"
echo $? >/vm-out/exit-status
