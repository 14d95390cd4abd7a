#!/usr/bin/env bash
# Counts the instructions of each stage of BenchmarkAdversarial
# (dedupe/bench_adversarial_test.go) at 1 MB and 10 MB under callgrind,
# which the load on the machine does not move. A count is the difference
# of two whole-program totals, the stage run LO times and HI times, over
# HI - LO: the input's generation and the set-up cancel out (callgrind's
# per-function totals are not reliable with Go's stacks). Each line of
# output: input/stage, the counts a run at 1 MB and 10 MB, their ratio.
# GOGC=off leaves out the collector's cycles but the one that Clean forces
# at its end: its counts are the same from run to run (the collector's
# pacing and the runtime's two-minute forced cycle follow the clock, which
# callgrind slows, so with GOGC=100 two identical runs at 10 MB differ by
# up to a few hundred million instructions).
#
# Usage: bench/adversarial-instructions.sh [STAGE...] (default clean diff
# report normalize), INPUTS="articles many-teasers" to pick inputs, SIZES=1
# for the 1 MB counts only, JOBS=2
# valgrinds at once. The raw totals stay in bench/out/instructions: the
# counts are added to its file "counts", and the table shows the last
# count of each input, stage and size there, so that a run of a few
# stages adds to the ones before.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/require.sh
require valgrind=valgrind
out=bench/out/instructions
mkdir -p "$out"
go test -c -o "$out/adv.test" ./dedupe
stages=${*:-clean diff report normalize}
inputs=${INPUTS:-articles huge-paragraph tiny-paragraphs repeated-paragraph tiny-repeated repeated-long-paragraph repeated-sentence many-teasers shared-starts one-sentence}

# runs STAGE MB: the LO and HI run counts of a stage. The run of a whole
# program has noise of about 0.5M instructions (the collector's timing),
# so stages of a few million instructions run many times.
runs() {
	case $1/$2 in
	clean/10) echo "1 2" ;;
	clean/* | normalize/*) echo "1 3" ;;
	diff/10 | report/10) echo "1 5" ;;
	*) echo "1 41" ;;
	esac
}

# total NAME N: runs the stage benchmark NAME N times under callgrind and
# prints the program's instruction total and the benchmark's own count of
# runs (b.N), so that a run count the benchmark did not keep shows.
total() {
	local file=$out/$(echo "$1" | tr -d '^$' | tr / _)-$2x
	GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=callgrind \
		--callgrind-out-file="$file.cg" "$out/adv.test" -test.run '^$' \
		-test.bench "^BenchmarkAdversarial\$/$1" -test.benchtime "$2x" > "$file.out" 2>&1
	echo "$(sed -n 's/.*Collected : //p' "$file.out") $(awk '/^BenchmarkAdversarial/ {print $2}' "$file.out")"
	rm -f "$file.cg"
}

# count INPUT MB STAGE: the stage's instructions a run.
count() {
	local lo hi tlo thi nlo nhi
	read -r lo hi <<< "$(runs "$3" "$2")"
	read -r tlo nlo <<< "$(total "^$1\$/^$2MB\$/^$3\$" "$lo")"
	read -r thi nhi <<< "$(total "^$1\$/^$2MB\$/^$3\$" "$hi")"
	echo "$1 $2 $3 $tlo $thi $nlo $nhi $(((thi - tlo) / (nhi - nlo))) GOGC=${GOGC:-100}" >> "$out/counts"
}
export -f runs total count
export out

for stage in $stages; do
	for input in $inputs; do
		for mb in ${SIZES:-10 1}; do
			echo "$input $mb $stage"
		done
	done
done | xargs -P "${JOBS:-2}" -L 1 bash -c 'count "$@"' _

for stage in $stages; do
	for input in $inputs; do
		one=$(awk -v i="$input" -v s="$stage" -v g="GOGC=${GOGC:-100}" '$1 == i && $2 == 1 && $3 == s && $9 == g {c = $8} END {print c}' "$out/counts")
		ten=$(awk -v i="$input" -v s="$stage" -v g="GOGC=${GOGC:-100}" '$1 == i && $2 == 10 && $3 == s && $9 == g {c = $8} END {print c}' "$out/counts")
		printf '%-32s %14s %14s %7s\n' "$input/$stage" "$one" "$ten" \
			"$(awk -v a="$one" -v b="$ten" 'BEGIN { if (a > 0) printf "%.2fx", b / a }')"
	done
done
