// The classes of construction of issue 11 that decide whether a numeral is a fact and what it
// states: each rule with sentences where it applies and sentences where it must not.
//
// 编造的测试句子：本文件中的所有句子、地名和数字均为虚构，仅用于测试，不是任何政府的报告内容。
// (Every sentence, place and figure in this file is made up for testing.)

#include <annals/reader.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using strings = std::vector<std::string>;

/// The facts of a text as "text=value unit qualifier" (labels are tested elsewhere).
strings figures(const std::string& text) {
  strings out;
  for (const auto& f : annals::read_report_text(text).facts)
    out.push_back(f.text + "=" + f.q.value.to_string() + " " + f.q.unit + " " + std::string(annals::to_string(f.q.qual)));
  return out;
}

}  // namespace

// ---- 1. ordinals of terms and sessions -------------------------------------------------------

TEST(reader_ordinals, terms_and_sessions_of_a_body_are_not_counts) {
  EXPECT_EQ(figures("区委十三届45次常委会审议法治政府建设议题。"), strings{});
  EXPECT_EQ(figures("县委十四届二次、三次全会对法治建设作出部署。"), strings{});
  EXPECT_EQ(figures("认真学习贯彻党的二十届三中全会精神。"), strings{});
  EXPECT_EQ(figures("深入学习党的十九届历次全会精神。"), strings{});
  EXPECT_EQ(figures("市十七届人大常委会听取专项报告。"), strings{});
  EXPECT_EQ(figures("省政府第45次常务会议审议通过。"), strings{});
}

TEST(reader_ordinals, meetings_held_and_editions_held_are_counts) {
  EXPECT_EQ(figures("全年召开常务会议12次，专题学习法律法规5次。"),
            (strings{"12次=12 次 exact", "5次=5 次 exact"}));
  EXPECT_EQ(figures("全年召开12次常务会议研究法治工作。"), strings{"12次=12 次 exact"});
  EXPECT_EQ(figures("已连续举办宪法宣传周活动8届。"), strings{"8届=8 届 exact"});
}

// ---- 6. counts written as words after a list, or after 组成/下设 ----------------------------

TEST(reader_word_counts, a_word_count_after_a_list_of_names_counts_them) {
  EXPECT_EQ(figures("推荐清江、云溪和白沙三个县参加示范创建。"), strings{"三个=3 个 exact"});
  EXPECT_EQ(figures("会同公安、农业农村等十余个部门开展专项行动。"), strings{"十余个=10 个 more_than"});
  EXPECT_EQ(figures("组成四个督导组开展实地督察。"), strings{"四个=4 个 exact"});
  EXPECT_EQ(figures("领导小组下设三个工作专班。"), strings{"三个=3 个 exact"});
  EXPECT_EQ(figures("区内二十余家律师事务所参与公益服务。"), strings{"二十余家=20 家 more_than"});
}

TEST(reader_word_counts, numbered_formulae_and_words_stay_words) {
  EXPECT_EQ(figures("树牢“四个意识”，坚定“四个自信”，做到“两个维护”。"), strings{});
  EXPECT_EQ(figures("严厉打击八类严重暴力犯罪，破案率达98.6%。"), strings{"98.6%=98.6 % exact"});
  EXPECT_EQ(figures("统筹推进五位一体总体布局。"), strings{});
}

// ---- 5. lists sharing a unit -------------------------------------------------------------------

TEST(reader_lists, bare_numbers_before_a_figure_share_its_unit) {
  EXPECT_EQ(figures("各区得分分别为71.2、74.6、79.9分。"),
            (strings{"71.2=71.2 分 exact", "74.6=74.6 分 exact", "79.9分=79.9 分 exact"}));
  EXPECT_EQ(figures("各片区分别拆除违法建设2.1万、1.4万和0.9万平方米。"),
            (strings{"2.1万=21000 平方米 exact", "1.4万=14000 平方米 exact", "0.9万平方米=9000 平方米 exact"}));
  EXPECT_EQ(figures("有关支出分别为62.4、18.9和0.37亿元。"),
            (strings{"62.4=6240000000 元 exact", "18.9=1890000000 元 exact", "0.37亿元=37000000 元 exact"}));
}

TEST(reader_lists, a_number_not_joined_to_the_figure_keeps_no_unit) {
  // an enumeration marker and a code are not list members
  EXPECT_EQ(figures("1、办理案件36件。"), strings{"36件=36 件 exact"});
  EXPECT_EQ(figures("编号2024、受理36件。"), strings{"36件=36 件 exact"});
}

// ---- 7. qualifiers ------------------------------------------------------------------------------

TEST(reader_qualifiers, spellings_of_about_nearly_and_tenths) {
  EXPECT_EQ(figures("受理投诉约为1200件。"), strings{"约为1200件=1200 件 about"});
  EXPECT_EQ(figures("覆盖群众近万人次。"), strings{"近万人次=10000 人次 nearly"});
  EXPECT_EQ(figures("收集意见近千条。"), strings{"近千条=1000 条 nearly"});
  EXPECT_EQ(figures("其中近两成已整改到位。"), strings{"近两成=20 % nearly"});
  EXPECT_EQ(figures("纠错率不足一成。"), strings{"不足一成=10 % less_than"});
  EXPECT_EQ(figures("三成以上的事项实现网上办理。"), strings{"三成以上=30 % at_least"});
}

TEST(reader_qualifiers, vague_counts_ranks_and_words_with_cheng_are_not_facts) {
  EXPECT_EQ(figures("检查企业数十家。"), strings{});
  EXPECT_EQ(figures("邀请数百名群众代表旁听。"), strings{});
  EXPECT_EQ(figures("受理量居全省前三位。"), strings{});
  EXPECT_EQ(figures("两成立专班推进。"), strings{});
  EXPECT_EQ(figures("方案一成不变。"), strings{});
}

TEST(reader_qualifiers, a_time_limit_with_nei_is_at_most) {
  EXPECT_EQ(figures("申请在3个月内办结。"), strings{"3个月内=3 个月 at_most"});
  EXPECT_EQ(figures("1个工作日内完成审核。"), strings{"1个工作日内=1 工作日 at_most"});
  EXPECT_EQ(figures("内部审核用时3个月。"), strings{"3个月=3 个月 exact"});
}

TEST(reader_qualifiers, an_amount_bounding_a_category_is_not_a_sum) {
  EXPECT_EQ(figures("推行不足10万元的小额案件快速办理。"), strings{});
  EXPECT_EQ(figures("追回资金不足10万元。"), strings{"不足10万元=100000 元 less_than"});
  EXPECT_EQ(figures("罚没款约5000万元的案件已结案。"), strings{"约5000万元=50000000 元 about"});
}

// ---- 9. units ------------------------------------------------------------------------------------

TEST(reader_units, plan_groups_scores_and_rates) {
  EXPECT_EQ(figures("明确九个方面36项工作任务。"), (strings{"九个方面=9 方面 exact", "36项=36 项 exact"}));
  EXPECT_EQ(figures("满意度测评得分为92.6分，比上年提高1.8分。"),
            (strings{"92.6分=92.6 分 exact", "1.8分=1.8 分 exact"}));
  EXPECT_EQ(figures("PM2.5年均浓度为31微克/立方米。"), strings{"31微克/立方米=31 微克/立方米 exact"});
  EXPECT_EQ(figures("人均法律援助经费2.15元/人，万人案件量5.6件/万人。"),
            (strings{"2.15元/人=2.15 元/人 exact", "5.6件/万人=5.6 件/万人 exact"}));
}

TEST(reader_units, fen_that_is_not_a_score_and_slashes_that_are_not_rates) {
  EXPECT_EQ(figures("三分之一的事项实现即办。"), strings{});
  EXPECT_EQ(figures("3家分别整改到位。"), strings{"3家=3 家 exact"});
  EXPECT_EQ(figures("办理案件12件/次。"), strings{"12件=12 件 exact"});
}

// ---- 3. targets, benchmarks and expectations -----------------------------------------------------

TEST(reader_targets_more, benchmarks_and_what_should_be_are_not_achieved_figures) {
  EXPECT_EQ(figures("满意度测评结果为99.1%，高于市里确定的95%目标值。"), strings{"99.1%=99.1 % exact"});
  EXPECT_EQ(figures("调解成功率达到68.4%，高于省定60%的考核指标。"), strings{"68.4%=68.4 % exact"});
  EXPECT_EQ(figures("纠错率应控制在15%以内，实际为8.7%。"), strings{"8.7%=8.7 % exact"});
  EXPECT_EQ(figures("调解成功率应不低于95%，实际达到98.4%。"), strings{"98.4%=98.4 % exact"});
  // not a benchmark: a count of indicators, a response rate
  EXPECT_EQ(figures("把46项考核指标精简为15项。"), strings{"15项=15 项 exact"});
  EXPECT_EQ(figures("群众诉求响应率100%。"), strings{"100%=100 % exact"});
}

TEST(reader_targets_more, every_goal_of_a_trigger_in_its_sentence) {
  EXPECT_EQ(figures("力争仲裁结案率稳定在95%以上，终局裁决率达到35%。"), strings{});
  EXPECT_EQ(figures("力争发案数再下降10%以上、刑事案件总量控制在8000起以内。"), strings{});
  EXPECT_EQ(figures("预计全年办理3600件左右，同比增长约10%。"), strings{});
  // what follows and was achieved stays a fact
  EXPECT_EQ(figures("力争将败诉率控制在5%以下，而2024年这一数字已下降至5.2%。"), strings{"5.2%=5.2 % exact"});
  EXPECT_EQ(figures("考核指标为满意度不低于90%，年度测评结果为93.7%。"), strings{"93.7%=93.7 % exact"});
  // a semicolon ends the trigger's reach
  EXPECT_EQ(figures("目标值见附件；差评整改率保持100%。"), strings{"100%=100 % exact"});
}

TEST(reader_targets_more, dao_after_a_verb_of_change_is_no_deadline) {
  const auto r = annals::read_report_text("某县人民政府关于2016年度法治政府建设情况的报告\n审批事项由2016年的312项减少到2019年的186项。\n");
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(r.facts[0].text, "186项");
  for (const auto& c : r.commitments) EXPECT_NE(c.kind, annals::commitment_kind::target) << c.text;
  // a real deadline (到 a later year, no verb of change before it) still makes a target
  const auto t = annals::read_report_text("某县人民政府关于2016年度法治政府建设情况的报告\n到2019年审批事项精简至186项。\n");
  EXPECT_TRUE(t.facts.empty());
  bool target = false;
  for (const auto& c : t.commitments) target = target || c.kind == annals::commitment_kind::target;
  EXPECT_TRUE(target);
}

TEST(reader_lists, percentage_points_listed_share_their_verb) {
  const auto r = annals::read_report_text("案卷合格率98.5%，优秀率35.6%，分别比上年提高1.5和4.2个百分点。");
  strings got;
  for (const auto& c : r.changes)
    got.push_back(std::string(annals::to_string(c.kind)) + " " + c.value->to_string() + " " +
                  std::string(annals::to_string(c.dir)));
  EXPECT_EQ(got, (strings{"pp 1.5 up", "pp 4.2 up"}));
  EXPECT_EQ(figures("案卷合格率98.5%，优秀率35.6%，分别比上年提高1.5和4.2个百分点。"),
            (strings{"98.5%=98.5 % exact", "35.6%=35.6 % exact"}));
  // a pp alone keeps its own verb; a number before it joined by no conjunction is not a member
  const auto one = annals::read_report_text("结案率98.5%，比上年下降2.1个百分点。");
  ASSERT_EQ(one.changes.size(), 1u);
  EXPECT_EQ(one.changes[0].dir, annals::direction::down);
}

TEST(reader_lists, respective_changes_qualify_the_facts_before_them_in_order) {
  auto links = [](const std::string& text) {
    const auto r = annals::read_report_text(text);
    strings out;
    for (const auto& c : r.changes) {
      std::string f = "-";
      for (const auto& x : r.facts)
        if (c.fact && x.id == *c.fact) f = x.text;
      out.push_back(c.value->to_string() + "→" + f);
    }
    return out;
  };
  EXPECT_EQ(links("办理法律援助案件2.3万件、公证事项61万件，分别同比增长12.1%和8.5%。"),
            (strings{"12.1→2.3万件", "8.5→61万件"}));
  EXPECT_EQ(links("案卷合格率98.5%，优秀率35.6%，分别比上年提高1.5和4.2个百分点。"),
            (strings{"1.5→98.5%", "4.2→35.6%"}));
  // the list's own clause in a longer sentence
  EXPECT_EQ(links("全市共有律师事务所640家，执业律师1.41万名，办理法律援助案件2.3万件、公证事项61万件，分别同比增长12.1%和8.5%。"),
            (strings{"12.1→2.3万件", "8.5→61万件"}));
  // counts that do not agree (three facts, two changes): no guess
  EXPECT_EQ(links("受理120件、办结110件、调解80件，分别增长10%和20%。"), (strings{"10→-", "20→-"}));
}

// ---- round 3: classes found by held-out text (tests/accuracy c01–c06, p7, p8) -----------------

TEST(reader_units_more, a_classifier_with_ci_after_it_counts_occasions) {
  EXPECT_EQ(figures("全年检查营运车辆2.3万余台次，查处超限超载车辆43.6万辆次。"),
            (strings{"2.3万余台次=23000 台次 more_than", "43.6万辆次=436000 辆次 exact"}));
  EXPECT_EQ(figures("全年接种疫苗1286.5万剂次。"), strings{"1286.5万剂次=12865000 剂次 exact"});
  // 次 after a classifier without a 次-form (条, 起 have one: 条次, 起次) and 次 of the next clause
  EXPECT_EQ(figures("排查问题12条次，处置隐患8起次。"), (strings{"12条次=12 条次 exact", "8起次=8 起次 exact"}));
  EXPECT_EQ(figures("受理投诉12起，次日全部回复。"), strings{"12起=12 起 exact"});
}

TEST(reader_units_more, calls_ages_standard_buses_and_rates_per_area) {
  EXPECT_EQ(figures("12366热线全年接听来电41.3万通。"), strings{"41.3万通=413000 通 exact"});
  EXPECT_EQ(figures("全市人均预期寿命达到81.2岁。"), strings{"81.2岁=81.2 岁 exact"});
  EXPECT_EQ(figures("每万人公交车拥有量13.8标台。"), strings{"13.8标台=13.8 标台 exact"});
  EXPECT_EQ(figures("中心城区公交线网密度达3.2公里/平方公里。"), strings{"3.2公里/平方公里=3.2 公里/平方公里 exact"});
  // 通 that starts a word (通过, 通报) is no measure word
  EXPECT_EQ(figures("全市3通过审核的方案已实施。"), strings{});
  EXPECT_EQ(figures("向社会通报典型案例12起。"), strings{"12起=12 起 exact"});
}

TEST(reader_names_more, an_anniversary_counts_nothing) {
  EXPECT_EQ(figures("在庆祝新中国成立70周年之际，开展宪法宣传活动36场。"), strings{"36场=36 场 exact"});
  // a span of weeks is still a count
  EXPECT_EQ(figures("集中整治行动持续8周。"), strings{"8周=8 周 exact"});
}

TEST(reader_targets_more, the_far_end_of_a_goal_range_and_modal_goals) {
  // 3至5个工作日 under 力争: neither end is achieved
  EXPECT_EQ(figures("力争到2025年底，办结时限压缩至3至5个工作日；目前平均用时为8.6个工作日。"),
            strings{"8.6个工作日=8.6 工作日 exact"});
  // 要达到 is the modal of a goal; 主要达到 is not
  EXPECT_EQ(figures("到2025年法制审核率要达到100%，目前为96.2%。"), strings{"96.2%=96.2 % exact"});
  // 确保…完成 aims at a count
  EXPECT_EQ(figures("二要确保年内完成全部26项重点任务。"), strings{});
  // a completed count with 完成 and no trigger stays a fact
  EXPECT_EQ(figures("全年完成重点任务26项。"), strings{"26项=26 项 exact"});
  // 预期寿命 is a measure, not a hope
  EXPECT_EQ(figures("人均预期寿命78.5岁。"), strings{"78.5岁=78.5 岁 exact"});
}

namespace {
/// The next steps the reader finds in a report whose last section is `outlook`.
strings next_steps(const std::string& outlook) {
  const auto r = annals::read_report_text("某市应急管理局2024年法治政府建设情况报告\n一、主要工作\n全年开展执法检查5386次。\n"
                                          "二、下一步工作安排\n" + outlook + "\n");
  strings out;
  for (const auto& c : r.commitments)
    if (c.kind == annals::commitment_kind::next_step) out.push_back(c.title);
  return out;
}
}  // namespace

TEST(reader_next_steps, inline_steps_one_clause_each) {
  EXPECT_EQ(next_steps("下一步，我局将制定《2025年度执法检查计划》并向社会公开，推进“互联网+执法”系统全面应用，组建专家服务团，"
                       "开展危险化学品专项执法行动。"),
            (strings{"制定《2025年度执法检查计划》并向社会公开", "推进“互联网+执法”系统全面应用", "组建专家服务团",
                     "开展危险化学品专项执法行动"}));
  // a framing clause before the first step is left out; a clause without a verb continues its step
  EXPECT_EQ(next_steps("下一步，我们将以习近平法治思想为指导，深化执法改革，为企业发展营造良好环境，健全监督机制，加强队伍建设。"),
            (strings{"深化执法改革，为企业发展营造良好环境", "健全监督机制", "加强队伍建设"}));
}

TEST(reader_next_steps, one_general_promise_is_no_list) {
  EXPECT_EQ(next_steps("下一步，我们将继续推进依法行政，为经济社会发展提供有力法治保障。"), strings{});
  EXPECT_EQ(next_steps("下一步，我局将深化执法改革，加强队伍建设。"), strings{});
  // commas inside quotes do not cut a step
  EXPECT_EQ(next_steps("下一步，将开展“减证便民，优化服务”专项行动，修订执法工作规程，推进执法系统应用。"),
            (strings{"开展“减证便民，优化服务”专项行动", "修订执法工作规程", "推进执法系统应用"}));
}

TEST(reader_from_to_more, an_arrow_between_two_figures_of_one_unit) {
  const auto r = annals::read_report_text("达标率稳步提升（2022年61.5%→2023年72.8%），执法队伍由167支→114支。");
  ASSERT_EQ(r.changes.size(), 2u);
  EXPECT_EQ(r.changes[0].kind, annals::change_kind::from_to);
  EXPECT_EQ(r.changes[0].from->to_string(), "61.5");
  EXPECT_EQ(r.changes[0].to->to_string(), "72.8");
  EXPECT_EQ(r.changes[0].dir, annals::direction::up);
  EXPECT_EQ(r.changes[1].from->to_string(), "167");
  EXPECT_EQ(r.changes[1].dir, annals::direction::down);
  // the ends are facts, the starts are not
  EXPECT_EQ(figures("达标率稳步提升（2022年61.5%→2023年72.8%）。"), strings{"72.8%=72.8 % exact"});
  // figures of different units, or an arrow not between two figures, state no change
  EXPECT_TRUE(annals::read_report_text("办理案件61件→结案率72.8%。").changes.empty());
  EXPECT_TRUE(annals::read_report_text("流程优化：申请→受理→办结，办结案件72件。").changes.empty());
}
