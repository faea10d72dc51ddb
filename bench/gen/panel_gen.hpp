#pragma once
// Deterministic synthetic CSV panels `jurisdiction,metric,year,value` (bench/gen/panel_gen.cpp),
// shared by the gen_panel program and bench_panel. Synthetic data: names and numbers mean nothing.
#include <cstdint>
#include <string>

namespace annals_bench {

struct panel_spec {
  std::uint64_t jurisdictions = 3000;
  std::uint64_t metrics = 100;
  std::uint64_t years = 20;
  std::uint64_t first_year = 2005;
  std::uint64_t seed = 1;
  std::uint64_t gaps = 0;  ///< percent of cells left out (0 … 90)
  bool shuffle = false;    ///< rows in a random order instead of (jurisdiction, metric, year)
};

/// Calls sink(const std::string& chunk) with consecutive pieces of the CSV (header first).
/// Each series starts at 10.00 … 99999.99 and moves each year by −5 % … +15 % in whole basis
/// points (integer arithmetic: every platform writes the same bytes); values never reach zero.
template <class Sink>
void write_panel(const panel_spec& spec, Sink&& sink);

/// The whole panel as one string.
inline std::string make_panel(const panel_spec& spec);

}  // namespace annals_bench

#include "panel_gen_impl.hpp"
