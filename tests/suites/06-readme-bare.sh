#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The README's set-up lines in a minimal Debian 12 chroot (tests/scripts/readme-bare.sh).
cd "$(dirname "$0")/../.." || exit 1
exec tests/scripts/readme-bare.sh
