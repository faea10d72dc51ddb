// The Markdown rendering of a tracking result (to_markdown in track.hpp), one function per
// section, in English or Chinese (report_lang): one renderer for both, each phrase given in both
// languages where it is written (detail::words), statuses, verdicts and reasons through the one
// Chinese table of lib/figures/localize.cpp. Every piece of text from a report, a plan or a file
// name goes through markdown_text; only what these functions write themselves (headings,
// numbers, enum names) is written as it is.

#include "track_detail.hpp"

#include "figures/localize_detail.hpp"

#include <annals/markdown.hpp>
#include <annals/range_text.hpp>

#include <algorithm>
#include <sstream>

namespace annals {

namespace {

using detail::words;

std::string md(std::string_view s) { return markdown_text(s); }

std::string fmt_score(double x) {
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(2);
  o << x;
  return o.str();
}

/// "成都市 2024" (or "… plan" / "…年规划"), escaped: the jurisdiction is report text.
std::string who(const tracked_identity& id, const words& w) {
  std::string s = markdown_text(id.jurisdiction.value_or("?"));
  s += " " + (id.year ? std::to_string(*id.year) : std::string("?"));
  if (id.kind == tracked_kind::plan) s += w.t(" plan", " 规划");
  return s;
}

/// "1.25…3.50", "−∞…3.50": a computed range in the Markdown of a tracking.
std::string range(const std::optional<decimal>& lo, const std::optional<decimal>& hi) {
  static constexpr range_style style{.between = "…", .digits = 2};
  return range_text(lo, hi, {}, style);
}

/// "earlier" / "上年", "later" / "本年".
std::string which(which_report r, const words& w) {
  return r == which_report::earlier ? w.t("earlier", "上年") : w.t("later", "本年");
}

/// A table's header row, in the rendering's language, and its `| --- |` rule, one cell per column.
void table_head(std::ostream& o, const words& w, std::string_view en_row, std::string_view zh_row) {
  const std::string row = w.t(en_row, zh_row);
  o << row;
  const auto columns = std::count(row.begin(), row.end(), '|') - 1;
  for (std::ptrdiff_t i = 0; i < columns; ++i) o << "| --- ";
  o << "|\n";
}

/// "share" / "占比", "multiple" / "倍数": what a parts check checks.
std::string part_kind_word(parts_kind k, const words& w) {
  return w.zh() ? (k == parts_kind::share ? "占比" : "倍数") : std::string(to_string(k));
}

bool is_count_finding(const plan_finding& f) {
  return f.code == "group_count_mismatch" || f.code == "task_count_mismatch";
}

/// Everything found inconsistent first: figures, streaks, chains, parts, plan counts.
void inconsistencies_section(const tracking& t, std::ostream& o, const words& w) {
  o << w.t("## Inconsistencies\n\n", "## 前后不一致之处\n\n");
  std::size_t n = 0;
  for (const auto& m : t.metrics) {
    if (m.verdict != metric_verdict::inconsistent) continue;
    ++n;
    o << "- **" << md(m.later_label) << "**" << w.t(" (", "（") << md(m.unit) << w.t("): ", "）：")
      << md(m.earlier ? m.earlier->text : "?")
      << " → " << md(m.later.text) << w.t(", stated “", "，报告称“") << md(m.stated ? m.stated->text : "")
      << w.t("”; ", "”；") << md(w.reason(m.reason)) << w.t(".\n", "。\n");
  }
  for (const auto& s : t.streaks)
    if (s.verdict == metric_verdict::inconsistent) {
      ++n;
      o << w.t("- Streak **", "- 连续年数 **") << md(s.label) << "**: " << s.earlier.to_string() << " → "
        << s.later.to_string() << " " << md(s.unit) << w.t(".\n", "。\n");
    }
  for (const auto& f : t.from_to)
    if (f.verdict == metric_verdict::inconsistent) {
      ++n;
      o << w.t("- Chain **", "- 起止衔接 **") << md(f.label) << w.t("**: the earlier report ended at ", "**：上年报告止于")
        << f.earlier_to.to_string() << md(f.unit) << w.t(", the later one starts from ", "，本年报告起于")
        << f.later_from.to_string() << md(f.unit) << w.t(".\n", "。\n");
    }
  for (const auto& p : t.parts)
    if (p.verdict == metric_verdict::inconsistent) {
      ++n;
      if (w.zh())
        o << "- " << which(p.report, w) << "报告的" << part_kind_word(p.kind, w) << "“"
          << md(p.stated_text) << "”（**" << md(p.base_label) << "**），分项数据给出 "
          << range(p.computed_lo, p.computed_hi) << "。\n";
      else
        o << "- " << (p.kind == parts_kind::share ? "Share" : "Multiple") << " in the " << to_string(p.report)
          << " report: “" << md(p.stated_text) << "” of **" << md(p.base_label) << "**, the parts give "
          << range(p.computed_lo, p.computed_hi) << ".\n";
    }
  for (const auto& f : t.plan_findings)
    if (is_count_finding(f)) {
      ++n;
      o << w.t("- Plan: ", "- 规划：") << md(w.reason(f.message)) << w.t(".\n", "。\n");
    }
  if (n == 0) o << w.t("None found.\n", "未发现。\n");
  o << "\n";
}

void commitments_section(const tracking& t, std::ostream& o, const words& w) {
  o << w.t("## Commitments\n\n", "## 承诺事项\n\n");
  if (t.commitments.empty()) {
    o << w.t("The earlier side states no commitments.\n\n", "上年一方未载明承诺事项。\n\n");
    return;
  }
  table_head(o, w, "| id | kind | commitment | status | score | evidence in the later report |\n",
             "| 编号 | 类别 | 承诺事项 | 状态 | 得分 | 本年报告中的依据 |\n");
  for (const auto& c : t.commitments) {
    std::string what = c.title.empty() ? c.text : c.title;
    if (c.group) what = *c.group + w.t(": ", "：") + what;
    std::string ev;
    for (const auto& e : c.evidence) {
      if (!ev.empty()) ev += " / ";
      ev += "“" + e.text + "” [" + std::to_string(e.span.start) + "," + std::to_string(e.span.end) + ")";
    }
    if (c.status == track_status::in_progress && c.done_share > 0) ev += w.t(" (part done)", "（部分完成）");
    const std::string kind = w.zh() ? std::string(detail::commitment_kind_zh(c.kind)) : std::string(to_string(c.kind));
    o << "| " << md(c.earlier) << " | " << kind << " | " << md(what) << " | " << w.status(to_string(c.status)) << " | "
      << fmt_score(c.score) << " | " << md(ev) << " |\n";
  }
  o << "\n";
}

void figures_section(const tracking& t, std::ostream& o, const words& w) {
  if (t.metrics.empty()) return;
  o << w.t("## Figures\n\n", "## 数据\n\n");
  table_head(o, w, "| metric | earlier | later | growth % (range) | stated | verdict |\n",
             "| 指标 | 上年 | 本年 | 增幅%（区间） | 报告所称 | 结论 |\n");
  for (const auto& m : t.metrics) {
    std::string g = m.growth_pct ? m.growth_pct->to_string(2) : std::string("—");
    if (m.growth_pct_lo || m.growth_pct_hi) g += " (" + range(m.growth_pct_lo, m.growth_pct_hi) + ")";
    std::string v = w.status(to_string(m.verdict));
    if (m.basis == consistency_basis::truncation) v += w.t(" (truncation)", "（截尾）");
    if (!m.reason.empty() && m.verdict == metric_verdict::unverifiable) v += w.t(": ", "：") + w.reason(m.reason);
    o << "| " << md(m.later_label) << " | " << md(m.earlier ? m.earlier->text : "—") << " | " << md(m.later.text)
      << " | " << g << " | " << md(m.stated ? m.stated->text : "—") << " | " << md(v) << " |\n";
  }
  o << "\n";
}

void streaks_chains_parts_section(const tracking& t, std::ostream& o, const words& w) {
  if (t.streaks.empty() && t.from_to.empty() && t.parts.empty()) return;
  o << w.t("## Streaks, chains and parts\n\n", "## 连续年数、起止衔接与分项\n\n");
  const std::string sep = w.t(", ", "，");
  for (const auto& s : t.streaks)
    o << w.t("- Streak ", "- 连续年数 ") << md(s.label) << w.t(": ", "：") << s.earlier.to_string() << " → "
      << s.later.to_string() << md(s.unit) << sep << w.status(to_string(s.verdict)) << "\n";
  for (const auto& f : t.from_to)
    o << w.t("- Chain ", "- 起止衔接 ") << md(f.label) << w.t(": earlier ended at ", "：上年止于") << f.earlier_to.to_string()
      << md(f.unit) << w.t(", later starts from ", "，本年起于") << f.later_from.to_string() << md(f.unit) << sep
      << w.status(to_string(f.verdict)) << "\n";
  for (const auto& p : t.parts) {
    if (w.zh())
      o << "- " << part_kind_word(p.kind, w) << "（" << which(p.report, w) << "）“";
    else
      o << "- " << part_kind_word(p.kind, w) << " (" << to_string(p.report) << ") “";
    o << md(p.stated_text) << w.t("”: parts give ", "”：分项数据给出 ") << range(p.computed_lo, p.computed_hi) << sep
      << w.status(to_string(p.verdict)) << "\n";
  }
  o << "\n";
}

void targets_section(const tracking& t, std::ostream& o, const words& w) {
  if (t.targets.empty()) return;
  o << w.t("## Targets\n\n", "## 目标\n\n");
  table_head(o, w, "| source | target | baseline | current | ratio | status |\n", "| 来源 | 目标 | 基期值 | 现值 | 进度比 | 状态 |\n");
  for (const auto& g : t.targets) {
    std::string deadline;
    if (g.deadline) deadline = w.zh() ? "（" + g.deadline->to_iso() + "前）" : " by " + g.deadline->to_iso();
    o << "| " << md(g.source) << " | " << md(g.label) << " " << g.target.to_string() << md(g.unit) << deadline << " | "
      << (g.baseline ? g.baseline->to_string() + (g.baseline_year ? " (" + std::to_string(*g.baseline_year) + ")" : "")
                     : std::string("—"))
      << " | " << (g.current ? g.current->to_string() : std::string("—")) << " | "
      << (g.ratio ? g.ratio->to_string(2) + "%" : std::string("—")) << " | " << w.status(to_string(g.status)) << " |\n";
  }
  o << "\n";
}

/// The implied prior-year figures, the plan's other findings, the warnings.
void notes_section(const tracking& t, std::ostream& o, const words& w) {
  if (!t.implied_priors.empty()) {
    o << w.t("## Prior-year figures implied by the later report\n\n", "## 本年报告隐含的上年数据\n\n");
    for (const auto& p : t.implied_priors)
      o << "- " << md(p.label) << w.t(": about ", "：约") << p.value.to_string(2) << md(p.unit) << " ("
        << range(p.lo, p.hi) << ")\n";
    o << "\n";
  }
  bool plan_notes = false;
  for (const auto& f : t.plan_findings)
    if (!is_count_finding(f)) plan_notes = true;
  if (plan_notes) {
    o << w.t("## Plan\n\n", "## 规划\n\n");
    for (const auto& f : t.plan_findings)
      if (!is_count_finding(f)) o << "- " << md(w.reason(f.message)) << "\n";
    o << "\n";
  }
  if (!t.warnings.empty()) {
    o << w.t("## Warnings\n\n", "## 提示\n\n");
    for (const auto& warning : t.warnings) o << "- " << md(w.reason(warning)) << "\n";
    o << "\n";
  }
}

}  // namespace

std::string to_markdown(const tracking& t, report_lang lang) {
  const words w{lang};
  std::ostringstream o;
  o << w.t("# Tracking ", "# 跟踪 ") << who(t.earlier, w) << " → " << who(t.later, w) << "\n\n";
  const std::string unnamed = w.t("(unnamed)", "（未命名）");
  o << w.t("Rubric ", "评判规则 ") << md(t.rubric) << w.t(". Earlier: ", "。上年：")
    << (t.earlier.name.empty() ? unnamed : md(t.earlier.name)) << w.t("; later: ", "；本年：")
    << (t.later.name.empty() ? unnamed : md(t.later.name)) << w.t(".\n\n", "。\n\n");
  inconsistencies_section(t, o, w);
  commitments_section(t, o, w);
  figures_section(t, o, w);
  streaks_chains_parts_section(t, o, w);
  targets_section(t, o, w);
  notes_section(t, o, w);
  return o.str();
}

std::string to_markdown(const tracking& t) { return to_markdown(t, report_lang::en); }

}  // namespace annals
