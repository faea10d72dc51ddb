// Panel YoY (panel.hpp): rows/s of annals::panel_yoy over CSV panels held in memory, from 4 K to
// 2 M rows, sorted and shuffled, summary-only and with every row kept, 1 thread and all threads.
// The panels come from bench/gen/panel_gen.hpp (synthetic, deterministic), built outside the
// timed loop. The 6 M-row end-to-end figure against DuckDB and sqlite3 is bench/compare/run.sh's.
#include "panel_gen.hpp"

#include <annals/panel.hpp>

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <utility>

namespace {

/// A panel of about `rows` rows: 100 metrics × 20 years × rows/2000 jurisdictions (cached).
const std::string& panel_of(std::int64_t rows, bool shuffled) {
  static std::map<std::pair<std::int64_t, bool>, std::string> cache;
  auto& s = cache[{rows, shuffled}];
  if (s.empty()) {
    annals_bench::panel_spec spec;
    spec.metrics = 100;
    spec.years = 20;
    spec.jurisdictions = static_cast<std::uint64_t>(rows / 2000 > 0 ? rows / 2000 : 1);
    if (rows < 2000) {
      spec.metrics = static_cast<std::uint64_t>(rows / 20 > 0 ? rows / 20 : 1);
      spec.jurisdictions = 1;
    }
    spec.shuffle = shuffled;
    s = annals_bench::make_panel(spec);
  }
  return s;
}

void run_summary(benchmark::State& state, bool shuffled, unsigned threads) {
  const std::string& csv = panel_of(state.range(0), shuffled);
  annals::panel_options o;
  o.threads = threads;
  std::size_t rows = 0;
  for (auto _ : state) {
    const auto s = annals::panel_yoy_summary_text(csv, "bench.csv", o);
    rows = s.rows_read;
    benchmark::DoNotOptimize(s.growth_sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(rows) * state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(csv.size()) * state.iterations());
  state.counters["rows"] = static_cast<double>(rows);
}

void BM_Panel_Summary_Sorted(benchmark::State& state) { run_summary(state, false, 0); }
void BM_Panel_Summary_Shuffled(benchmark::State& state) { run_summary(state, true, 0); }
void BM_Panel_Summary_Shuffled_1Thread(benchmark::State& state) { run_summary(state, true, 1); }

void BM_Panel_Rows_Shuffled(benchmark::State& state) {
  const std::string& csv = panel_of(state.range(0), true);
  std::size_t rows = 0;
  for (auto _ : state) {
    const auto r = annals::panel_yoy_text(csv, "bench.csv");
    rows = r.size();
    benchmark::DoNotOptimize(r.summary().growth_sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(rows) * state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(csv.size()) * state.iterations());
}

void BM_Panel_Sort_Strategy_Shuffled(benchmark::State& state) {
  const std::string& csv = panel_of(state.range(0), true);
  annals::panel_options o;
  o.strategy = annals::panel_strategy::sort;
  std::size_t rows = 0;
  for (auto _ : state) {
    const auto s = annals::panel_yoy_summary_text(csv, "bench.csv", o);
    rows = s.rows_read;
    benchmark::DoNotOptimize(s.growth_sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(rows) * state.iterations());
}

constexpr std::int64_t lo = 4000, hi = 2'000'000;

}  // namespace

BENCHMARK(BM_Panel_Summary_Sorted)->RangeMultiplier(8)->Range(lo, hi)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Panel_Summary_Shuffled)->RangeMultiplier(8)->Range(lo, hi)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Panel_Summary_Shuffled_1Thread)
    ->RangeMultiplier(8)
    ->Range(lo, hi)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Panel_Rows_Shuffled)->RangeMultiplier(8)->Range(lo, hi)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Panel_Sort_Strategy_Shuffled)
    ->RangeMultiplier(8)
    ->Range(lo, hi)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
