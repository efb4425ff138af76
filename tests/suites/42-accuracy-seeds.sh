#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Seed accuracy: every case of shared/CAUSES.md, cut out of the seed
# documents by tests/accuracy/seed-cases.yaml, through the real parser and
# the shipped cause database; class, RIP, culprit, top cause and remedy
# facts must all be right (100%), and versioned rules must not advise an
# upgrade on the fixed release.  LASTGASP_ACCURACY_TABLE=1 prints a table.
set -u
cd "$(dirname "$0")/../.." || exit 1
seeds=${LASTGASP_SEEDS:-$PWD/../shared/seeds}
bin=$PWD/build/tests/accuracy/seeds
mkdir -p build
if ! make -s -C tests "$bin" >build/seeds-build.log 2>&1; then
	cat build/seeds-build.log
	echo "not ok 1 seed accuracy: build failed"
	exit 1
fi
if [ ! -d "$seeds" ]; then
	echo "ok 1 seed accuracy # SKIP no seed documents in $seeds"
	exit 0
fi
exec "$bin" tests/accuracy/seed-cases.yaml "$seeds" user/causes
