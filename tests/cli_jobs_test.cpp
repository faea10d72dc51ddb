// `annals extract` and `annals ingest` on several threads (issue 15): whatever --jobs, the same
// bytes on stdout and stderr and the same exit code as with one job, on many files, with failing
// files among them; nothing on stdout when a file fails, even past the output held in memory; a
// store filled on several threads holds what one thread stores, survives kill -9 and takes the
// same files again as already stored; --jobs takes only a positive number.
#include "cli_run.hpp"

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using annals::test::cli_result;
using annals::test::run_sh;
using annals::test::scratch_dir;
using annals::test::slurp;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const fs::path data_dir = ANNALS_DATA_DIR;

/// Writes `count` report files into dir/in: the three bundled reports in turn, each copy with a
/// figure of its own (so that every file has its own sha256 and its own output), and returns
/// their names in order, as a shell word list.
std::string make_reports(const fs::path& dir, int count) {
  const std::string texts[] = {slurp(data_dir / "chengdu-2023.txt"), slurp(data_dir / "chengdu-2024.txt"),
                               slurp(data_dir / "chengdu-2025.txt")};
  fs::create_directories(dir / "in");
  std::string names;
  for (int i = 0; i < count; ++i) {
    const std::string name = "in/r" + std::to_string(100 + i) + ".txt";
    std::ofstream(dir / name, std::ios::binary)
        << texts[i % 3] << "\n另有" << (i + 1) * 7 << "家单位完成整改。\n";
    names += (names.empty() ? "" : " ") + name;
  }
  return names;
}

void expect_same(const cli_result& a, const cli_result& b, const std::string& what) {
  EXPECT_EQ(a.code, b.code) << what;
  EXPECT_TRUE(a.out == b.out) << what << ": stdout differs (" << a.out.size() << " and " << b.out.size() << " bytes)";
  EXPECT_EQ(a.err, b.err) << what;
}

TEST(cli_jobs_test, every_format_is_the_same_bytes_in_input_order_whatever_the_jobs) {
  const scratch_dir dir;
  const std::string files = make_reports(dir.path, 48);
  for (const char* format : {"json", "jsonl", "csv", "md"}) {
    const cli_result one = run_sh(dir.path, std::string("\"$ANNALS\" extract --jobs 1 --format ") + format + " " + files);
    ASSERT_EQ(one.code, 0) << one.err;
    EXPECT_THAT(one.out, HasSubstr("in/r147.txt"));
    // the files appear in the order given: r100 before r101 … before r147
    std::size_t at = 0;
    for (int i = 0; i < 48; ++i) {
      const std::size_t next = one.out.find("in/r" + std::to_string(100 + i) + ".txt", at);
      ASSERT_NE(next, std::string::npos) << format << ": r" << 100 + i << " missing or out of order";
      at = next;
    }
    for (const char* jobs : {"2", "3", "8"})
      expect_same(one, run_sh(dir.path, std::string("\"$ANNALS\" extract --jobs ") + jobs + " --format " + format + " " + files),
                  std::string(format) + " --jobs " + jobs);
  }
  // the default (the machine's cores) too, and the long form of the flag
  expect_same(run_sh(dir.path, "\"$ANNALS\" extract -j 1 " + files), run_sh(dir.path, "\"$ANNALS\" extract " + files),
              "default jobs");
}

TEST(cli_jobs_test, a_failing_file_among_many_gives_the_same_errors_and_nothing_on_stdout) {
  const scratch_dir dir;
  std::string files = make_reports(dir.path, 40);
  {
    std::ofstream(dir.path / "in/empty.txt");
    std::ofstream(dir.path / "in/old.doc", std::ios::binary) << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)
                                                             << std::string(600, '\0');
  }
  // an unsupported file early, an empty one late, one more good file after it
  const std::string many = "in/r100.txt in/old.doc " + files + " in/empty.txt in/r101.txt";
  for (const char* extra : {"", "--skip-unsupported "}) {
    const cli_result one = run_sh(dir.path, std::string("\"$ANNALS\" extract --jobs 1 ") + extra + many);
    EXPECT_EQ(one.code, 3);
    EXPECT_EQ(one.out, "");
    EXPECT_THAT(one.err, StartsWith("annals: in/"));
    for (const char* jobs : {"2", "4"})
      expect_same(one, run_sh(dir.path, std::string("\"$ANNALS\" extract --jobs ") + jobs + " " + extra + many),
                  std::string("extract ") + extra + "--jobs " + jobs);
  }
  const cli_result skipped = run_sh(dir.path, "\"$ANNALS\" extract --jobs 3 --skip-unsupported " + many);
  EXPECT_EQ(skipped.err, "annals: in/old.doc: unsupported (binary Office file), convert to .docx (skipped)\n"
                         "annals: in/empty.txt: empty file\n")
      << "the unsupported file is named, then the empty one fails the command";
}

/// `cmdline` with its stdout through a pipe (`| cat`), its exit code kept: the spool's path for
/// output that is not a regular file.
std::string piped(const std::string& cmdline) { return "{ " + cmdline + "; echo $? >.code; } | cat; exit $(cat .code)"; }

TEST(cli_jobs_test, output_past_the_memory_held_goes_through_a_temporary_file_and_never_partly_to_stdout) {
  const scratch_dir dir;
  const std::string files = make_reports(dir.path, 24);
  fs::create_directories(dir.path / "tmp");
  // stdout a pipe, 64 kB in memory: the JSON of 24 reports (about 1 MB) goes through the temporary file
  const std::string env = "ANNALS_SPOOL_MEMORY=65536 TMPDIR=tmp ";
  const cli_result in_memory = run_sh(dir.path, piped("\"$ANNALS\" extract --jobs 2 " + files));
  ASSERT_EQ(in_memory.code, 0) << in_memory.err;
  ASSERT_GT(in_memory.out.size(), 4u * 65536);
  const cli_result spilled = run_sh(dir.path, piped(env + "\"$ANNALS\" extract --jobs 2 " + files));
  expect_same(in_memory, spilled, "through the temporary file");
  EXPECT_TRUE(fs::is_empty(dir.path / "tmp")) << "the temporary file is unlinked";
  {
    std::ofstream(dir.path / "in/empty.txt");
  }
  const cli_result failed = run_sh(dir.path, piped(env + "\"$ANNALS\" extract --jobs 2 " + files + " in/empty.txt"));
  EXPECT_EQ(failed.code, 3);
  EXPECT_EQ(failed.out, "") << "nothing partial on stdout";
  EXPECT_EQ(failed.err, "annals: in/empty.txt: empty file\n");
  EXPECT_TRUE(fs::is_empty(dir.path / "tmp"));
  // a temporary folder that cannot be written: an output error (5), nothing on stdout
  const cli_result no_tmp =
      run_sh(dir.path, piped("ANNALS_SPOOL_MEMORY=65536 TMPDIR=no-such-folder \"$ANNALS\" extract " + files));
  EXPECT_EQ(no_tmp.code, 5);
  EXPECT_EQ(no_tmp.out, "");
  EXPECT_THAT(no_tmp.err, StartsWith("annals: no-such-folder/annals-out."));
  EXPECT_THAT(no_tmp.err, HasSubstr(": cannot write: No such file or directory\n"));
  // stdout that cannot take it: exit 5 as for output held in memory
  const cli_result full = run_sh(dir.path, env + "\"$ANNALS\" extract " + files + " >/dev/full");
  EXPECT_EQ(full.code, 5);
  EXPECT_EQ(full.err, "annals: stdout: cannot write: No space left on device\n");
}

// `> /dev/null`: nothing could be seen of a partial output, so nothing is held back or spooled
// (a temporary folder that does not exist is never needed); the exit code and stderr are those of
// any other stdout.
TEST(cli_jobs_test, output_to_the_null_device_is_dropped_as_it_comes_and_needs_no_temporary_file) {
  const scratch_dir dir;
  const std::string files = make_reports(dir.path, 24);
  const std::string env = "ANNALS_SPOOL_MEMORY=65536 TMPDIR=no-such-folder ";
  const cli_result ok = run_sh(dir.path, env + "\"$ANNALS\" extract --jobs 2 " + files + " >/dev/null");
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(ok.err, "");
  {
    std::ofstream(dir.path / "in/empty.txt");
  }
  const cli_result failed = run_sh(dir.path, env + "\"$ANNALS\" extract --jobs 2 " + files + " in/empty.txt >/dev/null");
  EXPECT_EQ(failed.code, 3);
  EXPECT_EQ(failed.err, "annals: in/empty.txt: empty file\n");
  // the same through a pipe still needs the temporary folder past 64 kB (the test above)
  const cli_result piped_out = run_sh(dir.path, piped(env + "\"$ANNALS\" extract --jobs 2 " + files));
  EXPECT_EQ(piped_out.code, 5);
}

TEST(cli_jobs_test, a_regular_file_as_stdout_is_written_directly_and_cut_back_when_the_command_fails) {
  const scratch_dir dir;
  const std::string files = make_reports(dir.path, 24);
  fs::create_directories(dir.path / "tmp");
  const std::string env = "ANNALS_SPOOL_MEMORY=65536 TMPDIR=tmp ";
  const cli_result reference = run_sh(dir.path, piped("\"$ANNALS\" extract --jobs 2 " + files));
  ASSERT_EQ(reference.code, 0) << reference.err;
  // the same bytes straight into a file, whatever the jobs, and no temporary file
  for (const char* jobs : {"1", "2"}) {
    const cli_result direct = run_sh(dir.path, env + "\"$ANNALS\" extract --jobs " + jobs + " " + files);
    expect_same(reference, direct, std::string("into a file, --jobs ") + jobs);
    EXPECT_TRUE(fs::is_empty(dir.path / "tmp"));
  }
  // appended (>>) after what the file held: that stays, the output follows it
  const std::string before = "earlier content\n";
  std::ofstream(dir.path / "out.json", std::ios::binary) << before;
  cli_result appended = run_sh(dir.path, env + "\"$ANNALS\" extract " + files + " >>out.json");
  EXPECT_EQ(appended.code, 0) << appended.err;
  EXPECT_TRUE(slurp(dir.path / "out.json") == before + reference.out);
  // a failing file after more than 64 kB were written: the file is cut back to what it held
  {
    std::ofstream(dir.path / "in/empty.txt");
  }
  std::ofstream(dir.path / "out.json", std::ios::binary | std::ios::trunc) << before;
  for (const char* jobs : {"1", "2"}) {
    const cli_result failed =
        run_sh(dir.path, env + "\"$ANNALS\" extract --jobs " + jobs + " " + files + " in/empty.txt >>out.json");
    EXPECT_EQ(failed.code, 3);
    EXPECT_EQ(failed.err, "annals: in/empty.txt: empty file\n");
    EXPECT_EQ(slurp(dir.path / "out.json"), before) << "--jobs " << jobs;
  }
  // written in the middle of a file (1<>): not at its end, so spooled, and the rest of the file stays
  std::ofstream(dir.path / "mid.txt", std::ios::binary) << "0123456789";
  const cli_result middle = run_sh(dir.path, env + "\"$ANNALS\" extract " + files + " in/empty.txt 1<>mid.txt");
  EXPECT_EQ(middle.code, 3);
  EXPECT_EQ(slurp(dir.path / "mid.txt"), "0123456789");
}

TEST(cli_jobs_test, a_signal_while_writing_a_regular_file_cuts_it_back) {
  const scratch_dir dir;
  const std::string files = make_reports(dir.path, 24);
  const std::string before = "earlier content\n";
  for (const char* sig : {"INT", "TERM", "HUP"}) {
    std::ofstream(dir.path / "out.json", std::ios::binary | std::ios::trunc) << before;
    // the reports, then standard input, a FIFO that a sleeping writer holds open: the tool has
    // written more than 64 kB of output into the file and waits; then the signal
    const std::string script =
        "rm -f fifo; mkfifo fifo; (sleep 60 >fifo) & writer=$!; "
        "ANNALS_SPOOL_MEMORY=65536 \"$ANNALS\" extract --jobs 1 " + files + " - <fifo >>out.json 2>tool.err & tool=$!; "
        "i=0; while [ $(wc -c <out.json) -le 70000 ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; "
        "wc -c <out.json >written; kill -" + sig + " $tool; wait $tool; echo $? >status; kill $writer; wait $writer; exit 0";
    const cli_result r = run_sh(dir.path, script);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_GT(std::stoul(slurp(dir.path / "written")), 70000u) << sig << ": the output was being written directly";
    const int status = std::stoi(slurp(dir.path / "status"));
    EXPECT_GT(status, 128) << sig << ": the tool ends by the signal";
    EXPECT_EQ(slurp(dir.path / "out.json"), before) << sig << ": the file is cut back to what it held";
  }
}

/// The reports of a store as `annals reports --revisions --format csv` lists them (ids, sources,
/// sha256, counts, revisions), without the ingest times (column 13).
std::string stored(const fs::path& dir, const std::string& db) {
  const cli_result r =
      run_sh(dir, "\"$ANNALS\" reports --revisions --db " + db + " --format csv | cut -d, -f1-12,14-");
  EXPECT_EQ(r.code, 0) << r.err;
  return r.out;
}

TEST(cli_jobs_test, ingest_on_several_threads_stores_what_one_stores_and_again_skips_everything) {
  const scratch_dir dir;
  make_reports(dir.path, 30);
  {
    std::ofstream(dir.path / "in/empty.txt");
  }
  const cli_result one = run_sh(dir.path, "\"$ANNALS\" ingest --jobs 1 --db one.db in");
  EXPECT_EQ(one.code, 3);
  EXPECT_THAT(one.err, HasSubstr("annals: in/empty.txt: empty file\n"));
  EXPECT_THAT(one.err, HasSubstr("30 added"));
  for (const char* jobs : {"2", "5"}) {
    const std::string db = std::string("j") + jobs + ".db";
    const cli_result many = run_sh(dir.path, std::string("\"$ANNALS\" ingest --jobs ") + jobs + " --db " + db + " in");
    EXPECT_EQ(many.code, one.code);
    EXPECT_EQ(many.out, "");
    std::string expected = one.err;
    expected.replace(expected.find("one.db"), 6, db);
    EXPECT_EQ(many.err, expected);
    EXPECT_EQ(stored(dir.path, db), stored(dir.path, "one.db"));
    const cli_result again = run_sh(dir.path, std::string("\"$ANNALS\" ingest --jobs ") + jobs + " --db " + db + " in");
    EXPECT_EQ(again.code, 3);
    EXPECT_THAT(again.err, HasSubstr("0 added (0 facts), 30 skipped (already stored), 1 failed"));
    EXPECT_EQ(stored(dir.path, db), stored(dir.path, "one.db"));
  }
}

TEST(cli_jobs_test, ingest_killed_on_several_threads_leaves_whole_reports_and_a_rerun_completes) {
  const scratch_dir dir;
  make_reports(dir.path, 60);
  ASSERT_EQ(run_sh(dir.path, "\"$ANNALS\" ingest --jobs 1 --db whole.db in").code, 0);
  // kill -9 at moments spread over the ingest, each run carrying on from the last
  for (const char* delay : {"0.05", "0.15", "0.3", "0.6", "1"}) {
    const cli_result killed = run_sh(
        dir.path, std::string("\"$ANNALS\" ingest --jobs 3 -q --db c.db in & pid=$!; sleep ") + delay +
                      "; kill -9 $pid 2>/dev/null; wait $pid; true");
    (void)killed;
    const cli_result check = run_sh(dir.path, "\"$ANNALS\" check-store --db c.db");
    if (fs::exists(dir.path / "c.db")) {
      EXPECT_EQ(check.code, 0) << check.err << " after a kill at " << delay << " s";
    }
  }
  const cli_result rest = run_sh(dir.path, "\"$ANNALS\" ingest --jobs 3 --db c.db in");
  ASSERT_EQ(rest.code, 0) << rest.err;
  EXPECT_THAT(rest.out, HasSubstr("ingested 60 files into c.db"));
  EXPECT_EQ(stored(dir.path, "c.db"), stored(dir.path, "whole.db"));
}

/// Lines of `text`, split at '\n' (the last one ends with it).
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto end = text.find('\n', at);
    out.push_back(text.substr(at, end - at));
    at = end == std::string::npos ? text.size() : end + 1;
  }
  return out;
}

/// The four made-up jurisdictions of the store make_four_places() fills.
const std::vector<std::string> four_places = {"成都市", "绵阳市", "德阳市", "乐山市"};

/// dir/s.db: the bundled reports of 2023–2025 under each of four_places (the city's name
/// replaced), twelve reports, three consecutive years each.
void make_four_places(const fs::path& dir) {
  fs::create_directories(dir / "in");
  for (const std::string& place : four_places)
    for (const char* year : {"2023", "2024", "2025"}) {
      std::string text = slurp(data_dir / (std::string("chengdu-") + year + ".txt"));
      for (auto at = text.find("成都市"); at != std::string::npos; at = text.find("成都市", at + place.size()))
        text.replace(at, std::string("成都市").size(), place);
      std::ofstream(dir / "in" / (place + year + ".txt"), std::ios::binary) << text;
    }
  const cli_result ingested = run_sh(dir, "\"$ANNALS\" ingest -q --db s.db in");
  ASSERT_EQ(ingested.code, 0) << ingested.err;
}

TEST(cli_jobs_test, yoy_of_every_jurisdiction_is_the_same_bytes_whatever_the_jobs_and_each_jurisdictions_rows_in_turn) {
  const scratch_dir dir;
  make_four_places(dir.path);
  const auto& places = four_places;
  for (const char* format : {"csv", "jsonl", "md"}) {
    const cli_result one = run_sh(dir.path, std::string("\"$ANNALS\" yoy --db s.db --jobs 1 --format ") + format);
    ASSERT_EQ(one.code, 0) << one.err;
    for (const char* jobs : {"2", "3"}) {
      expect_same(one, run_sh(dir.path, std::string("\"$ANNALS\" yoy --db s.db --jobs ") + jobs + " --format " + format),
                  std::string("yoy --db --format ") + format + " --jobs " + jobs);
      expect_same(one, run_sh(dir.path, piped(std::string("\"$ANNALS\" yoy --db s.db --jobs ") + jobs + " --format " + format)),
                  std::string("yoy --db through a pipe --format ") + format + " --jobs " + jobs);
    }
    // all of them = the header once, then each jurisdiction's rows as --jurisdiction gives them
    const std::ptrdiff_t head = std::string(format) == "csv" ? 1 : std::string(format) == "md" ? 2 : 0;
    const auto all = lines_of(one.out);
    std::ptrdiff_t rows = head;
    for (const std::string& place : places) {
      const cli_result own = run_sh(dir.path, "\"$ANNALS\" yoy --db s.db --jurisdiction " + place + " --format " + format);
      ASSERT_EQ(own.code, 0) << own.err;
      const auto mine = lines_of(own.out);
      ASSERT_GT(std::ssize(mine), head + 5) << place;
      if (head) {
        EXPECT_EQ(std::vector<std::string>(mine.begin(), mine.begin() + head),
                  std::vector<std::string>(all.begin(), all.begin() + head));
      }
      const auto block = std::search(all.begin(), all.end(), mine.begin() + head, mine.end());
      EXPECT_NE(block, all.end()) << format << ": the rows of " << place << " in one piece";
      rows += std::ssize(mine) - head;
    }
    EXPECT_EQ(std::ssize(all), rows) << format;
  }
  // a store without reports: the header alone
  const cli_result empty = run_sh(dir.path, "\"$ANNALS\" migrate --db e.db >/dev/null && \"$ANNALS\" yoy --db e.db --format csv");
  EXPECT_EQ(empty.code, 0) << empty.err;
  EXPECT_EQ(lines_of(empty.out).size(), 1u);
  EXPECT_THAT(empty.out, StartsWith("\xEF\xBB\xBFjurisdiction,metric,"));
  const cli_result bad = run_sh(dir.path, "\"$ANNALS\" yoy --db s.db --jobs 0 --format csv");
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(bad.out, "");
}

/// four_places in the store's order (by name).
std::vector<std::string> places_by_name() {
  std::vector<std::string> places = four_places;
  std::sort(places.begin(), places.end());
  return places;
}

/// `yoy --db s.db` of every jurisdiction with `args`, --jobs 1, after checking that --jobs 2 and 3
/// give the same bytes.
cli_result yoy_whatever_the_jobs(const fs::path& dir, const std::string& args) {
  const cli_result one = run_sh(dir, "\"$ANNALS\" yoy --db s.db --jobs 1" + args);
  EXPECT_EQ(one.code, 0) << one.err;
  for (const char* jobs : {"2", "3"})
    expect_same(one, run_sh(dir, std::string("\"$ANNALS\" yoy --db s.db --jobs ") + jobs + args),
                "yoy --db" + args + " --jobs " + jobs);
  return one;
}

// yoy --db --format json of every jurisdiction is written jurisdiction by jurisdiction (memory of a
// few, not of the store): one document {"metrics": [...], "schema"} whatever the jobs, its metrics
// those of each --jurisdiction in turn, written as that command writes them.
TEST(cli_jobs_test, yoy_json_of_every_jurisdiction_is_one_document_of_each_jurisdictions_metrics_in_turn) {
  const scratch_dir dir;
  make_four_places(dir.path);
  for (const char* filter : {"", " --stated"}) {
    const cli_result one = yoy_whatever_the_jobs(dir.path, std::string(" --format json") + filter);
    ASSERT_EQ(one.code, 0) << one.err;
    const nlohmann::json doc = nlohmann::json::parse(one.out);
    EXPECT_EQ(doc.at("schema"), "annals.yoy/1");
    nlohmann::json expected = nlohmann::json::array();
    for (const std::string& place : places_by_name()) {
      const cli_result own =
          run_sh(dir.path, "\"$ANNALS\" yoy --db s.db --jurisdiction " + place + " --format json" + filter);
      ASSERT_EQ(own.code, 0) << own.err;
      const auto mine = nlohmann::json::parse(own.out).at("metrics");
      ASSERT_FALSE(mine.empty()) << place;
      for (const auto& m : mine) expected.push_back(m);
    }
    EXPECT_EQ(doc.at("metrics"), expected) << filter;
    // written as the one-jurisdiction document is: nlohmann's two-space indentation
    EXPECT_EQ(one.out, doc.dump(2) + "\n") << filter;
  }
  // a store without reports: an empty list
  const cli_result empty = run_sh(dir.path, "\"$ANNALS\" migrate --db e.db >/dev/null && \"$ANNALS\" yoy --db e.db --format json");
  EXPECT_EQ(empty.code, 0) << empty.err;
  EXPECT_EQ(empty.out, "{\n  \"metrics\": [],\n  \"schema\": \"annals.yoy/1\"\n}\n");
}

// The table of every jurisdiction is built row by row (its rows wait in a temporary file for the
// columns' final widths): the same bytes whatever the jobs; a "== place" line before each
// jurisdiction, in the store's order, then its rows as --jurisdiction shows them (compared with
// runs of spaces folded: the widths are the whole table's); the counts are the sums.
TEST(cli_jobs_test, yoy_table_of_every_jurisdiction_is_each_jurisdictions_rows_in_turn) {
  const scratch_dir dir;
  make_four_places(dir.path);
  const auto fold = [](const std::string& line) {
    std::string out;
    for (const char c : line)
      if (c != ' ' || (!out.empty() && out.back() != ' ')) out += c;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  };
  const auto counts_of = [](const std::string& last) {  // "N metrics, M metric-years, K inconsistent"
    std::vector<long> n;
    for (std::size_t i = 0; i < last.size();) {
      if (last[i] < '0' || last[i] > '9') {
        ++i;
        continue;
      }
      std::size_t used = 0;
      n.push_back(std::stol(last.substr(i), &used));
      i += used;
    }
    return n;
  };
  for (const char* filter : {"", " --stated"}) {
    const cli_result one = yoy_whatever_the_jobs(dir.path, filter);
    ASSERT_EQ(one.code, 0) << one.err;
    const auto all = lines_of(one.out);
    ASSERT_GE(all.size(), 3u);
    std::vector<std::string> expected;
    std::vector<long> sums(3, 0);
    for (const std::string& place : places_by_name()) {
      const cli_result own = run_sh(dir.path, "\"$ANNALS\" yoy --db s.db --jurisdiction " + place + filter);
      ASSERT_EQ(own.code, 0) << own.err;
      const auto mine = lines_of(own.out);
      ASSERT_GE(mine.size(), 4u) << place;  // header, rule, rows, counts
      expected.push_back("== " + place);
      for (std::size_t i = 2; i + 1 < mine.size(); ++i) expected.push_back(fold(mine[i]));
      const auto n = counts_of(mine.back());
      ASSERT_EQ(n.size(), 3u) << mine.back();
      for (std::size_t k = 0; k < 3; ++k) sums[k] += n[k];
    }
    std::vector<std::string> got;
    for (std::size_t i = 2; i + 1 < all.size(); ++i) got.push_back(fold(all[i]));
    EXPECT_EQ(got, expected) << filter;
    EXPECT_EQ(counts_of(all.back()), sums) << all.back();
    EXPECT_EQ(fold(all[0]), "metric year year before figure growth allowed stated verdict why");
  }
}

TEST(cli_jobs_test, track_all_is_every_pair_of_consecutive_years_as_track_of_each_gives_it) {
  const scratch_dir dir;
  make_four_places(dir.path);
  // the pairs, as `annals reports` lists the current reports: id, jurisdiction, year
  const cli_result listed = run_sh(dir.path, "\"$ANNALS\" reports --db s.db --format csv --no-bom | cut -d, -f1,2,3");
  ASSERT_EQ(listed.code, 0) << listed.err;
  for (const char* format : {"csv", "jsonl", "md"}) {
    const cli_result all = run_sh(dir.path, std::string("\"$ANNALS\" track --db s.db --all --jobs 1 --format ") + format);
    ASSERT_TRUE(all.code == 0 || all.code == 1) << all.err;
    for (const char* jobs : {"2", "3"})
      expect_same(all, run_sh(dir.path, std::string("\"$ANNALS\" track --db s.db --all --jobs ") + jobs + " --format " + format),
                  std::string("track --all --format ") + format + " --jobs " + jobs);
    // the same records as `track --db A B` of each pair in turn: eight pairs (4 places x 2)
    const std::ptrdiff_t head = std::string(format) == "csv" ? 1 : 0;
    std::vector<std::string> expected;
    std::map<std::string, std::vector<std::pair<int, std::string>>> by_place;
    for (const auto& line : lines_of(listed.out)) {
      const auto c1 = line.find(','), c2 = line.find(',', c1 + 1);
      if (line.compare(0, c1, "id") == 0) continue;
      by_place[line.substr(c1 + 1, c2 - c1 - 1)].emplace_back(std::stoi(line.substr(c2 + 1)), line.substr(0, c1));
    }
    std::size_t pairs = 0;
    int worst = 0;
    for (auto& [place, years] : by_place) {  // the store lists jurisdictions by name: so does std::map
      std::sort(years.begin(), years.end());
      for (std::size_t i = 0; i + 1 < years.size(); ++i) {
        const cli_result one = run_sh(dir.path, "\"$ANNALS\" track " + years[i].second + " " + years[i + 1].second +
                                                    " --db s.db --format " + format);
        worst = std::max(worst, one.code);
        const auto mine = lines_of(one.out);
        if (std::string(format) == "md") {  // each pair's Markdown, a rule between them
          if (!expected.empty()) expected.insert(expected.end(), {"", "---", ""});
          expected.insert(expected.end(), mine.begin(), mine.end());
        } else {
          if (expected.empty()) expected.insert(expected.end(), mine.begin(), mine.begin() + head);
          expected.insert(expected.end(), mine.begin() + head, mine.end());
        }
        ++pairs;
      }
    }
    EXPECT_EQ(pairs, 8u);
    EXPECT_EQ(lines_of(all.out), expected) << format;
    EXPECT_EQ(all.code, worst) << "exit 1 when any pair has an inconsistency";
  }
  // usage errors, exit 2, nothing on stdout
  for (const char* bad : {"track --all --format csv", "track --db s.db --all 1 2 --format csv",
                          "track --db s.db --all --format json", "track --db s.db --all --jobs 0 --format csv",
                          "track --db s.db"}) {
    const cli_result r = run_sh(dir.path, std::string("\"$ANNALS\" ") + bad);
    EXPECT_EQ(r.code, 2) << bad << ": " << r.err;
    EXPECT_EQ(r.out, "") << bad;
  }
}

TEST(cli_jobs_test, jobs_takes_only_a_positive_number) {
  const scratch_dir dir;
  const std::string report = annals::test::sh_quote((data_dir / "chengdu-2024.txt").string());
  for (const char* bad : {"0", "-1", "two", "1.5", ""})
    for (const std::string& command : {"extract " + report + " --jobs ", "ingest --db x.db " + report + " --jobs "}) {
      const cli_result r = run_sh(dir.path, "\"$ANNALS\" " + command + "'" + bad + "'");
      EXPECT_EQ(r.code, 2) << command << bad;
      EXPECT_EQ(r.out, "") << command << bad;
      EXPECT_THAT(r.err, StartsWith("annals: usage: ")) << command << bad;
      EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
  EXPECT_FALSE(fs::exists(dir.path / "x.db")) << "a usage error touches no store";
}

// The tool's allocator settings (examples/annals/main.cpp, malloc_conf): built with jemalloc, it
// asks for transparent huge pages, and MALLOC_CONF in the environment still overrides that.
// jemalloc prints its options at exit with stats_print; a tool on the C library's malloc (the
// sanitizer builds of `make test`, or no libjemalloc-dev) has nothing to check.
TEST(cli_jobs_test, the_tool_on_jemalloc_asks_for_huge_pages_unless_the_environment_says_otherwise) {
  const scratch_dir dir;
  const cli_result r = run_sh(dir.path, "MALLOC_CONF=stats_print:true \"$ANNALS\" --version");
  ASSERT_EQ(r.code, 0) << r.err;
  if (r.err.find("jemalloc statistics") == std::string::npos)
    GTEST_SKIP() << "the tool uses the C library's malloc here (sanitizers, ANNALS_TOOL_JEMALLOC=OFF or no "
                    "libjemalloc-dev): no allocator options to check";
  EXPECT_THAT(r.err, HasSubstr("opt.thp: \"always\""));
  EXPECT_THAT(r.err, HasSubstr("opt.metadata_thp: \"always\""));
  const cli_result overridden = run_sh(dir.path, "MALLOC_CONF=stats_print:true,thp:default \"$ANNALS\" --version");
  ASSERT_EQ(overridden.code, 0) << overridden.err;
  EXPECT_THAT(overridden.err, HasSubstr("opt.thp: \"default\""));
}

}  // namespace
