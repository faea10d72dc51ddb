#!/bin/sh
# Issue 13, done-when: the store read by other tools, on the three bundled reports.
#   store_sql_test.sh ANNALS README.md DATA_DIR top3|pandas
# top3:   `sqlite3 annals.db "select * from series order by value_num desc limit 3"` gives the three
#         largest figures (checked against `annals export --panel`, compared as exact decimals).
# pandas: the Python sqlite3 + pandas snippet of README.md (between the yoy-pandas markers), run
#         exactly as written, reads the yoy view into a DataFrame with numeric growth.
# Exit 77 (ctest SKIP_RETURN_CODE) when sqlite3 or pandas is missing, saying which.
set -eu
annals=$1 readme=$2 data=$3 what=$4
dir=$(mktemp -d "${TMPDIR:-/tmp}/annals-sql-XXXXXX")
trap 'rm -rf "$dir"' EXIT
cd "$dir"
"$annals" ingest --db annals.db "$data/chengdu-2023.txt" "$data/chengdu-2024.txt" "$data/chengdu-2025.txt" >/dev/null

# a python3 that has what the check needs (the PATH one may be a pyenv without python3-pandas)
pick_python() {
  for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c "$1" >/dev/null 2>&1; then echo "$p"; return; fi
  done
}

case $what in
top3)
  command -v sqlite3 >/dev/null 2>&1 || { echo "skipped: the sqlite3 command-line tool is not installed"; exit 77; }
  py=$(pick_python "import csv")
  sqlite3 annals.db "select * from series order by value_num desc limit 3" > got.txt
  "$annals" export --db annals.db --panel panel.csv 2>/dev/null
  "$py" - <<'PY'
import csv
from decimal import Decimal
rows = list(csv.DictReader(open("panel.csv", encoding="utf-8")))
assert len(rows) > 50, len(rows)
want = sorted((Decimal(r["value"]) for r in rows), reverse=True)[:3]
got = [line.split("|") for line in open("got.txt", encoding="utf-8").read().splitlines()]
assert len(got) == 3, got
# columns: jurisdiction|metric(label|unit)|year|value|value_num|…: the metric key holds one '|'
values = [Decimal(g[4]) for g in got]
assert values == want, (values, want)
print("top 3:", ", ".join(str(v) for v in values))
PY
  ;;
pandas)
  py=$(pick_python "import pandas")
  [ -n "$py" ] || { echo "skipped: python3-pandas is not installed (make test installs it)"; exit 77; }
  sed -n '/<!-- yoy-pandas:begin -->/,/<!-- yoy-pandas:end -->/p' "$readme" | sed '1d;$d' | sed '/^```/d' > snippet.py
  [ -s snippet.py ] || { echo "README.md has no yoy-pandas snippet"; exit 1; }
  "$py" snippet.py > snippet.out
  cat snippet.out
  "$py" - <<'PY'
import pandas as pd
ns = {}
exec(open("snippet.py", encoding="utf-8").read(), ns)
yoy = ns["yoy"]
assert isinstance(yoy, pd.DataFrame)
assert len(yoy) > 10, len(yoy)
assert pd.api.types.is_float_dtype(yoy["growth_pct"]), yoy.dtypes
assert yoy["growth_pct"].notna().sum() > 5
assert set(yoy["jurisdiction"]) == {"成都市"}
PY
  ;;
*) echo "usage: store_sql_test.sh ANNALS README DATA top3|pandas"; exit 2 ;;
esac
