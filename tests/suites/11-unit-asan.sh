#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The unit tests again, built with ASan+UBSan (tests/Makefile SAN=1): any
# leak, overflow or undefined behaviour aborts the test that caused it.
set -u
cd "$(dirname "$0")/../.." || exit 1
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
SAN=1 exec tests/suites/10-unit.sh
