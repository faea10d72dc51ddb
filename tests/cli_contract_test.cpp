// issue 13, "one output contract" (docs/cli.md, "Output formats"): every command that prints
// records, in every format, on the bundled data (a store ingested from data/, the 2024/2025 pair),
// checked against ONE table of field names — what each name means and the type of its values —
// and the rules shared by all: a schema key on every JSON document, null (JSON) / empty (CSV) for
// missing, a UTF-8 BOM on CSV unless --no-bom, LF line ends, `growth` never used (growth_pct is a
// percent, growth_ratio a fraction). Then the error paths: a bad --format, a failed write (exit 5).

#include "cli_run.hpp"

#include <nlohmann/json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

namespace {

using annals::test::cli_result;
using annals::test::run_annals;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::string data = ANNALS_DATA_DIR;

enum class kind { text, integer, decimal, boolean, hex64, record_id, list, object, date_or_decimal, none };

/// THE table: a field name means the same thing, with values of the same type, in every command.
/// `in_specified` is the shape a name keeps inside the two specified documents, annals.report/1
/// (docs/report-json.md) and annals.tracking/1 (docs/tracking.md), which issue 13 leaves as they
/// are: there a record's `id` is its id in the report (f53), `facts`/`changes`/`commitments` are
/// the lists themselves (tracking's summary counts them by status), `source` is an object, and a
/// date fact's `value` is its ISO date; annals.check/1 too holds its `changes` as a list.
/// `none`: the same as in the record views.
struct field {
  kind type;
  const char* meaning;
  kind in_specified = kind::none;
};
const std::map<std::string, field>& fields() {
  static const std::map<std::string, field> table{
      {"jurisdiction", {kind::text, "the place the report is about (成都市)"}},
      {"year", {kind::integer, "the report's year"}},
      {"earlier_year", {kind::integer, "the year of the earlier report of a pair"}},
      {"later_year", {kind::integer, "the year of the later report of a pair"}},
      {"id", {kind::integer, "a report's id in the store", kind::record_id}},
      {"sha256", {kind::hex64, "the SHA-256 of the source file"}},
      {"source", {kind::text, "the source file name", kind::object}},
      {"metric", {kind::text, "the catalogue key label|unit"}},
      {"label", {kind::text, "what a figure counts, as the report words it"}},
      {"unit", {kind::text, "the figure's unit (件, %)"}},
      {"fact", {kind::text, "a fact id in its report (f53)"}},
      {"value", {kind::decimal, "the figure, exact", kind::date_or_decimal}},
      {"lo", {kind::decimal, "the lowest value the statement allows"}},
      {"hi", {kind::decimal, "the highest value the statement allows"}},
      {"prior", {kind::decimal, "the value of the year before"}},
      {"growth_pct", {kind::decimal, "growth in percent (15.38)"}},
      {"growth_ratio", {kind::decimal, "growth as a fraction (0.1538)"}},
      {"change_pp", {kind::decimal, "change in percentage points"}},
      {"growth_pct_lo", {kind::decimal, "lowest growth in percent the intervals allow"}},
      {"growth_pct_hi", {kind::decimal, "highest growth in percent the intervals allow"}},
      {"change_pp_lo", {kind::decimal, "lowest change in points the intervals allow"}},
      {"change_pp_hi", {kind::decimal, "highest change in points the intervals allow"}},
      {"stated_value", {kind::decimal, "the change the report states, signed"}},
      {"implied_prior_lo", {kind::decimal, "lowest prior-year value a growth implies"}},
      {"implied_prior_hi", {kind::decimal, "highest prior-year value a growth implies"}},
      {"score", {kind::decimal, "match strength 0..1"}},
      {"verdict", {kind::text, "consistent | inconsistent | unverifiable | not_stated"}},
      {"status", {kind::text, "a commitment's or a panel row's status"}},
      {"facts", {kind::integer, "a count of facts", kind::list}},
      {"changes", {kind::integer, "a count of stated changes", kind::list}},
      {"commitments", {kind::integer, "a count of commitments", kind::list}},
      {"thread", {kind::integer, "a timeline thread's number"}},
      {"ordinal", {kind::integer, "a commitment's number in its list"}},
      {"current", {kind::boolean, "the current revision of its year"}},
      {"user_defined", {kind::boolean, "an alias set by the user"}},
  };
  return table;
}

/// Names no command may print any more (issue 13): growth meant a percent in one and a fraction
/// in another.
const std::vector<std::string> retired{"growth"};

const std::regex decimal_re("-?[0-9]+(\\.[0-9]+)?");
const std::regex integer_re("-?[0-9]+");
const std::regex hex64_re("[0-9a-f]{64}");

/// One JSON value against the table: null is always allowed (missing), "" never for a number.
/// `specified`: inside annals.report/1 or annals.tracking/1 (see `field`).
void check_json_value(const std::string& where, const std::string& key, const nlohmann::json& v, bool specified) {
  EXPECT_EQ(std::count(retired.begin(), retired.end(), key), 0) << where << ": retired field name " << key;
  const auto it = fields().find(key);
  if (it == fields().end() || v.is_null()) return;
  const kind type = specified && it->second.in_specified != kind::none ? it->second.in_specified : it->second.type;
  const auto is_decimal = [&v] {
    return v.is_number() || (v.is_string() && std::regex_match(v.get<std::string>(), decimal_re));
  };
  switch (type) {
    case kind::integer: EXPECT_TRUE(v.is_number_integer()) << where << ": " << key << " = " << v.dump(); break;
    case kind::boolean: EXPECT_TRUE(v.is_boolean()) << where << ": " << key << " = " << v.dump(); break;
    case kind::decimal: EXPECT_TRUE(is_decimal()) << where << ": " << key << " = " << v.dump(); break;
    case kind::date_or_decimal:
      EXPECT_TRUE(is_decimal() || (v.is_string() && std::regex_match(v.get<std::string>(), std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}"))))
          << where << ": " << key << " = " << v.dump();
      break;
    case kind::hex64: EXPECT_TRUE(v.is_string() && std::regex_match(v.get<std::string>(), hex64_re)) << where << ": " << key; break;
    case kind::record_id:
      EXPECT_TRUE(v.is_string() && std::regex_match(v.get<std::string>(), std::regex("[a-z]+[0-9]+"))) << where << ": " << key;
      break;
    case kind::list: EXPECT_TRUE(v.is_array() || v.is_object()) << where << ": " << key << " = " << v.dump(); break;
    case kind::object: EXPECT_TRUE(v.is_object() || v.is_string()) << where << ": " << key; break;  // jsonl: the name
    case kind::text: EXPECT_TRUE(v.is_string()) << where << ": " << key << " = " << v.dump(); break;
    case kind::none: break;
  }
}

void walk_json(const std::string& where, const nlohmann::json& j, bool specified = false) {
  if (j.is_object()) {
    if (j.contains("schema") && j["schema"].is_string())
      specified = j["schema"] == "annals.report/1" || j["schema"] == "annals.tracking/1" || j["schema"] == "annals.check/1";
    for (const auto& [k, v] : j.items()) {
      check_json_value(where, k, v, specified);
      walk_json(where, v, specified);
    }
  } else if (j.is_array()) {
    for (const auto& v : j) walk_json(where, v, specified);
  }
}

/// RFC 4180 records of `text` (quoted fields may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string f;
  bool quoted = false, had_quote = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') f += '"', ++i;
      else if (c == '"') quoted = false;
      else f += c;
    } else if (c == '"') {
      quoted = had_quote = true;
    } else if (c == ',') {
      rows.back().push_back(f), f.clear();
    } else if (c == '\n') {
      rows.back().push_back(f), f.clear();
      rows.emplace_back();
    } else {
      f += c;
    }
  }
  (void)had_quote;
  if (!f.empty() || !rows.back().empty()) rows.back().push_back(f);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

void check_csv(const std::string& where, const std::string& out, bool bom, bool specified) {
  ASSERT_EQ(out.rfind("\xEF\xBB\xBF", 0) == 0, bom) << where << ": BOM";
  const auto rows = parse_csv(out.substr(bom ? 3 : 0));
  ASSERT_FALSE(rows.empty()) << where;
  const auto& header = rows[0];
  for (std::size_t r = 1; r < rows.size(); ++r) {
    ASSERT_EQ(rows[r].size(), header.size()) << where << ": row " << r;
    for (std::size_t c = 0; c < header.size(); ++c) {
      const auto it = fields().find(header[c]);
      const std::string& v = rows[r][c];
      if (it == fields().end() || v.empty()) continue;  // empty: missing
      if (specified && it->second.in_specified == kind::record_id) {  // extract's fact ids (f53)
        EXPECT_TRUE(std::regex_match(v, std::regex("[a-z]+[0-9]+"))) << where << ": " << header[c] << " = " << v;
        continue;
      }
      EXPECT_NE(v, "null") << where << ": " << header[c] << " null written as text";
      if (it->second.type == kind::integer) {
        EXPECT_TRUE(std::regex_match(v, integer_re)) << where << ": " << header[c] << " = " << v;
      }
      if (it->second.type == kind::decimal) {
        EXPECT_TRUE(std::regex_match(v, decimal_re)) << where << ": " << header[c] << " = " << v;
      }
      if (it->second.type == kind::boolean) {
        EXPECT_TRUE(v == "true" || v == "false") << where << ": " << header[c] << " = " << v;
      }
    }
  }
  for (const auto& name : header) EXPECT_EQ(std::count(retired.begin(), retired.end(), name), 0) << where << ": " << name;
}

/// The store and the files every command reads, made once.
class contract : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new annals::test::scratch_dir();
    const auto r = run_annals(dir_->path, "ingest --quiet --db s.db " + data + "/chengdu-2023.txt " + data +
                                              "/chengdu-2024.txt " + data + "/chengdu-2025.txt");
    ASSERT_EQ(r.code, 0) << r.err;
    std::ofstream(dir_->path / "panel.csv") << "jurisdiction,metric,year,value\n"
                                               "成都市,行政复议收案|件,2023,9520\n成都市,行政复议收案|件,2024,10986\n"
                                               "成都市,行政复议收案|件,2025,0\n成都市,综合执法|%,2024,86.15\n";
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static cli_result run(const std::string& args) { return run_annals(dir_->path, args); }
  static inline annals::test::scratch_dir* dir_ = nullptr;
};

/// Every command that prints records, as a user runs it on the bundled data.
const std::vector<std::pair<std::string, std::string>>& commands() {
  static const std::vector<std::pair<std::string, std::string>> list{
      {"extract", "extract " + data + "/chengdu-2024.txt"},
      {"reports", "reports --db s.db"},
      {"check", "check " + data + "/chengdu-2025.txt --prior " + data + "/chengdu-2024.txt"},
      {"track", "track " + data + "/chengdu-2024.txt " + data + "/chengdu-2025.txt"},
      {"timeline", "timeline --db s.db --jurisdiction 成都市 --no-save"},
      {"catalogue", "catalogue --db s.db"},
      {"yoy --db", "yoy --db s.db --jurisdiction 成都市"},
      {"yoy --panel", "yoy --panel panel.csv"},
  };
  return list;
}

TEST_F(contract, every_command_in_every_format_follows_the_field_table) {
  const std::regex schema_re("annals\\.[a-z_]+/1");
  for (const auto& [name, args] : commands())
    for (const std::string fmt : {"table", "csv", "json", "jsonl", "md"}) {
      const std::string where = name + " --format " + fmt;
      const cli_result r = run(args + " --format " + fmt);
      ASSERT_TRUE(r.code == 0 || r.code == 1) << where << ": " << r.err;  // 1: check/track found a problem
      ASSERT_FALSE(r.out.empty()) << where;
      EXPECT_EQ(r.out.find('\r'), std::string::npos) << where << ": LF everywhere";
      EXPECT_EQ(r.out.back(), '\n') << where;
      if (fmt == "json") {
        const auto j = nlohmann::json::parse(r.out);
        ASSERT_TRUE(j.is_object()) << where;
        ASSERT_TRUE(j.contains("schema")) << where;
        EXPECT_TRUE(std::regex_match(j["schema"].get<std::string>(), schema_re)) << where << ": " << j["schema"];
        walk_json(where, j);
        if (name == "check") {  // missing is null in the changes too, never ""
          for (const auto& c : j["changes"]) {
            for (const auto& [k, v] : c.items()) {
              EXPECT_NE(v, "") << where << ": " << k;
            }
          }
        }
      } else if (fmt == "jsonl") {
        std::istringstream lines(r.out);
        std::string line;
        while (std::getline(lines, line)) {
          const auto j = nlohmann::json::parse(line);
          ASSERT_TRUE(j.is_object()) << where;
          walk_json(where, j, name == "extract");  // extract's lines are annals.report/1 facts
        }
      } else if (fmt == "csv") {
        check_csv(where, r.out, true, name == "extract");
        const cli_result plain = run(args + " --format csv --no-bom");
        check_csv(where + " --no-bom", plain.out, false, name == "extract");
        EXPECT_EQ("\xEF\xBB\xBF" + plain.out, r.out) << where;
      } else if (fmt == "md") {
        EXPECT_THAT(r.out, HasSubstr("\n| ")) << where;  // a pipe table somewhere (after a title, or first)
        EXPECT_THAT(r.out, HasSubstr("---")) << where;
      } else {  // table: a header line, then a rule or the first row
        EXPECT_EQ(r.out.find("\x1B"), std::string::npos) << where;
      }
    }
}

TEST_F(contract, record_views_name_the_shared_fields) {
  // the flattened views carry the shared names, with null for what is missing
  const std::string yoy_lines = run("yoy --db s.db --jurisdiction 成都市 --format jsonl").out;
  const auto yoy = nlohmann::json::parse(yoy_lines.substr(0, yoy_lines.find('\n')));
  for (const char* k : {"jurisdiction", "metric", "year", "value", "growth_pct", "change_pp", "verdict"})
    EXPECT_TRUE(yoy.contains(k)) << k;
  EXPECT_TRUE(yoy["growth_pct"].is_null() || yoy["change_pp"].is_null());  // one or the other, never both

  const auto panel = run("yoy --panel panel.csv --format csv --no-bom");
  EXPECT_THAT(panel.out, StartsWith("jurisdiction,metric,year,value,prior,growth_ratio,status\n"));
  EXPECT_THAT(panel.out, HasSubstr("成都市,行政复议收案|件,2024,10986,9520,0.153991596639,ok\n"));
  EXPECT_THAT(panel.out, HasSubstr("成都市,行政复议收案|件,2023,9520,,,no_prior\n"));  // empty for missing
  const auto pj = nlohmann::json::parse(run("yoy --panel panel.csv --format json").out);
  EXPECT_EQ(pj["schema"], "annals.yoy_panel/1");
  std::map<int, nlohmann::json> review;  // 行政复议收案|件 by year (rows sort by metric bytes: 综… first)
  for (const auto& row : pj["rows"])
    if (row["metric"] == "行政复议收案|件") review[row["year"].get<int>()] = row;
  ASSERT_EQ(review.size(), 3u);
  EXPECT_TRUE(review[2023]["growth_ratio"].is_null());
  EXPECT_TRUE(review[2023]["prior"].is_null());
  EXPECT_EQ(review[2024]["growth_ratio"], "0.153991596639");
  EXPECT_EQ(review[2025]["status"], "ok");

  const auto reports = nlohmann::json::parse(run("reports --db s.db --format json").out);
  EXPECT_EQ(reports["schema"], "annals.reports/1");
  ASSERT_EQ(reports["reports"].size(), 3u);
  EXPECT_EQ(reports["reports"][0]["year"], 2023);
  EXPECT_TRUE(reports["reports"][0]["recipient"].is_null() || reports["reports"][0]["recipient"].is_string());

  const auto track = run("track " + data + "/chengdu-2024.txt " + data + "/chengdu-2025.txt --format jsonl");
  const auto first = nlohmann::json::parse(track.out.substr(0, track.out.find('\n')));
  EXPECT_EQ(first["earlier_year"], 2024);
  EXPECT_EQ(first["later_year"], 2025);
  EXPECT_TRUE(first.contains("status") && first["status"].is_string());
}

// The json document is written record by record (records.cpp, render_json), not built whole:
// its bytes must stay those of the document dumped at once (2-space indent), with and without
// records.
TEST_F(contract, a_json_document_is_the_dump_of_itself_with_and_without_records) {
  for (const std::string args : {"reports --db s.db --format json", "reports --db s.db --revisions --format json",
                                 "reports --db s.db --jurisdiction 不存在市 --format json"}) {
    SCOPED_TRACE(args);
    const auto r = run(args);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, nlohmann::ordered_json::parse(r.out).dump(2) + "\n");
  }
  EXPECT_EQ(run("reports --db s.db --jurisdiction 不存在市 --format json").out,
            "{\n  \"schema\": \"annals.reports/1\",\n  \"reports\": []\n}\n");
}

TEST_F(contract, format_names_are_case_insensitive) {
  const auto upper = run("reports --db s.db --format JSON");
  ASSERT_EQ(upper.code, 0) << upper.err;
  EXPECT_EQ(upper.out, run("reports --db s.db --format json").out);
  EXPECT_EQ(run("yoy --panel panel.csv --format Csv").code, 0);
}

TEST_F(contract, a_bad_format_is_a_usage_error_with_a_guess) {
  for (const auto& [name, args] : commands()) {
    const auto r = run(args + " --format jsn");
    EXPECT_EQ(r.code, 2) << name;
    EXPECT_TRUE(r.out.empty()) << name;
    EXPECT_THAT(r.err, HasSubstr("'jsn' is not a format; one of table, csv, json, jsonl, md (did you mean 'json'?)")) << name;
  }
  const auto far = run("reports --db s.db --format xml");
  EXPECT_EQ(far.code, 2);
  EXPECT_THAT(far.err, Not(HasSubstr("did you mean")));
}

TEST_F(contract, a_failed_write_is_exit_5_for_every_command_and_format) {
  for (const auto& [name, args] : commands())
    for (const std::string fmt : {"table", "csv", "json"}) {
      const auto r = annals::test::run_sh(dir_->path, "\"$ANNALS\" " + args + " --format " + fmt + " >/dev/full");
      EXPECT_EQ(r.code, 5) << name << " " << fmt << ": " << r.err;
      EXPECT_THAT(r.err, HasSubstr("cannot write")) << name;
    }
  const auto html = annals::test::run_sh(dir_->path, "\"$ANNALS\" report --db s.db --jurisdiction 成都市 --html - >/dev/full");
  EXPECT_EQ(html.code, 5) << html.err;
}

TEST_F(contract, dash_is_standard_input_and_output) {
  const auto in = annals::test::run_sh(dir_->path, "\"$ANNALS\" extract - --format jsonl < " + data + "/chengdu-2024.txt");
  ASSERT_EQ(in.code, 0) << in.err;
  // the same facts; only the source name differs ("-")
  const std::string from_file = run("extract " + data + "/chengdu-2024.txt --format jsonl").out;
  EXPECT_EQ(std::count(in.out.begin(), in.out.end(), '\n'), std::count(from_file.begin(), from_file.end(), '\n'));
  const auto html = run("report --db s.db --jurisdiction 成都市 --html -");
  ASSERT_EQ(html.code, 0) << html.err;
  EXPECT_THAT(html.out, StartsWith("<!doctype html>"));
  EXPECT_FALSE(std::filesystem::exists(dir_->path / "-"));
  const auto md = run("report --db s.db --jurisdiction 成都市 --md - --html r.html");
  ASSERT_EQ(md.code, 0) << md.err;
  EXPECT_THAT(md.err, HasSubstr("wrote r.html"));  // the page went to stdout, the note to stderr
  EXPECT_TRUE(std::filesystem::exists(dir_->path / "r.html"));
  EXPECT_EQ(run("report --db s.db --jurisdiction 成都市 --md - --html -").code, 2);
  const auto imp = annals::test::run_sh(dir_->path, "\"$ANNALS\" catalogue --db s.db --format csv | \"$ANNALS\" catalogue --db s.db --import -");
  EXPECT_EQ(imp.code, 0) << imp.err;  // the BOM of the export is read back
  EXPECT_THAT(imp.out, HasSubstr("0 aliases added"));
}

}  // namespace
