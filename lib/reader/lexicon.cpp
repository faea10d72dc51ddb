// The reader's word tables: measure words and their normalisation, qualifiers, fixed terms that
// are not facts, and the small closed classes of words (linking verbs, connectives, growth
// verbs …) the label and change rules use. These are words of the genre — any government work
// report uses them — not phrases of one report. All entries are written as the folded text reads
// them (ASCII punctuation and digits).

#include "extract_detail.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_set>

namespace annals::detail::lexicon {
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
    measure_word{U"个月", "个月", mc::duration},
    measure_word{U"个方面", "方面", mc::count},
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
    measure_word{U"台次", "台次", mc::count},
    measure_word{U"辆次", "辆次", mc::count},
    measure_word{U"艘次", "艘次", mc::count},
    measure_word{U"剂次", "剂次", mc::count},
    measure_word{U"标台", "标台", mc::count},
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
    measure_word{U"剂", "剂", mc::count},
    measure_word{U"通", "通", mc::count},
    measure_word{U"岁", "岁", mc::count},
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
    measure_word{U"微克", "微克", mc::count},
    measure_word{U"毫克", "毫克", mc::count},
    measure_word{U"千克", "千克", mc::count},
    measure_word{U"公斤", "公斤", mc::count},
    measure_word{U"分", "分", mc::count},
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
    qualifier_word{U"约为", qualifier::about},     qualifier_word{U"大约为", qualifier::about},
    qualifier_word{U"约有", qualifier::about},     qualifier_word{U"约占", qualifier::about},
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
    U"八类严重暴力", U"八类主要刑事", U"两个责任", U"三个规定", U"五个一",
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
    U"组成", U"下设", U"设立", U"推荐", U"选取", U"抽调", U"划分", U"成立了", U"组建了", U"设置",
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
    U"较上年", U"比上年", U"平均", U"将", U"把", U"力求", U"预计", U"有望",
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
    U"压缩", U"下跌", U"减轻", U"节约", U"精简",
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
    U"力争", U"确保", U"争取", U"目标是", U"目标为", U"目标值", U"努力实现", U"力求", U"计划到", U"预计到",
    U"计划", U"预计", U"有望", U"预期", U"考核指标为", U"考核指标是", U"要达到", U"要控制在",
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


// ---- the indexes ------------------------------------------------------------------------------

constexpr void set_bit(word_list::bits& b, char32_t c) noexcept {
  const std::uint32_t h = char_slot(c);
  b[h >> 6] |= std::uint64_t{1} << (h & 63u);
}

/// A word list's copies sorted by first and by last character, and its character filters,
/// computed at compile time.
template <std::size_t N>
struct word_index {
  std::array<u32, N> by_first{}, by_last{};
  word_list::bits first{}, last{};
  constexpr explicit word_index(const u32 (&words)[N]) noexcept {
    for (std::size_t k = 0; k < N; ++k) {
      by_first[k] = by_last[k] = words[k];
      set_bit(first, words[k].front());
      set_bit(last, words[k].back());
    }
    std::sort(by_first.begin(), by_first.end(), [](u32 a, u32 b) { return a.front() < b.front(); });
    std::sort(by_last.begin(), by_last.end(), [](u32 a, u32 b) { return a.back() < b.back(); });
  }
  [[nodiscard]] constexpr word_list list(const u32 (&words)[N]) const noexcept {
    return word_list(words, by_first, by_last, first, last);
  }
};

/// Measure words sorted by their first character (measure_at looks them up by it).
constexpr auto measures_by_first = [] {
  std::array<const measure_word*, measures.size()> a{};
  for (std::size_t k = 0; k < measures.size(); ++k) a[k] = &measures[k];
  std::sort(a.begin(), a.end(),
            [](const measure_word* x, const measure_word* y) { return x->written.front() < y->written.front(); });
  return a;
}();

constexpr auto prefix_qualifier_last = [] {
  word_list::bits b{};
  for (const auto& w : prefix_qualifiers) set_bit(b, w.written.back());
  return b;
}();

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
  const auto* const lo = std::lower_bound(measures_by_first.begin(), measures_by_first.end(), c,
                                          [](const measure_word* m, char32_t x) { return m->written.front() < x; });
  const measure_word* best = nullptr;
  for (auto it = lo; it != measures_by_first.end() && (*it)->written.front() == c; ++it) {
    const measure_word& m = **it;
    if ((!best || m.written.size() > best->written.size()) && d.has(i, m.written)) best = &m;
  }
  return best;
}

std::string_view intern(std::string unit) {
  static std::mutex guard;
  static std::unordered_set<std::string> units;  // nodes do not move: the views stay valid
  const std::lock_guard lock(guard);
  return *units.insert(std::move(unit)).first;
}

std::string_view per_occasion(std::string_view base) noexcept {
  static constexpr std::pair<std::string_view, std::string_view> table[] = {
      {"场", "场次"}, {"件", "件次"}, {"户", "户次"}, {"人", "人次"}, {"家", "家次"}, {"项", "项次"},
      {"批", "批次"}, {"个", "个次"}, {"条", "条次"}, {"起", "起次"}, {"期", "期次"}, {"轮", "轮次"},
      {"台", "台次"}, {"辆", "辆次"}, {"艘", "艘次"}, {"剂", "剂次"}, {"架", "架次"}, {"车", "车次"},
  };
  for (const auto& [b, t] : table)
    if (b == base) return t;
  return base;
}

const qualifier_word* prefix_qualifier_before(const doc& d, std::size_t end) noexcept {
  const char32_t c = d.before(end);
  const std::uint32_t h = char_slot(c);
  if (((prefix_qualifier_last[h >> 6] >> (h & 63u)) & 1u) == 0) return nullptr;
  const qualifier_word* best = nullptr;
  for (const auto& w : prefix_qualifiers)
    if (w.written.back() == c && (!best || w.written.size() > best->written.size()) && d.ends_with(end, w.written))
      best = &w;
  return best;
}

const qualifier_word* suffix_qualifier_at(const doc& d, std::size_t i) noexcept {
  return longest_match_at(d, i, suffix_qualifiers);
}

const qualifier_word* infix_qualifier_at(const doc& d, std::size_t i) noexcept {
  return longest_match_at(d, i, infix_qualifiers);
}

std::span<const u32> word_list::starting_with(char32_t c) const noexcept {
  const auto [lo, hi] = std::equal_range(by_first_.begin(), by_first_.end(), u32(&c, 1),
                                         [](u32 a, u32 b) { return a.front() < b.front(); });
  return {lo, hi};
}

std::span<const u32> word_list::ending_with(char32_t c) const noexcept {
  const auto [lo, hi] = std::equal_range(by_last_.begin(), by_last_.end(), u32(&c, 1),
                                         [](u32 a, u32 b) { return a.back() < b.back(); });
  return {lo, hi};
}

std::size_t longest_at(const doc& d, std::size_t i, const word_list& words) noexcept {
  const char32_t c = d.at(i);
  if (!words.may_start(c)) return 0;
  std::size_t best = 0;
  for (const u32 w : words.starting_with(c))
    if (w.size() > best && d.has(i, w)) best = w.size();
  return best;
}

std::size_t longest_before(const doc& d, std::size_t end, const word_list& words) noexcept {
  const char32_t c = d.before(end);
  if (!words.may_end(c)) return 0;
  std::size_t best = 0;
  for (const u32 w : words.ending_with(c))
    if (w.size() > best && d.ends_with(end, w)) best = w.size();
  return best;
}


constexpr word_index fixed_index{fixed};
const word_list& fixed_terms() noexcept {
  static constexpr word_list l = fixed_index.list(fixed);
  return l;
}

constexpr word_index predicates_index{predicates};
const word_list& predicate_words() noexcept {
  static constexpr word_list l = predicates_index.list(predicates);
  return l;
}

constexpr word_index predicate_single_index{predicate_single};
const word_list& predicate_chars() noexcept {
  static constexpr word_list l = predicate_single_index.list(predicate_single);
  return l;
}

constexpr word_index dummies_index{dummies};
const word_list& dummy_verbs() noexcept {
  static constexpr word_list l = dummies_index.list(dummies);
  return l;
}

constexpr word_index count_verb_list_index{count_verb_list};
const word_list& count_verbs() noexcept {
  static constexpr word_list l = count_verb_list_index.list(count_verb_list);
  return l;
}

constexpr word_index process_index{process};
const word_list& process_nouns() noexcept {
  static constexpr word_list l = process_index.list(process);
  return l;
}

constexpr word_index plan_names_index{plan_names};
const word_list& plan_name_nouns() noexcept {
  static constexpr word_list l = plan_names_index.list(plan_names);
  return l;
}

constexpr word_index plan_verb_list_index{plan_verb_list};
const word_list& plan_verbs() noexcept {
  static constexpr word_list l = plan_verb_list_index.list(plan_verb_list);
  return l;
}

constexpr word_index time_left_index{time_left};
const word_list& time_leftovers() noexcept {
  static constexpr word_list l = time_left_index.list(time_left);
  return l;
}

constexpr word_index leading_index{leading};
const word_list& leading_words() noexcept {
  static constexpr word_list l = leading_index.list(leading);
  return l;
}

constexpr word_index trailing_index{trailing};
const word_list& trailing_words() noexcept {
  static constexpr word_list l = trailing_index.list(trailing);
  return l;
}

constexpr word_index actions_index{actions};
const word_list& action_nouns() noexcept {
  static constexpr word_list l = actions_index.list(actions);
  return l;
}

constexpr word_index counting_index{counting};
const word_list& counting_verbs() noexcept {
  static constexpr word_list l = counting_index.list(counting);
  return l;
}

constexpr word_index heads_index{heads};
const word_list& head_nouns() noexcept {
  static constexpr word_list l = heads_index.list(heads);
  return l;
}

constexpr word_index scopes_index{scopes};
const word_list& scope_words() noexcept {
  static constexpr word_list l = scopes_index.list(scopes);
  return l;
}

constexpr word_index ups_index{ups};
const word_list& up_verbs() noexcept {
  static constexpr word_list l = ups_index.list(ups);
  return l;
}

constexpr word_index downs_index{downs};
const word_list& down_verbs() noexcept {
  static constexpr word_list l = downs_index.list(downs);
  return l;
}

constexpr word_index up_noun_index{up_noun};
const word_list& up_nouns() noexcept {
  static constexpr word_list l = up_noun_index.list(up_noun);
  return l;
}

constexpr word_index down_noun_index{down_noun};
const word_list& down_nouns() noexcept {
  static constexpr word_list l = down_noun_index.list(down_noun);
  return l;
}

constexpr word_index yoy_index{yoy};
const word_list& yoy_words() noexcept {
  static constexpr word_list l = yoy_index.list(yoy);
  return l;
}

constexpr word_index mom_index{mom};
const word_list& mom_words() noexcept {
  static constexpr word_list l = mom_index.list(mom);
  return l;
}

constexpr word_index period_pre_index{period_pre};
const word_list& period_before() noexcept {
  static constexpr word_list l = period_pre_index.list(period_pre);
  return l;
}

constexpr word_index period_post_index{period_post};
const word_list& period_after() noexcept {
  static constexpr word_list l = period_post_index.list(period_post);
  return l;
}

constexpr word_index targets_index{targets};
const word_list& target_words() noexcept {
  static constexpr word_list l = targets_index.list(targets);
  return l;
}

constexpr word_index problems_n_index{problems_n};
const word_list& problem_nouns() noexcept {
  static constexpr word_list l = problems_n_index.list(problems_n);
  return l;
}

constexpr word_index problems_v_index{problems_v};
const word_list& problem_verbs() noexcept {
  static constexpr word_list l = problems_v_index.list(problems_v);
  return l;
}

constexpr word_index problems_intro_index{problems_intro};
const word_list& problem_intro() noexcept {
  static constexpr word_list l = problems_intro_index.list(problems_intro);
  return l;
}

constexpr word_index outlook_index{outlook};
const word_list& outlook_words() noexcept {
  static constexpr word_list l = outlook_index.list(outlook);
  return l;
}

constexpr word_index outlook_heading_index{outlook_heading};
const word_list& outlook_heading_words() noexcept {
  static constexpr word_list l = outlook_heading_index.list(outlook_heading);
  return l;
}

constexpr word_index plan_docs_index{plan_docs};
const word_list& plan_documents() noexcept {
  static constexpr word_list l = plan_docs_index.list(plan_docs);
  return l;
}

constexpr word_index tasks_index{tasks};
const word_list& task_nouns() noexcept {
  static constexpr word_list l = tasks_index.list(tasks);
  return l;
}

}  // namespace annals::detail::lexicon
