// Tests of annals::store (store.hpp) and the metric keys (catalogue.hpp).
// Reports are made-up test documents from store_synthetic.hpp unless the test says otherwise.

#include <annals/bulk_ingest.hpp>
#include <annals/catalogue.hpp>
#include <annals/reader.hpp>
#include <annals/store.hpp>

#include "store/schema_detail.hpp"
#include "store_synthetic.hpp"
#include "unprivileged.hpp"
#ifdef ANNALS_TEST_POSTGRES
#include "pg_cluster.hpp"
#endif

#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <array>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using annals::store;
using annals::synthetic::make_report;
using ::testing::HasSubstr;
using ::testing::StartsWith;

namespace {

#ifdef ANNALS_TEST_POSTGRES
[[maybe_unused]] auto* const pg_env = ::testing::AddGlobalTestEnvironment(new annals::test::pg_cluster_environment);
#endif

/// A fresh directory per test, removed afterwards: tests never share a database file.
class temp_dir {
 public:
  temp_dir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = fs::temp_directory_path() /
            ("annals-store-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
             std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~temp_dir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  [[nodiscard]] fs::path file(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

/// The rows PRAGMA foreign_key_check finds in the database at `path` (read on a connection of its own).
std::size_t foreign_key_violations(const fs::path& path) {
  SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
  SQLite::Statement check(raw, "PRAGMA foreign_key_check");
  std::size_t n = 0;
  while (check.executeStep()) ++n;
  return n;
}

template <class F>
std::string storage_message(F&& f) {
  try {
    f();
  } catch (const annals::storage_error& e) {
    EXPECT_EQ(e.code(), annals::errc::storage);
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected storage_error, got: " << e.what();
    return {};
  }
  ADD_FAILURE() << "expected storage_error, nothing thrown";
  return {};
}

void expect_same_fact(const annals::fact& a, const annals::fact& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.section, b.section);
  EXPECT_EQ(a.item, b.item);
  EXPECT_EQ(a.label, b.label);
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.q, b.q);
  EXPECT_EQ(a.q.value.scale(), b.q.value.scale()) << a.id;
  EXPECT_EQ(a.qualifier_text, b.qualifier_text);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.cumulative, b.cumulative);
  EXPECT_EQ(a.average, b.average);
  EXPECT_EQ(a.span, b.span);
}

void expect_same_change(const annals::change& a, const annals::change& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.basis, b.basis);
  EXPECT_EQ(a.label, b.label);
  EXPECT_EQ(a.text, b.text);
  EXPECT_EQ(a.value, b.value);
  EXPECT_EQ(a.from, b.from);
  EXPECT_EQ(a.to, b.to);
  EXPECT_EQ(a.unit, b.unit);
  EXPECT_EQ(a.qual, b.qual);
  EXPECT_EQ(a.dir, b.dir);
  EXPECT_EQ(a.fact, b.fact);
  EXPECT_EQ(a.section, b.section);
  EXPECT_EQ(a.item, b.item);
  EXPECT_EQ(a.span, b.span);
}

void expect_same_report(const annals::report& a, const annals::report& b) {
  EXPECT_EQ(a.source.name, b.source.name);
  EXPECT_EQ(a.source.sha256, b.source.sha256);
  EXPECT_EQ(a.source.encoding, b.source.encoding);
  EXPECT_EQ(a.source.format, b.source.format);
  EXPECT_EQ(a.meta.title, b.meta.title);
  EXPECT_EQ(a.meta.issuer, b.meta.issuer);
  EXPECT_EQ(a.meta.jurisdiction, b.meta.jurisdiction);
  EXPECT_EQ(a.meta.year, b.meta.year);
  EXPECT_EQ(a.meta.published, b.meta.published);
  EXPECT_EQ(a.meta.recipient, b.meta.recipient);
  EXPECT_EQ(a.text, b.text);
  ASSERT_EQ(a.sections.size(), b.sections.size());
  for (std::size_t i = 0; i < a.sections.size(); ++i) {
    const auto &x = a.sections[i], &y = b.sections[i];
    EXPECT_EQ(x.ordinal, y.ordinal);
    EXPECT_EQ(x.marker, y.marker);
    EXPECT_EQ(x.heading, y.heading);
    EXPECT_EQ(x.span, y.span);
    ASSERT_EQ(x.items.size(), y.items.size());
    for (std::size_t j = 0; j < x.items.size(); ++j) {
      EXPECT_EQ(x.items[j].ordinal, y.items[j].ordinal);
      EXPECT_EQ(x.items[j].marker, y.items[j].marker);
      EXPECT_EQ(x.items[j].title, y.items[j].title);
      EXPECT_EQ(x.items[j].span, y.items[j].span);
    }
  }
  ASSERT_EQ(a.facts.size(), b.facts.size());
  for (std::size_t i = 0; i < a.facts.size(); ++i) expect_same_fact(a.facts[i], b.facts[i]);
  ASSERT_EQ(a.changes.size(), b.changes.size());
  for (std::size_t i = 0; i < a.changes.size(); ++i) expect_same_change(a.changes[i], b.changes[i]);
  ASSERT_EQ(a.dates.size(), b.dates.size());
  for (std::size_t i = 0; i < a.dates.size(); ++i) {
    EXPECT_EQ(a.dates[i].text, b.dates[i].text);
    EXPECT_EQ(a.dates[i].value, b.dates[i].value);
    EXPECT_EQ(a.dates[i].role, b.dates[i].role);
    EXPECT_EQ(a.dates[i].span, b.dates[i].span);
  }
  ASSERT_EQ(a.commitments.size(), b.commitments.size());
  for (std::size_t i = 0; i < a.commitments.size(); ++i) {
    const auto &x = a.commitments[i], &y = b.commitments[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.ordinal, y.ordinal);
    EXPECT_EQ(x.title, y.title);
    EXPECT_EQ(x.text, y.text);
    EXPECT_EQ(x.groups, y.groups);
    EXPECT_EQ(x.count, y.count);
    EXPECT_EQ(x.fact, y.fact);
    EXPECT_EQ(x.deadline, y.deadline);
    EXPECT_EQ(x.section, y.section);
    EXPECT_EQ(x.item, y.item);
    EXPECT_EQ(x.span, y.span);
  }
  ASSERT_EQ(a.warnings.size(), b.warnings.size());
  for (std::size_t i = 0; i < a.warnings.size(); ++i) {
    EXPECT_EQ(a.warnings[i].code, b.warnings[i].code);
    EXPECT_EQ(a.warnings[i].message, b.warnings[i].message);
    EXPECT_EQ(a.warnings[i].start, b.warnings[i].start);
  }
}

/// A report exercising every optional field both set and unset.
annals::report full_report() {
  annals::report r = make_report(1, 2024, 30, 1);
  r.facts[2].section.reset();
  r.facts[2].item.reset();
  r.facts[3].q.value = annals::decimal::parse("89.60");  // the written scale must survive
  r.facts[3].q.unit = "%";
  r.changes.back().basis = annals::growth_basis::mom;
  annals::change m;
  m.id = "c99";
  m.kind = annals::change_kind::multiple;
  m.label = "全市法律援助案件";
  m.text = "是上年的2倍以上";
  m.value = annals::decimal(2);
  m.qual = annals::qualifier::at_least;
  m.dir = annals::direction::up;
  r.changes.push_back(m);
  r.meta.recipient.reset();
  return r;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ---- one suite, two backends (issue 16) --------------------------------------------------------
// The tests of the store's behaviour run unchanged on SQLite (in memory) and on PostgreSQL (a new
// database per test in a cluster this program starts, tests/pg_cluster.hpp). What only one backend
// has - SQLite files, WAL, busy timeouts, old SQLite schemas - is tested below as store_sqlite_test
// and friends, and in store_backends_test for the server.

enum class backend { sqlite, postgres };

class backend_suite : public ::testing::TestWithParam<backend> {
 protected:
  void SetUp() override {
    if (GetParam() == backend::sqlite) return;
#ifdef ANNALS_TEST_POSTGRES
    auto& cluster = annals::test::pg_cluster::get();
    if (!cluster.available()) GTEST_SKIP() << "PostgreSQL: " << cluster.reason();
    location_ = cluster.new_database();
#else
    GTEST_SKIP() << "PostgreSQL: this build has no PostgreSQL backend (ANNALS_WITH_POSTGRES is off: libpq was not "
                    "found when it was configured)";
#endif
  }
  /// An empty store of the test's backend.
  [[nodiscard]] store fresh() const { return location_.empty() ? store::memory() : store::open(location_); }
  [[nodiscard]] bool on_sqlite() const { return GetParam() == backend::sqlite; }

 private:
  std::string location_;
};

std::string backend_name(const ::testing::TestParamInfo<backend>& info) {
  return info.param == backend::sqlite ? "sqlite" : "postgres";
}

}  // namespace

class store_test : public backend_suite {};
class store_revision_test : public backend_suite {};
class store_real_test : public backend_suite {};
class catalogue_test : public backend_suite {};

#define ANNALS_BOTH_BACKENDS(suite) \
  INSTANTIATE_TEST_SUITE_P(both, suite, ::testing::Values(backend::sqlite, backend::postgres), backend_name)
ANNALS_BOTH_BACKENDS(store_test);
ANNALS_BOTH_BACKENDS(store_revision_test);
ANNALS_BOTH_BACKENDS(store_real_test);
ANNALS_BOTH_BACKENDS(catalogue_test);
#undef ANNALS_BOTH_BACKENDS

// ---- schema and round trip -------------------------------------------------------------------

TEST_P(store_test, memory_store_has_the_current_schema) {
  auto db = fresh();
  EXPECT_EQ(db.version(), store::schema_version);
  EXPECT_EQ(db.version(), annals::detail::schema::current_version);
  EXPECT_TRUE(db.writable());
  if (on_sqlite()) EXPECT_EQ(db.path(), fs::path(":memory:"));
  else EXPECT_THAT(db.path().string(), StartsWith("postgresql:"));
  EXPECT_TRUE(db.reports().empty());
  EXPECT_TRUE(db.check_integrity().ok);
}

TEST_P(store_test, ingest_then_load_gives_the_same_report) {
  auto db = fresh();
  const auto r = full_report();
  const auto res = db.ingest(r);
  EXPECT_EQ(res.status, annals::ingest_status::added);
  EXPECT_EQ(res.counts.facts, r.facts.size());
  EXPECT_EQ(res.counts.changes, r.changes.size());
  EXPECT_EQ(res.counts.commitments, r.commitments.size());
  EXPECT_EQ(res.counts.sections, 4u);
  EXPECT_EQ(res.counts.items, 8u);
  EXPECT_EQ(res.counts.dates, 1u);
  EXPECT_EQ(res.counts.warnings, 1u);
  const auto back = db.load_report(res.id);
  expect_same_report(r, back);
  EXPECT_EQ(back.facts[3].q.value.to_string(2), "89.60");
}

TEST_P(store_test, ingesting_the_same_sha256_again_is_skipped_and_changes_nothing) {
  auto db = fresh();
  auto r = make_report(2, 2023, 40);
  const auto first = db.ingest(r);
  ASSERT_EQ(first.status, annals::ingest_status::added);
  const auto catalogue_before = db.catalogue().size();
  // Same bytes (same sha256, any case) but, say, a different file name: still the same report.
  for (auto& c : r.source.sha256) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  r.source.name = "copy-of-it.txt";
  r.facts.pop_back();
  const auto again = db.ingest(r);
  EXPECT_EQ(again.status, annals::ingest_status::skipped);
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(again.counts, first.counts);
  EXPECT_EQ(db.reports().size(), 1u);
  EXPECT_EQ(db.catalogue().size(), catalogue_before);
  EXPECT_EQ(db.load_report(first.id).source.name, make_report(2, 2023, 40).source.name);
  EXPECT_EQ(db.find(r.source.sha256), first.id);
  EXPECT_EQ(db.find("not-a-sha"), std::nullopt);
}

TEST_P(store_test, malformed_reports_are_refused_with_input_error_and_nothing_is_stored) {
  auto db = fresh();
  auto expect_input = [&](annals::report r, const std::string& why) {
    try {
      (void)db.ingest(r);
      ADD_FAILURE() << "no error for: " << why;
    } catch (const annals::input_error& e) {
      EXPECT_THAT(e.what(), HasSubstr(why));
      EXPECT_THAT(e.what(), StartsWith(r.source.name + ": "));
      EXPECT_EQ(e.code(), annals::errc::input);
    }
  };
  auto r = make_report(3, 2024, 10);
  r.source.sha256 = "abc";
  expect_input(r, "no sha256 of the raw bytes");
  r = make_report(3, 2024, 10);
  r.facts[4].id = r.facts[2].id;
  expect_input(r, "duplicate fact id f3");
  r = make_report(3, 2024, 10);
  r.changes[0].fact = "f404";
  expect_input(r, "change c1 names fact f404, which does not exist");
  r = make_report(3, 2024, 10);
  r.commitments.back().fact = "f0";
  expect_input(r, "commitment k6 names fact f0, which does not exist");
  r = make_report(3, 2024, 10);
  r.commitments[1].id = "k1";
  expect_input(r, "duplicate commitment id k1");
  EXPECT_TRUE(db.reports().empty());
  EXPECT_TRUE(db.catalogue().empty());
}

TEST_P(store_test, an_encoded_report_is_checked_as_ingest_checks_it_and_stored_as_ingest_stores_it) {
  auto db = fresh();
  // A malformed report fails where it is encoded, with the message ingest() gives.
  const auto message = [](auto&& f) {
    try {
      f();
    } catch (const annals::input_error& e) {
      return std::string(e.what());
    }
    return std::string("no input_error");
  };
  for (int variant = 0; variant < 3; ++variant) {
    auto bad = make_report(3, 2024, 10);
    if (variant == 0) bad.source.sha256 = "abc";
    if (variant == 1) bad.facts[4].id = bad.facts[2].id;
    if (variant == 2) bad.commitments.back().fact = "f0";
    const std::string from_ingest = message([&] { (void)db.ingest(bad); });
    EXPECT_THAT(from_ingest, StartsWith(bad.source.name + ": "));
    EXPECT_EQ(message([&] { annals::encoded_report e(bad); }), from_ingest);
  }
  EXPECT_TRUE(db.reports().empty());

  // Encoded on another thread, stored on this one: the report as given, then skipped as a repeat.
  const annals::report r = full_report();
  std::optional<annals::encoded_report> encoded;
  std::thread([&] { encoded.emplace(r); }).join();
  const auto res = db.ingest(*encoded);
  ASSERT_EQ(res.status, annals::ingest_status::added);
  EXPECT_EQ(res.counts.facts, r.facts.size());
  expect_same_report(r, db.load_report(res.id));
  EXPECT_EQ(db.ingest(*encoded).status, annals::ingest_status::skipped);
  EXPECT_EQ(db.ingest(r).status, annals::ingest_status::skipped);

  // In an ingest group as well; a moved-from encoded_report is refused and stores nothing.
  annals::encoded_report next(make_report(1, 2025, 30, 1));  // the same place a year later
  annals::encoded_report taken = std::move(next);
  auto group = db.group_ingests();
  EXPECT_THROW((void)db.ingest(next), annals::usage_error);  // NOLINT(bugprone-use-after-move): the point
  EXPECT_EQ(db.ingest(taken).status, annals::ingest_status::added);
  group.commit();
  EXPECT_EQ(group.added(), 1u);
  EXPECT_EQ(db.reports().size(), 2u);
  EXPECT_EQ(db.series(*r.meta.jurisdiction, annals::metric_key(r.facts[0].label, r.facts[0].q.unit)).points.size(), 2u);
}

namespace {
/// Every column but the report's id (and the fact's key, which holds it) of `table`'s rows of
/// report `id`, in order, each as an SQL literal (so 1, 1.0 and '1' differ).
std::vector<std::string> rows_of(SQLite::Database& raw, const std::string& table, std::int64_t id) {
  std::vector<std::string> columns;
  {
    SQLite::Statement info(raw, "SELECT name FROM pragma_table_info(?1)");
    info.bind(1, table);
    while (info.executeStep()) {
      const std::string c = info.getColumn(0).getString();
      if (c != "report_id" && c != "id") columns.push_back("quote(" + c + ")");
    }
  }
  std::string sql = "SELECT " + columns[0];
  for (std::size_t i = 1; i < columns.size(); ++i) sql += " || '|' || " + columns[i];
  sql += " FROM " + table + " WHERE report_id = ?1 ORDER BY " +
         (table == "facts" ? "id" : table == "items" ? "section_seq, seq" : "seq");
  SQLite::Statement q(raw, sql);
  q.bind(1, id);
  std::vector<std::string> rows;
  while (q.executeStep()) rows.push_back(q.getColumn(0).getString());
  return rows;
}
}  // namespace

TEST(store_sqlite_test, an_encoded_report_writes_the_rows_ingest_writes_and_its_numbers_read_as_its_texts) {
  temp_dir dir;
  const auto path = dir.file("annals.db");
  annals::report plain = full_report();
  plain.facts[1].q.qual = annals::qualifier::more_than;  // an open lower bound, no upper one
  plain.facts[5].q.qual = annals::qualifier::about;
  annals::report other = plain;
  other.source.sha256 = std::string(64, 'e');
  std::optional<annals::encoded_report> encoded;
  std::thread([&] { encoded.emplace(std::move(other)); }).join();
  auto db = store::open(path);
  const auto a = db.ingest(plain);
  const auto b = db.ingest(*encoded);
  ASSERT_EQ(b.status, annals::ingest_status::added);
  EXPECT_EQ(b.supersedes, a.id);  // a revision of the same year, stored beside it
  EXPECT_EQ(b.counts, a.counts);

  SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
  for (const std::string table : {"facts", "changes", "sections", "items", "dates", "commitments", "warnings"}) {
    const auto rows = rows_of(raw, table, a.id.value);
    EXPECT_FALSE(rows.empty()) << table;
    EXPECT_EQ(rows_of(raw, table, b.id.value), rows) << table;
  }
  // The doubles were computed on another thread from the decimal texts: each reads as its text,
  // and NULL where the text is (an unbounded end); each alias is the key of the fact's label.
  SQLite::Statement f(raw,
                      "SELECT f.label, f.unit, f.value, f.lo, f.hi, f.value_num, f.lo_num, f.hi_num, a.alias "
                      "FROM facts f JOIN metric_aliases a ON a.id = f.alias_id WHERE f.report_id = ?1");
  f.bind(1, b.id.value);
  std::size_t n = 0, unbounded = 0, bounded = 0;
  while (f.executeStep()) {
    ++n;
    EXPECT_EQ(f.getColumn(8).getString(), annals::alias_key(f.getColumn(0).getString(), f.getColumn(1).getString()));
    for (int k = 0; k < 3; ++k) {
      const auto text = f.getColumn(2 + k), real = f.getColumn(5 + k);
      ASSERT_EQ(text.isNull(), real.isNull()) << f.getColumn(2).getString();
      if (text.isNull()) {
        ++unbounded;
        continue;
      }
      ++bounded;
      EXPECT_EQ(real.getDouble(), std::stod(text.getString())) << text.getString();
    }
  }
  EXPECT_EQ(n, plain.facts.size());
  EXPECT_GT(unbounded, 0u);
  EXPECT_GT(bounded, 2 * n);
}

TEST(store_sqlite_test, a_file_store_keeps_reports_across_opens_and_uses_wal) {
  temp_dir dir;
  const auto path = dir.file("annals.db");
  annals::report_id id;
  {
    auto db = store::open(path);
    id = db.ingest(make_report(4, 2022, 25)).id;
  }
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(raw.execAndGet("PRAGMA journal_mode").getString(), "wal");
    EXPECT_EQ(raw.execAndGet("PRAGMA user_version").getInt(), store::schema_version);
    EXPECT_EQ(raw.execAndGet("PRAGMA application_id").getInt(), annals::detail::schema::application_id);
  }
  auto ro = store::open(path, annals::open_mode::read_only);
  EXPECT_FALSE(ro.writable());
  expect_same_report(make_report(4, 2022, 25), ro.load_report(id));
  const auto msg = storage_message([&] { (void)ro.ingest(make_report(4, 2023, 25)); });
  EXPECT_EQ(msg, path.string() + ": database is read-only (cannot write to it: check the permissions of the file "
                                 "and its folder)");
  EXPECT_EQ(ro.reports().size(), 1u);
}

TEST_P(store_test, load_report_of_an_unknown_id_is_a_usage_error) {
  auto db = fresh();
  try {
    (void)db.load_report(annals::report_id{42});
    ADD_FAILURE();
  } catch (const annals::usage_error& e) {
    EXPECT_EQ(e.what(), db.path().string() + ": no report with id 42");
  }
}

// ---- listing and queries ---------------------------------------------------------------------

TEST_P(store_test, reports_lists_by_jurisdiction_and_year_with_counts) {
  auto db = fresh();
  for (int year : {2024, 2022, 2023}) (void)db.ingest(make_report(7, year, 12 + static_cast<std::size_t>(year % 10)));
  (void)db.ingest(make_report(5, 2021, 9));
  auto nameless = make_report(6, 2020, 3);
  nameless.meta.jurisdiction.reset();
  (void)db.ingest(nameless);

  const auto all = db.reports();
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].jurisdiction, "样例市005");
  EXPECT_EQ(all[1].year, annals::report_year(2022));
  EXPECT_EQ(all[2].year, annals::report_year(2023));
  EXPECT_EQ(all[3].year, annals::report_year(2024));
  EXPECT_FALSE(all[4].jurisdiction.has_value());  // reports without a jurisdiction come last
  EXPECT_EQ(all[3].facts, 16u);
  EXPECT_EQ(all[3].changes, make_report(7, 2024, 16).changes.size());
  EXPECT_EQ(all[3].commitments, 6u);
  EXPECT_EQ(all[3].sha256, make_report(7, 2024, 16).source.sha256);
  EXPECT_EQ(all[3].published, annals::calendar_date(2025, 1, 6));
  EXPECT_EQ(all[3].issuer, "样例市007人民政府");
  EXPECT_THAT(all[3].ingested_at, ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z"));

  const auto seven = db.reports({.jurisdiction = "样例市007", .year = {}});
  EXPECT_EQ(seven.size(), 3u);
  const auto y2023 = db.reports({.jurisdiction = {}, .year = annals::report_year(2023)});
  ASSERT_EQ(y2023.size(), 1u);
  EXPECT_EQ(y2023[0].facts, 15u);
  EXPECT_TRUE(db.reports({.jurisdiction = "nowhere", .year = {}}).empty());

  const auto js = db.jurisdictions();
  ASSERT_EQ(js.size(), 2u);
  EXPECT_EQ(js[0].name, "样例市005");
  EXPECT_EQ(js[1].name, "样例市007");
  EXPECT_EQ(js[1].reports, 3u);
  EXPECT_EQ(js[1].first_year, annals::report_year(2022));
  EXPECT_EQ(js[1].last_year, annals::report_year(2024));
}

/// The fields of a summary a listing must give, as one comparable value.
std::string summary_text(const annals::report_summary& r) {
  return std::to_string(r.id.value) + "|" + r.jurisdiction.value_or("-") + "|" +
         (r.year ? std::to_string(r.year->value()) : "-") + "|" + r.sha256 + "|" + r.source_name + "|" + r.title +
         "|" + r.issuer.value_or("-") + "|" + (r.published ? r.published->to_iso() : "-") + "|" +
         r.recipient.value_or("-") + "|" + r.ingested_at + "|" + std::to_string(r.facts) + "|" +
         std::to_string(r.changes) + "|" + std::to_string(r.commitments) + "|" + (r.current ? "current" : "earlier") +
         "|" + std::to_string(r.revision) + "/" + std::to_string(r.revisions);
}

TEST_P(store_test, for_each_report_hands_over_what_reports_lists_in_the_same_order) {
  auto db = fresh();
  for (int year : {2024, 2022, 2023}) (void)db.ingest(make_report(7, year, 12 + static_cast<std::size_t>(year % 10)));
  (void)db.ingest(make_report(5, 2021, 9));
  auto revised = make_report(5, 2021, 4);  // other bytes, same place and year: a revision
  revised.source.sha256 = std::string(64, 'e');
  (void)db.ingest(revised);
  auto nameless = make_report(6, 2020, 3);
  nameless.meta.jurisdiction.reset();
  nameless.meta.published.reset();
  (void)db.ingest(nameless);

  const std::vector<annals::report_filter> filters = {
      {},
      {.jurisdiction = "样例市007", .year = {}},
      {.jurisdiction = "样例市005", .year = {}, .current_only = true},
      {.jurisdiction = {}, .year = annals::report_year(2021)},
      {.jurisdiction = {}, .year = {}, .current_only = true},
      {.jurisdiction = "nowhere", .year = {}}};
  for (const auto& f : filters) {
    std::vector<std::string> listed, handed;
    for (const auto& r : db.reports(f)) listed.push_back(summary_text(r));
    db.for_each_report(f, [&](const annals::report_summary& r) { handed.push_back(summary_text(r)); });
    EXPECT_EQ(handed, listed) << f.jurisdiction.value_or("(all)");
  }
  std::size_t all = 0;
  db.for_each_report({}, [&](const annals::report_summary&) { ++all; });
  EXPECT_EQ(all, 6u);
}

TEST_P(store_test, a_listing_whose_receiver_throws_stops_and_the_store_answers_after) {
  auto db = fresh();
  for (int year : {2021, 2022, 2023}) (void)db.ingest(make_report(7, year, 5));
  for (const std::optional<std::string>& place : {std::optional<std::string>(), std::optional<std::string>("样例市007")}) {
    std::size_t seen = 0;
    const annals::report_filter f{.jurisdiction = place, .year = {}};
    EXPECT_THROW(db.for_each_report(f,
                                    [&](const annals::report_summary&) {
                                      if (++seen == 2) throw std::runtime_error("the output failed");
                                    }),
                 std::runtime_error);
    EXPECT_EQ(seen, 2u);  // stopped at the throw
    EXPECT_EQ(db.reports(f).size(), 3u);
  }
  (void)db.ingest(make_report(7, 2024, 5));  // nothing left open: a write goes through
  EXPECT_EQ(db.reports().size(), 4u);
}

TEST_P(store_test, a_listing_may_list_again_inside_itself) {
  auto db = fresh();
  for (int year : {2021, 2022}) (void)db.ingest(make_report(7, year, 5));
  (void)db.ingest(make_report(5, 2022, 5));
  const annals::report_filter seven{.jurisdiction = "样例市007", .year = {}};
  std::vector<std::size_t> inner;
  db.for_each_report(seven, [&](const annals::report_summary& r) {
    std::size_t n = 0;
    db.for_each_report(seven, [&](const annals::report_summary&) { ++n; });  // the same query, nested
    inner.push_back(n + db.reports({.jurisdiction = r.jurisdiction, .year = {}}).size());
  });
  EXPECT_EQ(inner, (std::vector<std::size_t>{4, 4}));
}

// Longer than one of PostgreSQL's batches (256 rows a FETCH): the listing comes whole and in
// order; `each` may store a report meanwhile (the listing is not disturbed), and inside a
// snapshot a listing that stopped with an exception leaves nothing open to the next.
TEST_P(store_test, a_long_listing_comes_whole_in_order_while_each_writes) {
  auto db = fresh();
  for (int j = 0; j < 60; ++j)
    for (int year = 2015; year <= 2024; ++year) (void)db.ingest(make_report(j, year, 1));
  std::vector<std::string> listed;
  for (const auto& r : db.reports()) listed.push_back(summary_text(r));
  ASSERT_EQ(listed.size(), 600u);

  std::vector<std::string> handed;
  std::optional<annals::report_id> added;
  db.for_each_report({}, [&](const annals::report_summary& r) {
    handed.push_back(summary_text(r));
    if (handed.size() == 300) added = db.ingest(make_report(99, 2030, 2)).id;
  });
  ASSERT_TRUE(added.has_value());
  // the report stored meanwhile may be seen or not (SQLite reads on in the same connection);
  // everything else comes once, in order
  std::erase_if(handed, [&](const std::string& t) { return t.rfind(std::to_string(added->value) + "|", 0) == 0; });
  EXPECT_EQ(handed, listed);
  EXPECT_EQ(db.reports().size(), 601u);

  const auto snap = db.snapshot();
  for (int round = 0; round < 2; ++round) {
    std::size_t seen = 0;
    EXPECT_THROW(db.for_each_report({},
                                    [&](const annals::report_summary&) {
                                      if (++seen == 270) throw std::runtime_error("stop");
                                    }),
                 std::runtime_error);
    EXPECT_EQ(seen, 270u);
  }
  std::size_t all = 0;
  db.for_each_report({}, [&](const annals::report_summary&) { ++all; });
  EXPECT_EQ(all, 601u);
}

TEST_P(store_test, series_joins_labels_across_years_through_the_catalogue) {
  auto db = fresh();
  // Even years write 全市新收行政复议案件, odd years 新收行政复议案件: one metric.
  for (int year = 2019; year <= 2024; ++year) (void)db.ingest(make_report(8, year, 30));
  (void)db.ingest(make_report(9, 2024, 30));  // another jurisdiction: not in the series

  const auto s = db.series("样例市008", "新收行政复议案件|件");
  EXPECT_EQ(s.metric, "新收行政复议案件|件");
  ASSERT_EQ(s.points.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    const int year = 2019 + static_cast<int>(i);
    const auto expected = make_report(8, year, 30).facts[0];
    EXPECT_EQ(s.points[i].year, annals::report_year(year));
    expect_same_fact(s.points[i].value, expected);
    ASSERT_EQ(s.points[i].changes.size(), 1u);  // f1 carries c1 (同比增长…)
    EXPECT_EQ(s.points[i].changes[0].fact, "f1");
    EXPECT_EQ(s.points[i].changes[0].kind, annals::change_kind::growth_pct);
  }
  EXPECT_EQ(s.points[1].value.label, "全市新收行政复议案件");
  EXPECT_EQ(s.points[2].value.label, "新收行政复议案件");
  // An alias as written resolves to its metric, full-width forms included.
  EXPECT_EQ(db.series("样例市008", "全市新收行政复议案件|件").points.size(), 6u);
  EXPECT_EQ(db.series("样例市008", "全市新收行政复议案件｜件").points.size(), 6u);
  // Unknown metric or place: an empty series, not an error.
  EXPECT_TRUE(db.series("样例市008", "没有这个指标|件").points.empty());
  EXPECT_TRUE(db.series("nowhere", "新收行政复议案件|件").points.empty());
  // Same label, other unit: another metric.
  EXPECT_TRUE(db.series("样例市008", "新收行政复议案件|万元").points.empty());

  const auto ms = db.metrics("样例市008");
  EXPECT_EQ(ms.size(), 30u);  // 24 labels, and 6 more "（第1类）" ones
  EXPECT_TRUE(std::is_sorted(ms.begin(), ms.end()));
  EXPECT_THAT(ms, ::testing::Contains("行政复议纠错率|%"));
  EXPECT_EQ(db.metrics().size(), 30u);
  EXPECT_EQ(db.metric_of("全市新收行政复议案件", "件"), "新收行政复议案件|件");
  EXPECT_EQ(db.metric_of("全省没见过的指标", "件"), "没见过的指标|件");  // not stored: seeded form
}

TEST_P(store_revision_test, a_second_report_of_a_year_is_a_revision_and_becomes_current) {
  auto db = fresh();
  const auto first = db.ingest(make_report(10, 2023, 8));
  EXPECT_FALSE(first.supersedes);
  EXPECT_EQ(first.revisions, 1u);
  const auto second = db.ingest(make_report(10, 2023, 8, 2));  // same report, other bytes
  ASSERT_EQ(second.status, annals::ingest_status::added);
  EXPECT_EQ(second.supersedes, std::optional<annals::report_id>(first.id));
  EXPECT_EQ(second.revisions, 2u);

  const auto all = db.reports();  // both kept
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, first.id);
  EXPECT_FALSE(all[0].current);
  EXPECT_EQ(all[0].revision, 1u);
  EXPECT_EQ(all[0].revisions, 2u);
  EXPECT_EQ(all[1].id, second.id);
  EXPECT_TRUE(all[1].current);
  EXPECT_EQ(all[1].revision, 2u);
  EXPECT_EQ(all[1].revisions, 2u);
  annals::report_filter current;
  current.current_only = true;
  const auto shown = db.reports(current);
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0].id, second.id);
  EXPECT_EQ(db.current_report("样例市010", annals::report_year(2023)), std::optional<annals::report_id>(second.id));
  EXPECT_FALSE(db.current_report("样例市010", annals::report_year(2022)));
  EXPECT_FALSE(db.current_report("样例市999", annals::report_year(2023)));

  // the same bytes again: skipped, nothing changes (the current one stays)
  const auto again = db.ingest(make_report(10, 2023, 8));
  EXPECT_EQ(again.status, annals::ingest_status::skipped);
  EXPECT_EQ(again.id, first.id);
  EXPECT_FALSE(again.supersedes);
  EXPECT_EQ(db.current_report("样例市010", annals::report_year(2023)), std::optional<annals::report_id>(second.id));
  EXPECT_EQ(db.reports().size(), 2u);

  // a third revision; removing the current one makes the latest remaining current again
  const auto third = db.ingest(make_report(10, 2023, 8, 1));
  EXPECT_EQ(third.supersedes, std::optional<annals::report_id>(second.id));
  EXPECT_EQ(third.revisions, 3u);
  EXPECT_TRUE(db.remove_report(third.id));
  EXPECT_EQ(db.current_report("样例市010", annals::report_year(2023)), std::optional<annals::report_id>(second.id));
  EXPECT_TRUE(db.remove_report(first.id));  // an earlier revision: the current one stays
  EXPECT_EQ(db.current_report("样例市010", annals::report_year(2023)), std::optional<annals::report_id>(second.id));
  EXPECT_EQ(db.reports()[0].revisions, 1u);
  EXPECT_TRUE(db.check_integrity().ok);
}

TEST_P(store_revision_test, other_years_other_places_and_reports_without_a_year_are_no_revisions) {
  auto db = fresh();
  (void)db.ingest(make_report(11, 2023, 4));
  EXPECT_FALSE(db.ingest(make_report(11, 2024, 4)).supersedes);  // another year
  EXPECT_FALSE(db.ingest(make_report(12, 2023, 4)).supersedes);  // another place
  auto undated = make_report(11, 2023, 4, 1);
  undated.meta.year.reset();
  const auto u1 = db.ingest(undated);
  EXPECT_FALSE(u1.supersedes);
  undated.source.sha256 = annals::synthetic::fake_sha256(11, 2023, 4, 2);
  EXPECT_FALSE(db.ingest(undated).supersedes);
  for (const auto& r : db.reports()) {
    EXPECT_TRUE(r.current) << r.id.value;
    EXPECT_EQ(r.revisions, 1u) << r.id.value;
  }
}

TEST_P(store_revision_test, yearly_gives_the_current_report_of_each_year_and_apart_those_without_a_year) {
  auto db = fresh();
  (void)db.ingest(make_report(14, 2024, 4));
  const auto old_2023 = db.ingest(make_report(14, 2023, 4));
  const auto new_2023 = db.ingest(make_report(14, 2023, 4, 2));  // a revision: the current 2023
  (void)db.ingest(make_report(15, 2022, 4));                      // another place
  auto undated = make_report(14, 2021, 4);
  undated.meta.year.reset();
  const auto u = db.ingest(undated);
  const annals::yearly_reports y = db.yearly("样例市014");
  ASSERT_EQ(y.by_year.size(), 2u);
  EXPECT_EQ(y.by_year[0].id, new_2023.id);
  EXPECT_NE(y.by_year[0].id, old_2023.id);
  EXPECT_EQ(y.by_year[0].year, annals::report_year(2023));
  EXPECT_EQ(y.by_year[1].year, annals::report_year(2024));
  ASSERT_EQ(y.without_year.size(), 1u);
  EXPECT_EQ(y.without_year[0].id, u.id);
  EXPECT_FALSE(y.empty());
  EXPECT_TRUE(db.yearly("样例市999").empty());
}

TEST_P(store_revision_test, series_panel_and_metrics_read_the_current_report_only) {
  auto db = fresh();
  (void)db.ingest(make_report(13, 2022, 8));
  (void)db.ingest(make_report(13, 2023, 8));
  auto reissued = make_report(13, 2023, 8, 2);
  reissued.facts[0].q.value = annals::decimal(123456);
  // the revision no longer states the last metric: the year has no value for it (the earlier
  // revision's is not used)
  const std::string dropped = annals::metric_key(reissued.facts.back().label, reissued.facts.back().q.unit);
  reissued.facts.pop_back();
  const auto second = db.ingest(reissued);
  ASSERT_TRUE(second.supersedes);
  const auto s = db.series("样例市013", "新收行政复议案件|件");
  ASSERT_EQ(s.points.size(), 2u);
  EXPECT_EQ(s.points[1].report, second.id);
  EXPECT_EQ(s.points[1].value.q.value, annals::decimal(123456));
  const auto d = db.series("样例市013", dropped);
  ASSERT_EQ(d.points.size(), 1u);
  EXPECT_EQ(d.points[0].year, annals::report_year(2022));
  std::ostringstream panel;
  db.panel_csv(panel);
  EXPECT_THAT(panel.str(), HasSubstr(",2023,123456\n"));
  EXPECT_EQ(panel.str().find(",2023," + make_report(13, 2023, 8).facts[0].q.value.to_string() + "\n"),
            std::string::npos);
}

TEST(store_sqlite_test, a_revision_that_fails_to_store_leaves_the_earlier_report_current) {
  temp_dir dir;
  const auto path = dir.file("rev.db");
  annals::report_id first;
  { first = store::open(path).ingest(make_report(23, 2023, 20)).id; }
  annals::store_options small;
  small.max_size_bytes = 256 * 1024;
  auto db = store::open(path, annals::open_mode::read_write, small);
  const auto msg = storage_message([&] { (void)db.ingest(make_report(23, 2023, 5000, 1)); });
  EXPECT_THAT(msg, HasSubstr("disk full"));
  // one transaction: the earlier report is still the current one, nothing of the revision
  const auto all = db.reports();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].current);
  EXPECT_EQ(db.current_report("样例市023", annals::report_year(2023)), std::optional<annals::report_id>(first));
  EXPECT_TRUE(db.check_integrity().ok);
}

// ingest() writes with foreign-key enforcement off (its rows are consistent by construction,
// ingest.cpp) and every other write turns it back on. Both halves: what ingest stores passes
// PRAGMA foreign_key_check, also after a report that failed half-way had added catalogue aliases
// (their ids are forgotten with the rollback and given again); and a removal made on the same
// connection right after ingests still cascades to every child row.
TEST(store_sqlite_test, ingested_rows_pass_the_foreign_key_check_and_other_writes_enforce_them) {
  temp_dir dir;
  const auto path = dir.file("fk.db");
  const auto with_new_labels = [](annals::report r, const std::string& prefix, std::size_t n) {
    for (std::size_t i = 0; i < r.facts.size() && i < n; ++i) r.facts[i].label = prefix + std::to_string(i);
    return r;
  };
  const auto dangling = [&] { return foreign_key_violations(path); };
  const auto rows_of = [&](std::int64_t report) {
    SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(raw,
                        "SELECT (SELECT count(*) FROM sections WHERE report_id = ?1) + "
                        "(SELECT count(*) FROM items WHERE report_id = ?1) + "
                        "(SELECT count(*) FROM facts WHERE report_id = ?1) + "
                        "(SELECT count(*) FROM changes WHERE report_id = ?1) + "
                        "(SELECT count(*) FROM dates WHERE report_id = ?1) + "
                        "(SELECT count(*) FROM commitments WHERE report_id = ?1) + "
                        "(SELECT count(*) FROM warnings WHERE report_id = ?1)");
    q.bind(1, report);
    q.executeStep();
    return q.getColumn(0).getInt64();
  };
  annals::report_id first, second;
  {
    auto db = store::open(path);
    first = db.ingest(make_report(24, 2023, 20)).id;
    second = db.ingest(with_new_labels(make_report(25, 2024, 20, 1), "外键测试甲", 5)).id;
    (void)db.ingest(make_report(24, 2023, 20, 2));  // a revision
  }
  ASSERT_EQ(dangling(), 0u);
  annals::store_options small;
  small.max_size_bytes = 256 * 1024;
  {
    auto db = store::open(path, annals::open_mode::read_write, small);
    // Fails for want of space after its facts have added aliases 外键测试乙0 … (its text is cut
    // short, so that the report row fits and the facts do not).
    auto big = with_new_labels(make_report(26, 2024, 5000, 1), "外键测试乙", 5000);
    big.text = "编造的测试文档";
    const auto msg = storage_message([&] { (void)db.ingest(big); });
    EXPECT_THAT(msg, HasSubstr("disk full"));
    // … which this one, on the same connection, uses again: they are added anew, not taken from
    // the rolled-back transaction.
    const auto reuse = with_new_labels(make_report(27, 2024, 20), "外键测试乙", 5);
    ASSERT_EQ(db.ingest(reuse).status, annals::ingest_status::added);
    EXPECT_EQ(dangling(), 0u);
    EXPECT_EQ(db.series("样例市027", annals::metric_key("外键测试乙0", reuse.facts[0].q.unit)).points.size(), 1u);
    // A removal right after ingests: the cascades delete every child row of the report.
    ASSERT_GT(rows_of(second.value), 0);
    EXPECT_TRUE(db.remove_report(second));
    EXPECT_EQ(rows_of(second.value), 0);
    // then ingest and remove again, back and forth on one connection
    const auto third = db.ingest(make_report(28, 2024, 10)).id;
    (void)db.save_verdicts(first, third, "annals-track/1",
                           {{annals::verdict_subject::streak, "连续", "连续", "consistent", {}, "[]"}});
    EXPECT_TRUE(db.remove_report(third));
    EXPECT_EQ(rows_of(third.value), 0);
    EXPECT_TRUE(db.verdicts(first, third).empty());
    EXPECT_TRUE(db.check_integrity().ok);
  }
  EXPECT_EQ(dangling(), 0u);
}

// store::group_ingests(): the reports of a group share one transaction, each in a savepoint.
// Other connections see none of them before the commit and all after; a report that fails
// (malformed, or a sha256 the group already stored) leaves the others alone; a group ended
// without commit stores nothing, and the catalogue aliases its reports added are forgotten with
// it (a later report with the same labels adds them again: no dangling alias_id).
TEST(store_sqlite_test, an_ingest_group_commits_its_reports_at_once_and_a_failing_report_alone) {
  temp_dir dir;
  const auto path = dir.file("group.db");
  const auto stored = [&] {
    SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(raw, "SELECT count(*) FROM reports");
    q.executeStep();
    return q.getColumn(0).getInt64();
  };
  const auto dangling = [&] { return foreign_key_violations(path); };
  auto db = store::open(path);
  {
    auto group = db.group_ingests();
    const auto a = db.ingest(make_report(40, 2023, 12));
    auto bad = make_report(41, 2023, 12);
    bad.source.sha256 = "not a digest";
    EXPECT_THROW((void)db.ingest(bad), annals::input_error);
    const auto b = db.ingest(make_report(42, 2023, 12));
    EXPECT_EQ(db.ingest(make_report(40, 2023, 12)).status, annals::ingest_status::skipped);  // a's bytes again
    EXPECT_EQ(group.added(), 2u);
    EXPECT_EQ(db.load_report(b.id).facts.size(), 12u);  // this connection reads what the group wrote
    EXPECT_EQ(stored(), 0);                              // the others do not, yet
    group.commit();
    EXPECT_EQ(stored(), 2);
    EXPECT_EQ(db.load_report(a.id).facts.size(), 12u);
    EXPECT_THROW(group.commit(), annals::usage_error);  // over
  }
  // Ended without commit: nothing of it stays, not even the labels it added to the catalogue.
  const auto with_new_labels = [](annals::report r, const std::string& prefix) {
    for (std::size_t i = 0; i < r.facts.size(); ++i) r.facts[i].label = prefix + std::to_string(i);
    return r;
  };
  {
    auto group = db.group_ingests();
    (void)db.ingest(with_new_labels(make_report(43, 2023, 6), "编组测试甲"));
    (void)db.ingest(with_new_labels(make_report(44, 2023, 6), "编组测试乙"));
    EXPECT_EQ(group.added(), 2u);
  }
  EXPECT_EQ(stored(), 2);
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(raw, "SELECT count(*) FROM metric_aliases WHERE alias LIKE '编组测试%'");
    q.executeStep();
    EXPECT_EQ(q.getColumn(0).getInt64(), 0);
  }
  {
    auto group = db.group_ingests();
    (void)db.ingest(with_new_labels(make_report(45, 2024, 6), "编组测试甲"));  // first committed group's labels
    group.commit();
  }
  (void)db.ingest(with_new_labels(make_report(46, 2024, 6), "编组测试乙"));  // and without a group
  EXPECT_EQ(stored(), 4);
  EXPECT_EQ(dangling(), 0u);
  const auto r45 = make_report(45, 2024, 6);
  EXPECT_EQ(db.series("样例市045", annals::metric_key("编组测试甲0", r45.facts[0].q.unit)).points.size(), 1u);
  EXPECT_EQ(db.series("样例市046", annals::metric_key("编组测试乙0", r45.facts[0].q.unit)).points.size(), 1u);
  EXPECT_TRUE(db.check_integrity().ok);
}

// A failure that makes SQLite give up the whole transaction (no room left: the cap on the file's
// size) takes the group's earlier reports with it, and says so; the group is then over, the
// store unchanged, and the next group on the same connection stores the same labels cleanly.
TEST(store_sqlite_test, a_failure_that_ends_the_groups_transaction_says_so_and_stores_nothing_of_it) {
  temp_dir dir;
  const auto path = dir.file("group-full.db");
  {
    auto db = store::open(path);
    (void)db.ingest(make_report(50, 2023, 20));
  }
  annals::store_options small;
  small.max_size_bytes = 256 * 1024;
  auto db = store::open(path, annals::open_mode::read_write, small);
  auto labelled = [](annals::report r) {
    for (std::size_t i = 0; i < r.facts.size(); ++i) r.facts[i].label = "编组满盘" + std::to_string(i);
    return r;
  };
  {
    auto group = db.group_ingests();
    const auto first = db.ingest(labelled(make_report(51, 2024, 20)));
    auto big = labelled(make_report(52, 2024, 5000, 1));
    big.text = "编造的测试文档";
    const auto msg = storage_message([&] { (void)db.ingest(big); });
    EXPECT_THAT(msg, HasSubstr("disk full"));
    EXPECT_THAT(msg, HasSubstr("the ingest group it was part of was rolled back with it"));
    EXPECT_THROW((void)db.ingest(make_report(53, 2024, 5)), annals::usage_error);
    EXPECT_THROW(group.commit(), annals::usage_error);
    EXPECT_FALSE(db.find(make_report(51, 2024, 20).source.sha256).has_value());
    (void)first;
  }
  EXPECT_EQ(db.reports({}).size(), 1u);
  {
    auto group = db.group_ingests();
    const auto again = db.ingest(labelled(make_report(51, 2024, 20)));
    EXPECT_EQ(again.status, annals::ingest_status::added);
    group.commit();
  }
  EXPECT_EQ(db.reports({}).size(), 2u);
  const auto r = make_report(51, 2024, 20);
  EXPECT_EQ(db.series("样例市051", annals::metric_key("编组满盘0", r.facts[0].q.unit)).points.size(), 1u);
  EXPECT_EQ(foreign_key_violations(path), 0u);
}

// In an ingest group, SQLite's backend counts a key's revisions once and carries the count from
// report to report (ingest.cpp, supersede_current). Each ingest_result must still say what the
// store holds: through a group of many revisions of one key and of another, a group ended
// without commit (on SQLite its revisions are not counted after it), and against what
// reports() counts.
TEST_P(store_revision_test, revisions_stored_in_ingest_groups_are_numbered_as_the_store_counts_them) {
  auto db = fresh();
  EXPECT_EQ(db.ingest(make_report(60, 2023, 6)).revisions, 1u);  // outside a group
  {
    auto group = db.group_ingests();
    for (int v = 1; v <= 5; ++v) {
      const auto res = db.ingest(make_report(60, 2023, 6, v));
      ASSERT_EQ(res.status, annals::ingest_status::added);
      EXPECT_EQ(res.revisions, static_cast<std::size_t>(v) + 1) << "variant " << v;
      EXPECT_TRUE(res.supersedes);
    }
    EXPECT_EQ(db.ingest(make_report(60, 2023, 6, 3)).status, annals::ingest_status::skipped);  // same bytes
    const auto other = db.ingest(make_report(61, 2023, 6));  // a key first seen in the group
    EXPECT_EQ(other.revisions, 1u);
    EXPECT_FALSE(other.supersedes);
    EXPECT_EQ(db.ingest(make_report(61, 2023, 6, 1)).revisions, 2u);
    EXPECT_EQ(db.ingest(make_report(60, 2024, 6)).revisions, 1u);  // same place, other year
    group.commit();
  }
  {
    auto group = db.group_ingests();
    EXPECT_EQ(db.ingest(make_report(60, 2023, 6, 6)).revisions, 7u);
    EXPECT_EQ(db.ingest(make_report(61, 2023, 6, 2)).revisions, 3u);
  }  // ended without commit: on SQLite neither is stored, nor counted after it; on PostgreSQL
     // each report was committed by its own ingest (store.hpp), so both are
  const std::size_t kept = on_sqlite() ? 0 : 1;
  {
    auto group = db.group_ingests();
    EXPECT_EQ(db.ingest(make_report(60, 2023, 6, 7)).revisions, 7u + kept);
    EXPECT_EQ(db.ingest(make_report(61, 2023, 6, 3)).revisions, 3u + kept);
    group.commit();
  }
  EXPECT_EQ(db.ingest(make_report(60, 2023, 6, 8)).revisions, 8u + kept);  // and outside a group again
  std::size_t of_60 = 0;
  for (const auto& s : db.reports()) {
    if (s.jurisdiction != "样例市060" || s.year != annals::report_year(2023)) continue;
    ++of_60;
    EXPECT_EQ(s.revisions, 8u + kept);
    EXPECT_EQ(s.revision, of_60);
  }
  EXPECT_EQ(of_60, 8u + kept);
  EXPECT_TRUE(db.check_integrity().ok);
}

// The count carried in a group is taken again for each group: revisions another connection
// stored between two groups are counted, and a group that a failure rolled back whole leaves
// no count of its reports behind.
TEST(store_sqlite_test, a_groups_revision_count_is_taken_anew_after_other_writers_and_a_lost_group) {
  temp_dir dir;
  const auto path = dir.file("revisions.db");
  annals::store_options small;
  small.max_size_bytes = 256 * 1024;
  auto db = store::open(path, annals::open_mode::read_write, small);
  {
    auto group = db.group_ingests();
    EXPECT_EQ(db.ingest(make_report(62, 2023, 6)).revisions, 1u);
    EXPECT_EQ(db.ingest(make_report(62, 2023, 6, 1)).revisions, 2u);
    group.commit();
  }
  {
    auto other = store::open(path);  // another writer, meanwhile
    EXPECT_EQ(other.ingest(make_report(62, 2023, 6, 2)).revisions, 3u);
  }
  {
    auto group = db.group_ingests();
    EXPECT_EQ(db.ingest(make_report(62, 2023, 6, 3)).revisions, 4u);
    auto big = make_report(63, 2024, 5000, 1);
    big.text = "编造的测试文档";
    const auto msg = storage_message([&] { (void)db.ingest(big); });
    EXPECT_THAT(msg, HasSubstr("the ingest group it was part of was rolled back with it"));
  }
  {
    auto group = db.group_ingests();
    EXPECT_EQ(db.ingest(make_report(62, 2023, 6, 4)).revisions, 4u);  // variant 3 went with the group
    group.commit();
  }
  EXPECT_EQ(db.reports().size(), 4u);
  EXPECT_EQ(db.reports().back().revisions, 4u);
}

// ---- bulk_ingest: groups that commit themselves ------------------------------------------------

/// Records each commit a bulk_ingest reports.
struct commit_log final : annals::bulk_ingest_observer {
  std::vector<std::size_t> sizes;
  void committed(std::size_t reports) override { sizes.push_back(reports); }
};

// A group commits once it holds group_reports added reports (skipped and failed ones do not
// count), the rest at finish(); a malformed report leaves the group as it was. On either backend.
TEST_P(store_test, bulk_ingest_commits_every_n_added_reports_and_the_rest_at_finish) {
  auto db = fresh();
  commit_log log;
  annals::bulk_ingest_options o;
  o.group_reports = 3;
  o.group_age = std::chrono::hours(1);
  o.observer = &log;
  annals::bulk_ingest bulk(db, o);
  for (int i = 0; i < 2; ++i) EXPECT_EQ(bulk.ingest(make_report(70 + i, 2023, 5)).status, annals::ingest_status::added);
  EXPECT_EQ(bulk.ingest(make_report(70, 2023, 5)).status, annals::ingest_status::skipped);  // not counted
  auto bad = make_report(79, 2023, 5);
  bad.source.sha256 = "not a digest";
  EXPECT_THROW((void)bulk.ingest(bad), annals::input_error);  // nor this, and the group goes on
  EXPECT_EQ(bulk.pending(), 2u);
  EXPECT_TRUE(log.sizes.empty());
  (void)bulk.ingest(annals::encoded_report(make_report(72, 2023, 5)));  // the third: the group commits
  EXPECT_EQ(bulk.pending(), 0u);
  EXPECT_EQ(bulk.committed(), 3u);
  for (int i = 3; i < 7; ++i) (void)bulk.ingest(make_report(70 + i, 2023, 5));
  EXPECT_EQ(log.sizes, (std::vector<std::size_t>{3, 3}));
  EXPECT_EQ(bulk.pending(), 1u);
  bulk.finish();
  EXPECT_EQ(log.sizes, (std::vector<std::size_t>{3, 3, 1}));
  EXPECT_EQ(bulk.committed(), 7u);
  EXPECT_EQ(bulk.commit(), 0u);  // nothing open: nothing to do
  EXPECT_EQ(db.reports().size(), 7u);
  (void)bulk.ingest(make_report(77, 2023, 5));  // after finish(), a new group
  EXPECT_EQ(bulk.pending(), 1u);
}

// What other connections see: nothing of a group before its commit, all of it after; a group
// older than group_age commits with its next report; leaving by an exception keeps (commits)
// what was stored; a failure that makes SQLite give the group up says so, and the next report
// opens a new group.
TEST(store_sqlite_test, bulk_ingest_commits_by_age_and_keeps_what_was_stored_when_it_ends) {
  temp_dir dir;
  const auto path = dir.file("bulk.db");
  const auto stored = [&] {
    SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
    return raw.execAndGet("SELECT count(*) FROM reports").getInt64();
  };
  annals::store_options small;
  small.max_size_bytes = 256 * 1024;
  auto db = store::open(path, annals::open_mode::read_write, small);
  try {
    annals::bulk_ingest_options o;
    o.group_reports = 100;
    o.group_age = std::chrono::seconds(1);
    annals::bulk_ingest bulk(db, o);
    (void)bulk.ingest(make_report(80, 2023, 5));
    (void)bulk.ingest(make_report(81, 2023, 5));
    EXPECT_EQ(stored(), 0) << "nothing before the group commits";
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    (void)bulk.ingest(make_report(82, 2023, 5));  // the group is past its age: commits with it
    EXPECT_EQ(stored(), 3);
    EXPECT_EQ(bulk.committed(), 3u);
    (void)bulk.ingest(make_report(83, 2023, 5));
    auto big = make_report(84, 2024, 5000, 1);
    big.text = "编造的测试文档";
    const auto msg = storage_message([&] { (void)bulk.ingest(big); });
    EXPECT_THAT(msg, HasSubstr("disk full"));
    EXPECT_THAT(msg, HasSubstr("the ingest group it was part of was rolled back with it"));
    EXPECT_EQ(bulk.pending(), 0u);
    EXPECT_EQ(bulk.committed(), 3u);
    EXPECT_EQ(stored(), 3) << "report 83 went with the group";
    (void)bulk.ingest(make_report(83, 2023, 5));  // a new group
    (void)bulk.ingest(make_report(85, 2023, 5));
    EXPECT_EQ(bulk.pending(), 2u);
    EXPECT_EQ(stored(), 3);
    throw std::runtime_error("the caller's own failure");  // leaves the bulk_ingest's scope
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(stored(), 5) << "what the bulk_ingest held is committed when it ends";
  EXPECT_TRUE(db.check_integrity().ok);
  EXPECT_EQ(foreign_key_violations(path), 0u);
}

// What a group rules out while it is open, on either backend: a second group, the other writes,
// a snapshot; and a group while a snapshot is open. Each is a usage_error and changes nothing.
TEST_P(store_test, an_open_ingest_group_refuses_other_writes_and_snapshots) {
  auto db = fresh();
  const auto a = db.ingest(make_report(60, 2023, 5));
  {
    auto group = db.group_ingests();
    EXPECT_THROW((void)db.group_ingests(), annals::usage_error);
    EXPECT_THROW((void)db.remove_report(a.id), annals::usage_error);
    EXPECT_THROW((void)db.save_verdicts(a.id, a.id, "annals-track/1", {}), annals::usage_error);
    std::istringstream csv("alias,metric\n");
    EXPECT_THROW((void)db.import_catalogue(csv, "test.csv"), annals::usage_error);
    EXPECT_THROW((void)db.snapshot(), annals::usage_error);
    const auto b = db.ingest(make_report(61, 2023, 5));
    EXPECT_EQ(b.status, annals::ingest_status::added);
    group.commit();
  }
  EXPECT_EQ(db.reports({}).size(), 2u);
  EXPECT_TRUE(db.remove_report(a.id));  // a write again once the group is over
  {
    const auto snap = db.snapshot();
    EXPECT_THROW((void)db.group_ingests(), annals::usage_error);
  }
  auto group = db.group_ingests();  // and a group once the snapshot is over
  (void)db.ingest(make_report(62, 2023, 5));
  group.commit();
  EXPECT_EQ(group.added(), 1u);  // what it committed
  // A committed group no longer speaks for the store: ending it leaves the next group alone.
  auto next = db.group_ingests();
  (void)db.ingest(make_report(63, 2023, 5));
  { auto done = std::move(group); }
  EXPECT_EQ(next.added(), 1u);
  next.commit();
  EXPECT_EQ(db.reports({}).size(), 3u);
}

TEST_P(store_test, series_takes_the_latest_ingested_report_of_a_year) {
  auto db = fresh();
  (void)db.ingest(make_report(10, 2023, 8));
  auto reissued = make_report(10, 2023, 8, 2);
  reissued.facts[0].q.value = annals::decimal(123456);
  const auto second = db.ingest(reissued);
  const auto s = db.series("样例市010", "新收行政复议案件|件");
  ASSERT_EQ(s.points.size(), 1u);
  EXPECT_EQ(s.points[0].report, second.id);
  EXPECT_EQ(s.points[0].value.q.value, annals::decimal(123456));
}

// all_series() is series() of every metric in one pass (yoy --db and report use it): the same
// metrics in the same order, the same points (latest report of a year first) with their changes.
TEST_P(store_test, all_series_is_series_of_every_metric_in_one_pass) {
  auto db = fresh();
  for (const char* name : {"chengdu-2023.txt", "chengdu-2024.txt", "chengdu-2025.txt"})
    (void)db.ingest(annals::read_report(fs::path(ANNALS_DATA_DIR) / name));
  (void)db.ingest(make_report(10, 2023, 8));
  auto reissued = make_report(10, 2023, 8, 2);
  reissued.facts[0].q.value = annals::decimal(123456);
  (void)db.ingest(reissued);
  for (const char* j : {"成都市", "样例市010", "没有这个地方"}) {
    const auto all = db.all_series(j);
    std::vector<std::string> keys;
    for (const auto& m : all) keys.push_back(m.metric);
    EXPECT_EQ(keys, db.metrics(j)) << j;
    for (const auto& m : all) {
      const auto one = db.series(j, m.metric);
      EXPECT_EQ(m.jurisdiction, one.jurisdiction);
      ASSERT_EQ(m.points.size(), one.points.size()) << m.metric;
      for (std::size_t i = 0; i < m.points.size(); ++i) {
        EXPECT_EQ(m.points[i].year, one.points[i].year);
        EXPECT_EQ(m.points[i].report, one.points[i].report);
        expect_same_fact(m.points[i].value, one.points[i].value);
        ASSERT_EQ(m.points[i].changes.size(), one.points[i].changes.size()) << m.metric;
        for (std::size_t c = 0; c < m.points[i].changes.size(); ++c)
          EXPECT_EQ(m.points[i].changes[c].id, one.points[i].changes[c].id);
      }
    }
  }
  std::size_t with_changes = 0;
  for (const auto& m : db.all_series("成都市"))
    for (const auto& p : m.points) with_changes += p.changes.empty() ? 0u : 1u;
  EXPECT_GT(with_changes, 0u);  // the check above compared something
}

// The per-jurisdiction queries keep their statements between calls (SQLite): asked again after
// an ingest, and for another jurisdiction in between, they see what the store holds now.
TEST_P(store_test, per_jurisdiction_queries_asked_again_see_what_was_ingested_since) {
  auto db = fresh();
  (void)db.ingest(make_report(10, 2022, 8));
  annals::report_filter of_10;
  of_10.jurisdiction = "样例市010";
  ASSERT_EQ(db.reports(of_10).size(), 1u);
  ASSERT_FALSE(db.all_series("样例市010").empty());
  EXPECT_EQ(db.all_series("样例市010").front().points.size(), 1u);
  (void)db.ingest(make_report(11, 2022, 8));
  EXPECT_EQ(db.all_series("样例市011").front().jurisdiction, "样例市011");
  (void)db.ingest(make_report(10, 2023, 8));
  const auto listed = db.reports(of_10);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[1].year, annals::report_year(2023));
  for (const auto& m : db.all_series("样例市010")) EXPECT_EQ(m.points.size(), 2u) << m.metric;
  EXPECT_TRUE(db.all_series("没有这个地方").empty());
  annals::report_filter nowhere;
  nowhere.jurisdiction = "没有这个地方";
  EXPECT_TRUE(db.reports(nowhere).empty());
}

TEST_P(store_test, panel_csv_has_one_row_per_jurisdiction_metric_year) {
  auto db = fresh();
  for (int year : {2022, 2023}) {
    (void)db.ingest(make_report(11, year, 24));
    (void)db.ingest(make_report(12, year, 24));
  }
  auto formula = make_report(13, 2023, 2);
  formula.meta.jurisdiction = "=HYPERLINK(\"x\")";
  formula.facts[0].label = "+1+1";
  (void)db.ingest(formula);
  std::ostringstream out;
  const auto rows = db.panel_csv(out);
  EXPECT_EQ(rows, 2u * 2u * 24u + 2u);
  std::istringstream in(out.str());
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "jurisdiction,metric,year,value");
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  ASSERT_EQ(lines.size(), rows);
  EXPECT_EQ(lines[0], "\"'=HYPERLINK(\"\"x\"\")\",'+1+1|件,2023," + make_report(13, 2023, 2).facts[0].q.value.to_string());
  std::vector<std::tuple<std::string, std::string, std::string>> keys;
  for (auto it = lines.begin() + 2; it != lines.end(); ++it) {
    const auto a = it->find(','), b = it->find(',', a + 1), c = it->find(',', b + 1);
    keys.emplace_back(it->substr(0, a), it->substr(a + 1, b - a - 1), it->substr(b + 1, c - b - 1));
  }
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  EXPECT_EQ(std::adjacent_find(keys.begin(), keys.end()), keys.end());  // one row per key
  const auto f1 = make_report(11, 2022, 24).facts[0];
  EXPECT_THAT(lines, ::testing::Contains("样例市011,新收行政复议案件|件,2022," + f1.q.value.to_string()));
}

// A panel longer than one of PostgreSQL's batches (1,024 rows a FETCH) comes whole and sorted;
// an output stream that fails half-way stops it with storage_error, and the next panel is whole.
TEST_P(store_test, a_long_panel_comes_whole_and_a_failed_stream_leaves_nothing_open) {
  auto db = fresh();
  for (int j = 0; j < 12; ++j)
    for (int year = 2019; year <= 2023; ++year) (void)db.ingest(make_report(j, year, 24));
  std::ostringstream out;
  EXPECT_EQ(db.panel_csv(out), 12u * 5u * 24u);
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 1u + 12u * 5u * 24u);
  EXPECT_TRUE(std::is_sorted(lines.begin() + 1, lines.end()));
  EXPECT_EQ(std::adjacent_find(lines.begin() + 1, lines.end()), lines.end());

  // a stream that takes 40 kB, then fails (a full disk, a closed pipe)
  struct failing_after : std::streambuf {
    std::size_t left = 40000;
    int_type overflow(int_type c) override {
      if (left == 0) return traits_type::eof();
      --left;
      return c;
    }
  } sink;
  std::ostream broken(&sink);
  EXPECT_THROW((void)db.panel_csv(broken), annals::storage_error);
  std::ostringstream again;
  EXPECT_EQ(db.panel_csv(again), 12u * 5u * 24u);
  EXPECT_EQ(again.str(), out.str());
}

// ---- the real sample ------------------------------------------------------------------------

TEST_P(store_real_test, the_chengdu_2024_report_round_trips_and_fills_its_series) {
  // data/chengdu-2024.txt is the real report; chengdu-2023/2025 are made-up test documents.
  const auto r = annals::read_report(fs::path(ANNALS_DATA_DIR) / "chengdu-2024.txt");
  ASSERT_FALSE(r.facts.empty());
  ASSERT_EQ(r.meta.jurisdiction, "成都市");
  ASSERT_EQ(r.meta.year, annals::report_year(2024));
  auto db = fresh();
  const auto res = db.ingest(r);
  ASSERT_EQ(res.status, annals::ingest_status::added);
  EXPECT_EQ(res.counts.facts, r.facts.size());
  EXPECT_EQ(res.counts.changes, r.changes.size());
  EXPECT_EQ(res.counts.commitments, r.commitments.size());
  expect_same_report(r, db.load_report(res.id));
  EXPECT_EQ(db.ingest(annals::read_report(fs::path(ANNALS_DATA_DIR) / "chengdu-2024.txt")).status,
            annals::ingest_status::skipped);

  // Every fact is reachable through its metric's series: the 2024 point is the first fact of
  // the report filed under that metric.
  std::map<std::string, const annals::fact*> first_of_metric;
  for (const auto& f : r.facts) first_of_metric.emplace(db.metric_of(f.label, f.q.unit), &f);
  for (const auto& [metric, f] : first_of_metric) {
    const auto s = db.series("成都市", metric);
    ASSERT_EQ(s.points.size(), 1u) << metric;
    EXPECT_EQ(s.points[0].year, annals::report_year(2024));
    expect_same_fact(s.points[0].value, *f);
  }
  EXPECT_EQ(db.metrics("成都市").size(), first_of_metric.size());

  // With the made-up 2023 and 2025 reports, some metrics span several years.
  for (const char* name : {"chengdu-2023.txt", "chengdu-2025.txt"})
    EXPECT_EQ(db.ingest(annals::read_report(fs::path(ANNALS_DATA_DIR) / name)).status, annals::ingest_status::added);
  const auto js = db.jurisdictions();
  ASSERT_EQ(js.size(), 1u);
  EXPECT_EQ(js[0].reports, 3u);
  EXPECT_EQ(js[0].first_year, annals::report_year(2023));
  EXPECT_EQ(js[0].last_year, annals::report_year(2025));
  std::size_t multi_year = 0;
  for (const auto& m : db.metrics("成都市")) {
    const auto s = db.series("成都市", m);
    EXPECT_TRUE(std::is_sorted(s.points.begin(), s.points.end(),
                               [](const auto& a, const auto& b) { return a.year < b.year; }));
    if (s.points.size() >= 2) ++multi_year;
  }
  EXPECT_GT(multi_year, 0u);
  EXPECT_TRUE(db.check_integrity().ok);
}

// ---- catalogue ---------------------------------------------------------------------------------

TEST(metric_key_test, strips_only_the_reports_own_scope) {
  EXPECT_EQ(annals::alias_key(" 全市新收行政复议案件 ", "件"), "全市新收行政复议案件|件");
  EXPECT_EQ(annals::alias_key("ＡＢＣ　指标", "％"), "ABC 指标|%");
  EXPECT_EQ(annals::metric_key("全市新收行政复议案件", "件"), "新收行政复议案件|件");
  EXPECT_EQ(annals::metric_key("全市全年新收行政复议案件共计", "件"), "新收行政复议案件|件");
  EXPECT_EQ(annals::metric_key("，其中全省各级办理案件", "件"), "办理案件|件");
  EXPECT_EQ(annals::metric_key("市本级新收行政复议案件", "件"), "市本级新收行政复议案件|件");
  EXPECT_EQ(annals::metric_key("查处违法行为", "起"), "查处违法行为|起");  // 为 ends a word
  EXPECT_EQ(annals::metric_key("全市", "件"), "全市|件");  // never empty
  EXPECT_EQ(annals::metric_key("收入", "万|元"), "收入|万/元");
  EXPECT_EQ(annals::split_metric_key("a|b|c"), (annals::metric_name{"a|b", "c"}));
  EXPECT_EQ(annals::split_metric_key("无单位|"), (annals::metric_name{"无单位", ""}));
  EXPECT_EQ(annals::split_metric_key("no unit"), std::nullopt);
  EXPECT_EQ(annals::split_metric_key("|件"), std::nullopt);
}

TEST_P(catalogue_test, aliases_are_the_catalogue_without_fact_counts_and_user_scope_keeps_the_users_own) {
  auto db = fresh();
  EXPECT_TRUE(db.aliases().empty());
  (void)db.ingest(make_report(15, 2023, 12));
  (void)db.ingest(make_report(15, 2024, 12));
  EXPECT_TRUE(db.aliases(annals::alias_scope::user).empty()) << "seeding makes no user mappings";
  const auto with_counts = db.catalogue();
  const auto all = db.aliases();
  ASSERT_EQ(all.size(), with_counts.size());
  ASSERT_FALSE(all.empty());
  for (std::size_t i = 0; i < all.size(); ++i) {  // same entries, same order, facts not counted
    EXPECT_EQ(all[i].alias, with_counts[i].alias);
    EXPECT_EQ(all[i].metric, with_counts[i].metric);
    EXPECT_EQ(all[i].user_defined, with_counts[i].user_defined);
    EXPECT_EQ(all[i].facts, 0u);
  }
  std::istringstream remap("alias,metric\n办结行政复议案件|件,新收行政复议案件|件\n");
  (void)db.import_catalogue(remap, "remap.csv");
  const auto user = db.aliases(annals::alias_scope::user);
  ASSERT_EQ(user.size(), 1u);
  EXPECT_EQ(user[0].alias, "办结行政复议案件|件");
  EXPECT_EQ(user[0].metric, "新收行政复议案件|件");
  EXPECT_TRUE(user[0].user_defined);
  EXPECT_EQ(db.aliases().size(), with_counts.size());
}

TEST_P(catalogue_test, export_then_import_round_trips_and_a_remap_merges_series) {
  auto db = fresh();
  (void)db.ingest(make_report(14, 2023, 24));
  (void)db.ingest(make_report(14, 2024, 24));
  std::ostringstream exported;
  const auto n = db.export_catalogue(exported);
  EXPECT_EQ(n, 48u);  // 24 labels × (with and without 全市)
  std::istringstream again(exported.str());
  const auto same = db.import_catalogue(again, "cat.csv");
  EXPECT_EQ(same.rows, 48u);
  EXPECT_EQ(same.unchanged, 48u);
  EXPECT_EQ(same.aliases_added + same.aliases_moved + same.metrics_added + same.metrics_removed, 0u);
  for (const auto& e : db.catalogue()) EXPECT_TRUE(e.user_defined) << e.alias;

  // 办结 and 新收 are different things, but a user may decide to file them together.
  EXPECT_EQ(db.series("样例市014", "新收行政复议案件|件").points.size(), 2u);
  std::istringstream remap("alias,metric\n"
                           "办结行政复议案件|件,新收行政复议案件|件\n"
                           "全市办结行政复议案件|件,新收行政复议案件|件\n"
                           "\"全市新的, 别名|件\",新收行政复议案件|件\n");
  const auto res = db.import_catalogue(remap, "remap.csv");
  EXPECT_EQ(res.rows, 3u);
  EXPECT_EQ(res.aliases_moved, 2u);
  EXPECT_EQ(res.aliases_added, 1u);
  EXPECT_EQ(res.metrics_removed, 1u);  // 办结行政复议案件|件 has no alias left
  EXPECT_EQ(db.metric_of("全市办结行政复议案件", "件"), "新收行政复议案件|件");
  EXPECT_EQ(db.metric_of("全市新的, 别名", "件"), "新收行政复议案件|件");
  const auto cat = db.catalogue();
  const auto it = std::find_if(cat.begin(), cat.end(), [](const auto& e) { return e.alias == "全市办结行政复议案件|件"; });
  ASSERT_NE(it, cat.end());
  EXPECT_EQ(it->facts, 1u);
  std::ostringstream out2;
  (void)db.export_catalogue(out2);
  EXPECT_THAT(out2.str(), HasSubstr("\"全市新的, 别名|件\",新收行政复议案件|件\n"));
}

TEST_P(catalogue_test, a_user_mapping_made_before_ingest_is_never_overridden_by_seeding) {
  auto db = fresh();
  std::istringstream map("alias,metric\r\n全市新收行政复议案件|件,行政复议收案|件\r\n");
  const auto res = db.import_catalogue(map);
  EXPECT_EQ(res.aliases_added, 1u);
  EXPECT_EQ(res.metrics_added, 1u);
  (void)db.ingest(make_report(15, 2024, 4));  // even year: 全市新收行政复议案件
  (void)db.ingest(make_report(15, 2023, 4));  // odd year: 新收行政复议案件 is seeded on its own
  EXPECT_EQ(db.series("样例市015", "行政复议收案|件").points.size(), 1u);
  EXPECT_EQ(db.series("样例市015", "新收行政复议案件|件").points.size(), 1u);
}

TEST_P(catalogue_test, malformed_mapping_files_change_nothing) {
  auto db = fresh();
  (void)db.ingest(make_report(16, 2024, 6));
  std::ostringstream before;
  (void)db.export_catalogue(before);
  auto expect_bad = [&](const std::string& csv, const std::string& message) {
    std::istringstream in(csv);
    try {
      (void)db.import_catalogue(in, "map.csv");
      ADD_FAILURE() << "accepted: " << csv;
    } catch (const annals::input_error& e) {
      EXPECT_EQ(std::string(e.what()), message);
    }
  };
  expect_bad("", "map.csv: empty catalogue (expected the header 'alias,metric')");
  expect_bad("metric,alias\n", "map.csv: line 1: expected the header 'alias,metric'");
  expect_bad("alias,metric\n甲|件,乙|件\n丙|件\n", "map.csv: line 3: expected 2 fields (alias,metric), found 1");
  expect_bad("alias,metric\n甲|件,乙\n", "map.csv: line 2: metric '乙' is not label|unit");
  expect_bad("alias,metric\n甲|件,乙|万元\n", "map.csv: line 2: alias unit '件' differs from metric unit '万元' (a series never mixes units)");
  expect_bad("alias,metric\n甲|件,乙|件\n\n甲|件,丙|件\n", "map.csv: line 4: alias '甲|件' is mapped twice (to '乙|件' and '丙|件')");
  expect_bad("alias,metric\n\"甲|件,乙|件\n", "map.csv: line 2: unterminated quoted field");
  expect_bad("alias,metric\n甲\"|件,乙|件\n", "map.csv: line 2: stray quote inside an unquoted field");
  std::ostringstream after;
  (void)db.export_catalogue(after);
  EXPECT_EQ(before.str(), after.str());
}

TEST_P(catalogue_test, neutralised_formula_aliases_round_trip) {
  auto db = fresh();
  auto r = make_report(17, 2024, 1);
  r.facts[0].label = "=1+2";
  (void)db.ingest(r);
  std::ostringstream out;
  (void)db.export_catalogue(out);
  EXPECT_EQ(out.str(), "alias,metric\n'=1+2|件,'=1+2|件\n");
  std::istringstream in(out.str());
  const auto res = db.import_catalogue(in);
  EXPECT_EQ(res.unchanged, 1u);
  EXPECT_EQ(res.aliases_added, 0u);
}

// ---- verdicts ------------------------------------------------------------------------------

TEST_P(store_test, verdicts_are_added_never_overwritten_and_a_new_rubric_adds_rows) {
  auto db = fresh();
  const auto e = db.ingest(make_report(18, 2023, 10)).id;
  const auto l = db.ingest(make_report(18, 2024, 10)).id;
  const std::vector<annals::verdict_record> v1 = {
      {annals::verdict_subject::commitment, "k2", "持续推进第1项任务", "fulfilled", 0.82,
       R"([{"text":"完成","start":10,"end":12}])"},
      {annals::verdict_subject::metric, "新收行政复议案件", "新收行政复议案件", "consistent", std::nullopt, "{}"},
  };
  const auto first = db.save_verdicts(e, l, "annals-track/1", v1);
  EXPECT_EQ(first.added, 2u);
  const auto again = db.save_verdicts(e, l, "annals-track/1", v1);
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ(again.unchanged, 2u);
  auto changed = v1;
  changed[0].status = "in_progress";
  const auto conflict = db.save_verdicts(e, l, "annals-track/1", changed);
  EXPECT_EQ(conflict.conflicting, 1u);
  EXPECT_EQ(conflict.unchanged, 1u);
  const auto newer = db.save_verdicts(e, l, "annals-track/2", changed);
  EXPECT_EQ(newer.added, 2u);

  const auto stored = db.verdicts(e, l);
  ASSERT_EQ(stored.size(), 4u);
  EXPECT_EQ(stored[0].record, v1[0]);  // the old verdict is still there, unchanged
  EXPECT_EQ(stored[0].rubric, "annals-track/1");
  EXPECT_EQ(stored[1].record.status, "in_progress");
  EXPECT_EQ(stored[1].rubric, "annals-track/2");
  EXPECT_EQ(stored[0].earlier_year, annals::report_year(2023));
  EXPECT_EQ(stored[0].later_year, annals::report_year(2024));
  EXPECT_EQ(stored[0].later_sha256, make_report(18, 2024, 10).source.sha256);
  EXPECT_EQ(stored[2].record.subject, annals::verdict_subject::metric);
  EXPECT_FALSE(stored[2].record.score.has_value());

  const auto e2 = db.ingest(make_report(18, 2022, 10)).id;
  (void)db.save_verdicts(e2, e, "annals-track/1", {v1[1]});
  const auto history = db.verdict_history("样例市018");
  ASSERT_EQ(history.size(), 5u);
  EXPECT_EQ(history[0].later_year, annals::report_year(2023));  // by later year first
  EXPECT_EQ(history[4].later_year, annals::report_year(2024));
  EXPECT_TRUE(db.verdict_history("样例市999").empty());
}

TEST_P(store_test, bad_verdicts_are_usage_errors_and_nothing_is_saved) {
  auto db = fresh();
  const auto e = db.ingest(make_report(19, 2023, 3)).id;
  const auto l = db.ingest(make_report(19, 2024, 3)).id;
  const annals::verdict_record ok{annals::verdict_subject::commitment, "k2", "t", "fulfilled", 0.5, "[]"};
  auto expect_usage = [&](annals::report_id a, annals::report_id b, std::string_view rubric,
                          std::vector<annals::verdict_record> v, const std::string& why) {
    try {
      (void)db.save_verdicts(a, b, rubric, v);
      ADD_FAILURE() << why;
    } catch (const annals::usage_error& err) {
      EXPECT_THAT(err.what(), HasSubstr(why));
    }
  };
  auto bad_json = ok;
  bad_json.evidence_json = "[{\"text\": ";
  expect_usage(e, l, "annals-track/1", {ok, bad_json}, "verdict 'k2' has evidence that is not valid JSON");
  auto bad_score = ok;
  bad_score.score = 1.5;
  expect_usage(e, l, "annals-track/1", {bad_score}, "has a score outside 0..1");
  auto no_status = ok;
  no_status.status.clear();
  expect_usage(e, l, "annals-track/1", {no_status}, "has an empty status");
  expect_usage(e, l, "", {ok}, "empty rubric");
  expect_usage(e, e, "annals-track/1", {ok}, "a report compared with itself");
  expect_usage(e, annals::report_id{99}, "annals-track/1", {ok}, "no report with id 99");
  EXPECT_TRUE(db.verdicts(e, l).empty());
}

TEST_P(store_test, removing_a_report_removes_its_rows_and_verdicts) {
  auto db = fresh();
  const auto e = db.ingest(make_report(20, 2023, 12)).id;
  const auto l = db.ingest(make_report(20, 2024, 12)).id;
  (void)db.save_verdicts(e, l, "annals-track/1", {{annals::verdict_subject::streak, "连续", "连续", "consistent", {}, "[]"}});
  EXPECT_TRUE(db.remove_report(e));
  EXPECT_FALSE(db.remove_report(e));
  EXPECT_TRUE(db.verdicts(e, l).empty());
  EXPECT_EQ(db.reports().size(), 1u);
  EXPECT_EQ(db.series("样例市020", "新收行政复议案件|件").points.size(), 1u);
  EXPECT_TRUE(db.remove_report(l));
  EXPECT_TRUE(db.jurisdictions().empty());
  EXPECT_TRUE(db.check_integrity().ok);
  // Ingesting it again works: the sha256 is free again.
  EXPECT_EQ(db.ingest(make_report(20, 2023, 12)).status, annals::ingest_status::added);
}

// ---- storage errors --------------------------------------------------------------------------

TEST(store_errors_test, a_file_that_is_not_a_database) {
  temp_dir dir;
  const auto path = dir.file("notes.txt");
  std::ofstream(path) << "编造的测试文档: this is a text file, not a database\n" << std::string(5000, 'x');
  const auto msg = storage_message([&] { (void)store::open(path); });
  EXPECT_EQ(msg, path.string() + ": not an SQLite database");
  EXPECT_THAT(slurp(path), StartsWith("编造的测试文档"));  // untouched
  EXPECT_FALSE(fs::exists(dir.file("notes.txt-wal")));
}

TEST(store_errors_test, paths_that_cannot_be_a_database) {
  temp_dir dir;
  EXPECT_EQ(storage_message([&] { (void)store::open(dir.file("")); }),
            dir.file("").string() + ": is a directory, not a database file");
  const auto missing = dir.file("missing.db");
  EXPECT_EQ(storage_message([&] { (void)store::open(missing, annals::open_mode::read_only); }),
            missing.string() + ": no such database file");
  EXPECT_FALSE(fs::exists(missing));
  const auto nofolder = dir.file("no/such/folder/a.db");
  EXPECT_THAT(storage_message([&] { (void)store::open(nofolder); }),
              HasSubstr(": cannot create the database: folder "));
  EXPECT_THROW((void)store::open(""), annals::usage_error);
}

TEST(store_errors_test, another_programs_database_and_a_newer_schema_are_refused) {
  temp_dir dir;
  const auto other = dir.file("other.db");
  {
    SQLite::Database raw(other.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("CREATE TABLE t (x)");
  }
  EXPECT_EQ(storage_message([&] { (void)store::open(other); }),
            other.string() + ": not an annals database (it has tables but no annals schema version)");
  const auto foreign = dir.file("foreign.db");
  {
    SQLite::Database raw(foreign.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA application_id = 42");
  }
  EXPECT_EQ(storage_message([&] { (void)store::open(foreign); }),
            foreign.string() + ": not an annals database (it belongs to another program: application_id 42)");
  const auto newer = dir.file("newer.db");
  { auto db = store::open(newer); }
  {
    SQLite::Database raw(newer.string(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = 99");
  }
  EXPECT_EQ(storage_message([&] { (void)store::open(newer); }),
            newer.string() + ": schema version 99 is newer than this annals understands (6); upgrade annals");
}

TEST(store_errors_test, a_read_only_file_can_be_read_but_not_written) {
  temp_dir dir;
  const auto path = dir.file("ro.db");
  { (void)store::open(path).ingest(make_report(21, 2023, 5)); }
  fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  // What a reader of a read-only file sees; "" when it is right.
  const auto check = [&]() -> std::string {
    auto db = store::open(path);
    if (db.writable()) return "opened read-write";
    if (db.reports().size() != 1u) return "reports: " + std::to_string(db.reports().size());
    try {
      (void)db.ingest(make_report(21, 2024, 5));
      return "ingest into a read-only file succeeded";
    } catch (const annals::storage_error& e) {
      return std::string(e.what()).find(": database is read-only") != std::string::npos ? ""
                                                                                          : "message: " + std::string(e.what());
    }
  };
  if (::geteuid() != 0) {
    EXPECT_EQ(check(), "");
    return;
  }
  // Root ignores file permissions: check as an unprivileged user, in a folder it may use.
  fs::permissions(dir.file(""), fs::perms::all);
  EXPECT_EQ(annals::test::run_unprivileged(check), "");
}

TEST(store_errors_test, a_full_disk_rolls_back_the_report_and_the_next_run_completes_it) {
  temp_dir dir;
  const auto path = dir.file("full.db");
  { (void)store::open(path).ingest(make_report(22, 2022, 20)); }
  {
    annals::store_options small;
    small.max_size_bytes = 256 * 1024;
    auto db = store::open(path, annals::open_mode::read_write, small);
    const auto msg = storage_message([&] { (void)db.ingest(make_report(22, 2023, 5000)); });
    EXPECT_EQ(msg, path.string() + ": disk full or database size limit reached; the failed write was rolled back");
    EXPECT_EQ(db.reports().size(), 1u);  // nothing of the big report
    EXPECT_TRUE(db.check_integrity().ok);
    EXPECT_EQ(db.ingest(make_report(22, 2024, 20)).status, annals::ingest_status::added);  // small still fits
  }
  auto db = store::open(path);
  EXPECT_EQ(db.ingest(make_report(22, 2023, 5000)).counts.facts, 5000u);
  EXPECT_EQ(db.reports().size(), 3u);
  EXPECT_TRUE(db.check_integrity().ok);
}

TEST(store_errors_test, a_second_writer_waits_the_busy_timeout_then_fails) {
  temp_dir dir;
  const auto path = dir.file("locked.db");
  { auto db = store::open(path); }
  SQLite::Database other(path.string(), SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");  // another writer holds the write lock
  annals::store_options opt;
  opt.busy_timeout = std::chrono::milliseconds(300);
  auto db = store::open(path, annals::open_mode::read_write, opt);  // opening is reading: no wait
  EXPECT_EQ(db.reports().size(), 0u);  // and readers are not blocked
  const auto t0 = std::chrono::steady_clock::now();
  const auto msg = storage_message([&] { (void)db.ingest(make_report(23, 2024, 5)); });
  const auto waited = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(msg, path.string() + ": database is locked by another writer (gave up after 300 ms)");
  EXPECT_GE(waited, std::chrono::milliseconds(250));
  EXPECT_LT(waited, std::chrono::seconds(5));
  other.exec("ROLLBACK");
  EXPECT_EQ(db.ingest(make_report(23, 2024, 5)).status, annals::ingest_status::added);
}

TEST(store_errors_test, a_corrupt_file_is_a_storage_error_not_a_crash) {
  temp_dir dir;
  const auto path = dir.file("corrupt.db");
  {
    auto db = store::open(path);
    for (int y = 2015; y < 2025; ++y) (void)db.ingest(make_report(24, y, 300));
  }
  const auto size = fs::file_size(path);
  std::uintmax_t page = 0;
  {
    std::ifstream f(path, std::ios::binary);
    unsigned char header[18];
    f.read(reinterpret_cast<char*>(header), sizeof header);
    page = (std::uintmax_t{header[16]} << 8) | header[17];  // the page size, big-endian
  }
  ASSERT_EQ(page, 4096u);  // what store::open chooses for a new database
  ASSERT_GT(size, 20u * page);
  {
    // Scribble over the b-tree header of every page but the first (the header and schema stay
    // readable).
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    for (std::uintmax_t n = 1; n * page < size; ++n) {
      f.seekp(static_cast<std::streamoff>(n * page + 1));
      const std::string junk(64, static_cast<char>(0xA5));
      f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
  }
  const auto msg = storage_message([&] {
    auto db = store::open(path);
    for (const auto& r : db.reports()) (void)db.load_report(r.id);
  });
  EXPECT_THAT(msg, StartsWith(path.string() + ": database file is corrupt ("));
  // Truncated to half: also corrupt, also a clear error.
  fs::resize_file(path, size / 2);
  EXPECT_THAT(storage_message([&] {
                auto db = store::open(path);
                for (const auto& r : db.reports()) (void)db.load_report(r.id);
              }),
              StartsWith(path.string() + ": database file is corrupt ("));
}

// ---- migrations ------------------------------------------------------------------------------

TEST(store_migration_test, a_new_store_has_the_schema_the_migrations_build_from_version_1) {
  // A new store runs schema::current_ddl; an old one runs the migrations. Both must arrive at the
  // same schema, statement for statement, and the same header values.
  temp_dir dir;
  const auto migrated = dir.file("v1.db");
  {
    SQLite::Database raw(migrated.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA page_size = 4096");
    raw.exec(annals::detail::schema::v1_ddl);
  }
  const auto created = dir.file("new.db");
  for (const auto& p : {migrated, created}) {
    auto db = store::open(p);
    EXPECT_EQ(db.migrated_from(), std::optional<int>(p == created ? 0 : 1));
    EXPECT_EQ(db.version(), store::schema_version);
  }
  const auto schema_of = [](const fs::path& p) {
    SQLite::Database raw(p.string(), SQLite::OPEN_READONLY);
    std::vector<std::string> rows;
    SQLite::Statement s(raw, "SELECT type || ' ' || name || ' ' || tbl_name || ': ' || coalesce(sql, '-') "
                             "FROM sqlite_schema ORDER BY type, name");
    while (s.executeStep()) rows.push_back(s.getColumn(0).getString());
    for (const char* pragma : {"PRAGMA user_version", "PRAGMA application_id", "PRAGMA page_size",
                               "PRAGMA journal_mode"})
      rows.push_back(std::string(pragma) + " = " + raw.execAndGet(pragma).getString());
    return rows;
  };
  const auto from_migrations = schema_of(migrated);
  EXPECT_GT(from_migrations.size(), 25u);
  EXPECT_EQ(schema_of(created), from_migrations);
}

TEST(store_migration_test, a_version_1_database_is_migrated_to_the_current_schema) {
  temp_dir dir;
  const auto path = dir.file("v1.db");
  const auto sha_a = annals::synthetic::fake_sha256(30, 2023, 2, 0);
  const auto sha_b = annals::synthetic::fake_sha256(30, 2024, 2, 0);
  {
    // What version 1 of annals wrote: its DDL, and rows as its ingest stored them.
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA foreign_keys = ON");
    raw.exec(annals::detail::schema::v1_ddl);
    ASSERT_EQ(raw.execAndGet("PRAGMA user_version").getInt(), 1);
    SQLite::Statement j(raw, "INSERT INTO jurisdictions (name) VALUES ('样例市030')");
    j.exec();
    for (const auto& [id, sha, year, label] : {std::tuple{1, sha_a, 2023, "全市新收行政复议案件"},
                                               std::tuple{2, sha_b, 2024, "新收行政复议案件"}}) {
      SQLite::Statement r(raw,
                          "INSERT INTO reports (id, sha256, source_name, encoding, format, title, issuer, "
                          "jurisdiction_id, year, published, recipient, text) "
                          "VALUES (?1, ?2, 'v1.txt', 'utf-8', 'text', '编造的测试文档', NULL, 1, ?3, NULL, NULL, "
                          "'编造的测试文档 全市新收行政复议案件超1.11万件')");
      r.bind(1, id);
      r.bind(2, sha);
      r.bind(3, year);
      r.exec();
      SQLite::Statement f(raw,
                          "INSERT INTO facts (id, report_id, ident, section, item, label, text, value, unit, "
                          "qualifier, qualifier_text, last_digit, approximate, lo, hi, lo_closed, hi_closed, kind, "
                          "cumulative, average, span_start, span_end) VALUES (?1 * 1048576, ?1, 'f1', NULL, NULL, ?2, "
                          "'超1.11万件', ?3, '件', 'more_than', '超', 2, 1, ?3, '11200', 0, 0, 'count', 0, 0, 16, 23)");
      f.bind(1, id);
      f.bind(2, label);
      f.bind(3, year == 2023 ? "11100" : "12800");
      f.exec();
    }
    raw.exec("INSERT INTO verdicts (earlier_report, later_report, subject, ref, label, status, score, evidence) "
             "VALUES (1, 2, 'metric', '新收行政复议案件', '新收行政复议案件', 'not_stated', NULL, 'not json')");
  }
  auto db = store::open(path);
  EXPECT_EQ(db.version(), store::schema_version);
  EXPECT_TRUE(db.check_integrity().ok);
  // The facts were filed in the catalogue: both years are one series.
  const auto s = db.series("样例市030", "新收行政复议案件|件");
  ASSERT_EQ(s.points.size(), 2u);
  EXPECT_EQ(s.points[0].value.q.value, annals::decimal(11100));
  EXPECT_EQ(s.points[1].value.q.value, annals::decimal(12800));
  EXPECT_EQ(s.points[0].value.q.qual, annals::qualifier::more_than);
  EXPECT_EQ(db.catalogue().size(), 2u);
  // The old verdict now carries the first rubric, with its evidence kept as a JSON string.
  auto v = db.verdicts(annals::report_id{1}, annals::report_id{2});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].rubric, "annals-track/1");
  EXPECT_EQ(v[0].record.evidence_json, "\"not json\"");
  // Version 2 keys verdicts by rubric: a re-rating under a new rubric is added beside it.
  const auto res = db.save_verdicts(annals::report_id{1}, annals::report_id{2}, "annals-track/2",
                                    {{annals::verdict_subject::metric, "新收行政复议案件", "新收行政复议案件", "consistent", {}, "[]"}});
  EXPECT_EQ(res.added, 1u);
  EXPECT_EQ(db.verdicts(annals::report_id{1}, annals::report_id{2}).size(), 2u);
  // New ingests work on the migrated database.
  EXPECT_EQ(db.ingest(make_report(30, 2025, 10)).status, annals::ingest_status::added);
  EXPECT_EQ(db.series("样例市030", "新收行政复议案件|件").points.size(), 3u);
}

TEST(store_migration_test, a_version_2_database_gets_deferred_foreign_keys_and_keeps_its_rows) {
  temp_dir dir;
  const auto path = dir.file("v2.db");
  const auto sha = annals::synthetic::fake_sha256(31, 2023, 2, 0);
  {
    // What version 2 of annals wrote: the DDL of versions 1 and 2, then a report with two facts
    // (filed in the catalogue) and a change tied to the first.
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA foreign_keys = ON");
    raw.exec(annals::detail::schema::v1_ddl);
    raw.exec(annals::detail::schema::v2_ddl_before_backfill);
    raw.exec(annals::detail::schema::v2_ddl_after_backfill);
    ASSERT_EQ(raw.execAndGet("PRAGMA user_version").getInt(), 2);
    raw.exec("INSERT INTO jurisdictions (id, name) VALUES (1, '样例市031')");
    SQLite::Statement r(raw,
                        "INSERT INTO reports (id, sha256, source_name, encoding, format, title, jurisdiction_id, "
                        "year, text) VALUES (1, ?1, 'v2.txt', 'utf-8', 'text', '编造的测试文档', 1, 2023, "
                        "'编造的测试文档 新收行政复议案件5800件，同比增长3.5%，纠错率约12.4%')");
    r.bind(1, sha);
    r.exec();
    raw.exec("INSERT INTO metrics (id, key, unit) VALUES (1, '新收行政复议案件|件', '件'), (2, '纠错率|%', '%')");
    raw.exec("INSERT INTO metric_aliases (id, alias, metric_id) VALUES (1, '新收行政复议案件|件', 1), "
             "(2, '纠错率|%', 2)");
    raw.exec("INSERT INTO facts (id, report_id, ident, section, item, label, text, value, unit, qualifier, "
             "qualifier_text, last_digit, approximate, lo, hi, lo_closed, hi_closed, kind, cumulative, average, "
             "span_start, span_end, alias_id) VALUES "
             "(1048576, 1, 'f1', NULL, NULL, '新收行政复议案件', '5800件', '5800', '件', 'exact', '', 0, 0, "
             "'5800', '5800', 1, 1, 'count', 0, 0, 16, 22, 1), "
             "(1048577, 1, 'f2', NULL, NULL, '纠错率', '约12.4%', '12.4', '%', 'about', '约', -1, 1, '12.35', "
             "'12.45', 1, 0, 'percent', 0, 0, 36, 42, 2)");
    raw.exec("INSERT INTO changes (report_id, seq, ident, kind, basis, label, text, value, unit, qualifier, "
             "direction, fact, span_start, span_end) VALUES (1, 0, 'c1', 'growth_pct', 'yoy', "
             "'新收行政复议案件', '同比增长3.5%', '3.5', '%', 'exact', 'up', 'f1', 23, 31)");
  }
  {
    auto db = store::open(path);
    EXPECT_EQ(db.version(), store::schema_version);
    EXPECT_TRUE(db.check_integrity().ok);
    // The rows came through the table rebuild unchanged.
    const auto back = db.load_report(annals::report_id{1});
    ASSERT_EQ(back.facts.size(), 2u);
    EXPECT_EQ(back.facts[1].id, "f2");
    EXPECT_EQ(back.facts[1].q.value.to_string(back.facts[1].q.value.scale()), "12.4");
    EXPECT_EQ(back.facts[1].q.qual, annals::qualifier::about);
    ASSERT_EQ(back.changes.size(), 1u);
    EXPECT_EQ(back.changes[0].fact, std::optional<std::string>("f1"));
    EXPECT_EQ(back.changes[0].value, annals::decimal::from_parts(35, 1));
    const auto s = db.series("样例市031", "新收行政复议案件|件");
    ASSERT_EQ(s.points.size(), 1u);
    EXPECT_EQ(s.points[0].value.q.value, annals::decimal(5800));
    ASSERT_EQ(s.points[0].changes.size(), 1u);
    // Ingest and re-ingest work on the migrated file.
    EXPECT_EQ(db.ingest(make_report(31, 2024, 70)).status, annals::ingest_status::added);
    EXPECT_EQ(db.ingest(make_report(31, 2024, 70)).status, annals::ingest_status::skipped);
    EXPECT_EQ(db.series("样例市031", "新收行政复议案件|件").points.size(), 2u);
  }
  SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
  raw.exec("PRAGMA foreign_keys = ON");
  for (const char* table : {"facts", "changes"}) {
    SQLite::Statement ddl(raw, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1");
    ddl.bind(1, table);
    ASSERT_TRUE(ddl.executeStep()) << table;
    EXPECT_THAT(ddl.getColumn(0).getString(), HasSubstr("ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED")) << table;
  }
  // Deferred, not dropped: a fact of a missing report fails at COMMIT, and nothing stays.
  const auto facts_before = raw.execAndGet("SELECT count(*) FROM facts").getInt64();
  {
    SQLite::Transaction tx(raw);
    raw.exec("INSERT INTO facts (id, report_id, ident, label, text, value, unit, qualifier, qualifier_text, "
             "last_digit, approximate, lo_closed, hi_closed, kind, cumulative, average, span_start, span_end) "
             "VALUES (99 * 1048576, 99, 'f1', 'x', 'x', '1', '件', 'exact', '', 0, 0, 1, 1, 'count', 0, 0, 0, 1)");
    EXPECT_THROW(tx.commit(), SQLite::Exception);
  }
  EXPECT_EQ(raw.execAndGet("SELECT count(*) FROM facts").getInt64(), facts_before);
  // and a fact filed under a missing alias too.
  {
    SQLite::Transaction tx(raw);
    raw.exec("INSERT INTO facts (id, report_id, ident, label, text, value, unit, qualifier, qualifier_text, "
             "last_digit, approximate, lo_closed, hi_closed, kind, cumulative, average, span_start, span_end, "
             "alias_id) VALUES (1048578, 1, 'f3', 'x', 'x', '1', '件', 'exact', '', 0, 0, 1, 1, 'count', 0, 0, "
             "0, 1, 9999)");
    EXPECT_THROW(tx.commit(), SQLite::Exception);
  }
  EXPECT_EQ(raw.execAndGet("SELECT count(*) FROM facts").getInt64(), facts_before);
  // Removing a report still cascades to its changes.
  {
    auto db = store::open(path);
    EXPECT_TRUE(db.remove_report(annals::report_id{1}));
    EXPECT_TRUE(db.check_integrity().ok);
  }
  EXPECT_EQ(raw.execAndGet("SELECT count(*) FROM changes WHERE report_id = 1").getInt64(), 0);
}

TEST(store_migration_test, a_version_3_target_gets_its_goal_from_its_fact_and_new_ones_store_their_own) {
  temp_dir dir;
  const auto path = dir.file("v3.db");
  const auto sha = annals::synthetic::fake_sha256(32, 2023, 2, 0);
  {
    // What version 3 of annals wrote: a target whose figure was a fact (commitments.fact = 'f2').
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA foreign_keys = ON");
    raw.exec(annals::detail::schema::v1_ddl);
    raw.exec(annals::detail::schema::v2_ddl_before_backfill);
    raw.exec(annals::detail::schema::v2_ddl_after_backfill);
    raw.exec(annals::detail::schema::v3_ddl);
    ASSERT_EQ(raw.execAndGet("PRAGMA user_version").getInt(), 3);
    raw.exec("INSERT INTO jurisdictions (id, name) VALUES (1, '样例市032')");
    SQLite::Statement r(raw,
                        "INSERT INTO reports (id, sha256, source_name, encoding, format, title, jurisdiction_id, "
                        "year, text) VALUES (1, ?1, 'v3.txt', 'utf-8', 'text', '编造的测试文档', 1, 2023, "
                        "'编造的测试文档 纠错率12.4%，力争纠错率控制在10%以下')");
    r.bind(1, sha);
    r.exec();
    raw.exec("INSERT INTO facts (id, report_id, ident, label, text, value, unit, qualifier, qualifier_text, "
             "last_digit, approximate, lo, hi, lo_closed, hi_closed, kind, cumulative, average, span_start, span_end) "
             "VALUES (1048576, 1, 'f1', '纠错率', '12.4%', '12.4', '%', 'exact', '', -1, 1, '12.35', '12.45', 1, 0, "
             "'percent', 0, 0, 11, 16), "
             "(1048577, 1, 'f2', '纠错率', '10%以下', '10', '%', 'at_most', '以下', 0, 1, NULL, '10', 0, 1, "
             "'percent', 0, 0, 26, 31)");
    raw.exec("INSERT INTO commitments (report_id, seq, ident, kind, title, text, fact, deadline, span_start, "
             "span_end) VALUES (1, 0, 'k1', 'target', '', '力争纠错率控制在10%以下', 'f2', NULL, 17, 31)");
  }
  auto db = store::open(path);
  EXPECT_EQ(db.version(), store::schema_version);
  EXPECT_TRUE(db.check_integrity().ok);
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
    EXPECT_TRUE(raw.execAndGet("SELECT goal_value IS NULL FROM commitments WHERE ident = 'k1'").getInt());
  }
  // the old target: its goal comes from the fact it names; the fact and the reference stay
  const auto old = db.load_report(annals::report_id{1});
  ASSERT_EQ(old.commitments.size(), 1u);
  EXPECT_EQ(old.commitments[0].fact, std::optional<std::string>("f2"));
  ASSERT_TRUE(old.commitments[0].goal);
  EXPECT_EQ(old.commitments[0].goal->q.value, annals::decimal(10));
  EXPECT_EQ(old.commitments[0].goal->q.qual, annals::qualifier::at_most);
  EXPECT_EQ(old.commitments[0].goal->text, "10%以下");
  EXPECT_EQ(old.commitments[0].goal->span, (annals::text_span{26, 31}));
  EXPECT_EQ(old.facts.size(), 2u);

  // a new target: the goal is stored on its commitment and comes back as it went in
  const annals::report read = annals::read_report_bytes(
      "样例市032人民政府关于2024年度法治政府建设情况的报告\n一、主要成效\n全市行政复议纠错率为12.4%,"
      "力争到2026年底将纠错率控制在10%以下,实际下降至9.8%。\n",
      "v4.txt");
  ASSERT_EQ(read.facts.size(), 2u);
  const annals::commitment* target = nullptr;
  for (const auto& c : read.commitments)
    if (c.kind == annals::commitment_kind::target) target = &c;
  ASSERT_NE(target, nullptr);
  ASSERT_TRUE(target->goal);
  const auto id = db.ingest(read).id;
  const auto back = db.load_report(id);
  const annals::commitment* stored = nullptr;
  for (const auto& c : back.commitments)
    if (c.kind == annals::commitment_kind::target) stored = &c;
  ASSERT_NE(stored, nullptr);
  EXPECT_FALSE(stored->fact);
  ASSERT_TRUE(stored->goal);
  EXPECT_EQ(stored->goal->label, target->goal->label);
  EXPECT_EQ(stored->goal->text, "10%以下");
  EXPECT_EQ(stored->goal->q, target->goal->q);
  EXPECT_EQ(stored->goal->qualifier_text, "以下");
  EXPECT_EQ(stored->goal->kind, annals::fact_kind::percent);
  EXPECT_EQ(stored->goal->span, target->goal->span);
  EXPECT_EQ(stored->deadline, target->deadline);
  EXPECT_EQ(back.facts.size(), 2u);
  EXPECT_TRUE(db.check_integrity().ok);
}

TEST(store_migration_test, an_old_schema_opened_read_only_asks_for_a_migration) {
  temp_dir dir;
  const auto path = dir.file("v1ro.db");
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec(annals::detail::schema::v1_ddl);
  }
  EXPECT_EQ(storage_message([&] { (void)store::open(path, annals::open_mode::read_only); }),
            path.string() + ": schema version 1 is older than this annals (6); open the database read-write once to "
                            "migrate it");
}

namespace {

/// A version-4 database as annals 4 wrote it: the DDL of versions 1 to 4, then reports inserted
/// with the version-4 columns: 样例市040 2023 twice (ids 1, 2: a re-read file), 2024 once (3),
/// and one report without a year (4).
void make_version_4_store(const fs::path& path) {
  SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  raw.exec("PRAGMA foreign_keys = ON");
  raw.exec(annals::detail::schema::v1_ddl);
  raw.exec(annals::detail::schema::v2_ddl_before_backfill);
  raw.exec(annals::detail::schema::v2_ddl_after_backfill);
  raw.exec(annals::detail::schema::v3_ddl);
  raw.exec(annals::detail::schema::v4_ddl);
  ASSERT_EQ(raw.execAndGet("PRAGMA user_version").getInt(), 4);
  raw.exec("INSERT INTO jurisdictions (id, name) VALUES (1, '样例市040')");
  SQLite::Statement r(raw,
                      "INSERT INTO reports (id, sha256, source_name, encoding, format, title, jurisdiction_id, "
                      "year, text) VALUES (?1, ?2, ?3, 'utf-8', 'text', '编造的测试文档', 1, ?4, '编造的测试文档')");
  const std::array<std::pair<int, std::optional<int>>, 4> rows = {
      {{1, 2023}, {2, 2023}, {3, 2024}, {4, std::nullopt}}};
  for (const auto& [id, year] : rows) {
    r.bind(1, id);
    r.bind(2, annals::synthetic::fake_sha256(40, 2023, 1, id));
    r.bind(3, "v4-" + std::to_string(id) + ".txt");
    if (year) r.bind(4, *year);
    else r.bind(4);
    r.exec();
    r.reset();
  }
}

}  // namespace

TEST(store_migration_test, a_version_4_database_marks_the_latest_report_of_each_year_current) {
  temp_dir dir;
  const auto path = dir.file("v4.db");
  make_version_4_store(path);
  auto db = store::open(path);
  EXPECT_EQ(db.version(), store::schema_version);
  EXPECT_EQ(db.migrated_from(), std::optional<int>(4));  // what `annals migrate` reports
  EXPECT_EQ(store::open(path).migrated_from(), std::nullopt) << "migrated once only";
  EXPECT_EQ(store::open(dir.file("new.db")).migrated_from(), std::optional<int>(0)) << "created now";
  EXPECT_TRUE(db.check_integrity().ok);
  std::map<std::int64_t, bool> current;
  for (const auto& r : db.reports()) current[r.id.value] = r.current;
  EXPECT_EQ(current, (std::map<std::int64_t, bool>{{1, false}, {2, true}, {3, true}, {4, true}}));
  EXPECT_EQ(db.current_report("样例市040", annals::report_year(2023)), std::optional<annals::report_id>(annals::report_id{2}));
  // a new revision of 2023 takes over from report 2
  auto next = make_report(40, 2023, 3, 7);
  const auto added = db.ingest(next);
  EXPECT_EQ(added.supersedes, std::optional<annals::report_id>(annals::report_id{2}));
  EXPECT_EQ(added.revisions, 3u);
  // the database keeps one current report per jurisdiction and year by itself
  {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
    EXPECT_THROW(raw.exec("UPDATE reports SET current = 1 WHERE id = 1"), SQLite::Exception);
  }
}

TEST(store_migration_test, a_failed_migration_to_version_5_leaves_the_version_4_file_as_it_was) {
  temp_dir dir;
  const auto path = dir.file("v4bad.db");
  make_version_4_store(path);
  {
    // an object in the way of the migration's index: its CREATE fails after the ALTER and UPDATE
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
    raw.exec("CREATE TABLE reports_current (x)");
  }
  const auto msg = storage_message([&] { (void)store::open(path); });
  EXPECT_THAT(msg, HasSubstr("reports_current"));
  SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
  EXPECT_EQ(raw.execAndGet("PRAGMA user_version").getInt(), 4);
  EXPECT_EQ(raw.execAndGet("SELECT count(*) FROM pragma_table_info('reports') WHERE name = 'current'").getInt(), 0);
  EXPECT_EQ(raw.execAndGet("SELECT count(*) FROM reports").getInt(), 4);
}

// ---- concurrency -------------------------------------------------------------------------------

TEST(store_concurrency_test, readers_query_while_a_writer_ingests) {
  temp_dir dir;
  const auto path = dir.file("wal.db");
  { auto db = store::open(path); }
  constexpr int total = 40;
  std::atomic<bool> done{false};
  std::thread writer([&] {
    auto db = store::open(path);
    for (int i = 0; i < total; ++i) (void)db.ingest(make_report(40 + i % 3, 2000 + i, 300));
    done = true;
  });
  auto reader = store::open(path, annals::open_mode::read_only);
  std::size_t reads = 0, partial_views = 0;
  while (!done.load()) {
    const auto rs = reader.reports();
    for (const auto& r : rs) EXPECT_EQ(r.facts, 300u) << r.source_name;  // only whole reports
    if (!rs.empty() && rs.size() < static_cast<std::size_t>(total)) ++partial_views;
    ++reads;
  }
  writer.join();
  EXPECT_EQ(reader.reports().size(), static_cast<std::size_t>(total));
  EXPECT_GT(reads, 3u);
  EXPECT_GT(partial_views, 0u);  // the reader really ran during the ingest
}

TEST(store_concurrency_test, two_writers_ingesting_the_same_reports_store_each_once) {
  temp_dir dir;
  const auto path = dir.file("two.db");
  { auto db = store::open(path); }
  std::atomic<int> added{0}, skipped{0};
  auto work = [&] {
    auto db = store::open(path);
    for (int i = 0; i < 30; ++i) {
      const auto r = db.ingest(make_report(50, 1990 + i, 200));
      (r.status == annals::ingest_status::added ? added : skipped)++;
    }
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
  EXPECT_EQ(added.load(), 30);
  EXPECT_EQ(skipped.load(), 30);
  auto db = store::open(path);
  EXPECT_EQ(db.reports().size(), 30u);
  EXPECT_TRUE(db.check_integrity().ok);
}

// ---- no SQL built from text ------------------------------------------------------------------

namespace {

/// Finds SQL built at run time in C++ source: a string literal (or a chain of adjacent ones)
/// holding an SQL keyword that is an operand of +, +=, << or an argument of a format function,
/// and any Statement/exec whose SQL is not a literal or a detail::schema constant. One exception:
/// a line marked `// sql-integer-pragma` may append std::to_string(<integer>) to a PRAGMA.
std::vector<std::string> sql_building(const std::string& src, const std::string& file) {
  std::vector<std::string> found;
  const std::string marker = "// sql-integer-pragma";
  static const std::regex keyword(R"(\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|REPLACE|VALUES|WHERE|FROM)\b)");
  // Blank out comments (keeping offsets) so that they neither hide nor fake anything.
  std::string code = src;
  struct literal {
    std::size_t begin, end;
    std::string text;
  };
  std::vector<literal> literals;
  for (std::size_t i = 0; i < code.size();) {
    if (code.compare(i, 2, "//") == 0) {
      const auto e = code.find('\n', i);
      const auto stop = e == std::string::npos ? code.size() : e;
      if (code.compare(i, marker.size(), marker) != 0)
        for (auto k = i; k < stop; ++k) code[k] = ' ';
      i = stop;
    } else if (code.compare(i, 2, "/*") == 0) {
      const auto e = code.find("*/", i + 2);
      const auto stop = e == std::string::npos ? code.size() : e + 2;
      for (auto k = i; k < stop; ++k)
        if (code[k] != '\n') code[k] = ' ';
      i = stop;
    } else if (code[i] == 'R' && i + 1 < code.size() && code[i + 1] == '"') {
      const auto open = code.find('(', i);
      const std::string delim = ")" + code.substr(i + 2, open - i - 2) + "\"";
      const auto close = code.find(delim, open);
      const auto stop = close == std::string::npos ? code.size() : close + delim.size();
      literals.push_back({i, stop, code.substr(open + 1, close - open - 1)});
      i = stop;
    } else if (code[i] == '"' && (i == 0 || code[i - 1] != '\'')) {
      std::size_t k = i + 1;
      std::string text;
      while (k < code.size() && code[k] != '"') {
        if (code[k] == '\\') text.push_back(code[k++]);
        text.push_back(code[k++]);
      }
      literals.push_back({i, k + 1, text});
      i = k + 1;
    } else {
      ++i;
    }
  }
  auto line_of = [&](std::size_t pos) { return 1 + std::count(code.begin(), code.begin() + static_cast<long>(pos), '\n'); };
  auto prev_token = [&](std::size_t pos) {
    while (pos > 0 && std::isspace(static_cast<unsigned char>(code[pos - 1]))) --pos;
    return code.substr(pos >= 2 ? pos - 2 : 0, pos >= 2 ? 2 : pos);
  };
  auto next_token = [&](std::size_t pos) {
    while (pos < code.size() && std::isspace(static_cast<unsigned char>(code[pos]))) ++pos;
    return code.substr(pos, 2);
  };
  auto line_text = [&](std::size_t pos) {
    const auto b = code.rfind('\n', pos);
    const auto e = code.find('\n', pos);
    return code.substr(b == std::string::npos ? 0 : b + 1, e == std::string::npos ? std::string::npos : e - (b + 1));
  };
  for (std::size_t i = 0; i < literals.size();) {
    // a chain of adjacent literals
    std::size_t j = i;
    std::string text = literals[i].text;
    while (j + 1 < literals.size() && next_token(literals[j].end).starts_with("\"") &&
           code.find_first_not_of(" \t\r\n", literals[j].end) == literals[j + 1].begin) {
      ++j;
      text += literals[j].text;
    }
    const std::size_t begin = literals[i].begin, end = literals[j].end;
    i = j + 1;
    if (!std::regex_search(text, keyword)) continue;
    const std::string before = prev_token(begin), after = next_token(end);
    const bool plus_after = after.starts_with("+") || after == "<<";
    const bool plus_before = before.ends_with("+") || before == "+=" || before == "<<";
    std::size_t p = begin;
    while (p > 0 && std::isspace(static_cast<unsigned char>(code[p - 1]))) --p;
    const std::string call = code.substr(p >= 16 ? p - 16 : 0, p >= 16 ? 16 : p);
    const bool formatted = before.ends_with("(") && (call.ends_with("format(") || call.ends_with("printf(") ||
                                                     call.ends_with("append("));
    const std::string line = line_text(begin);
    const bool allowed = line.find("// sql-integer-pragma") != std::string::npos && text.starts_with("PRAGMA ") &&
                         code.compare(code.find_first_not_of(" \t", code.find('+', end) + 1), 15, "std::to_string(") == 0;
    if ((plus_after || plus_before || formatted) && !allowed)
      found.push_back(file + ":" + std::to_string(line_of(begin)) + ": SQL built from text: " + line);
  }
  // Every Statement and exec() takes a literal or a schema constant.
  static const std::regex sink(R"((SQLite::Statement\s+\w+\s*\(\s*[\w.>-]+\s*,|\.exec\s*\(|execAndGet\s*\())");
  for (auto it = std::sregex_iterator(code.begin(), code.end(), sink); it != std::sregex_iterator(); ++it) {
    const auto pos = static_cast<std::size_t>(it->position() + it->length());
    const auto arg = code.find_first_not_of(" \t\r\n", pos);
    if (arg == std::string::npos) continue;
    if (code[arg] == ')' || code[arg] == '"' || code.compare(arg, 8, "schema::") == 0 ||
        code.compare(arg, 2, "R\"") == 0)
      continue;
    if (line_text(arg).find("// sql-integer-pragma") != std::string::npos && code.compare(arg, 8, "\"PRAGMA ") == 0) continue;
    found.push_back(file + ":" + std::to_string(line_of(arg)) + ": SQL that is not a literal: " + line_text(arg));
  }
  return found;
}

}  // namespace

TEST(store_sql_rule_test, the_checker_catches_sql_built_from_text) {
  EXPECT_EQ(sql_building(R"(auto q = "SELECT * FROM t WHERE name = '" + name + "'";)", "x").size(), 1u);
  EXPECT_EQ(sql_building(R"(auto q = "SELECT a " "FROM t WHERE b = " + v;)", "x").size(), 1u);
  EXPECT_EQ(sql_building(R"(auto q = fmt::format("DELETE FROM {} WHERE x", t);)", "x").size(), 1u);
  EXPECT_EQ(sql_building(R"(sql += "WHERE x = 1";)", "x").size(), 1u);
  EXPECT_EQ(sql_building(R"x(os << "INSERT INTO t VALUES (1)";)x", "x").size(), 1u);
  EXPECT_EQ(sql_building(R"(auto q = prefix + "UPDATE t SET x = 1";)", "x").size(), 1u);
  EXPECT_EQ(sql_building("SQLite::Statement s(db, query_text);", "x").size(), 1u);
  EXPECT_EQ(sql_building("db.exec(built);", "x").size(), 1u);
  EXPECT_EQ(sql_building(R"(db.exec("PRAGMA max_page_count = " + n);  // sql-integer-pragma)", "x").size(), 1u);
  // and lets the right things through
  EXPECT_TRUE(sql_building(R"(SQLite::Statement s(db, "SELECT id FROM t WHERE x = ?1");)", "x").empty());
  EXPECT_TRUE(sql_building("SQLite::Statement s(db,\n  \"SELECT id \"\n  \"FROM t WHERE x = ?1\");", "x").empty());
  EXPECT_TRUE(sql_building(R"(throw error("stored value '" + t + "' is bad");)", "x").empty());
  EXPECT_TRUE(sql_building(R"(// "SELECT " + x in a comment)", "x").empty());
  EXPECT_TRUE(sql_building("db.exec(schema::v1_ddl); s.exec();", "x").empty());
  EXPECT_TRUE(
      sql_building(R"(db.exec("PRAGMA max_page_count = " + std::to_string(pages));  // sql-integer-pragma)", "x").empty());
}

TEST(store_sql_rule_test, no_sql_is_built_from_text_in_lib) {
  const fs::path lib = fs::path(ANNALS_TEST_DIR).parent_path() / "lib";
  std::size_t files = 0, with_sql = 0;
  std::vector<std::string> found;
  for (const auto& e : fs::recursive_directory_iterator(lib)) {
    const auto ext = e.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    ++files;
    const std::string src = slurp(e.path());
    if (src.find("SELECT") != std::string::npos || src.find("INSERT") != std::string::npos) ++with_sql;
    auto f = sql_building(src, e.path().lexically_relative(lib).string());
    found.insert(found.end(), f.begin(), f.end());
  }
  EXPECT_GE(files, 8u);
  EXPECT_GE(with_sql, 4u);  // the store's sources were really read
  EXPECT_THAT(found, ::testing::IsEmpty());
}
