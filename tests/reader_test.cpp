// The reader's extraction patterns, one test per pattern, on sentences written in the styles of
// different governments' reports.
//
// 编造的测试句子：本文件中的所有句子、地名和数字均为虚构，仅用于测试，不是任何政府的报告内容。
// (Every sentence, place and figure in this file is made up for testing; none is a statement by
// any government.)

#include <annals/catalogue.hpp>
#include <annals/reader.hpp>
#include <annals/text.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iconv.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using annals::decimal;

namespace {

annals::report read(const std::string& text) { return annals::read_report_text(text); }

/// The facts of a text, as "value unit qualifier [label]".
std::vector<std::string> facts_of(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& f : read(text).facts)
    out.push_back(f.q.value.to_string() + " " + f.q.unit + " " + std::string(annals::to_string(f.q.qual)) + " [" +
                  f.label + "]");
  return out;
}

const annals::fact& only_fact(const annals::report& r) {
  EXPECT_EQ(r.facts.size(), 1u);
  if (r.facts.empty()) throw std::runtime_error("no fact");
  return r.facts[0];
}

bool has_warning(const annals::report& r, const std::string& code) {
  for (const auto& w : r.warnings)
    if (w.code == code) return true;
  return false;
}

using strings = std::vector<std::string>;

// A whole made-up report in the layout many 区/县 use: (一) sub-headings, a problems section and
// an outlook section.
const char* district_report =
    "某某区人民政府关于2023年度法治政府建设工作情况的报告\n"
    "【编造的测试文档，数字均为虚构，仅用于测试。】\n"
    "区人大常委会：\n"
    "2023年，区政府深入推进依法行政。现将有关情况报告如下。\n"
    "一、主要工作成效\n"
    "（一）依法全面履行政府职能。全年新增市场主体1.2万户，同比增长8.6%。政务服务事项网上可办率由92%提高到98.5%。\n"
    "（二）完善依法行政制度体系。印发《2023年法治政府建设工作要点》，明确32项重点任务。审核行政规范性文件46件。\n"
    "（三）严格规范公正文明执法。全区行政执法人员持证上岗率达到百分之百，培训执法人员3200人次。\n"
    "二、存在的问题\n"
    "（一）基层执法力量仍然薄弱。\n"
    "（二）行政争议源头预防不够有力。\n"
    "三、下一步工作打算\n"
    "（一）持续深化法治政府示范创建。力争2024年底前行政复议纠错率达到15%以上。\n"
    "（二）加强基层执法队伍建设。开展执法人员轮训。\n"
    "\n"
    "某某区人民政府\n"
    "2024年2月5日\n";

}  // namespace

// ---- facts: what is counted ---------------------------------------------------------------------

TEST(reader_facts, count_before_the_figure) {
  EXPECT_EQ(facts_of("全区受理行政复议案件1286件。"), strings{"1286 件 exact [全区受理行政复议案件]"});
  EXPECT_EQ(facts_of("2023年全县新增市场主体超1.2万户,"), strings{"12000 户 more_than [全县新增市场主体]"});
}

TEST(reader_facts, count_after_the_measure_word) {
  EXPECT_EQ(facts_of("新建15个公共法律服务工作站。"), strings{"15 个 exact [公共法律服务工作站]"});
  EXPECT_EQ(facts_of("整合全省120家检验检测机构。"), strings{"120 家 exact [检验检测机构]"});
}

TEST(reader_facts, a_generic_head_noun_ends_the_counted_noun) {
  EXPECT_EQ(facts_of("明确全区52家单位执法主体资格。"), strings{"52 家 exact [单位]"});
}

TEST(reader_facts, list_sharing_a_verb_gives_parallel_labels) {
  EXPECT_EQ(facts_of("受理法律援助案件2300件、公证事项4.6万件、人民调解案件1.2万余件。"),
            (strings{"2300 件 exact [法律援助案件]", "46000 件 exact [公证事项]", "12000 件 more_than [人民调解案件]"}));
}

TEST(reader_facts, multi_count_list_gives_one_fact_each) {
  EXPECT_EQ(facts_of("组织3个督察组、12个工作专班、45名执法骨干开展专项检查。"),
            (strings{"3 个 exact [督察组]", "12 个 exact [工作专班]", "45 人 exact [执法骨干]"}));
}

TEST(reader_facts, list_after_deng_names_the_kind) {
  EXPECT_EQ(facts_of("在食品安全、生态环境等12个领域推行包容审慎监管。"),
            strings{"12 个 exact [食品安全、生态环境等领域]"});
}

TEST(reader_facts, chinese_numerals_count) {
  EXPECT_EQ(facts_of("制定两百四十个标准化办事流程。"), strings{"240 个 exact [标准化办事流程]"});
  EXPECT_EQ(facts_of("开展普法宣传一千二百余场,"), strings{"1200 场 more_than [普法宣传]"});
  EXPECT_EQ(facts_of("办理公证三十五万件。"), strings{"350000 件 exact [公证]"});
}

TEST(reader_facts, full_width_digits_keep_their_offsets) {
  const std::string text = "办理行政许可事项１２８６件，同比增长１２．５％。";
  const auto r = read(text);
  const auto& f = only_fact(r);
  EXPECT_EQ(f.q.value, decimal::parse("1286"));
  EXPECT_EQ(f.text, "１２８６件");
  EXPECT_EQ(f.span.start, 8u);
  EXPECT_EQ(f.span.end, 13u);
  EXPECT_EQ(annals::utf8::slice(r.text, f.span), "１２８６件");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].value, decimal::parse("12.5"));
  EXPECT_EQ(r.changes[0].text, "同比增长１２．５％");
}

TEST(reader_facts, thousands_separator) {
  EXPECT_EQ(facts_of("全年受理投诉举报1,286件,"), strings{"1286 件 exact [受理投诉举报]"});
}

TEST(reader_facts, percent_forms) {
  EXPECT_EQ(facts_of("群众满意度达到百分之九十八点五。"), strings{"98.5 % exact [群众满意度]"});
  EXPECT_EQ(facts_of("七成以上的矛盾纠纷在基层化解。"), strings{"70 % at_least [矛盾纠纷在基层化解]"});
  EXPECT_EQ(facts_of("行政机关负责人出庭应诉率100%。"), strings{"100 % exact [行政机关负责人出庭应诉率]"});
  EXPECT_EQ(facts_of("执法人员持证上岗率达到百分之百。"), strings{"100 % exact [执法人员持证上岗率]"});
}

TEST(reader_facts, percent_before_a_noun_takes_the_rest_of_the_clause) {
  EXPECT_EQ(facts_of("90%以上的行政争议在诉前化解,"), strings{"90 % at_least [行政争议在诉前化解]"});
}

TEST(reader_facts, share_borrows_the_label_of_its_whole) {
  EXPECT_EQ(facts_of("全市办理审查4000件,其中市本级办理500件,占比12.5%。"),
            (strings{"4000 件 exact [全市办理审查]", "500 件 exact [市本级办理]", "12.5 % exact [市本级办理占比]"}));
}

TEST(reader_facts, wan_and_yi_are_multiplied_out_and_amounts_are_amounts) {
  const auto r = read("落实法治建设经费2.3亿元,其中市级投入1000余万元。");
  ASSERT_EQ(r.facts.size(), 2u);
  EXPECT_EQ(r.facts[0].q.value, decimal::parse("230000000"));
  EXPECT_EQ(r.facts[0].q.unit, "元");
  EXPECT_EQ(r.facts[0].kind, annals::fact_kind::amount);
  EXPECT_EQ(r.facts[1].q.value, decimal::parse("10000000"));
  EXPECT_EQ(r.facts[1].q.qual, annals::qualifier::more_than);
  EXPECT_EQ(r.facts[1].label, "市级投入");
}

TEST(reader_facts, measure_words_are_normalised) {
  EXPECT_EQ(facts_of("开展培训30场(次),"), strings{"30 场次 exact [培训]"});
  EXPECT_EQ(facts_of("开展信用提示5.2万户（次）。"), strings{"52000 户次 exact [信用提示]"});
  EXPECT_EQ(facts_of("接待群众来访1.6万人次,"), strings{"16000 人次 exact [接待群众来访]"});
  EXPECT_EQ(facts_of("选派120名法律顾问,"), strings{"120 人 exact [法律顾问]"});
}

TEST(reader_facts, qualifiers_before_and_after) {
  EXPECT_EQ(facts_of("培训超过3000人次,"), strings{"3000 人次 more_than [培训]"});
  EXPECT_EQ(facts_of("化解纠纷逾2万件,"), strings{"20000 件 more_than [化解纠纷]"});
  EXPECT_EQ(facts_of("覆盖近5万户,"), strings{"50000 户 nearly [覆盖]"});
  EXPECT_EQ(facts_of("服务企业约300家,"), strings{"300 家 about [服务企业]"});
  EXPECT_EQ(facts_of("办理时限压缩至3天左右,"), strings{"3 天 about [办理时限]"});
  EXPECT_EQ(facts_of("投诉率控制在5%以下,"), strings{"5 % at_most [投诉率]"});
  EXPECT_EQ(facts_of("积案不超过20件,"), strings{"20 件 at_most [积案]"});
  EXPECT_EQ(facts_of("错误率不到1%,"), strings{"1 % less_than [错误率]"});
  EXPECT_EQ(facts_of("覆盖不足一千户,"), strings{"1000 户 less_than [覆盖]"});
  EXPECT_EQ(facts_of("培训不少于40学时,"), strings{"40 学时 at_least [培训]"});
  EXPECT_EQ(facts_of("调解成功率不低于95%,"), strings{"95 % at_least [调解成功率]"});
  EXPECT_EQ(facts_of("开展检查200多次,"), strings{"200 次 more_than [检查]"});
  EXPECT_EQ(facts_of("惠及上万人,"), strings{"10000 人 more_than [惠及]"});
}

TEST(reader_facts, qualifier_text_and_interval) {
  const auto r = read("服务企业约300家。");
  const auto& f = only_fact(r);
  EXPECT_EQ(f.qualifier_text, "约");
  EXPECT_EQ(f.text, "约300家");
  const auto iv = f.q.bounds();
  EXPECT_EQ(iv.lo, decimal::parse("200"));
  EXPECT_EQ(iv.hi, decimal::parse("400"));
  const auto r2 = read("网站访问量保持在2.3亿人次以上。");
  const auto& g = only_fact(r2);
  EXPECT_EQ(g.qualifier_text, "以上");
  EXPECT_EQ(g.q.bounds().lo, decimal::parse("230000000"));
  EXPECT_FALSE(g.q.bounds().hi);
}

TEST(reader_facts, durations) {
  const auto r = read("平均办理时长2.5天。");
  const auto& f = only_fact(r);
  EXPECT_EQ(f.kind, annals::fact_kind::duration);
  EXPECT_TRUE(f.average);
  EXPECT_EQ(f.label, "办理时长");
}

TEST(reader_facts, cumulative_scopes_the_rest_of_the_sentence) {
  const auto r = read("全年累计调解纠纷3.1万件,办理法律援助6200件。新增律所12家。");
  ASSERT_EQ(r.facts.size(), 3u);
  EXPECT_TRUE(r.facts[0].cumulative);
  EXPECT_TRUE(r.facts[1].cumulative);
  EXPECT_FALSE(r.facts[2].cumulative);
}

TEST(reader_facts, a_bare_number_counts_after_a_counting_verb) {
  EXPECT_EQ(facts_of("全区执业律师总数达1286,"), strings{"1286  exact [全区执业律师总数]"});
  EXPECT_TRUE(facts_of("拨打12345咨询。").empty());
}

// ---- not facts -----------------------------------------------------------------------------------

TEST(reader_not_facts, names_slogans_and_fixed_terms) {
  EXPECT_TRUE(facts_of("深入开展“八五”普法,推行“一网通办”“最多跑一次”改革。").empty());
  EXPECT_TRUE(facts_of("12345政务服务便民热线全面提速。").empty());
  EXPECT_TRUE(facts_of("实施法治建设十大行动,开展党建引领三年行动。").empty());
  EXPECT_TRUE(facts_of("全面推行行政执法三项制度。").empty());
  EXPECT_TRUE(facts_of("深刻领悟两个确立的决定性意义。").empty());
  EXPECT_TRUE(facts_of("落实第一责任人职责,审结一审行政案件。").empty());
  EXPECT_TRUE(facts_of("推行一企一策、一村一法律顾问。").empty());
  EXPECT_TRUE(facts_of("建成5G基站,构建1+N制度体系。").empty());
  EXPECT_TRUE(facts_of("编制《法治政府建设实施方案(2021-2025年)》。").empty());
  EXPECT_TRUE(facts_of("制定3年行动计划。").empty());
}

TEST(reader_not_facts, ordinary_words) {
  EXPECT_TRUE(facts_of("进一步统一执法标准,推进一体化平台建设,取得一定成效,还存在一些短板。").empty());
  EXPECT_TRUE(facts_of("建立一个平台、一项制度、一支队伍。").empty());
}

TEST(reader_not_facts, years_and_dates_go_to_dates) {
  const auto r = read("2023年,全区于2023年6月30日前完成清理,8:30开放。");
  EXPECT_TRUE(r.facts.empty());
  ASSERT_EQ(r.dates.size(), 1u);
  EXPECT_EQ(r.dates[0].value.to_iso(), "2023-06-30");
  EXPECT_EQ(r.dates[0].role, annals::date_role::mentioned);
  EXPECT_EQ(r.dates[0].text, "2023年6月30日");
}

TEST(reader_not_facts, enumeration_markers) {
  EXPECT_TRUE(facts_of("一、总体情况\n（一）加强领导。一是健全机制。二是压实责任。\n1、建立台账。\n").empty());
}

TEST(reader_not_facts, periods_are_not_durations) {
  EXPECT_EQ(facts_of("近三年累计培训5000人次。"), strings{"5000 人次 exact [培训]"});
  EXPECT_TRUE(facts_of("五年来,全市法治建设成效明显。").empty());
  EXPECT_TRUE(facts_of("制定三年行动计划。").empty());
}

TEST(reader_not_facts, quoted_numerals) {
  EXPECT_TRUE(facts_of("荣获“2023年度全国法治政府建设示范市”称号,打造“15分钟法律服务圈”。").empty());
}

// ---- changes -------------------------------------------------------------------------------------

TEST(reader_changes, growth_with_basis_and_direction) {
  const auto r = read("全市新收行政复议案件1.35万件,同比增长21.4%,行政诉讼案件环比下降3.2%。");
  ASSERT_EQ(r.changes.size(), 2u);
  EXPECT_EQ(r.changes[0].kind, annals::change_kind::growth_pct);
  EXPECT_EQ(r.changes[0].basis, annals::growth_basis::yoy);
  EXPECT_EQ(r.changes[0].dir, annals::direction::up);
  EXPECT_EQ(r.changes[0].fact, r.facts[0].id);
  EXPECT_EQ(r.changes[0].label, "全市新收行政复议案件");
  EXPECT_EQ(r.changes[1].basis, annals::growth_basis::mom);
  EXPECT_EQ(r.changes[1].dir, annals::direction::down);
  EXPECT_EQ(r.changes[1].label, "行政诉讼案件");
  EXPECT_FALSE(r.changes[1].fact);
  EXPECT_EQ(r.facts.size(), 1u);  // growth percentages are not facts
}

TEST(reader_changes, percentage_points_are_never_growth) {
  const auto r = read("行政复议纠错率较上年提高1.5个百分点,败诉率下降0.8个百分点。");
  ASSERT_EQ(r.changes.size(), 2u);
  EXPECT_EQ(r.changes[0].kind, annals::change_kind::pp);
  EXPECT_EQ(r.changes[0].value, decimal::parse("1.5"));
  EXPECT_EQ(r.changes[0].dir, annals::direction::up);
  EXPECT_EQ(r.changes[0].basis, annals::growth_basis::yoy);
  EXPECT_EQ(r.changes[0].label, "行政复议纠错率");
  EXPECT_EQ(r.changes[1].kind, annals::change_kind::pp);
  EXPECT_EQ(r.changes[1].dir, annals::direction::down);
  EXPECT_TRUE(r.facts.empty());
}

TEST(reader_changes, from_to_keeps_the_current_level_as_a_fact) {
  const auto r = read("行政审批时限由20个工作日压缩至5个工作日。");
  ASSERT_EQ(r.changes.size(), 1u);
  const auto& c = r.changes[0];
  EXPECT_EQ(c.kind, annals::change_kind::from_to);
  EXPECT_EQ(c.from, decimal::parse("20"));
  EXPECT_EQ(c.to, decimal::parse("5"));
  EXPECT_EQ(c.unit, "工作日");
  EXPECT_EQ(c.dir, annals::direction::down);
  EXPECT_EQ(c.label, "行政审批时限");
  const auto& f = only_fact(r);
  EXPECT_EQ(f.text, "5个工作日");
  EXPECT_EQ(f.label, "行政审批时限");
  EXPECT_EQ(f.kind, annals::fact_kind::duration);
  EXPECT_EQ(c.fact, f.id);
}

TEST(reader_changes, from_to_with_percentages) {
  const auto r = read("政务服务事项网上可办率从85%提高到98%。");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].from, decimal::parse("85"));
  EXPECT_EQ(r.changes[0].to, decimal::parse("98"));
  EXPECT_EQ(r.changes[0].dir, annals::direction::up);
  EXPECT_EQ(only_fact(r).q.unit, "%");
}

TEST(reader_changes, multiples) {
  auto r = read("全市行政复议案件1.2万件,是行政诉讼案件的3.2倍。");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, annals::change_kind::multiple);
  EXPECT_EQ(r.changes[0].value, decimal::parse("3.2"));
  EXPECT_EQ(r.changes[0].text, "是行政诉讼案件的3.2倍");
  EXPECT_EQ(r.changes[0].fact, r.facts[0].id);
  r = read("线上调解案件数量增加了2倍。");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].value, decimal::parse("3"));  // 增加了N倍 → N + 1
  r = read("受理量增加到3倍以上。");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].value, decimal::parse("3"));
  EXPECT_EQ(r.changes[0].qual, annals::qualifier::at_least);
  EXPECT_TRUE(r.facts.empty());
}

TEST(reader_changes, doubling) {
  auto r = read("法律援助经费翻一番,调解案件翻了两番。");
  ASSERT_EQ(r.changes.size(), 2u);
  EXPECT_EQ(r.changes[0].kind, annals::change_kind::doubling);
  EXPECT_EQ(r.changes[0].value, decimal::parse("1"));
  EXPECT_EQ(r.changes[0].label, "法律援助经费");
  EXPECT_EQ(r.changes[1].value, decimal::parse("2"));
  EXPECT_TRUE(r.facts.empty());
}

TEST(reader_changes, streak) {
  const auto r = read("连续5年获评全省法治政府建设考核优秀等次。");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, annals::change_kind::streak);
  EXPECT_EQ(r.changes[0].value, decimal::parse("5"));
  EXPECT_EQ(r.changes[0].unit, "年");
  const auto& f = only_fact(r);
  EXPECT_EQ(f.label, "获评全省法治政府建设考核优秀等次");
  EXPECT_EQ(r.changes[0].fact, f.id);
}

TEST(reader_changes, streak_of_a_level_shares_its_subject) {
  const auto r = read("全区行政机关负责人出庭应诉率连续六年保持100%,行政复议纠错率12.5%。");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, annals::change_kind::streak);
  EXPECT_EQ(r.changes[0].label, "全区行政机关负责人出庭应诉率保持100%");
  EXPECT_EQ(facts_of("全区行政机关负责人出庭应诉率连续六年保持100%,行政复议纠错率12.5%。"),
            (strings{"6 年 exact [全区行政机关负责人出庭应诉率保持100%]", "100 % exact [全区行政机关负责人出庭应诉率]",
                     "12.5 % exact [行政复议纠错率]"}));
}

TEST(reader_changes, growth_against_a_named_year_is_labelled_by_what_went_down) {
  const auto r = read("全年查办环境违法案件较2023年下降了15%。");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, annals::change_kind::growth_pct);
  EXPECT_EQ(r.changes[0].label, "查办环境违法案件");
  EXPECT_EQ(r.changes[0].dir, annals::direction::down);
}

TEST(reader_facts, a_pair_joined_by_he_shares_its_label) {
  EXPECT_EQ(facts_of("开展执法人员培训两期,培训人员分别为320人和285人。"),
            (strings{"2 期 exact [执法人员培训]", "320 人 exact [培训人员]", "285 人 exact [培训人员]"}));
}

TEST(reader_changes, threshold) {
  const auto r = read("全年受理行政复议案件首次突破一万件。");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, annals::change_kind::threshold);
  EXPECT_EQ(r.changes[0].value, decimal::parse("10000"));
  EXPECT_EQ(r.changes[0].unit, "件");
  EXPECT_EQ(r.changes[0].dir, annals::direction::up);
  EXPECT_EQ(r.changes[0].label, "受理行政复议案件");  // 全年 is time, not what is counted
  EXPECT_TRUE(r.facts.empty());  // the threshold crossed is a change, not the level
}

TEST(reader_changes, a_threshold_beside_its_level_qualifies_it) {
  const auto r = read("全市12348公共法律服务热线接听来电16.2万个,首次突破15万个,群众满意度为97.3%。");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, annals::change_kind::threshold);
  EXPECT_EQ(r.changes[0].value, decimal::parse("150000"));
  ASSERT_EQ(r.facts.size(), 2u);  // 16.2万个 and 97.3%: 15万个 is no fact
  EXPECT_EQ(r.facts[0].q.value, decimal::parse("162000"));
  EXPECT_EQ(r.changes[0].fact, r.facts[0].id);
  // 首次 without a word of crossing is no threshold
  EXPECT_TRUE(read("首次办理跨省通办事项126件。").changes.empty());
}

/// The changes of a text, as "kind from→to unit dir" (from_to) or "kind value dir" (the others).
std::vector<std::string> changes_of(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& c : read(text).changes) {
    std::string s{annals::to_string(c.kind)};
    if (c.kind == annals::change_kind::from_to)
      s += " " + c.from->to_string() + "→" + c.to->to_string() + " " + c.unit;
    else
      s += " " + (c.value ? c.value->to_string() : std::string("-")) + (c.unit.empty() ? "" : " " + c.unit);
    s += std::string(" ") + std::string(annals::to_string(c.dir));
    out.push_back(s);
  }
  return out;
}

TEST(reader_changes, from_to_with_a_year_or_a_word_before_the_start) {
  // 由<year>的A至B: the year is the start's date, A is no fact, B is
  EXPECT_EQ(changes_of("全县行政许可事项由2018年的214项压减至139项。"), (strings{"from_to 214→139 项 down"}));
  EXPECT_EQ(facts_of("全县行政许可事项由2018年的214项压减至139项。"), (strings{"139 项 exact [全县行政许可事项]"}));
  EXPECT_EQ(changes_of("重复检查率由2019年的28.4%降至13.1%。"), (strings{"from_to 28.4→13.1 % down"}));
  EXPECT_EQ(changes_of("校外培训机构从2021年初的186家压减到12家。"), (strings{"from_to 186→12 家 down"}));
  // the end with its own year
  EXPECT_EQ(changes_of("乡镇综合执法队由2020年的9个增至2023年的27个,实现全覆盖。"), (strings{"from_to 9→27 个 up"}));
  EXPECT_EQ(facts_of("乡镇综合执法队由2020年的9个增至2023年的27个,实现全覆盖。"), (strings{"27 个 exact [乡镇综合执法队]"}));
  // a word between 由/从 and 的
  EXPECT_EQ(changes_of("区级执法队伍由原来的16支整合为7支。"), (strings{"from_to 16→7 支 down"}));
  EXPECT_EQ(changes_of("不动产登记办理时限从法定的30个工作日压减到5个工作日。"), (strings{"from_to 30→5 工作日 down"}));
  EXPECT_EQ(facts_of("不动产登记办理时限从法定的30个工作日压减到5个工作日。"),
            (strings{"5 工作日 exact [不动产登记办理时限]"}));
  EXPECT_EQ(changes_of("案件平均审理周期由上年的52天缩短至38天。"), (strings{"from_to 52→38 天 down"}));
  // the years without 的
  EXPECT_EQ(changes_of("全区网格员由2021年126人增至2024年318人。"), (strings{"from_to 126→318 人 up"}));
  EXPECT_EQ(facts_of("全区网格员由2021年126人增至2024年318人。"), (strings{"318 人 exact [全区网格员]"}));
  // 由/从 inside a word is no start
  EXPECT_TRUE(changes_of("坚持服从大局的3项原则调整为5项。").empty());
}

TEST(reader_changes, from_to_ending_in_wei_after_a_verb) {
  EXPECT_EQ(changes_of("市场监管执法队伍从6支整合为3支。"), (strings{"from_to 6→3 支 down"}));
  EXPECT_EQ(changes_of("审批事项由92项精简为51项,平均办理时限压缩一半。"), (strings{"from_to 92→51 项 down"}));
  EXPECT_EQ(changes_of("全市公证员由120人增加为146人。"), (strings{"from_to 120→146 人 up"}));
  // 把/将 A … 精简为 B: what is counted stands between, and both values share their unit
  EXPECT_EQ(changes_of("把46项考核指标精简为15项。"), (strings{"from_to 46→15 项 down"}));
  EXPECT_EQ(facts_of("把46项考核指标精简为15项。"), (strings{"15 项 exact []"}));
  EXPECT_EQ(changes_of("将38个执法事项整合为12个。"), (strings{"from_to 38→12 个 down"}));
}

TEST(reader_changes, no_from_to_without_a_start_or_a_verb) {
  // years joined by 至, a level raised with no start, 由 without a figure, 为 as a copula
  EXPECT_TRUE(changes_of("2022年至2024年,全区累计办理行政复议案件320件。").empty());
  EXPECT_TRUE(changes_of("最低生活保障标准提高到580元/人。").empty());
  EXPECT_EQ(read("最低生活保障标准提高到580元/人。").facts.size(), 1u);
  EXPECT_TRUE(changes_of("由市司法局牵头,开展专项督查12次。").empty());
  EXPECT_TRUE(changes_of("行政复议案件3200件,办理时限缩短至30天。").empty());
  EXPECT_TRUE(changes_of("由12名律师组成的服务团服务对象为300人。").empty());
  EXPECT_TRUE(changes_of("从事调解工作的126名人员中,专职调解员为48人。").empty());
  // 把/将 with a different unit: not the same thing counted twice
  EXPECT_TRUE(changes_of("将3个部门的职责整合为1项制度。").empty());
  // no verb of change before 至/到: a move, not a change of level
  EXPECT_TRUE(changes_of("将15个审批事项下放到4个乡镇。").empty());
  EXPECT_TRUE(changes_of("由3个部门联合派驻到12个乡镇。").empty());
  EXPECT_EQ(changes_of("调解周期由45天进一步缩短至30天,服务期限从2年延长到3年。"),
            (strings{"from_to 45→30 天 down", "from_to 2→3 年 up"}));
}

TEST(reader_changes, a_list_of_growths_shares_its_verb) {
  EXPECT_EQ(changes_of("全市律师办理刑事、民事案件同比分别增长4.2%和7.5%。"),
            (strings{"growth_pct 4.2 up", "growth_pct 7.5 up"}));
  EXPECT_EQ(changes_of("执法检查频次、抽查比例分别精简18%、26%。"), (strings{"growth_pct 18 down", "growth_pct 26 down"}));
  const auto r = read("三类案件较上年分别下降12%、9%和5%。");
  ASSERT_EQ(r.changes.size(), 3u);
  for (const auto& c : r.changes) {
    EXPECT_EQ(c.dir, annals::direction::down);
    EXPECT_EQ(c.basis, annals::growth_basis::yoy);
  }
  EXPECT_EQ(r.changes[2].text, "5%");
  EXPECT_EQ(r.facts.size(), 1u);  // 三类; the later percents are changes, not levels
  EXPECT_EQ(changes_of("市县两级执法队伍数量分别精简37%、42%。"), (strings{"growth_pct 37 down", "growth_pct 42 down"}));
}

TEST(reader_changes, a_percent_after_a_growth_is_no_growth_unless_joined_to_it) {
  // 、 followed by a noun: a level of its own
  EXPECT_EQ(changes_of("行政复议案件同比增长6.1%、办结率98.5%。"), (strings{"growth_pct 6.1 up"}));
  EXPECT_EQ(read("行政复议案件同比增长6.1%、办结率98.5%。").facts.size(), 1u);
  // a level first, then 和: no growth before it
  EXPECT_TRUE(changes_of("调解成功率为96%和满意度98%。").empty());
  EXPECT_EQ(changes_of("受理案件同比下降3.2%,其中调解结案率达到95%和98%。"), (strings{"growth_pct 3.2 down"}));
}

TEST(reader_changes, growth_in_tenths) {
  const auto r = read("行政复议案件同比下降近两成。");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, annals::change_kind::growth_pct);
  EXPECT_EQ(r.changes[0].value, decimal::parse("20"));
  EXPECT_EQ(r.changes[0].qual, annals::qualifier::nearly);
  EXPECT_EQ(r.changes[0].dir, annals::direction::down);
  EXPECT_EQ(r.changes[0].text, "同比下降近两成");
  EXPECT_TRUE(r.facts.empty());
  EXPECT_EQ(changes_of("行政诉讼案件同比增长三成以上。"), (strings{"growth_pct 30 up"}));
  // a share in tenths with no verb of growth is a level
  EXPECT_TRUE(changes_of("调解化解的行政争议占全部行政争议的两成。").empty());
  EXPECT_EQ(facts_of("调解化解的行政争议占全部行政争议的两成。").size(), 1u);
}

TEST(reader_changes, a_growth_aimed_at_or_expected_is_no_stated_change) {
  EXPECT_TRUE(changes_of("截至11月底已办理3270件,预计全年办理量将达到3600件左右,同比增长约10%。").empty());
  EXPECT_TRUE(changes_of("力争2025年发案数再下降10%以上。").empty());
  EXPECT_TRUE(changes_of("确保行政复议纠错率较上年提高2个百分点。").empty());
  // the goal word after the growth, or in an earlier sentence, or in the past: a stated change
  EXPECT_EQ(changes_of("涉企行政检查频次同比下降32.5%,力争明年再压减两成。"), (strings{"growth_pct 32.5 down"}));
  EXPECT_EQ(changes_of("力争全年办结率达到95%。行政复议案件同比增长8.4%。"), (strings{"growth_pct 8.4 up"}));
  EXPECT_EQ(changes_of("营商环境满意度超预期,较上年提升3.1个百分点。"), (strings{"pp 3.1 up"}));
  EXPECT_EQ(changes_of("全市争取了中央资金,一般公共预算收入同比增长6.2%。"), (strings{"growth_pct 6.2 up"}));
  // a from_to aimed at: no change, and its start is no fact
  const auto r = read("力争明年将企业开办时间由3个工作日压减至1个工作日。");
  EXPECT_TRUE(r.changes.empty());
  for (const auto& f : r.facts) EXPECT_NE(f.text, "3个工作日");
  EXPECT_EQ(changes_of("企业开办时间由3个工作日压减至1个工作日,力争明年再压减一半。"), (strings{"from_to 3→1 工作日 down"}));
}

TEST(reader_changes, streaks_in_chinese_numerals) {
  // 连续N年: a streak and its span of time (a fact)
  auto r = read("我区连续两年在全市法治政府建设年度考核中位列第一等次。");
  EXPECT_EQ(changes_of("我区连续两年在全市法治政府建设年度考核中位列第一等次。"), (strings{"streak 2 年 none"}));
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(r.facts[0].q.value, decimal::parse("2"));
  EXPECT_EQ(changes_of("市财政局连续五年在全省财政管理绩效考核中获得优秀等次。"), (strings{"streak 5 年 none"}));
}

TEST(reader_changes, a_streak_of_occasions_is_no_count) {
  // 连续N次 / 连续N届: the streak only, no fact
  for (const std::string s : {"市公安局连续三届被评为全省法治政府建设先进单位。",
                              "市生态环境局连续两次在全省执法大练兵中获评优秀组织单位。",
                              "我省连续3次在全国法治政府建设督察考评中被评为“好”等次。", "我局连续2届获评全国法治建设先进集体。"}) {
    const auto r = read(s);
    ASSERT_EQ(r.changes.size(), 1u) << s;
    EXPECT_EQ(r.changes[0].kind, annals::change_kind::streak) << s;
    EXPECT_FALSE(r.changes[0].fact) << s;
    EXPECT_TRUE(r.facts.empty()) << s;
  }
  EXPECT_EQ(changes_of("市公安局连续三届被评为全省法治政府建设先进单位。"), (strings{"streak 3 届 none"}));
}

TEST(reader_changes, no_streak_without_lianxu_before_the_count) {
  EXPECT_TRUE(changes_of("对拒不改正的企业按日连续处罚2件。").empty());
  EXPECT_EQ(facts_of("对拒不改正的企业按日连续处罚2件。").size(), 1u);
  EXPECT_TRUE(changes_of("专项整治持续3个月,查处案件41起。").empty());
  EXPECT_TRUE(changes_of("连续开展两次专项检查。").empty());
}

TEST(reader_changes, doubling_with_more) {
  auto r = read("全市公共法律服务网络平台访问量达到426万人次,较上年翻了一番多。");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, annals::change_kind::doubling);
  EXPECT_EQ(r.changes[0].qual, annals::qualifier::more_than);
  EXPECT_EQ(r.changes[0].text, "翻了一番多");
  r = read("法律援助经费翻了一番。");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].qual, annals::qualifier::exact);
  r = read("线上调解量较上年翻一番以上。");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].qual, annals::qualifier::at_least);
  EXPECT_EQ(r.changes[0].text, "翻一番以上");
}

// ---- layout and commitments ----------------------------------------------------------------------

TEST(reader_layout, a_district_report_with_paren_items) {
  const auto r = read(district_report);
  EXPECT_EQ(r.meta.title, "某某区人民政府关于2023年度法治政府建设工作情况的报告");
  EXPECT_EQ(r.meta.issuer, "某某区人民政府");
  EXPECT_EQ(r.meta.jurisdiction, "某某区");
  EXPECT_EQ(r.meta.recipient, "区人大常委会");
  ASSERT_TRUE(r.meta.year);
  EXPECT_EQ(r.meta.year->value(), 2023);
  ASSERT_TRUE(r.meta.published);
  EXPECT_EQ(r.meta.published->to_iso(), "2024-02-05");
  ASSERT_EQ(r.sections.size(), 3u);
  EXPECT_EQ(r.sections[0].heading, "主要工作成效");
  ASSERT_EQ(r.sections[0].items.size(), 3u);
  EXPECT_EQ(r.sections[0].items[1].marker, "（二）");
  EXPECT_EQ(r.sections[0].items[1].title, "完善依法行政制度体系");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(reader_layout, facts_know_their_section_and_item) {
  const auto r = read(district_report);
  const annals::fact* audit = nullptr;
  for (const auto& f : r.facts)
    if (f.text == "46件") audit = &f;
  ASSERT_NE(audit, nullptr);
  EXPECT_EQ(audit->section, 1);
  EXPECT_EQ(audit->item, 2);
  EXPECT_EQ(audit->label, "审核行政规范性文件");
}

TEST(reader_layout, the_year_falls_back_to_the_first_paragraph_then_the_date) {
  auto r = read("关于法治政府建设情况的报告\n2022年,全县深入推进依法行政。\n一、工作\n办理案件5件。\n");
  ASSERT_TRUE(r.meta.year);
  EXPECT_EQ(r.meta.year->value(), 2022);
  r = read("关于法治政府建设情况的报告\n一、工作\n办理案件5件。\n\n某县人民政府\n2023年3月1日\n");
  ASSERT_TRUE(r.meta.year);
  EXPECT_EQ(r.meta.year->value(), 2022);
  EXPECT_EQ(r.meta.issuer, "某县人民政府");
  EXPECT_EQ(r.meta.jurisdiction, "某县");
}

TEST(reader_commitments, plan_problems_next_steps_and_target_in_sections) {
  const auto r = read(district_report);
  std::vector<const annals::commitment*> plan, problems, steps, targets;
  for (const auto& c : r.commitments) {
    if (c.kind == annals::commitment_kind::plan) plan.push_back(&c);
    if (c.kind == annals::commitment_kind::problem) problems.push_back(&c);
    if (c.kind == annals::commitment_kind::next_step) steps.push_back(&c);
    if (c.kind == annals::commitment_kind::target) targets.push_back(&c);
  }
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_FALSE(plan[0]->groups);
  EXPECT_EQ(plan[0]->count, 32);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0]->text, "基层执法力量仍然薄弱");
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0]->title, "持续深化法治政府示范创建");
  ASSERT_EQ(targets.size(), 1u);
  ASSERT_TRUE(targets[0]->deadline);
  EXPECT_EQ(targets[0]->deadline->to_iso(), "2024-12-31");
  // the goal is the target's own, not a fact (a target is not an achieved figure)
  EXPECT_FALSE(targets[0]->fact);
  ASSERT_TRUE(targets[0]->goal);
  const annals::target_goal& goal = *targets[0]->goal;
  EXPECT_EQ(goal.q.value, decimal::parse("15"));
  EXPECT_EQ(goal.q.unit, "%");
  EXPECT_EQ(goal.q.qual, annals::qualifier::at_least);
  EXPECT_EQ(goal.text, "15%以上");
  EXPECT_EQ(goal.qualifier_text, "以上");
  EXPECT_EQ(goal.label, "行政复议纠错率");
  for (const auto& f : r.facts) EXPECT_NE(f.text, "15%以上") << f.id;
  for (std::size_t i = 0; i < r.facts.size(); ++i) EXPECT_EQ(r.facts[i].id, "f" + std::to_string(i + 1));
  bool deadline_date = false;
  for (const auto& d : r.dates)
    if (d.role == annals::date_role::deadline && d.value.to_iso() == "2024-12-31") deadline_date = true;
  EXPECT_TRUE(deadline_date);
}

TEST(reader_commitments, problems_listed_with_markers_and_next_steps_in_a_paragraph) {
  const std::string text =
      "某县人民政府关于2022年度法治政府建设情况的报告\n"
      "一、工作成效\n"
      "全县办理行政复议案件320件。\n"
      "同时也存在一些问题和不足,主要是:一是执法队伍专业化程度不高;二是基层法治宣传针对性不强。"
      "下一步,我县将重点抓好以下工作:一是加强执法队伍建设。开展全员轮训。二是创新普法方式。\n";
  const auto r = read(text);
  std::vector<const annals::commitment*> problems, steps;
  for (const auto& c : r.commitments) {
    if (c.kind == annals::commitment_kind::problem) problems.push_back(&c);
    if (c.kind == annals::commitment_kind::next_step) steps.push_back(&c);
  }
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0]->text, "执法队伍专业化程度不高");
  EXPECT_EQ(problems[1]->text, "基层法治宣传针对性不强");
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0]->title, "加强执法队伍建设");
  EXPECT_EQ(steps[0]->text, "加强执法队伍建设。开展全员轮训。");
  EXPECT_EQ(steps[1]->ordinal, 2);
  ASSERT_FALSE(r.sections.empty());
  EXPECT_LE(r.sections[0].span.end, problems[0]->span.start);
}

TEST(reader_commitments, next_steps_numbered_yi_yao) {
  auto steps_of = [](const std::string& text) {
    std::vector<std::string> out;
    for (const auto& c : read(text).commitments)
      if (c.kind == annals::commitment_kind::next_step) out.push_back(c.title);
    return out;
  };
  // 一要…二要… inline after 下一步
  EXPECT_EQ(steps_of("某局2024年度法治政府建设情况报告\n一、工作成效\n办理行政复议案件186件。\n"
                     "下一步，我局将重点抓好以下工作：一要深化改革。扩大试点范围。二要完善免罚清单。三要加强食品安全监管。\n"),
            (strings{"深化改革", "完善免罚清单", "加强食品安全监管"}));
  // … one per line in a 下一步 section
  EXPECT_EQ(steps_of("某县2023年法治政府建设年度报告\n一、主要成效\n全年办理案件320件。\n二、下一步工作安排\n"
                     "一要强化学法用法；\n二要规范执法行为；\n"),
            (strings{"强化学法用法", "规范执法行为"}));
  // not a marker: 统一要求 (no clause boundary before 一), and 二要 inside a 一是 item does not
  // continue a 一是 sequence
  EXPECT_EQ(steps_of("某县2023年法治政府建设年度报告\n一、主要成效\n全年办理案件320件。\n"
                     "下一步，我县将按照统一要求，一是加强执法队伍建设，做到一要懂法、二要守法；二是深化普法宣传。\n"),
            (strings{"加强执法队伍建设，做到一要懂法、二要守法", "深化普法宣传"}));
}

TEST(reader_commitments, a_problems_section_that_lists_them_without_a_problem_verb) {
  const std::string text =
      "某市司法局2023年法治政府建设年度报告\n"
      "一、主要成效\n"
      "全年抽查行政执法案卷1,286卷,发现问题三百余个。\n"
      "二、存在的不足\n"
      "主要是:行政执法队伍专业化水平不高,法律服务供给不平衡,普法针对性有待增强。\n"
      "三、下一步工作\n"
      "一是实施公共法律服务提升三年行动,到2026年实现每万人拥有律师数达到3.5名;二是深化普法。\n";
  const auto r = read(text);
  std::vector<std::string> problems;
  const annals::commitment* target = nullptr;
  for (const auto& c : r.commitments) {
    if (c.kind == annals::commitment_kind::problem) problems.push_back(c.text);
    if (c.kind == annals::commitment_kind::target) target = &c;
  }
  EXPECT_EQ(problems, (strings{"行政执法队伍专业化水平不高", "法律服务供给不平衡", "普法针对性有待增强"}));
  // 到2026年 (a year after the report's) makes a target even without 力争/确保
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(target->text, "到2026年实现每万人拥有律师数达到3.5名");
  ASSERT_TRUE(target->deadline.has_value());
  EXPECT_EQ(target->deadline->to_iso(), "2026-12-31");
  // 1,286卷: 卷 is a measure word (case files)
  ASSERT_FALSE(r.facts.empty());
  EXPECT_EQ(r.facts[0].q.value, decimal::parse("1286"));
  EXPECT_EQ(r.facts[0].q.unit, "卷");
}

// ---- targets: a goal is not a fact (issue 11) -------------------------------------------------

namespace {

/// A one-section report of 2023 around `sentence`.
annals::report report_with(const std::string& sentence) {
  return read("某县人民政府关于2023年度法治政府建设情况的报告\n一、主要成效\n" + sentence + "\n");
}

std::vector<const annals::commitment*> targets_of(const annals::report& r) {
  std::vector<const annals::commitment*> out;
  for (const auto& c : r.commitments)
    if (c.kind == annals::commitment_kind::target) out.push_back(&c);
  return out;
}

struct goal_case {
  const char* sentence;
  const char* value;
  const char* unit;
  annals::qualifier qual;
  const char* text;   // the goal as written
  const char* label;  // nullptr: not checked
};

}  // namespace

TEST(reader_targets, each_trigger_makes_the_figure_a_goal_not_a_fact) {
  using q = annals::qualifier;
  const goal_case cases[] = {
      {"力争到2025年底将案件纠错率控制在5%以下。", "5", "%", q::at_most, "5%以下", "案件纠错率"},
      {"力争2025年底前行政争议经复议后未进入诉讼程序的比例达到90%。", "90", "%", q::exact, "90%", nullptr},
      {"行政复议案件办结率有望达到95%。", "95", "%", q::exact, "95%", nullptr},
      {"行政诉讼败诉率的目标值为3%。", "3", "%", q::exact, "3%", nullptr},
      {"行政执法案卷评查合格率考核指标为90%以上。", "90", "%", q::at_least, "90%以上", nullptr},
      {"今年预计办理法律援助案件2万件。", "20000", "件", q::exact, "2万件", nullptr},
      {"确保行政复议案件按期办结率达到100%。", "100", "%", q::exact, "100%", nullptr},
      {"确保到2025年,行政诉讼败诉率控制在3%以内。", "3", "%", q::at_most, "3%以内", nullptr},
      {"争取全县执业律师突破500人。", "500", "人", q::more_than, "突破500人", nullptr},
      {"力求群众满意度达到98%以上。", "98", "%", q::at_least, "98%以上", nullptr},
      {"计划全县公共法律服务站点达到300个。", "300", "个", q::exact, "300个", nullptr},
      {"预期全年人民调解成功率达到97%。", "97", "%", q::exact, "97%", nullptr},
      {"我们的目标是:行政复议纠错率不低于10%。", "10", "%", q::at_least, "不低于10%", nullptr},
      {"目标为行政机关负责人出庭应诉率保持100%。", "100", "%", q::exact, "100%", nullptr},
      {"到2026年实现每万人拥有律师数达到3.5名。", "3.5", "人", q::exact, "3.5名", nullptr},
      {"到2025年底,全县法律顾问覆盖率达到100%。", "100", "%", q::exact, "100%", nullptr},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.sentence);
    const auto r = report_with(c.sentence);
    const auto ts = targets_of(r);
    ASSERT_EQ(ts.size(), 1u);
    EXPECT_FALSE(ts[0]->fact);
    ASSERT_TRUE(ts[0]->goal);
    const auto& g = *ts[0]->goal;
    EXPECT_EQ(g.q.value, decimal::parse(c.value));
    EXPECT_EQ(g.q.unit, c.unit);
    EXPECT_EQ(g.q.qual, c.qual);
    EXPECT_EQ(g.text, c.text);
    if (c.label) {
      EXPECT_EQ(g.label, c.label);
    }
    EXPECT_FALSE(g.label.empty());
    EXPECT_LT(g.span.start, g.span.end);
    EXPECT_LE(ts[0]->span.start, g.span.start);
    EXPECT_EQ(ts[0]->span.end, g.span.end);
    for (const auto& f : r.facts) EXPECT_FALSE(f.span.start < g.span.end && g.span.start < f.span.end) << f.text;
  }
}

TEST(reader_targets, the_achieved_figure_beside_a_goal_stays_a_fact) {
  const auto r = report_with("全县办理行政复议案件320件,力争将案件纠错率控制在5%以下,实际下降至5.2%,调解和解126件。");
  const auto ts = targets_of(r);
  ASSERT_EQ(ts.size(), 1u);
  ASSERT_TRUE(ts[0]->goal);
  EXPECT_EQ(ts[0]->goal->q.value, decimal::parse("5"));
  EXPECT_EQ(ts[0]->goal->q.qual, annals::qualifier::at_most);
  std::vector<std::string> texts, ids;
  for (const auto& f : r.facts) {
    texts.push_back(f.text);
    ids.push_back(f.id);
  }
  // 5.2% (achieved) is a fact; 5%以下 (the goal) is not; the ids stay dense in text order
  EXPECT_EQ(texts, (strings{"320件", "5.2%", "126件"}));
  EXPECT_EQ(ids, (strings{"f1", "f2", "f3"}));
}

TEST(reader_targets, a_change_after_a_goal_links_to_no_fact_and_ids_stay_dense) {
  const auto r = report_with("全年新增市场主体1.2万户,同比增长8.6%。今年预计办理案件2万件,同比增长10%。审核文件46件。");
  // the expected growth belongs to the goal: a second target, neither a fact nor a stated change
  ASSERT_EQ(targets_of(r).size(), 2u);
  ASSERT_EQ(r.facts.size(), 2u);
  EXPECT_EQ(r.facts[0].id, "f1");
  EXPECT_EQ(r.facts[1].id, "f2");
  EXPECT_EQ(r.facts[1].text, "46件");
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].fact, "f1");
}

TEST(reader_targets, achievements_against_targets_stay_facts) {
  const char* const sentences[] = {
      "完成年度目标任务的118%。",
      "年度目标任务全面完成,办理案件320件。",
      "确保了行政执法人员持证上岗率100%。",
      "已确保全县执法人员持证率达到100%。",
      "超额完成年度考核指标,全年办结案件1.2万件。",
      "将58项考核指标精简为11项。",
      "积极争取中央转移支付资金3亿元。",
      "争取到上级补助资金500万元。",
      "年度立法工作计划完成率达到100%。",
      "编制年度立法工作计划,审议法规草案12件。",
      "按计划完成执法检查36次。",
      "全年办理案件超预期,达到2万件。",
      "完成预期目标,全年办理案件2万件。",
      "力争实现高质量发展,全年办理案件2万件。",
      "确保行政执法人员持证上岗率100%。",  // no 达到/控制在: a practice, not a level to reach
      "到2023年底建成公共法律服务站126个。",  // the reporting year, not a later one
  };
  for (const char* s : sentences) {
    SCOPED_TRACE(s);
    const auto r = report_with(s);
    EXPECT_TRUE(targets_of(r).empty());
  }
  EXPECT_EQ(report_with("完成年度目标任务的118%。").facts.size(), 1u);
  EXPECT_TRUE(report_with("年度目标任务全面完成。").facts.empty());
  EXPECT_EQ(report_with("确保了行政执法人员持证上岗率100%。").facts.size(), 1u);
  EXPECT_EQ(report_with("将58项考核指标精简为11项。").facts.size() + report_with("将58项考核指标精简为11项。").changes.size(),
            2u);
  EXPECT_EQ(report_with("积极争取中央转移支付资金3亿元。").facts.size(), 1u);
}

TEST(reader_targets, a_trigger_reaches_only_its_clause_or_the_one_after_a_time_frame) {
  // the figure of a later clause is a goal only when the trigger's own clause says when
  auto r = report_with("力争到2025年底,将案件纠错率控制在5%以下。");
  ASSERT_EQ(targets_of(r).size(), 1u);
  ASSERT_TRUE(targets_of(r)[0]->deadline);
  EXPECT_EQ(targets_of(r)[0]->deadline->to_iso(), "2025-12-31");
  EXPECT_TRUE(r.facts.empty());
  r = report_with("力争提升群众满意度,全年办理案件2万件。");
  EXPECT_TRUE(targets_of(r).empty());
  EXPECT_EQ(r.facts.size(), 1u);
  // never past the sentence
  r = report_with("力争提升群众满意度。全年办理案件2万件。");
  EXPECT_TRUE(targets_of(r).empty());
  // one figure per trigger: the second figure of the sentence is read as a fact
  r = report_with("力争纠错率达到15%以上,全年办结案件1200件。");
  ASSERT_EQ(targets_of(r).size(), 1u);
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(r.facts[0].text, "1200件");
}

TEST(reader_commitments, a_past_year_after_dao_is_not_a_target) {
  const auto r = read("某县2023年法治政府建设情况报告\n一、成效\n到2022年底已建成公共法律服务站126个,到2023年实现全覆盖。\n");
  for (const auto& c : r.commitments) EXPECT_NE(c.kind, annals::commitment_kind::target) << c.text;
}

TEST(reader_commitments, plan_with_groups) {
  const auto r = read("印发年度工作要点,明确八个方面36项工作任务。");
  ASSERT_EQ(r.commitments.size(), 1u);
  EXPECT_EQ(r.commitments[0].kind, annals::commitment_kind::plan);
  EXPECT_EQ(r.commitments[0].groups, 8);
  EXPECT_EQ(r.commitments[0].count, 36);
  EXPECT_EQ(r.commitments[0].text, "明确八个方面36项工作任务");
}

TEST(reader_commitments, work_done_on_last_years_plan_is_not_a_plan) {
  const auto r = read("《2022年度法治政府建设工作要点》确定的30项工作任务全部完成。");
  for (const auto& c : r.commitments) EXPECT_NE(c.kind, annals::commitment_kind::plan) << c.text;
}

// ---- errors and odd input ------------------------------------------------------------------------

TEST(reader_errors, empty_text_is_an_input_error) {
  try {
    (void)read("");
    FAIL() << "no exception";
  } catch (const annals::input_error& e) {
    EXPECT_STREQ(e.what(), "report: empty text");
  }
  annals::source_info src;
  src.name = "blank.txt";
  try {
    (void)annals::read_report_text(" \n\t\u3000\n", src);
    FAIL() << "no exception";
  } catch (const annals::input_error& e) {
    EXPECT_STREQ(e.what(), "blank.txt: empty text");
  }
}

TEST(reader_errors, text_without_sections_warns) {
  const auto r = read("全区受理行政复议案件1286件。");
  EXPECT_TRUE(has_warning(r, "no_sections"));
  EXPECT_TRUE(has_warning(r, "no_title"));
  EXPECT_EQ(r.facts.size(), 1u);
}

TEST(reader_errors, two_reports_in_one_text) {
  const std::string one =
      "甲市人民政府关于2023年度法治政府建设情况的报告\n市人大常委会:\n一、工作\n办理案件100件。\n\n甲市人民政府\n2024年1月9日\n";
  const std::string two = "乙县人民政府关于2023年度法治政府建设情况的报告\n县人大常委会:\n一、工作\n办理案件200件。\n";
  const auto r = read(one + two);
  EXPECT_TRUE(has_warning(r, "multiple_reports"));
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(r.facts[0].q.value, decimal::parse("100"));
  ASSERT_TRUE(r.meta.published);
  EXPECT_EQ(r.meta.published->to_iso(), "2024-01-09");
}

TEST(reader_errors, invalid_utf8_is_repaired_with_a_warning) {
  const std::string text = "办理案件100件。\xff\xfe坏字节";
  const auto r = read(text);
  EXPECT_TRUE(has_warning(r, "invalid_utf8"));
  EXPECT_TRUE(annals::utf8::is_valid(r.text));
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(annals::utf8::slice(r.text, r.facts[0].span), "100件");
}

TEST(reader_errors, garbage_does_not_crash) {
  std::string g;
  unsigned x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x = x * 1103515245u + 12345u;
    g.push_back(static_cast<char>((x >> 16) & 0xFF));
  }
  const auto r = read(g);
  EXPECT_TRUE(has_warning(r, "no_sections"));
  EXPECT_TRUE(has_warning(r, "invalid_utf8"));
  for (const auto& f : r.facts) EXPECT_EQ(annals::utf8::slice(r.text, f.span), f.text);
}

TEST(reader_errors, missing_file) {
  try {
    (void)annals::read_report("/nonexistent/dir/report.txt");
    FAIL() << "no exception";
  } catch (const annals::input_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/report.txt"), std::string::npos);
  }
}

TEST(reader_errors, binary_bytes) {
  std::string bin(4096, '\0');
  for (std::size_t i = 0; i < bin.size(); ++i) bin[i] = static_cast<char>(i * 7 % 256);
  EXPECT_THROW((void)annals::read_report_bytes(bin, "blob.bin"), annals::input_error);
}

// ---- the same report in other encodings and formats ----------------------------------------------

namespace {
std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return {};
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t inleft = utf8.size();
  char* o = out.data();
  std::size_t oleft = out.size();
  const std::size_t rc = iconv(cd, &in, &inleft, &o, &oleft);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1)) return {};
  out.resize(out.size() - oleft);
  return out;
}
}  // namespace

TEST(reader_sources, gb18030_and_html_give_the_same_facts) {
  const auto utf8 = annals::read_report_bytes(district_report, "report.txt");
  const std::string gb = to_gb18030(district_report);
  ASSERT_FALSE(gb.empty());
  const auto g = annals::read_report_bytes(gb, "report.txt");
  EXPECT_EQ(g.source.encoding, "gb18030");
  std::string html = "<html><head><title>x</title><script>var a=1;</script></head><body>";
  std::string line;
  for (char c : std::string(district_report)) {
    if (c == '\n') {
      html += "<p>" + line + "</p>\n";
      line.clear();
    } else {
      line.push_back(c);
    }
  }
  html += "</body></html>";
  const auto h = annals::read_report_bytes(html, "report.html");
  EXPECT_EQ(h.source.format, annals::source_format::html);
  for (const auto* other : {&g, &h}) {
    ASSERT_EQ(other->facts.size(), utf8.facts.size());
    for (std::size_t k = 0; k < utf8.facts.size(); ++k) {
      EXPECT_EQ(other->facts[k].q, utf8.facts[k].q);
      EXPECT_EQ(other->facts[k].label, utf8.facts[k].label);
    }
    EXPECT_EQ(other->meta.title, utf8.meta.title);
  }
}

TEST(reader_sources, offsets_count_code_points_beyond_the_bmp) {
  const std::string text = "𠀀𠀁全区受理案件12件。";
  const auto r = read(text);
  const auto& f = only_fact(r);
  EXPECT_EQ(f.span.start, 8u);
  EXPECT_EQ(annals::utf8::slice(r.text, f.span), "12件");
}

// ---- performance ---------------------------------------------------------------------------------

namespace {
/// The body of the real sample report on one line, repeated to `bytes`.
std::string one_long_line(std::size_t bytes) {
  std::ifstream in(std::string(ANNALS_DATA_DIR) + "/chengdu-2024.txt");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  const auto a = s.find("一、"), e = s.find("成都市人民政府\n2025");
  std::string body = s.substr(a, e - a);
  for (auto& ch : body)
    if (ch == '\n') ch = ' ';
  std::string big;
  big.reserve(bytes + body.size());
  while (big.size() < bytes) big += body;
  return big;
}
}  // namespace

TEST(reader_performance, a_long_single_line_is_read_in_linear_time) {
  // no line ends: every look-back must stay bounded, or doubling the input would quadruple the time
  const std::string small = one_long_line(2u << 20), big = one_long_line(8u << 20);
  auto time = [](const std::string& s, std::size_t& facts) {
    const auto t0 = std::chrono::steady_clock::now();
    facts = read(s).facts.size();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  std::size_t f_small = 0, f_big = 0;
  const double t_small = time(small, f_small), t_big = time(big, f_big);
  EXPECT_GT(f_big, 3 * f_small);
  // 4× the input: linear is ≈4× the time; allow for noise on a shared machine, not for n²
  EXPECT_LT(t_big, 10.0 * t_small + 1.0) << t_small << " s vs " << t_big << " s";
  EXPECT_LT(t_big, 60.0);
  std::printf("[perf] single line 2 MB %.2f s, 8 MB %.2f s (this build; sanitizers slow it down)\n", t_small, t_big);
}

// ---- compatibility ideographs (issue 12) --------------------------------------------------------

namespace {

/// `s` with every occurrence of `from` replaced by `to`.
std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

/// A made-up report as copied out of a PDF: Kangxi radicals (⾏ ⼈ ⼀ ⼗), compatibility
/// ideographs (律 率 理) and one of the supplement (丽) in place of the unified ideographs.
std::string as_copied_from_a_pdf(std::string s) {
  s = replace_all(std::move(s), "行", "\u2F8F");
  s = replace_all(std::move(s), "人", "\u2F08");
  s = replace_all(std::move(s), "一", "\u2F00");
  s = replace_all(std::move(s), "十", "\u2F17");
  s = replace_all(std::move(s), "律", "\uF9D8");
  s = replace_all(std::move(s), "率", "\uF961");
  s = replace_all(std::move(s), "理", "\uF9E4");
  s = replace_all(std::move(s), "丽", "\U0002F800");
  return s;
}

const std::string compat_sample =
    "丽江县人民政府关于2024年度法治政府建设情况的报告\n"
    "县人大常委会：\n"
    "一、主要工作\n"
    "（一）行政复议。全县新收行政复议案件1240件，同比增长12.5%，行政复议纠错率8.6%，较上年提高1.2个百分点。"
    "办理法律援助案件三十二件，执法人员培训由十二场增至二十场。\n"
    "（二）行政执法。全县行政执法人员持证率达到100%，法律顾问覆盖率连续3年保持100%。\n"
    "二、下一步工作打算\n"
    "一是深化行政复议体制改革。二是加强法律顾问队伍建设。\n"
    "丽江县人民政府\n"
    "2025年3月20日\n";

}  // namespace

TEST(reader_compatibility, radicals_and_compatibility_ideographs_read_like_the_clean_text) {
  const std::string dirty = as_copied_from_a_pdf(compat_sample);
  ASSERT_NE(dirty, compat_sample);
  ASSERT_EQ(annals::utf8::length(dirty), annals::utf8::length(compat_sample));
  const auto clean = read(compat_sample);
  const auto r = read(dirty);
  ASSERT_GE(clean.facts.size(), 5u);
  EXPECT_EQ(r.meta.jurisdiction, clean.meta.jurisdiction);
  EXPECT_EQ(r.meta.issuer, clean.meta.issuer);
  EXPECT_EQ(r.meta.year, clean.meta.year);
  EXPECT_EQ(r.meta.title, annals::utf8::slice(dirty, {0, annals::utf8::length(clean.meta.title)}));
  ASSERT_EQ(r.sections.size(), clean.sections.size());
  ASSERT_EQ(r.facts.size(), clean.facts.size());
  for (std::size_t i = 0; i < r.facts.size(); ++i) {
    const auto &a = r.facts[i], &b = clean.facts[i];
    EXPECT_EQ(a.label, b.label) << i;  // labels are keys: folded, 行政复议 either way
    EXPECT_EQ(a.q.value, b.q.value) << i;
    EXPECT_EQ(a.q.unit, b.q.unit) << i;
    EXPECT_EQ(a.q.qual, b.q.qual) << i;
    EXPECT_EQ(a.span.start, b.span.start) << i;
    EXPECT_EQ(a.span.end, b.span.end) << i;
    EXPECT_EQ(a.text, annals::utf8::slice(dirty, a.span)) << i;  // as written, in the original
    EXPECT_EQ(annals::metric_key(a.label, a.q.unit), annals::metric_key(b.label, b.q.unit)) << i;
  }
  ASSERT_EQ(r.changes.size(), clean.changes.size());
  for (std::size_t i = 0; i < r.changes.size(); ++i) {
    EXPECT_EQ(r.changes[i].kind, clean.changes[i].kind) << i;
    EXPECT_EQ(r.changes[i].label, clean.changes[i].label) << i;
    EXPECT_EQ(r.changes[i].value, clean.changes[i].value) << i;
    EXPECT_EQ(r.changes[i].fact, clean.changes[i].fact) << i;
    EXPECT_EQ(r.changes[i].span.start, clean.changes[i].span.start) << i;
    EXPECT_EQ(r.changes[i].text, annals::utf8::slice(dirty, r.changes[i].span)) << i;
  }
  ASSERT_EQ(r.commitments.size(), clean.commitments.size());
  for (std::size_t i = 0; i < r.commitments.size(); ++i) {
    EXPECT_EQ(r.commitments[i].kind, clean.commitments[i].kind) << i;
    EXPECT_EQ(r.commitments[i].span.start, clean.commitments[i].span.start) << i;
    EXPECT_EQ(annals::fold_compatibility_ideographs(r.commitments[i].title), clean.commitments[i].title) << i;
  }
  EXPECT_EQ(r.text, dirty);  // the report's text is the original, compatibility characters kept
  // the facts the clean text has, named
  bool found = false;
  for (const auto& f : r.facts)
    if (f.label == "全县新收行政复议案件" && f.q.value == decimal::parse("1240")) {
      found = true;
      EXPECT_EQ(f.text, "1240件");
      EXPECT_EQ(annals::utf8::slice(dirty, {f.span.start - 8, f.span.start}), "新收\u2F8F政复议案件");
    }
  EXPECT_TRUE(found);
}

TEST(reader_compatibility, circled_digits_squares_and_full_width_digits_read_as_before) {
  // ①, ㎡ and full-width digits are not compatibility ideographs: NFKC would make ① a "1" and ㎡
  // "m2", the reader keeps its own rules (① is no figure; １２０ is 120)
  const std::string text = "①新建办公用房１２０平方米，②办理行政许可事项１２８６件。";
  const auto r = read(text);
  ASSERT_EQ(r.facts.size(), 2u);
  EXPECT_EQ(r.facts[0].q.value, decimal::parse("120"));
  EXPECT_EQ(r.facts[0].text, "１２０平方米");
  EXPECT_EQ(r.facts[1].q.value, decimal::parse("1286"));
  EXPECT_EQ(annals::utf8::slice(r.text, r.facts[1].span), "１２８６件");
  const auto squared = read("新建办公用房面积达120㎡。");
  for (const auto& f : squared.facts) EXPECT_NE(f.q.value, decimal::parse("1202")) << f.text;
  EXPECT_EQ(squared.text, "新建办公用房面积达120㎡。");
}
