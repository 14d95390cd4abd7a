#!/usr/bin/env bash
# CPU time of BenchmarkAdversarial stages (dedupe/bench_adversarial_test.go)
# at 1 MB and 10 MB, the sizes alternated ROUNDS times (default 3), each
# invocation -test.count 3, in an autogroup at nice -15
# (run as root; elsewhere the nice is skipped). Prints, for each stage, the
# minimum cpu-ns/op of each size in ms, their ratio, and the load average
# before and after. PATTERN is the stage part of the benchmark's name
# after the size, a regular expression (default diff|report); INPUTS the
# input part (default every input).
#
# Each sample is the mean of the same bytes at either size: 20 runs at 1 MB
# (-test.benchtime 20x), 2 at 10 MB. With 2 runs at 1 MB as well, as until
# the fourteenth session, a 1 MB sample of a few milliseconds varied by
# half (many-teasers' normalize: 4.4 to 6.9 ms of CPU), and the minimum of
# nine such samples came out low: that normalize took 13.2x from 1 to 10
# MB so, 7.4-9.9x in samples of 50 runs at 1 MB and 5 at 10 MB.
#
# For the diff and report stages it prints too, in brackets, how much more
# they write at 10 MB than at 1 MB (out-B/op): a stage whose output grows
# faster than its input takes more than 10x for that reason.
#
# Usage: bench/adversarial-cpu.sh [PATTERN] [INPUTS]. The raw output stays
# in bench/out/cpu.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out/cpu
mkdir -p "$out"
go test -c -o "$out/adv.test" ./dedupe
stage=${1:-diff|report}
inputs=${2:-.*}
: > "$out/raw"
uptime | tee "$out/load"
for round in $(seq "${ROUNDS:-3}"); do
	for mb in 1 10; do
		setsid -w bash -c 'echo -15 > /proc/self/autogroup 2> /dev/null; exec "$@"' _ \
			"$out/adv.test" -test.run '^$' \
			-test.bench "^BenchmarkAdversarial\$/^($inputs)\$/^${mb}MB\$/^($stage)\$" \
			-test.benchtime "$((20 / mb))x" -test.count 3 >> "$out/raw"
	done
	uptime | tee -a "$out/load"
done
# The minimum cpu-ns/op of each stage and size, then the ratio.
awk '/^BenchmarkAdversarial/ {
	split($1, name, "/"); sub(/-[0-9]+$/, "", name[4]); key = name[2] "/" name[4]
	for (i = 3; i < NF; i++) {
		if ($(i + 1) == "cpu-ns/op") cpu = $i
		if ($(i + 1) == "out-B/op") written[key, name[3]] = $i
	}
	if (!((key, name[3]) in best) || cpu < best[key, name[3]]) best[key, name[3]] = cpu
	keys[key] = 1
}
END {
	for (k in keys) {
		one = best[k, "1MB"]; ten = best[k, "10MB"]
		line = sprintf("%-34s %10.2f %10.2f %7.1fx", k, one / 1e6, ten / 1e6, (one > 0 ? ten / one : 0))
		if (written[k, "1MB"] > 0)
			line = line sprintf("  (output %.1fx)", written[k, "10MB"] / written[k, "1MB"])
		print line
	}
}' "$out/raw" | sort
