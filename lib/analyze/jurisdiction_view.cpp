// metric_histories() and build_jurisdiction_view(): what the store knows about one jurisdiction,
// as plain values for the renderings and the `annals yoy --db` / `annals report` commands.

#include "analyze/evidence_detail.hpp"

#include <annals/growth.hpp>
#include <annals/html_report.hpp>
#include <annals/version.hpp>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace annals {

track_options track_options_from(const store& db) {
  track_options o;
  for (const auto& e : db.aliases(alias_scope::user))
    if (auto a = split_metric_key(e.alias)) o.aliases.emplace_back(a->label, e.metric);
  return o;
}

std::optional<metric_verdict> metric_history::worst_verdict() const noexcept {
  auto rank = [](metric_verdict v) {
    switch (v) {
      case metric_verdict::inconsistent: return 3;
      case metric_verdict::unverifiable: return 2;
      case metric_verdict::consistent: return 1;
      case metric_verdict::not_stated: return 0;
    }
    return 0;
  };
  std::optional<metric_verdict> w;
  for (const auto& p : points)
    if (p.verdict && (!w || rank(*p.verdict) > rank(*w))) w = p.verdict;
  return w;
}

namespace {

/// The tracker's result on one pair of consecutive years.
struct pair_result {
  int earlier_year = 0;
  int later_year = 0;
  report_id earlier;
  report_id later;
  tracking t;
};

std::vector<pair_result> track_pairs(const store& db, const std::vector<report_summary>& yearly, bool commitments) {
  std::vector<pair_result> out;
  if (yearly.size() < 2) return out;
  track_options opts = track_options_from(db);
  opts.rate_commitments = commitments;  // the figures are the same either way
  std::optional<prepared_report> prev;  // the later report of the pair before: prepared once
  for (std::size_t i = 0; i + 1 < yearly.size(); ++i) {
    const auto& a = yearly[i];
    const auto& b = yearly[i + 1];
    if (b.year->value() - a.year->value() != 1) {
      prev.reset();
      continue;
    }
    prepared_report earlier = prev ? std::move(*prev) : prepared_report(db.load_report(a.id));
    prepared_report later(db.load_report(b.id));
    pair_result pr;
    pr.earlier_year = a.year->value();
    pr.later_year = b.year->value();
    pr.earlier = a.id;
    pr.later = b.id;
    pr.t = track(earlier, later, opts);
    out.push_back(std::move(pr));
    prev = std::move(later);
  }
  return out;
}

/// The stated change as a quantity in % (or pp), rounded to its last written digit.
quantity stated_quantity(const decimal& signed_value, qualifier q, std::string unit) {
  quantity s;
  s.value = signed_value;
  s.unit = std::move(unit);
  s.qual = q;
  s.last_digit = -signed_value.scale();
  s.approximate = true;
  return s;
}

/// The first growth or percentage-point change the report ties to the figure (not 环比).
const change* stated_change_of(const series_point& p) {
  for (const auto& c : p.changes) {
    if (!c.value || c.basis == growth_basis::mom) continue;
    if (c.kind == change_kind::growth_pct || c.kind == change_kind::pp) return &c;
  }
  return nullptr;
}

yoy_point make_point(const series_point& sp) {
  yoy_point p;
  p.year = sp.year.value();
  p.fact = sp.value.id;
  p.text = sp.value.text;
  p.value = sp.value.q.value;
  p.bounds = sp.value.q.bounds();
  p.in_pp = sp.value.q.unit == "%";
  return p;
}

/// The growth the tracker computed from the same two figures (`seen`: its comparison of the
/// point's figure with the one before it), so it is not computed twice. False when the tracker
/// did not compute it (figures it could not compare, such as a period word on one of them).
bool take_growth(yoy_point& p, const metric_comparison& seen) {
  if (p.in_pp) {
    if (!seen.change_pp) return false;
    p.growth_pct = seen.change_pp;
    p.growth_lo = seen.change_pp_lo;
    p.growth_hi = seen.change_pp_hi;
    return true;
  }
  if (!seen.growth_pct) return false;
  p.growth_pct = seen.growth_pct;
  p.growth_lo = seen.growth_pct_lo;
  p.growth_hi = seen.growth_pct_hi;
  return true;
}

void compute_growth(yoy_point& p, const series_point& prev, const series_point& cur) {
  const quantity& e = prev.value.q;
  const quantity& l = cur.value.q;
  if (p.in_pp) {
    p.growth_pct = pp_change(e.value, l.value).value;
    const range_result r = pp_range(e, l);
    if (r.ok()) {
      p.growth_lo = r.value.lo;
      p.growth_hi = r.value.hi;
    }
    return;
  }
  const auto g = yoy_growth(e.value, l.value);
  if (g.ok()) p.growth_pct = g.value.value;
  const range_result r = growth_range(e, l);
  if (r.ok()) {
    p.growth_lo = r.value.lo;
    p.growth_hi = r.value.hi;
  }
}

/// The verdict on the point from its own two figures. `tracked`: the tracker's comparison of the
/// same two figures, whose verdict and reason replace this one's (histories()), so the check of
/// the stated change against the figures is not made again.
void judge(yoy_point& p, const series_point* prev, const series_point& cur, const metric_comparison* tracked) {
  const change* c = stated_change_of(cur);
  if (!c) {
    if (p.growth_pct) p.verdict = metric_verdict::not_stated;
    return;
  }
  decimal v = *c->value;
  if (c->dir == direction::down && !v.is_negative()) v = -v;
  p.stated = v;
  p.stated_kind = c->kind;
  p.stated_text = c->text;
  const bool pp = c->kind == change_kind::pp;
  const quantity sq = stated_quantity(v, c->qual, pp ? "pp" : "%");
  if (cur.value.cumulative || cur.value.average) {
    p.verdict = metric_verdict::unverifiable;
    p.reason = std::string(cur.value.cumulative ? "累计" : "平均") + " figure: not a yearly value";
    return;
  }
  if (!prev) {
    p.verdict = metric_verdict::unverifiable;
    p.reason = "no " + std::to_string(p.year - 1) + " figure in the store";
    if (!pp) {
      const range_result r = implied_prior_range(cur.value.q, sq);
      if (r.ok()) {
        p.implied_prior_lo = r.value.lo;
        p.implied_prior_hi = r.value.hi;
      }
    }
    return;
  }
  if (pp != p.in_pp) {
    p.verdict = metric_verdict::unverifiable;
    p.reason = pp ? "percentage points stated for a figure that is not a percentage"
                  : "relative growth stated for a percentage (expected percentage points)";
    return;
  }
  if (tracked) return;
  const consistency k = pp ? check_pp(prev->value.q, cur.value.q, sq) : check_growth(prev->value.q, cur.value.q, sq);
  p.verdict = k.verdict;  // one enum: the check's verdict is the point's
  p.reason = k.reason;
  if (k.verdict == consistency_verdict::consistent && k.needs_truncation)
    p.reason = "consistent only if the stated figure was truncated, not rounded";
  else if (k.verdict == consistency_verdict::consistent)
    p.reason.clear();
}

/// The tracker's comparisons by the later report and figure they are about, so that a point
/// finds its own in O(1) instead of scanning every comparison of every pair.
class tracker_index {
 public:
  explicit tracker_index(const std::vector<pair_result>& pairs) {
    for (const auto& pr : pairs)
      for (const auto& m : pr.t.metrics) by_later_[{pr.later.value, m.later.fact}].push_back({&pr, &m});
  }

  /// The tracker's verdict on the same two figures, when it compared them: the first comparison
  /// (pairs in order, then the tracker's order) of the point's figure with the point before it.
  [[nodiscard]] const metric_comparison* match(const series_point* prev, const series_point& cur) const {
    const auto it = by_later_.find({cur.report.value, cur.value.id});
    if (it == by_later_.end()) return nullptr;
    for (const auto& [pr, m] : it->second) {
      if (prev) {
        if (pr->earlier != prev->report || !m->earlier || m->earlier->fact != prev->value.id) continue;
      } else if (m->earlier) {
        continue;
      }
      return m;
    }
    return nullptr;
  }

 private:
  std::map<std::pair<std::int64_t, std::string>, std::vector<std::pair<const pair_result*, const metric_comparison*>>>
      by_later_;
};

std::vector<metric_history> histories(const store& db, std::string_view jurisdiction, const history_options& o,
                                      const std::vector<pair_result>& pairs) {
  std::vector<metric_history> out;
  const tracker_index tracked(pairs);
  for (const metric_series& s : db.all_series(jurisdiction)) {
    const std::string& key = s.metric;
    const auto name = split_metric_key(key);
    metric_history h;
    h.jurisdiction = std::string(jurisdiction);
    h.metric = key;
    h.label = name ? name->label : key;
    h.unit = name ? name->unit : std::string();
    if (!o.metric_contains.empty() && key.find(o.metric_contains) == std::string::npos) continue;
    if (s.points.empty()) continue;
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      const auto& cur = s.points[i];
      yoy_point p = make_point(cur);
      const series_point* prev = nullptr;
      if (i > 0 && s.points[i - 1].year.value() + 1 == cur.year.value()) prev = &s.points[i - 1];
      // the tracker's comparison of the two figures, when it made one: its growth, and its
      // verdict when a change is stated
      const metric_comparison* seen = o.use_tracker ? tracked.match(prev, cur) : nullptr;
      if (prev && !(seen && take_growth(p, *seen))) compute_growth(p, *prev, cur);
      const metric_comparison* m = stated_change_of(cur) ? seen : nullptr;
      judge(p, prev, cur, m);
      if (m) {
        p.verdict = m->verdict;
        p.reason = m->verdict == metric_verdict::consistent
                       ? (m->basis == consistency_basis::truncation ? "consistent only if the stated figure was truncated, not rounded"
                                                   : std::string())
                       : m->reason;
      }
      h.points.push_back(std::move(p));
    }
    out.push_back(std::move(h));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const metric_history& a, const metric_history& b) { return a.label < b.label; });
  return out;
}

std::string growth_found(const yoy_point& prev_or_empty_prev, const yoy_point& p, bool has_prev) {
  std::string f;
  if (p.growth_pct) f = p.growth_pct->to_string(2) + (p.in_pp ? " pp" : "%");
  if (has_prev) f += (f.empty() ? "" : " ") + std::string("(") + prev_or_empty_prev.text + " → " + p.text + ")";
  if (p.growth_lo || p.growth_hi) {
    f += "; the figures allow ";
    f += p.growth_lo ? p.growth_lo->to_string(2) : std::string("−∞");
    f += " to ";
    f += p.growth_hi ? p.growth_hi->to_string(2) : std::string("∞");
    f += p.in_pp ? " pp" : "%";
  }
  return f;
}

}  // namespace

std::vector<metric_history> metric_histories(const store& db, std::string_view jurisdiction,
                                             const history_options& options) {
  std::vector<pair_result> pairs;
  const auto snap = db.snapshot();  // one state of the store for the years, the reports and the series
  // the histories read only the tracker's figures: its commitments are not rated
  if (options.use_tracker) pairs = track_pairs(db, db.yearly(jurisdiction).by_year, false);
  return histories(db, jurisdiction, options, pairs);
}

namespace {

/// The inconsistent stated changes of the metric series; `seen` gets each (year, later fact,
/// stated text), so that the tracker's own findings do not repeat them.
void series_inconsistencies(const std::vector<metric_history>& metrics, std::vector<inconsistency>& out,
                            std::set<std::tuple<int, std::string, std::string>>& seen) {
  for (const auto& m : metrics) {
    for (std::size_t i = 0; i < m.points.size(); ++i) {
      const auto& p = m.points[i];
      if (!p.verdict || *p.verdict != metric_verdict::inconsistent) continue;
      const bool has_prev = i > 0 && m.points[i - 1].year + 1 == p.year;
      inconsistency x;
      x.year = p.year;
      x.kind = p.stated_kind == change_kind::pp ? "pp" : "growth";
      x.label = m.label;
      x.stated = p.stated_text;
      x.found = growth_found(has_prev ? m.points[i - 1] : p, p, has_prev);
      x.reason = p.reason;
      x.quote = quote_id(p.year, p.fact);
      seen.emplace(p.year, p.fact, p.stated_text);
      out.push_back(std::move(x));
    }
  }
}

/// What only the tracker sees, each once: figures the series did not pair, streaks, chains, parts.
class tracker_inconsistencies {
 public:
  tracker_inconsistencies(std::vector<inconsistency>& out, const std::set<std::tuple<int, std::string, std::string>>& seen)
      : out_(out), seen_(seen) {}

  void add_pair(const pair_result& pr) {
    metrics(pr);
    for (const auto& s : pr.t.streaks) {
      if (s.verdict != metric_verdict::inconsistent) continue;
      add({pr.later_year, "streak", s.label, "连续" + s.later.to_string() + s.unit,
           std::to_string(pr.earlier_year) + " said 连续" + s.earlier.to_string() + s.unit,
           "a streak should grow by one a year", {}});
    }
    for (const auto& c : pr.t.from_to) {
      if (c.verdict != metric_verdict::inconsistent) continue;
      add({pr.later_year, "from_to", c.label, "from " + c.later_from.to_string() + c.unit,
           std::to_string(pr.earlier_year) + " ended at " + c.earlier_to.to_string() + c.unit,
           "the chain does not start where the previous year's ended", {}});
    }
    parts(pr);
  }

 private:
  void add(inconsistency x) {
    if (seen_other_.emplace(x.year, x.kind, x.label, x.stated).second) out_.push_back(std::move(x));
  }

  void metrics(const pair_result& pr) {
    for (const auto& m : pr.t.metrics) {
      if (m.verdict != metric_verdict::inconsistent) continue;
      const std::string stated = m.stated ? m.stated->text : std::string();
      if (seen_.count({pr.later_year, m.later.fact, stated})) continue;
      inconsistency x;
      x.year = pr.later_year;
      x.kind = m.stated && m.stated->kind == change_kind::pp ? "pp" : "growth";
      x.label = m.later_label.empty() ? m.label : m.later_label;
      x.stated = stated;
      if (m.growth_pct) x.found = m.growth_pct->to_string(2) + "%";
      if (m.earlier) x.found += (x.found.empty() ? "" : " ") + ("(" + m.earlier->text + " → " + m.later.text + ")");
      x.reason = m.reason;
      x.quote = quote_id(pr.later_year, m.later.fact);
      add(std::move(x));
    }
  }

  void parts(const pair_result& pr) {
    for (const auto& p : pr.t.parts) {
      if (p.verdict != metric_verdict::inconsistent) continue;
      const int year = p.report == which_report::earlier ? pr.earlier_year : pr.later_year;
      std::string found;
      if (p.computed_lo || p.computed_hi)
        found = (p.computed_lo ? p.computed_lo->to_string(2) : std::string("−∞")) + " to " +
                (p.computed_hi ? p.computed_hi->to_string(2) : std::string("∞")) + (p.kind == parts_kind::share ? "%" : "倍");
      add({year, std::string(to_string(p.kind)), p.label + (p.base_label.empty() ? "" : " / " + p.base_label), p.stated_text, found,
           p.kind == parts_kind::share ? "the share does not fit its parts" : "the multiple does not fit its parts", {}});
    }
  }

  std::vector<inconsistency>& out_;
  const std::set<std::tuple<int, std::string, std::string>>& seen_;
  std::set<std::tuple<int, std::string, std::string, std::string>> seen_other_;
};

}  // namespace

jurisdiction_view build_jurisdiction_view(const store& db, std::string_view jurisdiction) {
  jurisdiction_view v;
  v.jurisdiction = std::string(jurisdiction);
  const auto snap = db.snapshot();  // one state of the store for everything the view reads
  v.generator = "annals " + std::string(version());
  const yearly_reports yearly = db.yearly(jurisdiction);  // earlier revisions of a year are not read
  if (yearly.empty())
    throw usage_error("report: " + std::string(jurisdiction) + ": no reports of this jurisdiction in " +
                      db.path().string());
  // the reports without a year first (by id), then by year
  v.reports = yearly.without_year;
  v.reports.insert(v.reports.end(), yearly.by_year.begin(), yearly.by_year.end());
  const auto pairs = track_pairs(db, yearly.by_year, true);
  v.metrics = histories(db, jurisdiction, history_options{}, pairs);

  // commitments, pair by pair
  for (const auto& pr : pairs) {
    auto entries = timeline_entries(pr.t, pr.earlier_year, pr.later_year);
    std::move(entries.begin(), entries.end(), std::back_inserter(v.commitments));
  }

  // inconsistencies: the metric series first, then what only the tracker sees
  std::set<std::tuple<int, std::string, std::string>> seen;  // year, later fact, stated text
  series_inconsistencies(v.metrics, v.inconsistencies, seen);
  tracker_inconsistencies others(v.inconsistencies, seen);
  for (const auto& pr : pairs) others.add_pair(pr);
  std::stable_sort(v.inconsistencies.begin(), v.inconsistencies.end(), [](const inconsistency& a, const inconsistency& b) {
    return std::tie(a.year, a.kind, a.label) < std::tie(b.year, b.kind, b.label);
  });
  detail::collect_quotes(db, yearly.by_year, v);
  return v;
}

}  // namespace annals
