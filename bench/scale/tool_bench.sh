#!/bin/sh
# tool_bench.sh ANNALS DIR [JOBS] — issue 15's whole-process figures of `annals extract` and
# `annals ingest` (bench/README.md, "The annals tool end to end"):
#   DIR/sample/*.txt  sample-sized reports (bench/scale/vary_sample.py data/chengdu-2024.txt 1200 …)
#   DIR/gen/*.txt     generated reports of distinct jurisdictions (gen_reports --jurisdictions 300 --years 4)
#   DIR/big.txt       one large report (the sample repeated; tens of MB)
# Each command runs under /usr/bin/time; one line per command: wall s, CPU s (user+sys), peak RSS
# MB, input MB/s (wall). JOBS, when given, is passed as --jobs (the tool of before issue 15 has none).
set -eu
annals=$1
dir=$2
jobs=${3:-}
jflag=""
[ -n "$jobs" ] && jflag="--jobs $jobs"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mb() { du -cb "$@" | tail -1 | awk '{print $1/1e6}'; }
row() {  # name input-MB command…
  name=$1; size=$2; shift 2
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$@" >"$tmp/out" 2>"$tmp/err" || { echo "$name: exit $? ($(head -c 300 "$tmp/err"))"; return 0; }
  read -r wall user sys rss <"$tmp/t"
  awk -v n="$name" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v m="$size" -v o="$(stat -c %s "$tmp/out")" \
    'BEGIN { printf "%-34s wall %6.2f s  cpu %6.2f s  rss %7.1f MB  %6.1f MB/s  out %.1f MB\n", n, w, u+s, r/1024, (w>0?m/w:0), o/1e6 }'
}
sample_mb=$(mb "$dir"/sample/*.txt)
gen_mb=$(mb "$dir"/gen/*.txt)
cd "$dir/sample"
for f in jsonl json md csv; do
  # shellcheck disable=SC2086
  row "extract sample×$(ls | wc -l) --format $f" "$sample_mb" "$annals" extract $jflag --format $f -- *.txt
done
cd - >/dev/null
rm -f "$tmp/new.db"*
# shellcheck disable=SC2086
row "ingest gen×$(ls "$dir"/gen | wc -l)" "$gen_mb" "$annals" ingest $jflag --db "$tmp/new.db" "$dir/gen"
tail -1 "$tmp/out"
rm -f "$tmp/new.db"*
# shellcheck disable=SC2086
row "ingest sample×$(ls "$dir"/sample | wc -l)" "$sample_mb" "$annals" ingest -q $jflag --db "$tmp/new.db" "$dir/sample"
tail -1 "$tmp/out"
if [ -f "$dir/big.txt" ] && [ -z "${SKIP_BIG:-}" ]; then
  big_mb=$(mb "$dir/big.txt")
  # shellcheck disable=SC2086
  row "extract big ($big_mb MB) --format jsonl" "$big_mb" "$annals" extract $jflag --format jsonl "$dir/big.txt"
  # shellcheck disable=SC2086
  row "extract big ($big_mb MB) --format json" "$big_mb" "$annals" extract $jflag --format json "$dir/big.txt"
fi
