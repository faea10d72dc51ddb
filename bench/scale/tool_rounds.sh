#!/bin/sh
# bench/scale/tool_rounds.sh BUILD OUT [ROUNDS] — issue 15's targets for `annals extract` and
# `annals ingest` as `make bench-tool` measures them: ROUNDS (default 21) alternated rounds of
#   extract1   annals extract --format jsonl --jobs 1 FILES to a file   target ≥ 60 MB/s
#   extract2   the same with --jobs 2                                   target ≥ 1.7 × 60 MB/s
#   ingest2    annals ingest -q --jobs 2 into a new store   target ≥ 3,000 reports/s and 200,000 facts/s
# over OUT/sample: 1,200 sample-sized reports (bench/scale/vary_sample.py, made once), each round
# opened and closed by the gauges: extract of 300 of the files pinned to one CPU (taskset -c K),
# one per CPU, to /dev/null. Printed by rounds.py: every round, then the rounds in which every
# CPU ran at its usual speed (bench/README.md, "Reading a figure on this machine"); the raw rounds
# go to OUT/rounds.json.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 BUILD OUT [ROUNDS]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
annals=$(realpath "$1/examples/annals")
mkdir -p "$2"
out=$(realpath "$2")
rounds=${3:-21}
files=1200
[ -x "$annals" ] || { echo "tool_rounds: $annals: not built" >&2; exit 2; }
if [ "$(find "$out/sample" -name '*.txt' 2>/dev/null | wc -l)" -ne "$files" ]; then
  rm -rf "$out/sample"
  python3 "$here/vary_sample.py" "$root/data/chengdu-2024.txt" "$files" "$out/sample"
fi
bytes=$(cat "$out"/sample/*.txt | wc -c)
echo "tool_rounds: $files files, $bytes bytes, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
# the store each ingest makes anew, and removes (quoted for the shell rounds.py runs)
remove_store="rm -f '$out/t.db' '$out/t.db-wal' '$out/t.db-shm'"
# the facts the files hold, from one untimed ingest (sqlite3: BENCH_PKGS)
sh -c "$remove_store"
"$annals" ingest -q --db "$out/t.db" "$out/sample" > /dev/null 2>&1
facts=$(sqlite3 "$out/t.db" "SELECT count(*) FROM facts")
echo "tool_rounds: $facts facts"
# the targets as times: the stricter of files / 3,000 reports/s and facts / 200,000 facts/s;
# bytes / 60 MB/s; bytes / 102 MB/s
ingest_s=$(awk -v n="$files" -v f="$facts" 'BEGIN { a = n / 3000; b = f / 200000; printf "%.4f", (a < b ? a : b) }')
one_s=$(awk -v b="$bytes" 'BEGIN { printf "%.4f", b / 60e6 }')
two_s=$(awk -v b="$bytes" 'BEGIN { printf "%.4f", b / 102e6 }')
cd "$out/sample"
# the gauges: for each CPU K, cpuK (before the round's commands) and cpuK. (after them)
gauge="$annals extract --format jsonl --jobs 1 -- sample-000*.txt sample-001*.txt sample-002*.txt > /dev/null"
set --
cpus=$(nproc)
k=0
while [ "$k" -lt "$cpus" ]; do
  set -- "$@" "cpu$k=taskset -c $k $gauge"
  k=$((k + 1))
done
set -- "$@" \
  "extract1=$annals extract --format jsonl --jobs 1 -- *.txt > '$out/x.jsonl'" \
  "extract2=$annals extract --format jsonl --jobs 2 -- *.txt > '$out/x.jsonl'" \
  "ingest2=$annals ingest -q --jobs 2 --db '$out/t.db' '$out/sample'"
gauges=""
k=0
while [ "$k" -lt "$cpus" ]; do
  set -- "$@" "cpu$k.=taskset -c $k $gauge"
  gauges="$gauges --gauge cpu$k --gauge cpu$k."
  k=$((k + 1))
done
# shellcheck disable=SC2086
python3 "$here/rounds.py" -n "$rounds" $gauges --json "$out/rounds.json" \
  --before "$remove_store" \
  --under "extract1=$one_s" --under "extract2=$two_s" --under "ingest2=$ingest_s" "$@"
sh -c "$remove_store"
rm -f "$out/x.jsonl"
