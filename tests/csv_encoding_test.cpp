// CSV imports decode like the reader (issue 13): the catalogue import and the panel reader take
// UTF-8 (with or without a BOM), UTF-16LE/BE (with a BOM) and GB18030/GBK — the way Excel saves a
// CSV on a Chinese Windows — through decode_text_data(), and refuse ill-formed text with its line.

#include <annals/error.hpp>
#include <annals/panel.hpp>
#include <annals/reader.hpp>
#include <annals/source.hpp>
#include <annals/store.hpp>

#include "encoding_fixtures.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

const std::string bom8 = "\xEF\xBB\xBF";
const std::string bom16le = "\xFF\xFE";
const std::string bom16be = "\xFE\xFF";

/// A store with the bundled 2023 and 2024 reports.
annals::store chengdu_store() {
  auto db = annals::store::memory();
  for (const char* f : {"chengdu-2023.txt", "chengdu-2024.txt"})
    (void)db.ingest(annals::read_report(fs::path(ANNALS_DATA_DIR) / f));
  return db;
}

/// The catalogue as text, one alias→metric a line.
std::string catalogue_text(const annals::store& db) {
  std::string out;
  for (const auto& e : db.catalogue()) out += e.alias + " → " + e.metric + (e.user_defined ? " (user)" : "") + "\n";
  return out;
}

/// The same CSV in every encoding the import must take.
std::vector<std::pair<std::string, std::string>> encodings_of(const std::string& utf8) {
  using annals::test::convert;
  return {{"utf-8", utf8},
          {"utf-8 with BOM", bom8 + utf8},
          {"gb18030", convert(utf8, "GB18030")},
          {"gbk", convert(utf8, "GBK")},
          {"utf-16le with BOM", bom16le + convert(utf8, "UTF-16LE")},
          {"utf-16be with BOM", bom16be + convert(utf8, "UTF-16BE")}};
}

std::string panel_text(const annals::panel_yoy_result& r) {
  std::ostringstream out;
  r.write_csv(out);
  return out.str();
}

}  // namespace

TEST(csv_encoding_test, decode_text_data_detects_the_encoding_and_keeps_the_text) {
  const std::string csv = "alias,metric\r\n新收行政复议案件|件,行政复议案件|件\r\n";
  for (const auto& [name, bytes] : encodings_of(csv)) {
    const auto d = annals::decode_text_data(bytes, name);
    EXPECT_EQ(d.text, csv) << name;  // the BOM dropped, nothing else changed (CRLF kept)
    if (name.rfind("gb", 0) == 0) {
      EXPECT_EQ(d.encoding, "gb18030");
    }
  }
  EXPECT_EQ(annals::decode_text_data("", "empty.csv").text, "");
}

TEST(csv_encoding_test, ill_formed_text_is_refused_with_its_line) {
  using annals::test::convert;
  const std::string gbk = convert("alias,metric\n新收案件|件,案件|件\n", "GBK");
  // line 3: a GBK lead byte followed by a byte that cannot follow it, in a GBK file
  const std::string bad = gbk + convert("办结|件,", "GBK") + "\x81\x7F" + "|件\n";
  try {
    (void)annals::decode_text_data(bad, "bad.csv");
    ADD_FAILURE() << "accepted";
  } catch (const annals::input_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("bad.csv: line 3: ill-formed text"));
  }
  // UTF-16 with an unpaired surrogate on line 2
  const std::string u16 = bom16le + convert("alias,metric\n", "UTF-16LE") + std::string("\x00\xD8", 2) +
                          convert("x|件,y|件\n", "UTF-16LE");
  try {
    (void)annals::decode_text_data(u16, "u16.csv");
    ADD_FAILURE() << "accepted";
  } catch (const annals::input_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("u16.csv: line 2: ill-formed text (unpaired surrogate in UTF-16LE"));
  }
}

TEST(csv_encoding_test, a_catalogue_round_trips_through_every_encoding) {
  std::ostringstream exported;
  {
    const auto db = chengdu_store();
    (void)db.export_catalogue(exported);
  }
  // remap one alias so that the import visibly does something
  std::string csv = exported.str();
  ASSERT_THAT(csv, HasSubstr("\n"));
  csv += "成都市新收行政复议案件|件,行政复议案件（新收）|件\n";
  std::string expected;
  {
    auto db = chengdu_store();
    std::istringstream in(csv);
    (void)db.import_catalogue(in, "utf8.csv");
    expected = catalogue_text(db);
  }
  EXPECT_NE(expected, catalogue_text(chengdu_store())) << "the remapping took effect";
  EXPECT_THAT(expected, Not(HasSubstr("\xEF\xBF\xBD")));
  for (const auto& [name, bytes] : encodings_of(csv)) {
    auto db = chengdu_store();
    std::istringstream in(bytes);
    const auto r = db.import_catalogue(in, name);
    EXPECT_GT(r.rows, 10u) << name;
    EXPECT_EQ(catalogue_text(db), expected) << name;
  }
}

TEST(csv_encoding_test, an_ill_formed_catalogue_changes_nothing) {
  auto db = chengdu_store();
  const std::string before = catalogue_text(db);
  std::istringstream in(annals::test::convert("alias,metric\n甲|件,乙|件\n", "GBK") + "\x80\x20|件,乙|件\n");
  try {
    (void)db.import_catalogue(in, "cat.csv");
    ADD_FAILURE() << "accepted";
  } catch (const annals::input_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("cat.csv: line 3: ill-formed text"));
  }
  EXPECT_EQ(catalogue_text(db), before);
}

TEST(csv_encoding_test, a_panel_reads_the_same_in_every_encoding) {
  std::ostringstream panel;
  (void)chengdu_store().panel_csv(panel);
  const std::string csv = panel.str();
  ASSERT_THAT(csv, HasSubstr("成都市,"));
  const std::string expected = panel_text(annals::panel_yoy_text(csv, "panel.csv"));
  ASSERT_THAT(expected, HasSubstr(",ok\n"));
  for (const auto& [name, bytes] : encodings_of(csv)) {
    EXPECT_EQ(panel_text(annals::panel_yoy_text(bytes, name)), expected) << name;
    // from a file too (mapped, then decoded)
    const fs::path file = fs::temp_directory_path() / ("annals-panel-" + std::to_string(::getpid()) + ".csv");
    { std::ofstream(file, std::ios::binary) << bytes; }
    EXPECT_EQ(panel_text(annals::panel_yoy(file)), expected) << name;
    fs::remove(file);
  }
  // UTF-16 without a BOM is found by its NUL bytes
  EXPECT_EQ(panel_text(annals::panel_yoy_text(annals::test::convert(csv, "UTF-16LE"), "le.csv")), expected);
}

TEST(csv_encoding_test, an_ill_formed_panel_names_its_line) {
  const std::string gbk = annals::test::convert("jurisdiction,metric,year,value\n成都市,案件|件,2023,5\n", "GBK");
  try {
    (void)annals::panel_yoy_text(gbk + "\xFF\xFF,案件|件,2024,6\n", "p.csv");
    ADD_FAILURE() << "accepted";
  } catch (const annals::input_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("p.csv: line 3: ill-formed text"));
  }
  // a UTF-8 panel's own errors are unchanged
  try {
    (void)annals::panel_yoy_text("jurisdiction,metric,year,value\n甲,乙,20x3,5\n", "q.csv");
    ADD_FAILURE() << "accepted";
  } catch (const annals::input_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("q.csv:2:"));
  }
}
