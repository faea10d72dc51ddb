// annals.tracking/1 JSON and the Markdown rendering of a tracking result.

#include "track_detail.hpp"

#include <annals/markdown.hpp>
#include <annals/range_text.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <sstream>

namespace annals {

namespace {

using ojson = nlohmann::ordered_json;

double round2(double x) { return std::round(x * 100.0) / 100.0; }

ojson dec(const std::optional<decimal>& d) { return d ? ojson(d->to_string()) : ojson(nullptr); }

ojson identity(const tracked_identity& id) {
  ojson j;
  j["sha256"] = id.sha256;
  j["jurisdiction"] = id.jurisdiction ? ojson(*id.jurisdiction) : ojson(nullptr);
  j["year"] = id.year ? ojson(*id.year) : ojson(nullptr);
  j["kind"] = id.kind;
  j["name"] = id.name;
  return j;
}

ojson evidence_json(const evidence_span& e) {
  ojson j;
  j["text"] = e.text;
  j["start"] = e.span.start;
  j["end"] = e.span.end;
  return j;
}

ojson side(const metric_side& s) {
  ojson j;
  j["fact"] = s.fact;
  j["value"] = s.value.to_string();
  j["lo"] = dec(s.bounds.lo);
  j["hi"] = dec(s.bounds.hi);
  j["text"] = s.text;
  return j;
}

template <typename T, typename F>
ojson array_of(const std::vector<T>& v, F f) {
  ojson a = ojson::array();
  for (const auto& x : v) a.push_back(f(x));
  return a;
}

}  // namespace

std::string to_json(const tracking& t, int indent) {
  ojson j;
  j["schema"] = std::string(tracking_schema);
  j["rubric"] = t.rubric;
  j["earlier"] = identity(t.earlier);
  j["later"] = identity(t.later);
  j["commitments"] = array_of(t.commitments, [](const commitment_verdict& c) {
    ojson o;
    o["earlier"] = c.earlier;
    o["kind"] = std::string(to_string(c.kind));
    o["ordinal"] = c.ordinal ? ojson(*c.ordinal) : ojson(nullptr);
    o["title"] = c.title;
    o["text"] = c.text;
    if (c.group) o["group"] = *c.group;
    o["status"] = std::string(to_string(c.status));
    o["score"] = round2(c.score);
    o["evidence"] = array_of(c.evidence, evidence_json);
    if (!c.parts.empty()) {
      o["parts"] = array_of(c.parts, [](const commitment_part& p) {
        ojson q;
        q["text"] = p.text;
        q["weight"] = round2(p.weight);
        q["state"] = std::string(to_string(p.state));
        q["score"] = round2(p.score);
        q["carried"] = p.carried;
        q["evidence"] = p.where ? evidence_json(*p.where) : ojson(nullptr);
        return q;
      });
      o["done_share"] = round2(c.done_share);
      o["worked_share"] = round2(c.worked_share);
      o["carried_share"] = round2(c.carried_share);
    }
    o["carried_into"] = c.carried_into ? ojson(*c.carried_into) : ojson(nullptr);
    return o;
  });
  j["metrics"] = array_of(t.metrics, [](const metric_comparison& m) {
    ojson o;
    o["label"] = m.label;
    o["later_label"] = m.later_label;
    o["unit"] = m.unit;
    o["earlier"] = m.earlier ? side(*m.earlier) : ojson(nullptr);
    o["later"] = side(m.later);
    o["growth_pct"] = m.growth_pct ? ojson(m.growth_pct->to_string(2)) : ojson(nullptr);
    o["growth_pct_lo"] = m.growth_pct_lo ? ojson(m.growth_pct_lo->to_string(2)) : ojson(nullptr);
    o["growth_pct_hi"] = m.growth_pct_hi ? ojson(m.growth_pct_hi->to_string(2)) : ojson(nullptr);
    if (m.change_pp) {
      o["change_pp"] = m.change_pp->to_string();
      o["change_pp_lo"] = dec(m.change_pp_lo);
      o["change_pp_hi"] = dec(m.change_pp_hi);
    }
    if (m.stated) {
      ojson s;
      s["change"] = m.stated->change;
      s["kind"] = std::string(to_string(m.stated->kind));
      s["value"] = m.stated->value.to_string();
      s["text"] = m.stated->text;
      o["stated"] = s;
    } else {
      o["stated"] = nullptr;
    }
    o["verdict"] = std::string(to_string(m.verdict));
    if (!m.basis.empty()) o["basis"] = m.basis;
    if (!m.reason.empty()) o["reason"] = m.reason;
    o["similarity"] = m.similarity;
    return o;
  });
  j["streaks"] = array_of(t.streaks, [](const streak_check& s) {
    ojson o;
    o["label"] = s.label;
    o["earlier"] = s.earlier.to_string();
    o["later"] = s.later.to_string();
    o["verdict"] = std::string(to_string(s.verdict));
    o["unit"] = s.unit;
    o["earlier_change"] = s.earlier_change;
    o["later_change"] = s.later_change;
    return o;
  });
  j["from_to"] = array_of(t.from_to, [](const from_to_check& f) {
    ojson o;
    o["label"] = f.label;
    o["earlier_to"] = f.earlier_to.to_string();
    o["later_from"] = f.later_from.to_string();
    o["verdict"] = std::string(to_string(f.verdict));
    o["unit"] = f.unit;
    o["earlier_change"] = f.earlier_change;
    o["later_change"] = f.later_change;
    return o;
  });
  j["parts"] = array_of(t.parts, [](const parts_check& p) {
    ojson o;
    o["report"] = p.report;
    o["kind"] = p.kind;
    o["label"] = p.label;
    o["base_label"] = p.base_label;
    o["part_fact"] = p.part_fact;
    o["base_fact"] = p.base_fact;
    o["stated_text"] = p.stated_text;
    o["stated"] = p.stated.to_string();
    o["computed_lo"] = p.computed_lo ? ojson(p.computed_lo->to_string(2)) : ojson(nullptr);
    o["computed_hi"] = p.computed_hi ? ojson(p.computed_hi->to_string(2)) : ojson(nullptr);
    o["verdict"] = std::string(to_string(p.verdict));
    return o;
  });
  j["implied_priors"] = array_of(t.implied_priors, [](const implied_prior& p) {
    ojson o;
    o["change"] = p.change;
    o["fact"] = p.fact;
    o["label"] = p.label;
    o["unit"] = p.unit;
    o["value"] = p.value.to_string(2);
    o["lo"] = p.lo ? ojson(p.lo->to_string(2)) : ojson(nullptr);
    o["hi"] = p.hi ? ojson(p.hi->to_string(2)) : ojson(nullptr);
    return o;
  });
  j["targets"] = array_of(t.targets, [](const target_progress& g) {
    ojson o;
    o["source"] = g.source;
    o["label"] = g.label;
    o["unit"] = g.unit;
    o["target"] = g.target.to_string();
    o["deadline"] = g.deadline ? ojson(g.deadline->to_iso()) : ojson(nullptr);
    o["baseline"] = dec(g.baseline);
    o["baseline_year"] = g.baseline_year ? ojson(*g.baseline_year) : ojson(nullptr);
    o["current"] = dec(g.current);
    o["current_year"] = g.current_year ? ojson(*g.current_year) : ojson(nullptr);
    o["current_fact"] = g.current_fact ? ojson(*g.current_fact) : ojson(nullptr);
    o["actual_rate"] = dec(g.actual_rate);
    o["required_rate"] = dec(g.required_rate);
    o["ratio"] = dec(g.ratio);
    o["status"] = std::string(to_string(g.status));
    return o;
  });
  j["plan_findings"] = array_of(t.plan_findings, [](const plan_finding& f) {
    ojson o;
    o["code"] = f.code;
    o["message"] = f.message;
    o["plan_value"] = f.plan_value ? ojson(*f.plan_value) : ojson(nullptr);
    o["report_value"] = f.report_value ? ojson(*f.report_value) : ojson(nullptr);
    o["commitment"] = f.commitment ? ojson(*f.commitment) : ojson(nullptr);
    return o;
  });
  j["warnings"] = t.warnings;
  // counts, in a fixed order
  ojson summary;
  ojson cs;
  for (auto s : {track_status::fulfilled, track_status::carried_over, track_status::in_progress,
                 track_status::not_reported, track_status::persisting, track_status::addressed}) {
    int n = 0;
    for (const auto& c : t.commitments) n += c.status == s ? 1 : 0;
    cs[std::string(to_string(s))] = n;
  }
  summary["commitments"] = cs;
  ojson ms;
  for (auto v : {metric_verdict::consistent, metric_verdict::inconsistent, metric_verdict::unverifiable,
                 metric_verdict::not_stated}) {
    int n = 0;
    for (const auto& m : t.metrics) n += m.verdict == v ? 1 : 0;
    ms[std::string(to_string(v))] = n;
  }
  summary["metrics"] = ms;
  j["summary"] = summary;
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// ---- Markdown ----------------------------------------------------------------------------------

namespace {

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
  if (id.kind == "plan") s += " plan";
  return s;
}

/// "1.25…3.50", "−∞…3.50": a computed range in the Markdown of a tracking.
std::string range(const std::optional<decimal>& lo, const std::optional<decimal>& hi) {
  static constexpr range_style style{.between = "…", .digits = 2};
  return range_text(lo, hi, {}, style);
}

}  // namespace

std::string to_markdown(const tracking& t) {
  // Every piece of text from a report, a plan or a file name goes through markdown_text; only
  // what this function writes itself (headings, numbers, enum names) is written as it is.
  const auto md = [](std::string_view s) { return markdown_text(s); };
  std::ostringstream o;
  o << "# Tracking " << who(t.earlier) << " → " << who(t.later) << "\n\n";
  o << "Rubric " << md(t.rubric) << ". Earlier: " << (t.earlier.name.empty() ? "(unnamed)" : md(t.earlier.name))
    << "; later: " << (t.later.name.empty() ? "(unnamed)" : md(t.later.name)) << ".\n\n";

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
      o << "- " << (p.kind == "share" ? "Share" : "Multiple") << " in the " << md(p.report) << " report: “"
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

  if (!t.metrics.empty()) {
    o << "## Figures\n\n| metric | earlier | later | growth % (range) | stated | verdict |\n";
    o << "| --- | --- | --- | --- | --- | --- |\n";
    for (const auto& m : t.metrics) {
      std::string g = m.growth_pct ? m.growth_pct->to_string(2) : std::string("—");
      if (m.growth_pct_lo || m.growth_pct_hi) g += " (" + range(m.growth_pct_lo, m.growth_pct_hi) + ")";
      std::string v(to_string(m.verdict));
      if (!m.basis.empty() && m.basis != "rounding") v += " (" + m.basis + ")";
      if (!m.reason.empty() && m.verdict == metric_verdict::unverifiable) v += ": " + m.reason;
      o << "| " << md(m.later_label) << " | " << md(m.earlier ? m.earlier->text : "—") << " | " << md(m.later.text)
        << " | " << g << " | " << md(m.stated ? m.stated->text : "—") << " | " << md(v) << " |\n";
    }
    o << "\n";
  }

  if (!t.streaks.empty() || !t.from_to.empty() || !t.parts.empty()) {
    o << "## Streaks, chains and parts\n\n";
    for (const auto& s : t.streaks)
      o << "- Streak " << md(s.label) << ": " << s.earlier.to_string() << " → " << s.later.to_string() << md(s.unit)
        << ", " << to_string(s.verdict) << "\n";
    for (const auto& f : t.from_to)
      o << "- Chain " << md(f.label) << ": earlier ended at " << f.earlier_to.to_string() << md(f.unit)
        << ", later starts from " << f.later_from.to_string() << md(f.unit) << ", " << to_string(f.verdict) << "\n";
    for (const auto& p : t.parts)
      o << "- " << md(p.kind) << " (" << md(p.report) << ") “" << md(p.stated_text) << "”: parts give "
        << range(p.computed_lo, p.computed_hi) << ", " << to_string(p.verdict) << "\n";
    o << "\n";
  }

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
  return o.str();
}

}  // namespace annals
