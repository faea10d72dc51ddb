// `annals report --html`: the footer says when the page was made, SOURCE_DATE_EPOCH fixes that
// time (two runs, same bytes), and a SOURCE_DATE_EPOCH that is not a whole number of seconds is a
// usage error (exit 2) that writes nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_run.hpp"

#include <filesystem>
#include <string>

namespace {

using annals::test::cli_result;
using annals::test::sh_quote;
using annals::test::slurp;
using ::testing::HasSubstr;
using ::testing::Not;

class report_cli_test : public ::testing::Test {
 protected:
  annals::test::scratch_dir dir;

  void SetUp() override {
    const std::filesystem::path data = ANNALS_DATA_DIR;
    const auto r = annals::test::run_annals(dir.path, "ingest --db s.db " + sh_quote((data / "chengdu-2024.txt").string()) +
                                                          " " + sh_quote((data / "chengdu-2025.txt").string()));
    ASSERT_EQ(r.code, 0) << r.err;
  }

  /// `annals report … --html <out>` with SOURCE_DATE_EPOCH set to `epoch` (unset when null).
  cli_result report(const char* epoch, const std::string& out, const std::string& extra = "--lang en") {
    const std::string env = epoch == nullptr ? "unset SOURCE_DATE_EPOCH; " : "SOURCE_DATE_EPOCH=" + sh_quote(epoch) + " ";
    return annals::test::run_sh(dir.path, env + "\"$ANNALS\" report --db s.db --jurisdiction 成都市 --html " + out + " " + extra);
  }
};

TEST_F(report_cli_test, source_date_epoch_fixes_the_generated_at_line) {
  ASSERT_EQ(report("1700000000", "a.html").code, 0);
  ASSERT_EQ(report("1700000000", "b.html").code, 0);
  const std::string a = slurp(dir.path / "a.html");
  EXPECT_THAT(a, HasSubstr("<footer>Generated <time class=\"generated\">2023-11-14 22:13:20 UTC</time> by annals "));
  EXPECT_EQ(a, slurp(dir.path / "b.html"));
  ASSERT_EQ(report("0", "c.html").code, 0);
  EXPECT_THAT(slurp(dir.path / "c.html"), HasSubstr(">1970-01-01 00:00:00 UTC</time>"));
  ASSERT_EQ(report("253402300799", "d.html").code, 0);
  EXPECT_THAT(slurp(dir.path / "d.html"), HasSubstr(">9999-12-31 23:59:59 UTC</time>"));
}

TEST_F(report_cli_test, without_source_date_epoch_the_clock_gives_the_time) {
  for (const char* epoch : {static_cast<const char*>(nullptr), ""}) {
    ASSERT_EQ(report(epoch, "now.html").code, 0);
    const std::string h = slurp(dir.path / "now.html");
    const auto at = h.find("<time class=\"generated\">");
    ASSERT_NE(at, std::string::npos);
    // a time of this century, not the epoch
    EXPECT_EQ(h.substr(at + 24, 2), "20");
    EXPECT_THAT(h.substr(at + 24, 24), HasSubstr(" UTC"));
  }
}

TEST_F(report_cli_test, a_bad_source_date_epoch_is_a_usage_error_and_writes_nothing) {
  for (const char* epoch : {"yesterday", "-1", "1.5", "12 ", "253402300800", "99999999999999999999"}) {
    const cli_result r = report(epoch, "bad.html");
    EXPECT_EQ(r.code, 2) << epoch;
    EXPECT_EQ(r.out, "") << epoch;
    EXPECT_THAT(r.err, HasSubstr("annals: SOURCE_DATE_EPOCH: '")) << epoch;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << epoch;
    EXPECT_FALSE(std::filesystem::exists(dir.path / "bad.html")) << epoch;
  }
  // the Markdown has no time: SOURCE_DATE_EPOCH is not read without --html
  const auto md = annals::test::run_sh(dir.path, "SOURCE_DATE_EPOCH=x \"$ANNALS\" report --db s.db --jurisdiction 成都市");
  EXPECT_EQ(md.code, 0) << md.err;
  EXPECT_THAT(md.out, Not(HasSubstr("UTC")));
}

TEST_F(report_cli_test, the_page_is_chinese_unless_lang_en_says_otherwise) {
  ASSERT_EQ(report("1700000000", "zh.html", "").code, 0);
  ASSERT_EQ(report("1700000000", "zh2.html", "--lang ZH").code, 0);
  ASSERT_EQ(report("1700000000", "en.html", "--lang en").code, 0);
  const std::string zh = slurp(dir.path / "zh.html"), en = slurp(dir.path / "en.html");
  EXPECT_EQ(zh, slurp(dir.path / "zh2.html"));
  EXPECT_THAT(zh, HasSubstr("<html lang=\"zh-CN\">"));
  EXPECT_THAT(zh, HasSubstr("<footer>本页由 annals "));
  EXPECT_THAT(zh, HasSubstr("生成于<time class=\"generated\">2023-11-14 22:13:20 UTC</time>"));
  EXPECT_THAT(zh, HasSubstr("<h2 id=\"evidence\">依据原文</h2>"));
  EXPECT_THAT(zh, HasSubstr("chengdu-2025.txt · SHA-256"));
  EXPECT_THAT(en, HasSubstr("<html lang=\"zh-Hans\">"));
  EXPECT_THAT(en, HasSubstr("<h2 id=\"growth\">Growth, computed and stated"));
  EXPECT_THAT(en, Not(HasSubstr("依据原文")));
}

TEST_F(report_cli_test, an_unknown_lang_is_a_usage_error_and_writes_nothing) {
  for (const char* lang : {"fr", "zh-CN", "''"}) {
    const cli_result r = report("1700000000", "bad.html", std::string("--lang ") + lang);
    EXPECT_EQ(r.code, 2) << lang;
    EXPECT_EQ(r.out, "") << lang;
    EXPECT_THAT(r.err, HasSubstr("annals: --lang: '")) << lang;
    EXPECT_THAT(r.err, HasSubstr("(zh or en)")) << lang;
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << lang;
    EXPECT_FALSE(std::filesystem::exists(dir.path / "bad.html")) << lang;
  }
}

}  // namespace
