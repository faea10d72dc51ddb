#pragma once
// The template body of annals_bench::write_panel (included by panel_gen.hpp).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace annals_bench {
namespace detail {

/// splitmix64: tiny, deterministic, good enough for synthetic data.
struct panel_rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }
};

inline void append_uint(std::string& out, std::uint64_t v, int width) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0 || n < width);
  while (n > 0) out += buf[--n];
}

}  // namespace detail

template <class Sink>
void write_panel(const panel_spec& spec, Sink&& sink) {
  using detail::append_uint;
  const std::uint64_t series = spec.jurisdictions * spec.metrics, years = spec.years;
  const std::uint64_t cells = series * years;
  // values in cents, series by series (the same whatever the output order); 0 = gap
  std::vector<std::int64_t> cents(cells);
  detail::panel_rng r{spec.seed};
  for (std::uint64_t s = 0; s < series; ++s) {
    std::int64_t v = 1000 + static_cast<std::int64_t>(r.below(9999000));  // 10.00 … 99999.99
    for (std::uint64_t y = 0; y < years; ++y) {
      if (y > 0) {
        const std::int64_t bp = static_cast<std::int64_t>(r.below(2001)) - 500;  // −5.00 % … +15.00 %
        v = v * (10000 + bp) / 10000;
        if (v < 1) v = 1;
      }
      const bool gap = spec.gaps > 0 && r.below(100) < spec.gaps;
      cents[s * years + y] = gap ? 0 : v;
    }
  }
  std::vector<std::uint32_t> order;
  if (spec.shuffle) {
    order.resize(cells);
    for (std::uint64_t i = 0; i < cells; ++i) order[i] = static_cast<std::uint32_t>(i);
    detail::panel_rng sh{spec.seed ^ 0x5DEECE66Dull};
    for (std::uint64_t i = cells; i > 1; --i) std::swap(order[i - 1], order[sh.below(i)]);
  }
  std::string buf = "jurisdiction,metric,year,value\n";
  buf.reserve(1 << 20);
  for (std::uint64_t k = 0; k < cells; ++k) {
    const std::uint64_t c = spec.shuffle ? order[k] : k;
    const std::int64_t v = cents[c];
    if (v == 0) continue;
    const std::uint64_t y = c % years, s = c / years;
    buf += 'J';
    append_uint(buf, s / spec.metrics, 5);
    buf += ",metric_";
    append_uint(buf, s % spec.metrics, 3);
    buf += ',';
    append_uint(buf, spec.first_year + y, 4);
    buf += ',';
    append_uint(buf, static_cast<std::uint64_t>(v / 100), 1);
    buf += '.';
    append_uint(buf, static_cast<std::uint64_t>(v % 100), 2);
    buf += '\n';
    if (buf.size() > (1u << 20) - 64) {
      sink(buf);
      buf.clear();
    }
  }
  sink(buf);
}

inline std::string make_panel(const panel_spec& spec) {
  std::string out;
  out.reserve(spec.jurisdictions * spec.metrics * spec.years * 33 + 64);
  write_panel(spec, [&](const std::string& chunk) { out += chunk; });
  return out;
}

}  // namespace annals_bench
