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
