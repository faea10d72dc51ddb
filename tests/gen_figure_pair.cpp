// gen_figure_pair STYLE N DIR: writes DIR/earlier.txt (2024) and DIR/later.txt (2025), two
// made-up reports with N distinctly labelled figures each (tests/figure_pair_synthetic.hpp).
// STYLE is `vocabulary` (labels differ in their words) or `ordinal` (第k类事项, labels differ in
// their digits only). Used by the end-to-end measurements of bench/README.md.
#include "figure_pair_synthetic.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  using annals::synthetic_pair::label_style;
  if (argc != 4) {
    std::cerr << "usage: gen_figure_pair vocabulary|ordinal N DIR\n";
    return 2;
  }
  const std::string s = argv[1];
  if (s != "vocabulary" && s != "ordinal") {
    std::cerr << "annals: gen_figure_pair: style must be vocabulary or ordinal, not " << s << "\n";
    return 2;
  }
  const label_style style = s == "vocabulary" ? label_style::vocabulary : label_style::ordinal;
  char* end = nullptr;
  const unsigned long long n = std::strtoull(argv[2], &end, 10);
  if (!end || *end || n == 0 || (style == label_style::vocabulary && n > annals::synthetic_pair::max_vocabulary_labels * 49 / 51)) {
    std::cerr << "annals: gen_figure_pair: " << argv[2] << ": not a figure count this style can label\n";
    return 2;
  }
  for (int y = 0; y < 2; ++y) {
    const std::string path = std::string(argv[3]) + (y == 0 ? "/earlier.txt" : "/later.txt");
    std::ofstream out(path, std::ios::binary);
    out << annals::synthetic_pair::report_text(style, static_cast<std::size_t>(n), y);
    if (!out.flush()) {
      std::cerr << "annals: " << path << ": cannot write\n";
      return 5;
    }
  }
  return 0;
}
