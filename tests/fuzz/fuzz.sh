#!/bin/sh
# Builds and runs the libFuzzer targets of tests/fuzz (docs/reliability.md, "Fuzzing").
#
#   fuzz.sh build <source-dir> <build-dir>
#       configure <build-dir> with the `fuzz` preset (clang, libFuzzer, ASan, UBSan) and build
#       fuzz_reader, fuzz_figure and fuzz_html
#   fuzz.sh run <source-dir> <build-dir> <reader|figure|html|all> <seconds>
#       run each target for <seconds> on its corpus: <build-dir>/corpus/<target> (new inputs are
#       kept there), seeded from data/, tests/data/ and tests/fuzz/corpus/<target>/; a crash,
#       leak, sanitizer report or a single input taking over 10 s fails, with the input saved in
#       <build-dir>/artifacts/
#
# Used by `make fuzz` (180 s per target) and by the ctest smoke in `make test` (20 s). Exits 77 —
# ctest's "skipped" — with a message when clang++ cannot build a libFuzzer program.
set -eu

usage() { echo "usage: fuzz.sh build SRC DIR | fuzz.sh run SRC DIR reader|figure|html|all SECONDS" >&2; exit 2; }

require_libfuzzer() {
  if ! command -v clang++ >/dev/null 2>&1; then
    echo "fuzz: SKIPPED: clang++ is not installed (apt-get install clang libclang-rt-14-dev)"
    exit 77
  fi
  probe=$(mktemp -d)
  printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' >"$probe/p.cpp"
  if ! clang++ -fsanitize=fuzzer,address,undefined "$probe/p.cpp" -o "$probe/p" >/dev/null 2>&1; then
    rm -rf "$probe"
    echo "fuzz: SKIPPED: clang++ cannot link libFuzzer (apt-get install libclang-rt-14-dev)"
    exit 77
  fi
  rm -rf "$probe"
}

build() {
  src=$1 dir=$2
  require_libfuzzer
  mkdir -p "$dir"
  # Two `make test` runs may share a tree: build under a lock when flock(1) is there.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$dir/.build.lock"
    flock 9
  fi
  cmake -S "$src" -B "$dir" --preset fuzz
  cmake --build "$dir" --target fuzzers -j "${FUZZ_JOBS:-2}"
}

run_one() {
  src=$1 dir=$2 t=$3 seconds=$4
  bin="$dir/tests/fuzz/fuzz_$t"
  if [ ! -x "$bin" ]; then
    require_libfuzzer
    echo "fuzz: $bin is not built (run: fuzz.sh build $src $dir)" >&2
    return 1
  fi
  case $t in
    figure) max_len=64 ;;     # a figure is a few characters; longer inputs only repeat them
    html) max_len=16384 ;;
    reader) max_len=8192 ;;   # a report's first pages: title, addressee, sections, figures
    *) usage ;;
  esac
  corpus="$dir/corpus/$t"
  mkdir -p "$corpus" "$dir/artifacts" "$dir/logs"
  set -- "$corpus"
  for seeds in "$src/data" "$src/tests/data" "$src/tests/fuzz/corpus/$t"; do
    if [ -d "$seeds" ]; then set -- "$@" "$seeds"; fi
  done
  log="$dir/logs/$t.log"
  echo "fuzz_$t: ${seconds} s on $*"
  # -error_exitcode: libFuzzer's default (77) would read as "skipped" to ctest.
  status=0
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
    -dict="$src/tests/fuzz/$t.dict" -error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 \
    -artifact_prefix="$dir/artifacts/$t-" "$@" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log"
    echo "fuzz_$t: FAILED (exit $status) after ${runs:-?} runs; input saved under $dir/artifacts/$t-*;"
    echo "  reproduce with: $bin <that file>; full log: $log"
    return 1
  fi
  echo "fuzz_$t: ${runs:-?} runs in ${seconds} s, no crash, leak, sanitizer report or slow input"
}

[ $# -ge 3 ] || usage
cmd=$1
shift
case $cmd in
  build) build "$1" "$2" ;;
  run)
    [ $# -eq 4 ] || usage
    if [ "$3" = all ]; then
      failed=0
      for t in reader figure html; do run_one "$1" "$2" "$t" "$4" || failed=1; done
      exit "$failed"
    fi
    run_one "$1" "$2" "$3" "$4"
    ;;
  *) usage ;;
esac
