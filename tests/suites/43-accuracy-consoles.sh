#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The reporter on the output of every kernel of the boot matrix: dying
# consoles kept from the QEMU boots (tests/fixtures/consoles/*.log, one
# per kernel and provocation) through `lastgasp analyze --json` with the
# shipped cause database.  Each NAME.expect.json lists the events the log
# must yield, as JSON that must be contained in one event of the output
# (same keys, same values; strings compared whole, or matched against the
# regex of a key written with a trailing "~", e.g. "title~", where syzbot's
# convention allows two titles).  The expectations were
# written from the console text and the test module's source, never from
# the analyzer's output.
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$PWD
out=$top/build/consoles
bin=$out/user/lastgasp
n=0
mkdir -p "$out"
if ! make -s -C user O="$out/user" >"$out/build.log" 2>&1; then
	echo "not ok 1 console fixtures: the reporter does not build"
	sed 's/^/# /' "$out/build.log" | tail -n 20
	exit 1
fi

# contained(EXPECTED; EVENT): every key of EXPECTED has the same value in
# EVENT, objects recursively; an array is a prefix (causes: [{"id": X}]
# says the first cause is X).
# shellcheck disable=SC2016 # jq's variables
jqlib='def contained($e; $g):
	if ($e | type) == "object" then
		($g | type) == "object" and all($e | keys[]; . as $k |
			if ($k | endswith("~")) then
				($g[$k | rtrimstr("~")] | type) == "string" and
				($g[$k | rtrimstr("~")] | test($e[$k]))
			else contained($e[$k]; $g[$k]) end)
	elif ($e | type) == "array" then
		($g | type) == "array" and ($e | length) <= ($g | length) and
		all(range($e | length); contained($e[.]; $g[.]))
	else $e == $g end;'

for exp in tests/fixtures/consoles/*.expect.json; do
	[ -e "$exp" ] || continue
	log=${exp%.expect.json}.log
	name=$(basename "$log" .log)
	got=$("$bin" analyze --json --causes user/causes "$log" 2>"$out/$name.err")
	rc=$?
	if [ "$rc" -ne 0 ] || ! printf '%s\n' "$got" | jq -e . >/dev/null 2>&1; then
		n=$((n + 1))
		echo "not ok $n console $name: analyze --json succeeds (status $rc)"
		sed 's/^/# /' "$out/$name.err" | head -n 10
		continue
	fi
	count=$(jq '.events | length' "$exp")
	for i in $(seq 0 $((count - 1))); do
		want=$(jq -c ".events[$i]" "$exp")
		what=$(jq -r ".events[$i] | [.class, .title] | map(select(. != null)) | join(\": \")" "$exp")
		n=$((n + 1))
		# shellcheck disable=SC2016 # jq's variables
		if printf '%s\n' "$got" | jq -e --argjson e "$want" \
			"$jqlib"' any(.events[]; contained($e; .))' >/dev/null; then
			echo "ok $n console $name: an event with $what"
		else
			echo "not ok $n console $name: an event with $what"
			echo "# expected (contained in one event): $want"
			printf '%s\n' "$got" | jq -c '.events[] | {class, fatal, title,
				rip: .rip.function, guilty_frame, culprit_module,
				cause: .causes[0].id}' | sed 's/^/# got: /'
		fi
	done
done
[ "$n" -gt 0 ] || echo "not ok 1 console fixtures: none in tests/fixtures/consoles"
exit 0
