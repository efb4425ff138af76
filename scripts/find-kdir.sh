#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Print the kernel build tree to compile against: the running kernel's when
# its headers are installed, else the newest installed one (saying so).
run=/lib/modules/$(uname -r)/build
if [ -d "$run" ]; then
	echo "$run"
	exit 0
fi
newest=$(ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1)
if [ -n "$newest" ]; then
	echo "lastgasp: no headers for the running kernel $(uname -r); using $newest" >&2
	echo "$newest"
fi
