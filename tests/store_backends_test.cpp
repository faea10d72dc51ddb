// The store on both backends: every public operation run against an SQLite file and against a
// real PostgreSQL server this test program starts itself (tests/pg_cluster.hpp), with the
// answers compared; then what only a server store meets: several processes ingesting at once,
// a reader during ingest, a client killed with SIGKILL, the server stopped mid-ingest.
// Without PostgreSQL the postgres cases are SKIPPED with the reason, never passed.

#include <annals/error.hpp>
#include <annals/reader.hpp>
#include <annals/report_json.hpp>
#include <annals/store.hpp>
#include <annals/store_copy.hpp>

#include "pg_cluster.hpp"
#include "store/backend_detail.hpp"
#include "store_synthetic.hpp"
#include "store/postgres/pg_schema_detail.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <libpq-fe.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using annals::test::pg_cluster;

namespace {

[[maybe_unused]] auto* const pg_env = ::testing::AddGlobalTestEnvironment(new annals::test::pg_cluster_environment);

const std::vector<std::string> data_files = {"chengdu-2023.txt", "chengdu-2024.txt", "chengdu-2025.txt"};

std::vector<annals::report> bundled_reports() {
  std::vector<annals::report> out;
  for (const auto& f : data_files) out.push_back(annals::read_report(fs::path(ANNALS_DATA_DIR) / f));
  return out;
}

/// A temporary folder removed at the end.
struct temp_dir {
  fs::path path;
  temp_dir() {
    char tmpl[] = "/tmp/annals-backends-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

enum class backend { sqlite, postgres };

std::string name_of(backend b) { return b == backend::sqlite ? "sqlite" : "postgres"; }

class StoreBackends : public ::testing::TestWithParam<backend> {
 protected:
  temp_dir dir;
  std::string location;

  void SetUp() override {
    if (GetParam() == backend::postgres) {
      auto& c = pg_cluster::get();
      if (!c.available()) GTEST_SKIP() << "PostgreSQL: " << c.reason();
      location = c.new_database();
    } else {
      location = "sqlite:" + (dir.path / "annals.db").string();
    }
  }
  annals::store open(annals::open_mode mode = annals::open_mode::read_write) {
    return annals::store::open(location, mode);
  }
};

/// Everything a store answers about its contents, as text, ids and times left out.
std::string everything(const annals::store& db) {
  std::ostringstream out;
  for (const auto& r : db.reports()) {
    out << "report " << r.sha256 << ' ' << r.source_name << ' ' << r.title << ' ' << r.jurisdiction.value_or("-")
        << ' ' << (r.year ? r.year->value() : 0) << ' ' << r.facts << ' ' << r.changes << ' ' << r.commitments << ' '
        << r.current << ' ' << r.revision << '/' << r.revisions << '\n';
    out << annals::to_json(db.load_report(r.id), 0) << '\n';
  }
  for (const auto& j : db.jurisdictions()) {
    out << "jurisdiction " << j.name << ' ' << j.reports << ' ' << j.first_year->value() << ' '
        << j.last_year->value() << '\n';
    for (const auto& m : db.metrics(j.name)) {
      const auto s = db.series(j.name, m);
      out << "series " << s.metric;
      for (const auto& p : s.points)
        out << ' ' << p.year.value() << '=' << p.value.q.value.to_string() << '(' << p.changes.size() << ')';
      out << '\n';
    }
    for (const auto& s : db.all_series(j.name)) {
      out << "all " << s.metric;
      for (const auto& p : s.points)
        out << ' ' << p.year.value() << '=' << p.value.q.value.to_string() << '(' << p.changes.size() << ')';
      out << '\n';
    }
  }
  for (const auto& m : db.metrics()) out << "metric " << m << '\n';
  db.panel_csv(out);
  db.export_catalogue(out);
  for (const auto& e : db.catalogue()) out << "alias " << e.alias << ' ' << e.metric << ' ' << e.facts << '\n';
  return out.str();
}

TEST_P(StoreBackends, IngestLoadAndQueries) {
  auto db = open();
  EXPECT_TRUE(db.writable());
  EXPECT_EQ(db.version(), annals::store::schema_version);
  for (const auto& r : bundled_reports()) {
    const auto res = db.ingest(r);
    ASSERT_EQ(res.status, annals::ingest_status::added) << r.source.name;
    EXPECT_EQ(res.counts.facts, r.facts.size());
    EXPECT_EQ(annals::to_json(db.load_report(res.id), 0), annals::to_json(r, 0)) << r.source.name;
    EXPECT_EQ(db.find(r.source.sha256), res.id);
    const auto again = db.ingest(r);
    EXPECT_EQ(again.status, annals::ingest_status::skipped);
    EXPECT_EQ(again.id, res.id);
    EXPECT_EQ(again.counts, res.counts);
  }
  EXPECT_TRUE(db.check_integrity().ok);
  EXPECT_FALSE(db.metrics("成都市").empty());
  EXPECT_THROW((void)db.load_report(annals::report_id{987654}), annals::usage_error);
}

TEST_P(StoreBackends, SameAnswersAsSQLite) {
  temp_dir ref_dir;
  auto ref = annals::store::open(ref_dir.path / "ref.db");
  auto db = open();
  for (const auto& r : bundled_reports()) {
    (void)ref.ingest(r);
    (void)db.ingest(r);
  }
  for (int j = 0; j < 3; ++j)
    for (int y = 2019; y < 2023; ++y) {
      (void)ref.ingest(annals::synthetic::make_report(j, y, 40));
      (void)db.ingest(annals::synthetic::make_report(j, y, 40));
    }
  const std::string expected = everything(ref), got = everything(db);
  // the first line that differs, not two pages of text
  std::istringstream e(expected), g(got);
  std::string el, gl;
  for (int line = 1;; ++line) {
    const bool more_e = static_cast<bool>(std::getline(e, el)), more_g = static_cast<bool>(std::getline(g, gl));
    if (!more_e && !more_g) break;
    if (el != gl) {
      ADD_FAILURE() << "line " << line << ":\n  sqlite:   " << el.substr(0, 300) << "\n  " << name_of(GetParam())
                    << ": " << gl.substr(0, 300);
      break;
    }
    el.clear();
    gl.clear();
  }
  EXPECT_GT(expected.size(), 10000u);
}

TEST_P(StoreBackends, RevisionsAndRemove) {
  auto db = open();
  const auto first = db.ingest(annals::synthetic::make_report(1, 2020, 10, 0));
  const auto second = db.ingest(annals::synthetic::make_report(1, 2020, 12, 1));
  ASSERT_EQ(second.status, annals::ingest_status::added);
  ASSERT_TRUE(second.supersedes);
  EXPECT_EQ(*second.supersedes, first.id);
  EXPECT_EQ(second.revisions, 2u);
  const std::string place = annals::synthetic::jurisdiction_name(1);
  EXPECT_EQ(db.current_report(place, annals::report_year(2020)), second.id);
  EXPECT_EQ(db.reports({place, std::nullopt, true}).size(), 1u);
  EXPECT_EQ(db.reports({place, std::nullopt, false}).size(), 2u);
  EXPECT_TRUE(db.remove_report(second.id));
  EXPECT_FALSE(db.remove_report(second.id));
  EXPECT_EQ(db.current_report(place, annals::report_year(2020)), first.id);
  EXPECT_TRUE(db.remove_report(first.id));
  EXPECT_TRUE(db.jurisdictions().empty());
  EXPECT_TRUE(db.check_integrity().ok);
}

TEST_P(StoreBackends, VerdictsAndCatalogue) {
  auto db = open();
  const auto a = db.ingest(annals::synthetic::make_report(2, 2020, 10));
  const auto b = db.ingest(annals::synthetic::make_report(2, 2021, 10));
  std::vector<annals::verdict_record> v = {
      {annals::verdict_subject::commitment, "k1", "一项", "fulfilled", 0.75, R"({"a":[1,2]})"},
      {annals::verdict_subject::metric, "m|件", "指标", "consistent", std::nullopt, "[]"}};
  const auto saved = db.save_verdicts(a.id, b.id, "annals-track/1", v);
  EXPECT_EQ(saved.added, 2u);
  v[0].status = "carried_over";
  const auto again = db.save_verdicts(a.id, b.id, "annals-track/1", v);
  EXPECT_EQ(again.added, 0u);
  EXPECT_EQ(again.unchanged, 1u);
  EXPECT_EQ(again.conflicting, 1u);
  const auto stored = db.verdicts(a.id, b.id);
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].record.status, "fulfilled");
  EXPECT_EQ(stored[0].record.score, 0.75);
  EXPECT_EQ(stored[0].record.evidence_json, R"({"a":[1,2]})");
  EXPECT_EQ(db.verdict_history(annals::synthetic::jurisdiction_name(2)).size(), 2u);
  v[0].evidence_json = "{not json";
  EXPECT_THROW((void)db.save_verdicts(a.id, b.id, "r/2", v), annals::usage_error);
  EXPECT_THROW((void)db.save_verdicts(a.id, annals::report_id{999999}, "r/2", {}), annals::usage_error);

  const auto alias = db.catalogue().front();
  std::istringstream csv("alias,metric\n" + alias.alias + ",新名称|" +
                         alias.alias.substr(alias.alias.find('|') + 1) + "\n");
  const auto imported = db.import_catalogue(csv, "map.csv");
  EXPECT_EQ(imported.rows, 1u);
  EXPECT_EQ(imported.aliases_moved, 1u);
  std::istringstream bad("alias,metric\nnolabel,x|件\n");
  EXPECT_THROW((void)db.import_catalogue(bad, "bad.csv"), annals::input_error);
}

/// A store with what a copy must carry: the bundled reports, a revision of one of them (so one
/// report is not current), verdicts under two rubrics and a mapping of the user's.
void fill_for_copy(annals::store& db) {
  const auto reports = bundled_reports();
  std::vector<annals::report_id> ids;
  for (const auto& r : reports) ids.push_back(db.ingest(r).id);
  std::ifstream in(fs::path(ANNALS_DATA_DIR) / data_files[1], std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf() << '\n';  // the same report, other bytes: a revision
  const annals::report revised = annals::read_report_bytes(bytes.str(), "chengdu-2024-revised.txt");
  ASSERT_TRUE(db.ingest(revised).supersedes.has_value());
  const std::vector<annals::verdict_record> v = {
      {annals::verdict_subject::commitment, "k1", "一项承诺", "fulfilled", 0.75, R"({"evidence":["s1"],"n":2})"},
      {annals::verdict_subject::metric, "新收行政复议案件|件", "新收行政复议案件", "consistent", std::nullopt, "[]"}};
  ASSERT_EQ(db.save_verdicts(ids[0], ids[1], "annals-track/1", v).added, 2u);
  ASSERT_EQ(db.save_verdicts(ids[0], ids[1], "my-rubric/2", {v[0]}).added, 1u);
  const auto alias = db.catalogue().front();
  std::istringstream csv("alias,metric\n" + alias.alias + ",改名的指标|" + alias.alias.substr(alias.alias.find('|') + 1) + "\n");
  ASSERT_EQ(db.import_catalogue(csv, "map.csv").aliases_moved, 1u);
}

/// The verdicts of every pair, by the reports' sha256 (ids differ between stores).
std::string all_verdicts(const annals::store& db) {
  std::ostringstream out;
  for (const auto& [e, l] : db.verdict_pairs())
    for (const auto& v : db.verdicts(e, l))
      out << v.earlier_sha256 << ' ' << v.later_sha256 << ' ' << v.rubric << ' ' << v.record.ref << ' '
          << v.record.status << ' ' << v.record.score.value_or(-1) << ' '
          << nlohmann::json::parse(v.record.evidence_json).dump() << '\n';
  return out.str();
}

TEST_P(StoreBackends, CopyToTheOtherBackendAndBackKeepsEverything) {
  auto src = open();
  fill_for_copy(src);
  // the other backend where there is one, else another file
  auto& c = pg_cluster::get();
  const std::string other = GetParam() == backend::sqlite && c.available() ? c.new_database()
                                                                           : "sqlite:" + (dir.path / "other.db").string();
  auto mid = annals::store::open(other);
  struct counting final : annals::copy_observer {
    std::size_t calls = 0;
    void copied(std::size_t i, std::size_t n, const annals::report_summary&) override {
      EXPECT_EQ(i, calls++);
      EXPECT_EQ(n, 4u);
    }
  } seen;
  annals::copy_options progress;
  progress.progress = &seen;
  const auto r = annals::copy_store(src, mid, progress);
  EXPECT_EQ(seen.calls, 4u);
  EXPECT_EQ(r.reports, 4u);
  EXPECT_EQ(r.reports_added, 4u);
  EXPECT_EQ(r.aliases, 1u);
  EXPECT_EQ(r.verdicts, 3u);
  EXPECT_EQ(r.verdicts_added, 3u);
  EXPECT_EQ(everything(mid), everything(src));
  EXPECT_EQ(all_verdicts(mid), all_verdicts(src));
  // again: nothing new, still verified
  const auto again = annals::copy_store(src, mid);
  EXPECT_EQ(again.reports_added, 0u);
  EXPECT_EQ(again.reports_present, 4u);
  EXPECT_EQ(again.verdicts_present, 3u);
  // and back into a third store: the round trip is the same store
  auto back = annals::store::open("sqlite:" + (dir.path / "back.db").string());
  (void)annals::copy_store(mid, back);
  EXPECT_EQ(everything(back), everything(src));
  EXPECT_EQ(all_verdicts(back), all_verdicts(src));
}

TEST_P(StoreBackends, CopyRefusesAReadOnlyDestinationAndReportsADifferingVerdict) {
  auto src = open();
  fill_for_copy(src);
  const auto file = dir.path / "ro.db";
  (void)annals::store::open(file);
  auto ro_mutable = annals::store::open(file, annals::open_mode::read_only);
  EXPECT_THROW((void)annals::copy_store(src, ro_mutable), annals::usage_error);
  // a destination that already rates a copied verdict otherwise: refused with the reports named
  auto dst = annals::store::open("sqlite:" + (dir.path / "dst.db").string());
  const auto reports = src.reports();
  std::vector<annals::report_summary> by_id(reports.begin(), reports.end());
  std::sort(by_id.begin(), by_id.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  const auto e = dst.ingest(src.load_report(by_id[0].id)).id, l = dst.ingest(src.load_report(by_id[1].id)).id;
  ASSERT_EQ(dst.save_verdicts(e, l, "annals-track/1",
                              {{annals::verdict_subject::commitment, "k1", "一项承诺", "carried_over", 0.75, "[]"}})
                .added,
            1u);
  try {
    (void)annals::copy_store(src, dst);
    ADD_FAILURE() << "a conflicting verdict was accepted";
  } catch (const annals::storage_error& err) {
    EXPECT_NE(std::string(err.what()).find("verification failed"), std::string::npos) << err.what();
    EXPECT_NE(std::string(err.what()).find("another status"), std::string::npos) << err.what();
  }
}

TEST_P(StoreBackends, ReadOnlyOpens) {
  {
    auto db = open();
    (void)db.ingest(annals::synthetic::make_report(3, 2020, 5));
  }
  auto ro = open(annals::open_mode::read_only);
  EXPECT_FALSE(ro.writable());
  EXPECT_EQ(ro.reports().size(), 1u);
  EXPECT_THROW((void)ro.ingest(annals::synthetic::make_report(3, 2021, 5)), annals::storage_error);
}

TEST_P(StoreBackends, ASnapshotSeesOneStateUntilItEnds) {
  auto writer = open();
  (void)writer.ingest(annals::synthetic::make_report(3, 2020, 5));
  auto reader = open(annals::open_mode::read_only);
  {
    const auto snap = reader.snapshot();
    EXPECT_EQ(reader.reports().size(), 1u);
    (void)writer.ingest(annals::synthetic::make_report(3, 2021, 5));  // another connection writes
    EXPECT_EQ(reader.reports().size(), 1u) << "inside the snapshot: the store as it was";
    {
      const auto inner = reader.snapshot();  // snapshots nest: the inner one joins the outer
      EXPECT_EQ(reader.yearly(annals::synthetic::jurisdiction_name(3)).by_year.size(), 1u);
    }
    EXPECT_EQ(reader.reports().size(), 1u) << "the inner snapshot's end does not end the outer one";
  }
  EXPECT_EQ(reader.reports().size(), 2u) << "after the snapshot: the write is seen";
  // a snapshot can be moved out of the scope that began it
  auto take = [&] { return reader.snapshot(); };
  {
    auto moved = take();
    EXPECT_EQ(reader.reports().size(), 2u);  // the first read fixes the state the snapshot sees
    (void)writer.ingest(annals::synthetic::make_report(3, 2022, 5));
    EXPECT_EQ(reader.reports().size(), 2u);
  }
  EXPECT_EQ(reader.reports().size(), 3u);
}

TEST_P(StoreBackends, WritingThroughAStoreWithASnapshotOpenFailsAndChangesNothing) {
  auto db = open();
  (void)db.ingest(annals::synthetic::make_report(3, 2020, 5));
  {
    const auto snap = db.snapshot();
    EXPECT_EQ(db.reports().size(), 1u);
    EXPECT_THROW((void)db.ingest(annals::synthetic::make_report(3, 2021, 5)), annals::storage_error);
  }
  EXPECT_EQ(db.reports().size(), 1u);
  // and after it, writing works again
  EXPECT_EQ(db.ingest(annals::synthetic::make_report(3, 2021, 5)).status, annals::ingest_status::added);
  EXPECT_TRUE(db.check_integrity().ok);
}

INSTANTIATE_TEST_SUITE_P(Both, StoreBackends, ::testing::Values(backend::sqlite, backend::postgres),
                         [](const auto& p) { return name_of(p.param); });

// ---- locations -----------------------------------------------------------------------------

TEST(StoreLocation, Forms) {
  using annals::detail::parse_store_location;
  using kind = annals::detail::store_location::kind;
  EXPECT_EQ(parse_store_location("a.db").backend, kind::sqlite);
  EXPECT_EQ(parse_store_location("a.db").file, fs::path("a.db"));
  EXPECT_EQ(parse_store_location("sqlite:/x/a.db").file, fs::path("/x/a.db"));
  EXPECT_EQ(parse_store_location("./sqlite:a").file, fs::path("./sqlite:a"));
  EXPECT_EQ(parse_store_location("postgresql://u@h:5/db").backend, kind::postgres);
  EXPECT_EQ(parse_store_location("postgres://h/db").conninfo, "postgres://h/db");
  EXPECT_EQ(parse_store_location("postgresql:").backend, kind::postgres);
  EXPECT_EQ(parse_store_location("postgresql:").conninfo, "");
  EXPECT_THROW((void)parse_store_location("sqlite:"), annals::usage_error);
}

TEST(StoreLocation, SqlitePrefixOpensTheFile) {
  temp_dir dir;
  const auto file = dir.path / "x.db";
  {
    auto db = annals::store::open("sqlite:" + file.string());
    (void)db.ingest(annals::synthetic::make_report(4, 2020, 5));
  }
  EXPECT_EQ(annals::store::open(file).reports().size(), 1u);
}

TEST(StoreLocation, UnreachableServerIsAStorageError) {
  temp_dir dir;  // no server listens on a socket in a new, empty folder
  const std::string uri = "postgresql:///none?host=" + dir.path.string() + "&user=annals&password=secret";
  try {
    (void)annals::store::open(uri);
    FAIL() << "opened a store on no server";
  } catch (const annals::storage_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("cannot connect to the server"), std::string::npos) << what;
    EXPECT_EQ(what.find("secret"), std::string::npos) << "the password is shown: " << what;
  }
}

// ---- a shared server: what only PostgreSQL meets ----------------------------------------------

class PostgresShared : public ::testing::Test {
 protected:
  std::string location;
  void SetUp() override {
    auto& c = pg_cluster::get();
    if (!c.available()) GTEST_SKIP() << "PostgreSQL: " << c.reason();
    location = c.new_database();
  }
};

/// Forks a child that runs `body` and exits 0 when it returned true.
pid_t spawn(const std::function<bool()>& body) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    bool ok = false;
    try {
      ok = body();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "child: %s\n", e.what());
    }
    ::_exit(ok ? 0 : 1);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST_F(PostgresShared, FourProcessesIngest400ReportsEachOnce) {
  (void)annals::store::open(location);  // the schema, once
  constexpr int n = 400;
  std::vector<pid_t> writers;
  for (int w = 0; w < 4; ++w)
    writers.push_back(spawn([&, w] {
      auto db = annals::store::open(location);
      for (int k = 0; k < n; ++k) {  // every writer every report, each starting elsewhere
        const int i = (k + w * n / 4) % n;
        (void)db.ingest(annals::synthetic::make_report(i % 40, 1990 + i / 40, 20));
      }
      return true;
    }));
  // A reader meanwhile: every report it lists is whole.
  const pid_t reader = spawn([&] {
    auto db = annals::store::open(location, annals::open_mode::read_only);
    for (int round = 0; round < 30; ++round) {
      for (const auto& r : db.reports())
        if (r.facts != 20) return false;
    }
    return true;
  });
  for (const auto pid : writers) EXPECT_EQ(wait_for(pid), 0);
  EXPECT_EQ(wait_for(reader), 0) << "the reader saw a partial report";
  auto db = annals::store::open(location);
  const auto all = db.reports();
  EXPECT_EQ(all.size(), static_cast<std::size_t>(n));
  std::set<std::string> shas;
  for (const auto& r : all) {
    shas.insert(r.sha256);
    EXPECT_EQ(r.facts, 20u);
  }
  EXPECT_EQ(shas.size(), static_cast<std::size_t>(n));
  EXPECT_TRUE(db.check_integrity().ok);
}

TEST_F(PostgresShared, KilledClientLeavesOnlyWholeReports) {
  (void)annals::store::open(location);
  const pid_t pid = spawn([&] {
    auto db = annals::store::open(location);
    for (int i = 0;; ++i) (void)db.ingest(annals::synthetic::make_report(i % 50, 1950 + i / 50, 400));
    return true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ::kill(pid, SIGKILL);
  EXPECT_EQ(wait_for(pid), 128 + SIGKILL);
  auto db = annals::store::open(location);
  const auto all = db.reports();
  EXPECT_FALSE(all.empty()) << "nothing was ingested before the kill: the test proves nothing";
  for (const auto& r : all) EXPECT_EQ(r.facts, 400u) << r.source_name;
  EXPECT_TRUE(db.check_integrity().ok);
}

TEST_F(PostgresShared, ServerStoppedMidIngestIsAClearErrorAndARerunCompletes) {
  auto& c = pg_cluster::get();
  auto db = annals::store::open(location);
  (void)db.ingest(annals::synthetic::make_report(5, 2000, 10));
  ASSERT_TRUE(c.stop_server());
  try {
    (void)db.ingest(annals::synthetic::make_report(5, 2001, 10));
    ADD_FAILURE() << "ingested with the server stopped";
  } catch (const annals::storage_error& e) {
    EXPECT_NE(std::string(e.what()).find("connection to the server was lost"), std::string::npos) << e.what();
  }
  ASSERT_TRUE(c.start_server());
  auto again = annals::store::open(location);
  EXPECT_EQ(again.ingest(annals::synthetic::make_report(5, 2001, 10)).status, annals::ingest_status::added);
  EXPECT_EQ(again.reports().size(), 2u);
}

TEST_F(PostgresShared, NotAnAnnalsDatabase) {
  ASSERT_EQ(pg_cluster::get().sql(location.substr(14, location.find('?') - 14), "CREATE TABLE other (x int)"), "");
  try {
    (void)annals::store::open(location);
    FAIL() << "opened another program's database";
  } catch (const annals::storage_error& e) {
    EXPECT_NE(std::string(e.what()).find("not an annals database"), std::string::npos) << e.what();
  }
}

TEST_F(PostgresShared, ValuesAreNumericNotFloat) {
  auto db = annals::store::open(location);
  (void)db.ingest(annals::read_report(fs::path(ANNALS_DATA_DIR) / "chengdu-2024.txt"));
  const std::string dbname = location.substr(14, location.find('?') - 14);
  EXPECT_EQ(pg_cluster::get().value(dbname,
                                    "SELECT data_type FROM information_schema.columns "
                                    "WHERE table_name = 'facts' AND column_name = 'value'"),
            "numeric");
}

// ---- schema 6: the numeric columns and the views on both backends (issue 13) -------------------

using rows = std::vector<std::vector<std::string>>;

/// Every row of a query on a PostgreSQL database, NULL as "NULL".
rows pg_rows(const std::string& dbname, const char* query) {
  PGconn* c = PQconnectdb(pg_cluster::get().uri(dbname).c_str());
  rows out;
  PGresult* r = PQexec(c, query);
  EXPECT_EQ(PQresultStatus(r), PGRES_TUPLES_OK) << PQresultErrorMessage(r);
  for (int i = 0; i < PQntuples(r); ++i) {
    out.emplace_back();
    for (int j = 0; j < PQnfields(r); ++j) out.back().push_back(PQgetisnull(r, i, j) ? "NULL" : PQgetvalue(r, i, j));
  }
  PQclear(r);
  PQfinish(c);
  return out;
}

/// Every row of a query on an SQLite file, NULL as "NULL".
rows sqlite_rows(const fs::path& file, const char* query) {
  SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
  SQLite::Statement s(db, query);
  rows out;
  while (s.executeStep()) {
    out.emplace_back();
    for (int j = 0; j < s.getColumnCount(); ++j)
      out.back().push_back(s.getColumn(j).isNull() ? "NULL" : s.getColumn(j).getString());
  }
  return out;
}

/// Columns `numeric` compared as numbers (within `tolerance`), the others as text.
void expect_same_rows(const rows& a, const rows& b, const std::set<std::size_t>& numeric, double tolerance) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].size(), b[i].size());
    for (std::size_t j = 0; j < a[i].size(); ++j) {
      if (numeric.count(j) && a[i][j] != "NULL" && b[i][j] != "NULL")
        EXPECT_NEAR(std::stod(a[i][j]), std::stod(b[i][j]), tolerance) << "row " << i << " column " << j;
      else
        EXPECT_EQ(a[i][j], b[i][j]) << "row " << i << " column " << j;
    }
  }
}

constexpr const char* series_query =
    "SELECT jurisdiction, metric, year, value, value_num, unit, qualifier, text, fact FROM series "
    "ORDER BY jurisdiction, metric, year";
constexpr const char* yoy_query =
    "SELECT jurisdiction, metric, year, value, prior_year, prior_value, growth_pct, change_pp, stated_kind, "
    "stated_value, stated_text FROM yoy ORDER BY jurisdiction, metric, year";

TEST_F(PostgresShared, SeriesAndYoyViewsAnswerAsOnSQLite) {
  temp_dir dir;
  const fs::path file = dir.path / "annals.db";
  {
    auto pg = annals::store::open(location);
    auto lite = annals::store::open(file.string());
    for (const auto& r : bundled_reports()) {
      (void)pg.ingest(r);
      (void)lite.ingest(r);
    }
  }
  const std::string dbname = location.substr(14, location.find('?') - 14);
  EXPECT_EQ(pg_cluster::get().value(dbname, "SELECT count(*) FROM facts WHERE value_num IS NULL "
                                            "OR abs(value_num - value::double precision) > 0 "
                                            "OR (lo IS NULL) <> (lo_num IS NULL) OR (hi IS NULL) <> (hi_num IS NULL)"),
            "0");
  const rows pg_series = pg_rows(dbname, series_query);
  ASSERT_GT(pg_series.size(), 50u);
  expect_same_rows(pg_series, sqlite_rows(file, series_query), {4}, 1e-9);
  // PostgreSQL computes growth exactly in numeric, SQLite in REAL: within a cent
  expect_same_rows(pg_rows(dbname, yoy_query), sqlite_rows(file, yoy_query), {5, 6, 7, 9}, 0.0100001);
  EXPECT_EQ(pg_cluster::get().value(dbname, "SELECT value FROM series ORDER BY value_num DESC LIMIT 1"),
            sqlite_rows(file, "SELECT value FROM series ORDER BY value_num DESC LIMIT 1").at(0).at(0));
}

TEST_F(PostgresShared, AVersion5DatabaseIsMigratedTo6) {
  const std::string dbname = location.substr(14, location.find('?') - 14);
  auto& c = pg_cluster::get();
  ASSERT_EQ(c.sql(dbname, annals::detail::pg_schema::v5_ddl), "");
  ASSERT_EQ(c.sql(dbname, R"sql(
INSERT INTO jurisdictions (id, name) VALUES (1, '样例市');
INSERT INTO reports (id, sha256, source_name, encoding, format, title, jurisdiction_id, year, text) VALUES
  (1, repeat('1', 64), 'a.txt', 'utf-8', 'text', '编造的测试文档', 1, 2023, '编造'),
  (2, repeat('2', 64), 'b.txt', 'utf-8', 'text', '编造的测试文档', 1, 2024, '编造');
INSERT INTO metrics (id, key, unit) VALUES (1, '案件|件', '件');
INSERT INTO metric_aliases (id, alias, metric_id) VALUES (1, '案件|件', 1);
INSERT INTO facts (report_id, seq, ident, label, text, value, unit, qualifier, qualifier_text, last_digit, approximate,
                   lo, hi, lo_closed, hi_closed, kind, cumulative, average, span_start, span_end, alias_id) VALUES
  (1, 0, 'f1', '案件', '6120件', 6120, '件', 'exact', '', 0, false, 6120, 6120, true, true, 'count', false, false, 0, 2, 1),
  (2, 0, 'f1', '案件', '超1.11万件', 11100, '件', 'more_than', '超', 2, false, 11100, NULL, false, true, 'count', false, false, 0, 2, 1);
)sql"),
            "");
  {
    auto db = annals::store::open(location);
    EXPECT_EQ(db.version(), 6);
  }
  EXPECT_EQ(c.value(dbname, "SELECT version FROM annals_schema"), "6");
  EXPECT_EQ(c.value(dbname, "SELECT string_agg(value_num || '/' || coalesce(hi_num::text, 'NULL'), ' ' ORDER BY value_num) "
                            "FROM facts"),
            "6120/6120 11100/NULL");
  EXPECT_EQ(c.value(dbname, "SELECT growth_pct || ' ' || prior_value FROM yoy WHERE year = 2024"), "81.37 6120");
  // a second open finds version 6 and changes nothing
  auto again = annals::store::open(location);
  EXPECT_EQ(again.series("样例市", "案件|件").points.size(), 2u);
}

}  // namespace
