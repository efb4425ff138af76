#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The classifier: triggers, classes, syzbot-style titles and their
# normalisation, guilty frames and signatures -- the unit tests
# tests/unit/test_classify*.c and test_title*.c (kselftest TAP), built and
# run twice, plainly and under ASan+UBSan (SAN=1).  The corpus accuracy of
# the same code is suite 40-accuracy-syzkaller.
set -u
cd "$(dirname "$0")/../.." || exit 1
top=$PWD
out=$top/build/classify-suite
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
for t in tests/unit/test_classify*.c tests/unit/test_title*.c; do
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
		result 1 "[$tag] build the classifier unit tests"
		continue
	fi
	for u in "${units[@]}"; do
		log=$out/$(basename "$u")-$tag.log
		"$u" >"$log" 2>&1
		rc=$?
		while IFS= read -r line; do
			case "$line" in
			"not ok "*) result 1 "[$tag] $(basename "$u"): ${line#not ok * }" ;;
			"ok "*) result 0 "[$tag] $(basename "$u"): ${line#ok * }" ;;
			esac
		done < <(grep -E '^(not )?ok [0-9]+ ' "$log")
		if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$log"; then
			tail -n 20 "$log"
			result 1 "[$tag] $(basename "$u") exited with status $rc"
		fi
	done
done
exit 0
