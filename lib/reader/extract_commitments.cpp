// What a report promises and admits: the year's plan (明确七个方面24项工作任务), the problems it
// owns up to (仍存在…问题,如A、B、C), the next steps (下一步,…一是…二是…) and numeric targets
// (力争…达到90%, with a deadline when one is written).

#include <annals/period.hpp>

#include "extract_detail.hpp"

#include <algorithm>
#include <span>

namespace annals::detail {
namespace {

constexpr std::size_t max_problem_reach = 60;  // problem verb → list start
constexpr std::size_t max_target_reach = 150;  // target word → its figure

// first characters of the problem verbs, target words and outlook words (lexicon.cpp), for the
// scans that look for them character by character
constexpr char_filter problem_verb_starts{U"存仍还尚面依也"};
constexpr char_filter target_starts{U"力确争目努计预有考要"};
constexpr char_filter outlook_starts{U"下今新明"};

std::optional<int> small_int(const decimal& v) {
  if (v < decimal{0} || v > decimal{1000000}) return std::nullopt;
  const std::string s = v.to_string();
  if (s.find('.') != std::string::npos) return std::nullopt;
  return std::stoi(s);
}

struct region {
  std::size_t b = 0, e = 0;
  bool heading_next_steps = false;  // a section whose heading announces next steps
  bool heading_problems = false;    // … or problems
  const section* sec = nullptr;
};

/// Trims [b, e) of spaces, closing punctuation, a trailing 等 / 等问题, and a leading 一是 marker.
void tidy(const doc& d, std::size_t& b, std::size_t& e) {
  for (int guard = 0; guard < 4; ++guard) {
    d.trim(b, e);
    while (e > b && (is_clause_end(d.at(e - 1)) || d.at(e - 1) == U'、')) --e;
    d.trim(b, e);
    if (d.ends_with(e, U"等问题") && e - 3 > b) e -= 3;
    else if (d.ends_with(e, U"等方面") && e - 3 > b) e -= 3;
    else if (d.ends_with(e, U"等") && e - 1 > b) e -= 1;
    else break;
  }
  std::size_t len = 0;
  if (item_marker_at(d, b, b, len) != 0 && b + len < e) b += len;
  d.trim(b, e);
}

void add_plans(const doc& d, const std::vector<mention>& ms, const report& r, std::vector<commitment>& out) {
  for (std::size_t k = 0; k < ms.size(); ++k) {
    const mention& m = ms[k];
    if (m.role != mention_role::fact) continue;
    std::optional<int> groups, count;
    std::size_t b = m.start, e = m.end;
    if (m.unit == "方面") {
      // 七个方面24项(工作任务)
      for (std::size_t j = k + 1; j < ms.size(); ++j) {
        const mention& n = ms[j];
        if (n.start > m.end + 4) break;
        if (n.role != mention_role::fact) continue;
        if (n.unit == "项" || n.unit == "条" || n.unit == "个" || n.unit == "件") {
          groups = small_int(m.fig.value);
          count = small_int(n.fig.value);
          e = n.end;
          k = j;
        }
        break;
      }
      if (!groups) continue;
    } else if (m.unit == "项" || m.unit == "条") {
      // 24项重点任务 in a sentence naming the plan document
      const std::string& label = r.facts[m.fact].label;
      const bool task = label.find("任务") != std::string::npos || label.find("举措") != std::string::npos ||
                        label.find("措施") != std::string::npos;
      if (!task) continue;
      const std::size_t ss = sentence_start(d, m.start), se = sentence_end(d, m.end);
      bool plan_doc = false;
      for (u32 w : lexicon::plan_documents())
        if (d.view(ss, se).find(w) != u32::npos) plan_doc = true;
      if (!plan_doc) continue;
      // stated as the plan's size (明确24项重点任务), not as work done on it (确定的24项任务全部完成)
      std::size_t vb = m.start;
      if (d.before(vb) == U'了') --vb;
      if (lexicon::longest_before(d, vb, lexicon::plan_verbs()) == 0) continue;
      count = small_int(m.fig.value);
      if (!count) continue;
    } else {
      continue;
    }
    b = clause_start(d, b);
    e = clause_end(d, e);
    d.trim(b, e);
    commitment c;
    c.kind = commitment_kind::plan;
    c.groups = groups;
    c.count = count;
    c.text = d.utf8(b, e);
    c.span = {b, e};
    out.push_back(std::move(c));
  }
}

/// The first outlook word (下一步 …) in [b, e), or npos.
std::size_t outlook_word(const doc& d, std::size_t b, std::size_t e) {
  for (std::size_t i = b; i < e; ++i) {
    const char32_t c = d.at(i);
    if (!outlook_starts.may_hold(c) || (c != U'下' && c != U'今' && c != U'新' && c != U'明')) continue;
    if (lexicon::longest_at(d, i, lexicon::outlook_words()) > 0) return i;
  }
  return npos;
}

/// Markers 一是, 二是 … (or 一要, 二要 …) in sequence in [b, e): their positions and lengths.
std::vector<std::pair<std::size_t, std::size_t>> markers(const doc& d, std::size_t b, std::size_t e) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t line_start = b;
  for (std::size_t i = b; i < e; ++i) {
    const char32_t c = d.at(i);
    if (c == U'\n') {
      line_start = i + 1;
      continue;
    }
    if (!ordinal_starts.may_hold(c) || (cn_digit(c) < 1 && c != U'十')) continue;
    std::size_t len = 0;
    const int v = item_marker_at(d, i, line_start, len);
    if (v == 0 || v != static_cast<int>(out.size()) + 1) continue;
    // one sequence keeps its form: 一是…二是…, or 一要…二要…
    if (!out.empty() && d.at(out.front().first + out.front().second - 1) != d.at(i + len - 1)) continue;
    out.emplace_back(i, len);
    i += len - 1;
  }
  return out;
}

/// A section headed as problems (存在的不足) that lists them without 存在…问题: "主要是：A，B，C。",
/// or one problem per sentence. After an introduction ending in ':' (主要是：), the parts are cut
/// at sentence ends and semicolons; a single sentence is cut at its commas (or 、).
template <class Add>
void add_listed_problems(const doc& d, std::size_t b, std::size_t e, Add&& add) {
  d.trim(b, e);
  for (std::size_t j = b; j < e && j < b + 16; ++j)
    if (d.at(j) == U':') {
      b = j + 1;
      break;
    }
  std::vector<std::pair<std::size_t, std::size_t>> parts;
  std::size_t s = b;
  for (std::size_t j = b; j <= e; ++j) {
    const char32_t ch = j < e ? d.at(j) : U'\0';
    if (j < e && ch != U'。' && ch != U';' && ch != U'；' && ch != U'\n') continue;
    std::size_t pb = s, pe = j;
    d.trim(pb, pe);
    if (pe > pb + 3) parts.emplace_back(pb, pe);
    s = j + 1;
  }
  if (parts.size() == 1) {
    const auto [pb, pe] = parts.front();
    const bool commas = d.view(pb, pe).find(U',') != u32::npos;
    parts.clear();
    std::size_t t = pb;
    for (std::size_t j = pb; j <= pe; ++j) {
      if (j < pe && d.at(j) != (commas ? U',' : U'、')) continue;
      std::size_t qb = t, qe = j;
      d.trim(qb, qe);
      if (qe > qb + 3) parts.emplace_back(qb, qe);
      t = j + 1;
    }
    if (parts.size() < 2) parts.assign(1, {pb, pe});  // not a list: the sentence is the problem
  }
  for (const auto& [pb, pe] : parts) add(pb, pe);
}

/// Where the list of problems that a problem verb at `i` (`vn` code points long) introduces
/// begins: after the problem noun and what introduces the list (主要是, ：), within the sentence
/// ending at `se`. npos when there is none; `resume` is then where the scan goes on.
std::size_t problem_list_at(const doc& d, std::size_t i, std::size_t vn, std::size_t se, std::size_t& resume) {
  // the problem noun, then what introduces the list
  std::size_t noun_end = npos;
  for (std::size_t j = i + vn; j < se && j < i + vn + max_problem_reach; ++j)
    if (const std::size_t n = lexicon::longest_at(d, j, lexicon::problem_nouns()); n > 0) {
      noun_end = j + n;
      break;
    }
  if (noun_end == npos) {
    resume = i + vn - 1;
    return npos;
  }
  for (std::size_t j = noun_end; j < se && j < noun_end + 12; ++j) {
    if (d.at(j) == U':') return j + 1;
    const std::size_t n = lexicon::longest_at(d, j, lexicon::problem_intro());
    if (n > 0 && (n > 1 || is_clause_end(d.before(j)) || is_space(d.before(j)))) {
      std::size_t list = j + n;
      if (d.at(list) == U':' || d.at(list) == U',') ++list;
      return list;
    }
  }
  resume = noun_end;
  return npos;
}

/// A list of problems A、B、C or A;B;C from `lb` to `le`, as the spans of its parts.
std::vector<std::pair<std::size_t, std::size_t>> problem_parts(const doc& d, std::size_t lb, std::size_t le) {
  std::vector<std::pair<std::size_t, std::size_t>> parts;
  const bool semis = d.view(lb, le).find_first_of(U";；") != u32::npos;
  std::size_t s = lb;
  for (std::size_t j = lb; j <= le; ++j) {
    const char32_t ch = j < le ? d.at(j) : U'\0';
    const bool cut = j == le || (semis ? (ch == U';' || ch == U'；') : ch == U'、');
    if (!cut) continue;
    std::size_t b = s, e = j;
    d.trim(b, e);
    if (e > b) {
      if (!parts.empty() && e - b < 6 && !semis) {
        parts.back().second = e;  // 修改、废止: a short part belongs to the one before
      } else {
        parts.emplace_back(b, e);
      }
    }
    s = j + 1;
  }
  return parts;
}

void add_problems(const doc& d, const region& rg, std::size_t stop, std::vector<commitment>& out) {
  const std::size_t first = out.size();
  int ordinal = 0;
  auto add = [&](std::size_t b, std::size_t e) {
    tidy(d, b, e);
    if (e <= b + 1) return;
    commitment c;
    c.kind = commitment_kind::problem;
    c.ordinal = ++ordinal;
    c.text = d.utf8(b, e);
    c.span = {b, e};
    out.push_back(std::move(c));
  };
  if (rg.heading_problems && rg.sec && !rg.sec->items.empty() && !rg.heading_next_steps) {
    for (const auto& it : rg.sec->items) {
      add(it.span.start + utf8::length(it.marker), it.span.end);
    }
    return;
  }
  for (std::size_t i = rg.b; i < stop; ++i) {
    const char32_t c = d.at(i);
    if (!problem_verb_starts.may_hold(c) ||
        (c != U'存' && c != U'仍' && c != U'还' && c != U'尚' && c != U'面' && c != U'依' && c != U'也'))
      continue;
    const std::size_t vn = lexicon::longest_at(d, i, lexicon::problem_verbs());
    if (vn == 0) continue;
    const std::size_t se = std::min(sentence_end(d, i), stop);
    std::size_t resume = i;
    const std::size_t list = problem_list_at(d, i, vn, se, resume);
    if (list == npos) {
      i = resume;
      continue;
    }
    // the list: 一是…二是… (possibly over several sentences), or A、B、C / A;B;C up to 。
    std::size_t lb = list;
    d.trim(lb, stop);
    std::size_t len = 0;
    if (item_marker_at(d, lb, lb, len) == 1) {
      const std::size_t ow = outlook_word(d, lb, stop);
      const std::size_t le = ow != npos ? ow : stop;
      const auto mk = markers(d, lb, le);
      for (std::size_t k = 0; k < mk.size(); ++k) {
        const std::size_t b = mk[k].first + mk[k].second;
        std::size_t e = k + 1 < mk.size() ? mk[k + 1].first : le;
        if (k + 1 == mk.size()) e = std::min(e, sentence_end(d, b));
        add(b, e);
      }
      i = le;
      continue;
    }
    std::size_t le = se;
    if (const std::size_t ow = outlook_word(d, lb, le); ow != npos) le = ow;
    for (const auto& [b, e] : problem_parts(d, lb, le)) add(b, e);
    i = le;
  }
  if (out.size() == first && rg.heading_problems && !rg.heading_next_steps) add_listed_problems(d, rg.b, stop, add);
}

/// Verbs (and the adverbs that lead them) that open a step of work: 制定, 推进, 组建, 修订, 开展 …
constexpr u32 step_verbs[] = {
    U"推进", U"推动", U"加强", U"强化", U"深化", U"健全", U"完善", U"建立", U"构建", U"制定", U"修订", U"修改",
    U"出台", U"印发", U"编制", U"组建", U"组织", U"开展", U"实施", U"落实", U"提升", U"提高", U"优化", U"规范",
    U"严格", U"加快", U"加大", U"抓好", U"做好", U"用好", U"探索", U"打造", U"培育", U"建设", U"创建", U"完成",
    U"启动", U"巩固", U"夯实", U"压实", U"持续", U"继续", U"进一步", U"全面", U"大力", U"着力", U"切实", U"坚持",
    U"深入", U"扎实", U"不断", U"积极", U"稳步", U"统筹", U"聚焦", U"筑牢", U"守牢", U"保障", U"防范", U"化解",
    U"健全完善", U"依法", U"常态化", U"全力", U"努力", U"确保", U"力争", U"拓展", U"畅通", U"研究", U"指导",
};

/// The step verb at `i`, its length, or 0.
std::size_t step_verb_at(const doc& d, std::size_t i) {
  std::size_t best = 0;
  for (const u32 w : step_verbs)
    if (w.size() > best && d.has(i, w)) best = w.size();
  return best;
}

/// 下一步，我局将制定A，推进B，组建C，修订D，开展E。: next steps written inline, one clause each,
/// every step opening with a verb of work (after the subject and 将 of the first: 我局将, 我们将).
/// Clauses before the first step frame the list (下一步, 以…为指导) and are left out; a clause that
/// opens with no such verb continues the step before it (…，为…提供保障). Fewer than three steps
/// make one general promise (继续推进依法行政，为…提供法治保障), not a list: nothing is added.
template <class Add>
void add_inline_steps(const doc& d, std::size_t from, std::size_t end, Add&& add) {
  std::vector<std::pair<std::size_t, std::size_t>> steps;
  int depth = 0;  // inside 《》 “” （）: commas there do not end a clause
  std::size_t b = from;
  for (std::size_t i = from; i <= end; ++i) {
    const char32_t c = i < end ? d.at(i) : U'。';
    if (c == U'《' || c == U'“' || c == U'（' || c == U'(') ++depth;
    if ((c == U'》' || c == U'”' || c == U'）' || c == U')') && depth > 0) --depth;
    if (i < end && (depth > 0 || (c != U',' && c != U'，' && c != U';' && c != U'；' && c != U'。'))) continue;
    std::size_t cb = b, ce = i;
    d.trim(cb, ce);
    b = i + 1;
    if (ce <= cb) continue;
    // the subject and 将 of the first step: 我局将, 我们将, 全市将 (将 within the first five)
    for (std::size_t k = cb; k < std::min(ce, cb + 5); ++k)
      if (d.at(k) == U'将' && step_verb_at(d, k + 1) > 0) {
        cb = k + 1;
        break;
      }
    if (ce - cb >= 4 && step_verb_at(d, cb) > 0) steps.emplace_back(cb, ce);
    else if (!steps.empty()) steps.back().second = ce;
  }
  if (steps.size() < 3) return;
  for (const auto& [sb, se] : steps) add(sb, se);
}

void add_next_steps(const doc& d, const region& rg, std::vector<commitment>& out) {
  std::size_t from = outlook_word(d, rg.b, rg.e);
  if (from == npos) {
    if (!rg.heading_next_steps) return;
    from = rg.b;
  }
  // the 一是 … 五是 after 下一步, to the end of their paragraph
  const std::size_t para_end = std::min(rg.e, d.lines()[d.line_of(from)].end);
  auto mk = markers(d, from, rg.heading_next_steps ? rg.e : para_end);
  int ordinal = 0;
  auto add = [&](std::size_t b, std::size_t e) {
    d.trim(b, e);
    while (e > b && (d.at(e - 1) == U'\n' || is_space(d.at(e - 1)))) --e;
    if (e <= b) return;
    commitment c;
    c.kind = commitment_kind::next_step;
    c.ordinal = ++ordinal;
    std::size_t te = b;
    while (te < e && d.at(te) != U'。' && d.at(te) != U'；' && d.at(te) != U';') ++te;
    c.title = d.utf8_trimmed(b, te);
    c.text = d.utf8(b, e);
    c.span = {b, e};
    out.push_back(std::move(c));
  };
  if (!mk.empty()) {
    for (std::size_t k = 0; k < mk.size(); ++k) {
      const std::size_t b = mk[k].first + mk[k].second;
      const std::size_t e = k + 1 < mk.size()     ? mk[k + 1].first
                            : rg.heading_next_steps ? rg.e
                                                    : std::min(rg.e, d.lines()[d.line_of(b)].end);
      add(b, e);
    }
    return;
  }
  if (rg.sec && rg.heading_next_steps) {
    for (const auto& it : rg.sec->items) {
      if (it.span.start < from) continue;
      std::size_t b = it.span.start + utf8::length(it.marker);
      add(b, it.span.end);
    }
  }
  if (ordinal == 0) add_inline_steps(d, from, std::min(rg.e, sentence_end(d, from)), add);
}

/// 到2027年 (or 到2027年底) at `i` naming a year after the reporting year: a target's deadline
/// even without 力争/确保 (到2027年实现每万人拥有律师数达到3.5名). Its length, or 0.
std::size_t future_year_at(const doc& d, std::size_t i, const std::optional<report_year>& year) {
  if (!year || i + 6 > d.size() || d.at(i) != U'到') return 0;
  // 由2016年的312项减少到2019年的186项: 到 ends a verb of change, it is no deadline
  if (lexicon::longest_before(d, i, lexicon::up_verbs()) > 0 || lexicon::longest_before(d, i, lexicon::down_verbs()) > 0)
    return 0;
  int y = 0;
  for (std::size_t k = 1; k <= 4; ++k) {
    if (!is_digit(d.at(i + k))) return 0;
    y = y * 10 + static_cast<int>(d.at(i + k) - U'0');
  }
  if (d.at(i + 5) != U'年' || y <= year->value() || y > year->value() + 30) return 0;
  return 6;
}

/// Verbs that state a level to reach: 确保 and a bare 计划 aim at a figure only through one of
/// them (确保…达到100%, 计划…控制在5%以内); without one they describe work, not a goal.
constexpr u32 goal_verbs[] = {
    U"达到", U"达", U"控制在", U"保持在", U"稳定在", U"不低于", U"不少于", U"不超过", U"不高于", U"提高到",
    U"提高至", U"提升到", U"提升至", U"降至", U"降到", U"降低到", U"降低至", U"下降到", U"下降至", U"增加到",
    U"增至", U"突破", U"压缩至", U"压缩到", U"压减至", U"压减到", U"缩短至", U"缩短到", U"减少至", U"减少到",
    U"完成",
};

/// 至, 到, 一, —, -, ~ alone between two figures: they are the ends of one range (3至5个工作日).
bool is_range_joint(u32 between) {
  return between == U"至" || between == U"到" || between == U"—" || between == U"-" || between == U"~" ||
         between == U"－" || between == U"～" || between == U"——";
}

/// Words that open a clause about what was achieved (…,实际下降至5.2%): a trigger reaches no
/// further.
constexpr u32 achieved_openers[] = {U"实际", U"目前", U"现已", U"已经", U"已", U"截至", U"截止", U"全年实际"};

/// Words that say a figure was reached, not aimed at: a goal's run stops at them.
constexpr u32 achieved_words[] = {U"已", U"实际", U"去年", U"上年", U"结果", U"目前", U"截至", U"同期", U"实现了", U"达到了"};

bool has_any(const doc& d, std::size_t b, std::size_t e, std::span<const u32> words) {
  for (std::size_t i = b; i < e; ++i)
    for (u32 w : words)
      if (w.front() == d.at(i) && i + w.size() <= e && d.has(i, w)) return true;
  return false;
}

bool achieved_clause_at(const doc& d, std::size_t p) {
  while (p < d.size() && is_space(d.at(p))) ++p;
  for (u32 w : achieved_openers)
    if (d.has(p, w)) return true;
  return false;
}

/// Whether the target word `w` at i (length n) announces a target here: not in the past (确保了,
/// 已确保), not 争取 in the sense of obtaining (争取到资金), not 预期 as a yardstick (超预期,
/// 完成预期目标), not 计划 as a noun (工作计划, 计划完成率).
bool trigger_holds(const doc& d, std::size_t i, std::size_t n) {
  const u32 w = d.view(i, i + n);
  const char32_t after = d.at(i + n);
  const char32_t before = d.before(i);
  if (after == U'了' || before == U'已') return false;
  // 审核率要达到100%: 要 is the modal of a goal; not 主要/重要/纲要/摘要 …达到
  if (w == U"要达到" || w == U"要控制在")
    return std::u32string_view(U"主重纲摘需只").find(before) == std::u32string_view::npos;
  if (w == U"争取" && after == U'到' && !is_digit(d.at(i + n + 1))) return false;
  if (w == U"预期") {
    if (before == U'超' || before == U'出' || before == U'于' || before == U'过') return false;
    if (d.has(i + n, U"寿命")) return false;  // 人均预期寿命 (life expectancy) is a measure, not a hope
    if (d.has(i + n, U"目标") || d.has(i + n, U"效果") || after == U'的') return false;
  }
  if (w == U"计划") {
    for (u32 noun : {u32(U"工作"), u32(U"年度"), u32(U"行动"), u32(U"立法"), u32(U"规划"), u32(U"五年"),
                     u32(U"发展"), u32(U"实施")})
      if (d.ends_with(i, noun)) return false;
    if (before == U'按' || before == U'原' || before == U'该') return false;
    if (d.has(i + n, U"完成率") || d.has(i + n, U"完成情况")) return false;
    for (u32 next : {u32(U"执行"), u32(U"单列"), u32(U"任务"), u32(U"内"), u32(U"中"), u32(U"的"), u32(U"表"),
                     u32(U"书")})
      if (d.has(i + n, next)) return false;
  }
  return true;
}

/// A trigger that aims at a figure only through a goal verb (确保, a bare 计划). 计划 followed by a
/// time to come (计划明年组织培训4期) or by 完成 (全年计划完成修复面积2000公顷) aims at it directly.
bool needs_goal_verb(const doc& d, std::size_t i, u32 w) {
  if (w == U"确保") return true;
  if (w != U"计划") return false;
  for (u32 t : {u32(U"明年"), u32(U"今年"), u32(U"下一年"), u32(U"下半年"), u32(U"年内"), u32(U"年底前"), u32(U"完成"),
                u32(U"于"), u32(U"到")})
    if (d.has(i + w.size(), t)) return false;
  return true;
}

/// 争取 with a sum of money: funds obtained (争取中央资金3亿元), not a goal.
bool obtains_money(u32 w, const mention& m) { return w == U"争取" && m.cls == measure_class::money; }

void add_targets(const doc& d, const std::vector<mention>& ms, const std::vector<target_draft>& targets,
                 std::vector<target_goal>& goals, report& r, std::vector<commitment>& out) {
  for (const auto& td : targets) {
    const mention& f = ms[td.mention];
    if (f.goal == npos) continue;
    const std::size_t i = td.start;
    commitment t;
    t.kind = commitment_kind::target;
    t.text = d.utf8(i, f.end);
    t.span = {i, f.end};
    t.goal = std::move(goals[f.goal]);
    const auto dl = parse_deadline(d.utf8(i, f.start), r.meta.year);
    if (dl.ok()) {
      t.deadline = dl.date;
      r.dates.push_back({dl.text, *dl.date, date_role::deadline, {i + dl.start, i + dl.end}});
    }
    out.push_back(std::move(t));
  }
}

}  // namespace

std::vector<target_draft> find_targets(const doc& d, const layout& lay, std::vector<mention>& ms,
                                       const std::optional<report_year>& year) {
  std::vector<target_draft> out;
  std::size_t k = 0;  // first mention not before the trigger
  const std::size_t end = lay.body_end;
  for (std::size_t i = lay.body_start; i < end; ++i) {
    const char32_t c = d.at(i);
    if (c != U'到' && (!target_starts.may_hold(c) || (c != U'力' && c != U'确' && c != U'争' && c != U'目' &&
                                                     c != U'努' && c != U'计' && c != U'预' && c != U'有' &&
                                                     c != U'考' && c != U'要')))
      continue;
    const std::size_t n = c == U'到' ? future_year_at(d, i, year) : lexicon::longest_at(d, i, lexicon::target_words());
    if (n == 0 || (c != U'到' && !trigger_holds(d, i, n))) continue;
    const u32 w = d.view(i, i + n);
    // the reach: the trigger's own clause; the next one too when the own clause only says when
    // or introduces (力争到2025年底,将…控制在5%以下; 目标是:…) — never past the sentence, never
    // into a clause of what was achieved (…,实际下降至5.2%)
    const std::size_t lim = std::min(sentence_end(d, i), i + max_target_reach);
    std::size_t reach = std::min(clause_end(d, i + n, max_target_reach), lim);
    while (k < ms.size() && ms[k].start < i + n) ++k;
    auto first_figure = [&](std::size_t from, std::size_t to) {
      for (std::size_t j = from; j < ms.size() && ms[j].start < to; ++j)
        if (ms[j].role == mention_role::candidate || ms[j].role == mention_role::fact) return j;
      return npos;
    };
    std::size_t hit = first_figure(k, reach);
    // (only across a comma or a colon: a semicolon starts another item)
    if (hit == npos && reach < lim && (d.at(reach) == U',' || d.at(reach) == U':') &&
        !achieved_clause_at(d, reach + 1)) {
      const u32 own = d.view(i + n, reach);
      const bool frame = own.size() <= 2 || own.find_first_of(U"年月前底内") != u32::npos;
      if (frame) hit = first_figure(k, std::min(clause_end(d, reach + 1, max_target_reach), lim));
    }
    if (hit != npos) {
      const mention& m = ms[hit];
      if (needs_goal_verb(d, i, w) && !has_any(d, i + n, m.start, goal_verbs)) hit = npos;
      else if (obtains_money(w, m)) hit = npos;
    }
    if (hit == npos) {
      i += n - 1;
      continue;
    }
    ms[hit].role = mention_role::target;
    out.push_back({i, hit});
    i = std::max(i, ms[hit].end);
    // 力争发案数再下降10%以上、刑事案件总量控制在8000起以内; 力争仲裁结案率稳定在95%以上，终局裁决率
    // 达到35%: a figure that follows in the sentence is a goal too when a level verb leads to it
    // (达到, 控制在 …) and nothing between says it was achieved (已, 实际, 去年, 结果 …) — each its own
    // target commitment. The first figure that fails ends the run.
    // (from the end of the last goal: a bare number between, the 3 of 压缩至3至5个工作日, is no goal
    // of its own but does not break the run)
    std::size_t last = hit;
    for (std::size_t j = hit + 1; j < ms.size() && ms[j].start < lim; ++j) {
      if (ms[j].role != mention_role::candidate && ms[j].role != mention_role::fact) continue;
      const std::size_t from = ms[last].end;
      // 压缩至3个至5个工作日: the far end of a range whose near end is a goal belongs to that goal
      // (the goal keeps the near end), it is no achieved figure
      if (last == j - 1 && is_range_joint(d.view(from, ms[j].start))) {
        ms[j].role = mention_role::skipped;
        ms[j].reason = "range end of a goal";
        i = std::max(i, ms[j].end);
        break;
      }
      // 预计办理2万件，同比增长10%: the expected growth of a goal is part of it
      const bool growth = lexicon::longest_before(d, ms[j].start, lexicon::up_verbs()) > 0 ||
                          lexicon::longest_before(d, ms[j].start, lexicon::down_verbs()) > 0;
      if (!(growth || has_any(d, from, ms[j].start, goal_verbs)) || has_any(d, from, ms[j].start, achieved_words) ||
          obtains_money(w, ms[j]))
        break;
      ms[j].role = mention_role::target;
      out.push_back({i, j});
      i = std::max(i, ms[j].end);
      last = j;
    }
  }
  return out;
}

void find_commitments(const doc& d, const layout& lay, const std::vector<mention>& ms,
                      const std::vector<target_draft>& targets, std::vector<target_goal>& goals, report& r) {
  std::vector<commitment> out;
  add_plans(d, ms, r, out);

  std::vector<region> regions;
  for (const auto& s : r.sections) {
    const u32 heading = d.view(s.span.start, d.lines()[d.line_of(s.span.start)].end);
    region rg;
    for (u32 w : {u32(U"下一步"), u32(U"打算"), u32(U"计划"), u32(U"思路"), u32(U"展望"), u32(U"努力方向"),
                  u32(U"工作安排")})
      if (heading.find(w) != u32::npos) rg.heading_next_steps = true;
    for (u32 w : {u32(U"问题"), u32(U"不足"), u32(U"短板")})
      if (heading.find(w) != u32::npos) rg.heading_problems = true;
    if (!rg.heading_next_steps && !rg.heading_problems) continue;
    rg.b = std::min(s.span.end, d.lines()[d.line_of(s.span.start)].end);
    rg.e = s.span.end;
    rg.sec = &s;
    regions.push_back(rg);
  }
  if (lay.outlook_start != npos) regions.push_back({lay.outlook_start, lay.outlook_end, false, false, nullptr});

  for (const auto& rg : regions) {
    const std::size_t ow = outlook_word(d, rg.b, rg.e);
    add_problems(d, rg, ow != npos ? ow : rg.e, out);
    add_next_steps(d, rg, out);
  }
  add_targets(d, ms, targets, goals, r, out);

  std::stable_sort(out.begin(), out.end(),
                   [](const commitment& a, const commitment& b) { return a.span.start < b.span.start; });
  int n = 0;
  for (auto& c : out) {
    c.id = "k" + std::to_string(++n);
    r.commitments.push_back(std::move(c));
  }
}

}  // namespace annals::detail
