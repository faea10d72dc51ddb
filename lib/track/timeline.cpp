// Verdicts as the store keeps them, and the timeline of a jurisdiction's commitments.

#include "track_detail.hpp"

#include "figures/localize_detail.hpp"

#include <annals/markdown.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace annals {

namespace {

using ojson = nlohmann::ordered_json;

double round2(double x) { return std::round(x * 100.0) / 100.0; }

ojson evidence_array(const std::vector<evidence_span>& ev) {
  ojson a = ojson::array();
  for (const auto& e : ev) {
    ojson o;
    o["text"] = e.text;
    o["start"] = e.span.start;
    o["end"] = e.span.end;
    a.push_back(std::move(o));
  }
  return a;
}

std::string dump(const ojson& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace

std::vector<verdict_record> verdict_rows(const tracking& t) {
  std::vector<verdict_record> out;
  for (const auto& c : t.commitments) {
    ojson d;
    d["kind"] = std::string(to_string(c.kind));
    d["ordinal"] = c.ordinal ? ojson(*c.ordinal) : ojson(nullptr);
    d["title"] = c.title;
    d["text"] = c.text;
    if (c.group) d["group"] = *c.group;
    d["carried_into"] = c.carried_into ? ojson(*c.carried_into) : ojson(nullptr);
    d["evidence"] = evidence_array(c.evidence);
    out.push_back({verdict_subject::commitment, c.earlier, c.title.empty() ? c.text : c.title, std::string(to_string(c.status)),
                   round2(c.score), dump(d)});
  }
  std::set<std::string> refs;
  for (const auto& m : t.metrics) {
    // one verdict per metric label: a second figure with the same label gets its fact id
    std::string ref = m.later_label;
    if (!refs.insert(ref).second) ref += "#" + m.later.fact;
    refs.insert(ref);
    ojson d;
    d["unit"] = m.unit;
    d["earlier"] = m.earlier ? ojson(m.earlier->text) : ojson(nullptr);
    d["later"] = m.later.text;
    d["growth_pct"] = m.growth_pct ? ojson(m.growth_pct->to_string(2)) : ojson(nullptr);
    d["stated"] = m.stated ? ojson(m.stated->text) : ojson(nullptr);
    if (!m.reason.empty()) d["reason"] = m.reason;
    if (m.basis != consistency_basis::none) d["basis"] = std::string(to_string(m.basis));
    out.push_back({verdict_subject::metric, ref, m.label, std::string(to_string(m.verdict)), std::nullopt, dump(d)});
  }
  for (const auto& s : t.streaks) {
    ojson d;
    d["earlier"] = s.earlier.to_string();
    d["later"] = s.later.to_string();
    d["unit"] = s.unit;
    out.push_back({verdict_subject::streak, s.label, s.label, std::string(to_string(s.verdict)), std::nullopt, dump(d)});
  }
  for (const auto& f : t.from_to) {
    ojson d;
    d["earlier_to"] = f.earlier_to.to_string();
    d["later_from"] = f.later_from.to_string();
    d["unit"] = f.unit;
    out.push_back({verdict_subject::from_to, f.label, f.label, std::string(to_string(f.verdict)), std::nullopt, dump(d)});
  }
  return out;
}

std::vector<timeline_entry> timeline_entries(const tracking& t, int earlier_year, int later_year) {
  std::vector<timeline_entry> out;
  out.reserve(t.commitments.size());
  for (const auto& c : t.commitments) {
    timeline_entry e;
    e.earlier_year = earlier_year;
    e.later_year = later_year;
    e.commitment = c.earlier;
    e.kind = c.kind;
    e.title = c.title;
    e.text = c.text;
    e.status = c.status;
    e.score = c.score;
    e.rubric = t.rubric;
    e.carried_into = c.carried_into;
    e.evidence = c.evidence;
    out.push_back(std::move(e));
  }
  return out;
}

timeline_entry timeline_entry_from_row(int earlier_year, int later_year, std::string rubric, const verdict_record& row) {
  timeline_entry e;
  e.earlier_year = earlier_year;
  e.later_year = later_year;
  e.commitment = row.ref;
  e.rubric = std::move(rubric);
  e.score = row.score.value_or(0.0);
  const auto st = from_string<track_status>(row.status);
  if (!st) throw input_error("timeline: verdict " + row.ref + ": unknown status '" + row.status + "'");
  e.status = *st;
  nlohmann::json d;
  try {
    d = nlohmann::json::parse(row.evidence_json);
  } catch (const nlohmann::json::exception&) {
    throw input_error("timeline: verdict " + row.ref + ": its details are not JSON");
  }
  if (!d.is_object()) throw input_error("timeline: verdict " + row.ref + ": its details are not a JSON object");
  auto str = [&](const char* k) -> std::string {
    return d.contains(k) && d[k].is_string() ? d[k].get<std::string>() : std::string();
  };
  const std::string kind = str("kind");
  e.kind = kind == "problem" ? commitment_kind::problem
                             : (kind == "plan" ? commitment_kind::plan : commitment_kind::next_step);
  e.title = str("title");
  e.text = str("text");
  if (e.title.empty() && e.text.empty()) e.title = row.label;
  if (d.contains("carried_into") && d["carried_into"].is_string()) e.carried_into = d["carried_into"].get<std::string>();
  if (d.contains("evidence") && d["evidence"].is_array()) {
    for (const auto& x : d["evidence"]) {
      if (!x.is_object()) continue;
      evidence_span s;
      if (x.contains("text") && x["text"].is_string()) s.text = x["text"].get<std::string>();
      if (x.contains("start") && x["start"].is_number_unsigned()) s.span.start = x["start"].get<std::size_t>();
      if (x.contains("end") && x["end"].is_number_unsigned()) s.span.end = x["end"].get<std::size_t>();
      e.evidence.push_back(std::move(s));
    }
  }
  return e;
}

std::vector<std::pair<int, int>> timeline_pairs(const std::vector<timeline_thread>& threads) {
  std::set<std::pair<int, int>> pairs;
  for (const auto& th : threads)
    for (const auto& s : th.steps) pairs.insert({s.earlier_year, s.later_year});
  return {pairs.begin(), pairs.end()};
}

std::string timeline_to_json(const std::vector<timeline_thread>& threads, std::string_view jurisdiction, int indent) {
  ojson j;
  j["schema"] = "annals.timeline/1";
  j["jurisdiction"] = std::string(jurisdiction);
  ojson pairs = ojson::array();
  for (const auto& [a, b] : timeline_pairs(threads)) {
    ojson p;
    p["earlier"] = a;
    p["later"] = b;
    pairs.push_back(std::move(p));
  }
  j["pairs"] = pairs;
  ojson ts = ojson::array();
  for (const auto& th : threads) {
    ojson t;
    t["title"] = th.title;
    t["kind"] = std::string(to_string(th.kind));
    ojson steps = ojson::array();
    for (const auto& s : th.steps) {
      ojson o;
      o["earlier_year"] = s.earlier_year;
      o["later_year"] = s.later_year;
      o["commitment"] = s.commitment;
      o["status"] = std::string(to_string(s.status));
      o["score"] = round2(s.score);
      o["rubric"] = s.rubric;
      o["carried_into"] = s.carried_into ? ojson(*s.carried_into) : ojson(nullptr);
      o["evidence"] = evidence_array(s.evidence);
      steps.push_back(o);
    }
    t["steps"] = steps;
    ts.push_back(t);
  }
  j["threads"] = ts;
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string timeline_to_markdown(const std::vector<timeline_thread>& threads, std::string_view jurisdiction,
                                 report_lang lang) {
  const detail::words w{lang};
  const auto pairs = timeline_pairs(threads);
  std::ostringstream o;
  if (w.zh())
    o << "# " << markdown_text(jurisdiction) << "承诺事项跟踪时间线\n\n";
  else
    o << "# Timeline of " << markdown_text(jurisdiction) << "'s commitments\n\n";
  if (threads.empty()) {
    o << w.t("No tracked commitments.\n", "尚无跟踪的承诺事项。\n");
    return o.str();
  }
  o << w.t("| commitment | kind |", "| 承诺事项 | 类别 |");
  for (const auto& [a, b] : pairs) o << " " << a << "→" << b << " |";
  o << "\n| --- | --- |";
  for (std::size_t i = 0; i < pairs.size(); ++i) o << " --- |";
  o << "\n";
  for (const auto& th : threads) {
    o << "| " << markdown_text(th.title) << " | "
      << (w.zh() ? detail::commitment_kind_zh(th.kind) : to_string(th.kind)) << " |";
    for (const auto& p : pairs) {
      std::string cell;
      for (const auto& s : th.steps)
        if (s.earlier_year == p.first && s.later_year == p.second) cell = w.status(to_string(s.status));
      o << " " << cell << " |";
    }
    o << "\n";
  }
  return o.str();
}

}  // namespace annals
