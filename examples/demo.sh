#!/bin/sh
# `make demo`: run the bundled analyzers on the bundled reports with the embedded SQLite store.
# Usage: sh examples/demo.sh BUILD_DIR   (the Makefile passes build/release)
#
# data/chengdu-2024.txt is the real, official report; chengdu-2023.txt and chengdu-2025.txt are
# made-up test documents (their figures are invented; see data/README.md).
set -eu
build=${1:-build/release}
annals="$build/examples/annals"
db=annals.db
html=annals-report.html
city=成都市

[ -x "$annals" ] || { echo "annals: demo: $annals not built (run make demo)" >&2; exit 2; }

if [ -t 1 ]; then bold=$(printf '\033[1m'); plain=$(printf '\033[0m'); else bold=; plain=; fi
say() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }
started=$(date +%s)

rm -f "$db" "$db-wal" "$db-shm" "$html"

say "1. Ingest the bundled reports (data/: the real 2024 report + made-up 2023 and 2025 test reports)"
"$annals" ingest --db "$db" data/

say "2. Reports in the store"
"$annals" reports --db "$db" --format table

say "3. Year over year: every growth a report states, against the figures of the year before"
"$annals" yoy --db "$db" --jurisdiction "$city" --stated

say "4. What became of each year's commitments (statuses between consecutive years)"
"$annals" timeline --db "$db" --jurisdiction "$city" --format table

say "5. Inconsistencies: stated changes no reading of the figures allows (exit 1 = found some)"
for year in 2024 2025; do
  "$annals" check "data/chengdu-$year.txt" --db "$db" --problems || [ $? -eq 1 ]
  echo
done

say "6. One self-contained HTML report"
"$annals" report --db "$db" --jurisdiction "$city" --html "$html"

cat <<MSG

Done in $(( $(date +%s) - started )) s. Files:
  $(pwd)/$db            the SQLite store (query it with annals, or open it with sqlite3)
  $(pwd)/$html  the report: open it in a browser (one file, nothing fetched)

Try next:
  $annals yoy --db $db --with-growth
  $annals check data/chengdu-2025.txt --prior data/chengdu-2024.txt --format md
  $annals extract data/chengdu-2024.txt --format md
  $annals track data/chengdu-2024.txt data/chengdu-2025.txt --format md
  $annals report --db $db --jurisdiction $city --md report.md
  $annals report --db $db --jurisdiction $city --html report-en.html --lang en
  $annals --help
MSG
