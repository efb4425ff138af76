#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Analyzer accuracy on real crash reports that people quoted in public
# places (tests/realworld: one log per case, facts in cases.tsv labelled
# from the text alone).  Runs `lastgasp analyze --json` on each case and
# compares the first event with the labelled facts, printing TAP: one line
# per figure with the figure and the bar, and every mismatch (case, fact,
# expected, got) as a comment.
#
# usage: realworld.sh LASTGASP_BINARY CASES_DIR [BAR_PERCENT]
#
# Which figures count which cases: detection, class and fatal count every
# case; rip, module, release and task count the cases where the label or
# the analyzer's answer is not "none" (a value the report does not hold is
# as wrong as a missing one).  Function names are compared without the
# compiler's clone suffixes (.cold, .isra.N, .constprop.N, .part.N), which
# are not part of the function's name.
set -u
bin=${1:?usage: realworld.sh LASTGASP_BINARY CASES_DIR [BAR]}
dir=${2:?usage: realworld.sh LASTGASP_BINARY CASES_DIR [BAR]}
bar=${3:-95}
top=$(cd "$(dirname "$0")/../.." && pwd)
causes=$top/user/causes
tsv=$dir/cases.tsv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The module at fault is the analyzer's own answer, fault_module (docs/json.md:
# the tainting culprit, else the guilty frame's module).
# shellcheck disable=SC2016 # jq's variables
facts='def nul: if . == null or . == "" then "-" else tostring end;
def fn: if . == null then null else sub("(\\.(cold|isra|constprop|part|llvm)(\\.[0-9]+)?)+$"; "") end;
(.events[0] // null) as $e |
if $e == null then ["0", "-", "-", "-", "-", "-", "-"] else
["1", ($e.class | nul), (if $e.fatal then "yes" else "no" end),
 ($e.rip.function | fn | nul),
 ($e.fault_module | nul),
 ($e.kernel_release | nul), ($e.comm | nul)] end | @tsv'

names=(detection class fatal rip module release task)
declare -A ok total
for f in "${names[@]}"; do ok[$f]=0; total[$f]=0; done
: >"$tmp/mismatch"
ncase=0
while IFS=$'\t' read -r name _url _transport _arch class fatal rip module release task; do
	case $name in ''|'#'*|case) continue ;; esac
	log=$dir/cases/$name.log
	ncase=$((ncase + 1))
	if [ ! -f "$log" ]; then
		echo "$name log missing" >>"$tmp/mismatch"
		continue
	fi
	if ! "$bin" analyze --json --causes "$causes" "$log" >"$tmp/out.json" 2>"$tmp/err" ||
		! got=$(jq -r "$facts" "$tmp/out.json" 2>>"$tmp/err"); then
		got=$'0\t-\t-\t-\t-\t-\t-'
		echo "$name analyze failed: $(head -c 200 "$tmp/err")" >>"$tmp/mismatch"
	fi
	IFS=$'\t' read -r g_det g_class g_fatal g_rip g_module g_release g_task <<<"$got"
	rip=$(printf '%s' "$rip" | sed -E 's/(\.(cold|isra|constprop|part|llvm)(\.[0-9]+)?)+$//')
	exp=(1 "$class" "$fatal" "$rip" "$module" "$release" "$task")
	gotv=("$g_det" "$g_class" "$g_fatal" "$g_rip" "$g_module" "$g_release" "$g_task")
	for i in "${!names[@]}"; do
		f=${names[$i]} e=${exp[$i]} g=${gotv[$i]}
		if [ "$i" -ge 3 ] && [ "$e" = - ] && [ "$g" = - ]; then
			continue
		fi
		total[$f]=$((total[$f] + 1))
		if [ "$e" = "$g" ]; then
			ok[$f]=$((ok[$f] + 1))
		else
			printf '%s\t%s\texpected %s\tgot %s\n' "$name" "$f" "$e" "$g" >>"$tmp/mismatch"
		fi
	done
done <"$tsv"

echo "1..${#names[@]}"
n=0
for f in "${names[@]}"; do
	n=$((n + 1))
	t=${total[$f]} o=${ok[$f]}
	if [ "$t" -eq 0 ]; then
		echo "ok $n realworld $f: no case has this fact # SKIP"
		continue
	fi
	pct=$(awk -v o="$o" -v t="$t" 'BEGIN { printf "%.1f", 100 * o / t }')
	if awk -v o="$o" -v t="$t" -v b="$bar" 'BEGIN { exit !(100 * o >= b * t) }'; then
		echo "ok $n realworld $f: $o/$t = $pct% (bar >= $bar%)"
	else
		echo "not ok $n realworld $f: $o/$t = $pct% (bar >= $bar%)"
	fi
done
echo "# $ncase cases; mismatches (case, fact, expected, got):"
sed 's/^/# /' "$tmp/mismatch"
exit 0
