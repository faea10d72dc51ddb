// Stated changes: 同比增长89.6% and the list after it (分别下降8.9%和21.3%) (growth_pct),
// 提高2.45个百分点 (pp), 由167支精简至114支 / 由2019年的28.4%降至13.1% / 把58项指标精简为11项
// (from_to), 是…的2.8倍 / 2倍以上 / 增长了3倍 (multiple), 翻一番 (doubling), 连续16年 / 连续两届
// (streak), 首次突破一万件 (threshold); none after a goal word (力争, 预计 …). Every pattern is
// read around one numeral, looking back at most one clause or a few mentions, so the pass is
// linear in the number of numerals (docs/reader.md §4).

#include "extract_detail.hpp"

#include <algorithm>

namespace annals::detail {
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

/// A verb of change right before the 至/到/为 of a from_to: the growth verbs (增, 降, 压减, 缩短 …)
/// and the verbs of a reorganisation or a span (精简, 整合, 调整, 延长 …).
bool merge_verb_before(const doc& d, std::size_t end) {
  for (u32 w : {u32(U"整合"), u32(U"合并"), u32(U"归并"), u32(U"调整"), u32(U"优化"), u32(U"精简"), u32(U"变"),
                u32(U"延长"), u32(U"缩小"), u32(U"扩展"), u32(U"拓展"), u32(U"扩充"), u32(U"升"), u32(U"调减"),
                u32(U"调增")})
    if (d.ends_with(end, w)) return true;
  return lexicon::longest_before(d, end, lexicon::up_verbs()) > 0 ||
         lexicon::longest_before(d, end, lexicon::down_verbs()) > 0;
}

/// A year mention (skipped as a year) ending at `end`, or at `end` less 初/底/末 (2021年初):
/// its index (looked for among the mentions before `k`), or npos.
std::size_t year_ending_at(const doc& d, const std::vector<mention>& ms, std::size_t k, std::size_t end) {
  if (k == 0) return npos;
  const mention& y = ms[k - 1];
  if (y.role != mention_role::skipped || std::string_view(y.reason) != "year") return npos;
  if (y.end == end) return k - 1;
  const char32_t c = d.at(y.end);
  if (y.end + 1 == end && (c == U'初' || c == U'底' || c == U'末')) return k - 1;
  return npos;
}

/// The 至/到/为 that ends the verb of a from_to before mention `k` (降至13.1%, 提高到98%, 精简为11项),
/// also when the end value has its own year (增至2022年的62个: `year` is then that year's mention):
/// its index, or npos.
std::size_t to_marker(const doc& d, const std::vector<mention>& ms, std::size_t k, std::size_t& year) {
  year = npos;
  std::size_t p = ms[k].start;
  if (d.before(p) == U'的') {
    year = year_ending_at(d, ms, k, p - 1);
    if (year == npos) return npos;
    p = ms[year].start;
  } else if (const std::size_t y = year_ending_at(d, ms, k, p); y != npos) {
    year = y;  // 增至2022年62个
    p = ms[y].start;
  }
  const char32_t c = d.before(p);
  return c == U'至' || c == U'到' || c == U'为' ? p - 1 : npos;
}

/// Where the 由/从 (or 把/将) of a from_to's start value `ms[j]` stands: 由126项, 从9支, 把58项, also
/// with a time or a word between them and 的 (由2019年的486项, 从2021年初的186家, 由原来的28支,
/// 从法定时限的20个工作日, 由上年的5.8件/万人). npos when there is none; `ba` is set for 把/将.
std::size_t from_word_before(const doc& d, const std::vector<mention>& ms, std::size_t j, bool& ba) {
  ba = false;
  const std::size_t s = ms[j].start;
  const char32_t c = d.before(s);
  if (c == U'由' || c == U'从') return s - 1;
  if (c == U'把' || c == U'将') {
    ba = true;
    return s - 1;
  }
  if (const std::size_t y = year_ending_at(d, ms, j, s); y != npos) {  // 由2019年486项
    const char32_t f = d.before(ms[y].start);
    return f == U'由' || f == U'从' ? ms[y].start - 1 : npos;
  }
  if (c != U'的') return npos;
  const std::size_t q = s - 1;  // the 的
  std::size_t p = npos;
  if (const std::size_t y = year_ending_at(d, ms, j, q); y != npos) {
    p = ms[y].start;
  } else {
    // a word of up to five characters: 原来, 上年, 法定时限
    for (std::size_t i = q; i-- > 0 && q - i <= 6;) {
      const char32_t ch = d.at(i);
      if (ch == U'由' || ch == U'从') {
        p = i + 1;
        break;
      }
      if (!is_han(ch) || cn_digit(ch) >= 0) return npos;
    }
    if (p == npos || p == q) return npos;
    // 由于, 从事, 从严 …: not a start
    const char32_t nx = d.at(p);
    if (nx == U'于' || nx == U'事' || nx == U'严' || nx == U'而' || nx == U'业' || nx == U'重' || nx == U'此')
      return npos;
  }
  const char32_t f = d.before(p);
  if (f != U'由' && f != U'从') return npos;
  // 服从, 自由, 理由, 听从, 跟从: the character is part of a word
  const char32_t w = d.before(p - 1);
  if (w == U'服' || w == U'自' || w == U'理' || w == U'听' || w == U'跟' || w == U'缘' || w == U'随') return npos;
  return p - 1;
}

/// A word of a goal or an expectation (力争, 预计 …) before `pos` in its clause or the clause
/// before, within its sentence: a growth written after it is aimed at or expected, not stated
/// (预计全年办理量将达到3600件左右,同比增长约10%; 力争发案数再下降10%以上).
bool after_goal_word(const doc& d, std::size_t pos) {
  constexpr std::size_t window = 60;
  const std::size_t lim = pos > window ? pos - window : 0;
  int clauses = 0;
  for (std::size_t i = pos; i-- > lim;) {
    const char32_t c = d.at(i);
    if (is_sentence_end(c)) return false;
    if (is_clause_end(c) && ++clauses > 1) return false;
    if (c != U'力' && c != U'确' && c != U'争' && c != U'有' && c != U'预' && c != U'目' && c != U'计') continue;
    for (u32 w : {u32(U"力争"), u32(U"力求"), u32(U"确保"), u32(U"争取"), u32(U"有望"), u32(U"预计"), u32(U"预期"),
                  u32(U"目标是"), u32(U"目标为"), u32(U"计划")}) {
      if (d.has(i, w) && d.at(i + w.size()) != U'了' && !(w == U"预期" && d.before(i) == U'超')) return true;
    }
  }
  return false;
}

}  // namespace

namespace {

/// find_changes() as one pass over the mentions with a phase per kind of change, tried in order;
/// the first that takes a mention ends its turn.
struct change_finder {
  const doc& d;
  std::vector<mention>& ms;
  std::vector<change_draft> out;
  std::size_t last_growth = npos;  // the draft of the last growth_pct, for the lists that share its verb
  std::size_t last_pp = npos;      // the draft of the last pp change (分别提高1.5和4.2个百分点)

  change_finder(const doc& doc_, std::vector<mention>& ms_) : d(doc_), ms(ms_) {
    out.reserve(ms.size() / 2 + 16);  // a change is a mention, most often one of two (件, then 增长x%)
  }

  // The member of a list (…和4.2个百分点, …、42%) right after the change `last` of kind `kind`, joined
  // to it by 、/和/及/与: a change of that kind sharing its direction and basis. Updates `last`.
  bool join_list(change_kind kind, std::size_t& last, std::size_t k, mention& m) {
    if (last == npos || out[last].source + 1 != k) return false;
    const u32 gap = d.view(ms[k - 1].end, m.start);
    if (gap != U"、" && gap != U"和" && gap != U"及" && gap != U"与" && gap != U"以及") return false;
    const change& prev = out[last].c;
    change c = base_change(kind, m.start, m.end, d);
    c.value = m.fig.value;
    c.dir = prev.dir;
    c.basis = prev.basis;
    c.qual = m.qual;
    m.role = mention_role::change;
    change_draft cd{std::move(c), k, npos};
    cd.list_of = last;
    out.push_back(std::move(cd));
    last = out.size() - 1;
    return true;
  }

  // 翻一番, 翻两番, 翻了一番多
  bool doubling(std::size_t k, mention& m) {
    if (m.unit != "番") return false;
    const std::size_t b = d.ends_with(m.start, U"翻了") ? m.start - 2 : m.start - 1;
    std::size_t e = m.end;
    qualifier q = qualifier::exact;
    if (d.at(e) == U'多' || d.at(e) == U'余') {
      q = qualifier::more_than;
      ++e;
    } else if (d.has(e, U"以上")) {
      q = qualifier::at_least;
      e += 2;
    }
    change c = base_change(change_kind::doubling, b, e, d);
    c.value = m.fig.value;
    c.qual = q;
    c.dir = direction::up;
    m.role = mention_role::change;
    out.push_back({std::move(c), k, npos});
    return true;
  }

  // 提高2.45个百分点 (not after a goal word: 力争提高5个百分点 is a target)
  bool pp(std::size_t k, mention& m) {
    if (m.cls != measure_class::pp || after_goal_word(d, m.start)) return false;
    // 分别比上年提高1.5和4.2个百分点: the second of a list shares the first one's verb
    if (join_list(change_kind::pp, last_pp, k, m)) return true;
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
    last_pp = out.size() - 1;
    return true;
  }

  // 是…的2.8倍, 2倍以上, 增长了3倍, 增加到3倍
  bool multiple(std::size_t k, mention& m) {
    if (m.cls != measure_class::times) return false;
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
    return true;
  }

  // 连续16年获评… (a streak and its span of time, a fact); 连续3次, 连续两届 (a streak only: the
  // count of occasions is the streak itself, not a figure of its own)
  bool streak(std::size_t k, mention& m) {
    if (!(d.ends_with(m.start, U"连续") && m.qual == qualifier::exact &&
          (m.cls == measure_class::duration || m.unit == "次" || m.unit == "届")))
      return false;
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
    if (m.cls == measure_class::duration) {
      m.role = mention_role::fact;
      out.push_back({std::move(c), k, k});
    } else {
      c.label = *m.label;
      m.role = mention_role::change;
      out.push_back({std::move(c), k, npos});
    }
    return true;
  }

  // 由167支精简至114支, 从80%提高到85%, 由2019年的28.4%降至13.1%, 由原来的28支整合为11支,
  // 把58项考核指标精简为11项, 由2020年的17个增至2022年的62个. True when the mention is taken
  // (as the end of a change, or its start is a from-value of a change aimed at).
  bool from_to(std::size_t k, mention& m) {
    std::size_t end_year = npos;
    const std::size_t to = to_marker(d, ms, k, end_year);
    if (to == npos) return false;
    for (std::size_t j = k; j-- > 0;) {
      if (j == end_year) continue;
      mention& a = ms[j];
      if (a.end > to) continue;
      const bool usable = a.role == mention_role::candidate ||
                          (a.role == mention_role::skipped && std::string_view(a.reason) == "no_measure");
      const u32 between = d.view(a.end, to);
      bool ba = false;
      const std::size_t b = usable ? from_word_before(d, ms, j, ba) : npos;
      // between the two values the verb of change, ending right before 至/到/为 (精简, 降,
      // 进一步压减); after 把/将 also what is counted, and then both values must share their unit
      // (把58项考核指标精简为11项)
      bool clean = between.size() <= (ba ? 16u : 8u) && (!ba || (!m.unit.empty() && a.unit == m.unit)) &&
                   merge_verb_before(d, to);
      for (char32_t ch : between)
        if (is_clause_end(ch) || is_digit(ch)) clean = false;
      if (b != npos && clean && after_goal_word(d, b)) {
        // 力争将审批时限由20天压减至10天: a change aimed at; its start is no fact either, its end
        // is left to the targets
        a.role = mention_role::from_value;
      } else if (b != npos && clean) {
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
    return m.role != mention_role::candidate;
  }

  // （2022年61.5%→2023年72.8%）, 114支→98支: an arrow between two figures of one unit is a from_to
  // (a year may stand before either); its end is the fact, its start is not
  bool arrow(std::size_t k, mention& m) {
    std::size_t p = m.start;
    // a year right before the end value: 2023年72.8%
    if (p >= 5 && d.at(p - 1) == U'年' && is_digit(d.at(p - 2)) && is_digit(d.at(p - 5))) p -= 5;
    if (p == 0 || (d.at(p - 1) != U'→' && d.at(p - 1) != U'⟶')) return false;
    const std::size_t arrow_at = p - 1;
    for (std::size_t j = k; j-- > 0;) {
      mention& a = ms[j];
      if (a.end > arrow_at) continue;
      const bool usable = a.role == mention_role::candidate || a.role == mention_role::fact;
      if (!usable || a.end != arrow_at || a.unit != m.unit || a.cls != m.cls) return false;
      change c = base_change(change_kind::from_to, a.start, m.end, d);
      c.from = a.fig.value;
      c.to = m.fig.value;
      c.unit = std::string(m.unit);
      c.dir = *c.to < *c.from ? direction::down : (*c.from < *c.to ? direction::up : direction::none);
      a.role = mention_role::from_value;
      m.role = mention_role::fact;
      out.push_back({std::move(c), k, k});
      return true;
    }
    return false;
  }

  // 首次突破一万件
  bool threshold(std::size_t k, mention& m) {
    if (!(m.qual_start < m.qual_end && d.ends_with(m.qual_start, U"首次"))) return false;
    const u32 q = d.view(m.qual_start, m.qual_end);
    if (q != U"突破" && q != U"超过" && q != U"超" && q != U"低于" && q != U"不足") return false;
    change c = base_change(change_kind::threshold, m.qual_start - 2, m.end, d);
    c.value = m.fig.value;
    c.unit = std::string(m.unit);
    c.dir = (q == U"低于" || q == U"不足") ? direction::down : direction::up;
    // a threshold crossed is a change, not the level (16.2万个,首次突破15万个)
    m.role = mention_role::change;
    out.push_back({std::move(c), k, npos});
    return true;
  }

  // 同比增长89.6%, 下降5.2%
  bool growth(std::size_t k, mention& m) {
    if (m.cls != measure_class::percent) return false;
    const verb_hit v = growth_verb_before(d, m.start);
    if (v.start != npos && !after_goal_word(d, v.start)) {
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
      last_growth = out.size() - 1;
      return true;
    }
    // 分别下降8.9%和21.3%, 分别精简37%、42%: a percent right after a growth, joined to it by
    // 、/和/及/与, shares its verb, direction and basis
    return join_list(change_kind::growth_pct, last_growth, k, m);
  }

  void run() {
    for (std::size_t k = 0; k < ms.size(); ++k) {
      mention& m = ms[k];
      if (m.role != mention_role::candidate) continue;
      (void)(doubling(k, m) || pp(k, m) || multiple(k, m) || streak(k, m) || from_to(k, m) || arrow(k, m) || threshold(k, m) ||
             growth(k, m));
    }
  }
};

}  // namespace

std::vector<change_draft> find_changes(const doc& d, std::vector<mention>& ms) {
  change_finder f(d, ms);
  f.run();
  return std::move(f.out);
}

/// 办理法律援助案件2.3万件、公证事项61万件，分别同比增长12.1%和8.5%: a list of N changes after 分别
/// qualifies the N facts before it in its sentence, in order. Links them (fact_mention) when the
/// counts agree; otherwise leaves the list unlinked.
void link_respective_lists(const doc& d, const std::vector<mention>& ms, std::vector<change_draft>& drafts) {
  // the later members of each list by its head, in one pass: a scan of every later draft for
  // every head made a report of 10,000 stated changes take 50 million steps here
  std::vector<std::size_t> root(drafts.size());
  std::vector<std::vector<std::size_t>> members(drafts.size());
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    root[i] = drafts[i].list_of == npos ? i : root[drafts[i].list_of];
    if (root[i] < i) members[root[i]].push_back(i);
  }
  for (std::size_t h = 0; h < drafts.size(); ++h) {
    if (drafts[h].list_of != npos || drafts[h].fact_mention != npos) continue;
    if (members[h].empty()) continue;
    std::vector<std::size_t> list{h};
    list.insert(list.end(), members[h].begin(), members[h].end());
    const std::size_t head = drafts[h].c.span.start;
    const std::size_t ss = sentence_start(d, head);
    bool respective = false;
    for (std::size_t i = ss; i + 1 < head + 2 && i < d.size(); ++i)
      if (d.has(i, U"分别")) respective = true;
    if (!respective) continue;
    // the facts of the sentence before the list, newest first; and those of the one clause right
    // before the 分别 clause (…律师1.41万名，办理案件2.3万件、公证61万件，分别…): the list's own
    std::vector<std::size_t> facts, clause_facts;
    bool clause_open = true;
    for (std::size_t j = drafts[h].source; j-- > 0 && facts.size() <= list.size() + 8;) {
      const mention& f = ms[j];
      if (f.end <= ss) break;
      if (f.role == mention_role::target) break;
      if (f.role != mention_role::fact || f.end > head) continue;
      if (!clause_facts.empty() && clause_open) {
        // a clause end between this fact and the one after it closes the list's own clause
        for (std::size_t i = f.end; i < ms[clause_facts.back()].start; ++i)
          if (is_clause_end(d.at(i))) clause_open = false;
      }
      facts.push_back(j);
      if (clause_open) clause_facts.push_back(j);
    }
    if (clause_facts.size() == list.size()) facts = clause_facts;
    else if (facts.size() != list.size()) continue;
    for (std::size_t k = 0; k < list.size(); ++k) drafts[list[k]].fact_mention = facts[list.size() - 1 - k];
  }
}

void finish_changes(const doc& d, const std::vector<mention>& ms, std::vector<change_draft>& drafts,
                    const report& r) {
  link_respective_lists(d, ms, drafts);
  for (auto& cd : drafts) {
    change& c = cd.c;
    // a later figure of a list shares the first one's label (分别下降8.9%和21.3%), or, when the list
    // is matched to its facts one by one, the label of its own fact; a streak of occasions (连续3次)
    // has its own label and no fact
    if (cd.list_of != npos) {
      c.label = cd.fact_mention != npos && ms[cd.fact_mention].fact != npos ? r.facts[ms[cd.fact_mention].fact].label
                                                                            : drafts[cd.list_of].c.label;
      continue;
    }
    if (c.kind == change_kind::streak && cd.fact_mention == npos) continue;
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

}  // namespace annals::detail
