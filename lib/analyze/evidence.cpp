// collect_quotes(): the sentence behind every verdict and status of a jurisdiction_view, with its
// part, item and source, for the evidence list of the HTML page.

#include "analyze/evidence_detail.hpp"

#include <annals/text.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace annals {

std::string quote_id(int year, std::string_view fact) { return "q" + std::to_string(year) + "-" + std::string(fact); }

std::string passage_quote_id(int year, std::size_t start) {
  return "q" + std::to_string(year) + "-p" + std::to_string(start);
}

std::string commitment_quote_id(const timeline_entry& e) {
  if (!e.evidence.empty()) return passage_quote_id(e.later_year, e.evidence.front().span.start);
  return quote_id(e.earlier_year, e.commitment);
}

namespace detail {

namespace {

/// A report's text with the byte offset of every code point, so that spans cut it in O(1).
class indexed_text {
 public:
  explicit indexed_text(const std::string& text) : text_(text) {
    for (std::size_t b = 0; b < text.size();) {
      starts_.push_back(b);
      const auto cp = utf8::decode(text, b);
      cps_.push_back(cp.value);
      b += std::max<std::size_t>(cp.length, 1);
    }
    starts_.push_back(text.size());
  }
  [[nodiscard]] std::size_t size() const { return cps_.size(); }
  [[nodiscard]] char32_t at(std::size_t i) const { return cps_[i]; }
  [[nodiscard]] std::string cut(std::size_t from, std::size_t to) const {
    from = std::min(from, size());
    to = std::clamp(to, from, size());
    return text_.substr(starts_[from], starts_[to] - starts_[from]);
  }

 private:
  const std::string& text_;
  std::vector<std::size_t> starts_;
  std::vector<char32_t> cps_;
};

bool ends_sentence(char32_t c) { return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'\n'; }

/// One loaded report and what quoting it needs.
struct quoted_report {
  report r;
  const report_summary* summary = nullptr;
  indexed_text idx;
  std::unordered_map<std::string, const fact*> facts;       ///< by id
  std::unordered_map<std::string, const change*> changes;   ///< the first change stated on a fact, by the fact's id
  explicit quoted_report(report rep, const report_summary* s) : r(std::move(rep)), summary(s), idx(r.text) {
    for (const auto& f : r.facts) facts.emplace(f.id, &f);
    for (const auto& c : r.changes)
      if (c.fact) changes.emplace(*c.fact, &c);
  }
};

/// The quote of `mark` (code points of q's text) with its whole sentence, at most 160 code
/// points on either side of the mark.
evidence_quote quote_of(const quoted_report& q, int year, text_span mark, std::string id) {
  constexpr std::size_t reach = 160;
  const indexed_text& t = q.idx;
  mark.end = std::min(mark.end, t.size());
  mark.start = std::min(mark.start, mark.end);
  std::size_t from = mark.start;
  while (from > 0 && mark.start - from < reach && !ends_sentence(t.at(from - 1))) --from;
  std::size_t to = mark.end;
  while (to < t.size() && to - mark.end < reach && !ends_sentence(t.at(to))) ++to;
  if (to < t.size() && t.at(to) != U'\n') ++to;  // keep the 。
  while (from < mark.start && (t.at(from) == U' ' || t.at(from) == U'\u3000' || t.at(from) == U'\t')) ++from;
  evidence_quote e;
  e.id = std::move(id);
  e.year = year;
  e.before = t.cut(from, mark.start);
  e.marked = t.cut(mark.start, mark.end);
  e.after = t.cut(mark.end, to);
  e.source_name = q.summary->source_name;
  e.sha256 = q.summary->sha256;
  for (const auto& s : q.r.sections) {
    if (mark.start < s.span.start || mark.start >= s.span.end) continue;
    e.section_marker = s.marker;
    e.section_heading = s.heading;
    for (const auto& it : s.items) {
      if (mark.start < it.span.start || mark.start >= it.span.end) continue;
      e.item = it.ordinal;
      e.item_title = it.title;
    }
  }
  return e;
}

/// The span of figure `fact` widened to the change stated on it (同比增长12.5%), when there is one.
std::optional<text_span> figure_span(const quoted_report& q, const std::string& fact) {
  const auto f = q.facts.find(fact);
  if (f == q.facts.end()) return std::nullopt;
  text_span s = f->second->span;
  if (const auto c = q.changes.find(fact); c != q.changes.end()) {
    s.start = std::min(s.start, c->second->span.start);
    s.end = std::max(s.end, c->second->span.end);
  }
  return s;
}

/// The span of a commitment (next step, plan, problem) of `r`.
std::optional<text_span> commitment_span(const report& r, const std::string& id) {
  const auto c = std::find_if(r.commitments.begin(), r.commitments.end(), [&](const commitment& x) { return x.id == id; });
  if (c == r.commitments.end()) return std::nullopt;
  return c->span;
}

}  // namespace

void collect_quotes(const store& db, const std::vector<report_summary>& by_year, jurisdiction_view& v) {
  std::map<int, const report_summary*> summaries;
  for (const auto& s : by_year) summaries[s.year->value()] = &s;
  std::map<int, std::unique_ptr<quoted_report>> loaded;
  auto load = [&](int year) -> const quoted_report* {
    if (const auto it = loaded.find(year); it != loaded.end()) return it->second.get();
    const auto s = summaries.find(year);
    if (s == summaries.end()) return nullptr;
    auto q = std::make_unique<quoted_report>(db.load_report(s->second->id), s->second);
    return loaded.emplace(year, std::move(q)).first->second.get();
  };
  std::map<std::string, std::pair<std::size_t, evidence_quote>> quotes;  // by id, with its place in the text
  auto add = [&](int year, const std::optional<text_span>& span, const std::string& id, const quoted_report* q) {
    if (span && q && !quotes.count(id)) quotes.emplace(id, std::pair(span->start, quote_of(*q, year, *span, id)));
  };
  for (const auto& m : v.metrics) {
    for (const auto& p : m.points) {
      if (!p.verdict && !p.stated) continue;
      const quoted_report* q = load(p.year);
      if (q) add(p.year, figure_span(*q, p.fact), quote_id(p.year, p.fact), q);
    }
  }
  for (const auto& e : v.commitments) {
    if (!e.evidence.empty()) {
      add(e.later_year, e.evidence.front().span, commitment_quote_id(e), load(e.later_year));
    } else if (const quoted_report* q = load(e.earlier_year)) {
      add(e.earlier_year, commitment_span(q->r, e.commitment), commitment_quote_id(e), q);
    }
  }
  for (auto& x : v.inconsistencies)
    if (!x.quote.empty() && !quotes.count(x.quote)) {
      // a finding of the tracker on a figure the series did not quote
      const auto dash = x.quote.find('-');
      const quoted_report* q = load(x.year);
      const std::string fact = dash == std::string::npos ? std::string() : x.quote.substr(dash + 1);
      if (q) add(x.year, figure_span(*q, fact), x.quote, q);
      if (!quotes.count(x.quote)) x.quote.clear();
    }
  std::vector<std::pair<std::size_t, evidence_quote>> ordered;
  for (auto& [id, q] : quotes) ordered.push_back(std::move(q));
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second.year, a.first) < std::tie(b.second.year, b.first);
  });
  v.quotes.clear();
  for (auto& [at, q] : ordered) v.quotes.push_back(std::move(q));
}

}  // namespace detail
}  // namespace annals
