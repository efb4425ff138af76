#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Helper scripts an operator runs by hand.
cd "$(dirname "$0")/../.." && exec tests/scripts/pick-memmap.sh
