#!/usr/bin/env bash
# Times textclean on a generated stream of MB megabytes (one document) beside
# awk '!seen[$0]++', sort -u and bench/limit (a Go loop that puts each line's
# xxhash in a map: the practical limit of hash-based dedup), then on a tree
# of about 10,000 files of the same kind of text with -j 1 and -j 2. Each
# row is the median of RUNS runs, all in this one run, so the ratios compare
# like with like on a shared, noisy machine; peak RSS is the largest of the
# runs, from /usr/bin/time -v. Usage: bench/run.sh [MB] [RUNS]
# (STREAM_ONLY=1 skips the tree; FILES=N sets its number of files; it
# needs GNU time and bc, and installs them with INSTALL=1).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/require.sh
require /usr/bin/time=time bc=bc
mb=${1:-100}
runs=${2:-5}
files=${FILES:-10000}
out=bench/out
mkdir -p "$out"
go build -o "$out/textclean" ./cmd/textclean
go build -o "$out/limit" ./bench/limit
input="$out/stream-${mb}mb.txt"
[ -s "$input" ] || go run ./bench/gen -size "$mb" > "$input"
bytes=$(wc -c < "$input")

# Peak memory comes from GNU time.
timed() { /usr/bin/time -v -o "$out/time.txt" "$@"; }
peak() { awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time.txt"; }

# measure [-tree] COMMAND...: runs COMMAND RUNS times (on the stream as
# standard input, or with a fresh output folder and the tree as arguments)
# and sets $secs to the median seconds and $rss to the peak KB of all runs.
measure() {
	local tree='' times=() start end k
	if [ "$1" = -tree ]; then
		tree=1
		shift
	fi
	rss=0
	for k in $(seq "$runs"); do
		start=$(date +%s.%N)
		if [ "$tree" ]; then
			timed "$@" "$out/tree-clean-$k" "$treedir" > /dev/null
		else
			timed "$@" < "$input" > /dev/null || [ $? = 1 ] # -d exits 1: the text changed
		fi
		end=$(date +%s.%N)
		times+=("$(echo "$end - $start" | bc)")
		rss=$(($(peak) > rss ? $(peak) : rss))
	done
	secs=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
}

mbs() { echo "$1 / 1048576 / $2" | bc -l; }
header='%-44s %8s %8s %8s %8s %9s\n'
rowfmt='%-44s %8.2f %8.1f %7.2fx %7.3fx %9d\n'
printf "$header" "stream: $((bytes >> 20)) MB, median of $runs" seconds "MB/s" "vs awk" "vs limit" "RSS KB"
measure awk '!seen[$0]++'
awk_s=$secs awk_rss=$rss
measure "$out/limit"
limit_s=$secs limit_rss=$rss
row() {
	printf "$rowfmt" "$1" "$secs" "$(mbs "$bytes" "$secs")" "$(echo "$awk_s / $secs" | bc -l)" "$(echo "$limit_s / $secs" | bc -l)" "$rss"
}
secs=$awk_s rss=$awk_rss row "awk '!seen[\$0]++'"
secs=$limit_s rss=$limit_rss row "bench/limit (xxhash of each line in a map)"
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

[ "${STREAM_ONLY:-}" ] && exit 0

# About the same amount of text as a tree of files.
treedir="$out/tree-${mb}mb-${files}"
[ -d "$treedir" ] || go run ./bench/gen -size "$mb" -tree "$treedir" -files "$files"
nfiles=$(find "$treedir" -type f | wc -l)
treebytes=$(find "$treedir" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
# Each run writes a fresh output folder; they are all removed at the end,
# not between runs: deleting thousands of files right before a run slows it
# down (the disk discards blocks in the background).
rm -rf "$out"/tree-clean-*
echo
printf '%-44s %8s %8s %8s %8s %9s\n' "tree: $nfiles files, $((treebytes >> 20)) MB" seconds "MB/s" "files/s" "" "RSS KB"
trow() {
	printf '%-44s %8.2f %8.1f %8.0f %8s %9d\n' "$1" "$secs" "$(mbs "$treebytes" "$secs")" "$(echo "$nfiles / $secs" | bc -l)" "" "$rss"
}
measure -tree "$out/textclean" -q -j 1 -o && j1=$secs && trow "textclean -j 1 -o OUT TREE"
rm -rf "$out"/tree-clean-*
measure -tree "$out/textclean" -q -j 2 -o && j2=$secs && trow "textclean -j 2 -o OUT TREE"
rm -rf "$out"/tree-clean-*
printf '%-44s %7.2fx\n' "speed-up of -j 2 over -j 1" "$(echo "$j1 / $j2" | bc -l)"
