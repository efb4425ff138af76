#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A record committed while CLEAR reclaims the store must not vanish.  The
# self-test build of the module (LG_SELFTEST=y) holds the race open at the
# store's own test points: a writer reserves space, CLEAR scans and finds
# nothing live, the writer commits and leaves, CLEAR decides.  The record
# must then be there, seen from inside (the self-test's lookup) and from
# outside (lastgasp status over netlink counts one record).
. "$(dirname "$0")/../lib.sh"

e2e_boot race "loadselftest,selftest:clear-race,status" "$E2E_MEMMAP" ||
	{ e2e_finish; exit 0; }
e2e_step_ok race loadselftest
if e2e_step_ok race selftest; then
	e2e_block race selftest | grep 'clear-race' | e2e_diag
fi
e2e_json_check "race: lastgasp status counts the record committed during CLEAR" \
	"$(e2e_block race status)" '.status.records == 1'
e2e_finish
