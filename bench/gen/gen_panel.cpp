// gen_panel — a deterministic CSV panel `jurisdiction,metric,year,value` for benchmarks and for
// comparing annals with other engines. Synthetic data: the names and numbers mean nothing.
//
//   gen_panel [--jurisdictions N] [--metrics M] [--years Y] [--first-year YEAR] [--seed S]
//             [--shuffle] [--gaps PERCENT] [--out FILE]
//
// Defaults: 3000 × 100 × 20 from 2005 (6,000,000 rows, about 194 MB), seed 1, rows in
// (jurisdiction, metric, year) order; values with 2 decimals, never zero (see panel_gen.hpp).
// --shuffle writes the rows in a random order; --gaps P leaves out about P % of the cells.
#include "panel_gen.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr,
               "gen_panel: %s\nusage: gen_panel [--jurisdictions N] [--metrics M] [--years Y] [--first-year YEAR] "
               "[--seed S] [--shuffle] [--gaps PERCENT] [--out FILE]\n",
               why.c_str());
  std::exit(2);
}

std::uint64_t number(const char* s, const std::string& what) {
  char* end = nullptr;
  const unsigned long long v = std::strtoull(s, &end, 10);
  if (end == s || *end != '\0') usage("bad number for " + what);
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  annals_bench::panel_spec spec;
  const char* out_path = nullptr;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) usage("missing value after " + a);
      return argv[++i];
    };
    if (a == "--jurisdictions") spec.jurisdictions = number(value(), a);
    else if (a == "--metrics") spec.metrics = number(value(), a);
    else if (a == "--years") spec.years = number(value(), a);
    else if (a == "--first-year") spec.first_year = number(value(), a);
    else if (a == "--seed") spec.seed = number(value(), a);
    else if (a == "--gaps") spec.gaps = number(value(), a);
    else if (a == "--shuffle") spec.shuffle = true;
    else if (a == "--out") out_path = value();
    else usage("unknown option " + a);
  }
  if (spec.jurisdictions == 0 || spec.metrics == 0 || spec.years == 0) usage("sizes must be positive");
  if (spec.jurisdictions > 99999 || spec.metrics > 999) usage("at most 99999 jurisdictions and 999 metrics");
  if (spec.jurisdictions * spec.metrics * spec.years > 0xFFFFFFFFull) usage("at most 2^32 cells");
  if (spec.first_year < 1 || spec.first_year + spec.years - 1 > 9999) usage("years must stay within 1…9999");
  if (spec.gaps > 90) usage("--gaps is a percentage ≤ 90");

  FILE* out = out_path ? std::fopen(out_path, "wb") : stdout;
  if (out == nullptr) {
    std::fprintf(stderr, "gen_panel: cannot write %s: %s\n", out_path, std::strerror(errno));
    return 3;
  }
  annals_bench::write_panel(spec, [&](const std::string& chunk) { std::fwrite(chunk.data(), 1, chunk.size(), out); });
  const bool ok = std::fflush(out) == 0 && !std::ferror(out);
  if (out != stdout) std::fclose(out);
  if (!ok) {
    std::fprintf(stderr, "gen_panel: write failed\n");
    return 3;
  }
  return 0;
}
