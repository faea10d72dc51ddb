// `annals export` (issue 13): the panel CSV that `annals yoy --panel` reads back, one CSV row per
// fact of the current reports, files written whole and never over the store.

#include "cli_run.hpp"

#include <annals/decimal.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using annals::test::cli_result;
using annals::test::run_annals;
using annals::test::sh_quote;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using annals::test::run_sh;

namespace {

const fs::path data_dir = ANNALS_DATA_DIR;

std::string data(const char* name) { return sh_quote((data_dir / name).string()); }

/// A scratch folder with annals.db holding the three bundled Chengdu reports.
struct store_dir : annals::test::scratch_dir {
  store_dir() {
    const auto r = run_annals(path, "ingest --db annals.db " + data("chengdu-2023.txt") + " " + data("chengdu-2024.txt") +
                                        " " + data("chengdu-2025.txt"));
    EXPECT_EQ(r.code, 0) << r.err;
  }
  [[nodiscard]] cli_result run(const std::string& args) const { return run_annals(path, args); }
};

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

void expect_one_error_line(const cli_result& r, const std::string& starts_with) {
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, StartsWith("annals: " + starts_with));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace

TEST(cli_export_test, the_panel_goes_to_a_file_or_stdout_and_is_the_same) {
  store_dir d;
  const auto to_file = d.run("export --db annals.db --panel panel.csv");
  ASSERT_EQ(to_file.code, 0) << to_file.err;
  EXPECT_EQ(to_file.out, "");
  EXPECT_THAT(to_file.err, HasSubstr("panel rows to panel.csv"));
  const auto to_stdout = d.run("export --db annals.db --panel -");
  ASSERT_EQ(to_stdout.code, 0) << to_stdout.err;
  EXPECT_EQ(to_stdout.err, "");
  const std::string panel = annals::test::slurp(d.path / "panel.csv");
  EXPECT_EQ(panel, to_stdout.out);
  const auto rows = lines(panel);
  ASSERT_GT(rows.size(), 50u);
  EXPECT_EQ(rows[0], "jurisdiction,metric,year,value");
  EXPECT_THAT(panel, HasSubstr("\n成都市,新收行政复议案件|件,2024,"));
  // no temporary file is left beside it
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(d.path)) files += e.path().filename().string().find("panel") != std::string::npos;
  EXPECT_EQ(files, 1u);
}

TEST(cli_export_test, yoy_of_the_exported_panel_equals_yoy_of_the_store) {
  store_dir d;
  ASSERT_EQ(d.run("export --db annals.db --panel panel.csv").code, 0);
  const auto from_panel = d.run("yoy --panel panel.csv --format json");
  ASSERT_EQ(from_panel.code, 0) << from_panel.err;
  const auto from_db = d.run("yoy --db annals.db --format json");
  ASSERT_EQ(from_db.code, 0) << from_db.err;
  // (metric, year) → value and growth from each; the panel's growth is a fraction to 12
  // decimals, the store's a percent to 2 (percentage points for a % metric, which the panel
  // does not know: those are compared by value only)
  const auto panel_json = nlohmann::json::parse(from_panel.out);
  const auto db_json = nlohmann::json::parse(from_db.out);
  std::map<std::pair<std::string, int>, nlohmann::json> by_key;
  for (const auto& r : panel_json.is_array() ? panel_json : panel_json.at("rows"))
    by_key[{r.at("metric").get<std::string>(), r.at("year").get<int>()}] = r;
  std::size_t points = 0, growths = 0;
  for (const auto& m : db_json.at("metrics")) {
    for (const auto& p : m.at("points")) {
      const auto it = by_key.find({m.at("metric").get<std::string>(), p.at("year").get<int>()});
      ASSERT_NE(it, by_key.end()) << m.at("metric") << ' ' << p.at("year");
      EXPECT_EQ(annals::decimal::parse(it->second.at("value").get<std::string>()),
                annals::decimal::parse(p.at("value").get<std::string>()));
      ++points;
      if (!p.contains("growth_pct")) continue;
      const auto& g = p.at("growth_pct");
      const auto& pg = it->second.at("growth_ratio");
      EXPECT_EQ(g.is_null(), pg.is_null()) << m.at("metric") << ' ' << p.at("year");
      if (g.is_null() || pg.is_null()) continue;
      const auto percent = annals::decimal::parse(pg.get<std::string>()) * annals::decimal{100};
      EXPECT_EQ(percent.to_string(2), g.get<std::string>()) << m.at("metric") << ' ' << p.at("year");
      ++growths;
    }
  }
  EXPECT_EQ(points, by_key.size());
  EXPECT_GT(growths, 10u);
}

TEST(cli_export_test, facts_has_one_row_per_fact_of_the_current_reports) {
  store_dir d;
  const auto r = d.run("export --db annals.db --facts -");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto rows = lines(r.out);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0],
            "jurisdiction,year,report_id,fact,section,item,label,metric,text,value,unit,qualifier,lo,hi,kind,"
            "cumulative,average");
  const auto reports = nlohmann::json::parse(d.run("reports --db annals.db --format json").out);
  std::size_t facts = 0;
  for (const auto& rep : reports.at("reports")) facts += rep.at("facts").get<std::size_t>();
  EXPECT_EQ(rows.size() - 1, facts);
  // a fact as written, its exact value and the metric it is filed under
  EXPECT_THAT(r.out, HasSubstr("\n成都市,2025,3,f35,6,1,全市新收行政复议案件,新收行政复议案件|件,1.35万件,13500,件,exact,"
                               "13450,13550,count,0,0\n"));
  EXPECT_THAT(r.out, HasSubstr(",88%以上,88,%,at_least,88,,percent,0,0\n"));  // an unbounded end is empty
  const auto file = d.run("export --db annals.db --facts facts.csv --panel panel.csv");
  ASSERT_EQ(file.code, 0) << file.err;
  EXPECT_EQ(annals::test::slurp(d.path / "facts.csv"), r.out);
  EXPECT_TRUE(fs::exists(d.path / "panel.csv"));
}

TEST(cli_export_test, the_store_itself_and_bad_options_are_refused_and_nothing_is_written) {
  store_dir d;
  const std::string before = annals::test::slurp(d.path / "annals.db");
  auto r = d.run("export --db annals.db --panel annals.db");
  EXPECT_EQ(r.code, 2);
  expect_one_error_line(r, "annals.db: is the store itself");
  r = d.run("export --db annals.db --facts ./annals.db");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(annals::test::slurp(d.path / "annals.db"), before);
  r = d.run("export --db annals.db");
  EXPECT_EQ(r.code, 2);
  expect_one_error_line(r, "export: give --panel FILE, --facts FILE or both");
  r = d.run("export --db annals.db --panel - --facts -");
  EXPECT_EQ(r.code, 2);
  r = d.run("export --db annals.db --panel x.csv --facts x.csv");
  EXPECT_EQ(r.code, 2);
  EXPECT_FALSE(fs::exists(d.path / "x.csv"));
  // a missing store is not created; a folder that does not exist cannot take the output
  r = d.run("export --db missing.db --panel p.csv");
  EXPECT_EQ(r.code, 4);
  EXPECT_FALSE(fs::exists(d.path / "missing.db"));
  EXPECT_FALSE(fs::exists(d.path / "p.csv"));
  r = d.run("export --db annals.db --panel no/such/folder/p.csv");
  EXPECT_EQ(r.code, 5);
  expect_one_error_line(r, "no/such/folder/p.csv: cannot write");
}

// The CSVs are written as they are read, into temporary files renamed into place at the end: a
// write that fails half-way (here the file-size limit, EFBIG) leaves the old files as they were,
// no temporary file behind, and nothing on stdout.
TEST(cli_export_test, a_write_failing_half_way_leaves_the_old_files_and_no_temporary_one) {
  annals::test::scratch_dir d;
  // ten made-up stores' worth of facts: the sample with its city renamed (test documents only)
  std::string cmd = "\"$ANNALS\" ingest -q --db annals.db";
  for (const char* city : {"德阳市", "绵阳市", "自贡市", "泸州市", "广元市", "遂宁市", "内江市", "乐山市", "南充市", "眉山市"}) {
    std::string text = annals::test::slurp(data_dir / "chengdu-2024.txt");
    for (std::size_t at = 0; (at = text.find("成都市", at)) != std::string::npos; at += std::string(city).size())
      text.replace(at, std::string("成都市").size(), city);
    std::ofstream(d.path / (std::string(city) + ".txt"), std::ios::binary) << text;
    cmd += " " + sh_quote(std::string(city) + ".txt");
  }
  ASSERT_EQ(run_sh(d.path, cmd).code, 0);
  const auto whole = run_sh(d.path, "\"$ANNALS\" export --db annals.db --panel p.csv --facts f.csv");
  ASSERT_EQ(whole.code, 0) << whole.err;
  // the limit (64 blocks of the shell's ulimit, 32 or 64 kB) is above the store's 32 kB
  // shared-memory file and below the facts (about 94 kB)
  ASSERT_GT(fs::file_size(d.path / "f.csv"), std::uintmax_t{65536});
  for (const char* panel : {"p.csv", "-"}) {
    std::ofstream(d.path / "p.csv") << "old panel\n";
    std::ofstream(d.path / "f.csv") << "old facts\n";
    const auto r = run_sh(d.path, std::string("trap '' XFSZ; ulimit -f 64; \"$ANNALS\" export --db annals.db --panel ") +
                                      panel + " --facts f.csv");
    EXPECT_EQ(r.code, 5) << r.err;
    EXPECT_THAT(r.err, HasSubstr(".csv: cannot write: File too large"));
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(annals::test::slurp(d.path / "p.csv"), "old panel\n");
    EXPECT_EQ(annals::test::slurp(d.path / "f.csv"), "old facts\n");
    for (const auto& e : fs::directory_iterator(d.path))
      EXPECT_FALSE(e.path().filename().string().starts_with(".annals-")) << e.path();
  }
}

TEST(cli_export_test, catalogue_import_takes_gbk_and_refuses_ill_formed_text_with_its_line) {
  store_dir d;
  auto r = run_sh(d.path, "\"$ANNALS\" catalogue --db annals.db --format csv --no-bom > cat.csv && "
                                 "iconv -f UTF-8 -t GBK cat.csv > gbk.csv && \"$ANNALS\" catalogue --db annals.db --import gbk.csv");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("imported "));
  EXPECT_EQ(r.err, "");
  r = d.run("catalogue --db annals.db --format csv --no-bom");
  EXPECT_EQ(r.out, annals::test::slurp(d.path / "cat.csv")) << "the GBK file is the same catalogue";
  EXPECT_THAT(r.out, Not(HasSubstr("\xEF\xBF\xBD")));
  // an ill-formed byte on line 2: refused, exit 3, one line naming it; nothing imported
  r = run_sh(d.path, "printf 'alias,metric\\n\\200 |\\344\\273\\266,x|\\344\\273\\266\\n' > bad.csv && "
                            "\"$ANNALS\" catalogue --db annals.db --import bad.csv");
  EXPECT_EQ(r.code, 3);
  expect_one_error_line(r, "bad.csv: line 2: ill-formed text");
  EXPECT_EQ(d.run("catalogue --db annals.db --format csv --no-bom").out, annals::test::slurp(d.path / "cat.csv"));
}
