// Plans (plan.hpp): loading JSON and CSV plans, their errors, the count check against the
// report's plan commitment, and `track(plan, report)` with numeric targets.

#include "track_fixtures.hpp"

#include <annals/plan.hpp>
#include <annals/track.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

namespace {

using namespace track_test;
using ::testing::HasSubstr;

const std::string plan_path = std::string(ANNALS_DATA_DIR) + "/chengdu-2025-plan.json";

std::string expect_input_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const annals::input_error& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("wrong exception: ") + e.what();
  }
  return "no exception";
}

class temp_file {
 public:
  temp_file(const std::string& name, const std::string& content)
      : path_(std::filesystem::temp_directory_path() / ("annals_plan_test_" + name)) {
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~temp_file() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(plan_load, made_up_2025_plan_has_six_groups_and_twenty_tasks) {
  const auto p = annals::load_plan(plan_path);
  EXPECT_EQ(p.name, "chengdu-2025-plan.json");
  EXPECT_EQ(p.sha256.size(), 64u);
  EXPECT_EQ(p.jurisdiction, "成都市");
  ASSERT_TRUE(p.year.has_value());
  EXPECT_EQ(p.year->value(), 2025);
  EXPECT_EQ(p.tasks.size(), 20u);
  EXPECT_EQ(p.groups().size(), 6u);
  EXPECT_EQ(p.groups().front(), "深入学习贯彻习近平法治思想");
  int targets = 0;
  for (const auto& t : p.tasks) targets += t.target ? 1 : 0;
  EXPECT_EQ(targets, 5);
  const auto& t = p.tasks.at(6);
  EXPECT_EQ(t.id, "2.4");
  ASSERT_TRUE(t.target.has_value());
  EXPECT_EQ(t.target->value.to_string(), "200");
  EXPECT_EQ(t.target->baseline->to_string(), "162");
  EXPECT_EQ(t.target->deadline->to_iso(), "2025-12-31");
  // lines of the task objects in the file
  EXPECT_EQ(p.tasks.at(0).line, 8u);
  EXPECT_GT(p.tasks.at(1).line, p.tasks.at(0).line);
}

TEST(plan_load, csv_with_quotes_chinese_headers_and_metadata) {
  const std::string csv =
      "\xEF\xBB\xBF# title: 某市2025年度法治政府建设重点工作安排\n"
      "# jurisdiction: 某市\n"
      "# year: 2025\n"
      "编号,方面,任务,指标,目标值,单位,基数,基期年份,完成时限\r\n"
      "1,依法行政,\"加强行政规范性文件合法性审查,\"\"应审尽审\"\"\",,,,,,\r\n"
      "2,依法行政,\"清理地方性法规\n和政府规章\",,,,,,\r\n"
      "3,执法,执法力量下沉,县镇两级执法力量占比,90,%,86.15,2024,2026\r\n";
  const auto p = annals::parse_plan_csv(csv, "plan.csv");
  EXPECT_EQ(p.title, "某市2025年度法治政府建设重点工作安排");
  EXPECT_EQ(p.jurisdiction, "某市");
  EXPECT_EQ(p.year->value(), 2025);
  ASSERT_EQ(p.tasks.size(), 3u);
  EXPECT_EQ(p.tasks[0].text, "加强行政规范性文件合法性审查,\"应审尽审\"");
  EXPECT_EQ(p.tasks[1].text, "清理地方性法规\n和政府规章");
  EXPECT_EQ(p.tasks[0].line, 5u);
  EXPECT_EQ(p.tasks[2].line, 8u);
  ASSERT_TRUE(p.tasks[2].target.has_value());
  EXPECT_EQ(p.tasks[2].target->label, "县镇两级执法力量占比");
  EXPECT_EQ(p.tasks[2].target->deadline->to_iso(), "2026-12-31");
  EXPECT_EQ(p.tasks[2].target->baseline_year, 2024);
  EXPECT_EQ(p.groups().size(), 2u);
}

TEST(plan_load, bad_json_names_the_line) {
  const std::string bad = "{\n  \"tasks\": [\n    { \"id\": \"1\", \"group\": \"a\", \"text\": \"x\" },\n    { \"id\": \n  ]\n}\n";
  EXPECT_THAT(expect_input_error([&] { (void)annals::parse_plan_json(bad, "p.json"); }),
              HasSubstr("plan: p.json: line 5: malformed JSON"));
  EXPECT_EQ(expect_input_error([&] { (void)annals::parse_plan_json("[1,2]", "p.json"); }),
            "plan: p.json: line 1: a plan is a JSON object with a \"tasks\" array");
  EXPECT_EQ(expect_input_error([&] { (void)annals::parse_plan_json("{\"tasks\": []}", "p.json"); }),
            "plan: p.json: no tasks");
}

TEST(plan_load, task_errors_name_the_task_line) {
  const std::string dup =
      "{\"tasks\": [\n {\"id\": \"1\", \"group\": \"g\", \"text\": \"a\"},\n {\"id\": \"1\", \"group\": \"g\", \"text\": \"b\"}\n]}";
  EXPECT_EQ(expect_input_error([&] { (void)annals::parse_plan_json(dup, "p.json"); }),
            "plan: p.json: line 3: duplicate task id 1 (first on line 2)");
  const std::string no_text = "{\"tasks\": [\n {\"id\": \"1\", \"group\": \"g\"}\n]}";
  EXPECT_EQ(expect_input_error([&] { (void)annals::parse_plan_json(no_text, "p.json"); }),
            "plan: p.json: line 2: task 1 has no text");
  const std::string bad_target =
      "{\"tasks\": [\n {\"id\": \"1\", \"group\": \"g\", \"text\": \"a\", \"target\": {\"value\": \"九十\"}}\n]}";
  EXPECT_EQ(expect_input_error([&] { (void)annals::parse_plan_json(bad_target, "p.json"); }),
            "plan: p.json: line 2: target '九十' is not a number");
  const std::string bad_date =
      "{\"tasks\": [\n {\"id\": \"1\", \"group\": \"g\", \"text\": \"a\", \"target\": {\"value\": 90, \"deadline\": \"2025-02-30\"}}\n]}";
  EXPECT_THAT(expect_input_error([&] { (void)annals::parse_plan_json(bad_date, "p.json"); }),
              HasSubstr("line 2: deadline '2025-02-30' is not a date"));
}

TEST(plan_load, csv_errors_name_the_line) {
  EXPECT_EQ(expect_input_error([&] { (void)annals::parse_plan_csv("id,text\n1,a\n", "p.csv"); }),
            "plan: p.csv: line 1: header has no 'group' column");
  EXPECT_EQ(expect_input_error([&] { (void)annals::parse_plan_csv("id,group,text\n1,g,a\n2,g,\"open\n", "p.csv"); }),
            "plan: p.csv: line 3: unterminated quoted field");
  EXPECT_EQ(expect_input_error([&] { (void)annals::parse_plan_csv("id,group,text\n1,g,a,extra\n", "p.csv"); }),
            "plan: p.csv: line 2: 4 fields, the header has 3");
  EXPECT_EQ(
      expect_input_error([&] { (void)annals::parse_plan_csv("id,group,text,target,unit\n1,g,a,,%\n", "p.csv"); }),
      "plan: p.csv: line 2: unit given without a target");
  EXPECT_EQ(expect_input_error([&] { (void)annals::parse_plan_csv("", "p.csv"); }), "plan: p.csv: line 1: no header line");
  EXPECT_EQ(expect_input_error([&] { (void)annals::parse_plan_csv("id,group,text\n", "p.csv"); }), "plan: p.csv: no tasks");
}

TEST(plan_load, files_that_are_not_plans) {
  EXPECT_THAT(expect_input_error([] { (void)annals::load_plan("/nonexistent/plan.json"); }),
              HasSubstr("cannot be read"));
  EXPECT_THAT(expect_input_error([] { (void)annals::load_plan(std::string(ANNALS_DATA_DIR) + "/chengdu-2024.txt"); }),
              HasSubstr("not a .json or .csv plan"));
  temp_file binary("binary.csv", std::string("id,group,text\n1,g,\0x\n", 20));
  EXPECT_THAT(expect_input_error([&] { (void)annals::load_plan(binary.path()); }), HasSubstr("not a text file"));
  temp_file latin("latin.csv", "id,group,text\n1,g,caf\xE9\n");
  EXPECT_THAT(expect_input_error([&] { (void)annals::load_plan(latin.path()); }), HasSubstr("not valid UTF-8"));
}

TEST(plan_load, is_plan_file_tells_plans_from_reports) {
  EXPECT_TRUE(annals::is_plan_file(plan_path));
  EXPECT_FALSE(annals::is_plan_file(std::string(ANNALS_DATA_DIR) + "/chengdu-2025.txt"));
  temp_file report_json("report.json", "{\"schema\": \"annals.report/1\", \"report\": {}, \"facts\": []}");
  EXPECT_FALSE(annals::is_plan_file(report_json.path()));
  temp_file csv("tasks.csv", "id,group,text\n1,g,a\n");
  EXPECT_TRUE(annals::is_plan_file(csv.path()));
  temp_file broken("broken.json", "{\"tasks\": [ {\"id\": 1,, } ]}");
  EXPECT_TRUE(annals::is_plan_file(broken.path()));  // so that load_plan reports the line
}

TEST(plan_counts, chinese_and_arabic_counts) {
  EXPECT_EQ(annals::parse_count("七"), 7);
  EXPECT_EQ(annals::parse_count("二十四"), 24);
  EXPECT_EQ(annals::parse_count("十二"), 12);
  EXPECT_EQ(annals::parse_count("一百零五"), 105);
  EXPECT_EQ(annals::parse_count("两"), 2);
  EXPECT_EQ(annals::parse_count("24"), 24);
  EXPECT_FALSE(annals::parse_count("").has_value());
  EXPECT_FALSE(annals::parse_count("若干").has_value());
  EXPECT_FALSE(annals::parse_count("12345").has_value());
}

TEST(plan_counts, plan_agrees_with_the_report) {
  const auto p = annals::load_plan(plan_path);
  const auto findings = annals::check_plan_counts(p, report_2025());
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].code, "counts_agree");
  EXPECT_EQ(findings[0].report_value, 20);
}

TEST(plan_counts, mismatch_is_a_finding) {
  auto p = annals::load_plan(plan_path);
  p.tasks.pop_back();            // 19 tasks
  p.tasks.back().group = "其他";  // 7 groups
  const auto findings = annals::check_plan_counts(p, report_2025());
  std::map<std::string, annals::plan_finding> by;
  for (const auto& f : findings) by.emplace(f.code, f);
  ASSERT_TRUE(by.count("group_count_mismatch"));
  ASSERT_TRUE(by.count("task_count_mismatch"));
  EXPECT_EQ(by["task_count_mismatch"].message, "the report counts 20 tasks, the plan has 19");
  EXPECT_EQ(by["group_count_mismatch"].plan_value, 7);
  EXPECT_EQ(by["group_count_mismatch"].report_value, 6);
  const auto t = annals::track(p, report_2025());
  EXPECT_TRUE(t.has_inconsistency());
  EXPECT_THAT(annals::to_markdown(t), HasSubstr("Plan: the report counts 20 tasks, the plan has 19"));
}

TEST(plan_counts, the_plan_of_the_right_year_is_chosen) {
  // the 2025 report names both 2024's 24 tasks (done) and 2025's 六个方面20项: a 2024 plan of 7
  // groups and 24 tasks is checked against 2024's own report instead
  const std::string text = "关于2024年度的报告\n印发《2024年度法治政府建设重点工作安排》,明确七个方面24项工作任务。";
  const auto r = builder(text, 2024).build();
  annals::plan p;
  p.year = annals::report_year(2024);
  for (int g = 0; g < 7; ++g)
    for (int k = 0; k < (g < 3 ? 4 : 3); ++k)
      p.tasks.push_back({std::to_string(g) + "." + std::to_string(k), "组" + std::to_string(g), "任务", std::nullopt, 0});
  ASSERT_EQ(p.tasks.size(), 24u);
  const auto f = annals::check_plan_counts(p, r);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].code, "counts_agree");
  const auto none = annals::check_plan_counts(p, builder("关于2024年度的报告\n没有计划。", 2024).build());
  EXPECT_EQ(none.back().code, "no_plan_commitment");
}

TEST(plan_track, tasks_rated_against_the_same_years_report) {
  const auto p = annals::load_plan(plan_path);
  const auto t = annals::track(p, report_2025());
  EXPECT_EQ(t.earlier.kind, annals::tracked_kind::plan);
  EXPECT_EQ(t.earlier.year, 2025);
  ASSERT_EQ(t.commitments.size(), 20u);
  std::map<std::string, annals::track_status> s;
  for (const auto& c : t.commitments) {
    s[c.earlier] = c.status;
    EXPECT_EQ(c.kind, annals::commitment_kind::plan);
    ASSERT_TRUE(c.group.has_value());
  }
  using ts = annals::track_status;
  EXPECT_EQ(s["1.1"], ts::fulfilled);
  EXPECT_EQ(s["1.2"], ts::fulfilled);
  EXPECT_EQ(s["2.1"], ts::fulfilled);
  EXPECT_EQ(s["2.2"], ts::in_progress);
  EXPECT_EQ(s["2.3"], ts::not_reported);
  EXPECT_EQ(s["3.1"], ts::carried_over);
  EXPECT_EQ(s["4.1"], ts::fulfilled);
  EXPECT_EQ(s["4.3"], ts::in_progress);
  EXPECT_EQ(s["5.3"], ts::not_reported);
  EXPECT_EQ(s["6.2"], ts::fulfilled);
  std::map<ts, int> n;
  for (const auto& [id, st] : s) ++n[st];
  for (auto st : {ts::fulfilled, ts::carried_over, ts::in_progress, ts::not_reported}) EXPECT_GE(n[st], 1);
}

TEST(plan_track, targets_in_every_progress_class) {
  const auto p = annals::load_plan(plan_path);
  const auto t = annals::track(p, report_2025());
  std::map<std::string, annals::target_progress> by;
  for (const auto& g : t.targets) by.emplace(g.source, g);
  ASSERT_EQ(by.size(), 5u);
  using tg = annals::target_status;
  EXPECT_EQ(by["2.4"].status, tg::needs_acceleration);  // 162 → 186 of 200 in one year
  EXPECT_EQ(by["2.4"].current->to_string(), "186");
  EXPECT_EQ(by["4.2"].status, tg::met);  // 114 → 98, at most 100
  EXPECT_EQ(by["4.2"].current->to_string(), "98");
  EXPECT_EQ(by["4.4"].status, tg::on_track);  // 86.15% → 88.6% of 90% by 2026
  EXPECT_EQ(by["5.2"].status, tg::regressing);  // 2.3亿 → 2.1亿
  EXPECT_EQ(by["6.1"].status, tg::limited);     // 85% → 88% of 100% by 2026
  ASSERT_TRUE(by["2.4"].ratio.has_value());
  EXPECT_GT(*by["2.4"].ratio, annals::decimal{60});
  EXPECT_LT(*by["2.4"].ratio, annals::decimal{95});
  EXPECT_THAT(annals::to_json(t), HasSubstr("\"status\": \"needs_acceleration\""));
}

TEST(plan_track, plan_errors) {
  auto p = annals::load_plan(plan_path);
  auto later = report_2025();
  later.meta.year = annals::report_year(2024);
  EXPECT_THROW((void)annals::track(p, later), annals::usage_error);
  later = report_2025();
  later.meta.jurisdiction = "重庆市";
  EXPECT_THROW((void)annals::track(p, later), annals::usage_error);
  annals::plan empty;
  empty.name = "empty.json";
  EXPECT_EQ(expect_input_error([&] { (void)annals::track(empty, report_2025()); }),
            "track: the plan empty.json has no tasks");
}

}  // namespace
