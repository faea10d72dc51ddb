// The `annals` tool as a user runs it: extract, ingest, reports, yoy --db, check, report.
// Each test runs the built binary (ANNALS_CLI) in its own scratch folder and checks stdout,
// stderr and the exit code: 0 ok, 1 found a problem, 2 usage, 3 input, 4 storage; errors are one
// line "annals: <what>: <why>" and nothing reaches stdout when a command fails.
//
// The bundled data: data/chengdu-2024.txt is the real report; chengdu-2023.txt and
// chengdu-2025.txt are made-up test documents (编造的测试文档).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "unprivileged.hpp"

#include <annals/reader.hpp>
#include <annals/store.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <random>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const fs::path data_dir = ANNALS_DATA_DIR;

struct result {
  int code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

class cli_test : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "annals-cli-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  /// Runs `annals <args>` (args already shell-quoted where needed) in the scratch folder.
  result run(const std::string& args) const {
    const fs::path out = dir_ / "stdout", err = dir_ / "stderr";
    const std::string cmd = "cd " + quote(dir_.string()) + " && " + quote(ANNALS_CLI) + " " + args + " >" +
                            quote(out.string()) + " 2>" + quote(err.string()) + " </dev/null";
    const int status = std::system(cmd.c_str());
    result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }

  /// Runs a shell command line in the scratch folder, "$ANNALS" standing for the binary, killed
  /// after `seconds` (a command that blocks then exits 137): for redirections, FIFOs, ulimit.
  result sh(const std::string& cmdline, int seconds = 30) const {
    const fs::path out = dir_ / "stdout", err = dir_ / "stderr";
    const std::string cmd = "cd " + quote(dir_.string()) + " && ANNALS=" + quote(ANNALS_CLI) + " timeout -s KILL " +
                            std::to_string(seconds) + " sh -c " + quote(cmdline) + " >" + quote(out.string()) +
                            " 2>" + quote(err.string()) + " </dev/null";
    const int status = std::system(cmd.c_str());
    result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }

  /// run() as uid 65534 (root ignores permissions): the scratch folder is opened to everyone first.
  result run_unprivileged(const std::string& args) const {
    fs::permissions(dir_, fs::perms::all);
    std::error_code ec;
    for (const char* f : {"stdout", "stderr", "code"}) fs::remove(dir_ / f, ec);  // root's, not writable
    const std::string failed = annals::test::run_unprivileged([&] {
      const result r = run(args);
      std::ofstream(dir_ / "code") << r.code;
      return std::string();
    });
    EXPECT_EQ(failed, "");
    result r;
    r.code = std::stoi("0" + slurp(dir_ / "code"));
    r.out = slurp(dir_ / "stdout");
    r.err = slurp(dir_ / "stderr");
    return r;
  }

  [[nodiscard]] std::string data(const char* name) const { return quote((data_dir / name).string()); }
  [[nodiscard]] fs::path path(const std::string& name) const { return dir_ / name; }

  /// A store with the three bundled Chengdu reports.
  std::string ingested_db() const {
    const auto r = run("ingest --db annals.db " + data("chengdu-2023.txt") + " " + data("chengdu-2024.txt") + " " +
                       data("chengdu-2025.txt"));
    EXPECT_EQ(r.code, 0) << r.err;
    return "annals.db";
  }

  fs::path dir_;
};

/// stderr holds exactly one line, "annals: <what>", and stdout nothing.
void expect_one_error_line(const result& r, const std::string& starts_with) {
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, StartsWith("annals: " + starts_with));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

// ---- general --------------------------------------------------------------------------------

TEST_F(cli_test, version_and_help_for_every_command_with_an_example) {
  const auto v = run("--version");
  EXPECT_EQ(v.code, 0);
  EXPECT_THAT(v.out, StartsWith("annals 0."));
  for (const char* cmd : {"extract", "ingest", "reports", "yoy", "check", "report"}) {
    const auto h = run(std::string(cmd) + " --help");
    EXPECT_EQ(h.code, 0) << cmd;
    EXPECT_THAT(h.out, HasSubstr(std::string("Example: annals ") + cmd)) << cmd;
  }
}

TEST_F(cli_test, bad_flags_are_usage_errors_with_nothing_on_stdout) {
  for (const char* args : {"ingest --bogus x", "reports", "extract --format xml x.txt", "check a.txt --prior b --db c",
                           "report --db x.db", "yoy --db x.db --format xml"}) {
    const auto r = run(args);
    EXPECT_EQ(r.code, 2) << args;
    expect_one_error_line(r, "usage: ");
  }
}

// ---- extract --------------------------------------------------------------------------------

TEST_F(cli_test, extract_prints_one_annals_report_object) {
  const auto r = run("extract " + data("chengdu-2024.txt"));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["schema"], "annals.report/1");
  EXPECT_EQ(j["report"]["jurisdiction"], "成都市");
  EXPECT_EQ(j["report"]["year"], 2024);
  bool found = false;
  for (const auto& f : j["facts"])
    if (f["value"] == "11100" && f["qualifier"] == "more_than") found = true;
  EXPECT_TRUE(found) << "超1.11万件 missing";
}

TEST_F(cli_test, extract_several_files_gives_an_array_and_other_formats_work) {
  const auto r = run("extract " + data("chengdu-2023.txt") + " " + data("chengdu-2024.txt"));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["report"]["year"], 2023);
  EXPECT_EQ(j[1]["report"]["year"], 2024);

  const auto csv = run("extract --format csv " + data("chengdu-2024.txt"));
  ASSERT_EQ(csv.code, 0);
  EXPECT_THAT(csv.out, StartsWith("\xEF\xBB\xBF" "source,sha256,jurisdiction,year,id,"));
  const auto jsonl = run("extract --format jsonl " + data("chengdu-2024.txt"));
  ASSERT_EQ(jsonl.code, 0);
  std::istringstream lines(jsonl.out);
  std::string line;
  std::size_t n = 0;
  while (std::getline(lines, line)) {
    EXPECT_TRUE(nlohmann::json::accept(line)) << line;
    ++n;
  }
  EXPECT_GT(n, 20u);
  const auto md = run("extract --format md " + data("chengdu-2024.txt"));
  ASSERT_EQ(md.code, 0);
  EXPECT_THAT(md.out, HasSubstr("成都市人民政府关于2024年度法治政府建设情况的报告"));
}

TEST_F(cli_test, extract_of_a_missing_or_binary_file_is_an_input_error) {
  auto r = run("extract " + data("chengdu-2024.txt") + " nosuch.txt");
  EXPECT_EQ(r.code, 3);
  expect_one_error_line(r, "nosuch.txt: no such file");
  {
    std::ofstream f(path("binary.txt"), std::ios::binary);
    f << std::string("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16) << std::string(200, '\0');
  }
  r = run("extract binary.txt");
  EXPECT_EQ(r.code, 3);
  expect_one_error_line(r, "binary.txt: ");
}

// Issue 17, item 2: an input that never opens (a FIFO with no writer) or never ends (/dev/zero,
// an endless standard input) is refused at once, with exit 3, never read whole.
TEST_F(cli_test, inputs_that_never_open_or_never_end_are_refused_with_exit_3) {
  ASSERT_EQ(::mkfifo(path("fifo.txt").c_str(), 0600), 0);
  auto r = sh("\"$ANNALS\" extract fifo.txt");
  EXPECT_EQ(r.code, 3) << "137: blocked on the FIFO and was killed";
  expect_one_error_line(r, "fifo.txt: not a regular file (a FIFO)");
  r = sh("\"$ANNALS\" check fifo.txt");
  EXPECT_EQ(r.code, 3);
  expect_one_error_line(r, "fifo.txt: not a regular file (a FIFO)");
  r = sh("\"$ANNALS\" reports --db fifo.txt");
  EXPECT_EQ(r.code, 3);
  expect_one_error_line(r, "fifo.txt: not a regular file (a FIFO)");
  r = sh("\"$ANNALS\" ingest --db f.db fifo.txt " + data("chengdu-2024.txt"));
  EXPECT_EQ(r.code, 3);
  EXPECT_THAT(r.err, HasSubstr("annals: fifo.txt: not a regular file (a FIFO)\n"));
  EXPECT_THAT(r.err, HasSubstr("1 added"));
  EXPECT_THAT(r.err, HasSubstr("1 failed"));

  r = sh("\"$ANNALS\" extract /dev/zero");
  EXPECT_EQ(r.code, 3);
  expect_one_error_line(r, "/dev/zero: not a regular file (a character device)");
  // Standard input may be a pipe, but is read only up to the limit (+1 byte), never to its end.
  r = sh("\"$ANNALS\" extract --max-bytes 100000 - </dev/zero");
  EXPECT_EQ(r.code, 3);
  expect_one_error_line(r, "(standard input): larger than the input limit of 100000 bytes (--max-bytes)");
  r = sh("cat /dev/zero | \"$ANNALS\" extract -");
  EXPECT_EQ(r.code, 3) << "the default limit (256 MB) ends an endless pipe too";
  expect_one_error_line(r, "(standard input): larger than the input limit of 256 MB (--max-bytes)");
}

// Issue 15: a regular file is read with one read of its size plus one byte, and that read's
// shortness ends it when it brought the whole size fstat gave. The limit is exact at the byte
// (a file of exactly --max-bytes is read, one byte more is refused), every byte arrives, and a
// file that is not what its size said is still read whole (here: a sparse file, its size set
// with truncate, read as it is, and refused as binary data, not cut short).
TEST_F(cli_test, a_regular_file_is_read_whole_in_one_read_and_the_limit_is_exact) {
  fs::copy_file(data_dir / "chengdu-2024.txt", path("s.txt"));
  const auto size = fs::file_size(path("s.txt"));
  const auto whole = run("extract --format jsonl s.txt");
  ASSERT_EQ(whole.code, 0) << whole.err;
  EXPECT_EQ(std::count(whole.out.begin(), whole.out.end(), '\n'), 63) << "the sample's 63 facts";
  const auto at_limit = run("extract --format jsonl --max-bytes " + std::to_string(size) + " s.txt");
  EXPECT_EQ(at_limit.code, 0) << at_limit.err;
  EXPECT_EQ(at_limit.out, whole.out);
  const auto under = run("extract --format jsonl --max-bytes " + std::to_string(size - 1) + " s.txt");
  EXPECT_EQ(under.code, 3);
  expect_one_error_line(under, "s.txt: larger than the input limit of " + std::to_string(size - 1) + " bytes (--max-bytes)");
  // a file whose size says more than its written bytes (a hole at the end) is read to its size
  std::ofstream(path("sparse.txt"), std::ios::binary) << "2024年法治政府建设情况";
  fs::resize_file(path("sparse.txt"), 70000);
  const auto sparse = run("extract sparse.txt");
  EXPECT_EQ(sparse.code, 3);
  expect_one_error_line(sparse, "sparse.txt: not a text document (binary data)");
}

// Issue 17, item 2, the rest: a panel (`yoy --panel`) and a plan given to `track` are read by the
// library itself; the tool now puts them through the same checks first. Before, a FIFO given as
// either blocked the command until it was killed (exit 137 here), and no size limit applied.
TEST_F(cli_test, panels_and_plans_get_the_same_input_checks) {
  ASSERT_EQ(::mkfifo(path("plan.json").c_str(), 0600), 0);
  ASSERT_EQ(::mkfifo(path("panel.csv").c_str(), 0600), 0);
  auto r = sh("\"$ANNALS\" track plan.json " + data("chengdu-2025.txt"));
  EXPECT_EQ(r.code, 3) << "137: blocked on the FIFO and was killed";
  expect_one_error_line(r, "plan.json: not a regular file (a FIFO)");
  r = sh("\"$ANNALS\" yoy --panel panel.csv");
  EXPECT_EQ(r.code, 3) << "137: blocked on the FIFO and was killed";
  expect_one_error_line(r, "panel.csv: not a regular file (a FIFO)");
  r = sh("\"$ANNALS\" yoy --panel /dev/zero --summary");
  EXPECT_EQ(r.code, 3);
  expect_one_error_line(r, "/dev/zero: not a regular file (a character device)");

  // The size limit applies to both; a panel on standard input is read within it too.
  std::ofstream(path("p.csv"), std::ios::binary) << ("jurisdiction,metric,year,value\n某市,案件|件,2023,100\n某市,案件|件,2024,125\n");
  ASSERT_TRUE(fs::exists(path("p.csv")));
  r = run("yoy --panel p.csv --max-bytes 10");
  EXPECT_EQ(r.code, 3);
  expect_one_error_line(r, "p.csv: larger than the input limit of 10 bytes (--max-bytes)");
  r = run("track --max-bytes 10 " + data("chengdu-2025-plan.json") + " " + data("chengdu-2025.txt"));
  EXPECT_EQ(r.code, 3);
  EXPECT_THAT(r.err, HasSubstr("chengdu-2025-plan.json: larger than the input limit of 10 bytes (--max-bytes)"));
  const auto from_file = run("yoy --panel p.csv --summary");
  ASSERT_EQ(from_file.code, 0) << from_file.err;
  EXPECT_THAT(from_file.out, HasSubstr("\"growth_sum\": \"0.250000\""));
  r = sh("\"$ANNALS\" yoy --panel - --summary <p.csv");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, from_file.out);
  r = sh("\"$ANNALS\" yoy --panel - --max-bytes 1000 </dev/zero");
  EXPECT_EQ(r.code, 3);
  expect_one_error_line(r, "(standard input): larger than the input limit of 1000 bytes (--max-bytes)");
  // An ordinary plan still works.
  r = run("track " + data("chengdu-2025-plan.json") + " " + data("chengdu-2025.txt"));
  EXPECT_LE(r.code, 1) << r.err;
  EXPECT_THAT(r.out, HasSubstr("annals.tracking/1"));
}

TEST_F(cli_test, the_input_size_limit_has_a_documented_default_and_a_flag) {
  const auto size = fs::file_size(data_dir / "chengdu-2024.txt");
  auto r = run("extract --max-bytes " + std::to_string(size - 1) + " " + data("chengdu-2024.txt"));
  EXPECT_EQ(r.code, 3);
  EXPECT_THAT(r.err, HasSubstr("larger than the input limit of " + std::to_string(size - 1) + " bytes"));
  r = run("extract --max-bytes " + std::to_string(size) + " " + data("chengdu-2024.txt"));
  EXPECT_EQ(r.code, 0) << r.err;
  r = run("ingest --db l.db --max-bytes 10 " + data("chengdu-2024.txt"));
  EXPECT_EQ(r.code, 3);
  EXPECT_THAT(r.err, HasSubstr("larger than the input limit of 10 bytes"));
  for (const char* cmd : {"extract", "ingest", "check", "track"})
    EXPECT_THAT(run(std::string(cmd) + " --help").out, HasSubstr("256 MB")) << cmd;
  // `-` reads standard input, named "-" in the report.
  r = sh("\"$ANNALS\" extract - <" + data("chengdu-2024.txt"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["report"]["year"], 2024);
}

// Issue 17, item 5: a write to stdout that fails (disk full, the file size limit) is exit 5 with
// one line on stderr, never a silent exit 0, nor a process killed by SIGXFSZ.
TEST_F(cli_test, a_failed_write_to_stdout_is_exit_5_with_one_line) {
  auto r = sh("\"$ANNALS\" extract " + data("chengdu-2024.txt") + " >/dev/full");
  EXPECT_EQ(r.code, 5);
  expect_one_error_line(r, "stdout: cannot write: No space left on device");
  const std::string db = ingested_db();
  r = sh("\"$ANNALS\" catalogue --db " + db + " >/dev/full");
  EXPECT_EQ(r.code, 5);
  expect_one_error_line(r, "stdout: cannot write: ");
  r = sh("\"$ANNALS\" catalogue --db " + db + " --format csv >/dev/full");
  EXPECT_EQ(r.code, 5);
  r = sh("\"$ANNALS\" --help >/dev/full");
  EXPECT_EQ(r.code, 5);
  // ulimit -f 1: at most 512 bytes (sh counts 512-byte blocks); the JSON is far longer.
  r = sh("ulimit -f 1 && \"$ANNALS\" extract " + data("chengdu-2024.txt") + " >big.json");
  EXPECT_EQ(r.code, 5) << "153 is death by SIGXFSZ";
  expect_one_error_line(r, "stdout: cannot write: File too large");
  EXPECT_THAT(run("--help").out, HasSubstr("5 output error"));
}

// ---- ingest ---------------------------------------------------------------------------------

TEST_F(cli_test, ingest_a_folder_then_again_skips_everything) {
  fs::create_directories(path("reports/nested"));
  fs::copy_file(data_dir / "chengdu-2024.txt", path("reports/chengdu-2024.txt"));
  fs::copy_file(data_dir / "chengdu-2025.txt", path("reports/nested/chengdu-2025.txt"));
  fs::copy_file(data_dir / "chengdu-2025-plan.json", path("reports/plan.json"));  // not a report: ignored
  auto r = run("ingest --db a.db reports");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("ingested 2 files into a.db: 2 added"));
  EXPECT_THAT(r.out, HasSubstr("0 skipped (already stored), 0 failed"));
  EXPECT_EQ(r.err, "") << "no progress line when stderr is not a terminal";
  r = run("ingest --db a.db reports");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("0 added (0 facts), 2 skipped"));
}

TEST_F(cli_test, ingest_reports_failed_inputs_and_still_stores_the_others) {
  {
    std::ofstream f(path("empty.txt"));
  }
  const auto r = run("ingest --db b.db " + data("chengdu-2024.txt") + " missing-folder empty.txt");
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("annals: missing-folder: no such file or directory\n"));
  EXPECT_THAT(r.err, HasSubstr("annals: empty.txt: empty file\n"));
  EXPECT_THAT(r.err, HasSubstr("1 added"));
  EXPECT_THAT(r.err, HasSubstr("2 failed"));
  const auto list = run("reports --db b.db --format json");
  ASSERT_EQ(list.code, 0) << list.err;
  EXPECT_EQ(nlohmann::json::parse(list.out)["reports"].size(), 1u);
}

TEST_F(cli_test, ingest_into_something_that_is_not_a_database_is_a_storage_error) {
  {
    std::ofstream f(path("notes.db"));
    f << "these are my notes, not a database\n";
  }
  const auto r = run("ingest --db notes.db " + data("chengdu-2024.txt"));
  EXPECT_EQ(r.code, 4);
  expect_one_error_line(r, "notes.db: ");
  EXPECT_EQ(slurp(path("notes.db")), "these are my notes, not a database\n") << "the file must be left alone";
}

// Issue 17, item 9: a sub-folder that cannot be listed used to be skipped in silence ("0 failed").
TEST_F(cli_test, ingest_counts_and_names_an_unreadable_sub_folder_as_failed) {
  fs::create_directories(path("reports/locked"));
  fs::copy_file(data_dir / "chengdu-2024.txt", path("reports/chengdu-2024.txt"));
  fs::copy_file(data_dir / "chengdu-2025.txt", path("reports/locked/chengdu-2025.txt"));
  fs::permissions(path("reports/locked"), fs::perms::none);
  const auto r = run_unprivileged("ingest --db u.db reports");
  fs::permissions(path("reports/locked"), fs::perms::owner_all);
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("annals: reports/locked: cannot list the folder: permission denied\n"));
  EXPECT_THAT(r.err, HasSubstr("1 added"));
  EXPECT_THAT(r.err, HasSubstr("1 failed"));
}

// Issue 17, item 3: 4 KB of random bytes in the middle of a store; ingest used to add to it and
// exit 0. Now the store is refused before anything is written (exit 4), byte for byte unchanged.
TEST_F(cli_test, a_corrupted_store_is_never_written_to_and_check_store_finds_it) {
  // 90 reports (30 copies of each bundled report, one line added to each): the middle of the
  // file then holds pages of old reports that a new ingest never reads, so SQLite alone does not
  // notice the damage (with the 3-report store it did, by chance of the page hit).
  fs::create_directories(path("many"));
  for (int i = 1; i <= 30; ++i)
    for (const char* y : {"2023", "2024", "2025"})
      std::ofstream(path("many/c" + std::string(y) + "-" + std::to_string(i) + ".txt"))
          << slurp(data_dir / ("chengdu-" + std::string(y) + ".txt")) << "\n（副本 " << i << "）\n";
  auto r = run("ingest --db annals.db many");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string db = "annals.db";
  r = run("check-store --db " + db);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("annals.db: ok"));
  fs::copy_file(path(db), path("bad.db"));
  const auto size = fs::file_size(path("bad.db"));
  ASSERT_GE(size, 8u * 4096) << "too small a store to damage in the middle";
  {
    std::mt19937 rng(17);
    std::string junk(4096, '\0');
    for (auto& c : junk) c = static_cast<char>(rng());
    std::fstream f(path("bad.db"), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(size / 2 / 4096 * 4096));  // a whole page (4 KiB)
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  const std::string before = slurp(path("bad.db"));
  { std::ofstream(path("new.txt")) << slurp(data_dir / "chengdu-2024.txt") << "\n（新的一份）\n"; }
  r = run("ingest --db bad.db new.txt");
  EXPECT_EQ(r.code, 4);
  expect_one_error_line(r, "bad.db: database file is corrupt");
  EXPECT_EQ(slurp(path("bad.db")), before) << "nothing may be written into a corrupt store";
  r = run("catalogue --db bad.db --import new.txt");
  EXPECT_EQ(r.code, 4);
  EXPECT_EQ(slurp(path("bad.db")), before);
  r = run("check-store --db bad.db");
  EXPECT_EQ(r.code, 4);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("annals: bad.db: database file is corrupt"));
  EXPECT_EQ(slurp(path("bad.db")), before);
}

// Issue 17, item 8: read-only commands on a store in a folder nobody may write to (a read-only
// mount, a colleague's folder) used to fail ("cannot write").
TEST_F(cli_test, read_only_commands_read_a_store_in_a_read_only_folder) {
  fs::create_directories(path("ro"));
  auto r = run("ingest --db ro/s.db " + data("chengdu-2023.txt") + " " + data("chengdu-2024.txt"));
  ASSERT_EQ(r.code, 0) << r.err;
  fs::permissions(path("ro"), fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                  fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);  // 555
  r = run_unprivileged("reports --db ro/s.db --format json");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  if (r.code == 0) {
    EXPECT_EQ(nlohmann::json::parse(r.out)["reports"].size(), 2u);
  }
  for (const char* cmd : {"yoy --db ro/s.db --format csv", "report --db ro/s.db --jurisdiction 成都市",
                          "catalogue --db ro/s.db", "track 1 2 --db ro/s.db", "check-store --db ro/s.db"}) {
    r = run_unprivileged(cmd);
    EXPECT_LE(r.code, 1) << cmd << ": " << r.err;  // track: 1 when a commitment is not met
    EXPECT_THAT(r.err, Not(HasSubstr("annals:"))) << cmd;
  }
  // Writing there is still a clear storage error.
  r = run_unprivileged("ingest --db ro/s.db " + data("chengdu-2025.txt"));
  EXPECT_EQ(r.code, 4);

  // A writer that died left its last report in s.db-wal, never checkpointed: read-only, with the
  // folder not writable, that cannot be checkpointed; the command says so on stderr.
  fs::permissions(path("ro"), fs::perms::owner_all);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    try {
      auto db = annals::store::open(path("ro/s.db"));
      const auto res = db.ingest(annals::read_report(data_dir / "chengdu-2025.txt"));
      if (res.status != annals::ingest_status::added) ::_exit(2);
      ::_exit(0);  // inside the scope: no destructor, no checkpoint, the -wal file stays
    } catch (...) {
      ::_exit(1);
    }
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  ASSERT_GT(fs::file_size(path("ro/s.db-wal")), 0u);
  fs::permissions(path("ro"), fs::perms::owner_read | fs::perms::owner_exec | fs::perms::others_read |
                                  fs::perms::others_exec);
  r = run_unprivileged("reports --db ro/s.db --format json");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, StartsWith("annals: note: ro/s.db: the folder is read-only"));
  EXPECT_THAT(r.err, HasSubstr("ro/s.db-wal"));
  fs::permissions(path("ro"), fs::perms::owner_all);
}

// ---- reports --------------------------------------------------------------------------------

TEST_F(cli_test, reports_lists_each_report_with_its_counts) {
  const std::string db = ingested_db();
  const auto j = run("reports --db " + db + " --format json");
  ASSERT_EQ(j.code, 0) << j.err;
  const auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc["schema"], "annals.reports/1");
  const auto& arr = doc["reports"];
  ASSERT_EQ(arr.size(), 3u);
  EXPECT_EQ(arr[1]["year"], 2024);
  EXPECT_EQ(arr[1]["jurisdiction"], "成都市");
  EXPECT_EQ(arr[1]["published"], "2025-01-06");
  EXPECT_EQ(arr[1]["sha256"].get<std::string>().size(), 64u);
  EXPECT_GT(arr[1]["facts"].get<int>(), 30);
  EXPECT_GT(arr[1]["commitments"].get<int>(), 5);

  const auto csv = run("reports --db " + db + " --format csv");
  ASSERT_EQ(csv.code, 0);
  EXPECT_THAT(csv.out, StartsWith("\xEF\xBB\xBFid,jurisdiction,year,issuer,title,published,recipient,source,sha256,facts,"));
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 4);

  const auto table = run("reports --db " + db + " --jurisdiction 成都市");
  ASSERT_EQ(table.code, 0);
  EXPECT_THAT(table.out, HasSubstr("3 reports in annals.db"));
  EXPECT_THAT(table.out, HasSubstr("2025-01-06"));
  const auto none = run("reports --db " + db + " --jurisdiction 重庆市 --format json");
  ASSERT_EQ(none.code, 0);
  EXPECT_EQ(nlohmann::json::parse(none.out)["reports"].size(), 0u);
}

TEST_F(cli_test, the_same_report_in_other_bytes_is_a_revision_with_a_warning_and_the_current_one_is_read) {
  const std::string db = ingested_db();
  // the 2024 report saved again with one more newline, and its stated growth changed so that the
  // commands show which one they read
  std::string text = slurp(data_dir / "chengdu-2024.txt");
  const auto at = text.find("同比增长89.6%");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, std::string("同比增长89.6%").size(), "同比增长51.2%");
  std::ofstream(path("chengdu-2024-copy.txt"), std::ios::binary) << text << "\n";
  auto r = run("ingest --db " + db + " chengdu-2024-copy.txt");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("1 added"));
  EXPECT_THAT(r.err, StartsWith("annals: warning: chengdu-2024-copy.txt: 成都市 2024 was already stored (report 2); "
                                "stored as revision 2 (report 4), now the current one"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  // the same bytes again: skipped, no warning
  r = run("ingest --db " + db + " chengdu-2024-copy.txt");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("0 added (0 facts), 1 skipped (already stored)"));
  EXPECT_EQ(r.err, "");

  // reports: one row per year, the revision marked; --revisions lists both
  auto t = run("reports --db " + db);
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_THAT(t.out, HasSubstr("3 reports in annals.db"));
  EXPECT_THAT(t.out, HasSubstr("2/2 current"));
  EXPECT_THAT(t.out, HasSubstr("chengdu-2024-copy.txt"));
  EXPECT_THAT(t.out, Not(HasSubstr("chengdu-2024.txt")));
  t = run("reports --db " + db + " --revisions");
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_THAT(t.out, HasSubstr("4 reports in annals.db"));
  EXPECT_THAT(t.out, HasSubstr("1/2"));
  const auto j = nlohmann::json::parse(run("reports --db " + db + " --revisions --format json").out)["reports"];
  ASSERT_EQ(j.size(), 4u);
  EXPECT_EQ(j[1]["year"], 2024);
  EXPECT_EQ(j[1]["current"], false);
  EXPECT_EQ(j[1]["revision"], 1);
  EXPECT_EQ(j[2]["current"], true);
  EXPECT_EQ(j[2]["revision"], 2);
  EXPECT_EQ(j[2]["revisions"], 2);
  const auto csv = run("reports --db " + db + " --format csv");
  EXPECT_THAT(csv.out, HasSubstr(",current,revision,revisions\n"));
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 4);

  // yoy and check read the current 2024 report: the stated 51.2% is checked, not the 89.6%
  const auto y = run("yoy --db " + db + " --jurisdiction 成都市 --metric 新收行政复议案件 --format json");
  ASSERT_EQ(y.code, 0) << y.err;
  bool checked = false;
  const auto yj = nlohmann::json::parse(y.out);  // named: a range-for over parse(...)["metrics"] dangles
  for (const auto& m : yj["metrics"])
    for (const auto& p : m["points"])
      if (m["metric"] == "新收行政复议案件|件" && p["year"] == 2024) {
        checked = true;
        EXPECT_EQ(p["stated"]["value"], "51.2");
        EXPECT_EQ(p["verdict"], "inconsistent");
      }
  EXPECT_TRUE(checked) << y.out;
  const auto c = run("check " + data("chengdu-2025.txt") + " --db " + db + " --format json");
  EXPECT_NE(c.code, 2) << c.err;
  EXPECT_THAT(c.out + c.err, Not(HasSubstr("holds no 2024 report")));
}

TEST_F(cli_test, reports_on_a_missing_or_unreadable_database_is_a_storage_error) {
  auto r = run("reports --db nosuch.db");
  EXPECT_EQ(r.code, 4);
  expect_one_error_line(r, "nosuch.db: ");
  EXPECT_FALSE(fs::exists(path("nosuch.db"))) << "reading must not create a database";
  {
    std::ofstream f(path("garbage.db"), std::ios::binary);
    f << std::string(4096, 'x');
  }
  r = run("reports --db garbage.db");
  EXPECT_EQ(r.code, 4);
  expect_one_error_line(r, "garbage.db: ");
}

// Issue 17, item 7 (tables): a report whose file name holds ESC sequences (an OSC that retitles
// the terminal, a CSI colour, a backspace) used to reach the terminal raw through `reports`.
TEST_F(cli_test, tables_never_send_control_characters_to_the_terminal) {
  const std::string evil = std::string("evil\x1B]0;pwned\x07\x1B[31m\b") + ".txt";
  fs::copy_file(data_dir / "chengdu-2024.txt", path(evil));
  auto r = run("ingest --db t.db " + quote(evil));
  ASSERT_EQ(r.code, 0) << r.err;
  r = run("reports --db t.db");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.find('\x1B'), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\b'), std::string::npos);
  EXPECT_EQ(r.out.find('\x07'), std::string::npos);
  EXPECT_THAT(r.out, HasSubstr("evil\\x1B]0;pwned\\x07\\x1B[31m\\x08.txt"));
  r = run("reports --db t.db --format json");  // JSON keeps the name exactly (escaped by JSON)
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(nlohmann::json::parse(r.out)["reports"][0]["source"], evil);
}

/// True when no Markdown-active character of `md` opens markup: '<' only as an entity (&lt;, so
/// never raw), '[' and ']' (links, images) backslash-escaped, and no control character at all.
bool markdown_is_inert(const std::string& md) {
  for (std::size_t i = 0; i < md.size(); ++i) {
    const auto c = static_cast<unsigned char>(md[i]);
    if (c < 0x20 && c != '\n') return false;
    if ((c == '<' || c == '[' || c == ']') && (i == 0 || md[i - 1] != '\\')) return false;
  }
  return true;
}

// Issue 17, items 6 and 7 for `check --format md`: a hostile report (title with <script>, an
// <img onerror>, a javascript: link) and a hostile file name for --prior (with a CSI sequence).
TEST_F(cli_test, check_markdown_neutralises_markup_links_and_control_characters) {
  const std::string hostile = "<script>alert(1)</script><img src=x onerror=alert(1)>[x](javascript:alert(1))";
  {
    std::string text = slurp(data_dir / "chengdu-2024.txt");
    text.insert(text.find('\n'), hostile);
    std::ofstream(path("hostile.txt"), std::ios::binary) << text;
  }
  const std::string prior_name = "<img src=x onerror=alert(1)>[x](javascript:alert(1))\x1B[31m.txt";
  fs::copy_file(data_dir / "chengdu-2023.txt", path(prior_name));
  const auto r = run("check hostile.txt --prior " + quote(prior_name) + " --format md");
  ASSERT_LE(r.code, 1) << r.err;
  EXPECT_THAT(r.out, HasSubstr("&lt;script&gt;")) << "the title is shown, escaped";
  EXPECT_THAT(r.out, HasSubstr("&lt;img src=x onerror=alert(1)&gt;\\[x\\](javascript:alert(1))"));
  EXPECT_TRUE(markdown_is_inert(r.out)) << r.out.substr(0, 600);
}

// ---- yoy --db -------------------------------------------------------------------------------

TEST_F(cli_test, yoy_db_gives_every_metric_with_computed_and_stated_growth) {
  const std::string db = ingested_db();
  const auto t = run("yoy --db " + db + " --jurisdiction 成都市 --with-growth");
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_THAT(t.out, HasSubstr("同比增长89.6%"));
  EXPECT_THAT(t.out, HasSubstr("+89.10%"));
  EXPECT_THAT(t.out, HasSubstr("inconsistent"));

  const auto j = run("yoy --db " + db + " --jurisdiction 成都市 --metric 行政复议 --format json");
  ASSERT_EQ(j.code, 0) << j.err;
  const auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc["schema"], "annals.yoy/1");
  const auto& arr = doc["metrics"];
  const nlohmann::json* fy = nullptr;
  for (const auto& m : arr)
    if (m["metric"] == "新收行政复议案件|件") fy = &m;
  ASSERT_NE(fy, nullptr) << j.out;
  ASSERT_EQ((*fy)["points"].size(), 3u);
  const auto& p2024 = (*fy)["points"][1];
  EXPECT_EQ(p2024["year"], 2024);
  EXPECT_EQ(p2024["growth_pct"], "89.10");
  EXPECT_EQ(p2024["stated"]["value"], "89.6");
  EXPECT_EQ(p2024["verdict"], "consistent");

  const auto all = run("yoy --db " + db + " --format json");
  ASSERT_EQ(all.code, 0);
  bool inconsistent_2025 = false;
  const auto allj = nlohmann::json::parse(all.out);  // named: see above
  for (const auto& m : allj["metrics"])
    for (const auto& p : m["points"])
      if (m["label"].get<std::string>().find("行政应诉") != std::string::npos && p["year"] == 2025)
        inconsistent_2025 = p["verdict"] == "inconsistent" && p["growth_pct"] == "8.28";
  EXPECT_TRUE(inconsistent_2025);

  const auto csv = run("yoy --db " + db + " --format csv --metric 行政应诉");
  ASSERT_EQ(csv.code, 0);
  EXPECT_THAT(csv.out, StartsWith("\xEF\xBB\xBFjurisdiction,metric,label,unit,year,fact,text,value,lo,hi,growth_kind,growth_pct,growth_pct_lo,growth_pct_hi,change_pp,"));
  EXPECT_THAT(csv.out, HasSubstr(",同比增长12.5%,inconsistent,"));
}

TEST_F(cli_test, yoy_db_errors) {
  const std::string db = ingested_db();
  auto r = run("yoy --db " + db + " --jurisdiction 重庆市");
  EXPECT_EQ(r.code, 2);
  expect_one_error_line(r, "yoy: 重庆市: no reports of this jurisdiction in annals.db");
  {
    std::ofstream f(path("x.db"));
    f << "not sqlite";
  }
  r = run("yoy --db x.db");
  EXPECT_EQ(r.code, 4);
  expect_one_error_line(r, "x.db: ");
}

// ---- check ----------------------------------------------------------------------------------

TEST_F(cli_test, check_finds_an_inconsistency_and_exits_1) {
  const auto r = run("check " + data("chengdu-2025.txt") + " --prior " + data("chengdu-2024.txt") + " --format json");
  EXPECT_EQ(r.code, 1) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["report"]["year"], 2025);
  EXPECT_EQ(j["earlier"]["year"], 2024);
  bool ying_su = false, fu_yi = false;
  for (const auto& c : j["changes"]) {
    if (c["text"] == "同比增长12.5%") ying_su = c["verdict"] == "inconsistent" && c["computed"] == "8.28%";
    if (c["text"] == "同比增长21.4%") fu_yi = c["verdict"] == "consistent";
  }
  EXPECT_TRUE(ying_su);
  EXPECT_TRUE(fu_yi);
  EXPECT_GE(j["inconsistent"].get<int>(), 1);
  EXPECT_FALSE(j["implied_priors"].empty());

  const auto table = run("check " + data("chengdu-2025.txt") + " --prior " + data("chengdu-2024.txt"));
  EXPECT_EQ(table.code, 1);
  EXPECT_THAT(table.out, HasSubstr("Implied prior-year values"));
}

TEST_F(cli_test, check_takes_the_year_before_from_the_store) {
  const std::string db = ingested_db();
  // 2024 (real) against the made-up 2023: the 由167支 chain does not continue 2023's 至170支
  const auto r = run("check " + data("chengdu-2024.txt") + " --db " + db + " --format md --lang en");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Checked against: "));
  EXPECT_THAT(r.out, HasSubstr("chengdu-2023.txt (2023)"));
  EXPECT_THAT(r.out, HasSubstr("由167支精简至114支"));
  EXPECT_THAT(r.out, HasSubstr("**inconsistent**"));
  EXPECT_THAT(r.out, HasSubstr("## Implied prior-year values"));
  EXPECT_THAT(r.out, HasSubstr("implied 2023 value"));
}

TEST_F(cli_test, check_without_an_earlier_report_shows_implied_priors_and_exits_0) {
  const auto r = run("check " + data("chengdu-2024.txt"));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("no earlier report given"));
  EXPECT_THAT(r.out, HasSubstr("5852.88..5908.74件"));
}

TEST_F(cli_test, check_errors) {
  auto r = run("check nosuch.txt --prior " + data("chengdu-2024.txt"));
  EXPECT_EQ(r.code, 3);
  expect_one_error_line(r, "nosuch.txt: no such file");
  // a "prior" that is later than the report is a misuse
  r = run("check " + data("chengdu-2024.txt") + " --prior " + data("chengdu-2025.txt"));
  EXPECT_EQ(r.code, 2);
  expect_one_error_line(r, "track: ");
  r = run("check " + data("chengdu-2024.txt") + " --db nosuch.db");
  EXPECT_EQ(r.code, 4);
  expect_one_error_line(r, "nosuch.db: ");
}

// ---- report ---------------------------------------------------------------------------------

TEST_F(cli_test, report_writes_a_self_contained_html_page_and_markdown) {
  const std::string db = ingested_db();
  const auto r = run("report --db " + db + " --jurisdiction 成都市 --html out.html --md out.md");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("wrote out.html"));
  EXPECT_THAT(r.out, HasSubstr("3 reports"));
  const std::string html = slurp(path("out.html"));
  EXPECT_THAT(html, StartsWith("<!doctype html>"));
  EXPECT_THAT(html, HasSubstr("成都市"));
  EXPECT_THAT(html, HasSubstr("同比增长89.6%"));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(slurp(path("out.md")), StartsWith("# 成都市 · 法治政府建设情况报告 2023–2025"));
  // the Markdown follows --lang, Chinese by default like the page
  const auto md = run("report --db " + db + " --jurisdiction 成都市");
  ASSERT_EQ(md.code, 0);
  EXPECT_THAT(md.out, HasSubstr("## 前后不一致之处"));
  EXPECT_THAT(md.out, HasSubstr("| 2024 | 起止衔接 | 全市执法队伍 | 起点167支 | 2023年止于170支 | 本年起点与上年终点不相衔接 |"));
  EXPECT_THAT(md.out, HasSubstr("| 继续部署 |"));      // carried_over
  EXPECT_THAT(md.out, HasSubstr("据此推算2024年约为"));  // an implied prior year
  EXPECT_THAT(md.out, Not(HasSubstr("## Inconsistencies")));
  EXPECT_EQ(slurp(path("out.md")), md.out);
  const auto en = run("report --db " + db + " --jurisdiction 成都市 --lang en");
  ASSERT_EQ(en.code, 0);
  EXPECT_THAT(en.out, HasSubstr("## Inconsistencies"));
  EXPECT_THAT(en.out, HasSubstr("| carried_over |"));
  EXPECT_THAT(en.out, Not(HasSubstr("前后不一致")));
  EXPECT_EQ(run("report --db " + db + " --jurisdiction 成都市 --lang fr").code, 2);
}

TEST_F(cli_test, report_errors_leave_no_file_behind) {
  const std::string db = ingested_db();
  auto r = run("report --db " + db + " --jurisdiction 重庆市 --html none.html");
  EXPECT_EQ(r.code, 2);
  expect_one_error_line(r, "report: 重庆市: no reports of this jurisdiction");
  EXPECT_FALSE(fs::exists(path("none.html")));
  r = run("report --db " + db + " --jurisdiction 成都市 --html no/such/folder/out.html");
  EXPECT_EQ(r.code, 5) << "an output that cannot be written is an output error";
  expect_one_error_line(r, "no/such/folder/out.html: cannot write: ");
  r = run("report --db missing.db --jurisdiction 成都市 --html x.html");
  EXPECT_EQ(r.code, 4);
  EXPECT_FALSE(fs::exists(path("x.html")));
  for (const auto& e : fs::directory_iterator(dir_))
    EXPECT_THAT(e.path().filename().string(), Not(StartsWith(".annals-"))) << "temporary file left behind";
}

}  // namespace

// Issue 17, item 4: `report --html s.db` used to replace the store with a web page.
TEST_F(cli_test, report_refuses_to_write_over_its_store_and_replaces_outputs_whole) {
  const std::string db = ingested_db();
  const std::string before = slurp(path(db));
  fs::create_hard_link(path(db), path("link.db"));
  for (const std::string& out : {db, "./" + db, std::string("link.db")}) {
    for (const char* flag : {"--html", "--md"}) {
      const auto r = run("report --db " + db + " --jurisdiction 成都市 " + flag + " " + out);
      EXPECT_EQ(r.code, 2) << flag << " " << out;
      expect_one_error_line(r, out + ": is the store itself (" + db + "); refusing to overwrite it");
    }
  }
  EXPECT_EQ(slurp(path(db)), before) << "the store must be untouched";
  EXPECT_EQ(run("reports --db " + db).code, 0);
  // An existing output is replaced whole through a renamed temporary file (a new inode), with
  // the usual permissions, and no temporary file is left behind.
  { std::ofstream(path("page.html")) << "old"; }
  struct stat old_st {};
  ASSERT_EQ(::stat(path("page.html").c_str(), &old_st), 0);
  auto r = run("report --db " + db + " --jurisdiction 成都市 --html page.html --md page.md");
  ASSERT_EQ(r.code, 0) << r.err;
  struct stat new_st {};
  ASSERT_EQ(::stat(path("page.html").c_str(), &new_st), 0);
  EXPECT_NE(new_st.st_ino, old_st.st_ino) << "written in place, not through a temporary file";
  const mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(new_st.st_mode & 0777, 0666 & ~mask) << "the permissions of any new file, not mkstemp's 0600";
  EXPECT_THAT(slurp(path("page.html")), StartsWith("<!doctype html>"));
  r = run("report --db " + db + " --jurisdiction 成都市 --html same.out --md same.out");
  EXPECT_EQ(r.code, 2);
  for (const auto& e : fs::directory_iterator(dir_))
    EXPECT_THAT(e.path().filename().string(), Not(StartsWith(".annals-"))) << "temporary file left behind";
}

// ---- catalogue ------------------------------------------------------------------------------

namespace {
void write_file(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
}  // namespace

TEST_F(cli_test, catalogue_export_edit_import_joins_a_metric_across_years) {
  const std::string db = ingested_db();
  const auto before = run("yoy --db " + db + " --metric 地方性法规草案 --format json");
  ASSERT_EQ(before.code, 0) << before.err;

  const auto exported = run("catalogue --db " + db + " --format csv");
  ASSERT_EQ(exported.code, 0) << exported.err;
  EXPECT_THAT(exported.out, StartsWith("\xEF\xBB\xBF" "alias,metric\n"));  // the BOM: --import skips it
  EXPECT_THAT(exported.out, HasSubstr("制定修改地方性法规草案、政府规章|件"));

  // The 2025 report words the metric differently: map its alias onto the earlier key.
  write_file(path("mapping.csv"), "alias,metric\n制定修改地方性法规草案、政府规章|件,地方性法规草案、政府规章|件\n");
  const auto imported = run("catalogue --db " + db + " --import mapping.csv");
  ASSERT_EQ(imported.code, 0) << imported.err;
  EXPECT_THAT(imported.out, HasSubstr("imported 1 rows from mapping.csv"));
  EXPECT_THAT(imported.out, HasSubstr("1 moved to another metric"));

  const auto shown = run("catalogue --db " + db + " --metric 地方性法规草案 --format json");
  ASSERT_EQ(shown.code, 0) << shown.err;
  const auto j = nlohmann::json::parse(shown.out);
  EXPECT_EQ(j["schema"], "annals.catalogue/1");
  bool moved = false;
  for (const auto& e : j["aliases"])
    if (e["alias"] == "制定修改地方性法规草案、政府规章|件") {
      EXPECT_EQ(e["metric"], "地方性法规草案、政府规章|件");
      EXPECT_EQ(e["user_defined"], true);
      moved = true;
    }
  EXPECT_TRUE(moved) << shown.out;

  // The series now has one more year than before the mapping.
  const auto after = run("yoy --db " + db + " --metric 地方性法规草案 --format json");
  ASSERT_EQ(after.code, 0) << after.err;
  auto years = [](const std::string& json) {
    std::size_t n = 0;
    const auto parsed = nlohmann::json::parse(json);  // named: a range-for over parse(...)["metrics"] dangles
    for (const auto& m : parsed["metrics"]) n = std::max(n, m["points"].size());
    return n;
  };
  EXPECT_GT(years(after.out), years(before.out)) << before.out << "\n---\n" << after.out;
}

TEST_F(cli_test, catalogue_import_errors_change_nothing) {
  const std::string db = ingested_db();
  const auto original = run("catalogue --db " + db + " --format csv");
  ASSERT_EQ(original.code, 0);

  // The second row is malformed (no unit): the whole import is refused, the first row included.
  write_file(path("bad.csv"), "alias,metric\n制定修改地方性法规草案、政府规章|件,地方性法规草案、政府规章|件\n"
                              "行政应诉案件,行政复议案件\n");
  const auto bad = run("catalogue --db " + db + " --import bad.csv");
  EXPECT_EQ(bad.code, 3);
  expect_one_error_line(bad, "bad.csv: line 3: ");
  EXPECT_EQ(run("catalogue --db " + db + " --format csv").out, original.out);

  // Different units never share a metric.
  write_file(path("units.csv"), "alias,metric\n抽考行政执法人员|人次,抽考行政执法人员|人\n");
  const auto units = run("catalogue --db " + db + " --import units.csv");
  EXPECT_EQ(units.code, 3);
  expect_one_error_line(units, "units.csv: line 2: ");
  EXPECT_EQ(run("catalogue --db " + db + " --format csv").out, original.out);

  const auto missing = run("catalogue --db " + db + " --import nowhere.csv");
  EXPECT_EQ(missing.code, 3);
  expect_one_error_line(missing, "nowhere.csv: no such file");

  const auto no_store = run("catalogue --db none.db --import bad.csv");
  EXPECT_EQ(no_store.code, 4);
  expect_one_error_line(no_store, "none.db: no such store");
  EXPECT_FALSE(fs::exists(path("none.db")));

  const auto both = run("catalogue --db " + db + " --import bad.csv --metric x");
  EXPECT_EQ(both.code, 2);
}

TEST_F(cli_test, error_lines_stay_one_printable_line_whatever_the_file_name) {
  // A name with a newline and a terminal escape sequence, and one with a byte that is not UTF-8.
  const auto r = run("extract " + quote("no\nsuch\x1B[31mfile.txt"));
  EXPECT_EQ(r.code, 3);
  expect_one_error_line(r, "no\\nsuch\\x1B[31mfile.txt: no such file");
  const auto bad = run("extract " + quote("bad\xFFname.txt"));
  EXPECT_EQ(bad.code, 3);
  expect_one_error_line(bad, "bad\xEF\xBF\xBDname.txt: no such file");
}
