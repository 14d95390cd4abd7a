#!/usr/bin/env bash
# Times textclean on a generated 100 MB stream beside awk '!seen[$0]++' and
# sort -u, median of 5 runs each, all in this one run so the ratios compare
# like with like on a shared, noisy machine. Usage: bench/run.sh [MB] [RUNS]
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
row "textclean --no-sentences" "$(median "$out/textclean" --no-sentences)"
row "textclean (rules and sentences off)" "$(median "$out/textclean" --no-sentences --no-entities --no-nfc --no-invisible --no-spaces --no-controls)"
