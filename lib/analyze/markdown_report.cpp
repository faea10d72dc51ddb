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

namespace {

using namespace detail;

std::string kind_word(commitment_kind k) {
  switch (k) {
    case commitment_kind::next_step: return "下一步";
    case commitment_kind::plan: return "plan";
    case commitment_kind::problem: return "problem";
    case commitment_kind::target: return "target";
  }
  return "";
}

}  // namespace

namespace {

/// What the reports contradict themselves on.
void md_inconsistencies(const jurisdiction_view& v, std::string& s) {
  s += "## Inconsistencies\n\n";
  if (v.inconsistencies.empty()) {
    s += "No stated change contradicts the figures.\n\n";
  } else {
    s += "| year | kind | about | stated | the figures give | why |\n| --- | --- | --- | --- | --- | --- |\n";
    for (const auto& f : v.inconsistencies)
      s += "| " + std::to_string(f.year) + " | " + markdown_text(f.kind) + " | " + markdown_text(f.label) + " | " + markdown_text(f.stated) + " | " +
           markdown_text(f.found) + " | " + markdown_text(f.reason) + " |\n";
    s += "\n";
  }
}

/// Every computed or stated growth with its verdict.
void md_growth(const jurisdiction_view& v, std::string& s) {
  s += "## Growth, computed and stated\n\n";
  s += "| metric | years | figures | computed | allowed | stated | verdict |\n"
       "| --- | --- | --- | ---: | --- | --- | --- |\n";
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
      std::string stated = p.stated ? signed_plain(*p.stated) + (pp ? " pp" : "%") : std::string();
      if (!p.stated_text.empty()) stated += " (" + p.stated_text + ")";
      std::string verdict = p.verdict ? std::string(to_string(*p.verdict)) : std::string();
      if (!p.reason.empty()) verdict += ": " + p.reason;
      if (p.implied_prior_lo || p.implied_prior_hi)
        verdict += "; implies " + std::to_string(p.year - 1) + " ≈ " +
                   range_text(p.implied_prior_lo, p.implied_prior_hi, m.unit, range_in_words);
      s += "| " + markdown_text(m.label) + " | " + yrs + " | " + markdown_text(figs) + " | " +
           (p.growth_pct ? signed_fixed(*p.growth_pct, 2) + (p.in_pp ? " pp" : "%") : std::string()) + " | " +
           ((p.growth_lo || p.growth_hi) ? markdown_text(range_text(p.growth_lo, p.growth_hi, p.in_pp ? " pp" : "%", range_in_words)) : std::string()) + " | " +
           markdown_text(stated) + " | " + markdown_text(verdict) + " |\n";
    }
  }
  if (!any) s += "| — | | | | | | |\n";
  s += "\n";
}

/// The metrics stated in two or more years, one column per year.
void md_metrics(const jurisdiction_view& v, std::string& s) {
  // metrics by year: one column per year the store holds
  std::set<int> all_years;
  for (const auto& m : v.metrics)
    if (m.points.size() >= 2)
      for (const auto& p : m.points) all_years.insert(p.year);
  if (!all_years.empty()) {
    s += "## Metrics across the years\n\n| metric | unit |";
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
void md_commitments(const jurisdiction_view& v, std::string& s) {
  s += "## Commitments and what became of them\n\n";
  if (v.commitments.empty()) s += "No two consecutive years to compare.\n\n";
  for (std::size_t i = 0; i < v.commitments.size();) {
    const int ey = v.commitments[i].earlier_year, ly = v.commitments[i].later_year;
    s += "### " + std::to_string(ey) + " → " + std::to_string(ly) + "\n\n";
    s += "| commitment | kind | status | match | evidence in the " + std::to_string(ly) + " report |\n"
         "| --- | --- | --- | ---: | --- |\n";
    for (; i < v.commitments.size() && v.commitments[i].earlier_year == ey && v.commitments[i].later_year == ly; ++i) {
      const auto& c = v.commitments[i];
      const std::string what = c.title.empty() ? truncate(c.text, 60) : c.title;
      std::string ev;
      for (std::size_t k = 0; k < c.evidence.size() && k < 2; ++k)
        ev += (k ? " … " : "") + std::string("“") + truncate(c.evidence[k].text, 80) + "”";
      s += "| " + markdown_text(c.commitment) + " " + markdown_text(what) + " | " + kind_word(c.kind) + " | " +
           std::string(to_string(c.status)) + " | " + fixed2(c.score) + " | " + markdown_text(ev) + " |\n";
    }
    s += "\n";
  }
}

/// The reports the view reads, and the generator.
void md_reports(const jurisdiction_view& v, std::string& s) {
  s += "## Reports\n\n| year | title | published | figures | changes | commitments | sha256 |\n"
       "| --- | --- | --- | ---: | ---: | ---: | --- |\n";
  for (const auto& r : v.reports)
    s += "| " + (r.year ? std::to_string(r.year->value()) : std::string("—")) + " | " + markdown_text(r.title) + " | " +
         (r.published ? r.published->to_iso() : std::string("—")) + " | " + std::to_string(r.facts) + " | " +
         std::to_string(r.changes) + " | " + std::to_string(r.commitments) + " | " + markdown_text(r.sha256.substr(0, 12)) + " |\n";
  s += "\n_Generated by " + markdown_text(v.generator.empty() ? std::string("annals") : v.generator) + "._\n";
}

}  // namespace

std::string to_markdown(const jurisdiction_view& v) {
  std::string s;
  const std::string years = year_span(v);
  s += "# " + markdown_text(v.jurisdiction) + " · 法治政府建设情况报告 " + years + "\n\n";
  s += std::to_string(v.reports.size()) + " reports";
  std::size_t across = 0;
  for (const auto& m : v.metrics)
    if (m.points.size() >= 2) ++across;
  s += " · " + std::to_string(across) + " metrics stated in two or more years · " +
       std::to_string(v.inconsistencies.size()) + " inconsistencies · " + std::to_string(v.commitments.size()) +
       " commitments followed (rubric " + markdown_text(v.rubric) + ")\n\n";

  md_inconsistencies(v, s);
  md_growth(v, s);
  md_metrics(v, s);
  md_commitments(v, s);
  md_reports(v, s);
  return s;
}

}  // namespace annals
