// The scorer of the accuracy suite counts what it claims to, and refuses malformed gold with the
// file and line (tests/accuracy/README.md).
#include "scorer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace annals::accuracy;
namespace fs = std::filesystem;

namespace {

const std::string sentence =
    "@\ts1\tbase,growth\t全年全市新收行政复议案件超1.11万件，同比增长89.6%。\n";

sentence_score score(const std::string& gold) { return score_sentences(parse_sentences(sentence + gold, "t.tsv")); }

void expect_gold_error(const std::string& content, const std::string& needle) {
  try {
    (void)parse_sentences(content, "bad.tsv");
    FAIL() << "no error for: " << content;
  } catch (const gold_error& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).rfind("bad.tsv:", 0), 0u) << e.what();
  }
}

}  // namespace

TEST(accuracy_scorer, counts_a_fully_right_fact_and_change) {
  const auto s = score("fact\t超1.11万件\t11100\t件\tmore_than\t全市新收行政复议案件\n"
                       "change\t同比增长89.6%\tgrowth_pct\tvalue=89.6\tdirection=up\n");
  EXPECT_EQ(s.total.sentences, 1);
  EXPECT_EQ(s.total.gold_facts, 1);
  EXPECT_EQ(s.total.right_facts, 1);
  EXPECT_EQ(s.total.gold_changes, 1);
  EXPECT_EQ(s.total.right_changes, 1);
  EXPECT_DOUBLE_EQ(s.total.precision(), 1.0);
  EXPECT_DOUBLE_EQ(s.total.fully_correct(), 1.0);
  EXPECT_EQ(s.by_class.at("growth").gold(), 2);
  EXPECT_TRUE(s.misses.empty());
}

TEST(accuracy_scorer, a_wrong_value_is_found_but_not_right) {
  const auto s = score("fact\t超1.11万件\t11000\t件\tmore_than\t-\n"
                       "change\t同比增长89.6%\tgrowth_pct\tvalue=89.6\tdirection=down\n");
  EXPECT_EQ(s.total.found_facts, 1);
  EXPECT_EQ(s.total.right_facts, 0);
  EXPECT_EQ(s.total.found_changes, 1);
  EXPECT_EQ(s.total.right_changes, 0);
  EXPECT_DOUBLE_EQ(s.total.fully_correct(), 0.0);
  ASSERT_EQ(s.misses.size(), 2u);
  EXPECT_NE(s.misses[0].what.find("wrong fact"), std::string::npos);
}

TEST(accuracy_scorer, what_the_gold_does_not_list_costs_precision) {
  const auto s = score("change\t同比增长89.6%\tgrowth_pct\tvalue=89.6\n");
  EXPECT_EQ(s.total.extracted_facts, 1);
  EXPECT_EQ(s.total.found_facts, 0);
  EXPECT_LT(s.total.precision(), 1.0);
  ASSERT_FALSE(s.misses.empty());
  EXPECT_NE(s.misses.back().what.find("extra fact"), std::string::npos);
}

TEST(accuracy_scorer, a_gold_fact_the_reader_misses_costs_recall) {
  const auto s = score_sentences(parse_sentences(
      "@\ts1\tname\t开通“12345”热线。\nfact\t12345\t12345\t个\texact\t-\n", "t.tsv"));
  EXPECT_EQ(s.total.gold_facts, 1);
  EXPECT_EQ(s.total.found_facts, 0);
  EXPECT_DOUBLE_EQ(s.total.recall(), 0.0);
}

TEST(accuracy_scorer, malformed_gold_names_file_and_line) {
  expect_gold_error("fact\t1件\t1\t件\texact\n", "before the first @");
  expect_gold_error("@\ts1\tbase\t办理1件。\nfact\t1件\t1\t件\tsome\n", "unknown qualifier");
  expect_gold_error("@\ts1\tbase\t办理1件。\nfact\t1件\tx\t件\texact\n", "not a decimal");
  expect_gold_error("@\ts1\tbase\t办理1件。\nfoo\t1件\n", "unknown row kind");
  expect_gold_error("@\ts1\tnoclass\t办理1件。\n", "unknown class");
  expect_gold_error("@\ts1\tbase\ta\n@\ts1\tbase\tb\n", "duplicate id");
  expect_gold_error("@\ts1\tbase\t增长1%。\nchange\t增长1%\tgrowth\n", "unknown kind");
  expect_gold_error("@\ts1\tbase\t增长1%。\nchange\t增长1%\tgrowth_pct\tsize=1\n", "is not one of");
  expect_gold_error("@\ts1\tbase\n", "@<TAB>id");
  EXPECT_THROW(score_sentences(parse_sentences("@\ts1\tbase\t办理1件。\nfact\t2件\t2\t件\texact\n", "t.tsv")),
               gold_error);
}

TEST(accuracy_scorer, floors_parse_and_refuse_garbage) {
  const auto f = parse_floors("# c\nreader.precision 0.98\ntracker.verdicts 1\n", "f.txt");
  EXPECT_DOUBLE_EQ(f.at("reader.precision"), 0.98);
  EXPECT_THROW((void)parse_floors("reader.precision high\n", "f.txt"), gold_error);
}

TEST(accuracy_scorer, scores_a_pair_against_its_gold) {
  // The bundled 2024 (real) → 2025 (made up) pair, with statuses from data/README.md.
  const fs::path dir = fs::temp_directory_path() / "annals_accuracy_pair_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path data = fs::path(ANNALS_ACCURACY_DIR) / ".." / ".." / "data";
  fs::copy_file(data / "chengdu-2024.txt", dir / "earlier.txt");
  fs::copy_file(data / "chengdu-2025.txt", dir / "later.txt");
  {
    std::ofstream g(dir / "gold.tsv");
    g << "# designed statuses\nstatus\tplan\t1\tfulfilled\tx\nstatus\tnext_step\t5\tnot_reported\tx\n"
         "status\tnext_step\t3\tfulfilled\tdeliberately wrong: designed carried_over\n"
         "streak\t连续17年\tconsistent\tx\n";
  }
  const auto s = score_pair(dir);
  EXPECT_EQ(s.statuses, 3);
  EXPECT_EQ(s.statuses_right, 2);
  EXPECT_EQ(s.verdicts, 1);
  EXPECT_EQ(s.verdicts_right, 1);
  {
    std::ofstream g(dir / "gold.tsv");
    g << "status\tnext_step\t1\tdone\tx\n";
  }
  EXPECT_THROW((void)score_pair(dir), gold_error);
  {
    std::ofstream g(dir / "gold.tsv");
    g << "verdict\t不存在的文字\tconsistent\tx\n";
  }
  EXPECT_THROW((void)score_pair(dir), gold_error);
  fs::remove_all(dir);
}
