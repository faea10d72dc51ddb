// Crash safety of annals::store with a real kill -9: a child process (store_crash_helper)
// ingests many made-up reports into one database and is killed at random moments, again and
// again. After every kill the database must pass PRAGMA integrity_check, hold only whole
// reports, and a new run must carry on; the last run completes the ingest.

#include <annals/store.hpp>

#include "store_synthetic.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace fs = std::filesystem;

namespace {

constexpr int total_reports = 120;
constexpr std::size_t facts_per_report = 1000;

struct child {
  pid_t pid = -1;
  int out = -1;  ///< read end of the child's stdout
};

child spawn_helper(const fs::path& db) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  const std::string exe = ANNALS_CRASH_HELPER, path = db.string(), count = std::to_string(total_reports),
                    facts = std::to_string(facts_per_report);
  std::vector<char*> argv = {const_cast<char*>(exe.c_str()), const_cast<char*>(path.c_str()),
                             const_cast<char*>(count.c_str()), const_cast<char*>(facts.c_str()), nullptr};
  child c;
  const int rc = ::posix_spawn(&c.pid, exe.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (rc != 0) throw std::runtime_error("cannot start " + exe);
  c.out = fds[0];
  return c;
}

/// Reads the child's output line by line as it comes.
class line_reader {
 public:
  explicit line_reader(int fd) : fd_(fd) {}
  ~line_reader() { ::close(fd_); }
  line_reader(const line_reader&) = delete;
  line_reader& operator=(const line_reader&) = delete;
  /// The next line, or nullopt at EOF (the child has exited).
  std::optional<std::string> next() {
    for (;;) {
      if (const auto nl = buf_.find('\n'); nl != std::string::npos) {
        std::string line = buf_.substr(0, nl);
        buf_.erase(0, nl + 1);
        lines_.push_back(line);
        return line;
      }
      char chunk[4096];
      const ssize_t n = ::read(fd_, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      buf_.append(chunk, static_cast<std::size_t>(n));
    }
  }
  /// Every line, after the child has exited.
  std::vector<std::string> all() {
    while (next()) {
    }
    return lines_;
  }

 private:
  int fd_;
  std::string buf_;
  std::vector<std::string> lines_;
};

/// The index i of a crash_report from its source name "synthetic-J-Y-F-V.txt" (Y = 1950 + i).
int index_of(const std::string& source_name) {
  const auto a = source_name.find('-'), b = source_name.find('-', a + 1), c = source_name.find('-', b + 1);
  return std::stoi(source_name.substr(b + 1, c - b - 1)) - 1950;
}

/// Checks the database after a kill; returns how many reports it holds.
std::size_t check_after_kill(const fs::path& path, int under_way) {
  auto db = annals::store::open(path);  // recovers the WAL of the killed writer
  const auto integrity = db.check_integrity();
  EXPECT_TRUE(integrity.ok) << (integrity.problems.empty() ? "" : integrity.problems.front());
  const auto rs = db.reports();
  std::vector<bool> present(total_reports, false);
  for (const auto& r : rs) {
    const int i = index_of(r.source_name);
    EXPECT_GE(i, 0);
    EXPECT_LT(i, total_reports);
    if (i < 0 || i >= total_reports) continue;
    EXPECT_FALSE(present[static_cast<std::size_t>(i)]) << "report " << i << " stored twice";
    present[static_cast<std::size_t>(i)] = true;
    const auto expected = annals::synthetic::crash_report(i, facts_per_report);
    EXPECT_EQ(r.facts, expected.facts.size()) << "report " << i << " is not whole";
    EXPECT_EQ(r.changes, expected.changes.size()) << "report " << i;
    EXPECT_EQ(r.commitments, expected.commitments.size()) << "report " << i;
    EXPECT_EQ(r.sha256, expected.source.sha256);
  }
  // Reports are ingested in order: what is present is a prefix, at most one past the last "end".
  for (int i = 0; i + 1 < total_reports; ++i)
    if (!present[static_cast<std::size_t>(i)]) {
      for (int k = i + 1; k < total_reports; ++k) EXPECT_FALSE(present[static_cast<std::size_t>(k)]) << k;
      break;
    }
  // The report that was under way when the kill came is either absent or whole (checked above),
  // and when present it loads back equal to what was ingested.
  if (under_way >= 0 && present[static_cast<std::size_t>(under_way)]) {
    const auto id = db.find(annals::synthetic::crash_report(under_way, facts_per_report).source.sha256);
    EXPECT_TRUE(id.has_value());
    if (id) {
      const auto back = db.load_report(*id);
      const auto expected = annals::synthetic::crash_report(under_way, facts_per_report);
      EXPECT_EQ(back.facts.size(), expected.facts.size());
      EXPECT_EQ(back.text, expected.text);
      EXPECT_EQ(back.facts.back().q, expected.facts.back().q);
      EXPECT_EQ(back.commitments.back().text, expected.commitments.back().text);
    }
  }
  return rs.size();
}

}  // namespace

TEST(store_crash_test, kill_9_during_ingest_leaves_only_whole_reports_and_a_rerun_completes) {
  const fs::path dir = fs::temp_directory_path() / ("annals-store-crash-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path db = dir / "crash.db";

  // Calibrate: how long ingesting one report takes here (sanitizers make it slower).
  double ingest_ms = 0;
  {
    std::vector<annals::report> probe_reports;
    for (int i = 0; i < 3; ++i) probe_reports.push_back(annals::synthetic::crash_report(i, facts_per_report));
    auto probe = annals::store::open(dir / "probe.db");
    (void)probe.ingest(probe_reports[0]);  // the first one also fills the catalogue
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 1; i < 3; ++i) (void)probe.ingest(probe_reports[static_cast<std::size_t>(i)]);
    ingest_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / 2;
  }

  std::mt19937 rng(20250106);
  int rounds = 0, killed_mid_ingest = 0, killed_before_end = 0;
  std::size_t stored = 0;
  // At least 24 kills; more (up to 60) until 15 of them landed inside an ingest, since where a
  // kill lands depends on the machine's load (a loaded CI machine stretches the gaps between).
  while (rounds < 24 || (killed_mid_ingest < 15 && rounds < 60)) {
    ++rounds;
    child c = spawn_helper(db);
    line_reader out(c.out);
    // Let it start 1–3 ingests, then kill it at a random moment of the next one.
    const int begins = std::uniform_int_distribution<int>(1, 3)(rng);
    int seen = 0;
    while (seen < begins) {
      const auto line = out.next();
      if (!line) break;  // finished (or failed) already
      if (line->rfind("begin ", 0) == 0) ++seen;
    }
    std::this_thread::sleep_for(
        std::chrono::duration<double, std::milli>(std::uniform_real_distribution<double>(0.0, ingest_ms)(rng)));
    ASSERT_EQ(::kill(c.pid, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(c.pid, &status, 0), c.pid);
    const auto lines = out.all();
    const bool was_killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    int under_way = -1;
    if (!lines.empty() && lines.back().rfind("begin ", 0) == 0) under_way = std::stoi(lines.back().substr(6));
    if (was_killed) ++killed_before_end;
    if (was_killed && under_way >= 0) ++killed_mid_ingest;
    const auto now = check_after_kill(db, under_way);
    EXPECT_GE(now, stored) << "a kill lost committed reports";
    stored = now;
    if (::testing::Test::HasFailure()) break;
  }
  std::printf("[ crash    ] %d kills, %d before the run ended, %d inside an ingest; %zu of %d reports stored\n",
              rounds, killed_before_end, killed_mid_ingest, stored, total_reports);
  EXPECT_GE(rounds, 24);
  EXPECT_GE(killed_before_end * 5, rounds * 4) << "the helper finished before most kills";
  EXPECT_GE(killed_mid_ingest, 15) << "too few kills landed inside an ingest";
  EXPECT_LT(stored, static_cast<std::size_t>(total_reports)) << "the kills came too late to test anything";

  // Run again without a kill: it completes the ingest, skipping what is already stored.
  child c = spawn_helper(db);
  line_reader out(c.out);
  const auto lines = out.all();
  int status = 0;
  ASSERT_EQ(::waitpid(c.pid, &status, 0), c.pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::size_t skipped = 0, added = 0;
  for (const auto& l : lines) {
    if (l.ends_with(" skipped")) ++skipped;
    if (l.ends_with(" added")) ++added;
  }
  EXPECT_EQ(skipped, stored);
  EXPECT_EQ(added, static_cast<std::size_t>(total_reports) - stored);
  EXPECT_EQ(check_after_kill(db, -1), static_cast<std::size_t>(total_reports));
  fs::remove_all(dir);
}
