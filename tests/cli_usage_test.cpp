// Usage errors of the `annals` tool that name what was meant (issue 13: an unknown subcommand said
// only "A subcommand is required"): a mistyped command or option gets "did you mean", a word too
// far from every known one gets no guess, and nothing is guessed after `--`.
#include <gtest/gtest.h>

#include "cli_run.hpp"

#include <string>

namespace {

using annals::test::cli_result;

class cli_usage_test : public ::testing::Test {
 protected:
  annals::test::scratch_dir dir;
  cli_result run(const std::string& args) { return annals::test::run_annals(dir.path, args); }

  /// exit 2, nothing on stdout, exactly one line on stderr, and that line
  static void expect_usage(const cli_result& r, const std::string& line, const std::string& args) {
    EXPECT_EQ(r.code, 2) << args;
    EXPECT_EQ(r.out, "") << args;
    EXPECT_EQ(r.err, "annals: usage: " + line + " (try --help)\n") << args;
  }
};

TEST_F(cli_usage_test, a_mistyped_command_is_named_with_the_likely_one) {
  expect_usage(run("extrac data.txt"), "unknown command 'extrac' (did you mean 'extract'?)", "extrac");
  expect_usage(run("repot --db a.db"), "unknown command 'repot' (did you mean 'report'?)", "repot");
  expect_usage(run("timelnie --db a.db"), "unknown command 'timelnie' (did you mean 'timeline'?)", "swap");
  expect_usage(run("check-stroe --db a.db"), "unknown command 'check-stroe' (did you mean 'check-store'?)", "swap");
  // a unique start of a command
  expect_usage(run("time --db a.db"), "unknown command 'time' (did you mean 'timeline'?)", "time");
  expect_usage(run("cata --db a.db"), "unknown command 'cata' (did you mean 'catalogue'?)", "cata");
}

TEST_F(cli_usage_test, no_guess_when_nothing_is_close_or_two_are_equally_close) {
  expect_usage(run("zzz"), "unknown command 'zzz'", "zzz");
  expect_usage(run("import a.csv"), "unknown command 'import'", "import");
  // report and reports are both one edit from reportz: no guess rather than a coin toss
  expect_usage(run("reportz --db a.db"), "unknown command 'reportz'", "reportz");
  // `che` starts both check and check-store
  expect_usage(run("che a.txt"), "unknown command 'che'", "che");
}

TEST_F(cli_usage_test, a_mistyped_option_is_named_with_the_likely_one_of_that_command) {
  expect_usage(run("extract --formt json a.txt"), "extract: unknown option --formt (did you mean --format?)", "formt");
  expect_usage(run("extract --fromat=json a.txt"), "extract: unknown option --fromat (did you mean --format?)", "=");
  expect_usage(run("ingest --bd a.db x"), "ingest: unknown option --bd (did you mean --db?)", "bd");
  // --prior is an option of check, not of reports
  expect_usage(run("reports --db a.db --prior x"), "reports: unknown option --prior", "other command's option");
  expect_usage(run("extract --zzzzzzzz a.txt"), "extract: unknown option --zzzzzzzz", "far");
}

TEST_F(cli_usage_test, no_command_lists_the_commands) {
  const auto r = run("");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(r.err.starts_with("annals: usage: no command given; one of: extract, ingest, ")) << r.err;
  EXPECT_NE(r.err.find("check-store"), std::string::npos) << r.err;
}

TEST_F(cli_usage_test, after_a_double_dash_every_word_is_an_operand) {
  // `--formt` after `--` is a file name: the input error of a missing file, not a usage guess
  const auto r = run("extract -- --formt");
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_EQ(r.err.find("did you mean"), std::string::npos) << r.err;
}

TEST_F(cli_usage_test, known_words_keep_the_parser_message) {
  // every word is known; the parser says what is wrong with the value
  expect_usage(run("extract --format xml a.txt"), "--format: 'xml' is not a format; one of table, csv, json, jsonl, md",
               "value");
}

}  // namespace
