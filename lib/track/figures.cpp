// The figures side of the tracker: aligning the two reports' facts by metric, growth from the
// two intervals against the stated change, chains (由A至B), streaks (连续N年), multiples and
// shares against their parts, implied prior-year intervals, and progress towards targets.

#include "track_detail.hpp"

#include <annals/growth.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <queue>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace annals::detail {

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

/// Where things are in one report, for lookups in O(log n) instead of a scan of every fact or
/// sentence: the sentence holding a position, the facts by the end of their span, facts by id.
class report_locator {
 public:
  report_locator(const report& r, const document& d) : r_(r), d_(d) {
    by_end_.reserve(r.facts.size());
    for (std::size_t i = 0; i < r.facts.size(); ++i) {
      by_end_.push_back({r.facts[i].span.end, i});
      by_id_.emplace(r.facts[i].id, i);
    }
    std::sort(by_end_.begin(), by_end_.end());
  }

  /// The start of the sentence holding `pos` (sentences are in text order and do not overlap), or 0.
  [[nodiscard]] std::size_t sentence_start(std::size_t pos) const {
    const auto it = std::lower_bound(d_.sentences.begin(), d_.sentences.end(), pos,
                                     [](const sentence& s, std::size_t p) { return s.end < p; });
    return it != d_.sentences.end() && it->start <= pos ? it->start : 0;
  }

  /// The largest span end ≤ pos among the facts other than `self`, if any.
  [[nodiscard]] std::optional<std::size_t> last_end_before(std::size_t pos, std::size_t self) const {
    auto it = std::upper_bound(by_end_.begin(), by_end_.end(), std::make_pair(pos, r_.facts.size()));
    while (it != by_end_.begin()) {
      --it;
      if (it->second != self) return it->first;
    }
    return std::nullopt;
  }

  /// The first fact (in report order) with this id, as a scan would find it.
  [[nodiscard]] const fact* by_id(const std::string& id) const {
    const fact* first = nullptr;
    for (const auto& i : all_by_id(id))
      if (!first || &r_.facts[i] < first) first = &r_.facts[i];
    return first;
  }
  /// The indices of every fact with this id (ids are unique in a report the reader made).
  [[nodiscard]] std::vector<std::size_t> all_by_id(const std::string& id) const {
    std::vector<std::size_t> out;
    const auto [b, e] = by_id_.equal_range(id);
    for (auto it = b; it != e; ++it) out.push_back(it->second);
    return out;
  }

  /// The fact a change qualifies: its `fact`, else the nearest figure before it in its sentence
  /// (ending at most 40 code points before it; of two ending at the same place, the first).
  [[nodiscard]] const fact* fact_of(const change& c) const {
    if (c.fact) {
      const fact* f = by_id(*c.fact);
      return f && !overlaps(f->span, c.span) ? f : nullptr;
    }
    const std::size_t from = sentence_start(c.span.start);
    const fact* best = nullptr;
    std::size_t best_index = 0;
    auto it = std::upper_bound(by_end_.begin(), by_end_.end(), std::make_pair(c.span.start, r_.facts.size()));
    while (it != by_end_.begin()) {
      --it;
      if (c.span.start - it->first > 40) break;
      if (best && it->first < best->span.end) break;
      const fact& f = r_.facts[it->second];
      if (f.span.start < from || overlaps(f.span, c.span)) continue;
      if (!best || it->second < best_index) {
        best = &f;
        best_index = it->second;
      }
    }
    return best;
  }

  static bool overlaps(text_span a, text_span b) { return a.start < b.end && b.start < a.end; }

 private:
  const report& r_;
  const document& d_;
  std::vector<std::pair<std::size_t, std::size_t>> by_end_;  // (span end, fact index), sorted
  std::unordered_multimap<std::string, std::size_t> by_id_;
};

bool overlaps(text_span a, text_span b) { return report_locator::overlaps(a, b); }

/// True for each span of `spans` that `s` overlaps, in O(log n): spans sorted by start, with the
/// largest end so far.
class span_set {
 public:
  explicit span_set(std::vector<text_span> spans) : spans_(std::move(spans)) {
    std::sort(spans_.begin(), spans_.end(),
              [](const text_span& a, const text_span& b) { return a.start < b.start; });
    max_end_.reserve(spans_.size());
    std::size_t m = 0;
    for (const auto& x : spans_) max_end_.push_back(m = std::max(m, x.end));
  }
  [[nodiscard]] bool overlaps_any(text_span s) const {
    // the spans starting before s.end; one of them overlaps s when the largest end is past s.start
    const auto it = std::lower_bound(spans_.begin(), spans_.end(), s.end,
                                     [](const text_span& x, std::size_t e) { return x.start < e; });
    if (it == spans_.begin()) return false;
    return max_end_[static_cast<std::size_t>(it - spans_.begin()) - 1] > s.start;
  }

 private:
  std::vector<text_span> spans_;
  std::vector<std::size_t> max_end_;
};

std::vector<fact_view> view_facts(const report& r, const document& d, const report_locator& at) {
  std::vector<fact_view> out;
  out.reserve(r.facts.size());
  for (std::size_t i = 0; i < r.facts.size(); ++i) {
    const auto& f = r.facts[i];
    fact_view v;
    v.f = &f;
    v.index = i;
    v.label = decode(f.label);
    std::size_t from = at.sentence_start(f.span.start);
    const std::size_t from_sentence = from;
    if (const auto e = at.last_end_before(f.span.start, i); e && *e > from) from = *e;
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
        for (const auto i : at.all_by_id(*c.fact)) not_metric.push_back(r.facts[i].span);
    }
  for (const auto& c : r.commitments)
    if (c.kind == commitment_kind::plan) not_metric.push_back(c.span);
  for (const auto& c : plan_mentions(d)) not_metric.push_back(c.span);
  const span_set excluded(std::move(not_metric));
  for (auto& v : out) {
    if (han_count(normalize_label(v.label)) < min_label_han) v.metric = false;
    if (excluded.overlaps_any(v.f->span)) v.metric = false;
  }
  return out;
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

/// The check's verdict (one enum for both) with the basis of a consistent one.
std::pair<metric_verdict, consistency_basis> verdict_of(const consistency& c) {
  if (c.verdict != metric_verdict::consistent) return {c.verdict, consistency_basis::none};
  return {c.verdict, c.needs_truncation ? consistency_basis::truncation : consistency_basis::rounding};
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

// ---- figure alignment without comparing every figure with every other ---------------------------
//
// similarity() depends only on the two normalised labels, so candidates are found once per
// distinct normalised label (labels that differ only in their digits, 第1类… and 第2类…, are one),
// through an index of bigrams; the greedy pass then keeps one entry per later figure (its best
// available earlier figure) instead of every pair above the threshold. The result is the pairing
// of the plain greedy over all pairs sorted by (similarity desc, later, earlier), figure for figure.

/// Distinct normalised labels with their Han bigrams.
class label_keys {
 public:
  std::size_t intern(std::u32string key) {
    const auto [it, added] = ids_.try_emplace(std::move(key), keys_.size());
    if (added) {
      keys_.push_back(&it->first);  // node-based map: the key stays where it is
      grams_.push_back(bigrams(it->first));
    }
    return it->second;
  }
  [[nodiscard]] const std::u32string& key(std::size_t k) const { return *keys_[k]; }
  [[nodiscard]] const std::vector<bigram>& grams(std::size_t k) const { return grams_[k]; }
  [[nodiscard]] std::size_t size() const { return keys_.size(); }

 private:
  std::unordered_map<std::u32string, std::size_t> ids_;
  std::vector<const std::u32string*> keys_;
  std::vector<std::vector<bigram>> grams_;
};

/// Some keys indexed for "Dice ≥ label_threshold" queries, by prefix filtering with a count
/// filter (Bayardo, Ma and Srikant, "Scaling up all pairs similarity search", 2007; Xiao et al.,
/// PPJoin, 2008). Bigrams are put in one global order, rarest first. Two sets with Dice ≥ t share
/// at least o = t·|A|/(2−t) bigrams, so a partner holds one of the first |A|−o+1 bigrams of the
/// query (its prefix): only those posting lists are read. A key met there shares h bigrams of the
/// prefix and at most |A|−|prefix| others, so it is verified (dice()) only when h plus those can
/// reach t·(|A|+|B|)/2: keys that share one word of a label but not two are never compared.
class dice_index {
 public:
  dice_index(const label_keys& keys, const std::vector<std::size_t>& members) : keys_(keys) {
    for (const auto m : members)
      for (const auto b : keys.grams(m)) postings_[b].push_back(static_cast<std::uint32_t>(m));
    hits_.assign(keys.size(), 0);
  }

  /// Calls f(key, similarity) once for every indexed key whose Dice coefficient with `grams`
  /// reaches label_threshold (as `similarity + 1e-12 >= label_threshold`).
  template <class F>
  void query(const std::vector<bigram>& grams, F&& f) const {
    if (grams.empty()) return;
    // the query's bigrams, rarest first (fewest indexed keys; then by value, for one order)
    std::vector<std::pair<std::size_t, bigram>> order;
    order.reserve(grams.size());
    for (const auto b : grams) {
      const auto it = postings_.find(b);
      order.emplace_back(it == postings_.end() ? 0 : it->second.size(), b);
    }
    std::sort(order.begin(), order.end());
    const std::size_t a = grams.size();
    // a little below the threshold, so that rounding can only keep a pair, never drop one
    constexpr double t = label_threshold - 0.005;
    const std::size_t o = std::max<std::size_t>(static_cast<std::size_t>(t * static_cast<double>(a) / (2.0 - t)), 1);
    const std::size_t prefix = a - std::min(o, a) + 1;
    touched_.clear();
    for (std::size_t i = 0; i < prefix && i < order.size(); ++i) {
      const auto it = postings_.find(order[i].second);
      if (it == postings_.end()) continue;
      for (const auto m : it->second)
        if (hits_[m]++ == 0) touched_.push_back(m);
    }
    const std::size_t rest = a - std::min(prefix, a);
    for (const auto m : touched_) {
      const std::size_t h = hits_[m];
      hits_[m] = 0;
      const std::size_t b = keys_.grams(m).size();
      const auto need = static_cast<std::size_t>(t * static_cast<double>(a + b) / 2.0);
      if (h + rest < need) continue;
      if (const auto s = dice_if_at_least(grams, keys_.grams(m), need); s && *s + 1e-12 >= label_threshold)
        f(static_cast<std::size_t>(m), *s);
    }
  }

 private:
  /// dice(a, b) — the same expression, so the same double — or nothing as soon as the merge
  /// cannot reach `need` common bigrams any more.
  static std::optional<double> dice_if_at_least(const std::vector<bigram>& a, const std::vector<bigram>& b,
                                                std::size_t need) {
    std::size_t common = 0, i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
      if (common + std::min(a.size() - i, b.size() - j) < need) return std::nullopt;
      if (a[i] == b[j]) {
        ++common;
        ++i;
        ++j;
      } else if (a[i] < b[j]) {
        ++i;
      } else {
        ++j;
      }
    }
    if (common < need) return std::nullopt;
    return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
  }

  const label_keys& keys_;
  std::unordered_map<bigram, std::vector<std::uint32_t>> postings_;
  mutable std::vector<std::uint32_t> hits_;
  mutable std::vector<std::uint32_t> touched_;
};

/// The greedy alignment of figures by label similarity (docs/tracking.md, “Alignment”).
class aligner {
 public:
  aligner(const std::vector<fact_view>& lf, const std::vector<fact_view>& ef, const alias_map& aliases)
      : match_of_later(lf.size(), -1), earlier_used(ef.size(), false), sim_of_later(lf.size(), 0.0), lf_(lf),
        ef_(ef), aliases_(aliases) {
    // the earlier figures by normalised label, then by what the filters look at (unit, kind,
    // metric): within one group every figure is as good as another for any later figure, so the
    // first unused one in text order is the group's candidate
    std::map<std::tuple<std::size_t, std::string, bool, bool>, std::size_t> group_of;
    std::vector<std::size_t> earlier_keys;
    for (std::size_t e = 0; e < ef.size(); ++e) {
      const std::size_t k = keys_.intern(normalize_label(ef[e].label));
      if (k == earlier_keys_of_key_.size()) {
        earlier_keys_of_key_.emplace_back();
        earlier_keys.push_back(k);
      }
      const auto [it, added] = group_of.try_emplace({k, ef[e].f->q.unit, percent(*ef[e].f), ef[e].metric}, groups_.size());
      if (added) {
        groups_.push_back({ef[e].f->q.unit, percent(*ef[e].f), ef[e].metric, {}, 0});
        earlier_keys_of_key_[k].push_back(it->second);
      }
      groups_[it->second].facts.push_back(e);
    }
    earlier_key_count_ = keys_.size();
    for (std::size_t l = 0; l < lf.size(); ++l) later_key_.push_back(keys_.intern(normalize_label(lf[l].label)));
    earlier_keys_of_key_.resize(keys_.size());
    index_.emplace(keys_, earlier_keys);
    if (!aliases_.empty()) {
      alias_of_.resize(keys_.size(), nullptr);
      for (std::size_t k = 0; k < keys_.size(); ++k)
        if (const auto it = aliases_.find(keys_.key(k)); it != aliases_.end()) alias_of_[k] = &it->second;
      for (const auto k : earlier_keys)
        if (alias_of_[k]) by_alias_[*alias_of_[k]].push_back(k);
    }
    candidates_.resize(keys_.size());
    candidates_known_.resize(keys_.size(), false);
    if (aliases_.empty()) {
      for (const auto k : earlier_keys)
        if (!keys_.grams(k).empty()) same_grams_[grams_hash(keys_.grams(k))].push_back(k);
      exact_.resize(keys_.size());
      exact_known_.resize(keys_.size(), false);
    }
  }

  /// One greedy pass over the later figures not yet matched (only those with a stated change when
  /// `only_stated`): pairs of the same unit, or (same_unit false) of different units.
  template <class Stated>
  void align(bool same_unit, bool only_stated, const Stated& is_stated) {
    std::priority_queue<entry> queue;
    for (std::size_t l = 0; l < lf_.size(); ++l) {
      if (match_of_later[l] >= 0) continue;
      if (only_stated && !is_stated(l)) continue;
      if (const auto c = best(l, same_unit)) queue.push(*c);
    }
    drain(queue, [&](std::size_t l) { return best(l, same_unit); });
  }

  /// A label written shorter one year: same unit, and the later text before the figure ≥ 70%
  /// contained in the earlier one's and ≥ 40% the other way round (containment()).
  void align_by_prefix() {
    // the earlier prefixes left, indexed by their distinct Han bigrams
    std::unordered_map<bigram, std::vector<std::uint32_t>> postings;
    std::unordered_map<bigram, std::uint32_t> df;
    for (std::size_t e = 0; e < ef_.size(); ++e) {
      if (earlier_used[e] || !ef_[e].metric) continue;
      for (const auto b : bigrams(ef_[e].prefix)) {
        postings[b].push_back(static_cast<std::uint32_t>(e));
        ++df[b];
      }
    }
    std::vector<std::uint32_t> seen(ef_.size(), 0);
    std::uint32_t stamp = 0;
    prefix_candidates_.assign(lf_.size(), {});
    prefix_next_.assign(lf_.size(), 0);
    std::priority_queue<entry> queue;
    for (std::size_t l = 0; l < lf_.size(); ++l) {
      if (match_of_later[l] >= 0 || !lf_[l].metric) continue;
      // the bigram occurrences of the later prefix; a candidate must hold ≥ 70% of them, so it
      // holds one of the rarest few whose occurrences outweigh the other 30%
      const std::u32string& p = lf_[l].prefix;
      std::map<bigram, std::size_t> count;
      std::size_t total = 0;
      for (std::size_t i = 0; i + 1 < p.size(); ++i) {
        if (!is_han_pair(p[i], p[i + 1])) continue;
        ++total;
        ++count[make_bigram(p[i], p[i + 1])];
      }
      if (total < 3) continue;
      std::size_t need = 0;
      while (need <= total && !(static_cast<double>(need) / static_cast<double>(total) + 1e-12 >= 0.7)) ++need;
      std::vector<std::tuple<std::uint32_t, bigram, std::size_t>> order;
      for (const auto& [b, c] : count) {
        const auto it = df.find(b);
        order.emplace_back(it == df.end() ? 0u : it->second, b, c);
      }
      std::sort(order.begin(), order.end());
      ++stamp;
      auto& mine = prefix_candidates_[l];
      std::size_t rest = total;
      for (const auto& [d, b, c] : order) {
        if (rest < need) break;
        rest -= c;
        const auto it = postings.find(b);
        if (it == postings.end()) continue;
        for (const auto e32 : it->second) {
          if (seen[e32] == stamp) continue;
          seen[e32] = stamp;
          const std::size_t e = e32;
          if (lf_[l].f->q.unit != ef_[e].f->q.unit || !comparable_kind(*lf_[l].f, *ef_[e].f)) continue;
          const double a = containment(lf_[l].prefix, ef_[e].prefix), r = containment(ef_[e].prefix, lf_[l].prefix);
          if (a + 1e-12 >= 0.7 && r + 1e-12 >= 0.4) mine.emplace_back(a, e);
        }
      }
      std::sort(mine.begin(), mine.end(), [](const auto& x, const auto& y) {
        return x.first != y.first ? x.first > y.first : x.second < y.second;
      });
      if (const auto c = next_prefix_candidate(l)) queue.push(*c);
    }
    drain(queue, [&](std::size_t l) { return next_prefix_candidate(l); });
  }

  std::vector<int> match_of_later;
  std::vector<bool> earlier_used;
  std::vector<double> sim_of_later;

 private:
  struct entry {
    double sim;
    std::size_t l, e;
    // priority_queue puts the greatest on top: the highest similarity, then the first later
    // figure, then the first earlier one — the order of the plain sorted greedy
    bool operator<(const entry& o) const {
      if (sim != o.sim) return sim < o.sim;
      if (l != o.l) return l > o.l;
      return e > o.e;
    }
  };
  struct group {
    std::string unit;
    bool percent = false;
    bool metric = true;
    std::vector<std::size_t> facts;  // earlier figures, in text order
    std::size_t next = 0;            // facts before it are all used
  };

  static bool percent(const fact& f) { return f.kind == fact_kind::percent || f.q.unit == "%"; }
  static bool is_han_pair(char32_t a, char32_t b) {
    auto han = [](char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; };  // as containment() counts
    return han(a) && han(b);
  }

  /// Pops entries in order; an entry whose earlier figure was taken meanwhile is replaced by the
  /// later figure's next best, which can only rank after it.
  template <class Next>
  void drain(std::priority_queue<entry>& queue, Next&& next) {
    while (!queue.empty()) {
      const entry c = queue.top();
      queue.pop();
      if (match_of_later[c.l] >= 0) continue;
      if (earlier_used[c.e]) {
        if (const auto n = next(c.l)) queue.push(*n);
        continue;
      }
      match_of_later[c.l] = static_cast<int>(c.e);
      earlier_used[c.e] = true;
      sim_of_later[c.l] = c.sim;
    }
  }

  /// The earlier keys whose similarity with `k` reaches the threshold, best first.
  const std::vector<std::pair<double, std::size_t>>& candidates(std::size_t k) {
    if (candidates_known_[k]) return candidates_[k];
    candidates_known_[k] = true;
    auto& out = candidates_[k];
    if (keys_.key(k).empty()) return out;
    const std::string* alias = alias_of_.empty() ? nullptr : alias_of_[k];
    if (alias) {
      // both labels in the catalogue: the same metric or nothing; else the labels decide
      if (const auto it = by_alias_.find(*alias); it != by_alias_.end())
        for (const auto e : it->second) out.emplace_back(1.0, e);
      index_->query(keys_.grams(k), [&](std::size_t e, double s) {
        if (!alias_of_[e]) out.emplace_back(s, e);
      });
    } else {
      if (k < earlier_key_count_) out.emplace_back(1.0, k);  // the same label
      index_->query(keys_.grams(k), [&](std::size_t e, double s) {
        if (e != k) out.emplace_back(s, e);
      });
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    return out;
  }

  static std::size_t grams_hash(const std::vector<bigram>& grams) {
    std::size_t h = grams.size();
    for (const auto b : grams) h = h * 1000003u ^ std::hash<bigram>{}(b);
    return h;
  }

  /// The earlier keys of similarity 1.0 with `k` (without a catalogue): `k` itself and those with
  /// the same Han bigrams, in key order — the head of candidates(k), found without the bigram
  /// index. Most later labels were written the same way the year before, and their figure is
  /// paired from this head alone; only the others pay for a query of the index, whose posting
  /// lists of shared words (a department's name) are long.
  const std::vector<std::pair<double, std::size_t>>& exact_candidates(std::size_t k) {
    if (exact_known_[k]) return exact_[k];
    exact_known_[k] = true;
    auto& out = exact_[k];
    if (keys_.key(k).empty()) return out;
    if (k < earlier_key_count_) out.emplace_back(1.0, k);  // the same label
    const auto& grams = keys_.grams(k);
    if (grams.empty()) return out;  // the index finds nothing for a label without a Han bigram
    if (const auto it = same_grams_.find(grams_hash(grams)); it != same_grams_.end())
      for (const auto e : it->second)
        if (e != k && keys_.grams(e) == grams) out.emplace_back(1.0, e);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return out;
  }

  /// The best earlier figure still free for later figure l: the highest similarity, then the
  /// first in text order; the filters are those of the plain pass (unit, kind, metric labels).
  std::optional<entry> best(std::size_t l, bool same_unit) {
    // A figure found among the candidates of similarity 1.0 is the one the whole list gives: the
    // scan of the list below stops at the first candidate less similar than what it holds.
    if (!exact_known_.empty())
      if (auto e = best_among(l, same_unit, exact_candidates(later_key_[l]))) return e;
    return best_among(l, same_unit, candidates(later_key_[l]));
  }

  /// best() over `list` (similarity descending, then key ascending).
  std::optional<entry> best_among(std::size_t l, bool same_unit, const std::vector<std::pair<double, std::size_t>>& list) {
    const fact_view& L = lf_[l];
    const bool lp = percent(*L.f);
    std::optional<entry> out;
    for (const auto& [sim, k] : list) {
      if (out && sim < out->sim) break;
      for (const auto g : earlier_keys_of_key_[k]) {
        group& G = groups_[g];
        if ((G.unit == L.f->q.unit) != same_unit || G.percent != lp) continue;
        // short or structural labels align only through the catalogue
        if ((!G.metric || !L.metric) && (aliases_.empty() || sim < 1.0)) continue;
        while (G.next < G.facts.size() && earlier_used[G.facts[G.next]]) ++G.next;
        if (G.next == G.facts.size()) continue;
        const std::size_t e = G.facts[G.next];
        if (!out || sim > out->sim || e < out->e) out = entry{sim, l, e};
      }
    }
    return out;
  }

  std::optional<entry> next_prefix_candidate(std::size_t l) {
    auto& mine = prefix_candidates_[l];
    auto& i = prefix_next_[l];
    while (i < mine.size() && earlier_used[mine[i].second]) ++i;
    if (i == mine.size()) return std::nullopt;
    return entry{mine[i].first, l, mine[i].second};
  }

  const std::vector<fact_view>& lf_;
  const std::vector<fact_view>& ef_;
  const alias_map& aliases_;
  label_keys keys_;
  std::size_t earlier_key_count_ = 0;
  std::vector<std::size_t> later_key_;
  std::vector<group> groups_;
  std::vector<std::vector<std::size_t>> earlier_keys_of_key_;  // key → its groups
  std::optional<dice_index> index_;
  std::vector<const std::string*> alias_of_;
  std::map<std::string, std::vector<std::size_t>> by_alias_;  // metric → earlier keys
  std::vector<std::vector<std::pair<double, std::size_t>>> candidates_;
  std::vector<bool> candidates_known_;
  // without a catalogue: earlier keys by a hash of their bigrams; exact_candidates() by key
  std::unordered_map<std::size_t, std::vector<std::size_t>> same_grams_;
  std::vector<std::vector<std::pair<double, std::size_t>>> exact_;
  std::vector<bool> exact_known_;
  std::vector<std::vector<std::pair<double, std::size_t>>> prefix_candidates_;
  std::vector<std::size_t> prefix_next_;
};

}  // namespace

struct figure_views::data {
  data(const report& rep, const document& doc) : r(rep), d(doc), at(rep, doc), views(view_facts(rep, doc, at)) {}
  const report& r;
  const document& d;
  report_locator at;
  std::vector<fact_view> views;
};

figure_views::figure_views(const report& r, const document& d) : data_(std::make_unique<data>(r, d)) {}
figure_views::~figure_views() = default;

// ---- metrics ------------------------------------------------------------------------------------

namespace {

/// The stated changes of the later report (growth, pp, 同比…倍; not 环比), by the fact they qualify.
std::map<std::string, const change*> stated_by_fact(const report& later, const report_locator& lat) {
  std::map<std::string, const change*> stated;
  for (const auto& c : later.changes) {
    if (c.kind != change_kind::growth_pct && c.kind != change_kind::pp && !is_yoy_multiple(c)) continue;
    if (!c.value) continue;
    if (c.basis == growth_basis::mom) continue;
    const fact* f = lat.fact_of(c);
    if (f) stated.emplace(f->id, &c);
  }
  return stated;
}

/// Why two aligned figures cannot be compared (units, scope, a period word); empty when they can.
std::string incomparable(const fact_view& E, const fact_view& L) {
  if (E.f->q.unit != L.f->q.unit)
    return "units differ: " + (E.f->q.unit.empty() ? std::string("(none)") : E.f->q.unit) + " vs " +
           (L.f->q.unit.empty() ? std::string("(none)") : L.f->q.unit);
  if (E.scope != L.scope)
    return "scope differs: " + (E.scope_text.empty() ? std::string("the whole jurisdiction") : E.scope_text) +
           " in the earlier report, " + (L.scope_text.empty() ? std::string("the whole jurisdiction") : L.scope_text) +
           " in the later one";
  if (!L.period.empty()) return "scope or period word in the later report: " + L.period;
  if (!E.period.empty()) return "scope or period word in the earlier report: " + E.period;
  return {};
}

/// The growth (and, for a percentage, the change in points) of two comparable figures, and the
/// verdict on the change stated (`sc`, null when none).
void judge(metric_comparison& m, const quantity& eq, const quantity& lq, const change* sc) {
  if (const auto g = yoy_growth(eq.value, lq.value, 2); g.ok()) m.growth_pct = g.value.value;
  if (const auto r = growth_range(eq, lq, 2); r.ok()) {
    m.growth_pct_lo = r.value.lo;
    m.growth_pct_hi = r.value.hi;
  }
  const bool percent = m.unit == "%";
  if (percent) {
    m.change_pp = pp_change(eq.value, lq.value).value;
    if (const auto r = pp_range(eq, lq, 2); r.ok()) {
      m.change_pp_lo = r.value.lo;
      m.change_pp_hi = r.value.hi;
    }
  }
  if (!m.stated) {
    m.verdict = metric_verdict::not_stated;
    return;
  }
  if (m.stated->kind == change_kind::pp && !percent) {
    m.verdict = metric_verdict::unverifiable;
    m.reason = "percentage points stated for a figure that is not a percentage";
    return;
  }
  consistency c;
  if (m.stated->kind == change_kind::multiple) {
    // 同比增长1.1倍: factor 2.1, a growth of 110% written to the tens (the factor's last digit)
    quantity sq = stated_quantity((m.stated->value - decimal{1}) * decimal{100}, sc->qual, "%");
    sq.last_digit = -m.stated->value.normalized().scale() + 2;
    c = check_growth(eq, lq, sq);
  } else {
    const quantity sq = stated_quantity(m.stated->value, sc->qual, m.stated->kind == change_kind::pp ? "" : "%");
    c = m.stated->kind == change_kind::pp ? check_pp(eq, lq, sq) : check_growth(eq, lq, sq);
  }
  auto [verdict, basis] = verdict_of(c);
  m.verdict = verdict;
  m.basis = basis;
  if (verdict != metric_verdict::consistent) m.reason = c.reason;
}

/// The comparison of later figure `L` with its earlier partner `E` (null: none) and the change
/// stated on it (`sc`, null: none).
metric_comparison compare_one(const fact_view& L, const fact_view* E, double sim, const change* sc) {
  metric_comparison m;
  m.later = side_of(*L.f);
  m.later_label = L.f->label.empty() ? encode(L.label) : L.f->label;
  m.label = m.later_label;
  m.unit = L.f->q.unit;
  if (sc) m.stated = stated_change{sc->id, sc->kind, signed_value(*sc), sc->text};
  if (!E) {
    m.verdict = metric_verdict::unverifiable;
    m.reason = "no earlier value";
    return m;
  }
  m.earlier = side_of(*E->f);
  m.label = E->f->label.empty() ? encode(E->label) : E->f->label;
  m.similarity = std::round(sim * 100.0) / 100.0;
  if (std::string why = incomparable(*E, L); !why.empty()) {
    m.verdict = metric_verdict::unverifiable;
    m.reason = std::move(why);
    return m;
  }
  judge(m, E->f->q, L.f->q, sc);
  return m;
}

/// The unused earlier change a test accepts, of the unit of a later change, most like it (its
/// label, or its clause), when similar enough: one search for streaks and chains alike. The
/// earlier labels and clauses are decoded once.
class earlier_changes {
 public:
  earlier_changes(const report& earlier, const document& ed, const alias_map& aliases)
      : earlier_(earlier), ed_(ed), aliases_(aliases), words_(earlier.changes.size()) {}

  template <class Usable>
  std::optional<std::size_t> most_like(const change& c, const std::u32string& lctx, const std::vector<bool>& used,
                                       Usable&& usable) {
    const std::u32string clabel = decode(c.label);
    double best = 0;
    std::size_t at = earlier_.changes.size();
    for (std::size_t i = 0; i < earlier_.changes.size(); ++i) {
      const auto& e = earlier_.changes[i];
      if (used[i] || !usable(e) || e.unit != c.unit) continue;
      auto& w = words_[i];
      if (!w) w.emplace(decode(e.label), change_context(e, ed_));
      const double s = std::max(similarity(w->first, clabel, aliases_), label_similarity(w->second, lctx));
      if (s > best + 1e-12) {
        best = s;
        at = i;
      }
    }
    if (at == earlier_.changes.size() || best + 1e-12 < label_threshold) return std::nullopt;
    return at;
  }

 private:
  const report& earlier_;
  const document& ed_;
  const alias_map& aliases_;
  std::vector<std::optional<std::pair<std::u32string, std::u32string>>> words_;
};

/// 连续N年 in both years: a yearly streak grows by the years between, another count grows.
void check_streaks(const report& earlier, const report& later, const document& ld, int dy, earlier_changes& found_in,
                   tracking& out) {
  std::vector<bool> used(earlier.changes.size(), false);
  for (const auto& c : later.changes) {
    if (c.kind != change_kind::streak || !c.value) continue;
    const auto lctx = change_context(c, ld);
    const auto found =
        found_in.most_like(c, lctx, used, [](const change& e) { return e.kind == change_kind::streak && e.value; });
    if (!found) continue;
    const std::size_t at = *found;
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
}

/// The earlier year wrote the start of later chain `c` as a plain figure (在6个街道开展…试点, then
/// 试点由6个扩大至90个): the later start is checked against the earlier figure whose clause matches.
std::optional<from_to_check> chain_from_figure(const report& earlier, const document& ed, const change& c,
                                               const std::u32string& lctx) {
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
  if (!plain || best_fact + 1e-12 < label_threshold) return std::nullopt;
  from_to_check f;
  f.label = c.label.empty() ? (plain->label.empty() ? encode(lctx) : plain->label) : c.label;
  f.unit = c.unit;
  f.earlier_change = plain->id;  // a fact id: the earlier report states the figure, not a chain
  f.later_change = c.id;
  f.earlier_to = plain->q.value;
  f.later_from = *c.from;
  const interval b = plain->q.bounds();
  f.verdict =
      plain->q.value == *c.from || b.contains(*c.from) ? metric_verdict::consistent : metric_verdict::inconsistent;
  return f;
}

/// Chains: the later 由A至B starts where the earlier one ended.
void check_chains(const report& earlier, const report& later, const document& ed, const document& ld,
                  earlier_changes& found_in, tracking& out) {
  std::vector<bool> used(earlier.changes.size(), false);
  for (const auto& c : later.changes) {
    if (c.kind != change_kind::from_to || !c.from) continue;
    const auto lctx = change_context(c, ld);
    const auto found =
        found_in.most_like(c, lctx, used, [](const change& e) { return e.kind == change_kind::from_to && e.to; });
    if (!found) {
      if (auto f = chain_from_figure(earlier, ed, c, lctx)) out.from_to.push_back(std::move(*f));
      continue;
    }
    const std::size_t at = *found;
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

}  // namespace

void compare_figures(const figure_input& in, tracking& out) {
  const report& later = *in.later;
  const document& ld = *in.later_doc;
  const auto aliases = make_aliases(in.options);
  const report_locator& lat = in.later_figures->get().at;
  const std::vector<fact_view>& lf = in.later_figures->get().views;
  const std::vector<fact_view> no_earlier;
  const std::vector<fact_view>& ef = in.earlier_figures ? in.earlier_figures->get().views : no_earlier;
  const std::map<std::string, const change*> stated = stated_by_fact(later, lat);

  // alignment: greedy on similarity, same unit first; then a later figure with a stated change
  // and no partner of its unit may take one of another unit; then labels written shorter
  aligner al(lf, ef, aliases);
  const auto is_stated = [&](std::size_t l) { return stated.count(lf[l].f->id) > 0; };
  al.align(true, false, is_stated);
  al.align(false, true, is_stated);
  al.align_by_prefix();

  // one comparison per later figure at most: reserved, so that the comparisons (a few hundred
  // bytes each) are not moved again and again as the vector grows
  out.metrics.reserve(out.metrics.size() + lf.size());
  for (std::size_t l = 0; l < lf.size(); ++l) {
    const auto st = stated.find(lf[l].f->id);
    const change* sc = st == stated.end() ? nullptr : st->second;
    const int match = al.match_of_later[l];
    if (match < 0 && !sc) continue;
    const fact_view* E = match < 0 ? nullptr : &ef[static_cast<std::size_t>(match)];
    out.metrics.push_back(compare_one(lf[l], E, al.sim_of_later[l], sc));
  }

  if (!in.earlier) return;
  const report& earlier = *in.earlier;
  const document& ed = *in.earlier_doc;
  const int dy = (year_of(earlier) && year_of(later)) ? year_of(later) - year_of(earlier) : 1;
  earlier_changes found_in(earlier, ed, aliases);
  check_streaks(earlier, later, ld, dy, found_in, out);
  check_chains(earlier, later, ed, ld, found_in, out);
}

// ---- multiples and shares against their parts ---------------------------------------------

namespace {

/// The figures of one report by normalised label: the base of a multiple (built on first use).
class figures_by_label {
 public:
  explicit figures_by_label(const std::vector<fact_view>& fv) : fv_(fv) {}

  /// The first figure (in report order) of the highest similarity ≥ the threshold to `phrase`,
  /// of the unit of `num` and not `num` itself.
  const fact_view* most_similar(const std::u32string& phrase, const fact* num) {
    if (!keys_) build();
    const std::u32string key = normalize_label(phrase);
    if (key.empty()) return nullptr;
    const fact_view* base = nullptr;
    double best = 0;
    auto consider = [&](std::size_t k, double sim) {
      for (const auto i : facts_of_key_[k]) {
        if (fv_[i].f == num || fv_[i].f->q.unit != num->q.unit) continue;
        if (!base || sim > best || (sim == best && i < base->index)) {
          best = sim;
          base = &fv_[i];
        }
      }
    };
    const std::size_t known = facts_of_key_.size();
    const std::size_t self = keys_->intern(key);
    if (self < known) consider(self, 1.0);
    index_->query(keys_->grams(self), [&](std::size_t k, double sim) {
      if (k != self) consider(k, sim);
    });
    return base;
  }

 private:
  void build() {
    keys_.emplace();
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < fv_.size(); ++i) {
      const std::size_t k = keys_->intern(normalize_label(fv_[i].label));
      if (k == facts_of_key_.size()) {
        facts_of_key_.emplace_back();
        members.push_back(k);
      }
      facts_of_key_[k].push_back(i);
    }
    index_.emplace(*keys_, members);
  }

  const std::vector<fact_view>& fv_;
  std::optional<label_keys> keys_;
  std::optional<dice_index> index_;
  std::vector<std::vector<std::size_t>> facts_of_key_;
};

/// The figures of one report by span start: the nearest figure before a share.
class figures_by_start {
 public:
  explicit figures_by_start(const std::vector<fact_view>& fv) : fv_(fv) {
    for (std::size_t i = 0; i < fv.size(); ++i) by_start_.emplace_back(fv[i].f->span.start, i);
    std::sort(by_start_.begin(), by_start_.end());
  }

  /// The figure that starts last (the first of those) among those ending by `end` and starting at
  /// or after `from` that `pred` accepts.
  template <class Pred>
  const fact_view* nearest_before(std::size_t end, std::size_t from, Pred&& pred) const {
    const fact_view* best = nullptr;
    auto it = std::upper_bound(by_start_.begin(), by_start_.end(), std::make_pair(end, fv_.size()));
    while (it != by_start_.begin()) {
      --it;
      if (it->first < from || (best && it->first < best->f->span.start)) break;
      const fact_view& g = fv_[it->second];
      if (g.f->span.end > end || !pred(g)) continue;
      best = &g;  // same start, earlier in the report: the first wins
    }
    return best;
  }

 private:
  const std::vector<fact_view>& fv_;
  std::vector<std::pair<std::size_t, std::size_t>> by_start_;
};

/// The base phrase of a multiple: the change text without its verb, number and 倍 (or its label).
std::u32string base_phrase_of(const change& c) {
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
  return base_phrase;
}

/// Multiples: 是…的2.8倍, 达到…2倍以上.
void check_multiples(const report& r, const report_locator& at, figures_by_label& labels, which_report which,
                     tracking& out) {
  for (const auto& c : r.changes) {
    if (c.kind != change_kind::multiple || !c.value) continue;
    const fact* num = at.fact_of(c);
    if (!num || num->q.unit == "%") continue;
    const std::u32string base_phrase = base_phrase_of(c);
    if (han_count(base_phrase) < 2) continue;
    const fact_view* base = labels.most_similar(base_phrase, num);
    if (!base) continue;
    parts_check p;
    p.report = which;
    p.kind = parts_kind::multiple;
    p.label = num->label;
    p.base_label = base->f->label.empty() ? encode(base->label) : base->f->label;
    p.part_fact = num->id;
    p.base_fact = base->f->id;
    p.stated_text = c.text;
    p.stated = *c.value;
    if (const auto mr = multiple_range(base->f->q, num->q, 2); mr.ok()) {
      p.computed_lo = mr.value.lo;
      p.computed_hi = mr.value.hi;
    }
    p.verdict = verdict_of(check_multiple(base->f->q, num->q, stated_quantity(*c.value, c.qual, ""))).first;
    out.parts.push_back(std::move(p));
  }
}

/// The share `f` states (占比12.5%) of `part` in `whole`, checked.
parts_check share_check(const fact_view& f, const fact_view& part, const fact_view& whole, which_report which) {
  parts_check p;
  p.report = which;
  p.kind = parts_kind::share;
  p.label = part.f->label.empty() ? encode(part.label) : part.f->label;
  p.base_label = whole.f->label.empty() ? encode(whole.label) : whole.f->label;
  p.part_fact = part.f->id;
  p.base_fact = whole.f->id;
  p.stated_text = f.f->text;
  p.stated = f.f->q.value;
  if (const auto mr = multiple_range(whole.f->q, part.f->q, 4); mr.ok()) {
    if (mr.value.lo) p.computed_lo = (*mr.value.lo * decimal{100}).rounded(2, rounding::floor);
    if (mr.value.hi) p.computed_hi = (*mr.value.hi * decimal{100}).rounded(2, rounding::ceiling);
  }
  quantity factor = f.f->q;  // 12.5% of the whole is the factor 0.125
  factor.value = f.f->q.value.shifted(-2);
  factor.last_digit = f.f->q.last_digit - 2;
  factor.approximate = true;
  factor.unit.clear();
  p.verdict = verdict_of(check_multiple(whole.f->q, part.f->q, factor)).first;
  return p;
}

/// Shares: 其中…X件, 占比Y%.
void check_shares(const std::vector<fact_view>& fv, const report_locator& at, which_report which,
                  tracking& out) {
  const figures_by_start starts(fv);
  for (const auto& f : fv) {
    if (f.f->q.unit != "%") continue;
    if (f.prefix.find(U'占') == std::u32string::npos) continue;
    const std::size_t s0 = at.sentence_start(f.f->span.start);
    const fact_view* part =
        starts.nearest_before(f.f->span.start, s0, [](const fact_view& g) { return g.f->q.unit != "%"; });
    if (!part) continue;
    const fact_view* whole = starts.nearest_before(
        part->f->span.start, s0, [&](const fact_view& g) { return g.f->q.unit == part->f->q.unit; });
    if (!whole) continue;
    out.parts.push_back(share_check(f, *part, *whole, which));
  }
}

}  // namespace

void check_parts(const figure_views& figures, which_report which, tracking& out) {
  const std::vector<fact_view>& fv = figures.get().views;
  figures_by_label labels(fv);
  check_multiples(figures.get().r, figures.get().at, labels, which, out);
  check_shares(fv, figures.get().at, which, out);
}

// ---- implied priors ------------------------------------------------------------------------------

std::vector<implied_prior> implied_priors_of(const report& r, const document& d) {
  std::vector<implied_prior> out;
  const report_locator at(r, d);
  for (const auto& c : r.changes) {
    if (c.kind != change_kind::growth_pct || !c.value) continue;
    if (c.basis == growth_basis::mom) continue;
    const fact* f = at.fact_of(c);
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
    p.lo = range.value.lo;
    p.hi = range.value.hi;
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
  if (p.category) t.status = *p.category;  // one enum: the tracker's status is the progress class
  return t;
}

namespace {

/// The later report's value for a target's label: a figure, or the end of a 由A至B chain.
void find_current(const std::u32string& label, const std::string& unit, const figure_views& later_figures,
                  const alias_map& aliases, target_progress& t) {
  const report& later = later_figures.get().r;
  const document& ld = later_figures.get().d;
  const std::vector<fact_view>& lf = later_figures.get().views;
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

void plan_targets(const plan& p, const figure_views& later_figures, const track_options& options, tracking& out) {
  const report& later = later_figures.get().r;
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
    find_current(decode(t.label), t.unit, later_figures, aliases, t);
    out.targets.push_back(assess_target(std::move(t)));
  }
}

void report_targets(const figure_views& earlier_figures, const figure_views& later_figures,
                    const track_options& options, tracking& out) {
  const report& earlier = earlier_figures.get().r;
  const report& later = later_figures.get().r;
  const document& ed = earlier_figures.get().d;
  const auto aliases = make_aliases(&options);
  const std::vector<fact_view>& ef = earlier_figures.get().views;
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
    find_current(goal_label, t.unit, later_figures, aliases, t);
    out.targets.push_back(assess_target(std::move(t)));
  }
}

}  // namespace annals::detail
