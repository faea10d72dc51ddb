// annals.tracking/1: a tracking result as JSON (its Markdown rendering is in markdown.cpp).

#include "track_detail.hpp"


#include <nlohmann/json.hpp>

#include <cmath>
#include <map>

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
  j["kind"] = std::string(to_string(id.kind));
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

namespace {

ojson commitment_part_json(const commitment_part& p) {
  ojson q;
  q["text"] = p.text;
  q["weight"] = round2(p.weight);
  q["state"] = std::string(to_string(p.state));
  q["score"] = round2(p.score);
  q["carried"] = p.carried;
  q["evidence"] = p.where ? evidence_json(*p.where) : ojson(nullptr);
  return q;
}

ojson commitment_json(const commitment_verdict& c) {
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
    o["parts"] = array_of(c.parts, commitment_part_json);
    o["done_share"] = round2(c.done_share);
    o["worked_share"] = round2(c.worked_share);
    o["carried_share"] = round2(c.carried_share);
  }
  o["carried_into"] = c.carried_into ? ojson(*c.carried_into) : ojson(nullptr);
  return o;
}

ojson metric_json(const metric_comparison& m) {
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
  if (m.basis != consistency_basis::none) o["basis"] = std::string(to_string(m.basis));
  if (!m.reason.empty()) o["reason"] = m.reason;
  o["similarity"] = m.similarity;
  return o;
}

ojson streak_json(const streak_check& s) {
  ojson o;
  o["label"] = s.label;
  o["earlier"] = s.earlier.to_string();
  o["later"] = s.later.to_string();
  o["verdict"] = std::string(to_string(s.verdict));
  o["unit"] = s.unit;
  o["earlier_change"] = s.earlier_change;
  o["later_change"] = s.later_change;
  return o;
}

ojson from_to_json(const from_to_check& f) {
  ojson o;
  o["label"] = f.label;
  o["earlier_to"] = f.earlier_to.to_string();
  o["later_from"] = f.later_from.to_string();
  o["verdict"] = std::string(to_string(f.verdict));
  o["unit"] = f.unit;
  o["earlier_change"] = f.earlier_change;
  o["later_change"] = f.later_change;
  return o;
}

ojson parts_json(const parts_check& p) {
  ojson o;
  o["report"] = std::string(to_string(p.report));
  o["kind"] = std::string(to_string(p.kind));
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
}

ojson prior_json(const implied_prior& p) {
  ojson o;
  o["change"] = p.change;
  o["fact"] = p.fact;
  o["label"] = p.label;
  o["unit"] = p.unit;
  o["value"] = p.value.to_string(2);
  o["lo"] = p.lo ? ojson(p.lo->to_string(2)) : ojson(nullptr);
  o["hi"] = p.hi ? ojson(p.hi->to_string(2)) : ojson(nullptr);
  return o;
}

ojson target_json(const target_progress& g) {
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
}

ojson finding_json(const plan_finding& f) {
  ojson o;
  o["code"] = f.code;
  o["message"] = f.message;
  o["plan_value"] = f.plan_value ? ojson(*f.plan_value) : ojson(nullptr);
  o["report_value"] = f.report_value ? ojson(*f.report_value) : ojson(nullptr);
  o["commitment"] = f.commitment ? ojson(*f.commitment) : ojson(nullptr);
  return o;
}

/// The counts of statuses and verdicts, in a fixed order.
ojson summary_json(const tracking& t) {
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
  return summary;
}

}  // namespace

std::string to_json(const tracking& t, int indent) {
  ojson j;
  j["schema"] = std::string(tracking_schema);
  j["rubric"] = t.rubric;
  j["earlier"] = identity(t.earlier);
  j["later"] = identity(t.later);
  j["commitments"] = array_of(t.commitments, commitment_json);
  j["metrics"] = array_of(t.metrics, metric_json);
  j["streaks"] = array_of(t.streaks, streak_json);
  j["from_to"] = array_of(t.from_to, from_to_json);
  j["parts"] = array_of(t.parts, parts_json);
  j["implied_priors"] = array_of(t.implied_priors, prior_json);
  j["targets"] = array_of(t.targets, target_json);
  j["plan_findings"] = array_of(t.plan_findings, finding_json);
  j["warnings"] = t.warnings;
  j["summary"] = summary_json(t);
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace annals
