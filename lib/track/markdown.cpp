// The Markdown rendering of a tracking result (to_markdown in track.hpp), one function per
// section. Every piece of text from a report, a plan or a file name goes through markdown_text;
// only what these functions write themselves (headings, numbers, enum names) is written as it is.

#include "track_detail.hpp"

#include <annals/markdown.hpp>
#include <annals/range_text.hpp>

#include <sstream>

namespace annals {

namespace {

std::string md(std::string_view s) { return markdown_text(s); }

std::string fmt_score(double x) {
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(2);
  o << x;
  return o.str();
}

/// "成都市 2024" (or "… plan"), escaped: the jurisdiction is report text.
std::string who(const tracked_identity& id) {
  std::string s = markdown_text(id.jurisdiction.value_or("?"));
  s += " " + (id.year ? std::to_string(*id.year) : std::string("?"));
  if (id.kind == tracked_kind::plan) s += " plan";
  return s;
}

/// "1.25…3.50", "−∞…3.50": a computed range in the Markdown of a tracking.
std::string range(const std::optional<decimal>& lo, const std::optional<decimal>& hi) {
  static constexpr range_style style{.between = "…", .digits = 2};
  return range_text(lo, hi, {}, style);
}


/// Everything found inconsistent first: figures, streaks, chains, parts, plan counts.
void inconsistencies_section(const tracking& t, std::ostream& o) {
  o << "## Inconsistencies\n\n";
  std::size_t n = 0;
  for (const auto& m : t.metrics) {
    if (m.verdict != metric_verdict::inconsistent) continue;
    ++n;
    o << "- **" << md(m.later_label) << "** (" << md(m.unit) << "): " << md(m.earlier ? m.earlier->text : "?")
      << " → " << md(m.later.text) << ", stated “" << md(m.stated ? m.stated->text : "") << "”; " << md(m.reason)
      << ".\n";
  }
  for (const auto& s : t.streaks)
    if (s.verdict == metric_verdict::inconsistent) {
      ++n;
      o << "- Streak **" << md(s.label) << "**: " << s.earlier.to_string() << " → " << s.later.to_string() << " "
        << md(s.unit) << ".\n";
    }
  for (const auto& f : t.from_to)
    if (f.verdict == metric_verdict::inconsistent) {
      ++n;
      o << "- Chain **" << md(f.label) << "**: the earlier report ended at " << f.earlier_to.to_string() << md(f.unit)
        << ", the later one starts from " << f.later_from.to_string() << md(f.unit) << ".\n";
    }
  for (const auto& p : t.parts)
    if (p.verdict == metric_verdict::inconsistent) {
      ++n;
      o << "- " << (p.kind == parts_kind::share ? "Share" : "Multiple") << " in the " << to_string(p.report) << " report: “"
        << md(p.stated_text) << "” of **" << md(p.base_label) << "**, the parts give "
        << range(p.computed_lo, p.computed_hi) << ".\n";
    }
  for (const auto& f : t.plan_findings)
    if (f.code == "group_count_mismatch" || f.code == "task_count_mismatch") {
      ++n;
      o << "- Plan: " << md(f.message) << ".\n";
    }
  if (n == 0) o << "None found.\n";
  o << "\n";

}

void commitments_section(const tracking& t, std::ostream& o) {
  o << "## Commitments\n\n";
  if (t.commitments.empty()) {
    o << "The earlier side states no commitments.\n\n";
  } else {
    o << "| id | kind | commitment | status | score | evidence in the later report |\n";
    o << "| --- | --- | --- | --- | --- | --- |\n";
    for (const auto& c : t.commitments) {
      std::string what = c.title.empty() ? c.text : c.title;
      if (c.group) what = *c.group + ": " + what;
      std::string ev;
      for (const auto& e : c.evidence) {
        if (!ev.empty()) ev += " / ";
        ev += "“" + e.text + "” [" + std::to_string(e.span.start) + "," + std::to_string(e.span.end) + ")";
      }
      if (c.status == track_status::in_progress && c.done_share > 0) ev += " (part done)";
      o << "| " << md(c.earlier) << " | " << to_string(c.kind) << " | " << md(what) << " | " << to_string(c.status)
        << " | " << fmt_score(c.score) << " | " << md(ev) << " |\n";
    }
    o << "\n";
  }

}

void figures_section(const tracking& t, std::ostream& o) {
  if (!t.metrics.empty()) {
    o << "## Figures\n\n| metric | earlier | later | growth % (range) | stated | verdict |\n";
    o << "| --- | --- | --- | --- | --- | --- |\n";
    for (const auto& m : t.metrics) {
      std::string g = m.growth_pct ? m.growth_pct->to_string(2) : std::string("—");
      if (m.growth_pct_lo || m.growth_pct_hi) g += " (" + range(m.growth_pct_lo, m.growth_pct_hi) + ")";
      std::string v(to_string(m.verdict));
      if (m.basis == consistency_basis::truncation) v += " (" + std::string(to_string(m.basis)) + ")";
      if (!m.reason.empty() && m.verdict == metric_verdict::unverifiable) v += ": " + m.reason;
      o << "| " << md(m.later_label) << " | " << md(m.earlier ? m.earlier->text : "—") << " | " << md(m.later.text)
        << " | " << g << " | " << md(m.stated ? m.stated->text : "—") << " | " << md(v) << " |\n";
    }
    o << "\n";
  }

}

void streaks_chains_parts_section(const tracking& t, std::ostream& o) {
  if (!t.streaks.empty() || !t.from_to.empty() || !t.parts.empty()) {
    o << "## Streaks, chains and parts\n\n";
    for (const auto& s : t.streaks)
      o << "- Streak " << md(s.label) << ": " << s.earlier.to_string() << " → " << s.later.to_string() << md(s.unit)
        << ", " << to_string(s.verdict) << "\n";
    for (const auto& f : t.from_to)
      o << "- Chain " << md(f.label) << ": earlier ended at " << f.earlier_to.to_string() << md(f.unit)
        << ", later starts from " << f.later_from.to_string() << md(f.unit) << ", " << to_string(f.verdict) << "\n";
    for (const auto& p : t.parts)
      o << "- " << to_string(p.kind) << " (" << to_string(p.report) << ") “" << md(p.stated_text) << "”: parts give "
        << range(p.computed_lo, p.computed_hi) << ", " << to_string(p.verdict) << "\n";
    o << "\n";
  }

}

void targets_section(const tracking& t, std::ostream& o) {
  if (!t.targets.empty()) {
    o << "## Targets\n\n| source | target | baseline | current | ratio | status |\n| --- | --- | --- | --- | --- | --- |\n";
    for (const auto& g : t.targets) {
      o << "| " << md(g.source) << " | " << md(g.label) << " " << g.target.to_string() << md(g.unit)
        << (g.deadline ? " by " + g.deadline->to_iso() : std::string()) << " | "
        << (g.baseline ? g.baseline->to_string() + (g.baseline_year ? " (" + std::to_string(*g.baseline_year) + ")" : "")
                       : std::string("—"))
        << " | " << (g.current ? g.current->to_string() : std::string("—")) << " | "
        << (g.ratio ? g.ratio->to_string(2) + "%" : std::string("—")) << " | " << to_string(g.status) << " |\n";
    }
    o << "\n";
  }

}

/// The implied prior-year figures, the plan's other findings, the warnings.
void notes_section(const tracking& t, std::ostream& o) {
  if (!t.implied_priors.empty()) {
    o << "## Prior-year figures implied by the later report\n\n";
    for (const auto& p : t.implied_priors)
      o << "- " << md(p.label) << ": about " << p.value.to_string(2) << md(p.unit) << " (" << range(p.lo, p.hi) << ")\n";
    o << "\n";
  }
  bool plan_notes = false;
  for (const auto& f : t.plan_findings)
    if (f.code != "group_count_mismatch" && f.code != "task_count_mismatch") plan_notes = true;
  if (plan_notes) {
    o << "## Plan\n\n";
    for (const auto& f : t.plan_findings)
      if (f.code != "group_count_mismatch" && f.code != "task_count_mismatch") o << "- " << md(f.message) << "\n";
    o << "\n";
  }
  if (!t.warnings.empty()) {
    o << "## Warnings\n\n";
    for (const auto& w : t.warnings) o << "- " << md(w) << "\n";
    o << "\n";
  }
}

}  // namespace

std::string to_markdown(const tracking& t) {
  std::ostringstream o;
  o << "# Tracking " << who(t.earlier) << " → " << who(t.later) << "\n\n";
  o << "Rubric " << md(t.rubric) << ". Earlier: " << (t.earlier.name.empty() ? "(unnamed)" : md(t.earlier.name))
    << "; later: " << (t.later.name.empty() ? "(unnamed)" : md(t.later.name)) << ".\n\n";
  inconsistencies_section(t, o);
  commitments_section(t, o);
  figures_section(t, o);
  streaks_chains_parts_section(t, o);
  targets_section(t, o);
  notes_section(t, o);
  return o.str();
}

}  // namespace annals
