// store::checkpoint_in_background() (lib/store/checkpoints.cpp): a thread that copies a file
// store's write-ahead log into the database file while the store's own connection ingests.
// What must hold:
//  - the log really is copied while the writer runs (the database file grows), where without
//    the thread nothing is copied before SQLite's own checkpoint at 16 MiB of log;
//  - every report is read whole by another connection as soon as ingest returns, across the
//    writer's own checkpoints and the log's restarts, and the file passes integrity_check;
//  - a store in memory or opened read-only gets no thread; destroying the object stops it and
//    the store goes on as before.
// A kill -9 of an ingest with the thread running: cli_jobs_test (annals ingest uses it).
//
// The reports stored here are MADE-UP TEST DOCUMENTS (store_synthetic.hpp).

#include <annals/store.hpp>

#include "scratch_dir.hpp"
#include "store_synthetic.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <utility>

namespace {

namespace fs = std::filesystem;
using scratch = annals::test::scratch_dir;

/// Ingests reports [first, first + n) of a made-up series: ~40 facts each, a few hundred kB of log.
void ingest_some(annals::store& db, int first, int n) {
  for (int i = first; i < first + n; ++i)
    ASSERT_EQ(db.ingest(annals::synthetic::make_report(1 + i % 5, 2000 + i, 40)).status, annals::ingest_status::added);
}

/// Waits up to `limit` for `done()`.
template <class F>
bool within(std::chrono::milliseconds limit, F done) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

TEST(store_checkpoints_test, the_log_is_copied_while_the_writer_ingests_and_not_without_the_thread) {
  const scratch dir;
  const fs::path with = dir.path / "with.db", without = dir.path / "without.db";
  annals::store a = annals::store::open(with.string());
  annals::store b = annals::store::open(without.string());
  const auto a_size = fs::file_size(with), b_size = fs::file_size(without);
  const annals::store::background_checkpoints ck = a.checkpoint_in_background();
  ASSERT_TRUE(ck.active());
  ingest_some(a, 0, 20);
  ingest_some(b, 0, 20);
  // Far below 16 MiB of log: the writers never checkpoint themselves.
  EXPECT_TRUE(within(std::chrono::seconds(5), [&] { return fs::file_size(with) > a_size + 100 * 1024; }))
      << "the database file did not grow: nothing was copied from the log";
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(fs::file_size(without), b_size) << "without the thread, the log should hold everything";
}

TEST(store_checkpoints_test, reports_are_read_whole_across_the_logs_restarts) {
  const scratch dir;
  const std::string path = (dir.path / "s.db").string();
  annals::store writer = annals::store::open(path);
  annals::store reader = annals::store::open(path, annals::open_mode::read_only);
  const auto ck = writer.checkpoint_in_background();
  ASSERT_TRUE(ck.active());
  // ~40 MB of log in all: the writer's own checkpoint runs and the log restarts a few times
  for (int i = 0; i < 80; ++i) {
    const annals::report r = annals::synthetic::make_report(1 + i % 5, 2000 + i, i % 4 == 0 ? 3000 : 40);
    const annals::ingest_result added = writer.ingest(r);
    ASSERT_EQ(added.status, annals::ingest_status::added);
    ASSERT_EQ(reader.reports().size(), static_cast<std::size_t>(i + 1)) << "report " << i;
    const annals::report back = reader.load_report(added.id);
    ASSERT_EQ(back.facts.size(), r.facts.size()) << "report " << i;
    EXPECT_EQ(back.facts.back().text, r.facts.back().text) << "report " << i;
  }
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  EXPECT_EQ(raw.execAndGet("PRAGMA integrity_check").getString(), "ok");
  EXPECT_LT(fs::file_size(path + "-wal"), std::uintmax_t{40} << 20) << "the log restarted";
}

TEST(store_checkpoints_test, no_thread_for_a_store_in_memory_or_opened_read_only) {
  const scratch dir;
  const std::string path = (dir.path / "s.db").string();
  { annals::store db = annals::store::open(path); }
  EXPECT_FALSE(annals::store::memory().checkpoint_in_background().active());
  const annals::store ro = annals::store::open(path, annals::open_mode::read_only);
  EXPECT_FALSE(ro.checkpoint_in_background().active());
}

TEST(store_checkpoints_test, stopping_the_thread_leaves_the_store_as_it_was) {
  const scratch dir;
  const std::string path = (dir.path / "s.db").string();
  {
    annals::store db = annals::store::open(path);
    {
      annals::store::background_checkpoints ck = db.checkpoint_in_background();
      ingest_some(db, 0, 5);
      annals::store::background_checkpoints moved(std::move(ck));
      EXPECT_FALSE(ck.active());  // NOLINT(bugprone-use-after-move): a moved-from object is inactive
      EXPECT_TRUE(moved.active());
    }  // stopped and joined here
    ingest_some(db, 5, 5);
  }
  EXPECT_FALSE(fs::exists(path + "-wal")) << "the last connection's close checkpoints and removes the log";
  const annals::store again = annals::store::open(path, annals::open_mode::read_only);
  EXPECT_EQ(again.reports().size(), 10u);
}

}  // namespace
