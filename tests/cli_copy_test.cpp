// `annals copy` and `annals migrate` (issue 16, the tool bullet) as a user runs them, on SQLite
// files (store_backends_test copies to and from a real PostgreSQL server through the library):
// a verified copy, a rerun that adds nothing, refusals, and a failed copy that leaves no file.
#include <gtest/gtest.h>

#include "cli_run.hpp"

#include <filesystem>
#include <set>
#include <string>

namespace {

namespace fs = std::filesystem;
using annals::test::cli_result;
using annals::test::sh_quote;

class cli_copy_test : public ::testing::Test {
 protected:
  annals::test::scratch_dir dir;
  cli_result run(const std::string& args) { return annals::test::run_annals(dir.path, args); }
  /// a.db: the three bundled Chengdu reports
  void SetUp() override {
    const std::string data = sh_quote(ANNALS_DATA_DIR);
    const auto r = run("ingest --db a.db " + data + "/chengdu-2023.txt " + data + "/chengdu-2024.txt " + data +
                       "/chengdu-2025.txt");
    ASSERT_EQ(r.code, 0) << r.err;
  }
  /// Nothing but the files the test made: no temporary file of a copy left behind. (A read-only
  /// SQLite connection cannot remove the -wal/-shm files it opened a WAL database with: those of
  /// a store that is there anyway are not counted.)
  void expect_only(std::initializer_list<std::string> names) {
    std::set<std::string> want(names), have;
    for (const auto& e : fs::directory_iterator(dir.path)) {
      std::string name = e.path().filename().string();
      for (const char* side : {"-wal", "-shm"})
        if (name.size() > 4 && name.ends_with(side) && want.count(name.substr(0, name.size() - 4))) name.clear();
      if (!name.empty()) have.insert(name);
    }
    EXPECT_EQ(have, want);
  }
};

TEST_F(cli_copy_test, a_copy_answers_as_the_original_and_a_rerun_adds_nothing) {
  const auto c = run("copy --from a.db --to b.db");
  ASSERT_EQ(c.code, 0) << c.err;
  EXPECT_EQ(c.out.rfind("copied a.db -> b.db: 3 reports (3 added, 0 already there), ", 0), 0u) << c.out;
  EXPECT_NE(c.out.find(" 0 catalogue mappings, 0 verdicts (0 added, 0 already there)"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("; verified\n"), std::string::npos) << c.out;
  for (const std::string cmd : {"yoy --db %s", "yoy --db %s --format json", "timeline --db %s --jurisdiction 成都市",
                                "catalogue --db %s --format csv"}) {
    auto with = [&](const std::string& db) { return std::string(cmd).replace(cmd.find("%s"), 2, db); };
    const auto a = run(with("a.db")), b = run(with("b.db"));
    EXPECT_EQ(a.code, b.code) << cmd;
    EXPECT_EQ(a.out, b.out) << cmd;
    EXPECT_FALSE(a.out.empty()) << cmd;
  }
  // into an existing store: everything is there already
  const auto again = run("copy --from a.db --to sqlite:b.db");
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.out.find("3 reports (0 added, 3 already there)"), std::string::npos) << again.out;
  expect_only({"a.db", "b.db"});
}

TEST_F(cli_copy_test, refusals_are_usage_errors_and_write_nothing) {
  const auto same = run("copy --from a.db --to a.db");
  EXPECT_EQ(same.code, 2);
  EXPECT_EQ(same.err, "annals: copy: --from and --to name the same store\n");
  // the same file under another name (device and inode)
  const auto alias = run("copy --from a.db --to ./a.db");
  EXPECT_EQ(alias.code, 2);
  EXPECT_NE(alias.err.find("refusing to overwrite it"), std::string::npos) << alias.err;
  const auto missing = run("copy --from nothing.db --to c.db");
  EXPECT_EQ(missing.code, 4) << missing.err;
  EXPECT_EQ(missing.out, "");
  const auto no_to = run("copy --from a.db");
  EXPECT_EQ(no_to.code, 2);
  // a folder that does not exist: an output error, and no file anywhere
  const auto nowhere = run("copy --from a.db --to no/such/folder/c.db");
  EXPECT_EQ(nowhere.code, 5) << nowhere.err;
  EXPECT_NE(nowhere.err.find("annals: no/such/folder/c.db: cannot write: "), std::string::npos) << nowhere.err;
  EXPECT_EQ(nowhere.out, "");
  expect_only({"a.db"});
}

TEST_F(cli_copy_test, a_source_that_is_not_a_store_leaves_no_destination) {
  ASSERT_EQ(annals::test::run_sh(dir.path, "printf 'not a database, just text\\n' > junk.db").code, 0);
  const auto r = run("copy --from junk.db --to d.db");
  EXPECT_EQ(r.code, 4) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
  expect_only({"a.db", "junk.db"});
}

TEST_F(cli_copy_test, migrate_says_what_it_did) {
  const auto current = run("migrate --db a.db");
  ASSERT_EQ(current.code, 0) << current.err;
  EXPECT_NE(current.out.find("a.db: schema "), std::string::npos) << current.out;
  EXPECT_NE(current.out.find(" (up to date)\n"), std::string::npos) << current.out;
  const auto created = run("migrate --db new.db");
  ASSERT_EQ(created.code, 0) << created.err;
  EXPECT_NE(created.out.find(" (created)\n"), std::string::npos) << created.out;
  EXPECT_TRUE(fs::exists(dir.path / "new.db"));
  // a store of a newer annals is refused and left alone
  if (annals::test::run_sh(dir.path, "command -v sqlite3 >/dev/null").code != 0)
    GTEST_SKIP() << "sqlite3 (Debian sqlite3) is not installed: the newer-schema case needs it";
  ASSERT_EQ(annals::test::run_sh(dir.path, "sqlite3 new.db 'PRAGMA user_version = 99'").code, 0);
  const auto newer = run("migrate --db new.db");
  EXPECT_EQ(newer.code, 4);
  EXPECT_NE(newer.err.find("schema version 99 is newer than this annals understands"), std::string::npos) << newer.err;
  EXPECT_EQ(annals::test::run_sh(dir.path, "sqlite3 new.db 'PRAGMA user_version'").out, "99\n");
}

}  // namespace
