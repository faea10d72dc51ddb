// to_markdown(jurisdiction_view): the jurisdiction report as GitHub-flavoured Markdown, in the same
// order as the HTML page: inconsistencies, growth checks, metrics by year, commitments, reports.

#include "analyze/render_detail.hpp"

#include <annals/html_report.hpp>
#include <annals/markdown.hpp>
#include <annals/range_text.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace annals {

using namespace detail;

namespace {

/// What the reports contradict themselves on.
void md_inconsistencies(const jurisdiction_view& v, std::string& s, const words& w) {
  s += w.t("## Inconsistencies\n\n", "## 前后不一致之处\n\n");
  if (v.inconsistencies.empty()) {
    s += w.t("No stated change contradicts the figures.\n\n", "未发现与数据相矛盾的变化表述。\n\n");
  } else {
    s += w.t("| year | kind | about | stated | the figures give | why |\n",
             "| 年度 | 类别 | 事项 | 报告所称 | 数据计算 | 原因 |\n");
    s += "| --- | --- | --- | --- | --- | --- |\n";
    for (const auto& f : v.inconsistencies)
      s += "| " + std::to_string(f.year) + " | " +
           markdown_text(w.zh() ? std::string(finding_kind_zh(f.kind)) : f.kind) + " | " + markdown_text(f.label) +
           " | " + markdown_text(w.reason(f.stated)) + " | " + markdown_text(w.reason(f.found)) + " | " +
           markdown_text(w.reason(f.reason)) + " |\n";
    s += "\n";
  }
}

/// Every computed or stated growth with its verdict.
void md_growth(const jurisdiction_view& v, std::string& s, const words& w) {
  s += w.t("## Growth, computed and stated\n\n", "## 增幅：计算与表述\n\n");
  s += w.t("| metric | years | figures | computed | allowed | stated | verdict |\n",
           "| 指标 | 年度 | 数据 | 计算增幅 | 允许范围 | 报告所称 | 核验结论 |\n");
  s += "| --- | --- | --- | ---: | --- | --- | --- |\n";
  const std::string pp_unit = w.t(" pp", "个百分点");
  bool any = false;
  for (const auto& m : v.metrics) {
    for (std::size_t i = 0; i < m.points.size(); ++i) {
      const auto& p = m.points[i];
      if (!p.growth_pct && !p.stated) continue;
      any = true;
      const bool pp = p.stated_kind == change_kind::pp;
      std::string yrs = std::to_string(p.year), figs = p.text;
      if (i > 0 && p.growth_pct) {
        yrs = std::to_string(m.points[i - 1].year) + "→" + yrs;
        figs = m.points[i - 1].text + " → " + p.text;
      }
      std::string stated = p.stated ? signed_plain(*p.stated) + (pp ? pp_unit : "%") : std::string();
      if (!p.stated_text.empty()) stated += w.t(" (", "（") + p.stated_text + w.t(")", "）");
      std::string verdict = p.verdict ? w.status(to_string(*p.verdict)) : std::string();
      if (!p.reason.empty()) verdict += w.t(": ", "：") + w.reason(p.reason);
      if (p.implied_prior_lo || p.implied_prior_hi) {
        const std::string range = range_text(p.implied_prior_lo, p.implied_prior_hi, m.unit, w.ranges());
        verdict += w.zh() ? "；据此推算" + std::to_string(p.year - 1) + "年约为" + range
                          : "; implies " + std::to_string(p.year - 1) + " ≈ " + range;
      }
      s += "| " + markdown_text(m.label) + " | " + yrs + " | " + markdown_text(figs) + " | " +
           (p.growth_pct ? signed_fixed(*p.growth_pct, 2) + (p.in_pp ? pp_unit : "%") : std::string()) + " | " +
           ((p.growth_lo || p.growth_hi)
                ? markdown_text(range_text(p.growth_lo, p.growth_hi, p.in_pp ? pp_unit : "%", w.ranges()))
                : std::string()) +
           " | " + markdown_text(stated) + " | " + markdown_text(verdict) + " |\n";
    }
  }
  if (!any) s += "| — | | | | | | |\n";
  s += "\n";
}

/// The metrics stated in two or more years, one column per year.
void md_metrics(const jurisdiction_view& v, std::string& s, const words& w) {
  // metrics by year: one column per year the store holds
  std::set<int> all_years;
  for (const auto& m : v.metrics)
    if (m.points.size() >= 2)
      for (const auto& p : m.points) all_years.insert(p.year);
  if (!all_years.empty()) {
    s += w.t("## Metrics across the years\n\n| metric | unit |", "## 历年指标\n\n| 指标 | 单位 |");
    for (int y : all_years) s += " " + std::to_string(y) + " |";
    s += "\n| --- | --- |";
    for (std::size_t i = 0; i < all_years.size(); ++i) s += " --- |";
    s += "\n";
    for (const auto& m : v.metrics) {
      if (m.points.size() < 2) continue;
      s += "| " + markdown_text(m.label) + " | " + markdown_text(m.unit) + " |";
      for (int y : all_years) {
        const auto it = std::find_if(m.points.begin(), m.points.end(), [y](const yoy_point& p) { return p.year == y; });
        s += " " + (it == m.points.end() ? std::string() : markdown_text(it->text)) + " |";
      }
      s += "\n";
    }
    s += "\n";
  }
}

/// Each pair of years: the earlier commitments with their status and evidence.
void md_commitments(const jurisdiction_view& v, std::string& s, const words& w) {
  s += w.t("## Commitments and what became of them\n\n", "## 承诺事项及其落实\n\n");
  if (v.commitments.empty()) s += w.t("No two consecutive years to compare.\n\n", "没有可供比较的相邻两年报告。\n\n");
  for (std::size_t i = 0; i < v.commitments.size();) {
    const int ey = v.commitments[i].earlier_year, ly = v.commitments[i].later_year;
    s += "### " + std::to_string(ey) + " → " + std::to_string(ly) + "\n\n";
    s += w.zh() ? "| 承诺事项 | 类别 | 落实情况 | 匹配度 | " + std::to_string(ly) + "年报告中的依据 |\n"
                : "| commitment | kind | status | match | evidence in the " + std::to_string(ly) + " report |\n";
    s += "| --- | --- | --- | ---: | --- |\n";
    for (; i < v.commitments.size() && v.commitments[i].earlier_year == ey && v.commitments[i].later_year == ly; ++i) {
      const auto& c = v.commitments[i];
      const std::string what = c.title.empty() ? truncate(c.text, 60) : c.title;
      std::string ev;
      for (std::size_t k = 0; k < c.evidence.size() && k < 2; ++k)
        ev += (k ? " … " : "") + std::string("“") + truncate(c.evidence[k].text, 80) + "”";
      s += "| " + markdown_text(c.commitment) + " " + markdown_text(what) + " | " + commitment_kind_word(c.kind, w.lang) + " | " +
           w.status(to_string(c.status)) + " | " + fixed2(c.score) + " | " + markdown_text(ev) + " |\n";
    }
    s += "\n";
  }
}

/// The reports the view reads, and the generator.
void md_reports(const jurisdiction_view& v, std::string& s, const words& w) {
  s += w.t("## Reports\n\n| year | title | published | figures | changes | commitments | sha256 |\n",
           "## 所依据的报告\n\n| 年度 | 标题 | 发布日期 | 数据 | 变化表述 | 承诺事项 | sha256 |\n");
  s += "| --- | --- | --- | ---: | ---: | ---: | --- |\n";
  for (const auto& r : v.reports)
    s += "| " + (r.year ? std::to_string(r.year->value()) : std::string("—")) + " | " + markdown_text(r.title) + " | " +
         (r.published ? r.published->to_iso() : std::string("—")) + " | " + std::to_string(r.facts) + " | " +
         std::to_string(r.changes) + " | " + std::to_string(r.commitments) + " | " + markdown_text(r.sha256.substr(0, 12)) + " |\n";
  const std::string generator = markdown_text(v.generator.empty() ? std::string("annals") : v.generator);
  s += w.zh() ? "\n_由 " + generator + " 生成。_\n" : "\n_Generated by " + generator + "._\n";
}

}  // namespace

std::string to_markdown(const jurisdiction_view& v) { return to_markdown(v, report_lang::en); }

std::string to_markdown(const jurisdiction_view& v, report_lang lang) {
  const words w{lang};
  std::string s;
  const std::string years = year_span(v);
  s += "# " + markdown_text(v.jurisdiction) + " · 法治政府建设情况报告 " + years + "\n\n";
  std::size_t across = 0;
  for (const auto& m : v.metrics)
    if (m.points.size() >= 2) ++across;
  const std::string reports = std::to_string(v.reports.size()), metrics = std::to_string(across),
                    found = std::to_string(v.inconsistencies.size()), followed = std::to_string(v.commitments.size());
  if (w.zh())
    s += "报告" + reports + "份 · 两年及以上均有表述的指标" + metrics + "项 · 前后不一致" + found + "处 · 跟踪承诺事项" +
         followed + "项（规则 " + markdown_text(v.rubric) + "）\n\n";
  else
    s += reports + " reports · " + metrics + " metrics stated in two or more years · " + found + " inconsistencies · " +
         followed + " commitments followed (rubric " + markdown_text(v.rubric) + ")\n\n";

  md_inconsistencies(v, s, w);
  md_growth(v, s, w);
  md_metrics(v, s, w);
  md_commitments(v, s, w);
  md_reports(v, s, w);
  return s;
}

}  // namespace annals
