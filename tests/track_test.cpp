// The tracker (track.hpp): commitments, problems, figures, chains, targets, output, errors.
// The documents are data/chengdu-2024.txt (real) and the made-up chengdu-2023/2025.txt, whose
// designed verdicts are listed in data/README.md.

#include "track_fixtures.hpp"

#include <annals/analyze.hpp>
#include <annals/reader.hpp>
#include <annals/records_json.hpp>
#include <annals/store.hpp>
#include <annals/track.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <type_traits>

namespace {

using namespace track_test;
using annals::commitment_kind;
using annals::metric_verdict;
using annals::track_status;
using ::testing::HasSubstr;
using ::testing::Not;

const annals::commitment_verdict& find(const annals::tracking& t, commitment_kind kind, int ordinal) {
  for (const auto& c : t.commitments)
    if (c.kind == kind && c.ordinal == ordinal) return c;
  throw std::runtime_error("no commitment " + std::string(to_string(kind)) + " " + std::to_string(ordinal));
}

const annals::commitment_verdict& plan_commitment(const annals::tracking& t) {
  for (const auto& c : t.commitments)
    if (c.kind == commitment_kind::plan) return c;
  throw std::runtime_error("no plan commitment");
}

const annals::metric_comparison& metric(const annals::tracking& t, std::string_view later_label) {
  for (const auto& m : t.metrics)
    if (m.later_label == later_label) return m;
  throw std::runtime_error("no metric " + std::string(later_label));
}

class track_pairs : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    r23 = new annals::report(report_2023());
    r24 = new annals::report(report_2024());
    r25 = new annals::report(report_2025());
    t2324 = new annals::tracking(annals::track(*r23, *r24));
    t2425 = new annals::tracking(annals::track(*r24, *r25));
  }
  static void TearDownTestSuite() {
    delete r23;
    delete r24;
    delete r25;
    delete t2324;
    delete t2425;
  }
  static annals::report *r23, *r24, *r25;
  static annals::tracking *t2324, *t2425;
};
annals::report *track_pairs::r23 = nullptr, *track_pairs::r24 = nullptr, *track_pairs::r25 = nullptr;
annals::tracking *track_pairs::t2324 = nullptr, *track_pairs::t2425 = nullptr;

// ---- commitments 2024 (real) → 2025 (made up) ------------------------------------------------

TEST_F(track_pairs, next_steps_2024_to_2025_cover_every_status) {
  const auto& t = *t2425;
  EXPECT_EQ(find(t, commitment_kind::next_step, 1).status, track_status::fulfilled);
  EXPECT_EQ(find(t, commitment_kind::next_step, 2).status, track_status::in_progress);
  EXPECT_EQ(find(t, commitment_kind::next_step, 3).status, track_status::carried_over);
  EXPECT_EQ(find(t, commitment_kind::next_step, 4).status, track_status::in_progress);
  EXPECT_EQ(find(t, commitment_kind::next_step, 5).status, track_status::not_reported);
  EXPECT_EQ(plan_commitment(t).status, track_status::fulfilled);
  EXPECT_THAT(plan_commitment(t).evidence.at(0).text, HasSubstr("24项工作任务全部完成"));
}

TEST_F(track_pairs, fulfilled_direction_cites_the_completion_passages) {
  const auto& c = find(*t2425, commitment_kind::next_step, 1);
  ASSERT_GE(c.evidence.size(), 2u);
  EXPECT_THAT(c.evidence[0].text, HasSubstr("完成法治政府建设五年实施方案总结评估"));
  EXPECT_GE(c.done_share, 0.6);
  EXPECT_GT(c.score, 0.5);
  EXPECT_LE(c.score, 1.0);
}

TEST_F(track_pairs, half_done_direction_is_in_progress_with_its_parts) {
  // 二是: 蓉易+ built and 准入准营准出 fully covered, 下放园区 only piloted, 法商融合 not reported
  const auto& c = find(*t2425, commitment_kind::next_step, 2);
  EXPECT_EQ(c.status, track_status::in_progress);
  EXPECT_GT(c.done_share, 0.2);
  EXPECT_LT(c.done_share, 0.6);
  std::map<annals::part_state, int> states;
  for (const auto& p : c.parts) ++states[p.state];
  EXPECT_GE(states[annals::part_state::done], 2);
  EXPECT_GE(states[annals::part_state::progress], 1);
  EXPECT_GE(states[annals::part_state::none], 1);
  double total = 0;
  for (const auto& p : c.parts) total += p.weight;
  EXPECT_NEAR(total, 1.0, 1e-9);
}

TEST_F(track_pairs, carried_over_direction_points_at_the_later_promise) {
  const auto& c = find(*t2425, commitment_kind::next_step, 3);
  ASSERT_TRUE(c.carried_into.has_value());
  EXPECT_EQ(*c.carried_into, "n3");
  ASSERT_FALSE(c.evidence.empty());
  EXPECT_THAT(c.evidence[0].text, HasSubstr("加快推进重点领域、新兴领域立法"));
  // the evidence lies in the later report's 下一步, after its problems
  EXPECT_GT(c.evidence[0].span.start, r25->text.size() / 4);
}

TEST_F(track_pairs, problems_2024_to_2025_persist_get_addressed_or_go_unreported) {
  const auto& t = *t2425;
  EXPECT_EQ(find(t, commitment_kind::problem, 1).status, track_status::persisting);
  const auto& addressed = find(t, commitment_kind::problem, 2);
  EXPECT_EQ(addressed.status, track_status::addressed);
  ASSERT_EQ(addressed.evidence.size(), 1u);
  EXPECT_THAT(addressed.evidence[0].text, HasSubstr("全部完成行政执法规范化建设"));
  // 涉外法律服务 is only named in passing (a list of 法务机构): not addressed
  const auto& passing = find(t, commitment_kind::problem, 3);
  EXPECT_EQ(passing.status, track_status::not_reported);
  EXPECT_TRUE(passing.evidence.empty());
}

// ---- commitments 2023 (made up) → 2024 (real) ------------------------------------------------

TEST_F(track_pairs, next_steps_2023_to_2024_cover_every_status) {
  const auto& t = *t2324;
  EXPECT_EQ(find(t, commitment_kind::next_step, 1).status, track_status::fulfilled);
  EXPECT_EQ(find(t, commitment_kind::next_step, 2).status, track_status::carried_over);
  EXPECT_EQ(find(t, commitment_kind::next_step, 3).status, track_status::in_progress);
  // 推进行政调解规范化: the rules and the register are not reported, but its target (力争2025年底前
  // …未进入诉讼程序的比例达到90%) is: the 2024 report gives 85%以上, a result figure, so work on it
  const auto& mediation = find(t, commitment_kind::next_step, 4);
  EXPECT_EQ(mediation.status, track_status::in_progress);
  ASSERT_EQ(mediation.evidence.size(), 1u);
  EXPECT_THAT(mediation.evidence[0].text, HasSubstr("85%以上行政争议经复议后未进入诉讼程序"));
  EXPECT_EQ(find(t, commitment_kind::next_step, 5).status, track_status::in_progress);
  EXPECT_EQ(plan_commitment(t).status, track_status::not_reported);
}

TEST_F(track_pairs, a_direction_whose_details_match_nothing_is_rated_by_its_title) {
  // 编造的测试文档: a later report (made up) that reports on the 2024 directions under headings
  // worded the other way round, with results but no 推进/完成 beside them.
  const annals::report earlier = track_test::report_2024();
  const annals::report later = annals::read_report_text(
      "成都市人民政府关于2025年度法治政府建设工作情况的报告\n"
      "（编造的测试文档，不是真实报告，数字均为虚构）\n"
      "一、主要工作\n"
      "（一）法治化营商环境持续优化。“蓉易+”服务品牌扩展至15个系列，向4个产业园区下放市级管理权限63项。\n"
      "（二）执法队伍建设。全市执法人员培训3万人次。\n"
      "二、存在的问题\n"
      "一是基层执法人员素质参差不齐。\n"
      "三、2026年工作安排\n"
      "一是完善重大行政决策程序。\n");
  const auto t = annals::track(earlier, later);
  const auto& business = find(t, commitment_kind::next_step, 2);  // 持续优化法治化营商环境
  EXPECT_EQ(business.status, track_status::in_progress);
  ASSERT_FALSE(business.evidence.empty());
  EXPECT_THAT(business.evidence[0].text, HasSubstr("法治化营商环境持续优化"));
  // a title that is only boilerplate (坚定践行习近平法治思想) is not rated by its title
  EXPECT_EQ(find(t, commitment_kind::next_step, 1).status, track_status::not_reported);
  EXPECT_EQ(find(t, commitment_kind::next_step, 3).status, track_status::not_reported);
}

TEST_F(track_pairs, problems_2023_to_2024) {
  const auto& t = *t2324;
  EXPECT_EQ(find(t, commitment_kind::problem, 1).status, track_status::persisting);
  EXPECT_EQ(find(t, commitment_kind::problem, 2).status, track_status::addressed);
  EXPECT_THAT(find(t, commitment_kind::problem, 2).evidence.at(0).text, HasSubstr("提高政策落地质效"));
  EXPECT_EQ(find(t, commitment_kind::problem, 3).status, track_status::not_reported);
}

TEST_F(track_pairs, evidence_spans_are_code_point_offsets_into_the_later_text) {
  for (const auto* t : {t2324, t2425}) {
    const auto& later = t == t2324 ? *r24 : *r25;
    std::size_t n = 0;
    for (const auto& c : t->commitments) {
      for (const auto& e : c.evidence) {
        EXPECT_LT(e.span.start, e.span.end);
        EXPECT_EQ(cp_substr(later.text, e.span.start, e.span.end), e.text) << c.earlier;
        ++n;
      }
      for (std::size_t i = 1; i < c.evidence.size(); ++i)
        EXPECT_LE(c.evidence[i - 1].span.start, c.evidence[i].span.start);
    }
    EXPECT_GT(n, 10u);
  }
}

// ---- figures -----------------------------------------------------------------------------------

TEST_F(track_pairs, growth_consistent_with_the_two_intervals) {
  const auto& m = metric(*t2425, "全市新收行政复议案件");
  EXPECT_EQ(m.verdict, metric_verdict::consistent);
  EXPECT_EQ(m.basis, annals::consistency_basis::rounding);
  ASSERT_TRUE(m.growth_pct && m.growth_pct_lo && m.growth_pct_hi);
  EXPECT_EQ(m.growth_pct->to_string(2), "21.62");
  EXPECT_EQ(m.growth_pct_lo->to_string(2), "20.08");
  EXPECT_EQ(m.growth_pct_hi->to_string(2), "22.08");
  ASSERT_TRUE(m.earlier.has_value());
  EXPECT_EQ(m.earlier->value.to_string(), "11100");
  EXPECT_EQ(m.stated->value.to_string(), "21.4");
}

TEST_F(track_pairs, growth_inconsistent) {
  const auto& m = metric(*t2425, "办理行政应诉案件");
  EXPECT_EQ(m.verdict, metric_verdict::inconsistent);
  EXPECT_EQ(m.growth_pct->to_string(2), "8.28");
  EXPECT_FALSE(m.reason.empty());
  EXPECT_TRUE(t2425->has_inconsistency());
}

TEST_F(track_pairs, growth_right_only_under_truncation) {
  const auto& m = metric(*t2425, "审核执法证件");  // 5477 → 6013 is 9.786…%, stated 9.7
  EXPECT_EQ(m.verdict, metric_verdict::consistent);
  EXPECT_EQ(m.basis, annals::consistency_basis::truncation);
  EXPECT_EQ(m.growth_pct->to_string(2), "9.79");
}

TEST_F(track_pairs, unverifiable_for_period_scope_units_cumulative_and_missing_earlier) {
  const auto& half_year = metric(*t2425, "组织企业开展线下沟通“蓉易见”活动");
  EXPECT_EQ(half_year.verdict, metric_verdict::unverifiable);
  EXPECT_THAT(half_year.reason, HasSubstr("上半年"));
  EXPECT_FALSE(half_year.growth_pct.has_value());

  const auto& scope = metric(*t2425, "市本级办理政府信息依申请公开");
  EXPECT_EQ(scope.verdict, metric_verdict::unverifiable);
  EXPECT_THAT(scope.reason, HasSubstr("scope"));
  ASSERT_TRUE(scope.earlier.has_value());
  EXPECT_EQ(scope.earlier->text, "1.8万余件");

  const auto& units = metric(*t2425, "抽考行政执法人员");
  EXPECT_EQ(units.verdict, metric_verdict::unverifiable);
  EXPECT_THAT(units.reason, HasSubstr("units differ"));

  // 2024年全市累计… / 2025年全市累计…: each year's own total (issue 11), so 35.8万 → 39.6万 is
  // compared: 10.61%, and 10.6% is stated
  const auto& cumulative = metric(*t2425, "全市累计提供法律咨询服务");
  EXPECT_EQ(cumulative.verdict, metric_verdict::consistent);

  const auto& fresh = metric(*t2425, "办结行政执法投诉举报");
  EXPECT_EQ(fresh.verdict, metric_verdict::unverifiable);
  EXPECT_FALSE(fresh.earlier.has_value());
  EXPECT_EQ(fresh.reason, "no earlier value");
}

TEST_F(track_pairs, not_stated_still_computes_growth) {
  const auto& m = metric(*t2425, "全市走访服务企业");
  EXPECT_EQ(m.verdict, metric_verdict::not_stated);
  EXPECT_FALSE(m.stated.has_value());
  EXPECT_EQ(m.growth_pct->to_string(2), "6.19");
  ASSERT_TRUE(m.growth_pct_lo && m.growth_pct_hi);
  EXPECT_LT(*m.growth_pct_lo, *m.growth_pct_hi);
}

TEST_F(track_pairs, percentage_points_checked_as_points) {
  const auto& m = metric(*t2425, "执法力量部署在县镇两级");
  EXPECT_EQ(m.verdict, metric_verdict::consistent);
  ASSERT_TRUE(m.change_pp.has_value());
  EXPECT_EQ(m.change_pp->to_string(), "2.45");
  EXPECT_EQ(m.stated->kind, annals::change_kind::pp);
}

TEST_F(track_pairs, every_metric_verdict_occurs_in_both_pairs) {
  for (const auto* t : {t2324, t2425}) {
    std::map<metric_verdict, int> n;
    for (const auto& m : t->metrics) ++n[m.verdict];
    for (const auto& f : t->from_to) ++n[f.verdict];
    for (const auto& s : t->streaks) ++n[s.verdict];
    for (auto v : {metric_verdict::consistent, metric_verdict::inconsistent, metric_verdict::unverifiable,
                   metric_verdict::not_stated})
      EXPECT_GE(n[v], 1) << to_string(v) << (t == t2324 ? " 2023→2024" : " 2024→2025");
  }
}

TEST_F(track_pairs, growth_statement_of_2024_checked_against_made_up_2023) {
  const auto& m = metric(*t2324, "全市新收行政复议案件");
  EXPECT_EQ(m.verdict, metric_verdict::consistent);  // 5870 → 超1.11万 allows 89.10–90.80%
  EXPECT_EQ(m.growth_pct->to_string(2), "89.10");
  const auto& cumulative = metric(*t2324, "累计免申即享政策事项");
  EXPECT_EQ(cumulative.verdict, metric_verdict::unverifiable);
}

TEST_F(track_pairs, chains_and_streaks) {
  ASSERT_EQ(t2425->from_to.size(), 1u);
  EXPECT_EQ(t2425->from_to[0].verdict, metric_verdict::consistent);
  EXPECT_EQ(t2425->from_to[0].earlier_to.to_string(), "114");
  ASSERT_EQ(t2324->from_to.size(), 1u);  // 2023 ended at 170, 2024 starts from 167
  EXPECT_EQ(t2324->from_to[0].verdict, metric_verdict::inconsistent);
  ASSERT_EQ(t2425->streaks.size(), 1u);
  EXPECT_EQ(t2425->streaks[0].verdict, metric_verdict::consistent);
  EXPECT_EQ(t2425->streaks[0].later.to_string(), "17");
  ASSERT_EQ(t2324->streaks.size(), 1u);
  EXPECT_EQ(t2324->streaks[0].verdict, metric_verdict::consistent);
}

TEST_F(track_pairs, streak_that_skips_a_year_is_inconsistent) {
  auto later = report_2025();
  for (auto& c : later.changes)
    if (c.kind == annals::change_kind::streak) c.value = annals::decimal{19};
  const auto t = annals::track(*r24, later);
  ASSERT_EQ(t.streaks.size(), 1u);
  EXPECT_EQ(t.streaks[0].verdict, metric_verdict::inconsistent);
}

TEST_F(track_pairs, multiples_and_shares_against_their_parts) {
  int multiples = 0, shares = 0;
  for (const auto& p : t2425->parts) {
    if (p.report != annals::which_report::later) continue;
    if (p.kind == annals::parts_kind::multiple) {
      ++multiples;
      EXPECT_EQ(p.verdict, metric_verdict::inconsistent);  // 1.35万 / 5400 = 2.49–2.51, stated 2.8
      EXPECT_EQ(p.computed_lo->to_string(2), "2.49");
    } else {
      ++shares;
      EXPECT_EQ(p.verdict, metric_verdict::consistent);  // 1200余 / 9800余 = 12.1–13.3%, stated 12.5%
    }
  }
  EXPECT_EQ(multiples, 1);
  EXPECT_EQ(shares, 1);
  bool earlier_multiple = false;
  for (const auto& p : t2324->parts)
    if (p.report == annals::which_report::earlier && p.kind == annals::parts_kind::multiple) {
      earlier_multiple = true;
      EXPECT_EQ(p.verdict, metric_verdict::consistent);  // 5870 / 3910 = 1.50
    }
  EXPECT_TRUE(earlier_multiple);
}

TEST(track_priors, growth_statement_alone_implies_the_prior_year) {
  const auto priors = annals::implied_priors(report_2024());
  ASSERT_EQ(priors.size(), 1u);
  EXPECT_EQ(priors[0].label, "全市新收行政复议案件");
  ASSERT_TRUE(priors[0].lo && priors[0].hi);
  EXPECT_EQ(priors[0].lo->to_string(2), "5852.88");
  EXPECT_EQ(priors[0].hi->to_string(2), "5908.74");
  EXPECT_EQ(priors[0].value.to_string(2), "5854.43");
}

TEST_F(track_pairs, implied_prior_of_a_new_metric) {
  bool found = false;
  for (const auto& p : t2425->implied_priors)
    if (p.label == "办结行政执法投诉举报") {
      found = true;
      EXPECT_EQ(p.value.to_string(2), "279.97");
      EXPECT_LE(*p.lo, annals::decimal{280});
      EXPECT_GE(*p.hi, annals::decimal{280});
    }
  EXPECT_TRUE(found);
}

TEST_F(track_pairs, target_of_the_earlier_report_is_on_track) {
  ASSERT_EQ(t2324->targets.size(), 1u);
  const auto& g = t2324->targets[0];
  EXPECT_EQ(g.source, "t1");
  EXPECT_EQ(g.baseline->to_string(), "80");
  EXPECT_EQ(g.current->to_string(), "85");
  EXPECT_EQ(g.status, annals::target_status::on_track);  // 6.25%/yr achieved, 6.07%/yr required
  ASSERT_TRUE(g.ratio.has_value());
  EXPECT_GT(*g.ratio, annals::decimal{100});
}

TEST(track_targets, the_readers_own_target_of_2023_is_on_track_against_2024) {
  // data/chengdu-2023.txt read by the reader (not the fixture): 力争2025年底前…比例达到90% is the
  // target's goal, not a fact; the baseline 80%以上 is found beside it and 2024's 85%以上 is current
  const auto r23 = annals::read_report(std::string(ANNALS_DATA_DIR) + "/chengdu-2023.txt");
  const auto r24 = annals::read_report(std::string(ANNALS_DATA_DIR) + "/chengdu-2024.txt");
  const annals::commitment* target = nullptr;
  for (const auto& c : r23.commitments)
    if (c.kind == commitment_kind::target) target = &c;
  ASSERT_NE(target, nullptr);
  EXPECT_FALSE(target->fact);
  ASSERT_TRUE(target->goal);
  EXPECT_EQ(target->goal->q.value.to_string(), "90");
  EXPECT_EQ(target->goal->q.unit, "%");
  for (const auto& f : r23.facts) EXPECT_NE(f.span, target->goal->span) << f.id;
  const auto t = annals::track(r23, r24);
  ASSERT_EQ(t.targets.size(), 1u);
  const auto& g = t.targets[0];
  EXPECT_EQ(g.source, target->id);
  EXPECT_EQ(g.target.to_string(), "90");
  ASSERT_TRUE(g.baseline);
  EXPECT_EQ(g.baseline->to_string(), "80");
  ASSERT_TRUE(g.current);
  EXPECT_EQ(g.current->to_string(), "85");
  EXPECT_EQ(g.status, annals::target_status::on_track);
}

TEST(track_figures, a_year_copied_out_of_a_pdf_with_kangxi_radicals_checks_as_the_clean_one) {
  // issue 12: ⾏ (U+2F8F, a Kangxi radical) for 行 in one year used to split 新收行政复议案件 into
  // two metrics, and the growth checks of that year became unverifiable
  const auto r24 = annals::read_report(std::string(ANNALS_DATA_DIR) + "/chengdu-2024.txt");
  const std::string clean_text = slurp(std::string(ANNALS_DATA_DIR) + "/chengdu-2025.txt");
  std::string pdf_text = clean_text;
  for (std::size_t at = pdf_text.find("行"); at != std::string::npos; at = pdf_text.find("行", at + 3))
    pdf_text.replace(at, 3, "\u2F8F");
  ASSERT_NE(pdf_text, clean_text);
  const auto clean = annals::track(r24, annals::read_report_text(clean_text));
  const auto pdf = annals::track(r24, annals::read_report_text(pdf_text));
  const auto& m = metric(pdf, "全市新收行政复议案件");  // the label folded
  EXPECT_EQ(m.verdict, metric_verdict::consistent);
  ASSERT_TRUE(m.growth_pct);
  EXPECT_EQ(m.growth_pct->to_string(2), "21.62");
  EXPECT_EQ(metric(clean, "全市新收行政复议案件").verdict, metric_verdict::consistent);
  // every figure comparison comes out the same as for the clean text
  ASSERT_EQ(pdf.metrics.size(), clean.metrics.size());
  for (std::size_t i = 0; i < pdf.metrics.size(); ++i) {
    EXPECT_EQ(pdf.metrics[i].later_label, clean.metrics[i].later_label) << i;
    EXPECT_EQ(pdf.metrics[i].verdict, clean.metrics[i].verdict) << pdf.metrics[i].later_label;
  }
  ASSERT_EQ(pdf.commitments.size(), clean.commitments.size());
  for (std::size_t i = 0; i < pdf.commitments.size(); ++i)
    EXPECT_EQ(pdf.commitments[i].status, clean.commitments[i].status) << clean.commitments[i].title;
}

TEST(track_targets, an_old_report_whose_target_names_a_fact_still_tracks) {
  // before the goal object, a target pointed at a fact holding its figure
  annals::report earlier = track_test::report_2023();
  annals::commitment& t = earlier.commitments.back();
  ASSERT_EQ(t.kind, commitment_kind::target);
  ASSERT_TRUE(t.goal);
  annals::fact f;
  f.id = "f" + std::to_string(earlier.facts.size() + 1);
  f.label = t.goal->label;
  f.text = t.goal->text;
  f.q = t.goal->q;
  f.kind = t.goal->kind;
  f.span = t.goal->span;
  earlier.facts.push_back(f);
  t.fact = f.id;
  t.goal.reset();
  const auto tr = annals::track(earlier, track_test::report_2024());
  ASSERT_EQ(tr.targets.size(), 1u);
  EXPECT_EQ(tr.targets[0].target.to_string(), "90");
  EXPECT_EQ(tr.targets[0].baseline->to_string(), "80");
  EXPECT_EQ(tr.targets[0].current->to_string(), "85");
  EXPECT_EQ(tr.targets[0].status, annals::target_status::on_track);
}

// ---- matching on hand-written sentences ------------------------------------------------------

annals::report small(std::string body, std::string outlook, int year) {
  std::string text = "成都市人民政府关于" + std::to_string(year) + "年度法治政府建设情况的报告\n市人大常委会:\n" + body +
                     "\n" + std::to_string(year) + "年,全市法治政府建设取得一定成效,但仍存在一些问题,如" + outlook;
  return builder(std::move(text), year).build();
}

annals::track_status one_next_step(const std::string& promise, const std::string& later_body) {
  const auto earlier = small("一、总体情况\n坚持依法行政。一是依法决策。严格落实重大行政决策程序。\n",
                             "行政复议纠错率偏高。下一步,市政府将重点做好以下工作。一是" + promise + "\n", 2024);
  const auto later = small("一、总体情况\n坚持依法行政。一是依法决策。" + later_body + "\n",
                           "基层执法力量不足。下一步,市政府将重点做好以下工作。一是加强基层执法队伍建设。\n", 2025);
  const auto t = annals::track(earlier, later);
  for (const auto& c : t.commitments)
    if (c.kind == commitment_kind::next_step) return c.status;
  throw std::runtime_error("no next step");
}

TEST(track_matching, completion_and_progress_cues) {
  // 一是<title>。<body>: the body's clauses are rated, the title only summarises them
  const std::string promise = "推进数字政府建设。建设市级政务数据共享平台,推动部门数据依法有序共享。";
  EXPECT_EQ(one_next_step(promise, "建成市级政务数据共享平台,推动部门数据依法有序共享全部完成。"),
            track_status::fulfilled);
  EXPECT_EQ(one_next_step(promise, "持续推进市级政务数据共享平台建设,推动部门数据依法有序共享。"),
            track_status::in_progress);
  EXPECT_EQ(one_next_step(promise, "启动市级政务数据共享平台建设试点。"), track_status::in_progress);
  EXPECT_EQ(one_next_step(promise, "市级政务数据共享平台尚未建成,部门数据依法有序共享正在推进。"),
            track_status::in_progress);
  EXPECT_EQ(one_next_step(promise, "开展行政执法案卷评查,评查案卷1200件。"), track_status::not_reported);
}

TEST(track_matching, foreign_legal_services_are_not_legal_services_in_general) {
  const auto earlier = small("一、总体情况\n一是依法决策。严格落实重大行政决策程序。\n",
                             "涉外法律服务能级还需进一步增强。下一步,一是加强基层执法队伍建设。\n", 2024);
  const auto general = small("一、总体情况\n一是公共法律服务。持续优化提升公共法律服务体系,新增法律服务机构30家。\n",
                             "基层执法力量不足。下一步,一是加强执法。\n", 2025);
  const auto t1 = annals::track(earlier, general);
  EXPECT_EQ(find(t1, commitment_kind::problem, 1).status, track_status::not_reported);
  const auto specific = small("一、总体情况\n一是涉外法治。涉外法律服务能级显著增强,新建涉外法律服务中心3个。\n",
                              "基层执法力量不足。下一步,一是加强执法。\n", 2025);
  const auto t2 = annals::track(earlier, specific);
  EXPECT_EQ(find(t2, commitment_kind::problem, 1).status, track_status::addressed);
}

TEST(track_matching, inline_next_steps_promised_again_are_carried_over) {
  // inline next steps (下一步，我县将…一是…；二是…): the later item's first clause starts with its
  // marker, and still belongs to the later promise
  auto status_of_second = [](const std::string& earlier_steps, const std::string& later_steps) {
    const auto earlier = small("一、总体情况\n一是依法决策。全年审查重大行政决策事项12件。\n",
                               "行政复议纠错率偏高。下一步,我县将重点抓好以下工作：" + earlier_steps + "\n", 2024);
    const auto later = small("一、总体情况\n一是依法行政。全年办理行政复议案件320件。\n",
                             "基层执法力量不足。下一步，我县将重点抓好以下工作：" + later_steps + "\n", 2025);
    return find(annals::track(earlier, later), commitment_kind::next_step, 2).status;
  };
  EXPECT_EQ(status_of_second("一是完成乡镇“一支队伍管执法”改革；二是严格落实重大行政决策程序，健全政府法律顾问制度；三是建成县级行政争议调解中心。",
                             "一是加快数字法治政府建设；二是严格落实重大行政决策程序，健全政府法律顾问制度；三是加强基层法治人才队伍建设。"),
            track_status::carried_over);
  EXPECT_EQ(status_of_second("一要完成乡镇“一支队伍管执法”改革。二要严格落实重大行政决策程序，健全政府法律顾问制度。",
                             "一要健全政府法律顾问制度，严格落实重大行政决策程序。二要加快数字法治政府建设。"),
            track_status::carried_over);
  // a later promise on other matters does not carry it
  EXPECT_EQ(status_of_second("一是完成乡镇“一支队伍管执法”改革；二是严格落实重大行政决策程序，健全政府法律顾问制度。",
                             "一是规范行政复议案件审理，健全行政复议委员会制度；二是加快数字法治政府建设。"),
            track_status::not_reported);
}

TEST(track_figures, cumulative_bounded_by_the_year_is_the_years_total) {
  auto verdict_of = [](const std::string& earlier_line, const std::string& later_line, const std::string& later_text) {
    auto doc = [](int year, const std::string& line) {
      return annals::read_report_text("某市市场监督管理局关于" + std::to_string(year) +
                                      "年度法治政府建设情况的报告\n市人民政府：\n一、主要工作\n" + line + "\n");
    };
    const auto t = annals::track(doc(2024, earlier_line), doc(2025, later_line));
    for (const auto& m : t.metrics)
      if (m.later.text == later_text) return m.verdict;
    throw std::runtime_error("no metric " + later_text);
  };
  // 全年累计 / 年内累计: the year's total, compared
  EXPECT_EQ(verdict_of("依托12315平台，全年累计受理消费者投诉举报28.6万件。",
                       "全年累计受理消费者投诉举报31.2万件，同比增长15.3%。", "31.2万件"),
            metric_verdict::inconsistent);
  EXPECT_EQ(verdict_of("年内累计办理行政复议案件1264件。", "年内累计办理行政复议案件1390件，同比增长10%。", "1390件"),
            metric_verdict::consistent);
  // the report's own year bounds it (2025年全市累计 in the 2025 report); a deadline does not
  EXPECT_EQ(verdict_of("2024年全市累计办理行政复议案件1264件。", "2025年全市累计办理行政复议案件1390件，同比增长10%。",
                       "1390件"),
            metric_verdict::consistent);
  EXPECT_EQ(verdict_of("截至2024年底累计办理行政复议案件1264件。",
                       "截至2025年底累计办理行政复议案件1390件，同比增长10%。", "1390件"),
            metric_verdict::unverifiable);
  // open-ended 累计 (since a programme began): a stock, not the year's flow
  EXPECT_EQ(verdict_of("自2019年以来累计培育守合同重信用企业1260家。",
                       "自2019年以来累计培育守合同重信用企业1585家，同比增长12.4%。", "1585家"),
            metric_verdict::unverifiable);
}

TEST(track_matching, problem_hedges_are_not_its_content) {
  auto problem_status = [](const std::string& problem, const std::string& later_body, const std::string& later_problem) {
    const auto earlier = small("一、总体情况\n一是依法决策。全年审查重大行政决策事项12件。\n",
                               problem + "。下一步,一是加强执法。\n", 2024);
    const auto later = small("一、总体情况\n一是依法行政。" + later_body + "\n", later_problem + "。下一步,一是加强普法。\n", 2025);
    return find(annals::track(earlier, later), commitment_kind::problem, 1).status;
  };
  // a leading 部分: the same problem again
  EXPECT_EQ(problem_status("部分乡镇综合执法队伍专业化程度不高", "全年办理行政复议案件320件。",
                           "乡镇综合执法队伍专业化程度不高"),
            track_status::persisting);
  // X的问题在一些领域依然存在: the problem is X, and work on X addresses it
  EXPECT_EQ(problem_status("行政执法不规范、不严格的问题在一些领域依然存在",
                           "开展行政执法不规范、不严格问题专项整治，排查出的问题已全部整改完成。", "基层法治人才相对缺乏"),
            track_status::addressed);
  // other matters: neither
  EXPECT_EQ(problem_status("行政执法不规范、不严格的问题在一些领域依然存在", "全年办理行政复议案件320件。",
                           "基层法治人才相对缺乏"),
            track_status::not_reported);
}

TEST(track_matching, boilerplate_alone_matches_nothing) {
  // a direction that is only 习近平法治思想 / 法治政府建设 boilerplate is not "in progress" because
  // the later report repeats the same words in its introduction
  const auto earlier = small("一、总体情况\n一是依法决策。严格落实重大行政决策程序。\n",
                             "行政复议纠错率偏高。下一步,一是深入学习贯彻习近平法治思想,纵深推进法治政府建设。\n", 2024);
  const auto later = small("一、总体情况\n深入学习贯彻习近平法治思想,持续推进法治政府建设。一是依法决策。\n",
                           "基层执法力量不足。下一步,一是加强执法。\n", 2025);
  const auto t = annals::track(earlier, later);
  EXPECT_EQ(find(t, commitment_kind::next_step, 1).status, track_status::not_reported);
}

// ---- output ------------------------------------------------------------------------------------

TEST_F(track_pairs, json_follows_annals_tracking_1) {
  const auto j = annals::to_json(*t2425);
  EXPECT_THAT(j, HasSubstr("\"schema\": \"annals.tracking/1\""));
  EXPECT_THAT(j, HasSubstr("\"rubric\": \"annals-track/1\""));
  EXPECT_THAT(j, HasSubstr("\"jurisdiction\": \"成都市\""));
  EXPECT_THAT(j, HasSubstr("\"status\": \"carried_over\""));
  EXPECT_THAT(j, HasSubstr("\"verdict\": \"inconsistent\""));
  EXPECT_THAT(j, HasSubstr("\"growth_pct\": \"21.62\""));
  EXPECT_THAT(j, HasSubstr("\"earlier_to\": \"114\""));
  EXPECT_THAT(j, HasSubstr("\"later_from\": \"114\""));
  // decimal strings, never floats, for figures
  EXPECT_THAT(j, HasSubstr("\"value\": \"11100\""));
  EXPECT_EQ(j.find("\"value\": 11100"), std::string::npos);
  // one line when asked
  EXPECT_EQ(annals::to_json(*t2425, -1).find('\n'), std::string::npos);
}

TEST_F(track_pairs, same_input_twice_gives_identical_json) {
  const auto a = annals::to_json(annals::track(*r24, *r25));
  const auto b = annals::to_json(annals::track(report_2024(), report_2025()));
  EXPECT_EQ(a, b);
  EXPECT_EQ(annals::to_markdown(annals::track(*r23, *r24)), annals::to_markdown(*t2324));
}

TEST_F(track_pairs, figures_only_tracking_skips_the_commitments_and_nothing_else) {
  annals::track_options figures_only;
  figures_only.rate_commitments = false;
  for (const auto* pair : {t2324, t2425}) {
    const bool later_pair = pair == t2425;
    const auto t = later_pair ? annals::track(*r24, *r25, figures_only)
                              : annals::track(*r23, *r24, figures_only);
    ASSERT_FALSE(pair->commitments.empty());
    EXPECT_TRUE(t.commitments.empty());
    // Everything but the commitments is what the full tracking says.
    auto full = *pair;
    full.commitments.clear();
    std::erase_if(full.warnings, [](const std::string& w) { return w.find("下一步") != std::string::npos; });
    EXPECT_EQ(annals::to_json(t), annals::to_json(full));
    EXPECT_EQ(t.has_inconsistency(), pair->has_inconsistency());
  }
  // The outlook-less warning belongs to the commitments: not given when they are not rated.
  const auto a = builder("成都市人民政府关于2024年度法治政府建设情况的报告\n一、工作情况\n一是依法决策。", 2024).build();
  const auto b = builder("成都市人民政府关于2025年度法治政府建设情况的报告\n一、工作情况\n一是依法决策。", 2025).build();
  EXPECT_THAT(annals::track(a, b).warnings, ::testing::Contains(HasSubstr("no 下一步")));
  EXPECT_TRUE(annals::track(a, b, figures_only).warnings.empty());
}

TEST_F(track_pairs, prepared_reports_track_as_the_plain_ones_and_serve_two_pairs) {
  annals::prepared_report p23(report_2023()), p24(report_2024()), p25(report_2025());
  // 2024 is the later report of one pair and the earlier of the next, prepared once
  EXPECT_EQ(annals::to_json(annals::track(p23, p24)), annals::to_json(*t2324));
  EXPECT_EQ(annals::to_json(annals::track(p24, p25)), annals::to_json(*t2425));
  // moved, it still tracks (the segmented text and figures refer to the report it owns)
  annals::prepared_report moved = std::move(p24);
  EXPECT_EQ(annals::to_json(annals::track(moved, p25)), annals::to_json(*t2425));
  EXPECT_EQ(moved.get().meta.year, r24->meta.year);
  // the errors of track() on plain reports
  EXPECT_THROW((void)annals::track(p25, moved), annals::usage_error);  // earlier after later
  annals::report empty = report_2025();
  empty.text.clear();
  EXPECT_THROW((void)annals::track(moved, annals::prepared_report(std::move(empty))), annals::input_error);
}

TEST_F(track_pairs, markdown_puts_inconsistencies_first) {
  const auto md = annals::to_markdown(*t2425);
  const auto inc = md.find("## Inconsistencies");
  const auto com = md.find("## Commitments");
  ASSERT_NE(inc, std::string::npos);
  ASSERT_NE(com, std::string::npos);
  EXPECT_LT(inc, com);
  EXPECT_LT(md.find("办理行政应诉案件"), com);
  EXPECT_THAT(md, HasSubstr("| n3 | next_step | 不断完善依法行政制度体系 | carried_over |"));
  EXPECT_THAT(md, HasSubstr("(part done)"));
}

// issue 13: the Markdown in Chinese for the officials who read it; English is the one-argument form
TEST_F(track_pairs, markdown_in_chinese_translates_every_word_it_writes) {
  const auto en = annals::to_markdown(*t2425);
  EXPECT_EQ(annals::to_markdown(*t2425, annals::report_lang::en), en);
  const auto zh = annals::to_markdown(*t2425, annals::report_lang::zh);
  EXPECT_LT(zh.find("## 前后不一致之处"), zh.find("## 承诺事项"));
  EXPECT_THAT(zh, HasSubstr("# 跟踪 成都市 2024 → 成都市 2025"));
  EXPECT_THAT(zh, HasSubstr("| 编号 | 类别 | 承诺事项 | 状态 | 得分 | 本年报告中的依据 |"));
  EXPECT_THAT(zh, HasSubstr("| n3 | 下一步 | 不断完善依法行政制度体系 | 继续部署 |"));
  EXPECT_THAT(zh, HasSubstr("（部分完成）"));
  EXPECT_THAT(zh, HasSubstr("## 数据\n\n| 指标 | 上年 | 本年 | 增幅%（区间） | 报告所称 | 结论 |"));
  EXPECT_THAT(zh, HasSubstr("| 不一致 |"));
  EXPECT_THAT(zh, HasSubstr("，报告称“"));  // an inconsistency, with its reason after it
  // no English word of the renderer's own is left (report text and enum-free numbers aside)
  for (const char* english : {"## Inconsistencies", "## Commitments", "## Figures", "| fulfilled |", "| carried_over |",
                              "| consistent |", "| inconsistent |", "(part done)", "Rubric ", "None found",
                              ", stated “", "next_step"})
    EXPECT_THAT(zh, Not(HasSubstr(english))) << english;
  // the same sections and rows in both: one renderer, two languages
  EXPECT_EQ(std::count(zh.begin(), zh.end(), '\n'), std::count(en.begin(), en.end(), '\n'));
}

// ---- timeline ------------------------------------------------------------------------------------

std::vector<annals::timeline_entry> entries_of(const annals::tracking& t) {
  return annals::timeline_entries(t, *t.earlier.year, *t.later.year);
}

TEST_F(track_pairs, three_year_timeline_follows_carried_commitments) {
  auto entries = entries_of(*t2425);  // given out of order on purpose
  const auto first = entries_of(*t2324);
  entries.insert(entries.end(), first.begin(), first.end());
  const auto threads = annals::build_timeline(entries);
  const annals::timeline_thread* business = nullptr;
  const annals::timeline_thread* rules = nullptr;
  for (const auto& th : threads) {
    if (th.steps.front().earlier_year == 2023 && th.title == "持续优化法治化营商环境") business = &th;
    if (th.steps.front().earlier_year == 2023 && th.kind == commitment_kind::problem &&
        th.title.find("行政规范性文件法治化水平") != std::string::npos)
      rules = &th;
  }
  ASSERT_NE(business, nullptr);
  ASSERT_EQ(business->steps.size(), 2u);
  EXPECT_EQ(business->steps[0].status, track_status::carried_over);  // 2023 → 2024
  EXPECT_EQ(business->steps[1].status, track_status::in_progress);   // 2024 → 2025, half done
  EXPECT_EQ(business->steps[1].earlier_year, 2024);
  ASSERT_NE(rules, nullptr);
  ASSERT_EQ(rules->steps.size(), 2u);
  EXPECT_EQ(rules->steps[0].status, track_status::persisting);
  EXPECT_EQ(rules->steps[1].status, track_status::persisting);
  // every entry is in exactly one thread
  std::size_t n = 0;
  for (const auto& th : threads) n += th.steps.size();
  EXPECT_EQ(n, entries.size());
}

TEST_F(track_pairs, verdict_rows_round_trip_into_timeline_entries) {
  const auto rows = annals::verdict_rows(*t2425);
  std::map<std::string, int> subjects;
  for (const auto& r : rows) ++subjects[std::string(to_string(r.subject))];
  EXPECT_EQ(subjects["commitment"], static_cast<int>(t2425->commitments.size()));
  EXPECT_EQ(subjects["metric"], static_cast<int>(t2425->metrics.size()));
  EXPECT_EQ(subjects["streak"], 1);
  EXPECT_EQ(subjects["from_to"], 1);
  std::set<std::pair<annals::verdict_subject, std::string>> keys;  // the store's key: subject + ref
  for (const auto& r : rows) EXPECT_TRUE(keys.insert({r.subject, r.ref}).second) << r.ref;
  std::size_t i = 0;
  for (const auto& r : rows) {
    if (r.subject != annals::verdict_subject::commitment) continue;
    const auto& c = t2425->commitments[i++];
    const auto e = annals::timeline_entry_from_row(2024, 2025, "annals-track/1", r);
    EXPECT_EQ(e.commitment, c.earlier);
    EXPECT_EQ(e.status, c.status);
    EXPECT_EQ(e.kind, c.kind);
    EXPECT_EQ(e.carried_into, c.carried_into);
    EXPECT_EQ(e.evidence, c.evidence);
  }
  annals::verdict_record bad{annals::verdict_subject::commitment, "k1", "x", "fulfilled", 0.5, "[1, 2]"};
  EXPECT_THROW((void)annals::timeline_entry_from_row(2024, 2025, "r", bad), annals::input_error);
  bad.evidence_json = "{";
  EXPECT_THROW((void)annals::timeline_entry_from_row(2024, 2025, "r", bad), annals::input_error);
  bad.evidence_json = "{}";
  bad.status = "finished";
  EXPECT_THROW((void)annals::timeline_entry_from_row(2024, 2025, "r", bad), annals::input_error);
}

TEST_F(track_pairs, timeline_renderings) {
  auto entries = entries_of(*t2324);
  const auto later = entries_of(*t2425);
  entries.insert(entries.end(), later.begin(), later.end());
  const auto threads = annals::build_timeline(entries);
  const auto pairs = annals::timeline_pairs(threads);
  ASSERT_EQ(pairs.size(), 2u);
  EXPECT_EQ(pairs[0], std::make_pair(2023, 2024));
  const auto j = annals::timeline_to_json(threads, "成都市");
  EXPECT_THAT(j, HasSubstr("\"schema\": \"annals.timeline/1\""));
  EXPECT_THAT(j, HasSubstr("\"status\": \"carried_over\""));
  const auto md = annals::timeline_to_markdown(threads, "成都市");
  EXPECT_THAT(md, HasSubstr("| commitment | kind | 2023→2024 | 2024→2025 |"));
  EXPECT_THAT(md, HasSubstr("| 持续优化法治化营商环境 | next_step | carried_over | in_progress |"));
  EXPECT_THAT(annals::timeline_to_markdown({}, "成都市"), HasSubstr("No tracked commitments."));
  const auto zh = annals::timeline_to_markdown(threads, "成都市", annals::report_lang::zh);
  EXPECT_THAT(zh, HasSubstr("# 成都市承诺事项跟踪时间线"));
  EXPECT_THAT(zh, HasSubstr("| 承诺事项 | 类别 | 2023→2024 | 2024→2025 |"));
  EXPECT_THAT(zh, HasSubstr("| 持续优化法治化营商环境 | 下一步 | 继续部署 | 推进中 |"));
  EXPECT_THAT(zh, Not(HasSubstr("carried_over")));
  EXPECT_EQ(annals::timeline_to_markdown(threads, "成都市", annals::report_lang::en), md);
  EXPECT_THAT(annals::timeline_to_markdown({}, "成都市", annals::report_lang::zh), HasSubstr("尚无跟踪的承诺事项。"));
}

// ---- aliases ------------------------------------------------------------------------------------

TEST(track_aliases, catalogue_aliases_align_differently_worded_labels) {
  auto e = builder("成都市人民政府关于2024年度法治政府建设情况的报告\n全市新收行政复议案件1000件。", 2024);
  e.fact("全市新收行政复议案件1000件", "1000件", "全市新收行政复议案件", "1000", "件");
  auto l = builder("成都市人民政府关于2025年度法治政府建设情况的报告\n行政复议收案1200件,同比增长20%。", 2025);
  const auto f = l.fact("行政复议收案1200件", "1200件", "行政复议收案", "1200", "件");
  l.change(annals::change_kind::growth_pct, "同比增长20%", "同比增长20%", "行政复议收案", "20",
           annals::direction::up, f);
  const auto plain = annals::track(e.build(), l.build());
  ASSERT_EQ(plain.metrics.size(), 1u);
  EXPECT_EQ(plain.metrics[0].verdict, metric_verdict::unverifiable);  // no earlier value found
  annals::track_options o;
  o.aliases = {{"全市新收行政复议案件", "新收行政复议案件"}, {"行政复议收案", "新收行政复议案件"}};
  const auto aliased = annals::track(e.build(), l.build(), o);
  ASSERT_EQ(aliased.metrics.size(), 1u);
  EXPECT_EQ(aliased.metrics[0].verdict, metric_verdict::consistent);
  EXPECT_EQ(aliased.metrics[0].similarity, 1.0);
}

// ---- errors ---------------------------------------------------------------------------------------

// Reports tracked out of a store align their figures as the same reports read from files do:
// the catalogue's seeded entries (every label filed under itself) are not aliases for the
// tracker, only the user's own mappings are (track_options_from).
TEST(track_aliases, stored_reports_align_as_the_files_do_and_the_users_mappings_join_labels) {
  const auto r24 = annals::read_report(std::string(ANNALS_DATA_DIR) + "/chengdu-2024.txt");
  const auto r25 = annals::read_report(std::string(ANNALS_DATA_DIR) + "/chengdu-2025.txt");
  auto db = annals::store::memory();
  const auto id24 = db.ingest(r24).id, id25 = db.ingest(r25).id;
  const auto pairs_of = [](const annals::tracking& t) {
    std::vector<std::string> out;
    for (const auto& m : t.metrics)
      out.push_back(m.label + " -> " + m.later_label + " " + (m.earlier ? m.earlier->fact : "-") + " " +
                    std::string(annals::to_string(m.verdict)));
    return out;
  };
  const auto from_files = annals::track(r24, r25);
  const auto from_store = annals::track(db.load_report(id24), db.load_report(id25), annals::track_options_from(db));
  EXPECT_TRUE(annals::track_options_from(db).aliases.empty());  // nothing the user mapped yet
  EXPECT_EQ(pairs_of(from_store), pairs_of(from_files));
  // must not fire: short and structural labels (the plan's counts, a two-character name) stay
  // unaligned, as from the files; with the seeded entries as aliases they were paired
  for (const auto& m : from_store.metrics)
    for (const char* label : {"方面", "工作任务", "公证"})
      EXPECT_FALSE(m.later_label == label && m.earlier) << label << " aligned with " << m.label;
  // 修改、废止 (2024) and 修改、废止文件 (2025) align by their words; mapped by the user to one
  // metric, with similarity 1
  const auto similarity_of = [](const annals::tracking& t, const std::string& later_label) {
    for (const auto& m : t.metrics)
      if (m.later_label == later_label && m.earlier) return std::optional<double>(m.similarity);
    return std::optional<double>();
  };
  ASSERT_TRUE(similarity_of(from_store, "修改、废止文件").has_value());
  EXPECT_LT(*similarity_of(from_store, "修改、废止文件"), 1.0);
  std::istringstream mapping("alias,metric\n修改、废止|件,修改、废止文件|件\n修改、废止文件|件,修改、废止文件|件\n");
  (void)db.import_catalogue(mapping, "mapping.csv");
  const auto options = annals::track_options_from(db);
  EXPECT_EQ(options.aliases.size(), 2u);
  const auto mapped = annals::track(db.load_report(id24), db.load_report(id25), options);
  EXPECT_EQ(similarity_of(mapped, "修改、废止文件"), std::optional<double>(1.0));
}

TEST(track_errors, different_jurisdictions_are_a_usage_error_unless_allowed) {
  auto a = builder("成都市人民政府关于2024年度法治政府建设情况的报告\n正文。", 2024, "成都市").build();
  auto b = builder("重庆市人民政府关于2025年度法治政府建设情况的报告\n正文。", 2025, "重庆市").build();
  try {
    (void)annals::track(a, b);
    FAIL() << "expected usage_error";
  } catch (const annals::usage_error& e) {
    EXPECT_STREQ(e.what(), "track: reports of different jurisdictions: 成都市 and 重庆市");
    EXPECT_EQ(e.code(), annals::errc::usage);
  }
  annals::track_options o;
  o.allow_other_jurisdiction = true;
  const auto t = annals::track(a, b, o);
  ASSERT_FALSE(t.warnings.empty());
  EXPECT_THAT(t.warnings[0], HasSubstr("different jurisdictions"));
}

TEST(track_errors, earlier_must_be_earlier) {
  const auto a = builder("报告正文。", 2025).build();
  const auto b = builder("报告正文。", 2024).build();
  EXPECT_THROW((void)annals::track(a, b), annals::usage_error);
  EXPECT_THROW((void)annals::track(a, a), annals::usage_error);
}

TEST(track_errors, empty_reports) {
  const auto full = builder("成都市人民政府关于2025年度法治政府建设情况的报告\n正文。", 2025).build();
  const auto empty = builder("", 2024).build();
  try {
    (void)annals::track(full, builder("", 2026).build());
    FAIL();
  } catch (const annals::input_error& e) {
    EXPECT_STREQ(e.what(), "track: the later report has no text");
  }
  EXPECT_THROW((void)annals::track(empty, full), annals::input_error);
}

TEST(track_errors, report_without_outlook_has_no_commitments_and_warns) {
  const auto a = builder("成都市人民政府关于2024年度法治政府建设情况的报告\n一、工作情况\n一是依法决策。", 2024).build();
  const auto b = builder("成都市人民政府关于2025年度法治政府建设情况的报告\n一、工作情况\n一是依法决策。", 2025).build();
  const auto t = annals::track(a, b);
  EXPECT_TRUE(t.commitments.empty());
  EXPECT_TRUE(t.metrics.empty());
  EXPECT_FALSE(t.has_inconsistency());
  EXPECT_THAT(t.warnings, ::testing::Contains(HasSubstr("no 下一步")));
  EXPECT_THAT(annals::to_markdown(t), HasSubstr("None found."));
  const auto zh = annals::to_markdown(t, annals::report_lang::zh);
  EXPECT_THAT(zh, HasSubstr("未发现。"));
  EXPECT_THAT(zh, HasSubstr("## 提示\n\n- 本年报告没有“下一步”部分，无从判断是否继续部署\n"));
  EXPECT_THAT(zh, HasSubstr("上年一方未载明承诺事项。"));
}

TEST(track_errors, unknown_year_and_place_are_warnings) {
  auto a = builder("正文一。", 2024).build();
  auto b = builder("正文二。", 2025).build();
  a.meta.year.reset();
  b.meta.jurisdiction.reset();
  const auto t = annals::track(a, b);
  EXPECT_EQ(t.warnings.size(), 3u);  // year, jurisdiction, no 下一步
}

TEST(track_strings, statuses_round_trip) {
  for (auto s : {track_status::fulfilled, track_status::carried_over, track_status::in_progress,
                 track_status::not_reported, track_status::persisting, track_status::addressed})
    EXPECT_EQ(annals::from_string<annals::track_status>(to_string(s)), s);
  EXPECT_FALSE(annals::from_string<annals::track_status>("done").has_value());
  EXPECT_EQ(annals::from_string<annals::metric_verdict>("not_stated"), metric_verdict::not_stated);
  EXPECT_FALSE(annals::from_string<annals::metric_verdict>("").has_value());
}

}  // namespace

TEST(track_plan, the_later_years_own_plan_is_not_a_report_on_the_earlier_one) {
  auto plan_status = [](const std::string& later_line) {
    const auto earlier = small("一、总体情况\n印发《2024年法治政府建设工作要点》，明确六个方面20项重点任务。\n",
                               "执法规范化有待加强。下一步,一是加强执法。\n", 2024);
    const auto later = small("一、总体情况\n" + later_line + "\n", "普法针对性不强。下一步,一是加强普法。\n", 2025);
    return plan_commitment(annals::track(earlier, later)).status;
  };
  // the same counts, issued again for the new year: nothing said about last year's plan
  EXPECT_EQ(plan_status("印发《2025年法治政府建设工作要点》，明确六个方面20项重点任务。"), track_status::not_reported);
  EXPECT_EQ(plan_status("研究制定年度工作安排，部署六个方面20项重点任务。"), track_status::not_reported);
  // a report on it: done
  EXPECT_EQ(plan_status("2024年工作要点确定的20项重点任务全部完成。"), track_status::fulfilled);
}

TEST(track_figures, a_yoy_multiple_is_checked_like_a_growth) {
  auto verdict_of = [](const std::string& earlier_line, const std::string& later_line, const std::string& later_text) {
    auto doc = [](int year, const std::string& line) {
      return annals::read_report_text("某市人民政府关于" + std::to_string(year) + "年度法治政府建设情况的报告\n市人大常委会：\n一、主要工作\n" +
                                      line + "\n");
    };
    const auto t = annals::track(doc(2021, earlier_line), doc(2022, later_line));
    for (const auto& m : t.metrics)
      if (m.later.text == later_text) return m.verdict;
    throw std::runtime_error("no metric " + later_text);
  };
  // 同比增长1.1倍: factor 2.1 written to a tenth, growth 105%..115%
  EXPECT_EQ(verdict_of("全市新收行政复议案件1264件。", "全市新收行政复议案件2658件，同比增长1.1倍。", "2658件"),
            metric_verdict::consistent);
  EXPECT_EQ(verdict_of("全市新收行政复议案件1264件。", "全市新收行政复议案件3300件，同比增长1.1倍。", "3300件"),
            metric_verdict::inconsistent);
  // a ratio between two figures of one report is no statement about last year
  EXPECT_EQ(verdict_of("全市新收行政复议案件1264件。", "全市新收行政复议案件3300件，是行政诉讼案件的1.1倍。", "3300件"),
            metric_verdict::not_stated);
}

TEST(track_chains, a_chain_whose_start_was_a_plain_figure_a_year_earlier) {
  auto chains = [](const std::string& earlier_line, const std::string& later_line) {
    auto doc = [](int year, const std::string& line) {
      return annals::read_report_text("某市市场监督管理局关于" + std::to_string(year) + "年度法治政府建设情况的报告\n市人民政府：\n一、主要工作\n" +
                                      line + "\n");
    };
    return annals::track(doc(2024, earlier_line), doc(2025, later_line)).from_to;
  };
  const auto same = chains("在姑苏区6个街道开展“综合查一次”改革试点，发布典型案例36个。",
                           "“综合查一次”试点街道由6个扩大至90个，发布典型案例40个。");
  ASSERT_EQ(same.size(), 1u);
  EXPECT_EQ(same[0].verdict, metric_verdict::consistent);
  EXPECT_EQ(same[0].earlier_to, annals::decimal{6});
  const auto broken = chains("在姑苏区8个街道开展“综合查一次”改革试点。", "“综合查一次”试点街道由6个扩大至90个。");
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_EQ(broken[0].verdict, metric_verdict::inconsistent);
  // nothing in the earlier report speaks of that subject: no check at all
  EXPECT_TRUE(chains("发布典型案例6个。", "“综合查一次”试点街道由6个扩大至90个。").empty());
}

TEST(track_matching, a_title_matching_only_a_recurring_section_heading_is_not_reported) {
  auto status = [](const std::string& later_body) {
    const auto earlier = small("一、总体情况\n一是依法决策。全年审查重大行政决策事项12件。\n",
                               "执法规范化有待加强。下一步,一是强化行政权力制约监督。健全政务诚信长效机制，开展政府失信违约专项治理。\n",
                               2024);
    const auto later = small(later_body, "普法针对性不强。下一步,一是加强普法宣传。\n", 2025);
    return find(annals::track(earlier, later), commitment_kind::next_step, 1).status;
  };
  // the heading comes back, the promised work (政务诚信, 失信违约) does not
  EXPECT_EQ(status("一、强化行政权力制约监督，依法化解社会矛盾纠纷\n一是发挥行政复议主渠道作用。新收行政复议案件1860件。\n"),
            track_status::not_reported);
  // a passage describing the work under that title still counts
  EXPECT_EQ(status("一、总体情况\n一是持续强化行政权力制约监督，稳步推进审计监督全覆盖。\n"), track_status::in_progress);
}

TEST(track_alignment, short_labels_and_labels_written_shorter_one_year) {
  auto metric_of = [](const std::string& earlier_line, const std::string& later_line, const std::string& later_text)
      -> std::optional<metric_verdict> {
    auto doc = [](int year, const std::string& line) {
      return annals::read_report_text("某区人民政府关于" + std::to_string(year) + "年度法治政府建设情况的报告\n区人大常委会：\n一、主要工作\n" +
                                      line + "\n");
    };
    const auto t = annals::track(doc(2022, earlier_line), doc(2023, later_line));
    for (const auto& m : t.metrics)
      if (m.later.text == later_text && m.earlier) return m.verdict;
    return std::nullopt;
  };
  // 企业 alone is too short: what the rest of the clause says aligns the two years
  EXPECT_EQ(metric_of("全年对312家企业依法作出不予处罚决定。", "全年对368家企业依法作出不予处罚决定。", "368家"),
            metric_verdict::not_stated);
  EXPECT_EQ(metric_of("全年对312家企业依法作出不予处罚决定。", "全年对368家企业开展信用修复。", "368家"), std::nullopt);
  // a label cut short by 等 one year: the words before the figure still match
  EXPECT_EQ(metric_of("组织律师参与信访接待、法律咨询等公益服务4.1万人次。", "组织律师参与公益法律服务4.6万人次，同比增长12.2%。",
                      "4.6万人次"),
            metric_verdict::consistent);
  EXPECT_EQ(metric_of("组织律师参与信访接待、法律咨询等公益服务4.1万人次。", "开展法治宣传活动4.6万人次。", "4.6万人次"),
            std::nullopt);
}

// The aligner pairs a figure from the earlier labels of similarity 1.0 when one is free (the same
// label, or the same Han bigrams written in another order), and asks the bigram index for less
// similar labels only when none is (issue 17). Either way the pairing is that of the plain greedy
// over all pairs: the highest similarity, then the first earlier figure in text order.
TEST(track_alignment, labels_of_similarity_one_first_then_the_most_similar_free_one) {
  auto doc = [](int year, const std::string& lines) {
    return annals::read_report_text("某区人民政府关于" + std::to_string(year) + "年度法治政府建设情况的报告\n区人大常委会：\n一、主要工作\n" +
                                    lines + "\n");
  };
  // 纠纷调解纠纷 and 调解纠纷调解 have the same bigrams (调解 解纠 纠纷 纷调): as similar as the same
  // label, and the first of the two in the earlier report is taken
  {
    const auto t = annals::track(doc(2022, "纠纷调解纠纷95件。调解纠纷调解120件。"),
                                 doc(2023, "调解纠纷调解132件，同比增长10%。"));
    ASSERT_EQ(t.metrics.size(), 1u);
    ASSERT_TRUE(t.metrics[0].earlier);
    EXPECT_EQ(t.metrics[0].earlier->text, "95件");
    EXPECT_EQ(t.metrics[0].label, "纠纷调解纠纷");
    EXPECT_DOUBLE_EQ(t.metrics[0].similarity, 1.0);
    EXPECT_EQ(t.metrics[0].verdict, metric_verdict::inconsistent);  // 95 → 132 is not 10%
  }
  // the same label twice in the later report: the first takes its twin, the second the most
  // similar label still free (another object of the same department and action, Dice 0.69)
  {
    const auto t = annals::track(doc(2022, "市场监管部门查处食品安全违法案件120件。市场监管部门查处药品监管违法案件80件。"),
                                 doc(2023, "市场监管部门查处食品安全违法案件132件，同比增长10%。"
                                           "市场监管部门查处食品安全违法案件88件，同比增长10%。"));
    ASSERT_EQ(t.metrics.size(), 2u);
    ASSERT_TRUE(t.metrics[0].earlier);
    ASSERT_TRUE(t.metrics[1].earlier);
    EXPECT_EQ(t.metrics[0].earlier->text, "120件");
    EXPECT_DOUBLE_EQ(t.metrics[0].similarity, 1.0);
    EXPECT_EQ(t.metrics[1].earlier->text, "80件");
    EXPECT_EQ(t.metrics[1].label, "市场监管部门查处药品监管违法案件");
    EXPECT_DOUBLE_EQ(t.metrics[1].similarity, 0.69);
    EXPECT_EQ(t.metrics[1].verdict, metric_verdict::consistent);
  }
}

TEST(track_figures, each_growth_of_a_respective_list_is_checked_against_its_own_figure) {
  auto doc = [](int year, const std::string& line) {
    return annals::read_report_text("某市司法局关于" + std::to_string(year) + "年度法治政府建设情况的报告\n市人民政府：\n一、主要工作\n" +
                                    line + "\n");
  };
  const auto t = annals::track(doc(2023, "全年办理法律援助案件2.05万件、公证事项58.5万件。"),
                               doc(2024, "全年办理法律援助案件2.3万件、公证事项61万件，分别同比增长12.1%和4.3%。"));
  std::map<std::string, metric_verdict> got;
  for (const auto& m : t.metrics) got[m.later.text] = m.verdict;
  EXPECT_EQ(got.at("2.3万件"), metric_verdict::consistent);   // 2.05万 → 2.3万: 11.7–12.6 %
  EXPECT_EQ(got.at("61万件"), metric_verdict::consistent);    // 58.5万 → 61万: 4.1–4.4 %
}

// ---- check_changes / check_report: what `annals check` and annals.check() show ----------------

namespace {

TEST_F(track_pairs, check_report_gives_every_stated_change_its_tracker_verdict) {
  const annals::change_check c = annals::check_report(*r25, r24);
  ASSERT_TRUE(c.earlier);
  EXPECT_EQ(c.earlier->sha256, r24->source.sha256);
  EXPECT_EQ(c.report.year, r25->meta.year);
  EXPECT_EQ(c.stated_changes, r25->changes.size());
  ASSERT_EQ(c.changes.size(), r25->changes.size());
  std::size_t inconsistent = 0;
  for (std::size_t i = 0; i < c.changes.size(); ++i) {
    EXPECT_EQ(c.changes[i].change, r25->changes[i].id);
    EXPECT_EQ(c.changes[i].kind, r25->changes[i].kind);
    inconsistent += c.changes[i].verdict == annals::metric_verdict::inconsistent ? 1u : 0u;
  }
  EXPECT_EQ(c.inconsistent, inconsistent);
  EXPECT_GT(c.inconsistent, 0u);
  // the same verdicts as the tracking's own, change by change
  for (const auto& m : t2425->metrics) {
    if (!m.stated) continue;
    const auto it = std::find_if(c.changes.begin(), c.changes.end(),
                                 [&](const annals::checked_change& x) { return x.change == m.stated->change; });
    ASSERT_NE(it, c.changes.end());
    EXPECT_EQ(it->verdict, m.verdict) << m.stated->change;
    EXPECT_EQ(it->later, m.later.text);
  }
  EXPECT_EQ(c.implied_priors.size(), annals::implied_priors(*r25).size());
}

TEST_F(track_pairs, check_report_alone_and_problems_only) {
  const annals::change_check alone = annals::check_report(*r25, nullptr, "none given");
  EXPECT_FALSE(alone.earlier);
  EXPECT_EQ(alone.note, "none given");
  EXPECT_EQ(alone.inconsistent, 0u);
  for (const auto& x : alone.changes) {
    EXPECT_EQ(x.verdict, annals::metric_verdict::unverifiable);
    EXPECT_TRUE(x.reason == "no earlier report to compare with" || x.reason == "not checked: no figures to compare it with")
        << x.reason;
  }
  const annals::change_check problems = annals::check_report(*r25, r24, {}, true);
  EXPECT_EQ(problems.stated_changes, r25->changes.size());
  EXPECT_EQ(problems.changes.size(), problems.inconsistent);
  EXPECT_TRUE(problems.implied_priors.empty());
  for (const auto& x : problems.changes) EXPECT_EQ(x.verdict, annals::metric_verdict::inconsistent);
}

TEST_F(track_pairs, check_records_as_json_and_markdown) {
  const annals::change_check c = annals::check_report(*r25, r24);
  const std::string json = annals::check_to_json(c);
  EXPECT_THAT(json, ::testing::HasSubstr("\"inconsistent\": " + std::to_string(c.inconsistent) + ",\n"));
  EXPECT_THAT(json, ::testing::HasSubstr("\"sha256\": \"" + r24->source.sha256 + "\""));
  const std::string md = annals::check_to_markdown(c);
  EXPECT_THAT(md, ::testing::HasSubstr("| **inconsistent** |"));
  EXPECT_THAT(md, ::testing::HasSubstr("\n" + std::to_string(c.inconsistent) + " inconsistent of " +
                                       std::to_string(c.stated_changes) + " stated changes.\n"));
  const std::string alone = annals::check_to_markdown(annals::check_report(*r25, nullptr, "no <b>earlier</b>"));
  EXPECT_THAT(alone, ::testing::HasSubstr("Checked against: no &lt;b&gt;earlier"));
  EXPECT_EQ(annals::check_to_markdown(c, annals::report_lang::en), md);
  const std::string zh = annals::check_to_markdown(c, annals::report_lang::zh);
  EXPECT_THAT(zh, ::testing::HasSubstr("# 变化表述核验："));
  EXPECT_THAT(zh, ::testing::HasSubstr("| 编号 | 类别 | 指标 | 报告所称 | 上年 | 本年 | 计算值 | 允许范围 | 结论 | 原因 |"));
  EXPECT_THAT(zh, ::testing::HasSubstr("| **不一致** |"));
  EXPECT_THAT(zh, ::testing::HasSubstr("\n共" + std::to_string(c.stated_changes) + "处变化表述，其中" +
                                       std::to_string(c.inconsistent) + "处与数据不一致。\n"));
  EXPECT_THAT(zh, ::testing::HasSubstr("## 隐含的上年数值\n\n| 编号 | 指标 | 隐含的2024年数值 |"));
  EXPECT_THAT(zh, ::testing::Not(::testing::HasSubstr("inconsistent")));
  EXPECT_THAT(zh, ::testing::Not(::testing::HasSubstr("| growth_pct |")));
  // the notes of `annals check` are reasons with a Chinese template; unknown text stays as given
  const annals::change_check none = annals::check_report(
      *r25, nullptr, "no earlier report given (--prior FILE or --db DB): only the implied prior-year values are shown");
  EXPECT_THAT(annals::check_to_markdown(none, annals::report_lang::zh),
              ::testing::HasSubstr("对照：未提供上一年报告（--prior 文件或 --db 数据库）：仅列出隐含的上年数值"));
  EXPECT_THAT(annals::check_to_markdown(annals::check_report(*r25, nullptr, "no <b>earlier</b>"), annals::report_lang::zh),
              ::testing::HasSubstr("对照：no &lt;b&gt;earlier"));
}

}  // namespace

// ---- one enum each: the tracker's verdicts and statuses are growth.hpp's (issue 14, item 6) ----

namespace {

static_assert(std::is_same_v<annals::metric_verdict, annals::consistency_verdict>);
static_assert(std::is_same_v<annals::target_status, annals::progress_category>);

TEST(track_enums, the_tracker_extends_the_growth_checks_names_and_parses_them) {
  EXPECT_EQ(to_string(annals::metric_verdict::not_stated), "not_stated");
  EXPECT_EQ(to_string(annals::target_status::no_data), "no_data");
  for (auto v : {annals::metric_verdict::consistent, annals::metric_verdict::inconsistent,
                 annals::metric_verdict::unverifiable, annals::metric_verdict::not_stated})
    EXPECT_EQ(annals::from_string<annals::metric_verdict>(to_string(v)), v);
  EXPECT_FALSE(annals::from_string<annals::metric_verdict>("consistant"));
}

}  // namespace

// ---- round 3: classes found by held-out text (tests/accuracy p7, p8) --------------------------

TEST(track_cues, a_completion_aimed_at_by_the_work_is_progress) {
  // 推进…组建: the team is being formed, not formed
  EXPECT_EQ(one_next_step("组建安全生产专家服务团。", "推进安全生产专家服务团组建，首批入库专家42名。"),
            track_status::in_progress);
  EXPECT_EQ(one_next_step("组建安全生产专家服务团。", "组建安全生产专家服务团，入库专家42名。"), track_status::fulfilled);
  // 已 says it happened
  EXPECT_EQ(one_next_step("组建安全生产专家服务团。", "推进安全生产专家服务团组建已全部完成。"), track_status::fulfilled);
  // an adverb says the completion happened: 推动…全部完成 (track_matching.completion_and_progress_cues)
  EXPECT_EQ(one_next_step("组建安全生产专家服务团。", "推进安全生产专家服务团组建顺利完成。"), track_status::fulfilled);
}

TEST(track_problems, a_problem_said_to_be_solved_in_other_words_is_addressed) {
  auto status = [](const std::string& later_body) {
    const auto earlier = small("一、总体情况\n推进数字政府建设。\n", "数字政府建设相对滞后，政务数据共享不够充分。下一步,一是加快数字政府建设。\n", 2022);
    const auto later = small("一、总体情况\n" + later_body + "\n", "基层执法力量不足。下一步,一是加强队伍建设。\n", 2023);
    return find(annals::track(earlier, later), commitment_kind::problem, 1).status;
  };
  EXPECT_EQ(status("州级平台建成运行，政务数据共享不充分的问题得到有效解决，数字政府建设短板加快补齐。"), track_status::addressed);
  // mentioned without any word of work on it: not reported
  EXPECT_EQ(status("本年度数字政府与政务数据共享的评价另行公布。"), track_status::not_reported);
}

TEST(track_plans, the_later_years_plan_done_in_its_own_year_is_no_evidence) {
  auto status = [](const std::string& later_sentence) {
    const auto earlier = small("一、总体情况\n制定《2024年度法治政府建设工作要点》，明确5个方面18项重点任务。\n", "执法力量不足。下一步,一是加强队伍建设。\n", 2024);
    const auto later = small("一、总体情况\n" + later_sentence + "\n", "执法力量不足。下一步,一是加强队伍建设。\n", 2025);
    for (const auto& c : annals::track(earlier, later).commitments)
      if (c.kind == commitment_kind::plan) return c.status;
    throw std::runtime_error("no plan");
  };
  EXPECT_EQ(status("制定《2025年度法治政府建设工作要点》，明确5个方面18项重点任务，目前已全部完成。"), track_status::not_reported);
  // the earlier plan named as issued before (印发的) and reported done is evidence
  EXPECT_EQ(status("上年印发的工作要点明确的5个方面18项重点任务已全部完成。"), track_status::fulfilled);
}

TEST(track_alignment, a_span_of_months_is_part_of_a_year) {
  auto verdict = [](const std::string& later_line) -> std::optional<metric_verdict> {
    auto doc = [](int year, const std::string& line) {
      return annals::read_report_text("某市应急管理局关于" + std::to_string(year) + "年度法治政府建设情况的报告\n一、主要工作\n" + line + "\n");
    };
    const auto t = annals::track(doc(2024, "受理安全生产举报投诉2130件。"), doc(2025, later_line));
    for (const auto& m : t.metrics)
      if (m.earlier) return m.verdict;
    return std::nullopt;
  };
  // 1—11月 against a whole year: cannot be checked
  EXPECT_EQ(verdict("1—11月受理安全生产举报投诉1968件，较上年同期增长6.1%。"), metric_verdict::unverifiable);
  EXPECT_EQ(verdict("1-10月受理安全生产举报投诉1968件，同比增长6.1%。"), metric_verdict::unverifiable);
  // the whole year, 1—12月, is checked: 2130 → 2260 is 6.10%
  EXPECT_EQ(verdict("1—12月受理安全生产举报投诉2260件，同比增长6.1%。"), metric_verdict::consistent);
}
