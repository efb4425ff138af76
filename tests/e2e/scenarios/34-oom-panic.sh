#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# e2e-kernels: * *-cloud-*
#
# A user-space memory hog (tests/e2e/memhog.c, named after the token) in a
# 256 MiB guest with vm.panic_on_oom=1: the first OOM panics the kernel.
# The read-back must be a fatal OOM (not a bare panic) with the hog as the
# process that invoked the OOM killer, and the panic_on_oom rule first.
E2E_MEM_MB=256
. "$(dirname "$0")/../lib.sh"
token=$(e2e_token)

e2e_boot crash "load,sysctl:vm.panic_on_oom=1,memhog" "$E2E_MEMMAP lg.token=$token" ||
	{ e2e_finish; exit 0; }
e2e_step_ok crash load
e2e_step_ok crash sysctl
e2e_crashed crash "OOM with panic_on_oom"
e2e_console_has crash "Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled" \
	"the panic_on_oom panic"
e2e_console_has crash "$token invoked oom-killer" "the hog $token invoking the OOM killer"

e2e_boot readback "load,reportkeep,report" "$E2E_MEMMAP" || { e2e_finish; exit 0; }
e2e_step_ok readback load
if e2e_one_event readback; then
	e2e_expect_class oom
	e2e_expect_fatal true
	e2e_expect_title "kernel panic: Out of memory: system-wide panic_on_oom is enabled"
	e2e_json_check "the OOM record says panic_on_oom" "$E2E_EVENT" '.oom.panic_on_oom == true'
	e2e_json_check "the OOM invoker is the hog $token" "$E2E_EVENT" \
		'.oom.invoker == $t' --arg t "$token"
	e2e_expect_cause oom-panic-on-oom
	e2e_expect_text_title
fi
e2e_finish
