// Growth arithmetic: year-on-year growth of N value pairs, exact (annals::decimal, 2 decimals,
// half-up) next to the same loop in double, in the same run. Plus the per-call cost of the exact
// interval machinery (check_growth) and of figure parsing, which run once per stated figure.

#include <annals/figure.hpp>
#include <annals/growth.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace {

constexpr std::int64_t max_pairs = 10'000'000;

/// Report-like counts: earlier in [1, 10^6), later within ±60% of it; a fixed xorshift sequence.
struct pairs {
  std::vector<std::int32_t> earlier, later;
  pairs() {
    earlier.reserve(max_pairs);
    later.reserve(max_pairs);
    std::uint64_t s = 0x9E3779B97F4A7C15ull;
    auto next = [&s] {
      s ^= s << 13;
      s ^= s >> 7;
      s ^= s << 17;
      return s;
    };
    for (std::int64_t i = 0; i < max_pairs; ++i) {
      const auto a = static_cast<std::int32_t>(next() % 999'999 + 1);
      const auto pct = static_cast<std::int64_t>(next() % 121) - 60;  // −60 … +60 %
      earlier.push_back(a);
      later.push_back(static_cast<std::int32_t>(a + a * pct / 100));
    }
  }
};

const pairs& data() {
  static const pairs p;
  return p;
}

void BM_Growth_YoyExact(benchmark::State& state) {
  const auto& d = data();
  const auto n = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    __extension__ __int128 sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto g = annals::yoy_growth(annals::decimal{d.earlier[i]}, annals::decimal{d.later[i]}, 2,
                                        annals::rounding::half_up);
      sum += g.value.value.coefficient();
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_Growth_YoyDouble(benchmark::State& state) {
  const auto& d = data();
  const auto n = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double a = d.earlier[i], b = d.later[i];
      sum += std::round((b / a - 1.0) * 100.0 * 100.0) / 100.0;  // 2 decimals, half away from zero
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

BENCHMARK(BM_Growth_YoyExact)->Arg(1'000'000)->Arg(max_pairs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Growth_YoyDouble)->Arg(1'000'000)->Arg(max_pairs)->Unit(benchmark::kMillisecond);

void BM_Growth_CheckGrowth(benchmark::State& state) {
  const auto earlier = annals::to_quantity(annals::parse_figure("5880"), "件");
  const auto later = annals::to_quantity(annals::parse_figure("1.11万"), "件", annals::qualifier::more_than);
  const auto stated = annals::to_quantity(annals::parse_figure("89.6%"));
  for (auto _ : state) benchmark::DoNotOptimize(annals::check_growth(earlier, later, stated));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Growth_CheckGrowth);

void BM_Figure_Parse(benchmark::State& state) {
  const char* texts[] = {"1.11万", "86.15%", "1000", "三十五万", "百分之九十八点五", "1,286", "２．３亿"};
  for (auto _ : state)
    for (const char* t : texts) benchmark::DoNotOptimize(annals::parse_figure(t));
  state.SetItemsProcessed(state.iterations() * 7);
}
BENCHMARK(BM_Figure_Parse);

}  // namespace
