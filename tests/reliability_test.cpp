// Reliability and security, end to end (issue 8; docs/reliability.md).
//
// - The bad-input matrix through the reader (read_report_bytes, read_report) and through the
//   command line (`annals extract`): each input either gives a report (with warnings) or one
//   clear error, never a crash or a hang; the CLI exits 3 with one line `annals: <file>: <why>`
//   on stderr and nothing on stdout.
// - Output safety: HTML escaping of report text, RFC 4180 CSV with spreadsheet-formula
//   neutralisation, Markdown cells that cannot break their table, JSON that round-trips.
// - Regressions for what the fuzzers (tests/fuzz) found, with the crashing inputs inlined.
//
// The made-up report fragments in this file are test documents written for annals (编造的测试文档),
// not statements of any government.
#include <annals/csv.hpp>
#include <annals/error.hpp>
#include <annals/figure.hpp>
#include <annals/html_report.hpp>
#include <annals/reader.hpp>
#include <annals/report_json.hpp>
#include <annals/source.hpp>
#include <annals/text.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "encoding_fixtures.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The real sample report (data/chengdu-2024.txt).
const std::string& sample() {
  static const std::string s = slurp(ANNALS_DATA_DIR "/chengdu-2024.txt");
  return s;
}

using annals::test::convert;
using annals::test::lines_of;

/// What a fact says, without where it is: label | text | value | unit | qualifier.
std::vector<std::string> fact_signature(const annals::report& r) {
  std::vector<std::string> out;
  for (const auto& f : r.facts)
    out.push_back(f.label + " | " + f.text + " | " + f.q.value.to_string() + " | " + f.q.unit + " | " +
                  std::string(annals::to_string(f.q.qual)));
  return out;
}

bool has_warning(const annals::report& r, std::string_view code) {
  return std::any_of(r.warnings.begin(), r.warnings.end(), [&](const annals::warning& w) { return w.code == code; });
}

/// Everything a report promises about its spans: valid UTF-8 text, spans inside it, and the
/// `text` of facts, changes and dates equal to the text at their span (annals.report/1).
void expect_well_formed(const annals::report& r) {
  ASSERT_TRUE(annals::utf8::is_valid(r.text));
  const annals::offset_index idx(r.text);
  for (const auto& f : r.facts) {
    EXPECT_LE(f.span.start, f.span.end);
    EXPECT_LE(f.span.end, idx.size());
    EXPECT_EQ(idx.slice(f.span), f.text) << f.id;
  }
  for (const auto& c : r.changes) {
    EXPECT_LE(c.span.end, idx.size());
    EXPECT_EQ(idx.slice(c.span), c.text) << c.id;
  }
  for (const auto& d : r.dates) EXPECT_EQ(idx.slice(d.span), d.text);
  for (const auto& w : r.warnings) EXPECT_LE(w.start, idx.size()) << w.code;
}

/// Expects `f` to throw annals::input_error with exactly `message` (exit code 3).
template <class F>
void expect_input_error(F&& f, const std::string& message) {
  try {
    f();
    ADD_FAILURE() << "expected input_error: " << message;
  } catch (const annals::input_error& e) {
    EXPECT_EQ(std::string(e.what()), message);
    EXPECT_EQ(e.code(), annals::errc::input);
  }
}

class temp_dir {
 public:
  temp_dir() {
    std::string tmpl = (fs::temp_directory_path() / "annals_reliability_XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp");
    path_ = tmpl;
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }
  [[nodiscard]] fs::path write(const std::string& name, std::string_view bytes) const {
    const fs::path p = path_ / name;
    std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p;
  }

 private:
  fs::path path_;
};

/// A binary file: a PNG signature and header, then pseudo-random bytes.
std::string binary_bytes() {
  std::string png = "\x89PNG\r\n\x1A\n";
  png += std::string("\x00\x00\x00\x0DIHDR\x00\x00\x01\x00", 12);
  std::uint32_t x = 2024;
  for (int i = 0; i < 8192; ++i) {
    x = x * 1103515245u + 12345u;
    png.push_back(static_cast<char>(x >> 24));
  }
  return png;
}

/// A 50 MB report on a single line: prose with a figure every ~900 bytes, no line break.
std::string fifty_megabyte_line() {
  const std::string prose = "各级行政机关严格规范公正文明执法，持续深化行政执法体制改革，";
  const std::string figure = "全市办理行政复议案件1.8万余件，同比增长12.5%，";
  std::string big = "某市人民政府关于2024年度法治政府建设情况的报告（编造的测试文档）";
  big.reserve((50u << 20) + 1024);
  while (big.size() < (50u << 20)) {
    for (int k = 0; k < 10; ++k) big += prose;
    big += figure;
  }
  return big;
}

/// 10,000 nested <div>s around the sample's lines (one <p> each), then 10,000 unclosed tags.
std::string deeply_nested_page() {
  std::string html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>";
  for (int i = 0; i < 10000; ++i) html += "<div>";
  for (const std::string& line : lines_of(sample())) {
    html += "<p>";
    for (const char c : line) {
      if (c == '<') html += "&lt;";
      else if (c == '&') html += "&amp;";
      else html += c;
    }
    html += "</p>\n";
  }
  for (int i = 0; i < 10000; ++i) html += "</div>";
  for (int i = 0; i < 10000; ++i) html += "<span><b>";
  html += "</body></html>";
  return html;
}

/// The sample with alternate lines in GB18030.
std::string mixed_encoding_bytes() {
  const auto lines = lines_of(sample());
  std::string mixed;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    mixed += k % 2 == 0 ? lines[k] : convert(lines[k], "GB18030");
    if (k + 1 < lines.size()) mixed += "\n";
  }
  return mixed;
}

/// The sample in GB18030 with a stray 0xFF (never valid in GB18030) inside a sentence of prose.
std::string invalid_gb18030_bytes() {
  std::string gb = convert(sample(), "GB18030");
  const std::string anchor = convert("深入推进依法行政", "GB18030");
  const std::size_t at = gb.find(anchor);
  if (at == std::string::npos) throw std::runtime_error("anchor not in the sample");
  gb.insert(at + anchor.size(), "\xFF");
  return gb;
}

/// A made-up report with paragraphs but no 一、 sections.
const std::string no_sections_text =
    "某县人民政府关于2024年度法治政府建设情况的报告\n"
    "（编造的测试文档，不是政府发布的报告）\n"
    "县人大常委会：\n"
    "2024年，全县新收行政复议案件356件，同比增长12.5%。办理法律援助案件1200余件。\n"
    "全县行政机关负责人出庭应诉率达到98.5%，较上年提高2.1个百分点。\n"
    "某县人民政府\n2025年1月10日\n";

// ---- the bad-input matrix through the reader -----------------------------------------------------

TEST(reliability_reader_test, empty_file) {
  expect_input_error([] { (void)annals::read_report_bytes("", "empty.txt"); }, "empty.txt: empty file");
  expect_input_error([] { (void)annals::read_report_bytes(" \r\n\t\u3000\n", "blank.txt"); }, "blank.txt: empty file");
  const temp_dir dir;
  const auto p = dir.write("empty.txt", "");
  expect_input_error([&] { (void)annals::read_report(p); }, p.string() + ": empty file");
}

TEST(reliability_reader_test, binary_file) {
  expect_input_error([] { (void)annals::read_report_bytes(binary_bytes(), "logo.png"); },
                     "logo.png: not a text document (binary data)");
  // an executable's header: NUL bytes that are not UTF-16
  std::string elf("\x7F" "ELF\x02\x01\x01\x00", 8);
  elf += std::string(56, '\0');
  elf += "GCC: (Debian 12.2.0) 12.2.0";
  expect_input_error([&] { (void)annals::read_report_bytes(elf, "a.out"); }, "a.out: not a text document (binary data)");
}

TEST(reliability_reader_test, truncated_utf8) {
  const std::string& s = sample();
  // cut inside a character a little past the middle
  std::size_t cut = s.size() / 2;
  while (annals::utf8::is_continuation(s[cut])) ++cut;
  cut += 1;  // one byte of a (multi-byte) character
  ASSERT_GE(static_cast<unsigned char>(s[cut - 1]), 0xC0u);
  const annals::report whole = annals::read_report_bytes(s, "whole.txt");
  const annals::report r = annals::read_report_bytes(s.substr(0, cut), "cut.txt");
  expect_well_formed(r);
  EXPECT_TRUE(has_warning(r, "invalid_utf8"));
  EXPECT_TRUE(r.text.ends_with("\xEF\xBF\xBD"));
  // what lies before the cut is read as in the whole report
  const auto a = fact_signature(whole), b = fact_signature(r);
  ASSERT_GE(b.size(), 10u);
  for (std::size_t i = 0; i + 1 < b.size(); ++i) EXPECT_EQ(b[i], a[i]) << i;
}

TEST(reliability_reader_test, invalid_gb18030) {
  const annals::report utf8 = annals::read_report_bytes(sample(), "utf8.txt");
  const annals::report r = annals::read_report_bytes(invalid_gb18030_bytes(), "gb.txt");
  expect_well_formed(r);
  EXPECT_EQ(r.source.encoding, "gb18030");
  EXPECT_TRUE(has_warning(r, "invalid_gb18030"));
  EXPECT_EQ(fact_signature(r), fact_signature(utf8));
}

TEST(reliability_reader_test, utf16_without_bom) {
  const annals::report utf8 = annals::read_report_bytes(sample(), "utf8.txt");
  const annals::report le = annals::read_report_bytes(convert(sample(), "UTF-16LE"), "le.txt");
  const annals::report be = annals::read_report_bytes(convert(sample(), "UTF-16BE"), "be.txt");
  EXPECT_EQ(le.source.encoding, "utf-16le");
  EXPECT_EQ(be.source.encoding, "utf-16be");
  expect_well_formed(le);
  EXPECT_EQ(le.text, utf8.text);
  EXPECT_EQ(be.text, utf8.text);
  EXPECT_EQ(fact_signature(le), fact_signature(utf8));
  EXPECT_EQ(fact_signature(be), fact_signature(utf8));
}

TEST(reliability_reader_test, fifty_megabyte_single_line) {
  // No timing assertion: the test only has to finish (ctest's timeout catches a quadratic
  // reader; bench/ measures the speed).
  const std::string big = fifty_megabyte_line();
  const annals::report r = annals::read_report_bytes(big, "big.txt");
  EXPECT_EQ(r.text.size(), big.size());
  EXPECT_GE(r.facts.size(), 10000u);
  EXPECT_EQ(r.facts.front().text, "1.8万余件");
  EXPECT_EQ(r.facts.back().text, "1.8万余件");
}

TEST(reliability_reader_test, ten_thousand_nested_html_tags) {
  const annals::report utf8 = annals::read_report_bytes(sample(), "utf8.txt");
  const annals::report r = annals::read_report_bytes(deeply_nested_page(), "deep.html");
  expect_well_formed(r);
  EXPECT_EQ(r.source.format, annals::source_format::html);
  EXPECT_EQ(fact_signature(r), fact_signature(utf8));
}

TEST(reliability_reader_test, number_with_400_digits) {
  const std::string digits(400, '7');
  const std::string text = "某县人民政府关于2024年度法治政府建设情况的报告（编造的测试文档）\n县人大常委会：\n"
                           "一、依法履职\n全县受理各类案件" + digits + "件，办理公证5.5万件。\n";
  const annals::report r = annals::read_report_bytes(text, "digits.txt");
  expect_well_formed(r);
  for (const auto& f : r.facts) EXPECT_EQ(f.text.find("7777777777"), std::string::npos) << f.text;
  // the figure beside it is still read
  const auto sig = fact_signature(r);
  EXPECT_TRUE(std::any_of(sig.begin(), sig.end(), [](const std::string& s) { return s.find("5.5万件 | 55000") != std::string::npos; }))
      << ::testing::PrintToString(sig);
  // the figure parser refuses it with a bounded, one-line message
  try {
    (void)annals::parse_figure(digits);
    ADD_FAILURE() << "400 digits parsed";
  } catch (const annals::input_error& e) {
    const std::string m = e.what();
    EXPECT_THAT(m, ::testing::EndsWith(": too many digits"));
    EXPECT_LT(m.size(), 120u);
  }
}

TEST(reliability_reader_test, nine_billion_yi) {
  const std::string text = "某县人民政府关于2024年度法治政府建设情况的报告（编造的测试文档）\n县人大常委会：\n"
                           "一、依法履职\n全县投入资金9999999999亿元，办理公证5.5万件。\n";
  const annals::report r = annals::read_report_bytes(text, "yi.txt");
  expect_well_formed(r);
  const auto it = std::find_if(r.facts.begin(), r.facts.end(),
                               [](const annals::fact& f) { return f.text.find("9999999999") != std::string::npos; });
  ASSERT_NE(it, r.facts.end());
  EXPECT_EQ(it->q.value.to_string(), "999999999900000000");  // 18 digits, exact
  // the figure parser, and one step further than any report goes
  EXPECT_EQ(annals::parse_figure("9999999999亿").value.to_string(), "999999999900000000");
  EXPECT_EQ(annals::parse_figure("9999999999万亿").value.to_string(), "9999999999000000000000");
  EXPECT_FALSE(annals::try_parse_figure("9999999999亿亿").has_value());
}

TEST(reliability_reader_test, mixed_encodings_in_one_file) {
  const annals::report utf8 = annals::read_report_bytes(sample(), "utf8.txt");
  const annals::report r = annals::read_report_bytes(mixed_encoding_bytes(), "mixed.txt");
  expect_well_formed(r);
  EXPECT_TRUE(has_warning(r, "mixed_encoding"));
  EXPECT_EQ(r.text, utf8.text);
  EXPECT_EQ(fact_signature(r), fact_signature(utf8));
}

TEST(reliability_reader_test, directory_given_as_a_file) {
  const temp_dir dir;
  expect_input_error([&] { (void)annals::read_report(dir.path()); }, dir.path().string() + ": is a directory");
}

TEST(reliability_reader_test, path_that_does_not_exist) {
  const temp_dir dir;
  const fs::path p = dir.path() / "no-such-report.txt";
  expect_input_error([&] { (void)annals::read_report(p); }, p.string() + ": no such file");
}

TEST(reliability_reader_test, report_with_no_sections) {
  const annals::report r = annals::read_report_bytes(no_sections_text, "flat.txt");
  expect_well_formed(r);
  EXPECT_TRUE(r.sections.empty());
  EXPECT_TRUE(has_warning(r, "no_sections"));
  ASSERT_TRUE(r.meta.year.has_value());
  EXPECT_EQ(r.meta.year->value(), 2024);
  const auto sig = fact_signature(r);
  EXPECT_TRUE(std::any_of(sig.begin(), sig.end(), [](const std::string& s) { return s.find("356件 | 356 | 件") != std::string::npos; }))
      << ::testing::PrintToString(sig);
  EXPECT_FALSE(r.changes.empty());
}

TEST(reliability_reader_test, two_reports_in_one_file) {
  const annals::report first = annals::read_report_bytes(sample(), "2024.txt");
  const std::string both = sample() + "\n\n" + slurp(ANNALS_DATA_DIR "/chengdu-2023.txt");
  const annals::report r = annals::read_report_bytes(both, "both.txt");
  expect_well_formed(r);
  EXPECT_TRUE(has_warning(r, "multiple_reports"));
  ASSERT_TRUE(r.meta.year.has_value());
  EXPECT_EQ(r.meta.year->value(), 2024);
  EXPECT_EQ(fact_signature(r), fact_signature(first));  // only the first report is read
}

// ---- the bad-input matrix through `annals extract` ------------------------------------------------

#ifdef ANNALS_CLI

struct cli_result {
  int code = -1;
  std::string out;
  std::string err;
};

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (const char c : s) {
    if (c == '\'') q += "'\\''";
    else q += c;
  }
  return q + "'";
}

cli_result run_cli(const std::vector<std::string>& args, const temp_dir& dir) {
  std::string cmd = shell_quote(ANNALS_CLI);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  const fs::path out = dir.path() / "cli.stdout", err = dir.path() / "cli.stderr";
  cmd += " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()) + " </dev/null";
  const int status = std::system(cmd.c_str());
  cli_result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

/// The failure contract: exit 3, nothing on stdout, exactly one line "annals: <file>: <why>".
void expect_cli_input_error(const cli_result& r, const std::string& file, const std::string& why) {
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "annals: " + file + ": " + why + "\n");
}

/// The success contract: exit 0, one annals.report/1 JSON object on stdout.
void expect_cli_report(const cli_result& r, const std::vector<std::string>& warning_codes) {
  ASSERT_EQ(r.code, 0) << r.err;
  const annals::report back = annals::report_from_json(r.out);
  for (const auto& code : warning_codes) EXPECT_TRUE(has_warning(back, code)) << code;
}

TEST(reliability_cli_test, empty_binary_directory_and_missing_files_exit_3) {
  const temp_dir dir;
  const auto empty = dir.write("empty.txt", "");
  expect_cli_input_error(run_cli({"extract", empty.string(), "--format", "json"}, dir), empty.string(), "empty file");
  const auto bin = dir.write("logo.png", binary_bytes());
  expect_cli_input_error(run_cli({"extract", bin.string(), "--format", "json"}, dir), bin.string(),
                         "not a text document (binary data)");
  const auto sub = dir.path() / "a-directory";
  fs::create_directory(sub);
  expect_cli_input_error(run_cli({"extract", sub.string(), "--format", "json"}, dir), sub.string(), "is a directory");
  const auto missing = dir.path() / "missing.txt";
  expect_cli_input_error(run_cli({"extract", missing.string(), "--format", "json"}, dir), missing.string(),
                         "no such file");
}

TEST(reliability_cli_test, a_bad_file_among_good_ones_writes_nothing_to_stdout) {
  const temp_dir dir;
  const auto good = dir.write("good.txt", sample());
  const auto missing = dir.path() / "missing.txt";
  for (const char* format : {"json", "jsonl", "csv", "md"}) {
    const auto r = run_cli({"extract", good.string(), missing.string(), "--format", format}, dir);
    expect_cli_input_error(r, missing.string(), "no such file");
  }
}

TEST(reliability_cli_test, damaged_but_readable_files_give_a_report_with_warnings) {
  const temp_dir dir;
  const std::string& s = sample();
  std::size_t cut = s.size() / 2;
  while (annals::utf8::is_continuation(s[cut])) ++cut;
  const auto truncated = dir.write("cut.txt", s.substr(0, cut + 1));
  expect_cli_report(run_cli({"extract", truncated.string(), "--format", "json"}, dir), {"invalid_utf8"});
  const auto gb = dir.write("gb.txt", invalid_gb18030_bytes());
  expect_cli_report(run_cli({"extract", gb.string(), "--format", "json"}, dir), {"invalid_gb18030"});
  const auto le = dir.write("le.txt", convert(s, "UTF-16LE"));
  expect_cli_report(run_cli({"extract", le.string(), "--format", "json"}, dir), {});
  const auto mixed = dir.write("mixed.txt", mixed_encoding_bytes());
  expect_cli_report(run_cli({"extract", mixed.string(), "--format", "json"}, dir), {"mixed_encoding"});
  const auto flat = dir.write("flat.txt", no_sections_text);
  expect_cli_report(run_cli({"extract", flat.string(), "--format", "json"}, dir), {"no_sections"});
  const auto both = dir.write("both.txt", s + "\n\n" + slurp(ANNALS_DATA_DIR "/chengdu-2023.txt"));
  expect_cli_report(run_cli({"extract", both.string(), "--format", "json"}, dir), {"multiple_reports"});
  const std::string digits = "某县人民政府关于2024年度法治政府建设情况的报告（编造的测试文档）\n一、依法履职\n全县受理案件" +
                             std::string(400, '9') + "件，投入资金9999999999亿元。\n";
  const auto big_numbers = dir.write("digits.txt", digits);
  expect_cli_report(run_cli({"extract", big_numbers.string(), "--format", "json"}, dir), {});
  const auto deep = dir.write("deep.html", deeply_nested_page());
  expect_cli_report(run_cli({"extract", deep.string(), "--format", "json"}, dir), {});
}

TEST(reliability_cli_test, fifty_megabyte_single_line_finishes) {
  const temp_dir dir;
  const auto big = dir.write("big.txt", fifty_megabyte_line());
  const auto r = run_cli({"extract", big.string(), "--format", "jsonl"}, dir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_GE(std::count(r.out.begin(), r.out.end(), '\n'), 10000);
}

#endif  // ANNALS_CLI

// ---- output safety ----------------------------------------------------------------------------

/// Splits RFC 4180 CSV (CRLF or LF records, quoted fields) into records of fields.
std::vector<std::vector<std::string>> parse_csv(std::string_view csv) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      if (!field.empty()) throw std::runtime_error("quote inside an unquoted field");
      quoted = was_quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field), field.clear(), was_quoted = false;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') ++i;
      rows.back().push_back(field), field.clear(), was_quoted = false;
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (quoted) throw std::runtime_error("unterminated quoted field");
  if (!field.empty() || was_quoted || !rows.back().empty()) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

/// The one CSV field writer (annals::csv_field: to_csv, the store's exports, panel_yoy and the
/// `annals` tool's tables all write through it).
TEST(reliability_output_test, csv_field_quotes_per_rfc_4180_and_neutralises_formulas) {
  using annals::csv_field;
  using annals::csv_kind;
  EXPECT_EQ(csv_field("行政复议"), "行政复议");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_field("+1"), "'+1");
  EXPECT_EQ(csv_field("-1+2"), "'-1+2");
  EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_field("\tx"), "'\tx");
  EXPECT_EQ(csv_field("\r=1"), "\"'\r=1\"");  // neutralised, then quoted for the CR
  EXPECT_EQ(csv_field("-12.5", csv_kind::number), "-12.5");  // a number stays a number
  EXPECT_EQ(csv_field("+3", csv_kind::number), "+3");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("", csv_kind::number), "");
  // a leading or trailing space is quoted, so that no reader trims it
  EXPECT_EQ(csv_field(" lead"), "\" lead\"");
  EXPECT_EQ(csv_field("trail "), "\"trail \"");
  EXPECT_EQ(csv_field("in side"), "in side");
  EXPECT_EQ(csv_field("=a b "), "\"'=a b \"");
  // only the first character counts; NUL and other bytes pass through
  EXPECT_EQ(csv_field("a=b"), "a=b");
  EXPECT_EQ(csv_field(std::string_view("x\0y", 3)), std::string("x\0y", 3));
  // append_csv_field appends
  std::string row = "id,";
  annals::append_csv_field(row, "a\"b");
  EXPECT_EQ(row, "id,\"a\"\"b\"");
}

TEST(reliability_output_test, csv_unneutralise_inverts_the_neutralisation_only) {
  using annals::csv_unneutralise;
  // a neutralised field loses its ' (what csv_field put in front)
  for (const std::string s : {"=1", "+1", "-1", "@x", "\tx", "\rx"}) {
    EXPECT_EQ(annals::csv_field(s).find('\''), s.front() == '\r' ? 1u : 0u) << s;
    EXPECT_EQ(csv_unneutralise("'" + s), s) << s;
  }
  // anything else stays as it is
  for (const std::string s : {"plain", "", "'", "'quoted", "'a", "a=b"}) EXPECT_EQ(csv_unneutralise(s), s) << s;
}

/// A report whose text fields try every injection: formulas, quotes, separators, markup.
annals::report hostile_report() {
  annals::report r = annals::read_report_bytes(no_sections_text, "flat.txt");
  EXPECT_GE(r.facts.size(), 2u);
  r.facts[0].label = "=HYPERLINK(\"http://evil.example/\",\"点击\")";
  r.facts[1].label = "<script>alert('x')</script>, \"quoted\"\r\nnext | cell";
  r.meta.jurisdiction = "@某县";
  r.source.name = "-report,1.txt";
  return r;
}

TEST(reliability_output_test, report_csv_is_rfc_4180_with_formulas_neutralised) {
  const annals::report r = hostile_report();
  const std::string csv = annals::to_csv(r);
  const auto rows = parse_csv(csv);
  ASSERT_EQ(rows.size(), r.facts.size() + 1);
  const auto& header = rows[0];
  for (const auto& row : rows) ASSERT_EQ(row.size(), header.size());  // nothing broke a row
  const auto col = [&](std::string_view name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  ASSERT_LT(col("label"), header.size());
  EXPECT_EQ(rows[1][col("label")], "'" + r.facts[0].label);
  EXPECT_EQ(rows[2][col("label")], r.facts[1].label);  // quoted, not altered
  EXPECT_EQ(rows[1][col("jurisdiction")], "'@某县");
  EXPECT_EQ(rows[1][col("source")], "'-report,1.txt");
  EXPECT_EQ(rows[1][col("value")], r.facts[0].q.value.to_string());
  // no field of any row starts with a formula character unless it is a number
  for (std::size_t i = 1; i < rows.size(); ++i) {
    for (const auto& f : rows[i]) {
      if (!f.empty() && (f[0] == '=' || f[0] == '+' || f[0] == '@' || f[0] == '-')) {
        EXPECT_TRUE(annals::decimal::try_parse(f).has_value()) << f;
      }
    }
  }
}

TEST(reliability_output_test, report_markdown_cells_cannot_break_the_table_or_inject_markup) {
  const annals::report r = hostile_report();
  const std::string md = annals::to_markdown(r);
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_EQ(md.find("next | cell"), std::string::npos);  // the | is escaped
  // every table row of the facts table has the header's number of unescaped cells
  std::size_t header_cells = 0;
  for (const std::string& line : lines_of(md)) {
    if (!line.starts_with("|")) {
      header_cells = 0;
      continue;
    }
    std::size_t cells = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\') ++i;
      else if (line[i] == '|') ++cells;
    }
    if (header_cells == 0) header_cells = cells;
    EXPECT_EQ(cells, header_cells) << line;
  }
}

TEST(reliability_output_test, report_json_round_trips_hostile_text) {
  annals::report r = hostile_report();
  r.facts[0].label += std::string("\x01\x1F\x7F", 3) + "\\\"";
  const annals::report back = annals::report_from_json(annals::to_json(r));
  ASSERT_EQ(back.facts.size(), r.facts.size());
  EXPECT_EQ(back.facts[0].label, r.facts[0].label);
  EXPECT_EQ(back.facts[1].label, r.facts[1].label);
  EXPECT_EQ(back.meta.jurisdiction, r.meta.jurisdiction);
}

TEST(reliability_output_test, html_escape_escapes_the_five_characters) {
  EXPECT_EQ(annals::html_escape("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
  EXPECT_EQ(annals::html_escape("成都市"), "成都市");
}

TEST(reliability_output_test, html_report_renders_script_in_report_text_as_text) {
  const std::string script = "<script>alert(1)</script>";
  const std::string attr = "\" onmouseover=\"alert(2)";
  annals::jurisdiction_view v;
  v.jurisdiction = "某县" + script;
  v.generator = "annals test";
  annals::metric_history m;
  m.jurisdiction = v.jurisdiction;
  m.metric = "案件" + script + "|件";
  m.label = "案件" + script + attr;
  m.unit = "件";
  for (int year : {2023, 2024}) {
    annals::yoy_point p;
    p.year = year;
    p.fact = "f1";
    p.text = std::to_string(year - 2000) + "件" + script;
    p.value = annals::decimal{year - 2000};
    p.bounds = annals::interval::point(p.value);
    p.stated_text = "同比增长" + script;
    p.reason = "reason " + script + attr;
    m.points.push_back(p);
  }
  v.metrics.push_back(m);
  annals::inconsistency inc;
  inc.year = 2024;
  inc.kind = "growth";
  inc.label = "label" + script + attr;
  inc.stated = "stated" + script;
  inc.found = "found" + script;
  inc.reason = "why" + script;
  inc.quote = "q2024-f1" + attr;
  v.inconsistencies.push_back(inc);
  annals::evidence_quote q;  // the evidence list: anchor, place, sentence and source all escaped
  q.id = inc.quote;
  q.year = 2024;
  q.section_marker = "三" + script;
  q.section_heading = "heading" + script;
  q.item = 2;
  q.item_title = "item" + script + attr;
  q.before = "before" + script;
  q.marked = "marked" + script;
  q.after = "after" + script + attr;
  q.source_name = "source" + script + attr;
  q.sha256 = "sha" + script;
  v.quotes.push_back(q);

  for (const auto lang : {annals::report_lang::zh, annals::report_lang::en}) {
  const std::string html = annals::to_html(v, {.lang = lang});
  std::string lower = html;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  EXPECT_EQ(lower.find("<script"), std::string::npos);
  EXPECT_EQ(lower.find("onmouseover=\""), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("某县&lt;script&gt;"), std::string::npos);
  }
}

// ---- regressions found by the fuzzers (tests/fuzz) -------------------------------------------------

/// fuzz_figure: parse_figure echoed its input into the error message raw, so a newline split the
/// one-line message, an ESC reached the terminal, and truncated UTF-8 made the message invalid.
TEST(reliability_regression_test, figure_error_message_is_one_printable_line) {
  const std::vector<std::string> inputs = {
      "1\n2",                           // space inside the figure: two lines
      "三\x1B[31m",                     // ESC: a terminal escape sequence in the message
      "\xE4\xB8\xA4\xE7\x99\xBE\xE5\x9B\x9B\xE5\x8D",  // 两百四 + a truncated 十: not UTF-8
      std::string("1\x00" "2", 3),      // NUL
  };
  for (const auto& in : inputs) {
    try {
      (void)annals::parse_figure(in);
      ADD_FAILURE() << "parsed: " << in;
    } catch (const annals::input_error& e) {
      const std::string_view m = e.what();
      EXPECT_TRUE(m.starts_with("figure: ")) << m;
      EXPECT_NE(m.find("': "), std::string_view::npos) << "no reason after the excerpt (cut at a NUL?): " << m;
      EXPECT_TRUE(annals::utf8::is_valid(m)) << "not UTF-8: " << ::testing::PrintToString(std::string(m));
      EXPECT_TRUE(std::none_of(m.begin(), m.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return b < 0x20 || b == 0x7F;
      })) << "control character in: " << ::testing::PrintToString(std::string(m));
    }
  }
}

}  // namespace
