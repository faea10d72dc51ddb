// check_changes() and check_report(): every change a report states, with the tracker's verdict
// on it against the year before (what `annals check` and annals.check() in Python show).

#include <annals/range_text.hpp>
#include <annals/track.hpp>

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace annals {

namespace {

std::string range(const std::optional<decimal>& lo, const std::optional<decimal>& hi, const std::string& unit) {
  return range_text(lo, hi, unit, range_with_dots);
}

/// The first entry of `items` for each later change id `id_of` gives (null ids left out).
template <class T, class Id>
std::unordered_map<std::string, const T*> first_by_change(const std::vector<T>& items, Id&& id_of) {
  std::unordered_map<std::string, const T*> out;
  for (const auto& x : items)
    if (const std::string* id = id_of(x)) out.emplace(*id, &x);
  return out;
}

/// What the tracker says about each change, found by id instead of a scan per change.
struct verdicts_by_change {
  std::unordered_map<std::string, const metric_comparison*> metric;
  std::unordered_map<std::string, const streak_check*> streak;
  std::unordered_map<std::string, const from_to_check*> chain;

  explicit verdicts_by_change(const tracking& t)
      : metric(first_by_change(t.metrics, [](const metric_comparison& m) { return m.stated ? &m.stated->change : nullptr; })),
        streak(first_by_change(t.streaks, [](const streak_check& s) { return &s.later_change; })),
        chain(first_by_change(t.from_to, [](const from_to_check& f) { return &f.later_change; })) {}
};

void from_metric(const metric_comparison& m, checked_change& r) {
  if (m.earlier) r.earlier = m.earlier->text;
  r.later = m.later.text;
  if (m.stated->kind == change_kind::pp) {
    if (m.change_pp) r.computed = m.change_pp->to_string(2) + "pp";
    r.allowed = range(m.change_pp_lo, m.change_pp_hi, "pp");
  } else {
    if (m.growth_pct) r.computed = m.growth_pct->to_string(2) + "%";
    r.allowed = range(m.growth_pct_lo, m.growth_pct_hi, "%");
  }
  r.verdict = m.verdict;
  r.reason = m.verdict == metric_verdict::consistent && m.basis == consistency_basis::truncation
                 ? "consistent only if the stated figure was truncated"
                 : m.reason;
}

void from_streak(const streak_check& s, checked_change& r) {
  r.earlier = "连续" + s.earlier.to_string() + s.unit;
  r.later = "连续" + s.later.to_string() + s.unit;
  r.verdict = s.verdict;
  if (s.verdict == metric_verdict::inconsistent) r.reason = "a streak grows by one a year";
}

void from_chain(const from_to_check& f, checked_change& r) {
  r.earlier = "至" + f.earlier_to.to_string() + f.unit;
  r.later = "由" + f.later_from.to_string() + f.unit;
  r.verdict = f.verdict;
  if (f.verdict == metric_verdict::inconsistent) r.reason = "the chain does not start where the year before ended";
}

/// A multiple or share of the later report whose stated text is the change's (either contains the other).
const parts_check* parts_of(const tracking& t, const change& c) {
  for (const auto& p : t.parts) {
    if (p.report != which_report::later || p.stated_text.empty()) continue;
    if (c.text.find(p.stated_text) == std::string::npos && p.stated_text.find(c.text) == std::string::npos) continue;
    return &p;
  }
  return nullptr;
}

void from_parts(const parts_check& p, checked_change& r) {
  r.computed = range(p.computed_lo, p.computed_hi, p.kind == parts_kind::share ? "%" : "倍");
  r.verdict = p.verdict;
  r.reason = std::string(to_string(p.kind)) + " of " + p.label + " over " + p.base_label;
}

/// Fills `r` from the tracker's verdict on `c`; false when the tracker has none.
bool match(const tracking& t, const verdicts_by_change& by, const change& c, checked_change& r) {
  if (const auto it = by.metric.find(c.id); it != by.metric.end()) {
    from_metric(*it->second, r);
    return true;
  }
  if (const auto it = by.streak.find(c.id); it != by.streak.end()) {
    from_streak(*it->second, r);
    return true;
  }
  if (const auto it = by.chain.find(c.id); it != by.chain.end()) {
    from_chain(*it->second, r);
    return true;
  }
  if (const parts_check* p = parts_of(t, c)) {
    from_parts(*p, r);
    return true;
  }
  return false;
}

}  // namespace

std::vector<checked_change> check_changes(const report& later, const tracking* t) {
  std::vector<checked_change> out;
  out.reserve(later.changes.size());
  const std::optional<verdicts_by_change> by = t ? std::optional<verdicts_by_change>(*t) : std::nullopt;
  for (const auto& c : later.changes) {
    checked_change r;
    r.change = c.id;
    r.kind = c.kind;
    r.label = c.label;
    r.text = c.text;
    if (!t || !match(*t, *by, c, r)) {
      r.verdict = metric_verdict::unverifiable;
      r.reason = t ? "no matching figure in the earlier report" : "no earlier report to compare with";
      if (c.kind == change_kind::multiple || c.kind == change_kind::doubling || c.kind == change_kind::threshold)
        r.reason = "not checked: no figures to compare it with";
    }
    out.push_back(std::move(r));
  }
  return out;
}

checked_report checked_report::of(const report& r) {
  return {r.source.name, r.source.sha256, r.meta.title, r.meta.jurisdiction, r.meta.year};
}

change_check check_report(const report& later, const report* earlier, std::string note, bool problems_only) {
  change_check out;
  out.report = checked_report::of(later);
  if (earlier) out.earlier = checked_report::of(*earlier);
  out.note = std::move(note);
  std::optional<tracking> t;
  if (earlier) t = track(*earlier, later);
  out.changes = check_changes(later, t ? &*t : nullptr);
  out.stated_changes = out.changes.size();
  out.implied_priors = implied_priors(later);
  if (problems_only) {
    std::erase_if(out.changes, [](const checked_change& r) { return r.verdict != metric_verdict::inconsistent; });
    out.implied_priors.clear();
  }
  for (const auto& r : out.changes)
    if (r.verdict == metric_verdict::inconsistent) ++out.inconsistent;
  return out;
}

}  // namespace annals
