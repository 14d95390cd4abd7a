#!/usr/bin/env bash
# Times textclean on a generated 100 MB stream beside awk '!seen[$0]++' and
# sort -u, and on a tree of the same articles as files with -j 1 and -j 2,
# median of 5 runs each, all in this one run so the ratios compare like
# with like on a shared, noisy machine. Usage: bench/run.sh [MB] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-100}
runs=${2:-5}
out=bench/out
mkdir -p "$out"
go build -o "$out/textclean" ./cmd/textclean
input="$out/stream-${mb}mb.txt"
[ -s "$input" ] || go run ./bench/gen -size "$mb" > "$input"
bytes=$(wc -c < "$input")

# median SECONDS of running "$@" with the input on stdin and output discarded.
median() {
	local times=()
	for _ in $(seq "$runs"); do
		local start end
		start=$(date +%s.%N)
		"$@" < "$input" > /dev/null
		end=$(date +%s.%N)
		times+=("$(echo "$end - $start" | bc)")
	done
	printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

awk_s=$(median awk '!seen[$0]++')
printf '%-40s %8s %9s %8s\n' "command ($((bytes >> 20)) MB, median of $runs)" seconds "MB/s" "vs awk"
row() {
	local name=$1 s=$2
	printf '%-40s %8.2f %9.1f %7.2fx\n' "$name" "$s" "$(echo "$bytes / 1048576 / $s" | bc -l)" "$(echo "$awk_s / $s" | bc -l)"
}
row "awk '!seen[\$0]++'" "$awk_s"
row "sort -u" "$(median sort -u)"
row "textclean" "$(median "$out/textclean")"
row "textclean --no-near" "$(median "$out/textclean" --no-near)"
row "textclean --no-sentences --no-near" "$(median "$out/textclean" --no-sentences --no-near)"
row "textclean exact paragraphs only" "$(median "$out/textclean" --no-sentences --no-near --no-boilerplate --no-mojibake --no-entities --no-nfc --no-invisible --no-spaces --no-controls)"

[ "${STREAM_ONLY:-}" ] && exit 0

# The same amount of text as a tree of files, one article each.
tree="$out/tree-${mb}mb"
[ -d "$tree" ] || go run ./bench/gen -size "$mb" -tree "$tree"
files=$(find "$tree" -type f | wc -l)
treebytes=$(find "$tree" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
# Each run writes a fresh output folder; they are all removed at the end,
# not between runs: deleting tens of thousands of files right before a run
# slows it down (the disk discards blocks in the background).
# tmedian LABEL COMMAND...: median seconds of COMMAND OUT TREE.
tmedian() {
	local label=$1 times=()
	shift
	for k in $(seq "$runs"); do
		local start end
		start=$(date +%s.%N)
		"$@" "$out/tree-clean-$label-$k" "$tree" > /dev/null
		end=$(date +%s.%N)
		times+=("$(echo "$end - $start" | bc)")
	done
	printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
echo
printf '%-40s %8s %9s %9s\n' "tree ($files files, $((treebytes >> 20)) MB)" seconds "files/s" "MB/s"
rm -rf "$out"/tree-clean-*
j1=$(tmedian j1 "$out/textclean" -q -j 1 -o)
j2=$(tmedian j2 "$out/textclean" -q -j 2 -o)
for row in "-j 1:$j1" "-j 2:$j2"; do
	s=${row#*:}
	printf '%-40s %8.2f %9.0f %9.1f\n' "textclean ${row%%:*} -o OUT TREE" "$s" "$(echo "$files / $s" | bc -l)" "$(echo "$treebytes / 1048576 / $s" | bc -l)"
done
printf '%-40s %7.2fx\n' "speed-up of -j 2 over -j 1" "$(echo "$j1 / $j2" | bc -l)"
if [ -x /usr/bin/time ]; then
	rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
	echo
	echo "peak RSS: stream $(rss "$out/textclean" < "$input") KB for $((bytes >> 20)) MB;" \
		"tree -j 2 $(rss "$out/textclean" -q -j 2 -o "$out/tree-clean-rss" "$tree") KB"
fi
rm -rf "$out"/tree-clean-*
