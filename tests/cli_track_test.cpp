// `annals track` and `annals timeline`, run as a user runs them: outputs, exit codes, the store.

#include <annals/reader.hpp>
#include <annals/store.hpp>
#include <annals/track.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

using ::testing::HasSubstr;

const std::string data = ANNALS_DATA_DIR;

struct run_result {
  int code = -1;
  std::string out;
  std::string err;
};

std::filesystem::path temp(const std::string& name) {
  return std::filesystem::temp_directory_path() / ("annals_cli_track_" + std::to_string(::getpid()) + "_" + name);
}

run_result run(const std::string& args) {
  const auto err_file = temp("stderr.txt");
  const std::string cmd = std::string(ANNALS_CLI) + " " + args + " 2>" + err_file.string();
  run_result r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream e(err_file);
  r.err.assign(std::istreambuf_iterator<char>(e), std::istreambuf_iterator<char>());
  std::filesystem::remove(err_file);
  return r;
}

TEST(cli_track, two_report_files_as_json_and_markdown) {
  const auto j = run("track " + data + "/chengdu-2024.txt " + data + "/chengdu-2025.txt");
  EXPECT_EQ(j.code, 1) << j.err;  // the made-up 2025 report states an inconsistent growth
  EXPECT_THAT(j.out, HasSubstr("\"schema\": \"annals.tracking/1\""));
  EXPECT_THAT(j.out, HasSubstr("\"rubric\": \"annals-track/1\""));
  EXPECT_THAT(j.out, HasSubstr("\"status\": \"carried_over\""));
  const auto md = run("track " + data + "/chengdu-2024.txt " + data + "/chengdu-2025.txt --format md --lang en");
  EXPECT_EQ(md.code, 1);
  EXPECT_THAT(md.out, HasSubstr("## Inconsistencies"));
  EXPECT_THAT(md.out, HasSubstr("| fulfilled |"));
  // Chinese unless --lang en (issue 13), --lang in any case; anything else is a usage error
  const auto zh = run("track " + data + "/chengdu-2024.txt " + data + "/chengdu-2025.txt --format md");
  EXPECT_EQ(zh.code, 1);
  EXPECT_THAT(zh.out, HasSubstr("## 前后不一致之处"));
  EXPECT_THAT(zh.out, HasSubstr("| 已完成 |"));
  EXPECT_EQ(run("track " + data + "/chengdu-2024.txt " + data + "/chengdu-2025.txt --format md --lang ZH").out, zh.out);
  const auto bad = run("track " + data + "/chengdu-2024.txt " + data + "/chengdu-2025.txt --format md --lang fr");
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--lang"));
  EXPECT_THAT(bad.err, HasSubstr("'fr' is not a language; zh or en"));
  EXPECT_TRUE(bad.out.empty());
  // the same input, the same output
  EXPECT_EQ(run("track " + data + "/chengdu-2024.txt " + data + "/chengdu-2025.txt").out, j.out);
}

// `track --db A B` and `track --db --all` compare the stored reports' figures as `track` of the
// two files does (the catalogue's seeded entries are no aliases; only the user's mappings are).
TEST(cli_track, stored_reports_give_the_figures_the_files_give) {
  const auto db_path = temp("same_figures.db");
  std::filesystem::remove(db_path);
  std::int64_t ids[2] = {};
  {
    auto db = annals::store::open(db_path);
    ids[0] = db.ingest(annals::read_report(data + "/chengdu-2024.txt")).id.value;
    ids[1] = db.ingest(annals::read_report(data + "/chengdu-2025.txt")).id.value;
  }
  const auto metrics_of = [](const std::string& json) {  // the "metrics" array of the tracking
    const auto b = json.find("\"metrics\": ["), e = json.find("\n  ],", b);
    return b == std::string::npos || e == std::string::npos ? std::string() : json.substr(b, e - b);
  };
  const auto files = run("track " + data + "/chengdu-2024.txt " + data + "/chengdu-2025.txt");
  const auto stored =
      run("track " + std::to_string(ids[0]) + " " + std::to_string(ids[1]) + " --db " + db_path.string());
  ASSERT_EQ(stored.code, files.code) << stored.err;
  ASSERT_FALSE(metrics_of(files.out).empty());
  EXPECT_THAT(metrics_of(files.out), HasSubstr("修改、废止文件"));
  EXPECT_EQ(metrics_of(stored.out), metrics_of(files.out));
  // --all: the one pair's figure rows are those of track --db A B
  const auto all_md = run("track --db " + db_path.string() + " --all --format md");
  const auto one_md =
      run("track " + std::to_string(ids[0]) + " " + std::to_string(ids[1]) + " --db " + db_path.string() + " --format md");
  EXPECT_EQ(all_md.out, one_md.out);
  std::filesystem::remove(db_path);
}

TEST(cli_track, a_plan_as_the_earlier_side) {
  const auto r = run("track " + data + "/chengdu-2025-plan.json " + data + "/chengdu-2025.txt");
  EXPECT_THAT(r.out, HasSubstr("\"kind\": \"plan\""));
  EXPECT_THAT(r.out, HasSubstr("\"code\": \"counts_agree\""));
  EXPECT_THAT(r.out, HasSubstr("\"group\": \"持续优化法治化营商环境\""));
}

TEST(cli_track, errors_exit_with_their_codes_and_print_nothing) {
  const auto missing = run("track " + data + "/no-such-file.txt " + data + "/chengdu-2025.txt");
  EXPECT_EQ(missing.code, 3);
  EXPECT_TRUE(missing.out.empty());
  EXPECT_THAT(missing.err, HasSubstr("annals: "));

  const auto other = temp("chongqing-2025.txt");
  std::ofstream(other) << "重庆市人民政府关于2025年度法治政府建设情况的报告\n\n市人大常委会:\n2025年,市政府深入推进依法行政。\n"
                          "一、工作情况\n一是依法决策。全市办理合法性审查100件。\n";
  const auto place = run("track " + data + "/chengdu-2024.txt " + other.string());
  EXPECT_EQ(place.code, 2);
  EXPECT_THAT(place.err, HasSubstr("different jurisdictions"));
  EXPECT_TRUE(place.out.empty());
  const auto allowed = run("track " + data + "/chengdu-2024.txt " + other.string() + " --allow-other-jurisdiction");
  EXPECT_EQ(allowed.code, 0) << allowed.err;
  EXPECT_THAT(allowed.err, HasSubstr("warning"));
  std::filesystem::remove(other);

  const auto backwards = run("track " + data + "/chengdu-2025.txt " + data + "/chengdu-2024.txt");
  EXPECT_EQ(backwards.code, 2);

  const auto bad_plan = temp("plan.csv");
  std::ofstream(bad_plan) << "id,group,text\n1,g,\"open\n";
  const auto plan = run("track " + bad_plan.string() + " " + data + "/chengdu-2025.txt");
  EXPECT_EQ(plan.code, 3);
  EXPECT_THAT(plan.err, HasSubstr("line 2: unterminated quoted field"));
  std::filesystem::remove(bad_plan);

  EXPECT_EQ(run("track only-one-argument.txt").code, 2);
  EXPECT_EQ(run("track a b --format cvs").code, 2);  // csv is a format of track since issue 13
  EXPECT_EQ(run("track x y --db " + temp("none.db").string()).code, 2);  // ids must be numbers
}

TEST(cli_timeline, three_years_in_a_store) {
  const auto db_path = temp("timeline.db");
  std::filesystem::remove(db_path);
  std::int64_t ids[3] = {};
  {
    auto db = annals::store::open(db_path);
    int k = 0;
    for (const char* f : {"chengdu-2023.txt", "chengdu-2024.txt", "chengdu-2025.txt"})
      ids[k++] = db.ingest(annals::read_report(data + "/" + f)).id.value;
  }
  const auto first = run("timeline --db " + db_path.string() + " --jurisdiction 成都市 --format json");
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("\"schema\": \"annals.timeline/1\""));
  EXPECT_THAT(first.out, HasSubstr("\"earlier\": 2023"));
  const auto md = run("timeline --db " + db_path.string() + " --jurisdiction 成都市 --format md --lang en");
  EXPECT_THAT(md.out, HasSubstr("| 持续优化法治化营商环境 | next_step | carried_over | in_progress |"));
  const auto zh = run("timeline --db " + db_path.string() + " --jurisdiction 成都市 --format md");
  EXPECT_THAT(zh.out, HasSubstr("| 持续优化法治化营商环境 | 下一步 | 继续部署 | 推进中 |"));
  const auto table = run("timeline --db " + db_path.string() + " --jurisdiction 成都市");
  EXPECT_THAT(table.out, HasSubstr("2024→2025"));
  EXPECT_THAT(table.err, ::testing::Not(HasSubstr("differ")));  // re-running stores nothing new
  std::string some_ref;
  {
    auto db = annals::store::open(db_path, annals::open_mode::read_only);
    const auto saved = db.verdicts(annals::report_id{ids[1]}, annals::report_id{ids[2]});
    ASSERT_FALSE(saved.empty());
    int commitments = 0;
    for (const auto& v : saved) {
      EXPECT_EQ(v.rubric, "annals-track/1");
      if (v.record.subject != annals::verdict_subject::commitment) continue;
      ++commitments;
      if (some_ref.empty()) some_ref = v.record.ref;
    }
    EXPECT_GE(commitments, 9);
  }
  // another rubric's verdict on the same commitment is kept beside, and does not replace it
  {
    auto db = annals::store::open(db_path);
    annals::verdict_record r;
    r.subject = annals::verdict_subject::commitment;
    r.ref = some_ref;
    r.label = "x";
    r.status = "fulfilled";
    r.evidence_json = "{\"kind\": \"next_step\", \"title\": \"x\"}";
    const auto res = db.save_verdicts(annals::report_id{ids[1]}, annals::report_id{ids[2]}, "annals-track/0", {r});
    EXPECT_EQ(res.added, 1u);
  }
  const auto again = run("timeline --db " + db_path.string() + " --jurisdiction 成都市 --format json");
  EXPECT_EQ(again.out, first.out);  // the current rubric's verdicts are shown, the old one kept
  std::filesystem::remove(db_path);
}

TEST(cli_timeline, errors) {
  const auto db_path = temp("empty.db");
  std::filesystem::remove(db_path);
  { auto db = annals::store::open(db_path); }
  const auto none = run("timeline --db " + db_path.string() + " --jurisdiction 重庆市");
  EXPECT_EQ(none.code, 2);
  EXPECT_THAT(none.err, HasSubstr("no reports of 重庆市"));
  std::filesystem::remove(db_path);
  const auto not_db = temp("not-a-db.db");
  std::ofstream(not_db) << "this is not an SQLite database, just text long enough to look like a header\n";
  const auto bad = run("timeline --db " + not_db.string() + " --jurisdiction 成都市");
  EXPECT_EQ(bad.code, 4);
  EXPECT_TRUE(bad.out.empty());
  std::filesystem::remove(not_db);
  EXPECT_EQ(run("timeline --jurisdiction 成都市").code, 2);
}

}  // namespace
