// Consumer of an installed annals: parses the seed's figures, computes a growth and checks a
// published triple. Exits non-zero on any wrong answer, so the package test fails loudly.

#include <annals/figure.hpp>
#include <annals/growth.hpp>
#include <annals/period.hpp>
#include <annals/reader.hpp>
#include <annals/store.hpp>
#include <annals/version.hpp>

#include "../pdf_fixtures.hpp"  // a PDF written by hand (tests/pdf_fixtures.hpp)

#include <chrono>
#include <fstream>

#include <iostream>
#include <string>

int main() {
  int failures = 0;
  auto expect = [&failures](bool ok, const std::string& what) {
    if (!ok) {
      std::cerr << "annals_consumer: wrong answer: " << what << '\n';
      ++failures;
    }
  };

  const annals::figure cases = annals::parse_figure("1.11万");
  expect(cases.value == annals::decimal{11100} && cases.last_digit == 2, "1.11万 is 11100 to the hundreds");

  const auto g = annals::yoy_growth(annals::decimal{373}, annals::decimal{709});
  expect(g.ok() && annals::to_string(g.value) == "90.08%", "373 -> 709 is 90.08%");

  const auto q = [](const char* text) { return annals::to_quantity(annals::parse_figure(text), "件"); };
  const auto c = annals::check_growth(q("66"), q("151"), annals::to_quantity(annals::parse_figure("128.78%")));
  expect(c.consistent() && c.needs_truncation, "66 -> 151 stated 128.78% is consistent only if truncated");

  const auto zero = annals::yoy_growth(annals::decimal{0}, annals::decimal{5});
  expect(zero.status == annals::growth_status::zero_base, "a zero base is a status");

  // the compiled halves behind the light headers (issue 14): decimals beyond 128 bits
  // (lib/figures/decimal_wide.cpp, Boost.Multiprecision) and month arithmetic (lib/figures/period.cpp, Boost.Date_Time)
  const auto wide = annals::decimal::divide(annals::decimal{1}.shifted(30), annals::decimal{3}, 6);
  expect(wide.to_string() == "333333333333333333333333333333.333333", "10^30 / 3 through the 256-bit path");
  const auto feb = annals::calendar_date::end_of_month(2024, 2);
  expect(feb.ymd() == std::chrono::year{2024} / 2 / 29, "February 2024 ends on the 29th");

  // the reader (its format dispatch links pugixml, utf8proc) and the store
  // (SQLiteCpp, SQLite): a link line that misses one of libannals's dependencies fails here
  const auto report = annals::read_report_bytes(
      "成都市人民政府关于2024年法治政府建设情况的报告\n2024年，全市新收行政复议案件1.11万件，同比增长89.6%。\n", "consumer.txt");
  expect(!report.facts.empty(), "the reader finds the 1.11万件 of a one-line report");
  auto db = annals::store::memory();
  (void)db.ingest(report);
  const auto stored = db.reports();
  expect(stored.size() == 1 && stored.front().facts == report.facts.size(), "an in-memory store keeps the report");

  // a PDF: poppler is not linked; the library opens its installed module <libdir>/annals/annals_pdf.so
  const auto pdf = annals::read_report_bytes(annals::test::text_pdf({{{72, 700, "Cases in 2024: 1234"}}}), "consumer.pdf");
  expect(pdf.source.format == annals::source_format::pdf && pdf.text.find("Cases in 2024: 1234") != std::string::npos,
         "the PDF module is found and reads a one-page PDF");

  // which module file was loaded (the package test checks a shared libannals takes the installed one)
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);)
    if (const auto at = line.find('/'); at != std::string::npos && line.ends_with("/annals_pdf.so")) {
      std::cout << "pdf module: " << line.substr(at) << '\n';
      break;
    }

  std::cout << "annals " << annals::version() << ": 373 -> 709 = " << annals::to_string(g.value) << '\n';
  return failures == 0 ? 0 : 1;
}
