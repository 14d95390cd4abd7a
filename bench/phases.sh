#!/usr/bin/env bash
# Times each phase of dedup across documents (sign, sort, select, apply)
# and the one-process --across --boilerplate run, with their peak memory,
# on generated corpora of 1x, 4x and 16x BASE records, one run each; and
# the size of the --state file per distinct paragraph. Prints a Markdown
# table. Usage: bench/phases.sh [BASE] (default 5000 records). It needs
# GNU time and bc, and installs them with INSTALL=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/require.sh
require /usr/bin/time=time bc=bc
base=${1:-5000}
out=bench/out/phases
mkdir -p "$out"
go build -o "$out/textclean" ./cmd/textclean
tc=$out/textclean
policy=(--across --boilerplate 50)

# measure CMD: the table cell "ELAPSED s (CPU s), MAXRSS MB" of running
# CMD (a shell command line) under GNU time. CPU time (user + system) is
# the steadier figure on a shared machine.
measure() {
	/usr/bin/time -f '%e %U %S %M' -o "$out/time" bash -c "$1" > /dev/null
	read -r secs user sys kb < "$out/time"
	printf '%s s (%s), %d MB' "$secs" "$(echo "$user + $sys" | bc)" $((kb / 1024))
}

printf '| records | MB | distinct paragraphs | signatures | verdicts | local --across --boilerplate 50 | sign | sort | select | apply | state bytes / distinct paragraph |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
for mult in 1 4 16; do
	n=$((base * mult))
	in="$out/corpus-$n.jsonl"
	[ -s "$in" ] || go run ./bench/corpus -records "$n" > "$in"
	mb=$(echo "scale=1; $(wc -c < "$in") / 1048576" | bc)
	local_cell=$(measure "$tc --jsonl ${policy[*]} $in")
	sign_cell=$(measure "$tc sign --jsonl $in > $out/sigs.tsv")
	sort_cell=$(measure "LC_ALL=C sort -S 25% $out/sigs.tsv > $out/sorted.tsv")
	select_cell=$(measure "$tc select ${policy[*]} $out/sorted.tsv > $out/verdicts.tsv")
	apply_cell=$(measure "$tc apply --jsonl --verdicts $out/verdicts.tsv $in")
	distinct=$(cut -f1 "$out/sorted.tsv" | uniq | wc -l)
	rm -f "$out/state"
	"$tc" --jsonl "${policy[@]}" --state "$out/state" "$in" > /dev/null
	per=$(echo "scale=1; $(wc -c < "$out/state") / $distinct" | bc)
	printf '| %d | %s | %d | %d | %d | %s | %s | %s | %s | %s | %s |\n' \
		"$n" "$mb" "$distinct" "$(wc -l < "$out/sigs.tsv")" "$(wc -l < "$out/verdicts.tsv")" \
		"$local_cell" "$sign_cell" "$sort_cell" "$select_cell" "$apply_cell" "$per"
done
