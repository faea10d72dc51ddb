#!/bin/sh
# same_output.sh — records what every `annals` command prints on the bundled data, the accuracy
# pairs and a generated benchmark corpus, so that a refactoring can be shown to change nothing
# (issue 14: "output of every command … byte-identical before and after").
#
#   tests/same_output.sh record ANNALS GEN_REPORTS OUT    write OUT/<case>.out|.err|.code
#   tests/same_output.sh compare BEFORE AFTER              diff two recordings; exit 1 on any change
#
# Typical use (docs/architecture.md, "Changing the inside"):
#   git worktree add /tmp/before main && cmake -S /tmp/before -B /tmp/before/b -DANNALS_BUILD_BENCHMARKS=ON …
#   tests/same_output.sh record /tmp/before/b/examples/annals /tmp/before/b/bench/gen_reports /tmp/out-before
#   tests/same_output.sh record build/bench/examples/annals build/bench/bench/gen_reports /tmp/out-after
#   tests/same_output.sh compare /tmp/out-before /tmp/out-after
#
# Each case runs in OUT/work with relative paths, so no absolute path reaches an output; the
# store's ingest times and the HTML's generation time are the only clocks in the outputs and are
# masked (the line is kept, its time replaced by T). Reports of the corpus are made-up documents
# (bench/gen/report_corpus.hpp), deterministic for a seed.
set -eu
# the HTML report says when it was generated: fixed, so that two recordings can be compared
export SOURCE_DATE_EPOCH=0

usage() { echo "usage: $0 record ANNALS GEN_REPORTS OUT | compare BEFORE AFTER" >&2; exit 2; }
[ $# -ge 1 ] || usage

if [ "$1" = compare ]; then
  [ $# -eq 3 ] || usage
  [ -d "$2" ] && [ -d "$3" ] || { echo "same_output: compare: both recordings must exist" >&2; exit 2; }
  if diff -r -q "$2/cases" "$3/cases" >/dev/null; then
    echo "same_output: $(ls "$2/cases" | wc -l) files, identical"
    exit 0
  fi
  diff -r "$2/cases" "$3/cases" | head -80
  echo "same_output: outputs differ (above: the first 80 lines of the difference)" >&2
  exit 1
fi

[ "$1" = record ] && [ $# -eq 4 ] || usage
annals=$(realpath "$2")
gen=$(realpath "$3")
src=$(cd "$(dirname "$0")/.." && pwd)
out=$4
[ -x "$annals" ] || { echo "same_output: $annals is not an executable" >&2; exit 2; }
[ -x "$gen" ] || { echo "same_output: $gen is not an executable" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out/cases" "$out/work/in/data" "$out/work/in/pairs"
out=$(realpath "$out")
cd "$out/work"

cp "$src"/data/*.txt "$src"/data/*.json in/data/
for p in "$src"/tests/accuracy/pairs/*/; do
  n=$(basename "$p")
  cp "$p/earlier.txt" "in/pairs/$n-earlier.txt"
  cp "$p/later.txt" "in/pairs/$n-later.txt"
done
"$gen" --jurisdictions 6 --years 3 --seed 7 --out in/corpus >/dev/null
rm -f in/corpus/*.tsv

# case NAME ARGS…: runs annals ARGS in OUT/work; stdout, stderr and the exit code are kept.
case_() {
  name=$1
  shift
  set +e
  "$annals" "$@" >"$out/cases/$name.out" 2>"$out/cases/$name.err"
  echo $? >"$out/cases/$name.code"
  set -e
}

# 1. Reading: every input in every format.
for f in in/data/*.txt in/pairs/*.txt in/corpus/*.txt; do
  b=$(basename "$f" .txt)
  d=$(basename "$(dirname "$f")")
  for fmt in json jsonl csv md; do case_ "extract-$d-$b.$fmt" extract "$f" --format "$fmt"; done
done

# 2. The store: ingest everything, then every read command in every format.
case_ ingest ingest --db s.db in/data in/corpus
for fmt in table json csv; do case_ "reports.$fmt" reports --db s.db --format "$fmt"; done
case_ reports-revisions reports --db s.db --revisions
for fmt in table json csv; do
  case_ "yoy-db.$fmt" yoy --db s.db --format "$fmt"
  case_ "yoy-db-chengdu-stated.$fmt" yoy --db s.db --jurisdiction 成都市 --stated --format "$fmt"
done
case_ catalogue catalogue --db s.db
case_ check-store check-store --db s.db
for j in $("$annals" reports --db s.db --format csv | tail -n +2 | cut -d, -f2 | sort -u); do
  for fmt in table json md; do case_ "timeline-$j.$fmt" timeline --db s.db --jurisdiction "$j" --format "$fmt"; done
  case_ "report-$j.md" report --db s.db --jurisdiction "$j"
  case_ "report-$j-files" report --db s.db --jurisdiction "$j" --html "r-$j.html" --md "r-$j.md"
  cp "r-$j.html" "$out/cases/report-$j.html" 2>/dev/null || true
  cp "r-$j.md" "$out/cases/report-$j.files.md" 2>/dev/null || true
done

# 3. Comparing: check against a prior file and the store, track pairs and a plan.
for fmt in table json md; do
  case_ "check-2025-prior.$fmt" check in/data/chengdu-2025.txt --prior in/data/chengdu-2024.txt --format "$fmt"
  case_ "check-2025-db.$fmt" check in/data/chengdu-2025.txt --db s.db --format "$fmt"
done
case_ check-2024-problems check in/data/chengdu-2024.txt --db s.db --problems
for fmt in json md; do
  case_ "track-2024-2025.$fmt" track in/data/chengdu-2023.txt in/data/chengdu-2024.txt --format "$fmt"
  case_ "track-2024-2025b.$fmt" track in/data/chengdu-2024.txt in/data/chengdu-2025.txt --format "$fmt"
  case_ "track-plan.$fmt" track in/data/chengdu-2025-plan.json in/data/chengdu-2025.txt --format "$fmt"
  for e in in/pairs/*-earlier.txt; do
    n=$(basename "$e" -earlier.txt)
    case_ "track-$n.$fmt" track "$e" "in/pairs/$n-later.txt" --format "$fmt"
  done
done
case_ track-db track 1 2 --db s.db

# 4. A panel.
"$annals" reports --db s.db --format csv >/dev/null
printf 'jurisdiction,metric,year,value\n甲市,案件|件,2022,80\n甲市,案件|件,2023,100\n甲市,案件|件,2024,125\n乙市,案件|件,2023,0\n乙市,案件|件,2024,7\n' >panel.csv
for fmt in csv json; do case_ "yoy-panel.$fmt" yoy --panel panel.csv --format "$fmt"; done
case_ yoy-panel-summary yoy --panel panel.csv --summary

# 5. Errors: the one line and the exit code.
case_ err-missing extract in/nothing.txt
case_ err-dir extract in
case_ err-usage yoy
case_ err-db reports --db in/data/chengdu-2024.txt

# Clocks: ingest times in the store's outputs and the HTML's "generated" stamp.
for f in "$out"/cases/*; do
  sed -E -i 's/[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z?/T/g' "$f"
done
echo "same_output: recorded $(ls "$out/cases" | wc -l) files in $out/cases"
