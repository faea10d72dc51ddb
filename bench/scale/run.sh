#!/bin/sh
# bench/scale/run.sh BUILD OUT GOVS YEARS — issue 15's national-scale run (`make bench-scale`):
# GOVS made-up governments × YEARS annual reports (bench/gen: gen_reports --no-truth), then, each
# under /usr/bin/time (wall, CPU = user+sys, peak RSS of the largest process):
#   ingest   annals ingest --jobs JOBS of every report into OUT/scale.db     reports/s, facts/s
#   yoy      annals yoy --db --jobs JOBS over every metric of every jurisdiction (csv)  rows/s
#   track    annals track --db EARLIER LATER of every consecutive pair (one process a pair, JOBS
#            at a time; TRACK_PAIRS=N takes N pairs spread over all)        pairs/s
#   trackall annals track --db --all --jobs JOBS: every consecutive pair in one process  pairs/s
#   timeline annals timeline --db --jurisdiction J --no-save of every jurisdiction (one process a
#            jurisdiction: its YEARS-1 pairs tracked in one process; TIMELINES=N takes N)  pairs/s
#   report   annals report --db --jurisdiction J --html of one jurisdiction
#   check    annals check REPORT --db of the latest year of every government (one process a
#            report, JOBS at a time; CHECK_REPORTS=N takes N)                reports/s
# and the store's size. BUILD holds examples/annals and bench/gen_reports (Release: the bench
# preset). Everything goes under OUT (reports: ~5 kB each; store: see bench/README.md).
# JOBS defaults to the number of cores.
set -eu
[ $# -eq 4 ] || { echo "usage: $0 BUILD OUT GOVS YEARS" >&2; exit 2; }
build=$1 out=$2 govs=$3 years=$4
jobs=${JOBS:-$(nproc)}
annals=$(realpath "$build/examples/annals")
gen=$(realpath "$build/bench/gen_reports")
first_year=2015
last_year=$((first_year + years - 1))
mkdir -p "$out"
out=$(realpath "$out")
rm -rf "$out/reports" "$out/scale.db" "$out/scale.db-wal" "$out/scale.db-shm" "$out/one.html"

echo "bench-scale: $govs governments × $years years ($first_year–$last_year), jobs $jobs, $(nproc) cores," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"

# timed NAME COUNT UNIT COMMAND…: one line — wall, CPU, peak RSS, COUNT/wall UNIT/s
timed() {
  name=$1 count=$2 unit=$3
  shift 3
  code=0
  /usr/bin/time -f '%e %U %S %M' -o "$out/.time" "$@" >"$out/.stdout" 2>"$out/.stderr" || code=$?
  if [ "$code" -ne 0 ]; then
    echo "bench-scale: $name failed (exit $code): $(head -c 400 "$out/.stderr")" >&2
    exit 1
  fi
  read -r wall user sys rss <"$out/.time"
  awk -v n="$name" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v c="$count" -v unit="$unit" 'BEGIN {
    printf "%-8s wall %8.2f s  cpu %8.2f s  peak rss %7.1f MB", n, w, u + s, r / 1024
    if (c > 0) printf "  %10.0f %s/s", c / (w > 0 ? w : 0.01), unit
    printf "\n" }'
}

timed generate 0 - "$gen" --jurisdictions "$govs" --years "$years" --first-year "$first_year" --no-truth --out "$out/reports"
reports=$((govs * years))
echo "         $(du -sh "$out/reports" | cut -f1) of reports"

timed ingest "$reports" reports "$annals" ingest -q --jobs "$jobs" --db "$out/scale.db" "$out/reports"
summary=$(tail -1 "$out/.stdout")
facts=$(echo "$summary" | sed -n 's/.* added (\([0-9]*\) facts).*/\1/p')
echo "         $summary"
awk -v f="$facts" -v w="$wall" 'BEGIN { printf "         %.0f facts/s\n", f / (w > 0 ? w : 0.01) }'
echo "         store $(du -cb "$out"/scale.db* | tail -1 | awk '{ printf "%.1f MB", $1 / 1e6 }')"

timed yoy 0 - "$annals" yoy --db "$out/scale.db" --format csv --jobs "$jobs"
rows=$(($(wc -l <"$out/.stdout") - 1))
awk -v r="$rows" -v w="$wall" 'BEGIN { printf "         %d rows, %.0f rows/s\n", r, r / (w > 0 ? w : 0.01) }'

# consecutive pairs: the current report of each jurisdiction and year, by jurisdiction then year
"$annals" reports --db "$out/scale.db" --format csv |
  awk -F, 'NR > 1 { print $2 "," $3 "," $1 }' | sort -t, -k1,1 -k2,2n |
  awk -F, '$1 == j && $2 == y + 1 { print id, $3 } { j = $1; y = $2; id = $3 }' >"$out/pairs.txt"
all_pairs=$(wc -l <"$out/pairs.txt")
if [ -n "${TRACK_PAIRS:-}" ] && [ "$TRACK_PAIRS" -lt "$all_pairs" ]; then
  awk -v n="$all_pairs" -v k="$TRACK_PAIRS" 'NR % int(n / k) == 0' "$out/pairs.txt" | head -n "$TRACK_PAIRS" >"$out/pairs.run"
else
  cp "$out/pairs.txt" "$out/pairs.run"
fi
pairs=$(wc -l <"$out/pairs.run")
# exit 1 is "an inconsistency found", a result; anything else fails the run
timed track "$pairs" pairs xargs -P "$jobs" -n 2 sh -c \
  '"$0" track --db "$1" "$2" "$3" >/dev/null || [ $? -eq 1 ]' "$annals" "$out/scale.db" <"$out/pairs.run"
echo "         $pairs of $all_pairs consecutive pairs, one process each"
# every pair in one process: track --all (exit 1 is a result, as above)
timed trackall "$all_pairs" pairs sh -c '"$0" track --db "$1" --all --jobs "$2" --format csv || [ $? -eq 1 ]' \
  "$annals" "$out/scale.db" "$jobs"
echo "         all $all_pairs consecutive pairs in one process, $(($(wc -l <"$out/.stdout") - 1)) commitment records"

"$annals" reports --db "$out/scale.db" --format csv | awk -F, 'NR > 1 { print $2 }' | sort -u >"$out/places.txt"
[ -n "${TIMELINES:-}" ] && head -n "$TIMELINES" "$out/places.txt" >"$out/places.run" || cp "$out/places.txt" "$out/places.run"
places=$(wc -l <"$out/places.run")
timed timeline "$((places * (years - 1)))" pairs xargs -P "$jobs" -n 1 -d '\n' sh -c \
  '"$0" timeline --db "$1" --jurisdiction "$2" --no-save --format json >/dev/null' "$annals" "$out/scale.db" <"$out/places.run"
echo "         $places jurisdictions, $((years - 1)) pairs each in one process"

jurisdiction=$("$annals" reports --db "$out/scale.db" --format csv | awk -F, 'NR == 2 { print $2 }')
timed report 0 - "$annals" report --db "$out/scale.db" --jurisdiction "$jurisdiction" --html "$out/one.html"
echo "         $jurisdiction: $(du -h "$out/one.html" | cut -f1) of HTML"

ls "$out/reports"/*-"$last_year".txt >"$out/latest.txt"
[ -n "${CHECK_REPORTS:-}" ] && head -n "$CHECK_REPORTS" "$out/latest.txt" >"$out/latest.run" || cp "$out/latest.txt" "$out/latest.run"
checked=$(wc -l <"$out/latest.run")
timed check "$checked" reports xargs -P "$jobs" -n 1 sh -c \
  '"$0" check --db "$1" "$2" --format json >/dev/null || [ $? -eq 1 ]' "$annals" "$out/scale.db" <"$out/latest.run"
echo "         $checked reports of $last_year, one process each"
echo "bench-scale: disk $(du -sh "$out" | cut -f1) under $out; load average $(cut -d' ' -f1-3 /proc/loadavg)"
