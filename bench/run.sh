#!/usr/bin/env bash
# Times textclean on a generated stream of MB megabytes (one document) beside
# awk '!seen[$0]++', sort -u and bench/limit (a Go loop that puts each line's
# xxhash in a map: the practical limit of hash-based dedup), then on a tree
# of about 10,000 files of the same kind of text with -j 1 and -j 2. Each
# row is the median of RUNS runs, all in this one run, so the ratios compare
# like with like on a shared, noisy machine; user and system CPU seconds
# are the medians too, and peak RSS the largest of the runs, all from
# /usr/bin/time -v. Usage: bench/run.sh [MB] [RUNS]
# (STREAM_ONLY=1 skips the tree, TREE_ONLY=1 the stream; FILES=N sets the
# tree's number of files; it needs GNU time and bc, and installs them with
# INSTALL=1). On a machine that others load, -j 2 mostly measures how much
# of a core it gets; as root, a session of its own with a lower autogroup
# nice gives steadier ratios (BENCHMARKS.md, "How it was measured"):
#   setsid bash -c 'echo -15 > /proc/self/autogroup && exec bench/run.sh'.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/require.sh
require /usr/bin/time=time bc=bc
mb=${1:-100}
runs=${2:-5}
files=${FILES:-10000}
out=bench/out
mkdir -p "$out"
# Files deleted just before the tree is timed would slow it: on ext4
# without a journal, creating a file skips, one by one, the inodes freed in
# the last minute or more (the kernel's recently_deleted()), so each file
# created after 20,000 were deleted cost 360 us of system time here, against
# 50-110 us, and a second writer did the same scan again. An inode counts
# as recent for 60 s once its inode table block is on disk, 360 s while it
# is not: so outputs left by an interrupted run go now, followed by a sync,
# and the tree waits until 70 s have passed since this or the last run
# deleted its outputs (tree-removed holds when).
removed=$(cat "$out/tree-removed" 2> /dev/null || echo 0)
if [ -d "$out/tree-out" ]; then
	rm -rf "$out/tree-out"
	sync
	removed=$(date +%s)
fi
go build -o "$out/textclean" ./cmd/textclean
go build -o "$out/limit" ./bench/limit
input="$out/stream-${mb}mb.txt"
if [ -z "${TREE_ONLY:-}" ]; then
	[ -s "$input" ] || go run ./bench/gen -size "$mb" > "$input"
	bytes=$(wc -c < "$input")
fi

# Peak memory and CPU times come from GNU time.
timed() { /usr/bin/time -v -o "$out/time.txt" "$@"; }
field() { awk -F': ' -v f="$1" '$1 ~ f {print $2}' "$out/time.txt"; }
peak() { field 'Maximum resident set size'; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure COMMAND...: runs COMMAND RUNS times on the stream as standard
# input and sets $secs to the median seconds, $user and $sys to the median
# CPU seconds and $rss to the peak KB of all runs.
measure() {
	local times=() users=() syss=() start end k
	rss=0
	for k in $(seq "$runs"); do
		start=$(date +%s.%N)
		timed "$@" < "$input" > /dev/null || [ $? = 1 ] # -d exits 1: the text changed
		end=$(date +%s.%N)
		times+=("$(echo "$end - $start" | bc)")
		users+=("$(field 'User time')") syss+=("$(field 'System time')")
		rss=$(($(peak) > rss ? $(peak) : rss))
	done
	secs=$(median "${times[@]}") user=$(median "${users[@]}") sys=$(median "${syss[@]}")
}

mbs() { echo "$1 / 1048576 / $2" | bc -l; }
header='%-44s %8s %6s %6s %8s %8s %8s %9s\n'
rowfmt='%-44s %8.2f %6.2f %6.2f %8.1f %7.2fx %7.3fx %9d\n'
if [ -z "${TREE_ONLY:-}" ]; then
printf "$header" "stream: $((bytes >> 20)) MB, median of $runs" seconds user sys "MB/s" "vs awk" "vs limit" "RSS KB"
measure awk '!seen[$0]++'
awk_s=$secs awk_user=$user awk_sys=$sys awk_rss=$rss
measure "$out/limit"
limit_s=$secs limit_user=$user limit_sys=$sys limit_rss=$rss
row() {
	printf "$rowfmt" "$1" "$secs" "$user" "$sys" "$(mbs "$bytes" "$secs")" "$(echo "$awk_s / $secs" | bc -l)" "$(echo "$limit_s / $secs" | bc -l)" "$rss"
}
secs=$awk_s user=$awk_user sys=$awk_sys rss=$awk_rss row "awk '!seen[\$0]++'"
secs=$limit_s user=$limit_user sys=$limit_sys rss=$limit_rss row "bench/limit (xxhash of each line in a map)"
measure sort -u && row "sort -u"
measure "$out/textclean" && row "textclean"
measure "$out/textclean" --no-near && row "textclean --no-near"
measure "$out/textclean" --no-sentences --no-near && row "textclean --no-sentences --no-near"
# Exact paragraphs only: no sentences, near-duplicates or junk lines, and
# every normalization rule off, as --help lists them (so a new rule is off
# here too): a paragraph goes only when its text is a repeat, byte for byte.
mapfile -t rules < <("$out/textclean" --help | awk '/^   [A-Z]/ {n = ($1 == "Normalization")} n' | grep -o -- '--no-[a-z-]*')
[ ${#rules[@]} -gt 0 ] || { echo "$0: textclean --help lists no --no-RULE flags under Normalization" >&2; exit 1; }
exact=(--no-sentences --no-near --no-boilerplate "${rules[@]}")
measure "$out/textclean" "${exact[@]}" && row "textclean exact paragraphs only"
measure "$out/textclean" -d && row "textclean -d (a diff)"
echo
fi

[ "${STREAM_ONLY:-}" ] && exit 0

# About the same amount of text as a tree of files.
treedir="$out/tree-${mb}mb-${files}"
[ -d "$treedir" ] || go run ./bench/gen -size "$mb" -tree "$treedir" -files "$files"
nfiles=$(find "$treedir" -type f | wc -l)
treebytes=$(find "$treedir" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
mkdir -p "$out/tree-out"
wait=$((removed + 70 - $(date +%s)))
if [ "$wait" -gt 0 ]; then
	echo "(waiting $wait s: output folders were deleted just now; see the top of $0)"
	sleep "$wait"
fi

# measure_tree KEY|TEXT|COMMAND...: runs each COMMAND (split on spaces;
# OUT in it becomes a fresh output folder) RUNS times, taking the commands
# in turn, so that a change of load on the machine hits them all alike,
# and prints a row for each, named TEXT: median seconds, user and system
# CPU seconds, MB/s, files/s and peak RSS. Sets secs_KEY to the median.
# No output folder is deleted until the end: see the rm at the top.
measure_tree() {
	local -A times users syss rsss
	local k spec key text cmd start end status n=0
	for k in $(seq "$runs"); do
		for spec in "$@"; do
			IFS='|' read -r key text cmd <<< "$spec"
			n=$((n + 1))
			cmd=${cmd//OUT/$out/tree-out/$n}
			mkdir -p "$out/tree-out/$n"
			if [[ $key == cp* ]]; then
				# Two cp --parents at once can both find a folder
				# missing and one then fail to make it ("File
				# exists"): the folders are made before the copy.
				# The output folder is an argument, not part of
				# find's format, where a % or \ in it would be read.
				find "$treedir" -type d -print0 |
					xargs -0 sh -c 'for d; do mkdir -p "$0/$d"; done' "$out/tree-out/$n"
			fi
			start=$(date +%s.%N)
			# --check exits 1 (files would change); any other failure
			# stops the script with the command and its error output.
			# shellcheck disable=SC2086 # the command is split on purpose
			timed $cmd > /dev/null 2> "$out/tree-err" || {
				status=$?
				if [ "$status" != 1 ]; then
					echo "$0: '$cmd' exited $status:" >&2
					tail -5 "$out/tree-err" >&2
					exit 1
				fi
			}
			end=$(date +%s.%N)
			times[$key]+="$(echo "$end - $start" | bc) "
			users[$key]+="$(field 'User time') " syss[$key]+="$(field 'System time') "
			rsss[$key]=$(($(peak) > ${rsss[$key]:-0} ? $(peak) : ${rsss[$key]:-0}))
		done
	done
	for spec in "$@"; do
		IFS='|' read -r key text cmd <<< "$spec"
		# shellcheck disable=SC2086
		secs=$(median ${times[$key]})
		printf -v "secs_$key" '%s' "$secs"
		# shellcheck disable=SC2086
		printf '%-44s %8.2f %6.2f %6.2f %8.1f %8.0f %9d\n' "$text" "$secs" "$(median ${users[$key]})" "$(median ${syss[$key]})" \
			"$(mbs "$treebytes" "$secs")" "$(echo "$nfiles / $secs" | bc -l)" "${rsss[$key]}"
	done
}
speedup() { printf '%-44s %7.2fx\n' "$1" "$(echo "$2 / $3" | bc -l)"; }

printf '%-44s %8s %6s %6s %8s %8s %9s\n' "tree: $nfiles files, $((treebytes >> 20)) MB, median of $runs" seconds user sys "MB/s" "files/s" "RSS KB"
tc="$out/textclean -q"
# The disk's own scaling: the same files copied by one and by two cp at
# once (cp --parents keeps the folders), with no cleaning at all.
find "$treedir" -type f -print0 > "$out/tree-files"
copy="-a $out/tree-files -0 -n 500 cp --parents -t OUT"
measure_tree "cp1|cp, one at a time|xargs -P 1 $copy" "cp2|cp, two at a time|xargs -P 2 $copy"
measure_tree "check1|textclean -j 1 --check TREE|$tc -j 1 --check $treedir" "check2|textclean -j 2 --check TREE|$tc -j 2 --check $treedir"
measure_tree "o1|textclean -j 1 -o OUT TREE|$tc -j 1 -o OUT $treedir" "o2|textclean -j 2 -o OUT TREE|$tc -j 2 -o OUT $treedir"
speedup "cp: 2 writers over 1" "$secs_cp1" "$secs_cp2"
speedup "textclean --check: -j 2 over -j 1" "$secs_check1" "$secs_check2"
speedup "textclean -o: -j 2 over -j 1" "$secs_o1" "$secs_o2"
rm -rf "$out/tree-out" "$out/tree-files" "$out/tree-err"
sync
date +%s > "$out/tree-removed"
