#pragma once
// Two made-up reports of one place, consecutive years, with n distinctly labelled figures each:
// the input of the comparison scaling test (tests/track_scale_test.cpp), the benchmark
// (bench/bench_track.cpp, BM_Track_Figures) and the end-to-end measurements of bench/README.md
// (tests/gen_figure_pair.cpp writes them as files).
//
// Every report made here is a MADE-UP TEST DOCUMENT (编造的测试文档): its text says so in its
// first lines and its figures come from a formula. The same (style, n, year) always gives the
// same text.
//
// Two styles of label:
//   vocabulary  市场监管部门查处食品安全违法案件1.25万件，同比增长12.3%。 — department × object ×
//               action, 36 × 30 × 20 = 21,600 distinct labels that differ in their Han characters;
//               labels sharing two of the three parts are similar, so alignment has real choices.
//   ordinal     第123类事项办理4567件，同比增长8.9%。 — labels that differ only in their digits,
//               which label normalisation removes: every figure is a candidate for every other.
// (Actions are verbs the reader keeps in a label: after 办理, 开展 or 组织 it starts the label at the
// object, and 36 departments would share one label.)
// The later report drops the first n/50 labels of the earlier one, adds n/50 new ones, and
// states its figures in another order (blocks of 64 reversed); one stated growth in ten is wrong.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

namespace annals::synthetic_pair {

enum class label_style { vocabulary, ordinal };

inline std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

inline constexpr std::size_t max_vocabulary_labels = 36 * 30 * 20;

struct action {
  const char* verb;
  const char* noun;
  const char* unit;
};

/// The label of figure k (k < max_vocabulary_labels in the vocabulary style) and its unit.
inline std::pair<std::string, std::string> label_of(label_style style, std::size_t k) {
  if (style == label_style::ordinal) return {"第" + std::to_string(k + 1) + "类事项办理", "件"};
  static const char* const departments[36] = {
      "市场监管部门", "公安机关", "司法行政机关", "生态环境部门", "交通运输部门", "住房城乡建设部门",
      "农业农村部门", "文化旅游部门", "卫生健康部门", "应急管理部门", "税务机关", "人力社保部门",
      "自然资源部门", "水务部门", "城市管理部门", "教育部门", "民政部门", "商务部门",
      "医疗保障部门", "统计部门", "审计机关", "信访部门", "退役军人事务部门", "林业园林部门",
      "烟草专卖部门", "档案部门", "气象部门", "消防救援机构", "网信部门", "体育部门",
      "发展改革部门", "经济信息化部门", "科技部门", "财政部门", "机关事务部门", "口岸物流部门"};
  static const char* const objects[30] = {
      "食品安全", "药品监管", "安全生产", "道路运输", "建筑市场", "违法用地", "环境污染", "劳动保障",
      "消费维权", "知识产权", "价格监督", "特种设备", "校外培训", "养老服务", "医疗机构", "出租汽车",
      "餐饮油烟", "噪声扰民", "野生动物", "渔业资源", "文物保护", "网络直播", "广告宣传", "燃气经营",
      "危险化学品", "户外广告", "扬尘治理", "电梯维保", "农资质量", "水土保持"};
  static const action actions[20] = {
      {"查处", "违法案件", "件"}, {"核查", "投诉举报", "件"},     {"核发", "许可证件", "件"},
      {"受理", "许可申请", "件"}, {"办结", "复议案件", "件"},     {"培训", "执法人员", "人次"},
      {"走访", "经营主体", "家"}, {"发放", "宣传资料", "份"},     {"化解", "矛盾纠纷", "件"},
      {"检查", "专项事项", "次"}, {"督办", "重点问题", "个"},     {"审查", "规范性文件", "件"},
      {"公开", "政府信息", "条"}, {"处置", "网络舆情", "条"},     {"整改", "安全隐患", "处"},
      {"聘请", "法律顾问", "名"}, {"审核", "行政合同", "份"},     {"征集", "意见建议", "条"},
      {"答复", "代表建议", "件"}, {"抽查", "经营单位", "户"}};
  const std::size_t d = k % 36, o = (k / 36) % 30, a = (k / (36 * 30)) % 20;
  return {std::string(departments[d]) + actions[a].verb + objects[o] + actions[a].noun, actions[a].unit};
}

/// The earlier year's value of figure k.
inline std::uint64_t base_value(std::size_t k) { return 120 + mix(k) % 48000; }

/// The growth of figure k in tenths of a percent, −25.0% … +74.9%.
inline std::int64_t growth_tenths(std::size_t k) { return static_cast<std::int64_t>(mix(k + 7777) % 1000) - 250; }

/// A value as a report writes it: 1.25万 from 12500 when it is large and round enough.
inline std::string written(std::uint64_t v) {
  if (v >= 10000 && v % 100 == 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%llu.%02llu万", static_cast<unsigned long long>(v / 10000),
                  static_cast<unsigned long long>((v % 10000) / 100));
    std::string s = buf;
    while (s.size() > 4 && s[s.size() - 4] == '0') s.erase(s.size() - 4, 1);  // 1.20万 → 1.2万
    if (s.size() > 4 && s[s.size() - 4] == '.') s.erase(s.size() - 4, 1);
    return s;
  }
  return std::to_string(v);
}

inline std::string percent_text(std::int64_t tenths) {
  const std::int64_t a = tenths < 0 ? -tenths : tenths;
  return std::to_string(a / 10) + "." + std::to_string(a % 10) + "%";
}

/// One sentence: the figure of label k in `year_index` (0 earlier, 1 later), with its stated growth.
inline std::string sentence(label_style style, std::size_t k, int year_index) {
  const auto [label, unit] = label_of(style, k);
  const std::uint64_t base = base_value(k);
  const std::int64_t g = growth_tenths(k);
  std::uint64_t v = base;
  std::int64_t stated = g;
  if (year_index == 1) {
    const auto b = static_cast<std::int64_t>(base);
    const std::int64_t exact = (b * (1000 + g) + 500) / 1000;
    // the growth as the office computed it from the exact figures, to one decimal (half up)
    const std::int64_t diff = (exact - b) * 2000;
    stated = diff >= 0 ? (diff / b + 1) / 2 : -((-diff / b + 1) / 2);
    v = static_cast<std::uint64_t>(exact);
    if (v >= 10000) v = (v + 50) / 100 * 100;  // the large ones written rounded: 1.34万
    if (mix(k + 31) % 10 == 0) stated += 37;  // one in ten stated wrong
  } else {
    stated = static_cast<std::int64_t>(mix(k + 99) % 400) - 100;  // against a year not in the pair
  }
  std::string s = label + written(v) + unit + "，同比";
  s += stated < 0 ? "下降" : "增长";
  s += percent_text(stated) + "。";
  return s;
}

/// The text of the report of `year_index` (0: 2024, 1: 2025) with n figures.
inline std::string report_text(label_style style, std::size_t n, int year_index) {
  const int year = 2024 + year_index;
  std::string t = "样例市人民政府关于" + std::to_string(year) + "年度法治政府建设情况的报告\n\n";
  t += "【编造的测试文档，数字均为虚构，仅用于测试。本文不是任何政府发布的报告。】\n\n";
  t += "市人大常委会：\n" + std::to_string(year) + "年，市政府深入推进依法行政，现将有关情况报告如下。\n";
  t += "一、全面履行政府职能\n";
  const std::size_t shift = n / 50;
  const std::size_t first = year_index == 0 ? 0 : shift;
  std::size_t in_line = 0;
  for (std::size_t i = 0; i < n; ++i) {
    // blocks of 64 reversed in the later report, so that text order differs between the years
    std::size_t j = i;
    if (year_index == 1) {
      const std::size_t block = i / 64 * 64, end = block + 64 < n ? block + 64 : n;
      j = block + (end - 1 - i);
    }
    t += sentence(style, first + j, year_index);
    if (++in_line == 12) {
      t += "\n";
      in_line = 0;
    }
  }
  t += "\n二、存在的问题和下一步工作\n";
  t += std::to_string(year) + "年，全市法治政府建设取得新的成效，但仍存在一些问题和不足，如基层行政执法人员专业能力还有待加强。";
  t += "下一步，市政府将纵深推进法治政府建设。一是持续优化法治化营商环境。推动涉企行政检查规范化。"
       "二是健全行政争议源头预防机制。推动行政争议预警研判。\n\n样例市人民政府\n";
  t += std::to_string(year + 1) + "年1月8日\n";
  return t;
}

}  // namespace annals::synthetic_pair
