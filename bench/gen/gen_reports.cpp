// gen_reports — writes a synthetic corpus of made-up annual reports with their ground truth:
//   gen_reports [--jurisdictions N] [--years Y] [--first-year YEAR] [--seed S] [--no-truth] --out DIR
// DIR/synthetic-<j>-<year>.txt (the report, marked in its second line as a made-up test document)
// and DIR/synthetic-<j>-<year>.truth.tsv (kind, value, to, unit, qualifier, label, text per expected
// extraction; left out with --no-truth, as bench/scale does). Defaults: 50 jurisdictions × 4 years
// from 2021, seed 1 (about 2 MB of text).
#include "report_corpus.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

namespace {
[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr,
               "gen_reports: %s\nusage: gen_reports [--jurisdictions N] [--years Y] [--first-year YEAR] [--seed S] "
               "--out DIR\n",
               why.c_str());
  std::exit(2);
}
unsigned long long number(const char* s, const std::string& what) {
  char* end = nullptr;
  const unsigned long long v = std::strtoull(s, &end, 10);
  if (end == s || *end != '\0') usage("bad number for " + what);
  return v;
}
bool write(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream f(p, std::ios::binary);
  f << bytes;
  return static_cast<bool>(f);
}
}  // namespace

int main(int argc, char** argv) {
  unsigned long long jurisdictions = 50, years = 4, first_year = 2021, seed = 1;
  std::string out;
  bool truth = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) usage("missing value after " + a);
      return argv[++i];
    };
    if (a == "--jurisdictions") jurisdictions = number(value(), a);
    else if (a == "--years") years = number(value(), a);
    else if (a == "--first-year") first_year = number(value(), a);
    else if (a == "--seed") seed = number(value(), a);
    else if (a == "--out") out = value();
    else if (a == "--no-truth") truth = false;
    else usage("unknown option " + a);
  }
  if (out.empty()) usage("--out DIR is required");
  if (first_year < 2001 || first_year + years > 9000) usage("years out of range");
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    std::fprintf(stderr, "gen_reports: cannot create %s: %s\n", out.c_str(), ec.message().c_str());
    return 3;
  }
  std::size_t bytes = 0, facts = 0;
  for (unsigned long long j = 0; j < jurisdictions; ++j)
    for (unsigned long long y = 0; y < years; ++y) {
      const auto r = annals_bench::make_report(j, static_cast<int>(first_year + y), seed);
      const std::filesystem::path base = std::filesystem::path(out) / r.name;
      if (!write(base.string() + ".txt", r.text) ||
          (truth && !write(base.string() + ".truth.tsv", annals_bench::truth_tsv(r)))) {
        std::fprintf(stderr, "gen_reports: cannot write %s: %s\n", base.c_str(), std::strerror(errno));
        return 3;
      }
      bytes += r.text.size();
      facts += r.truth.size();
    }
  std::fprintf(stderr, "gen_reports: %llu reports, %zu bytes, %zu truth rows in %s\n", jurisdictions * years, bytes,
               facts, out.c_str());
  return 0;
}
