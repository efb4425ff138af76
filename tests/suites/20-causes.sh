#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The cause database: `lastgasp causes check` on the shipped rules must be
# clean (exit 0), on a deliberately broken rule file it must name FILE:LINE
# and exit 3; `causes list` must show every rule.  The database's unit
# tests (tests/unit/test_causes.c, test_release.c) run in suites 10/11.
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$PWD
out=$top/build/causes-suite
mkdir -p "$out"
n=0
result() {	# result OK NAME [DETAIL]
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2${3:+ # $3}"
	fi
}

bin=$top/build/user/lastgasp
if ! make -s -C user O="$top/build/user" "$bin" >"$out/build.log" 2>&1; then
	cat "$out/build.log"
	result 1 "build lastgasp"
	exit 1
fi

"$bin" causes check user/causes >"$out/check.out" 2>"$out/check.err"
rc=$?
cat "$out/check.err"
result $(( rc != 0 || $(wc -c <"$out/check.err") != 0 )) \
	"causes check user/causes is clean" "exit $rc: $(head -n 3 "$out/check.err" | tr '\n' ' ')"

# A broken file: the exit code and the exact FILE:LINE message.
bad=$out/bad
rm -rf "$bad" && mkdir -p "$bad"
printf 'rules:\n  - id: broken\n    title: t\n    explanation: e\n    remedy: r\n    confidence: 0.5\n    lines: "unbalanced("\n' >"$bad/broken.yaml"
"$bin" causes check "$bad" >/dev/null 2>"$out/bad.err"
rc=$?
grep -q "^$bad/broken.yaml:7: bad regex in \"lines\" at offset 11: " "$out/bad.err"
result $(( rc != 3 || $? != 0 )) "causes check reports a broken rule as FILE:LINE and exits 3" \
	"exit $rc: $(head -n 1 "$out/bad.err")"

"$bin" causes check "$out/no-such-dir" >/dev/null 2>&1
result $(( $? != 3 )) "causes check on a missing directory exits 3"

# list: one line per rule, and JSON with the same rules.
"$bin" causes list --causes user/causes >"$out/list.txt" 2>"$out/list.err"
rc=$?
rules=$(grep -c '^  - id:' user/causes/*.yaml | awk -F: '{s += $2} END {print s}')
lines=$(grep -c 'user/causes/' "$out/list.txt")
result $(( rc != 0 || lines != rules )) "causes list shows all $rules shipped rules" \
	"exit $rc, $lines lines"
"$bin" causes list --json --causes user/causes >"$out/list.json" 2>/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if all({"id","classes","title","file"} <= set(r) for r in d) and len(d) >= int(sys.argv[2]) else 1)' \
	"$out/list.json" "$rules" 2>/dev/null
result $? "causes list --json gives id, classes, title and file"
"$bin" causes --help >/dev/null 2>&1
result $? "causes --help exits 0"

exit 0
