#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The reporter's commands, record conversion and printers: the unit tests
# tests/unit/test_record*.c, test_print*.c and test_cli*.c (kselftest TAP),
# built and run twice, plainly and under ASan+UBSan (SAN=1).  test_cli runs
# the real `lastgasp` binary; on this host no lastgasp module is loaded, so
# its "module not loaded" path is exercised for real.
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$PWD
out=$top/build/reporter-suite
mkdir -p "$out"
n=0
result() {	# result OK NAME [DIRECTIVE]
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n $2${3:+ $3}"
	else
		echo "not ok $n $2"
	fi
}

names=()
for t in tests/unit/test_record*.c tests/unit/test_print*.c tests/unit/test_cli*.c; do
	[ -e "$t" ] && names+=("$(basename "$t" .c)")
done

for san in 0 1; do
	tag=$([ "$san" = 1 ] && echo "san" || echo "plain")
	dir=$top/build/tests$([ "$san" = 1 ] && echo "-san")
	units=()
	for t in "${names[@]}"; do units+=("$dir/unit/$t"); done
	if ! make -s -C tests SAN="$san" O="$dir" "${units[@]}" \
		>"$out/build-$tag.log" 2>&1; then
		cat "$out/build-$tag.log"
		result 1 "[$tag] build the reporter unit tests"
		continue
	fi
	for u in "${units[@]}"; do
		log=$out/$(basename "$u")-$tag.log
		"$u" >"$log" 2>&1
		rc=$?
		# Renumber the harness's TAP lines into this suite's sequence.
		while IFS= read -r line; do
			case "$line" in
			"not ok "*)
				name=${line#not ok * }
				result 1 "[$tag] $(basename "$u"): $name" ;;
			"ok "*)
				name=${line#ok * }
				directive=
				case "$name" in
				*" # "*) directive="# ${name#* # }"; name=${name%% # *} ;;
				esac
				result 0 "[$tag] $(basename "$u"): $name" "$directive" ;;
			esac
		done < <(grep -E '^(not )?ok [0-9]+ ' "$log")
		if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$log"; then
			tail -n 20 "$log"
			result 1 "[$tag] $(basename "$u") exited with status $rc"
		fi
	done
done
exit 0
