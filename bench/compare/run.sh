#!/bin/sh
# bench/compare/run.sh [BUILD_DIR] — annals beside its peers, on the same inputs, in one run.
#
#   (a) reading:   annals::read_report_text (annals_read_corpus) vs Recognizers-Text (Chinese
#                  number + ordinal + percentage models, built once) on a generated multi-MB corpus
#                  of made-up reports; recall against the corpus' ground truth; accuracy on the
#                  sample against tests/data/chengdu-2024.gold.tsv when that file exists
#   (b) panel YoY: `annals yoy --panel --summary` vs DuckDB (@duckdb/node-api, 2 threads) vs sqlite3
#                  (LAG window) on a generated 6,000,000-row shuffled panel; answers compared
#   (c) ingest:    `annals ingest` of the corpus vs sqlite3 `.import` of the facts it stored
#
# Peers are installed when missing: npm packages into $ANNALS_PEERS (default BUILD_DIR/peers),
# Debian sqlite3 / nodejs / npm / time with apt-get. Inputs are generated into BUILD_DIR/compare-data
# (kept between runs). Knobs: PANEL_JURISDICTIONS (3000 → 6 M rows), CORPUS_JURISDICTIONS (150 ×
# 4 years), RUNS (best of, default 3). Prints a Markdown table; exits 1 when answers disagree.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-build/bench}
case $build in /*) ;; *) build="$root/$build" ;; esac
annals="$build/examples/annals"
benchdir="$build/bench"
peers=${ANNALS_PEERS:-$build/peers}
data=$build/compare-data
results=$data/results
panel_j=${PANEL_JURISDICTIONS:-3000}
corpus_j=${CORPUS_JURISDICTIONS:-150}
runs=${RUNS:-3}
mkdir -p "$data" "$results"
rm -f "$results"/*

for tool in "$annals" "$benchdir/gen_panel" "$benchdir/gen_reports" "$benchdir/annals_read_corpus"; do
  [ -x "$tool" ] || { echo "compare: $tool is missing (build with -DANNALS_BUILD_BENCHMARKS=ON)" >&2; exit 2; }
done

# ---- peers -------------------------------------------------------------------------------------
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
missing=""
# by command, not by package: node and npm may come from elsewhere (NodeSource's nodejs bundles
# npm and conflicts with Debian's npm package)
for p in sqlite3:sqlite3 node:nodejs npm:npm /usr/bin/time:time; do
  command -v "${p%%:*}" >/dev/null 2>&1 || missing="$missing ${p#*:}"
done
if [ -n "$missing" ]; then
  echo "compare: installing Debian packages:$missing" >&2
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >&2
fi
# @duckdb/node-api publishes DuckDB 1.5.6 as 1.5.6-r.1 (the npm version carries a release suffix).
duckdb_pkg=@duckdb/node-api@1.5.6-r.1
rt_pkg=@microsoft/recognizers-text-suite@1.3.1
if [ ! -d "$peers/node_modules/@duckdb/node-api" ] || [ ! -d "$peers/node_modules/@microsoft/recognizers-text-suite" ]; then
  echo "compare: installing $duckdb_pkg $rt_pkg into $peers" >&2
  mkdir -p "$peers"
  [ -f "$peers/package.json" ] || echo '{ "name": "annals-bench-peers", "private": true }' > "$peers/package.json"
  (cd "$peers" && npm install --no-audit --no-fund --loglevel=error "$duckdb_pkg" "$rt_pkg" >&2)
fi
export PEERS_DIR="$peers"

# measure NAME CMD… : runs CMD with stdout to results/NAME.out, and wall seconds, peak RSS (KB),
# user and system CPU seconds to results/NAME.time ("wall rss user sys"); fails when CMD fails.
# (sh has no local variables: measure and best use names of their own)
measure() {
  m_name=$1
  shift
  if ! /usr/bin/time -f "%e %M %U %S" -o "$results/$m_name.time" "$@" > "$results/$m_name.out" 2> "$results/$m_name.err"; then
    echo "compare: $m_name failed:" >&2
    cat "$results/$m_name.err" >&2
    return 1
  fi
}
# best NAME RUNS CMD… : the run with the least wall time of RUNS kept as NAME.{out,time}
best() {
  name=$1
  n=$2
  shift 2
  i=0
  while [ "$i" -lt "$n" ]; do
    measure "$name.$i" "$@"
    i=$((i + 1))
  done
  bi=$(for f in "$results/$name".*.time; do echo "$(tail -1 "$f" | cut -d' ' -f1) $f"; done | sort -n | head -1 | cut -d' ' -f2)
  cp "$bi" "$results/$name.time"
  cp "${bi%.time}.out" "$results/$name.out"
}

# ---- inputs ------------------------------------------------------------------------------------
panel="$data/panel-${panel_j}x100x20-shuffled.csv"
[ -s "$panel" ] || "$benchdir/gen_panel" --jurisdictions "$panel_j" --metrics 100 --years 20 --shuffle --out "$panel"
corpus="$data/corpus-${corpus_j}x4"
[ -d "$corpus" ] || "$benchdir/gen_reports" --jurisdictions "$corpus_j" --years 4 --first-year 2021 --out "$corpus"
cat "$panel" "$corpus"/*.txt > /dev/null  # warm the page cache for everyone alike

# ---- (a) reading -------------------------------------------------------------------------------
echo "compare: (a) reading" >&2
measure read_annals "$benchdir/annals_read_corpus" "$corpus" --repeat "$runs"
measure read_rt node "$here/recognizers.cjs" "$corpus" --repeat 2
gold="$root/tests/data/chengdu-2024.gold.tsv"
sample="$root/data/chengdu-2024.txt"
if [ -f "$gold" ]; then
  measure gold_annals "$benchdir/annals_read_corpus" --gold "$gold" "$sample" || true
  measure gold_rt node "$here/recognizers.cjs" --gold "$gold" "$sample" || true
fi

# ---- (b) panel YoY -----------------------------------------------------------------------------
echo "compare: (b) panel YoY on $(wc -l < "$panel") lines" >&2
best panel_annals "$runs" "$annals" yoy --panel "$panel" --summary
best panel_duckdb "$runs" node "$here/panel_duckdb.cjs" "$panel" 2
{
  echo "CREATE TABLE panel(jurisdiction TEXT, metric TEXT, year INTEGER, value REAL);"
  echo ".import --csv --skip 1 '$panel' panel"
  cat "$here/panel_sqlite.sql"
} > "$data/panel_sqlite_run.sql"
measure panel_sqlite sh -c "sqlite3 :memory: < '$data/panel_sqlite_run.sql'"

# ---- (c) ingest --------------------------------------------------------------------------------
if "$annals" ingest --help > /dev/null 2>&1; then
  echo "compare: (c) ingest" >&2
  db="$data/ingest.db"
  rm -f "$db" "$db-wal" "$db-shm"
  measure ingest_annals "$annals" ingest --quiet --db "$db" "$corpus"
  sqlite3 "$db" "SELECT count(*) FROM facts" > "$results/ingest_facts.out"
  sqlite3 -csv "$db" "SELECT * FROM facts" > "$data/facts.csv"
  idb="$data/import.db"
  rm -f "$idb" "$idb-wal" "$idb-shm"
  {
    echo "PRAGMA page_size = 16384;"
    echo "PRAGMA journal_mode = WAL;"
    echo "PRAGMA synchronous = NORMAL;"
    sqlite3 "$db" ".schema facts"
    echo ".import --csv '$data/facts.csv' facts"
    echo "SELECT count(*) FROM facts;"
  } > "$data/import_run.sql"
  measure ingest_sqlite sh -c "sqlite3 '$idb' < '$data/import_run.sql' | tail -1"
else
  echo "compare: (c) ingest: 'annals ingest' is not built: not measured" >&2
fi

# ---- the table ---------------------------------------------------------------------------------
node "$here/table.cjs" "$results" "$panel" "$corpus"
