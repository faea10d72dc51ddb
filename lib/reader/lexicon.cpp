// The reader's word tables: measure words and their normalisation, qualifiers, fixed terms that
// are not facts, and the small closed classes of words (linking verbs, connectives, growth
// verbs …) the label and change rules use. These are words of the genre — any government work
// report uses them — not phrases of one report. All entries are written as the folded text reads
// them (ASCII punctuation and digits).

#include "extract_detail.hpp"

#include <array>

namespace annals::extract::lexicon {
namespace {

using mc = measure_class;

// Measure words, matched longest first. The unit is what facts carry; 名 and 位 count people
// (人), a parenthesised 次 makes a 次 unit (场(次) → 场次), 个 before a time word is dropped.
constexpr std::array measures{
    measure_word{U"个百分点", "个百分点", mc::pp},
    measure_word{U"百分点", "个百分点", mc::pp},
    measure_word{U"个工作日", "工作日", mc::duration},
    measure_word{U"工作日", "工作日", mc::duration},
    measure_word{U"个自然日", "天", mc::duration},
    measure_word{U"个月", "月", mc::duration},
    measure_word{U"个小时", "小时", mc::duration},
    measure_word{U"个季度", "季度", mc::duration},
    measure_word{U"小时", "小时", mc::duration},
    measure_word{U"分钟", "分钟", mc::duration},
    measure_word{U"季度", "季度", mc::duration},
    measure_word{U"周", "周", mc::duration},
    measure_word{U"天", "天", mc::duration},
    measure_word{U"年", "年", mc::duration},
    measure_word{U"人次", "人次", mc::count},
    measure_word{U"件次", "件次", mc::count},
    measure_word{U"户次", "户次", mc::count},
    measure_word{U"场次", "场次", mc::count},
    measure_word{U"家次", "家次", mc::count},
    measure_word{U"车次", "车次", mc::count},
    measure_word{U"批次", "批次", mc::count},
    measure_word{U"架次", "架次", mc::count},
    measure_word{U"项次", "项次", mc::count},
    measure_word{U"班次", "班次", mc::count},
    measure_word{U"课时", "课时", mc::count},
    measure_word{U"学时", "学时", mc::count},
    measure_word{U"部门", "部门", mc::count},
    measure_word{U"个", "个", mc::count},
    measure_word{U"项", "项", mc::count},
    measure_word{U"件", "件", mc::count},
    measure_word{U"家", "家", mc::count},
    measure_word{U"名", "人", mc::count},
    measure_word{U"位", "人", mc::count},
    measure_word{U"人", "人", mc::count},
    measure_word{U"次", "次", mc::count},
    measure_word{U"场", "场", mc::count},
    measure_word{U"户", "户", mc::count},
    measure_word{U"条", "条", mc::count},
    measure_word{U"部", "部", mc::count},
    measure_word{U"支", "支", mc::count},
    measure_word{U"期", "期", mc::count},
    measure_word{U"所", "所", mc::count},
    measure_word{U"座", "座", mc::count},
    measure_word{U"处", "处", mc::count},
    measure_word{U"台", "台", mc::count},
    measure_word{U"套", "套", mc::count},
    measure_word{U"辆", "辆", mc::count},
    measure_word{U"艘", "艘", mc::count},
    measure_word{U"批", "批", mc::count},
    measure_word{U"类", "类", mc::count},
    measure_word{U"种", "种", mc::count},
    measure_word{U"份", "份", mc::count},
    measure_word{U"卷", "卷", mc::count},
    measure_word{U"组", "组", mc::count},
    measure_word{U"队", "队", mc::count},
    measure_word{U"单", "单", mc::count},
    measure_word{U"篇", "篇", mc::count},
    measure_word{U"本", "本", mc::count},
    measure_word{U"册", "册", mc::count},
    measure_word{U"张", "张", mc::count},
    measure_word{U"间", "间", mc::count},
    measure_word{U"栋", "栋", mc::count},
    measure_word{U"宗", "宗", mc::count},
    measure_word{U"起", "起", mc::count},
    measure_word{U"例", "例", mc::count},
    measure_word{U"轮", "轮", mc::count},
    measure_word{U"届", "届", mc::count},
    measure_word{U"门", "门", mc::count},
    measure_word{U"款", "款", mc::count},
    measure_word{U"笔", "笔", mc::count},
    measure_word{U"株", "株", mc::count},
    measure_word{U"棵", "棵", mc::count},
    measure_word{U"吨", "吨", mc::count},
    measure_word{U"平方公里", "平方公里", mc::count},
    measure_word{U"平方米", "平方米", mc::count},
    measure_word{U"立方米", "立方米", mc::count},
    measure_word{U"公里", "公里", mc::count},
    measure_word{U"千米", "公里", mc::count},
    measure_word{U"米", "米", mc::count},
    measure_word{U"亩", "亩", mc::count},
    measure_word{U"公顷", "公顷", mc::count},
    measure_word{U"千瓦时", "千瓦时", mc::count},
    measure_word{U"千瓦", "千瓦", mc::count},
    measure_word{U"美元", "美元", mc::money},
    measure_word{U"元", "元", mc::money},
    measure_word{U"倍", "倍", mc::times},
};

constexpr std::array prefix_qualifiers{
    qualifier_word{U"超过", qualifier::more_than}, qualifier_word{U"超", qualifier::more_than},
    qualifier_word{U"逾", qualifier::more_than},   qualifier_word{U"突破", qualifier::more_than},
    qualifier_word{U"多于", qualifier::more_than}, qualifier_word{U"高于", qualifier::more_than},
    qualifier_word{U"近", qualifier::nearly},      qualifier_word{U"将近", qualifier::nearly},
    qualifier_word{U"接近", qualifier::nearly},    qualifier_word{U"约", qualifier::about},
    qualifier_word{U"大约", qualifier::about},     qualifier_word{U"不少于", qualifier::at_least},
    qualifier_word{U"不低于", qualifier::at_least}, qualifier_word{U"至少", qualifier::at_least},
    qualifier_word{U"不超过", qualifier::at_most}, qualifier_word{U"不高于", qualifier::at_most},
    qualifier_word{U"不到", qualifier::less_than}, qualifier_word{U"不足", qualifier::less_than},
    qualifier_word{U"不满", qualifier::less_than}, qualifier_word{U"低于", qualifier::less_than},
    qualifier_word{U"少于", qualifier::less_than},
};

constexpr std::array suffix_qualifiers{
    qualifier_word{U"以上", qualifier::at_least}, qualifier_word{U"以下", qualifier::at_most},
    qualifier_word{U"以内", qualifier::at_most},  qualifier_word{U"左右", qualifier::about},
    qualifier_word{U"上下", qualifier::about},    qualifier_word{U"余", qualifier::more_than},
    qualifier_word{U"多", qualifier::more_than},
};

constexpr std::array infix_qualifiers{
    qualifier_word{U"余", qualifier::more_than},
    qualifier_word{U"多", qualifier::more_than},
};

// Numbered political formulae and fixed terms: a numeral inside them is never a count.
constexpr u32 fixed[] = {
    U"两个确立", U"两个维护", U"四个意识", U"四个自信", U"四个全面", U"五位一体", U"三个务必",
    U"三个代表", U"八项规定", U"三项制度", U"两学一做", U"三严三实", U"三会一课", U"两新一重",
    U"一带一路", U"十四五", U"十三五", U"十五五", U"十二五", U"一网通办", U"一网统管", U"一网协同",
    U"最多跑一次", U"一次办", U"一件事", U"一窗受理", U"一站式", U"一码通", U"一张网", U"一张图",
    U"一盘棋", U"一把手", U"一审", U"二审", U"再审", U"两级", U"三级", U"四级", U"五级",
    U"两法衔接", U"三治融合", U"一村一", U"一社区一", U"四个最严",
};

// Words that start the predicate after a counted noun: verbs, adverbs, prepositions.
constexpr u32 predicates[] = {
    U"开展", U"实施", U"推进", U"推动", U"建立", U"健全", U"完善", U"设置", U"设立", U"统筹",
    U"统一", U"部署", U"接受", U"围绕", U"实现", U"完成", U"参与", U"参加", U"办理", U"提供",
    U"组织", U"举办", U"召开", U"发出", U"出台", U"制定", U"修改", U"废止", U"开通", U"覆盖",
    U"纳入", U"进入", U"施行", U"实行", U"推行", U"建成", U"获得", U"获评", U"荣获", U"达到",
    U"通过", U"签订", U"签署", U"落地", U"入驻", U"上线", U"受理", U"审结", U"化解", U"调解",
    U"培训", U"走访", U"解决", U"处置", U"成为", U"形成", U"取得", U"得到", U"列入", U"入选",
    U"获批", U"认定", U"作为", U"开设", U"配备", U"联合", U"承担", U"负责", U"集聚", U"聚集",
    U"参评", U"接入", U"投入", U"投用", U"打造", U"创建", U"探索", U"发布", U"印发", U"公布",
    U"公开", U"审查", U"审核", U"备案", U"清理", U"梳理", U"编制", U"开发", U"运行", U"启用",
    U"保持", U"持续", U"深入", U"全面", U"积极", U"有效", U"共同", U"依法", U"分别", U"全部",
    U"均已", U"已经", U"先后", U"累计", U"首批", U"首次", U"率先", U"同步", U"及时", U"主动",
    U"集中", U"进行", U"加强", U"强化", U"优化", U"提升", U"提高", U"增加", U"减少", U"降低",
    U"下降", U"增长", U"同比", U"环比", U"较上年", U"比上年", U"其中", U"占比", U"占全", U"合计",
    U"共计", U"总计", U"参与", U"开放", U"服务于", U"涉及", U"包括", U"涵盖", U"分布", U"位于",
    U"按照", U"根据", U"经过", U"经由", U"向社会", U"面向", U"针对", U"关于", U"基本", U"已全部",
    U"全年", U"年均", U"压缩", U"缩短", U"精简", U"压减", U"缩减",
};

// Nouns after a time span that make it the name of a plan (三年攻坚行动, 五年实施方案).
constexpr u32 plan_names[] = {
    U"行动", U"计划", U"规划", U"方案", U"攻坚", U"工程", U"专项", U"实施", U"目标", U"任务",
    U"发展", U"建设", U"纲要", U"战略", U"周期", U"期限",
};

// Verbs after which a Chinese numeral starts a count (明确七个方面): the predicate words above and
// these, which are also nouns often enough that they must not cut a counted noun (服务, 检查 …).
constexpr u32 count_verb_list[] = {
    U"明确", U"确定", U"提出", U"推出", U"成立", U"组建", U"新建", U"改造", U"培育", U"评选",
    U"命名", U"表彰", U"选树", U"聚焦", U"突出", U"抓好", U"做好", U"用好", U"建强", U"构建",
    U"拓展", U"新增", U"增设", U"整合", U"取消", U"调整", U"下放", U"承接", U"精简", U"编印",
    U"出版", U"印制", U"搭建", U"挂牌", U"授予", U"修订", U"审议", U"听取", U"办结", U"立案",
    U"结案", U"查处", U"处理", U"督办", U"答复", U"收到", U"征集", U"采纳", U"聘请", U"选聘",
    U"派驻", U"惠及", U"服务", U"帮助", U"指导", U"检查", U"抽查", U"排查", U"约谈", U"通报",
    U"分为", U"细化", U"分解", U"列出", U"安排", U"召集", U"邀请", U"吸引", U"引进", U"选派",
    U"培养", U"评定", U"命名为", U"确认", U"核查", U"核发", U"颁发", U"换发", U"注销", U"制发",
};

constexpr u32 plan_verb_list[] = {
    U"明确", U"确定", U"部署", U"提出", U"安排", U"列出", U"细化", U"梳理", U"分解", U"涵盖",
    U"包括", U"制定", U"推出", U"谋划", U"明确了", U"确定了", U"提出了",
};

constexpr u32 predicate_single[] = {
    U"在", U"对", U"向", U"于", U"被", U"将", U"均", U"已", U"都", U"的", U"达", U"共", U"从",
    U"由", U"把", U"给",
};

constexpr u32 dummies[] = {
    U"开展", U"办理", U"组织", U"举办", U"召开", U"进行", U"实施", U"提供",
};

// Nouns that make a compound with an empty verb before them (办理时限, 实施方案, 办理效率).
constexpr u32 process[] = {
    U"时限", U"时长", U"时间", U"效率", U"情况", U"进度", U"方案", U"结果", U"流程", U"质量",
    U"数量", U"率", U"周期", U"环节", U"成本", U"费用",
};

constexpr u32 leading[] = {
    U"其中", U"同时", U"此外", U"另外", U"并且", U"并", U"还", U"而且", U"而", U"共计", U"共",
    U"累计", U"合计", U"总计", U"全年共", U"全年", U"当年", U"年内", U"今年", U"截至目前",
    U"目前", U"先后", U"已经", U"已", U"均", U"分别", U"力争", U"确保", U"争取", U"努力",
    U"全面", U"深入", U"持续", U"积极", U"不断", U"切实", U"扎实", U"有效", U"大力", U"着力",
    U"进一步", U"常态化", U"依法", U"主动", U"统筹", U"多层次", U"首次", U"同比", U"环比",
    U"较上年", U"比上年", U"平均",
};

// Time words left at the start of a label after a year (2024年以来…, 2025年底前…).
constexpr u32 time_left[] = {
    U"以来", U"年度", U"年底前", U"年底", U"年末", U"年初", U"上半年", U"下半年", U"底前", U"底",
    U"末", U"初", U"度", U"全年", U"以前", U"之前", U"前", U"内", U"年内",
};

constexpr u32 trailing[] = {
    U"达到了", U"达到", U"已达", U"达", U"为", U"是", U"共计", U"总计", U"合计", U"共", U"累计",
    U"超过", U"分别为", U"分别达", U"分别", U"保持在", U"稳定在", U"维持在", U"控制在", U"增至",
    U"增加到", U"增加至", U"提高到", U"提高至", U"提升到", U"提升至", U"降至", U"降低到",
    U"降低至", U"减少到", U"减少至", U"下降到", U"下降至", U"上升到", U"上升至", U"增长到",
    U"增长至", U"扩大到", U"扩大至", U"缩短至", U"缩短到", U"压缩至", U"压缩到", U"计", U"首次",
    U"平均", U"人均", U"同比", U"环比",
};

constexpr u32 actions[] = {
    U"评估", U"整改", U"落实", U"试点", U"检查", U"审查", U"督察", U"督查", U"清单", U"目录",
    U"名录",
};

// Generic head nouns: after a measure word they are what is counted, and what follows them is
// said about them (1085家单位行政执法主体资格 → 单位).
constexpr u32 heads[] = {
    U"单位", U"部门", U"企业", U"机构", U"领域", U"小区", U"社区", U"乡镇", U"街道", U"学校",
    U"医院", U"园区", U"行业", U"窗口", U"网点", U"站点", U"城市", U"地区", U"区域", U"村",
};

constexpr u32 counting[] = {
    U"达到", U"达", U"共计", U"总计", U"合计", U"累计", U"共", U"计", U"为", U"超过", U"突破",
    U"逾",
};

constexpr u32 scopes[] = {
    U"全市", U"全省", U"全区", U"全县", U"全国", U"全州", U"全镇", U"市本级", U"共", U"计",
    U"新增", U"累计", U"等", U"合计", U"总计", U"共计", U"其中", U"全年", U"首批", U"达",
};

constexpr u32 ups[] = {
    U"增长", U"增加", U"上升", U"提高", U"提升", U"上涨", U"扩大", U"增", U"攀升", U"跃升", U"增长了", U"提高了",
};
constexpr u32 downs[] = {
    U"下降", U"减少", U"降低", U"下滑", U"回落", U"减", U"降", U"缩减", U"压减", U"缩短",
    U"压缩", U"下跌", U"减轻", U"节约",
};
constexpr u32 up_noun[] = {U"增幅", U"增速", U"涨幅", U"增长率", U"提升幅度"};
constexpr u32 down_noun[] = {U"降幅", U"下降幅度", U"减幅"};

constexpr u32 yoy[] = {
    U"同比", U"比上年", U"较上年", U"比去年", U"较去年", U"比上一年", U"较上一年", U"较上年同期",
    U"比上年同期", U"较去年同期", U"比去年同期", U"与上年相比",
};
constexpr u32 mom[] = {U"环比", U"比上月", U"较上月"};

constexpr u32 period_pre[] = {
    U"近", U"今后", U"未来", U"过去", U"这", U"前", U"最近", U"每", U"后",
};
constexpr u32 period_post[] = {
    U"来", U"以来", U"内", U"间", U"中", U"里", U"后", U"前", U"期间", U"以后",
};

constexpr u32 targets[] = {
    U"力争", U"确保", U"争取", U"目标是", U"目标为", U"努力实现", U"力求", U"计划到", U"预计到",
};

constexpr u32 problems_n[] = {
    U"问题", U"不足", U"短板", U"差距", U"薄弱环节", U"困难", U"弱项", U"挑战", U"短腿",
};
constexpr u32 problems_v[] = {
    U"存在", U"仍有", U"还有", U"尚有", U"面临", U"依然存在", U"仍然存在", U"也存在", U"还存在",
};
constexpr u32 problems_intro[] = {
    U"主要表现在", U"主要表现为", U"主要体现在", U"主要是", U"主要有", U"具体表现为", U"比如", U"例如",
    U"如",
};

constexpr u32 outlook[] = {U"下一步", U"下步", U"下一阶段", U"今后一个时期", U"新的一年", U"明年"};
constexpr u32 outlook_heading[] = {
    U"问题", U"不足", U"下一步", U"打算", U"计划", U"思路", U"工作安排", U"展望", U"努力方向", U"短板",
};

constexpr u32 plan_docs[] = {
    U"工作安排", U"工作要点", U"实施方案", U"任务清单", U"工作计划", U"行动方案", U"责任清单",
    U"任务分工", U"重点任务", U"工作方案",
};
constexpr u32 tasks[] = {U"任务", U"举措", U"措施", U"工作", U"事项", U"目标", U"项目"};

template <std::size_t N>
const qualifier_word* longest_match_at(const doc& d, std::size_t i, const std::array<qualifier_word, N>& a) noexcept {
  const qualifier_word* best = nullptr;
  for (const auto& w : a)
    if ((!best || w.written.size() > best->written.size()) && d.has(i, w.written)) best = &w;
  return best;
}

}  // namespace

const measure_word* measure_at(const doc& d, std::size_t i) noexcept {
  if (i >= d.size()) return nullptr;
  const char32_t c = d.at(i);
  const measure_word* best = nullptr;
  for (const auto& m : measures)
    if (m.written.front() == c && (!best || m.written.size() > best->written.size()) && d.has(i, m.written))
      best = &m;
  return best;
}

std::string_view per_occasion(std::string_view base) noexcept {
  static constexpr std::pair<std::string_view, std::string_view> table[] = {
      {"场", "场次"}, {"件", "件次"}, {"户", "户次"}, {"人", "人次"}, {"家", "家次"}, {"项", "项次"},
      {"批", "批次"}, {"个", "个次"}, {"条", "条次"}, {"起", "起次"}, {"期", "期次"}, {"轮", "轮次"},
  };
  for (const auto& [b, t] : table)
    if (b == base) return t;
  return base;
}

const qualifier_word* prefix_qualifier_before(const doc& d, std::size_t end) noexcept {
  const qualifier_word* best = nullptr;
  for (const auto& w : prefix_qualifiers)
    if ((!best || w.written.size() > best->written.size()) && d.ends_with(end, w.written)) best = &w;
  return best;
}

const qualifier_word* suffix_qualifier_at(const doc& d, std::size_t i) noexcept {
  return longest_match_at(d, i, suffix_qualifiers);
}

const qualifier_word* infix_qualifier_at(const doc& d, std::size_t i) noexcept {
  return longest_match_at(d, i, infix_qualifiers);
}

std::size_t longest_at(const doc& d, std::size_t i, std::span<const u32> words) noexcept {
  const char32_t c = d.at(i);
  std::size_t best = 0;
  for (const auto w : words)
    if (w.front() == c && w.size() > best && d.has(i, w)) best = w.size();
  return best;
}

std::size_t longest_before(const doc& d, std::size_t end, std::span<const u32> words) noexcept {
  const char32_t c = d.before(end);
  std::size_t best = 0;
  for (const auto w : words)
    if (w.back() == c && w.size() > best && d.ends_with(end, w)) best = w.size();
  return best;
}

std::span<const u32> fixed_terms() noexcept { return fixed; }
std::span<const u32> predicate_words() noexcept { return predicates; }
std::span<const u32> predicate_chars() noexcept { return predicate_single; }
std::span<const u32> dummy_verbs() noexcept { return dummies; }
std::span<const u32> count_verbs() noexcept { return count_verb_list; }
std::span<const u32> process_nouns() noexcept { return process; }
std::span<const u32> plan_name_nouns() noexcept { return plan_names; }
std::span<const u32> plan_verbs() noexcept { return plan_verb_list; }
std::span<const u32> time_leftovers() noexcept { return time_left; }
std::span<const u32> leading_words() noexcept { return leading; }
std::span<const u32> trailing_words() noexcept { return trailing; }
std::span<const u32> action_nouns() noexcept { return actions; }
std::span<const u32> counting_verbs() noexcept { return counting; }
std::span<const u32> head_nouns() noexcept { return heads; }
std::span<const u32> scope_words() noexcept { return scopes; }
std::span<const u32> up_verbs() noexcept { return ups; }
std::span<const u32> down_verbs() noexcept { return downs; }
std::span<const u32> up_nouns() noexcept { return up_noun; }
std::span<const u32> down_nouns() noexcept { return down_noun; }
std::span<const u32> yoy_words() noexcept { return yoy; }
std::span<const u32> mom_words() noexcept { return mom; }
std::span<const u32> period_before() noexcept { return period_pre; }
std::span<const u32> period_after() noexcept { return period_post; }
std::span<const u32> target_words() noexcept { return targets; }
std::span<const u32> problem_nouns() noexcept { return problems_n; }
std::span<const u32> problem_verbs() noexcept { return problems_v; }
std::span<const u32> problem_intro() noexcept { return problems_intro; }
std::span<const u32> outlook_words() noexcept { return outlook; }
std::span<const u32> outlook_heading_words() noexcept { return outlook_heading; }
std::span<const u32> plan_documents() noexcept { return plan_docs; }
std::span<const u32> task_nouns() noexcept { return tasks; }

}  // namespace annals::extract::lexicon
