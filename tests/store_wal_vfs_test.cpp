// The VFS file stores are opened with (lib/store/wal_vfs.cpp): a WAL file's writes are gathered
// and written once per commit. What must hold:
//  - when a commit returns, every other connection (SQLite's own default VFS here) reads it whole:
//    small and large transactions, commits larger than one write of the default VFS (128 KiB)
//    and than what is gathered at most (4 MiB), across WAL restarts after checkpoints;
//  - before the commit, the writes are really held (else the VFS does nothing);
//  - a store opened through annals::store uses it, and its reports are read by a second store
//    opened meanwhile.
// A write that fails (a full disk) is tested in faults_test; a kill -9 at random moments in
// store_crash_test.
//
// The reports stored here are MADE-UP TEST DOCUMENTS (store_synthetic.hpp).

#include <annals/store.hpp>

#include "scratch_dir.hpp"
#include "store/sqlite_detail.hpp"
#include "store_synthetic.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

namespace {

namespace fs = std::filesystem;

using scratch = annals::test::scratch_dir;

SQLite::Database open_gathering(const fs::path& file) {
  const char* vfs = annals::detail::gathering_wal_vfs();
  EXPECT_NE(vfs, nullptr) << "the VFS was not registered";
  SQLite::Database db(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 0, vfs);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
  return db;
}

std::string vfs_name(SQLite::Database& db) {
  sqlite3_vfs* vfs = nullptr;
  if (sqlite3_file_control(db.getHandle(), "main", SQLITE_FCNTL_VFS_POINTER, &vfs) != SQLITE_OK || !vfs) return "";
  return vfs->zName;
}

TEST(wal_vfs_test, every_commit_is_read_whole_by_another_connection_when_it_returns) {
  const scratch dir;
  const fs::path file = dir.path / "t.db";
  SQLite::Database writer = open_gathering(file);
  EXPECT_EQ(vfs_name(writer), annals::detail::gathering_wal_vfs_name);
  writer.exec("PRAGMA wal_autocheckpoint = 64");  // restart the WAL often
  writer.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
  SQLite::Database reader(file.string(), SQLite::OPEN_READONLY);  // SQLite's default VFS
  EXPECT_NE(vfs_name(reader), annals::detail::gathering_wal_vfs_name);

  std::mt19937 rng(20261207);
  std::int64_t rows = 0, bytes = 0;
  // 1 byte to 6 MiB in one transaction: one frame, several, past 128 KiB, past 4 MiB
  const std::int64_t sizes[] = {1, 100, 4000, 20000, 140000, 300000, 1 << 20, 6 << 20};
  for (int round = 0; round < 120; ++round) {
    SQLite::Transaction tx(writer);
    const int n = 1 + static_cast<int>(rng() % 3);
    for (int k = 0; k < n; ++k) {
      const std::int64_t size = sizes[rng() % (round % 40 == 39 ? 8 : 6)];
      SQLite::Statement ins(writer, "INSERT INTO t (body) VALUES (zeroblob(?))");
      ins.bind(1, size);
      ins.exec();
      ++rows;
      bytes += size;
    }
    tx.commit();
    SQLite::Statement q(reader, "SELECT count(*), coalesce(sum(length(body)), 0) FROM t");
    ASSERT_TRUE(q.executeStep()) << "round " << round;
    ASSERT_EQ(q.getColumn(0).getInt64(), rows) << "round " << round;
    ASSERT_EQ(q.getColumn(1).getInt64(), bytes) << "round " << round;
  }
  EXPECT_EQ(reader.execAndGet("PRAGMA integrity_check").getString(), "ok");
}

TEST(wal_vfs_test, a_transactions_frames_are_held_until_its_commit) {
  const scratch dir;
  const fs::path file = dir.path / "t.db";
  SQLite::Database writer = open_gathering(file);
  writer.exec("PRAGMA cache_size = 8");  // a small cache: the transaction spills pages to the WAL
  writer.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
  writer.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  ASSERT_EQ(fs::file_size(dir.path / "t.db-wal"), 0u);
  {
    SQLite::Transaction tx(writer);
    for (int k = 0; k < 100; ++k) writer.exec("INSERT INTO t (body) VALUES (randomblob(10000))");
    // ~1 MB spilled by SQLite before the commit, none of it written yet (4 MiB are held at most)
    EXPECT_LE(fs::file_size(dir.path / "t.db-wal"), 32u);
    tx.commit();
  }
  EXPECT_GT(fs::file_size(dir.path / "t.db-wal"), 1000000u);
  SQLite::Database reader(file.string(), SQLite::OPEN_READONLY);
  EXPECT_EQ(reader.execAndGet("SELECT count(*) FROM t").getInt64(), 100);
}

TEST(wal_vfs_test, a_transaction_rolled_back_leaves_nothing_to_read) {
  const scratch dir;
  const fs::path file = dir.path / "t.db";
  SQLite::Database writer = open_gathering(file);
  writer.exec("PRAGMA cache_size = 8");
  writer.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
  {
    SQLite::Transaction tx(writer);
    for (int k = 0; k < 50; ++k) writer.exec("INSERT INTO t (body) VALUES (randomblob(10000))");
  }  // rolled back
  writer.exec("INSERT INTO t (body) VALUES (x'01')");
  SQLite::Database reader(file.string(), SQLite::OPEN_READONLY);
  EXPECT_EQ(reader.execAndGet("SELECT count(*) FROM t").getInt64(), 1);
  EXPECT_EQ(reader.execAndGet("PRAGMA integrity_check").getString(), "ok");
}

TEST(wal_vfs_test, a_store_uses_it_and_a_second_store_reads_each_report_when_ingest_returns) {
  const scratch dir;
  const std::string path = (dir.path / "s.db").string();
  annals::store writer = annals::store::open(path);
  annals::store reader = annals::store::open(path, annals::open_mode::read_only);
  for (int i = 0; i < 60; ++i) {
    const annals::report r = annals::synthetic::make_report(1 + i % 5, 2000 + i, i % 7 == 0 ? 1500 : 40);
    const annals::ingest_result added = writer.ingest(r);
    ASSERT_EQ(added.status, annals::ingest_status::added);
    const auto listed = reader.reports();
    ASSERT_EQ(listed.size(), static_cast<std::size_t>(i + 1)) << "report " << i;
    EXPECT_EQ(reader.load_report(added.id).facts.size(), r.facts.size()) << "report " << i;
  }
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  EXPECT_EQ(raw.execAndGet("PRAGMA integrity_check").getString(), "ok");
}

}  // namespace
