// Schema version 6 (issue 13): facts.value_num / lo_num / hi_num beside the exact TEXT, the views
// `series` and `yoy`, and the migration of a version-5 store.

#include <annals/analyze.hpp>
#include <annals/reader.hpp>
#include <annals/store.hpp>

#include "store/schema_detail.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

namespace fs = std::filesystem;
using annals::store;

namespace {

class temp_dir {
 public:
  temp_dir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() / ("annals-views-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  [[nodiscard]] fs::path file(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

/// The exact decimal text the store writes (scale kept).
std::string exact(const annals::decimal& d) { return d.to_string(d.scale()); }

/// A store with the three bundled Chengdu reports.
fs::path chengdu_store(const temp_dir& dir) {
  const auto path = dir.file("annals.db");
  auto db = store::open(path);
  for (const char* name : {"chengdu-2023.txt", "chengdu-2024.txt", "chengdu-2025.txt"})
    EXPECT_EQ(db.ingest(annals::read_report(fs::path(ANNALS_DATA_DIR) / name)).status, annals::ingest_status::added);
  return path;
}

std::string text_or_null(const SQLite::Column& c) { return c.isNull() ? std::string("NULL") : c.getString(); }

}  // namespace

TEST(store_views_test, value_num_holds_the_same_figure_as_the_exact_text) {
  temp_dir dir;
  const auto path = chengdu_store(dir);
  SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
  ASSERT_GT(raw.execAndGet("SELECT count(*) FROM facts").getInt(), 100);
  // every row has its REAL, equal to the text to double precision; NULL bounds stay NULL
  EXPECT_EQ(raw.execAndGet("SELECT count(*) FROM facts WHERE value_num IS NULL OR typeof(value_num) <> 'real' "
                           "OR abs(value_num - CAST(value AS REAL)) > 1e-12 * max(1.0, abs(value_num))")
                .getInt(),
            0);
  EXPECT_EQ(raw.execAndGet("SELECT count(*) FROM facts WHERE (lo IS NULL) <> (lo_num IS NULL) "
                           "OR (hi IS NULL) <> (hi_num IS NULL) OR abs(lo_num - CAST(lo AS REAL)) > 1e-9 "
                           "OR abs(hi_num - CAST(hi AS REAL)) > 1e-9")
                .getInt(),
            0);
  // the text keeps its scale (the source of truth), the number sorts as a number
  EXPECT_GT(raw.execAndGet("SELECT count(*) FROM facts WHERE value LIKE '%.%0'").getInt() +
                raw.execAndGet("SELECT count(*) FROM facts WHERE lo IS NULL OR hi IS NULL").getInt(),
            0);
  SQLite::Statement s(raw, "SELECT value FROM facts ORDER BY value_num, id");
  std::vector<annals::decimal> sorted;
  while (s.executeStep()) sorted.push_back(annals::decimal::parse(s.getColumn(0).getString()));
  EXPECT_TRUE(std::is_sorted(sorted.begin(), sorted.end()));
}

TEST(store_views_test, series_is_the_stores_series_of_every_metric_and_sorts_by_value_num) {
  temp_dir dir;
  const auto path = chengdu_store(dir);
  const auto db = store::open(path, annals::open_mode::read_only);
  SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
  SQLite::Statement q(raw, "SELECT value, value_num, unit, qualifier, text, fact FROM series "
                           "WHERE jurisdiction = ?1 AND metric = ?2 AND year = ?3");
  std::size_t points = 0;
  std::vector<annals::decimal> values;
  for (const auto& m : db.all_series("成都市")) {
    for (const auto& p : m.points) {
      q.bind(1, "成都市");
      q.bind(2, m.metric);
      q.bind(3, p.year.value());
      ASSERT_TRUE(q.executeStep()) << m.metric << ' ' << p.year.value();
      EXPECT_EQ(q.getColumn(0).getString(), exact(p.value.q.value));
      EXPECT_NEAR(q.getColumn(1).getDouble(), std::stod(exact(p.value.q.value)), 1e-9);
      EXPECT_EQ(q.getColumn(2).getString(), p.value.q.unit);
      EXPECT_EQ(q.getColumn(3).getString(), annals::to_string(p.value.q.qual));
      EXPECT_EQ(q.getColumn(4).getString(), p.value.text);
      EXPECT_EQ(q.getColumn(5).getString(), p.value.id);
      EXPECT_FALSE(q.executeStep()) << "one row per jurisdiction, metric and year";
      q.reset();
      ++points;
      values.push_back(p.value.q.value);
    }
  }
  ASSERT_GT(points, 50u);
  EXPECT_EQ(raw.execAndGet("SELECT count(*) FROM series").getInt64(), static_cast<std::int64_t>(points));
  // the done-when query: the three largest figures, in order (TEXT order would not give them)
  std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return b < a; });
  SQLite::Statement top(raw, "SELECT value FROM series ORDER BY value_num DESC LIMIT 3");
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(top.executeStep());
    EXPECT_EQ(annals::decimal::parse(top.getColumn(0).getString()), values[static_cast<std::size_t>(i)]);
  }
  SQLite::Statement by_text(raw, "SELECT value FROM series ORDER BY value DESC LIMIT 1");
  ASSERT_TRUE(by_text.executeStep());
  EXPECT_NE(annals::decimal::parse(by_text.getColumn(0).getString()), values[0]) << "TEXT sorts 9 > 6120";
}

TEST(store_views_test, yoy_matches_what_annals_yoy_db_computes) {
  temp_dir dir;
  const auto path = chengdu_store(dir);
  const auto db = store::open(path, annals::open_mode::read_only);
  annals::history_options options;
  options.use_tracker = false;
  const auto histories = annals::yoy_histories(db, "", options, {});
  SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
  SQLite::Statement q(raw, "SELECT value, prior_year, prior_value, growth_pct, change_pp, stated_kind, stated_value, "
                           "stated_text FROM yoy WHERE jurisdiction = ?1 AND metric = ?2 AND year = ?3");
  std::size_t computed = 0, stated = 0, rows = 0;
  for (const auto& m : histories) {
    for (std::size_t i = 0; i < m.points.size(); ++i) {
      const auto& p = m.points[i];
      q.bind(1, m.jurisdiction);
      q.bind(2, m.metric);
      q.bind(3, p.year);
      ASSERT_TRUE(q.executeStep()) << m.metric << ' ' << p.year;
      ++rows;
      EXPECT_EQ(q.getColumn(0).getString(), exact(p.value));
      const bool has_prior = i > 0 && m.points[i - 1].year + 1 == p.year;
      EXPECT_EQ(q.getColumn(1).isNull(), !has_prior);
      if (has_prior) {
        EXPECT_EQ(q.getColumn(2).getString(), exact(m.points[i - 1].value));
      }
      const auto& growth = q.getColumn(p.in_pp ? 4 : 3);
      EXPECT_TRUE(q.getColumn(p.in_pp ? 3 : 4).isNull());
      EXPECT_EQ(growth.isNull(), !p.growth_pct) << m.metric << ' ' << p.year;
      if (p.growth_pct && !growth.isNull()) {
        // REAL arithmetic rounded to 2 decimals: within a cent of the exact tool's figure
        EXPECT_NEAR(growth.getDouble(), std::stod(p.growth_pct->to_string(2)), 0.0100001) << m.metric << ' ' << p.year;
        ++computed;
      }
      EXPECT_EQ(q.getColumn(6).isNull(), !p.stated);
      if (p.stated) {
        EXPECT_EQ(annals::decimal::parse(q.getColumn(6).getString()), *p.stated);
        EXPECT_EQ(q.getColumn(5).getString(), annals::to_string(p.stated_kind));
        EXPECT_EQ(q.getColumn(7).getString(), p.stated_text);
        ++stated;
      }
      q.reset();
    }
  }
  EXPECT_GT(computed, 10u);
  EXPECT_GT(stated, 3u);
  EXPECT_EQ(raw.execAndGet("SELECT count(*) FROM yoy").getInt64(), static_cast<std::int64_t>(rows));
}

namespace {

/// A version-5 file (the DDL of versions 1–5) with one jurisdiction, two current reports of
/// consecutive years and a revision, and facts whose TEXT order is not their numeric order.
void make_version_5_store(const fs::path& path) {
  namespace s = annals::detail::schema;
  SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  for (const char* ddl : {s::v1_ddl, s::v2_ddl_before_backfill, s::v2_ddl_after_backfill, s::v3_ddl, s::v4_ddl, s::v5_ddl})
    raw.exec(ddl);
  ASSERT_EQ(raw.execAndGet("PRAGMA user_version").getInt(), 5);
  raw.exec(R"sql(
INSERT INTO jurisdictions (id, name) VALUES (1, '样例市');
INSERT INTO reports (id, sha256, source_name, encoding, format, title, jurisdiction_id, year, text, current) VALUES
  (1, printf('%064d', 1), 'a.txt', 'utf-8', 'text', '编造的测试文档', 1, 2023, '编造', 0),
  (2, printf('%064d', 2), 'b.txt', 'utf-8', 'text', '编造的测试文档', 1, 2023, '编造', 1),
  (3, printf('%064d', 3), 'c.txt', 'utf-8', 'text', '编造的测试文档', 1, 2024, '编造', 1);
INSERT INTO metrics (id, key, unit) VALUES (1, '案件|件', '件'), (2, '办结率|%', '%');
INSERT INTO metric_aliases (id, alias, metric_id) VALUES (1, '案件|件', 1), (2, '办结率|%', 2);
INSERT INTO facts (id, report_id, ident, label, text, value, unit, qualifier, qualifier_text, last_digit, approximate,
                   lo, hi, lo_closed, hi_closed, kind, cumulative, average, span_start, span_end, alias_id) VALUES
  (1048576, 1, 'f1', '案件', '9件', '9', '件', 'exact', '', 0, 0, '9', '9', 1, 1, 'count', 0, 0, 0, 2, 1),
  (2097152, 2, 'f1', '案件', '6120件', '6120', '件', 'exact', '', 0, 0, '6120', '6120', 1, 1, 'count', 0, 0, 0, 2, 1),
  (2097153, 2, 'f2', '办结率', '89.60%', '89.60', '%', 'exact', '', -2, 0, '89.60', '89.60', 1, 1, 'percent', 0, 0, 3, 5, 2),
  (3145728, 3, 'f1', '案件', '超1.11万件', '11100', '件', 'more_than', '超', 2, 0, '11100', NULL, 0, 1, 'count', 0, 0, 0, 2, 1),
  (3145729, 3, 'f2', '办结率', '92.1%', '92.1', '%', 'exact', '', -1, 0, '92.1', '92.1', 1, 1, 'percent', 0, 0, 3, 5, 2);
INSERT INTO changes (report_id, seq, ident, kind, basis, label, text, value, unit, qualifier, direction, fact,
                     span_start, span_end) VALUES
  (3, 0, 'c1', 'growth_pct', 'yoy', '案件', '同比增长81.4%', '81.4', '%', 'exact', 'up', 'f1', 6, 9);
)sql");
}

}  // namespace

TEST(store_migration_test, a_version_5_database_gets_value_num_and_the_views) {
  temp_dir dir;
  const auto path = dir.file("v5.db");
  make_version_5_store(path);
  {
    auto db = store::open(path);
    EXPECT_EQ(db.version(), 6);
    EXPECT_TRUE(db.check_integrity().ok);
  }
  SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
  SQLite::Statement s(raw, "SELECT value, value_num, lo_num, hi_num FROM facts ORDER BY value_num DESC");
  std::vector<std::tuple<std::string, double, std::string, std::string>> rows;
  while (s.executeStep())
    rows.emplace_back(s.getColumn(0).getString(), s.getColumn(1).getDouble(), text_or_null(s.getColumn(2)),
                      text_or_null(s.getColumn(3)));
  using row = std::tuple<std::string, double, std::string, std::string>;
  EXPECT_EQ(rows, (std::vector<row>{{"11100", 11100.0, "11100.0", "NULL"},
                                    {"6120", 6120.0, "6120.0", "6120.0"},
                                    {"92.1", 92.1, "92.1", "92.1"},
                                    {"89.60", 89.6, "89.6", "89.6"},
                                    {"9", 9.0, "9.0", "9.0"}}));
  // series: the current reports only (report 1, a revision, is left out)
  SQLite::Statement series(raw, "SELECT metric, year, value FROM series ORDER BY value_num DESC");
  std::vector<std::string> got;
  while (series.executeStep())
    got.push_back(series.getColumn(0).getString() + ' ' + series.getColumn(1).getString() + ' ' +
                  series.getColumn(2).getString());
  EXPECT_EQ(got, (std::vector<std::string>{"案件|件 2024 11100", "案件|件 2023 6120", "办结率|% 2024 92.1",
                                           "办结率|% 2023 89.60"}));
  // yoy: growth from 6120 to 11100 (81.37%) beside the stated 81.4; a percentage gets points
  SQLite::Statement yoy(raw, "SELECT metric, prior_value, growth_pct, change_pp, stated_kind, stated_value FROM yoy "
                             "WHERE year = 2024 ORDER BY metric");
  std::vector<std::string> y;
  while (yoy.executeStep()) {
    std::string line;
    for (int c = 0; c < 6; ++c) line += (c ? " " : "") + text_or_null(yoy.getColumn(c));
    y.push_back(line);
  }
  EXPECT_EQ(y, (std::vector<std::string>{"办结率|% 89.60 NULL 2.5 NULL NULL", "案件|件 6120 81.37 NULL growth_pct 81.4"}));
}

TEST(store_migration_test, a_failed_migration_to_version_6_leaves_the_version_5_file_as_it_was) {
  temp_dir dir;
  const auto path = dir.file("v5bad.db");
  make_version_5_store(path);
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
    raw.exec("CREATE TABLE yoy (x)");  // in the way of the second view, after the ALTERs and the UPDATE
  }
  try {
    (void)store::open(path);
    ADD_FAILURE() << "the migration should fail";
  } catch (const annals::storage_error& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("yoy"));
  }
  SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
  EXPECT_EQ(raw.execAndGet("PRAGMA user_version").getInt(), 5);
  EXPECT_EQ(raw.execAndGet("SELECT count(*) FROM pragma_table_info('facts') WHERE name = 'value_num'").getInt(), 0);
  EXPECT_EQ(raw.execAndGet("SELECT count(*) FROM sqlite_schema WHERE type = 'view'").getInt(), 0);
  EXPECT_EQ(raw.execAndGet("SELECT count(*) FROM facts").getInt(), 5);
}
