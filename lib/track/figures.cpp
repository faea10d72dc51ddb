// The figures side of the tracker: aligning the two reports' facts by metric, growth from the
// two intervals against the stated change, chains (由A至B), streaks (连续N年), multiples and
// shares against their parts, implied prior-year intervals, and progress towards targets.

#include "track_internal.hpp"

#include <annals/growth.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace annals::track_detail {

namespace {

/// A fact with what the tracker needs to compare it.
struct fact_view {
  const fact* f = nullptr;
  std::size_t index = 0;
  std::u32string label;    // the reader's label, or the clause around the figure
  std::u32string prefix;   // text from the previous figure (or sentence start) to this one
  std::string period;      // a period or scope word in prefix, or 累计 from the flags
  int scope = 0;
  std::string scope_text;  // the scope word (市本级…), empty for the whole jurisdiction
  bool metric = true;      // false: a streak's length, a plan count, a label too short to align
};

/// 累计 bounded by the year in so many words (全年累计…, 年内累计…, 本年累计…, 当年累计…) sums that
/// year only: it is the year's total, comparable with the other year's. `ctx` runs from the
/// sentence start to the figure. False when no 累计 is there or it is open-ended (自2019年以来累计,
/// 截至…累计, 累计…至今). The report's own year before it (2025年全市累计…, in a 2025 report) bounds it
/// the same way.
bool year_bounded_cumulative(std::u32string_view ctx, const std::optional<report_year>& year) {
  const auto p = ctx.rfind(U"累计");
  if (p == std::u32string_view::npos) return false;
  for (auto w : {std::u32string_view(U"以来"), std::u32string_view(U"截至"), std::u32string_view(U"截止"),
                 std::u32string_view(U"至今"), std::u32string_view(U"历年"), std::u32string_view(U"先后")})
    if (ctx.find(w) != std::u32string_view::npos) return false;
  const std::u32string_view before = ctx.substr(p >= 6 ? p - 6 : 0, p >= 6 ? 6 : p);
  for (auto w : {std::u32string_view(U"全年"), std::u32string_view(U"年内"), std::u32string_view(U"本年"),
                 std::u32string_view(U"当年")})
    if (before.find(w) != std::u32string_view::npos) return true;
  if (year) {
    std::u32string y;
    for (char c : std::to_string(year->value())) y.push_back(static_cast<char32_t>(c));
    y.push_back(U'年');
    const std::size_t b = p >= 12 ? p - 12 : 0;
    const auto at = ctx.substr(b, p - b).find(y);
    // 2025年全市累计, 2025年累计; not 2025年底前累计 (a deadline) nor 2025年1-6月累计 (a period)
    if (at != std::u32string_view::npos) {
      const char32_t nx = ctx[b + at + y.size()];
      if (nx != U'底' && nx != U'末' && !(nx >= U'0' && nx <= U'9') && nx != U'上' && nx != U'前') return true;
    }
  }
  return false;
}

std::vector<fact_view> view_facts(const report& r, const document& d) {
  std::vector<fact_view> out;
  out.reserve(r.facts.size());
  for (std::size_t i = 0; i < r.facts.size(); ++i) {
    const auto& f = r.facts[i];
    fact_view v;
    v.f = &f;
    v.index = i;
    v.label = decode(f.label);
    std::size_t from = 0;
    for (const auto& s : d.sentences) {
      if (s.start <= f.span.start && f.span.start <= s.end) {
        from = s.start;
        break;
      }
    }
    const std::size_t from_sentence = from;
    for (const auto& g : r.facts) {
      if (&g == &f) continue;
      if (g.span.end <= f.span.start && g.span.end > from) from = g.span.end;
    }
    if (f.span.start >= from && f.span.start <= d.text.size())
      v.prefix = d.text.substr(from, f.span.start - from);
    if (v.label.empty()) v.label = v.prefix;
    // 对368家企业依法作出不予处罚决定: a count-after label of one generic noun (企业) says too little to
    // align; the rest of its clause says what is counted
    if (han_count(normalize_label(v.label)) < min_label_han && f.span.end <= d.text.size()) {
      const std::u32string_view after = std::u32string_view(d.text).substr(f.span.end);
      if (!v.label.empty() && after.substr(0, v.label.size()) == v.label) {
        std::size_t e = v.label.size();
        while (e < after.size() && e < v.label.size() + 16 &&
               std::u32string_view(U"，。；：,.;:、\n").find(after[e]) == std::u32string_view::npos &&
               !(after[e] >= U'0' && after[e] <= U'9'))
          ++e;
        if (e > v.label.size() + 1) v.label = std::u32string(after.substr(0, e));
      }
    }
    v.period = period_word(v.prefix);
    if (v.period.empty()) v.period = period_word(v.label);
    if (v.period.empty() && f.cumulative) v.period = "累计";
    if (v.period == "累计" && f.span.start >= from_sentence && f.span.start <= d.text.size() &&
        year_bounded_cumulative(std::u32string_view(d.text).substr(from_sentence, f.span.start - from_sentence),
                                r.meta.year))
      v.period.clear();  // the year's total
    v.scope_text = scope_word(v.label);
    if (v.scope_text.empty()) v.scope_text = scope_word(v.prefix);
    v.scope = scope_class(decode(v.scope_text));
    out.push_back(std::move(v));
  }
  // figures that are not metrics of the jurisdiction's work
  std::vector<text_span> not_metric;
  for (const auto& c : r.changes)
    if (c.kind == change_kind::streak) {
      not_metric.push_back(c.span);
      if (c.fact)
        for (const auto& f : r.facts)
          if (f.id == *c.fact) not_metric.push_back(f.span);
    }
  for (const auto& c : r.commitments)
    if (c.kind == commitment_kind::plan) not_metric.push_back(c.span);
  for (const auto& c : plan_mentions(d)) not_metric.push_back(c.span);
  for (auto& v : out) {
    if (han_count(normalize_label(v.label)) < min_label_han) v.metric = false;
    for (const auto& s : not_metric)
      if (v.f->span.start < s.end && s.start < v.f->span.end) v.metric = false;
  }
  return out;
}

bool overlaps(text_span a, text_span b) { return a.start < b.end && b.start < a.end; }

/// The fact a change qualifies: its `fact`, else the nearest figure before it in its sentence.
const fact* fact_of(const change& c, const report& r, const document& d) {
  if (c.fact) {
    for (const auto& f : r.facts)
      if (f.id == *c.fact) return overlaps(f.span, c.span) ? nullptr : &f;
    return nullptr;
  }
  std::size_t sentence_start = 0;
  for (const auto& s : d.sentences)
    if (s.start <= c.span.start && c.span.start <= s.end) sentence_start = s.start;
  const fact* best = nullptr;
  for (const auto& f : r.facts) {
    if (f.span.end > c.span.start || f.span.start < sentence_start || overlaps(f.span, c.span)) continue;
    if (c.span.start - f.span.end > 40) continue;
    if (!best || f.span.end > best->span.end) best = &f;
  }
  return best;
}

decimal signed_value(const change& c) {
  decimal v = c.value.value_or(decimal{});
  if (c.dir == direction::down && !v.is_negative()) v = -v;
  return v;
}

/// 同比增长1.1倍, 较上年增加了1倍: a multiple of last year's figure, checkable like a growth. Not
/// 是…的2.3倍 (a ratio between two figures of one report) and not a multiple without 同比/较上年.
bool is_yoy_multiple(const change& c) {
  if (c.kind != change_kind::multiple || !c.value || c.basis == growth_basis::mom) return false;
  if (c.basis == growth_basis::yoy) return true;
  for (const char* w : {"同比", "较上年", "比上年", "较去年", "比去年", "较上一年"})
    if (c.text.find(w) != std::string::npos) return true;
  return false;
}

/// A stated change as a quantity: 同比增长21.4% → 21.4, rounded at its last written digit.
quantity stated_quantity(const decimal& value, qualifier q, std::string unit) {
  quantity s;
  s.value = value;
  s.unit = std::move(unit);
  s.qual = q;
  s.last_digit = -value.normalized().scale();
  s.approximate = true;
  return s;
}

std::pair<metric_verdict, std::string> verdict_of(const consistency& c) {
  switch (c.verdict) {
    case consistency_verdict::consistent:
      return {metric_verdict::consistent, c.needs_truncation ? "truncation" : "rounding"};
    case consistency_verdict::inconsistent: return {metric_verdict::inconsistent, ""};
    case consistency_verdict::unverifiable: return {metric_verdict::unverifiable, ""};
  }
  return {metric_verdict::unverifiable, ""};
}

metric_side side_of(const fact& f) { return {f.id, f.label, f.text, f.q.value, f.q.bounds()}; }

using alias_map = std::map<std::u32string, std::string>;

alias_map make_aliases(const track_options* o) {
  alias_map m;
  if (!o) return m;
  for (const auto& [label, metric] : o->aliases) {
    const auto k = normalize_label(decode(label));
    if (!k.empty()) m.emplace(k, metric);
  }
  return m;
}

double similarity(const std::u32string& a, const std::u32string& b, const alias_map& aliases) {
  if (!aliases.empty()) {
    auto ia = aliases.find(normalize_label(a)), ib = aliases.find(normalize_label(b));
    if (ia != aliases.end() && ib != aliases.end()) return ia->second == ib->second ? 1.0 : 0.0;
  }
  return label_similarity(a, b);
}

bool comparable_kind(const fact& a, const fact& b) {
  const bool pa = a.kind == fact_kind::percent || a.q.unit == "%";
  const bool pb = b.kind == fact_kind::percent || b.q.unit == "%";
  return pa == pb;
}

std::u32string change_context(const change& c, const document& d) {
  std::u32string ctx = clause_context(d, c.span);
  return ctx;
}

int year_of(const report& r) { return r.meta.year ? r.meta.year->value() : 0; }

/// `text` without the first occurrence of `part` (a clause without its own figure).
std::u32string without(std::u32string text, std::u32string_view part) {
  if (const auto p = text.find(part); p != std::u32string::npos && !part.empty()) text.erase(p, part.size());
  return text;
}

/// Share of the Han bigrams of `a` found in `b` (0 when `a` has fewer than 3): how much of a short
/// phrase (the later chain's subject) a longer earlier clause contains, whatever else it says.
double containment(std::u32string_view a, std::u32string_view b) {
  auto han = [](char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; };
  std::size_t total = 0, found = 0;
  for (std::size_t i = 0; i + 1 < a.size(); ++i) {
    if (!han(a[i]) || !han(a[i + 1])) continue;
    ++total;
    if (b.find(a.substr(i, 2)) != std::u32string_view::npos) ++found;
  }
  return total < 3 ? 0.0 : static_cast<double>(found) / static_cast<double>(total);
}

}  // namespace

// ---- metrics ------------------------------------------------------------------------------------

void compare_figures(const figure_input& in, tracking& out) {
  const report& later = *in.later;
  const document& ld = *in.later_doc;
  const auto aliases = make_aliases(in.options);
  const auto lf = view_facts(later, ld);
  std::vector<fact_view> ef;
  if (in.earlier) ef = view_facts(*in.earlier, *in.earlier_doc);

  // stated changes of the later report, by the fact they qualify
  std::map<std::string, const change*> stated;
  for (const auto& c : later.changes) {
    if (c.kind != change_kind::growth_pct && c.kind != change_kind::pp && !is_yoy_multiple(c)) continue;
    if (!c.value) continue;
    if (c.basis == growth_basis::mom) continue;
    const fact* f = fact_of(c, later, ld);
    if (f) stated.emplace(f->id, &c);
  }

  // alignment: greedy on similarity, same unit first
  struct candidate {
    double sim;
    std::size_t l, e;
  };
  std::vector<int> match_of_later(lf.size(), -1);
  std::vector<bool> earlier_used(ef.size(), false);
  std::vector<double> sim_of_later(lf.size(), 0.0);
  auto align = [&](bool same_unit, bool only_stated) {
    std::vector<candidate> cs;
    for (std::size_t l = 0; l < lf.size(); ++l) {
      if (match_of_later[l] >= 0) continue;
      if (only_stated && !stated.count(lf[l].f->id)) continue;
      for (std::size_t e = 0; e < ef.size(); ++e) {
        if (earlier_used[e]) continue;
        if (!ef[e].metric || !lf[l].metric) {
          // short or structural labels align only through the catalogue
          if (aliases.empty() || similarity(ef[e].label, lf[l].label, aliases) < 1.0) continue;
        }
        if ((lf[l].f->q.unit == ef[e].f->q.unit) != same_unit) continue;
        if (!comparable_kind(*lf[l].f, *ef[e].f)) continue;
        const double s = similarity(ef[e].label, lf[l].label, aliases);
        if (s + 1e-12 >= label_threshold) cs.push_back({s, l, e});
      }
    }
    std::stable_sort(cs.begin(), cs.end(), [](const candidate& a, const candidate& b) {
      if (a.sim != b.sim) return a.sim > b.sim;
      if (a.l != b.l) return a.l < b.l;
      return a.e < b.e;
    });
    for (const auto& c : cs) {
      if (match_of_later[c.l] >= 0 || earlier_used[c.e]) continue;
      match_of_later[c.l] = static_cast<int>(c.e);
      earlier_used[c.e] = true;
      sim_of_later[c.l] = c.sim;
    }
  };
  align(true, false);
  align(false, true);
  // a label written shorter one year (组织律师参与信访接待、法律咨询等公益服务 → 公益服务; then 组织律师
  // 参与公益法律服务): same unit, and the later text before the figure is ≥ 70% contained in the
  // earlier one's and ≥ 40% the other way round
  {
    std::vector<candidate> cs;
    for (std::size_t l = 0; l < lf.size(); ++l) {
      if (match_of_later[l] >= 0 || !lf[l].metric) continue;
      for (std::size_t e = 0; e < ef.size(); ++e) {
        if (earlier_used[e] || !ef[e].metric || lf[l].f->q.unit != ef[e].f->q.unit) continue;
        if (!comparable_kind(*lf[l].f, *ef[e].f)) continue;
        const double a = containment(lf[l].prefix, ef[e].prefix), b = containment(ef[e].prefix, lf[l].prefix);
        if (a + 1e-12 >= 0.7 && b + 1e-12 >= 0.4) cs.push_back({a, l, e});
      }
    }
    std::stable_sort(cs.begin(), cs.end(), [](const candidate& x, const candidate& y) { return x.sim > y.sim; });
    for (const auto& c : cs) {
      if (match_of_later[c.l] >= 0 || earlier_used[c.e]) continue;
      match_of_later[c.l] = static_cast<int>(c.e);
      earlier_used[c.e] = true;
      sim_of_later[c.l] = c.sim;
    }
  }

  for (std::size_t l = 0; l < lf.size(); ++l) {
    const auto& L = lf[l];
    const auto st = stated.find(L.f->id);
    const change* sc = st == stated.end() ? nullptr : st->second;
    if (match_of_later[l] < 0 && !sc) continue;
    metric_comparison m;
    m.later = side_of(*L.f);
    m.later_label = L.f->label.empty() ? encode(L.label) : L.f->label;
    m.label = m.later_label;
    m.unit = L.f->q.unit;
    if (sc) m.stated = stated_change{sc->id, sc->kind, signed_value(*sc), sc->text};
    if (match_of_later[l] < 0) {
      m.verdict = metric_verdict::unverifiable;
      m.reason = "no earlier value";
      out.metrics.push_back(std::move(m));
      continue;
    }
    const auto& E = ef[static_cast<std::size_t>(match_of_later[l])];
    m.earlier = side_of(*E.f);
    m.label = E.f->label.empty() ? encode(E.label) : E.f->label;
    m.similarity = std::round(sim_of_later[l] * 100.0) / 100.0;
    // comparability
    std::string why;
    if (E.f->q.unit != L.f->q.unit) {
      why = "units differ: " + (E.f->q.unit.empty() ? std::string("(none)") : E.f->q.unit) + " vs " +
            (L.f->q.unit.empty() ? std::string("(none)") : L.f->q.unit);
    } else if (E.scope != L.scope) {
      why = "scope differs: " + (E.scope_text.empty() ? std::string("the whole jurisdiction") : E.scope_text) +
            " in the earlier report, " + (L.scope_text.empty() ? std::string("the whole jurisdiction") : L.scope_text) +
            " in the later one";
    } else if (!L.period.empty()) {
      why = "scope or period word in the later report: " + L.period;
    } else if (!E.period.empty()) {
      why = "scope or period word in the earlier report: " + E.period;
    }
    if (!why.empty()) {
      m.verdict = metric_verdict::unverifiable;
      m.reason = why;
      out.metrics.push_back(std::move(m));
      continue;
    }
    const quantity& eq = E.f->q;
    const quantity& lq = L.f->q;
    if (const auto g = yoy_growth(eq.value, lq.value, 2); g.ok()) m.growth_pct = g.value.value;
    if (const auto r = growth_range(eq, lq, 2); r.ok()) {
      m.growth_pct_lo = r.range.lo;
      m.growth_pct_hi = r.range.hi;
    }
    const bool percent = m.unit == "%";
    if (percent) {
      m.change_pp = pp_change(eq.value, lq.value).value;
      if (const auto r = pp_range(eq, lq, 2); r.ok()) {
        m.change_pp_lo = r.range.lo;
        m.change_pp_hi = r.range.hi;
      }
    }
    if (!m.stated) {
      m.verdict = metric_verdict::not_stated;
    } else if (m.stated->kind == change_kind::pp && !percent) {
      m.verdict = metric_verdict::unverifiable;
      m.reason = "percentage points stated for a figure that is not a percentage";
    } else if (m.stated->kind == change_kind::multiple) {
      // 同比增长1.1倍: factor 2.1, a growth of 110% written to the tens (the factor's last digit)
      quantity sq = stated_quantity((m.stated->value - decimal{1}) * decimal{100}, sc->qual, "%");
      sq.last_digit = -m.stated->value.normalized().scale() + 2;
      const consistency c = check_growth(eq, lq, sq);
      auto [verdict, basis] = verdict_of(c);
      m.verdict = verdict;
      m.basis = basis;
      if (verdict != metric_verdict::consistent) m.reason = c.reason;
    } else {
      const quantity sq = stated_quantity(m.stated->value, sc->qual, m.stated->kind == change_kind::pp ? "" : "%");
      const consistency c = m.stated->kind == change_kind::pp ? check_pp(eq, lq, sq) : check_growth(eq, lq, sq);
      auto [verdict, basis] = verdict_of(c);
      m.verdict = verdict;
      m.basis = basis;
      if (verdict != metric_verdict::consistent) m.reason = c.reason;
    }
    out.metrics.push_back(std::move(m));
  }

  if (!in.earlier) return;
  const report& earlier = *in.earlier;
  const document& ed = *in.earlier_doc;
  const int dy = (year_of(earlier) && year_of(later)) ? year_of(later) - year_of(earlier) : 1;

  // streaks
  std::vector<bool> used(earlier.changes.size(), false);
  for (const auto& c : later.changes) {
    if (c.kind != change_kind::streak || !c.value) continue;
    const auto lctx = change_context(c, ld);
    double best = 0;
    std::size_t at = earlier.changes.size();
    for (std::size_t i = 0; i < earlier.changes.size(); ++i) {
      const auto& e = earlier.changes[i];
      if (used[i] || e.kind != change_kind::streak || !e.value || e.unit != c.unit) continue;
      const double s = std::max(similarity(decode(e.label), decode(c.label), aliases),
                                label_similarity(change_context(e, ed), lctx));
      if (s > best + 1e-12) {
        best = s;
        at = i;
      }
    }
    if (at == earlier.changes.size() || best + 1e-12 < label_threshold) continue;
    used[at] = true;
    const auto& e = earlier.changes[at];
    streak_check s;
    s.label = c.label.empty() ? encode(lctx) : c.label;
    s.unit = c.unit;
    s.earlier_change = e.id;
    s.later_change = c.id;
    s.earlier = *e.value;
    s.later = *c.value;
    const bool yearly = c.unit == "年";
    const bool ok = yearly ? (*c.value == *e.value + decimal{dy}) : (*c.value > *e.value);
    s.verdict = ok ? metric_verdict::consistent : metric_verdict::inconsistent;
    out.streaks.push_back(std::move(s));
  }

  // chains: the later 由A至B starts where the earlier one ended
  std::fill(used.begin(), used.end(), false);
  for (const auto& c : later.changes) {
    if (c.kind != change_kind::from_to || !c.from) continue;
    const auto lctx = change_context(c, ld);
    double best = 0;
    std::size_t at = earlier.changes.size();
    for (std::size_t i = 0; i < earlier.changes.size(); ++i) {
      const auto& e = earlier.changes[i];
      if (used[i] || e.kind != change_kind::from_to || !e.to || e.unit != c.unit) continue;
      const double s = std::max(similarity(decode(e.label), decode(c.label), aliases),
                                label_similarity(change_context(e, ed), lctx));
      if (s > best + 1e-12) {
        best = s;
        at = i;
      }
    }
    if (at == earlier.changes.size() || best + 1e-12 < label_threshold) {
      // the earlier year wrote the start as a plain figure (在6个街道开展…试点, then 试点由6个扩大
      // 至90个): the later start is checked against the earlier figure whose clause matches
      const fact* plain = nullptr;
      double best_fact = 0;
      const std::u32string lwords = without(lctx, decode(c.text));
      for (const auto& g : earlier.facts) {
        if (g.q.unit != c.unit || g.kind == fact_kind::duration) continue;
        const double s = containment(lwords, without(clause_context(ed, g.span), decode(g.text)));
        if (s > best_fact + 1e-12) {
          best_fact = s;
          plain = &g;
        }
      }
      if (!plain || best_fact + 1e-12 < label_threshold) continue;
      from_to_check f;
      f.label = c.label.empty() ? (plain->label.empty() ? encode(lctx) : plain->label) : c.label;
      f.unit = c.unit;
      f.earlier_change = plain->id;  // a fact id: the earlier report states the figure, not a chain
      f.later_change = c.id;
      f.earlier_to = plain->q.value;
      f.later_from = *c.from;
      const interval b = plain->q.bounds();
      f.verdict = plain->q.value == *c.from || b.contains(*c.from) ? metric_verdict::consistent
                                                                   : metric_verdict::inconsistent;
      out.from_to.push_back(std::move(f));
      continue;
    }
    used[at] = true;
    const auto& e = earlier.changes[at];
    from_to_check f;
    f.label = c.label.empty() ? (e.label.empty() ? encode(lctx) : e.label) : c.label;
    f.unit = c.unit;
    f.earlier_change = e.id;
    f.later_change = c.id;
    f.earlier_to = *e.to;
    f.later_from = *c.from;
    f.verdict = *e.to == *c.from ? metric_verdict::consistent : metric_verdict::inconsistent;
    out.from_to.push_back(std::move(f));
  }
}

// ---- multiples and shares against their parts ---------------------------------------------

void check_parts(const report& r, const document& d, const std::string& which, tracking& out) {
  const auto fv = view_facts(r, d);
  auto sentence_of = [&](std::size_t pos) -> std::pair<std::size_t, std::size_t> {
    for (const auto& s : d.sentences)
      if (s.start <= pos && pos <= s.end) return {s.start, s.end};
    return {0, 0};
  };
  // multiples: 是…的2.8倍, 达到…2倍以上
  for (const auto& c : r.changes) {
    if (c.kind != change_kind::multiple || !c.value) continue;
    const fact* num = fact_of(c, r, d);
    if (!num || num->q.unit == "%") continue;
    // the base phrase: the change text without its verb, number and 倍
    std::u32string t = decode(c.text);
    for (std::u32string_view v : {std::u32string_view(U"相当于"), std::u32string_view(U"达到"),
                                  std::u32string_view(U"是"), std::u32string_view(U"为")}) {
      if (t.compare(0, v.size(), v) == 0) {
        t.erase(0, v.size());
        break;
      }
    }
    std::size_t cut = 0;
    while (cut < t.size() && !is_digit(t[cut])) ++cut;
    std::u32string base_phrase = t.substr(0, cut);
    if (!c.label.empty() && han_count(base_phrase) < 2) base_phrase = decode(c.label);
    if (han_count(base_phrase) < 2) continue;
    const fact_view* base = nullptr;
    double best = 0;
    for (const auto& f : fv) {
      if (f.f == num || f.f->q.unit != num->q.unit) continue;
      const double s = label_similarity(f.label, base_phrase);
      if (s > best + 1e-12) {
        best = s;
        base = &f;
      }
    }
    if (!base || best + 1e-12 < label_threshold) continue;
    parts_check p;
    p.report = which;
    p.kind = "multiple";
    p.label = num->label;
    p.base_label = base->f->label.empty() ? encode(base->label) : base->f->label;
    p.part_fact = num->id;
    p.base_fact = base->f->id;
    p.stated_text = c.text;
    p.stated = *c.value;
    if (const auto mr = multiple_range(base->f->q, num->q, 2); mr.ok()) {
      p.computed_lo = mr.range.lo;
      p.computed_hi = mr.range.hi;
    }
    p.verdict = verdict_of(check_multiple(base->f->q, num->q, stated_quantity(*c.value, c.qual, ""))).first;
    out.parts.push_back(std::move(p));
  }
  // shares: 其中…X件, 占比Y%
  for (const auto& f : fv) {
    if (f.f->q.unit != "%") continue;
    const auto& pre = f.prefix;
    if (pre.find(U'占') == std::u32string::npos) continue;
    const auto [s0, s1] = sentence_of(f.f->span.start);
    (void)s1;
    const fact_view* part = nullptr;
    for (const auto& g : fv) {
      if (g.f->q.unit == "%" || g.f->span.end > f.f->span.start || g.f->span.start < s0) continue;
      if (!part || g.f->span.start > part->f->span.start) part = &g;
    }
    if (!part) continue;
    const fact_view* whole = nullptr;
    for (const auto& g : fv) {
      if (g.f->q.unit != part->f->q.unit || g.f->span.end > part->f->span.start || g.f->span.start < s0) continue;
      if (!whole || g.f->span.start > whole->f->span.start) whole = &g;
    }
    if (!whole) continue;
    parts_check p;
    p.report = which;
    p.kind = "share";
    p.label = part->f->label.empty() ? encode(part->label) : part->f->label;
    p.base_label = whole->f->label.empty() ? encode(whole->label) : whole->f->label;
    p.part_fact = part->f->id;
    p.base_fact = whole->f->id;
    p.stated_text = f.f->text;
    p.stated = f.f->q.value;
    if (const auto mr = multiple_range(whole->f->q, part->f->q, 4); mr.ok()) {
      if (mr.range.lo) p.computed_lo = (*mr.range.lo * decimal{100}).rounded(2, rounding::floor);
      if (mr.range.hi) p.computed_hi = (*mr.range.hi * decimal{100}).rounded(2, rounding::ceiling);
    }
    quantity factor = f.f->q;  // 12.5% of the whole is the factor 0.125
    factor.value = f.f->q.value.shifted(-2);
    factor.last_digit = f.f->q.last_digit - 2;
    factor.approximate = true;
    factor.unit.clear();
    p.verdict = verdict_of(check_multiple(whole->f->q, part->f->q, factor)).first;
    out.parts.push_back(std::move(p));
  }
}

// ---- implied priors ------------------------------------------------------------------------------

std::vector<implied_prior> implied_priors_of(const report& r, const document& d) {
  std::vector<implied_prior> out;
  for (const auto& c : r.changes) {
    if (c.kind != change_kind::growth_pct || !c.value) continue;
    if (c.basis == growth_basis::mom) continue;
    const fact* f = fact_of(c, r, d);
    if (!f) continue;
    const decimal s = signed_value(c);
    const auto range = implied_prior_range(f->q, stated_quantity(s, c.qual, "%"));
    if (!range.ok()) continue;
    implied_prior p;
    p.change = c.id;
    p.fact = f->id;
    p.label = f->label;
    p.unit = f->q.unit;
    p.value = decimal::divide(f->q.value * decimal{100}, decimal{100} + s, 2, rounding::half_up);
    p.lo = range.range.lo;
    p.hi = range.range.hi;
    out.push_back(std::move(p));
  }
  return out;
}

// ---- targets ----------------------------------------------------------------------------------

target_progress assess_target(target_progress t) {
  t.status = target_status::no_data;
  if (!t.current) return t;
  const bool increasing = !t.baseline || t.target >= *t.baseline;
  if (increasing ? *t.current >= t.target : *t.current <= t.target) {
    t.status = target_status::met;
    return t;
  }
  if (!t.baseline || !t.baseline_year || !t.current_year || !t.deadline) return t;
  const progress p = assess_progress(*t.baseline, report_year(*t.baseline_year), *t.current,
                                     report_year(*t.current_year), t.target, report_year(t.deadline->year()), 2);
  t.actual_rate = p.actual_rate;
  t.required_rate = p.required_rate;
  t.ratio = p.ratio;
  if (!p.category) return t;
  switch (*p.category) {
    case progress_category::met: t.status = target_status::met; break;
    case progress_category::on_track: t.status = target_status::on_track; break;
    case progress_category::needs_acceleration: t.status = target_status::needs_acceleration; break;
    case progress_category::limited: t.status = target_status::limited; break;
    case progress_category::regressing: t.status = target_status::regressing; break;
  }
  return t;
}

namespace {

/// The later report's value for a target's label: a figure, or the end of a 由A至B chain.
void find_current(const std::u32string& label, const std::string& unit, const report& later, const document& ld,
                  const alias_map& aliases, target_progress& t) {
  const auto lf = view_facts(later, ld);
  double best = 0;
  for (const auto& f : lf) {
    if (f.f->q.unit != unit) continue;
    const double s = std::max(similarity(f.label, label, aliases), label_similarity(f.prefix, label));
    if (s > best + 1e-12) {
      best = s;
      t.current = f.f->q.value;
      t.current_fact = f.f->id;
    }
  }
  for (const auto& c : later.changes) {
    if (c.kind != change_kind::from_to || !c.to || c.unit != unit) continue;
    const double s = std::max(similarity(decode(c.label), label, aliases),
                              label_similarity(clause_context(ld, c.span), label));
    if (s > best + 1e-12) {
      best = s;
      t.current = *c.to;
      t.current_fact = c.id;
    }
  }
  if (best + 1e-12 < label_threshold) {
    t.current.reset();
    t.current_fact.reset();
  }
}

}  // namespace

void plan_targets(const plan& p, const report& later, const document& ld, const track_options& options,
                  tracking& out) {
  const auto aliases = make_aliases(&options);
  for (const auto& task : p.tasks) {
    if (!task.target) continue;
    const auto& tg = *task.target;
    target_progress t;
    t.source = task.id;
    t.label = tg.label.empty() ? task.text : tg.label;
    t.unit = tg.unit;
    t.target = tg.value;
    t.deadline = tg.deadline;
    t.baseline = tg.baseline;
    t.baseline_year = tg.baseline_year;
    if (later.meta.year) t.current_year = later.meta.year->value();
    find_current(decode(t.label), t.unit, later, ld, aliases, t);
    out.targets.push_back(assess_target(std::move(t)));
  }
}

void report_targets(const report& earlier, const report& later, const document& ed, const document& ld,
                    const track_options& options, tracking& out) {
  const auto aliases = make_aliases(&options);
  const auto ef = view_facts(earlier, ed);
  for (const auto& c : earlier.commitments) {
    if (c.kind != commitment_kind::target) continue;
    // the goal: the commitment's own (the reader's), or for an old report the fact it names
    std::optional<target_goal> goal = c.goal;
    const fact* goal_fact = nullptr;
    if (!goal && c.fact)
      for (const auto& f : earlier.facts)
        if (f.id == *c.fact) {
          goal_fact = &f;
          goal = goal_from_fact(f);
        }
    if (!goal) continue;
    // what the goal is about: its label, or (none written) the clause before it
    std::u32string goal_label = decode(goal->label);
    if (goal_label.empty()) {
      const std::size_t end = std::min(goal->span.start, ed.text.size());
      std::size_t from = c.span.start <= end ? c.span.start : end;
      for (const auto& sen : ed.sentences)
        if (sen.start <= end && end <= sen.end) from = std::max(from, sen.start);
      goal_label = ed.text.substr(from, end - from);
    }
    target_progress t;
    t.source = c.id;
    t.label = goal->label.empty() ? encode(goal_label) : goal->label;
    t.unit = goal->q.unit;
    t.target = goal->q.value;
    t.deadline = c.deadline;
    // the baseline: the same metric elsewhere in the earlier report (not the goal itself)
    double best = 0;
    for (const auto& f : ef) {
      if (f.f == goal_fact || f.f->q.unit != t.unit) continue;
      if (overlaps(f.f->span, c.span) || overlaps(f.f->span, goal->span)) continue;
      const double s = similarity(f.label, goal_label, aliases);
      if (s > best + 1e-12) {
        best = s;
        t.baseline = f.f->q.value;
      }
    }
    if (best + 1e-12 < label_threshold) t.baseline.reset();
    if (t.baseline && earlier.meta.year) t.baseline_year = earlier.meta.year->value();
    if (later.meta.year) t.current_year = later.meta.year->value();
    find_current(goal_label, t.unit, later, ld, aliases, t);
    out.targets.push_back(assess_target(std::move(t)));
  }
}

}  // namespace annals::track_detail
