#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Helper scripts an operator runs by hand, and dkms.conf's kernel range.
cd "$(dirname "$0")/../.." || exit 1
tests/scripts/pick-memmap.sh
tests/scripts/dkms-kernels.sh
tests/scripts/lastgasp-setup.sh
