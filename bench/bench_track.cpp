// Tracker throughput: one sample-sized report pair, 1,000 distinct pairs, and a jurisdiction with
// 20 years of reports (19 consecutive pairs + the timeline). The reports are the real 2024
// sample and the made-up 2023/2025 ones with their figures (tests/track_fixtures.hpp); variants
// are generated in code by same-length substitutions (status words swapped, digits changed), so
// every pair differs while the figures' spans stay valid.

#include "counting_new.hpp"
#include "figure_pair_synthetic.hpp"
#include "track_fixtures.hpp"

#include <annals/reader.hpp>
#include <annals/track.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

namespace {

std::uint64_t next(std::uint64_t& s) {
  s ^= s << 13;
  s ^= s >> 7;
  s ^= s << 17;
  return s;
}

/// Replaces every occurrence of `from` by `to` (same UTF-8 length) with probability 1/2.
void swap_words(std::string& text, std::string_view from, std::string_view to, std::uint64_t& seed) {
  for (std::size_t p = text.find(from); p != std::string::npos; p = text.find(from, p + from.size()))
    if (next(seed) % 2 == 0) text.replace(p, from.size(), to);
}

/// A variant of `r`: status words swapped and digits of the body changed, lengths unchanged.
annals::report variant(const annals::report& r, std::uint64_t seed, int year) {
  annals::report v = r;
  seed = seed * 0x9E3779B97F4A7C15ull + 1;
  constexpr std::array<std::pair<std::string_view, std::string_view>, 6> swaps{{
      {"完成", "推进"}, {"推进", "完成"}, {"建成", "建设"}, {"深化", "启动"}, {"出台", "研究"}, {"持续", "探索"}}};
  for (const auto& [a, b] : swaps) swap_words(v.text, a, b, seed);
  for (auto& c : v.text)
    if (c >= '1' && c <= '9' && next(seed) % 5 == 0) c = static_cast<char>('1' + next(seed) % 9);
  v.meta.year = annals::report_year(year);
  v.source.sha256 = std::to_string(seed);
  return v;
}

const annals::report& r2023() {
  static const annals::report r = track_test::report_2023();
  return r;
}
const annals::report& r2024() {
  static const annals::report r = track_test::report_2024();
  return r;
}
const annals::report& r2025() {
  static const annals::report r = track_test::report_2025();
  return r;
}

void BM_Track_SamplePair(benchmark::State& state) {
  const auto& a = r2024();
  const auto& b = r2025();
  for (auto _ : state) {
    auto t = annals::track(a, b);
    benchmark::DoNotOptimize(t.commitments.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["code_points"] = static_cast<double>(track_test::code_points(a.text) + track_test::code_points(b.text));
}
BENCHMARK(BM_Track_SamplePair)->Unit(benchmark::kMillisecond);

void BM_Track_SamplePairJson(benchmark::State& state) {
  const auto t = annals::track(r2024(), r2025());
  for (auto _ : state) {
    auto j = annals::to_json(t);
    benchmark::DoNotOptimize(j.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Track_SamplePairJson)->Unit(benchmark::kMicrosecond);

/// N distinct pairs (earlier variant of 2024 → later variant of 2025), built before timing;
/// N = 10 … 1,000 shows the cost per pair stays flat.
void BM_Track_Pairs(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<std::pair<annals::report, annals::report>> pairs;
  pairs.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    pairs.emplace_back(variant(r2024(), 2 * i + 1, 2024), variant(r2025(), 2 * i + 2, 2025));
  std::size_t statuses = 0;
  for (auto _ : state) {
    for (const auto& [a, b] : pairs) {
      const auto t = annals::track(a, b);
      statuses += t.commitments.size();
    }
  }
  benchmark::DoNotOptimize(statuses);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_Track_Pairs)->RangeMultiplier(10)->Range(10, 1000)->Unit(benchmark::kMillisecond);

/// A jurisdiction with N years of reports (5 … 20): track the N − 1 consecutive pairs, then
/// build the timeline.
void BM_Track_JurisdictionYears(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  std::vector<annals::report> years;
  const std::array<const annals::report*, 3> base{&r2023(), &r2024(), &r2025()};
  for (int y = 0; y < n; ++y) years.push_back(variant(*base[static_cast<std::size_t>(y % 3)], 100 + static_cast<std::uint64_t>(y), 2006 + y));
  std::size_t threads = 0;
  for (auto _ : state) {
    std::vector<annals::timeline_entry> entries;
    for (std::size_t i = 0; i + 1 < years.size(); ++i) {
      const auto t = annals::track(years[i], years[i + 1]);
      auto pair = annals::timeline_entries(t, *t.earlier.year, *t.later.year);
      std::move(pair.begin(), pair.end(), std::back_inserter(entries));
    }
    threads += annals::build_timeline(std::move(entries)).size();
  }
  benchmark::DoNotOptimize(threads);
  state.SetItemsProcessed(state.iterations() * (n - 1));  // items = pairs tracked
}
BENCHMARK(BM_Track_JurisdictionYears)->Arg(5)->Arg(10)->Arg(20)->Unit(benchmark::kMillisecond);

/// Comparing two reports of n distinctly labelled figures each (issue 17, item 1): track() on a
/// made-up pair (tests/figure_pair_synthetic.hpp), reports read before timing. Counters: figures
/// per report, peak heap held during one track() (MB, counted by tests/counting_new.hpp), and
/// wall time per figure (seconds, printed with an SI prefix: 1.5u = 1.5 µs) to show how it grows. range(1): 0 labels differing in their words,
/// 1 labels differing only in their digits (第k类事项).
void BM_Track_Figures(benchmark::State& state) {
  using annals::synthetic_pair::label_style;
  const auto n = static_cast<std::size_t>(state.range(0));
  const label_style style = state.range(1) == 0 ? label_style::vocabulary : label_style::ordinal;
  const auto earlier = annals::read_report_text(annals::synthetic_pair::report_text(style, n, 0));
  const auto later = annals::read_report_text(annals::synthetic_pair::report_text(style, n, 1));
  std::size_t peak = 0, metrics = 0;
  for (auto _ : state) {
    const std::size_t before = annals::heap::live_bytes.load();
    annals::heap::peak_bytes.store(before);
    const auto t = annals::track(earlier, later);
    peak = std::max(peak, annals::heap::peak_bytes.load() - before);
    metrics = t.metrics.size();
    benchmark::DoNotOptimize(t.metrics.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  state.counters["figures"] = static_cast<double>(n);
  state.counters["metrics"] = static_cast<double>(metrics);
  state.counters["peak_heap_MB"] = static_cast<double>(peak) / (1024.0 * 1024.0);
  state.counters["per_figure"] = benchmark::Counter(static_cast<double>(state.iterations()) * static_cast<double>(n),
                                                       benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Track_Figures)
    ->ArgsProduct({{100, 1000, 2500, 5000, 10000, 20000}, {0, 1}})
    ->ArgNames({"n", "digits_only"})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

}  // namespace
