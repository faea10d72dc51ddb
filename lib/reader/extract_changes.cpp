// Stated changes: 同比增长89.6% (growth_pct), 提高2.45个百分点 (pp), 由167支精简至114支
// (from_to), 是…的2.8倍 / 2倍以上 / 增长了3倍 (multiple), 翻一番 (doubling), 连续16年 (streak),
// 首次突破一万件 (threshold). Every pattern is read around one numeral, looking back at most one
// clause, so the pass is linear in the number of numerals.

#include "extract_detail.hpp"

#include <algorithm>

namespace annals::extract {
namespace {

constexpr std::size_t max_link_distance = 120;  // code points between a fact and its change
constexpr int max_link_clauses = 2;

struct verb_hit {
  std::size_t start = npos;
  direction dir = direction::none;
};

/// A growth verb (增长, 下降 …, optionally with 了) or growth noun (增幅为 …) ending at `end`.
verb_hit growth_verb_before(const doc& d, std::size_t end) {
  std::size_t p = end;
  if (d.before(p) == U'了') --p;
  const std::size_t up = lexicon::longest_before(d, p, lexicon::up_verbs());
  const std::size_t dn = lexicon::longest_before(d, p, lexicon::down_verbs());
  if (up > 0 || dn > 0) {
    // 降至/提高到 never end here: the figure would follow 至/到, not the verb
    return up >= dn ? verb_hit{p - up, direction::up} : verb_hit{p - dn, direction::down};
  }
  std::size_t q = end;
  for (u32 w : {u32(U"达到"), u32(U"为"), u32(U"达"), u32(U"是")})
    if (d.ends_with(q, w)) {
      q -= w.size();
      break;
    }
  const std::size_t un = lexicon::longest_before(d, q, lexicon::up_nouns());
  const std::size_t dnn = lexicon::longest_before(d, q, lexicon::down_nouns());
  if (un > 0) return {q - un, direction::up};
  if (dnn > 0) return {q - dnn, direction::down};
  return {};
}

/// The nearest 同比/环比/较上年 … before `end` in its clause: its start and basis.
std::size_t basis_before(const doc& d, std::size_t end, growth_basis& basis) {
  basis = growth_basis::none;
  const std::size_t cs = clause_start(d, end, 24);
  for (std::size_t i = end; i-- > cs;) {
    if (lexicon::longest_at(d, i, lexicon::yoy_words()) > 0) {
      basis = growth_basis::yoy;
      return i;
    }
    if (lexicon::longest_at(d, i, lexicon::mom_words()) > 0) {
      basis = growth_basis::mom;
      return i;
    }
  }
  return npos;
}

change base_change(change_kind k, std::size_t start, std::size_t end, const doc& d) {
  change c;
  c.kind = k;
  c.span = {start, end};
  c.text = d.utf8(start, end);
  return c;
}

/// The label of a change or from_to fact written before `pos` in its clause.
std::string label_before(const doc& d, const std::vector<mention>& ms, std::size_t k, std::size_t pos) {
  std::size_t cs = clause_start(d, pos);
  for (std::size_t j = k; j-- > 0;) {
    if (ms[j].end <= pos) {
      // 查办环境违法案件较2023年下降了15%: the year is the basis of the comparison, and what is
      // compared stands before it
      const char32_t pre = d.before(ms[j].start);
      if (ms[j].role == mention_role::skipped && std::string_view(ms[j].reason) == "year" && ms[j].start > cs + 1 &&
          (pre == U'较' || pre == U'比' || pre == U'与')) {
        pos = ms[j].start - 1;
        continue;
      }
      if (ms[j].end > cs) cs = ms[j].end;
      break;
    }
  }
  return label_phrase(d, cs, pos);
}

}  // namespace

std::vector<change_draft> find_changes(const doc& d, std::vector<mention>& ms) {
  std::vector<change_draft> out;
  for (std::size_t k = 0; k < ms.size(); ++k) {
    mention& m = ms[k];
    if (m.role != mention_role::candidate) continue;

    // 翻一番, 翻两番
    if (m.unit == "番") {
      const std::size_t b = d.ends_with(m.start, U"翻了") ? m.start - 2 : m.start - 1;
      change c = base_change(change_kind::doubling, b, m.end, d);
      c.value = m.fig.value;
      c.dir = direction::up;
      m.role = mention_role::change;
      out.push_back({std::move(c), k, npos});
      continue;
    }

    // 提高2.45个百分点
    if (m.cls == measure_class::pp) {
      const verb_hit v = growth_verb_before(d, m.start);
      std::size_t b = v.start != npos ? v.start : m.start;
      growth_basis basis = growth_basis::none;
      if (const std::size_t bb = basis_before(d, b, basis); bb != npos) b = bb;
      change c = base_change(change_kind::pp, b, m.end, d);
      c.value = m.fig.value;
      c.dir = v.dir;
      c.basis = basis;
      c.qual = m.qual;
      m.role = mention_role::change;
      out.push_back({std::move(c), k, npos});
      continue;
    }

    // 是…的2.8倍, 2倍以上, 增长了3倍, 增加到3倍
    if (m.cls == measure_class::times) {
      decimal factor = m.fig.value;
      std::size_t b = m.start;
      const verb_hit v = growth_verb_before(d, m.start);
      const char32_t pre = d.before(m.start);
      if (v.start != npos && v.dir == direction::up) {
        factor = m.fig.value + decimal{1};  // 增加了N倍: N + 1 times the base
        b = v.start;
      } else {
        const std::size_t cs = clause_start(d, m.start);
        const u32 cl = d.view(cs, m.start);
        const auto shi = cl.rfind(U"是");
        const auto da = cl.rfind(U"达");
        if (pre == U'的' && shi != u32::npos) {
          b = cs + shi;
        } else if (pre == U'到' || pre == U'至') {
          const std::size_t n = lexicon::longest_before(d, m.start - 1, lexicon::up_verbs());
          b = m.start - 1 - n;
        } else if (da != u32::npos) {
          b = cs + da;
        } else if (shi != u32::npos) {
          b = cs + shi;
        }
      }
      growth_basis basis = growth_basis::none;
      if (const std::size_t bb = basis_before(d, b, basis); bb != npos && bb + 8 > b) b = bb;
      change c = base_change(change_kind::multiple, b, m.end, d);
      c.value = factor;
      c.qual = m.qual;
      c.basis = basis;
      c.unit = "倍";
      c.dir = factor > decimal{1} ? direction::up : (factor < decimal{1} ? direction::down : direction::none);
      m.role = mention_role::change;
      out.push_back({std::move(c), k, npos});
      continue;
    }

    // 连续16年获评…
    if (d.ends_with(m.start, U"连续") && m.qual == qualifier::exact &&
        (m.cls == measure_class::duration || m.unit == "次" || m.unit == "届")) {
      change c = base_change(change_kind::streak, m.start - 2, m.end, d);
      c.value = m.fig.value;
      c.unit = std::string(m.unit);
      std::size_t a = m.end, e = clause_end(d, m.end, 32);
      d.trim(a, e);
      // what held N years: what follows (连续16年获评… → 获评…); when that is a level (保持100%),
      // the subject before 连续 too (出庭应诉率连续5年保持100% → 出庭应诉率保持100%)
      std::string subject;
      if (k + 1 < ms.size() && ms[k + 1].start < e) {
        std::size_t sb = clause_start(d, m.start - 2);
        if (k > 0 && ms[k - 1].end > sb && ms[k - 1].end <= m.start - 2) sb = ms[k - 1].end;
        if (m.start - 2 > sb) subject = label_phrase(d, sb, m.start - 2);
      }
      m.label = subject + d.utf8(a, e);
      m.role = mention_role::fact;
      out.push_back({std::move(c), k, k});
      continue;
    }

    // 由167支精简至114支, 从80%提高到85%
    const char32_t pre = d.before(m.start);
    if (pre == U'至' || pre == U'到') {
      for (std::size_t j = k; j-- > 0;) {
        mention& a = ms[j];
        if (a.end > m.start) continue;
        const bool usable = a.role == mention_role::candidate ||
                            (a.role == mention_role::skipped && std::string_view(a.reason) == "no_measure");
        const u32 between = d.view(a.end, m.start - 1);
        const char32_t from_word = d.before(a.start);
        bool clean = between.size() <= 8;
        for (char32_t ch : between)
          if (is_clause_end(ch) || is_digit(ch)) clean = false;
        if (usable && clean && (from_word == U'由' || from_word == U'从')) {
          const std::size_t b = a.start - 1;
          change c = base_change(change_kind::from_to, b, m.end, d);
          c.from = a.fig.value;
          c.to = m.fig.value;
          c.unit = std::string(!m.unit.empty() ? m.unit : a.unit);
          c.dir = *c.to < *c.from ? direction::down : (*c.from < *c.to ? direction::up : direction::none);
          a.role = mention_role::from_value;
          m.role = mention_role::fact;
          m.label = label_before(d, ms, j, b);
          out.push_back({std::move(c), k, k});
        }
        break;  // only the nearest numeral before can be the from-value
      }
      if (m.role != mention_role::candidate) continue;
    }

    // 首次突破一万件
    if (m.qual_start < m.qual_end && d.ends_with(m.qual_start, U"首次")) {
      const u32 q = d.view(m.qual_start, m.qual_end);
      if (q == U"突破" || q == U"超过" || q == U"超" || q == U"低于" || q == U"不足") {
        change c = base_change(change_kind::threshold, m.qual_start - 2, m.end, d);
        c.value = m.fig.value;
        c.unit = std::string(m.unit);
        c.dir = (q == U"低于" || q == U"不足") ? direction::down : direction::up;
        m.role = mention_role::fact;
        out.push_back({std::move(c), k, k});
        continue;
      }
    }

    // 同比增长89.6%, 下降5.2%
    if (m.cls == measure_class::percent) {
      const verb_hit v = growth_verb_before(d, m.start);
      if (v.start != npos) {
        std::size_t b = v.start;
        growth_basis basis = growth_basis::none;
        if (const std::size_t bb = basis_before(d, b, basis); bb != npos) b = bb;
        change c = base_change(change_kind::growth_pct, b, m.end, d);
        c.value = m.fig.value;
        c.dir = v.dir;
        c.basis = basis;
        c.qual = m.qual;
        m.role = mention_role::change;
        out.push_back({std::move(c), k, npos});
        continue;
      }
    }
  }
  return out;
}

void finish_changes(const doc& d, const std::vector<mention>& ms, std::vector<change_draft>& drafts,
                    const report& r) {
  for (auto& cd : drafts) {
    change& c = cd.c;
    // a change with a subject of its own (行政诉讼案件环比下降3.2%) qualifies no earlier fact
    std::string own;
    if (cd.fact_mention == npos) own = label_before(d, ms, cd.source, c.span.start);
    if (cd.fact_mention == npos && own.empty()) {
      // the fact this change qualifies: the nearest fact before it in its sentence, at most two
      // clauses back (超1.11万件,同比增长89.6%,达到…2倍以上)
      for (std::size_t j = cd.source; j-- > 0;) {
        const mention& f = ms[j];
        if (f.role == mention_role::target) break;  // after a target's goal: it qualifies no fact before
        if (f.role != mention_role::fact) continue;
        if (f.end > c.span.start || c.span.start - f.end > max_link_distance) break;
        int clauses = 0;
        bool same_sentence = true;
        for (std::size_t i = f.end; i < c.span.start; ++i) {
          const char32_t ch = d.at(i);
          if (is_sentence_end(ch) || ch == U';' || ch == U'；') same_sentence = false;
          if (is_clause_end(ch)) ++clauses;
        }
        if (same_sentence && clauses <= max_link_clauses) cd.fact_mention = j;
        break;
      }
    }
    if (cd.fact_mention != npos && ms[cd.fact_mention].fact != npos) {
      c.label = r.facts[ms[cd.fact_mention].fact].label;
    } else {
      c.label = own.empty() ? label_before(d, ms, cd.source, c.span.start) : own;
    }
  }
}

}  // namespace annals::extract
