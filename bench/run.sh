#!/bin/sh
# bench/run.sh [BUILD_DIR] — what `make bench` runs after building the bench preset:
# every Google Benchmark suite found in BUILD_DIR/bench (bench_*), each writing its JSON to
# BUILD_DIR/bench-results/, then the side-by-side comparison with the peers (compare/run.sh).
# Exits non-zero when a suite or the comparison fails.
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build/bench}
dir="$build/bench"
if [ ! -d "$dir" ]; then
  echo "bench/run.sh: $dir not found (configure with -DANNALS_BUILD_BENCHMARKS=ON)" >&2
  exit 2
fi
out="$build/bench-results"
mkdir -p "$out"
status=0
found=0
for b in "$dir"/bench_*; do
  [ -f "$b" ] && [ -x "$b" ] || continue
  found=1
  name=$(basename "$b")
  echo "==== $name"
  "$b" --benchmark_counters_tabular=true --benchmark_out="$out/$name.json" --benchmark_out_format=json || {
    echo "bench/run.sh: $name failed" >&2
    status=1
  }
done
[ "$found" = 1 ] || { echo "bench/run.sh: no bench_* binaries in $dir" >&2; status=1; }
echo "==== public header cost (tests/header_budget.cmake, MODE=time: -fsyntax-only, best of 3)"
# Reported, not a gate: a time on a shared machine (bench/README.md, "Public header cost").
cmake -DCOMPILER="${CXX:-c++}" -DSTD_FLAG=-std=c++20 -DINCLUDE_DIR="$here/../include" \
  -DWORK_DIR="$build/header_budget_time" -DMODE=time -P "$here/../tests/header_budget.cmake" ||
  echo "bench/run.sh: some public headers are over the compile-time budget (see above)" >&2
echo "==== side by side (bench/compare/run.sh)"
sh "$here/compare/run.sh" "$build" || status=1
exit $status
