#pragma once
// Test fixtures of the tracker: the sample reports as annals::report values, with the figures
// and changes a reader finds in them written out by hand (spans located in the text), so that
// the tracker's tests do not depend on the reader's heuristics.

#include <annals/report.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace track_test {

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u ? 1u : 0u;
  return n;
}

/// The code points [start, end) of a UTF-8 string.
inline std::string cp_substr(std::string_view s, std::size_t start, std::size_t end) {
  std::size_t cp = 0, b = std::string_view::npos, e = s.size();
  for (std::size_t i = 0; i <= s.size(); ++i) {
    const bool lead = i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0u) != 0x80u;
    if (!lead) continue;
    if (cp == start && b == std::string_view::npos) b = i;
    if (cp == end) {
      e = i;
      break;
    }
    ++cp;
  }
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, e - b));
}

/// Builds a report around a text, locating figures by an anchor phrase.
class builder {
 public:
  builder(std::string text, int year, std::string jurisdiction = "成都市", std::string name = "test.txt") {
    r_.text = std::move(text);
    r_.meta.year = annals::report_year(year);
    r_.meta.jurisdiction = std::move(jurisdiction);
    r_.source.name = std::move(name);
    r_.source.sha256 = std::string(64, static_cast<char>('a' + year % 6));
  }

  static builder from_file(const std::string& file, int year) {
    return builder(slurp(std::string(ANNALS_DATA_DIR) + "/" + file), year, "成都市", file);
  }

  /// The span of `written` inside the first occurrence of `anchor` (which contains it).
  annals::text_span locate(std::string_view anchor, std::string_view written) const {
    const auto a = r_.text.find(anchor);
    if (a == std::string::npos) throw std::runtime_error("anchor not in text: " + std::string(anchor));
    const auto w = r_.text.find(written, a);
    if (w == std::string::npos || w + written.size() > a + anchor.size())
      throw std::runtime_error("figure not in anchor: " + std::string(written));
    const std::size_t start = code_points(std::string_view(r_.text).substr(0, w));
    return {start, start + code_points(written)};
  }

  /// Adds a fact: `written` (e.g. 超1.11万件) inside `anchor`; value with 万 multiplied out.
  std::string fact(std::string_view anchor, std::string_view written, std::string label, std::string_view value,
                   std::string unit, annals::qualifier q = annals::qualifier::exact, int last_digit = 0,
                   bool approximate = false, bool cumulative = false) {
    annals::fact f;
    f.id = "f" + std::to_string(r_.facts.size() + 1);
    f.label = std::move(label);
    f.text = std::string(written);
    f.q.value = annals::decimal::parse(value);
    f.q.unit = std::move(unit);
    f.q.qual = q;
    f.q.last_digit = last_digit;
    f.q.approximate = approximate;
    f.kind = f.q.unit == "%" ? annals::fact_kind::percent : annals::fact_kind::count;
    f.cumulative = cumulative;
    f.span = locate(anchor, written);
    r_.facts.push_back(f);
    return f.id;
  }

  std::string change(annals::change_kind kind, std::string_view anchor, std::string_view written, std::string label,
                     std::string_view value, annals::direction dir = annals::direction::up,
                     std::optional<std::string> fact = std::nullopt, std::string unit = "",
                     annals::growth_basis basis = annals::growth_basis::yoy,
                     annals::qualifier q = annals::qualifier::exact) {
    annals::change c;
    c.id = "c" + std::to_string(r_.changes.size() + 1);
    c.kind = kind;
    c.basis = basis;
    c.label = std::move(label);
    c.text = std::string(written);
    if (!value.empty()) c.value = annals::decimal::parse(value);
    c.dir = dir;
    c.fact = std::move(fact);
    c.unit = std::move(unit);
    c.qual = q;
    c.span = locate(anchor, written);
    r_.changes.push_back(c);
    return c.id;
  }

  std::string from_to(std::string_view anchor, std::string_view written, std::string label, std::string_view from,
                      std::string_view to, std::string unit) {
    const auto id = change(annals::change_kind::from_to, anchor, written, std::move(label), "",
                           annals::direction::down, std::nullopt, std::move(unit), annals::growth_basis::none);
    r_.changes.back().from = annals::decimal::parse(from);
    r_.changes.back().to = annals::decimal::parse(to);
    return id;
  }

  annals::report& get() { return r_; }
  [[nodiscard]] annals::report build() const { return r_; }

 private:
  annals::report r_;
};

using annals::change_kind;
using annals::direction;
using annals::qualifier;

/// chengdu-2023.txt (made up) with its figures.
inline annals::report report_2023() {
  auto b = builder::from_file("chengdu-2023.txt", 2023);
  b.fact("全市走访服务企业超5.2万家", "超5.2万家", "全市走访服务企业", "52000", "家", qualifier::more_than, 3, true);
  b.fact("办理行政应诉案件4981件", "4981件", "办理行政应诉案件", "4981", "件");
  b.fact("累计免申即享政策事项达98项", "98项", "累计免申即享政策事项", "98", "项", qualifier::exact, 0, false, true);
  b.fact("审核执法证件4890个", "4890个", "审核执法证件", "4890", "个");
  b.fact("政务服务跨省通办140项", "140项", "政务服务跨省通办", "140", "项");
  b.fact("81.3%的执法力量部署在县镇两级", "81.3%", "执法力量部署在县镇两级", "81.3", "%", qualifier::exact, -1, true);
  const auto base = b.fact("全市法院新收一审行政诉讼案件3910件", "3910件", "全市法院新收一审行政诉讼案件", "3910", "件");
  (void)base;
  const auto cases = b.fact("全市新收行政复议案件5870件", "5870件", "全市新收行政复议案件", "5870", "件");
  b.change(change_kind::multiple, "是法院新收一审行政诉讼案件的1.5倍", "是法院新收一审行政诉讼案件的1.5倍",
           "全市新收行政复议案件", "1.5", direction::up, cases, "倍", annals::growth_basis::none);
  b.fact("80%以上行政争议经复议后未进入诉讼程序", "80%以上", "行政争议经复议后未进入诉讼程序", "80", "%",
         qualifier::at_least, 0, true);
  b.fact("累计提供法律咨询服务31.2万人次", "31.2万人次", "全市累计提供法律咨询服务", "312000", "人次",
         qualifier::exact, 3, true, true);
  b.from_to("全市执法队伍由205支精简至170支", "由205支精简至170支", "全市执法队伍", "205", "170", "支");
  b.change(change_kind::streak, "连续15年获评“最具幸福感城市”", "连续15年", "获评“最具幸福感城市”", "15",
           direction::none, std::nullopt, "年", annals::growth_basis::none);
  // the target of 四是: 力争2025年底前…比例达到90% — the goal is the target's own, not a fact
  annals::commitment t;
  t.id = "t1";
  t.kind = annals::commitment_kind::target;
  t.text = "力争2025年底前行政争议经复议后未进入诉讼程序的比例达到90%";
  annals::target_goal goal;
  goal.label = "行政争议经复议后未进入诉讼程序的比例";
  goal.text = "90%";
  goal.q = annals::quantity{annals::decimal::parse("90"), "%", qualifier::exact, 0, true};
  goal.kind = annals::fact_kind::percent;
  goal.span = b.locate("比例达到90%", "90%");
  t.goal = goal;
  t.deadline = annals::calendar_date(2025, 12, 31);
  t.span = b.locate(t.text, t.text);
  b.get().commitments.push_back(t);
  return b.build();
}

/// chengdu-2024.txt (real) with the figures the tracker tests use.
inline annals::report report_2024() {
  auto b = builder::from_file("chengdu-2024.txt", 2024);
  b.fact("全市走访服务企业超6.14万家", "超6.14万家", "全市走访服务企业", "61400", "家", qualifier::more_than, 2, true);
  b.fact("累计免申即享政策事项达155项", "155项", "累计免申即享政策事项", "155", "项", qualifier::exact, 0, false, true);
  b.fact("组织企业开展线下沟通“蓉易见”活动2100余场", "2100余场", "组织企业开展线下沟通“蓉易见”活动", "2100", "场",
         qualifier::more_than, 0, false);
  b.fact("政务服务跨省通办162项", "162项", "政务服务跨省通办", "162", "项");
  b.fact("86.15%的执法力量部署在县镇两级", "86.15%", "执法力量部署在县镇两级", "86.15", "%", qualifier::exact, -2, true);
  b.fact("审核执法证件5477个", "5477个", "审核执法证件", "5477", "个");
  b.fact("抽考行政执法人员4000余人", "4000余人", "抽考行政执法人员", "4000", "人", qualifier::more_than, 0, false);
  b.fact("办理行政应诉案件5652件", "5652件", "办理行政应诉案件", "5652", "件");
  b.fact("办理政府信息依申请公开1.8万余件", "1.8万余件", "办理政府信息依申请公开", "18000", "件", qualifier::more_than, 3,
         true);
  const auto cases = b.fact("全市新收行政复议案件超1.11万件", "超1.11万件", "全市新收行政复议案件", "11100", "件",
                            qualifier::more_than, 2, true);
  b.change(change_kind::growth_pct, "同比增长89.6%", "同比增长89.6%", "全市新收行政复议案件", "89.6", direction::up, cases);
  b.change(change_kind::multiple, "达到法院新收一审行政诉讼案件2倍以上", "达到法院新收一审行政诉讼案件2倍以上",
           "全市新收行政复议案件", "2", direction::up, cases, "倍", annals::growth_basis::none, qualifier::at_least);
  b.fact("85%以上行政争议经复议后未进入诉讼程序", "85%以上", "行政争议经复议后未进入诉讼程序", "85", "%",
         qualifier::at_least, 0, true);
  b.fact("累计提供法律咨询服务35.8万人次", "35.8万人次", "全市累计提供法律咨询服务", "358000", "人次",
         qualifier::exact, 3, true, true);
  b.from_to("全市执法队伍由167支精简至114支", "由167支精简至114支", "全市执法队伍", "167", "114", "支");
  b.change(change_kind::streak, "连续16年获评“最具幸福感城市”", "连续16年", "获评“最具幸福感城市”", "16",
           direction::none, std::nullopt, "年", annals::growth_basis::none);
  return b.build();
}

/// chengdu-2025.txt (made up) with its figures.
inline annals::report report_2025() {
  auto b = builder::from_file("chengdu-2025.txt", 2025);
  b.fact("全市走访服务企业超6.52万家", "超6.52万家", "全市走访服务企业", "65200", "家", qualifier::more_than, 2, true);
  const auto roe = b.fact("上半年组织企业开展线下沟通“蓉易见”活动1200余场", "1200余场",
                          "组织企业开展线下沟通“蓉易见”活动", "1200", "场", qualifier::more_than, 0, false);
  b.change(change_kind::growth_pct, "1200余场,同比增长12%", "同比增长12%", "", "12", direction::up, roe);
  b.fact("累计免申即享政策事项达203项", "203项", "累计免申即享政策事项", "203", "项", qualifier::exact, 0, false, true);
  b.fact("政务服务跨省通办186项", "186项", "政务服务跨省通办", "186", "项");
  b.fact("全市办理行政规范性文件、重大行政决策等合法性审查9800余件(次)", "9800余件(次)",
         "全市办理行政规范性文件、重大行政决策等合法性审查", "9800", "件(次)", qualifier::more_than, 0, false);
  b.fact("其中市本级办理1200余件(次)", "1200余件(次)", "市本级办理", "1200", "件(次)", qualifier::more_than, 0, false);
  b.fact("占比12.5%", "12.5%", "", "12.5", "%", qualifier::exact, -1, true);
  b.from_to("全市执法队伍由114支进一步精简至98支", "由114支进一步精简至98支", "全市执法队伍", "114", "98", "支");
  const auto force = b.fact("88.6%的执法力量部署在县镇两级", "88.6%", "执法力量部署在县镇两级", "88.6", "%",
                            qualifier::exact, -1, true);
  b.change(change_kind::pp, "较上年提高2.45个百分点", "提高2.45个百分点", "执法力量部署在县镇两级", "2.45", direction::up,
           force, "", annals::growth_basis::yoy);
  const auto cert = b.fact("审核执法证件6013个", "6013个", "审核执法证件", "6013", "个");
  b.change(change_kind::growth_pct, "6013个,同比增长9.7%", "同比增长9.7%", "审核执法证件", "9.7", direction::up, cert);
  const auto exam = b.fact("抽考行政执法人员4600余人次", "4600余人次", "抽考行政执法人员", "4600", "人次",
                           qualifier::more_than, 0, false);
  b.change(change_kind::growth_pct, "4600余人次,同比增长15%", "同比增长15%", "抽考行政执法人员", "15", direction::up, exam);
  const auto complaints = b.fact("办结行政执法投诉举报320件", "320件", "办结行政执法投诉举报", "320", "件");
  b.change(change_kind::growth_pct, "320件,同比增长14.3%", "同比增长14.3%", "办结行政执法投诉举报", "14.3",
           direction::up, complaints);
  const auto suits = b.fact("办理行政应诉案件6120件", "6120件", "办理行政应诉案件", "6120", "件");
  b.change(change_kind::growth_pct, "6120件,同比增长12.5%", "同比增长12.5%", "办理行政应诉案件", "12.5", direction::up,
           suits);
  b.fact("网站年度访问量2.1亿人次", "2.1亿人次", "网站年度访问量", "210000000", "人次", qualifier::exact, 7, true);
  const auto open = b.fact("市本级办理政府信息依申请公开3600余件", "3600余件", "市本级办理政府信息依申请公开", "3600", "件",
                           qualifier::more_than, 0, false);
  b.change(change_kind::growth_pct, "3600余件,同比下降5.2%", "同比下降5.2%", "市本级办理政府信息依申请公开", "5.2",
           direction::down, open);
  b.fact("全市法院新收一审行政诉讼案件5400件", "5400件", "全市法院新收一审行政诉讼案件", "5400", "件");
  const auto cases = b.fact("全市新收行政复议案件1.35万件", "1.35万件", "全市新收行政复议案件", "13500", "件",
                            qualifier::exact, 2, true);
  b.change(change_kind::growth_pct, "1.35万件,同比增长21.4%", "同比增长21.4%", "全市新收行政复议案件", "21.4",
           direction::up, cases);
  b.change(change_kind::multiple, "是法院新收一审行政诉讼案件的2.8倍", "是法院新收一审行政诉讼案件的2.8倍",
           "全市新收行政复议案件", "2.8", direction::up, cases, "倍", annals::growth_basis::none);
  b.fact("88%以上行政争议经复议后未进入诉讼程序", "88%以上", "行政争议经复议后未进入诉讼程序", "88", "%",
         qualifier::at_least, 0, true);
  const auto advice = b.fact("全市累计提供法律咨询服务39.6万人次", "39.6万人次", "全市累计提供法律咨询服务", "396000",
                             "人次", qualifier::exact, 3, true, true);
  b.change(change_kind::growth_pct, "39.6万人次,同比增长10.6%", "同比增长10.6%", "全市累计提供法律咨询服务", "10.6",
           direction::up, advice);
  b.change(change_kind::streak, "连续17年获评“最具幸福感城市”", "连续17年", "获评“最具幸福感城市”", "17",
           direction::none, std::nullopt, "年", annals::growth_basis::none);
  return b.build();
}

}  // namespace track_test
