#!/bin/sh
# `make demo`: run the bundled analyzers on the bundled reports with the embedded SQLite store.
# Usage: sh examples/demo.sh BUILD_DIR   (the Makefile passes build/release)
set -eu
build=${1:-build/release}
annals="$build/examples/annals"
db=annals.db
html=annals-report.html
city=成都市

[ -x "$annals" ] || { echo "annals: demo: $annals not built (run make demo)" >&2; exit 2; }

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

rm -f "$db" "$db-wal" "$db-shm"

say "1. Ingest the bundled reports (data/: the real 2024 report + made-up 2023 and 2025 test reports)"
"$annals" ingest --db "$db" data/

say "2. Reports in the store"
"$annals" reports --db "$db" --format table

say "3. Year over year: every metric's series, computed vs stated growth"
"$annals" yoy --db "$db" --jurisdiction "$city" --format table

say "4. What became of each year's commitments"
"$annals" timeline --db "$db" --jurisdiction "$city" --format table

say "5. Stated changes in the 2025 report checked against the store (exit 1 = inconsistencies found)"
"$annals" check data/chengdu-2025.txt --db "$db" --format table || true

say "6. One self-contained HTML report"
"$annals" report --db "$db" --jurisdiction "$city" --html "$html"

cat <<MSG

Done. Files:
  $(pwd)/$db     the SQLite store (open it with sqlite3, or query it with annals)
  $(pwd)/$html   the report: open it in a browser

Try next:
  $annals extract data/chengdu-2024.txt --format md          # every figure the reader found
  $annals track data/chengdu-2024.txt data/chengdu-2025.txt --format md
  $annals yoy --db $db --metric 行政复议 --format json
  $annals --help
MSG
