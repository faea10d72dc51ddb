// localize_reason() and the Chinese words of the renderings: the library writes each verdict
// reason from one English template; this table gives every template its Chinese, so both
// languages come from the same reason and no check is written twice.

#include "figures/localize_detail.hpp"

#include <annals/lang.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace annals {

std::optional<report_lang> parse_report_lang(std::string_view text) noexcept {
  auto is = [&](std::string_view w) {
    return text.size() == w.size() && std::equal(text.begin(), text.end(), w.begin(), [](char a, char b) {
             return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
           });
  };
  if (is("zh")) return report_lang::zh;
  if (is("en")) return report_lang::en;
  return std::nullopt;
}

namespace {

/// One reason template: the English with {0}, {1} … for its parameters, and the Chinese.
struct reason_template {
  std::string_view en;
  std::string_view zh;
};

// The reasons of growth.cpp (check_growth / check_pp), track/figures.cpp, jurisdiction_view.cpp.
// Most specific first: the first template that matches the whole text wins.
constexpr std::array<reason_template, 39> templates{{
    {"{0} -> {1} allows {2}; stated {3} allows {4} (rounded) or {5} (truncated)",
     "{0}→{1}，按数据计算应为{2}；报告所称{3}四舍五入对应{4}，截尾对应{5}，均不相符"},
    {"{0} -> {1} allows {2}; stated {3} fits only if truncated {4}, not rounded {5}",
     "{0}→{1}，按数据计算应为{2}；报告所称{3}仅在截尾取值时相符（截尾对应{4}，四舍五入对应{5}）"},
    {"{0} -> {1} allows {2}; stated {3} allows {4} when rounded",
     "{0}→{1}，按数据计算应为{2}；报告所称{3}四舍五入对应{4}"},
    {"{0} -> {1} allows {2}; stated {3} allows {4}", "{0}→{1}，按数据计算应为{2}；报告所称{3}对应{4}"},
    {"no earlier figure to compare with", "无上年数据可供比较"},
    {"no later figure to compare with", "无本年数据可供比较"},
    {"different units: '{0}' and '{1}'", "计量单位不同：“{0}”与“{1}”"},
    {"a change in percentage points needs two percentages, not '{0}'", "百分点变化须由两个百分比计算，此处单位为“{0}”"},
    {"the earlier figure is 0: no growth can be computed from {0}", "上年数值为0，无法由{0}计算增幅"},
    {"the earlier figure is negative: no growth can be computed from {0}", "上年数值为负，无法由{0}计算增幅"},
    {"percentage points stated for a figure that is not a percentage", "该数据不是百分比，报告却以百分点表述其变化"},
    {"relative growth stated for a percentage (expected percentage points)", "百分比数据以增长率表述（应以百分点表述）"},
    {"{0} figure: not a yearly value", "{0}数：不是年度数值"},
    {"no {0} figure in the store", "数据库中无{0}年数据"},
    {"consistent only if the stated figure was truncated, not rounded", "仅在报告数值系截尾而非四舍五入时相符"},
    {"no earlier value", "无上年数值"},
    {"units differ: {0} vs {1}", "计量单位不同：{0}与{1}"},
    {"scope differs: {0} in the earlier report, {1} in the later one", "统计范围不同：上年报告为{0}，本年报告为{1}"},
    {"scope or period word in the later report: {0}", "本年报告含范围或期间限定词：{0}"},
    {"scope or period word in the earlier report: {0}", "上年报告含范围或期间限定词：{0}"},
    {"a streak should grow by one a year", "“连续N年”应逐年加一"},
    {"the chain does not start where the previous year's ended", "本年起点与上年终点不相衔接"},
    {"the share does not fit its parts", "占比与各分项数据不符"},
    {"the multiple does not fit its parts", "倍数与各分项数据不符"},
    {"{0}; the figures allow {1} to {2}", "{0}；数据允许的范围为{1}至{2}"},
    {"{0} said {1}", "{0}年报告称{1}"},
    // the tracker's plan findings (track/plan.cpp) and warnings (track/track.cpp)
    {"the plan is for {0}, the report for {1}", "规划所属年度为{0}年，报告年度为{1}年"},
    {"the report states no plan count (明确…个方面…项工作任务)", "报告未载明工作任务数量（明确…个方面…项工作任务）"},
    {"the report counts {0} groups, the plan has {1}", "报告称{0}个方面，规划列有{1}个"},
    {"the report counts {0} tasks, the plan has {1}", "报告称{0}项任务，规划列有{1}项"},
    {"the plan has {0} groups and {1} tasks, as the report says", "规划列有{0}个方面、{1}项任务，与报告所称一致"},
    {"the later report has no 下一步 section: nothing can be carried over", "本年报告没有“下一步”部分，无从判断是否继续部署"},
    {"a report's year is unknown: streaks assume one year between them", "报告年度不明：连续年数按相隔一年核对"},
    {"a report's jurisdiction is unknown: cannot check that both are the same place",
     "报告所属地区不明：无法核对两份报告是否属同一地区"},
    {"reports of different jurisdictions: {0} and {1}", "两份报告所属地区不同：{0}与{1}"},
    // why `annals check` has no earlier report (examples/annals/cmd_check.cpp)
    {"the report names no jurisdiction or year, so the store cannot supply the year before",
     "报告未载明地区或年度，无法从数据库取得上一年报告"},
    {"the store holds no {0} report of {1}", "数据库中没有{1}{0}年的报告"},
    {"no earlier report given (--prior FILE or --db DB): only the implied prior-year values are shown",
     "未提供上一年报告（--prior 文件或 --db 数据库）：仅列出隐含的上年数值"},
    {"{0} to {1}", "{0}至{1}"},  // the range a part finding's figures give: 2.49 to 2.51倍
}};

/// Words inside parameters, in Chinese.
std::string localize_part(std::string p) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> words{{
      {"the whole jurisdiction", "全域"},
      {"(none)", "（无）"},
      {" pp", "个百分点"},
      {"-inf", "−∞"},
      {"+inf", "+∞"},
      {" ended at ", "年止于"},
  }};
  for (const auto& [en, zh] : words)
    for (std::size_t at = p.find(en); at != std::string::npos; at = p.find(en, at + zh.size()))
      p.replace(at, en.size(), zh);
  return p;
}

/// Matches `text` against `pattern` ({n} matches the shortest text that lets the rest match);
/// true with the parameters in `params`.
bool match(std::string_view pattern, std::string_view text, std::vector<std::string>& params) {
  if (pattern.empty()) return text.empty();
  if (pattern.size() >= 3 && pattern[0] == '{' && pattern[2] == '}') {
    const std::string_view rest = pattern.substr(3);
    for (std::size_t n = 1; n <= text.size(); ++n) {
      const std::size_t mark = params.size();
      params.emplace_back(text.substr(0, n));
      if (match(rest, text.substr(n), params)) return true;
      params.resize(mark);
    }
    return false;
  }
  return !text.empty() && pattern[0] == text[0] && match(pattern.substr(1), text.substr(1), params);
}

std::string fill(std::string_view zh, const std::vector<std::string>& params) {
  std::string out;
  for (std::size_t i = 0; i < zh.size(); ++i) {
    if (zh[i] == '{' && i + 2 < zh.size() && zh[i + 2] == '}') {
      const auto n = static_cast<std::size_t>(zh[i + 1] - '0');
      if (n < params.size()) out += localize_part(params[n]);
      i += 2;
    } else {
      out += zh[i];
    }
  }
  return out;
}

}  // namespace

std::string localize_reason(std::string_view reason, report_lang lang) {
  if (lang == report_lang::en || reason.empty()) return std::string(reason);
  std::vector<std::string> params;
  for (const auto& t : templates) {
    params.clear();
    if (match(t.en, reason, params)) return fill(t.zh, params);
  }
  // "from 12件" and "8.28% (a → b)" and the like: only their words change
  if (reason.starts_with("from ")) return "起点" + localize_part(std::string(reason.substr(5)));
  return localize_part(std::string(reason));
}

namespace detail {

std::string_view status_label_zh(std::string_view status) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> words{{
      {"consistent", "一致"},
      {"inconsistent", "不一致"},
      {"unverifiable", "无法核验"},
      {"not_stated", "未表述增幅"},
      {"fulfilled", "已完成"},
      {"in_progress", "推进中"},
      {"carried_over", "继续部署"},
      {"not_reported", "未见进展"},
      {"persisting", "问题仍存"},
      {"addressed", "已整改"},
      {"met", "已达成"},
      {"on_track", "按期推进"},
      {"needs_acceleration", "需加快推进"},
      {"limited", "进展有限"},
      {"regressing", "有所倒退"},
      {"no_data", "无数据"},
  }};
  for (const auto& [en, zh] : words)
    if (en == status) return zh;
  return status;
}

std::string_view finding_kind_zh(std::string_view kind) {
  if (kind == "growth") return "同比增幅";
  if (kind == "pp") return "百分点变化";
  if (kind == "streak") return "连续年数";
  if (kind == "from_to") return "起止衔接";
  if (kind == "multiple") return "倍数";
  if (kind == "share") return "占比";
  if (kind == "plan") return "规划任务数";
  return kind;
}

std::string_view commitment_kind_zh(commitment_kind k) {
  switch (k) {
    case commitment_kind::next_step: return "下一步";
    case commitment_kind::plan: return "规划任务";
    case commitment_kind::problem: return "存在问题";
    case commitment_kind::target: return "目标";
  }
  return "下一步";
}

std::string commitment_kind_word(commitment_kind k, report_lang lang) {
  if (k == commitment_kind::next_step || lang == report_lang::zh) return std::string(commitment_kind_zh(k));
  return std::string(to_string(k));
}

std::string_view change_kind_zh(change_kind k) {
  switch (k) {
    case change_kind::growth_pct: return "增幅";
    case change_kind::pp: return "百分点变化";
    case change_kind::from_to: return "起止变化";
    case change_kind::multiple: return "倍数";
    case change_kind::doubling: return "翻番";
    case change_kind::streak: return "连续年数";
    case change_kind::threshold: return "突破";
  }
  return "增幅";
}

std::string zh_numeral(int n) {
  static constexpr std::array<std::string_view, 10> digits{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 0 || n >= 100) return std::to_string(n);
  if (n < 10) return std::string(digits[static_cast<std::size_t>(n)]);
  std::string s = n >= 20 ? std::string(digits[static_cast<std::size_t>(n / 10)]) : std::string();
  s += "十";
  if (n % 10) s += digits[static_cast<std::size_t>(n % 10)];
  return s;
}

}  // namespace detail
}  // namespace annals
