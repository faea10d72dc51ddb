#pragma once
// Synthetic report corpora for benchmarks and recall checks (bench/gen/report_corpus.cpp).
//
// Every generated report is MADE UP: its second line says so (编造的测试文档…). The text imitates
// the layout and phrasing of a 法治政府建设情况报告 (title, addressee, 一、… sections, 一是… items,
// figures with 超/余/以上/近/约, Chinese-numeral counts, 同比增长X%, X个百分点, 由A…至B, problems
// 如A、B、C and 下一步 一是…) so that the reader can be timed and its recall measured against the
// ground truth written beside each report.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace annals_bench {

/// One expected extraction.
struct truth_row {
  std::string kind;       ///< fact | growth_pct | pp | from_to | problem | next_step
  std::string value;      ///< canonical decimal (万/亿 multiplied out); from_to: the from value
  std::string to;         ///< from_to: the to value; empty otherwise
  std::string unit;       ///< 家, 件, %, … (growth_pct and pp: %)
  std::string qualifier;  ///< exact, more_than, at_least, nearly, about
  std::string label;      ///< what is counted; problem/next_step: the text or title
  std::string text;       ///< the figure as written (qualifier included)
};

struct synthetic_report {
  std::string name;  ///< file stem, e.g. "east-0007-2023"
  std::string text;  ///< UTF-8 report text
  std::vector<truth_row> truth;
};

/// The made-up place name of jurisdiction `j` (e.g. 安平市); distinct for j < 2700.
std::string place_name(std::size_t j);

/// The report of jurisdiction `j` for `year`. Deterministic in (j, year, seed); the figures of a
/// jurisdiction evolve from year to year and its stated growths are computed from them.
synthetic_report make_report(std::size_t j, int year, std::uint64_t seed);

/// The ground truth as TSV with the header kind, value, to, unit, qualifier, label, text.
std::string truth_tsv(const synthetic_report& r);

/// Parses truth_tsv() output. Returns false on a malformed line.
bool parse_truth_tsv(const std::string& tsv, std::vector<truth_row>& out);

}  // namespace annals_bench
