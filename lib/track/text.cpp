// Text handling of the tracker: code points, sentences and clauses, the regions of a report
// (body / problems / next steps), Han bigrams with IDF weights, status cues, figure labels.

#include "track_detail.hpp"

#include <annals/text.hpp>

#include <algorithm>
#include <array>
#include <cmath>

namespace annals::detail {

// ---- code points -------------------------------------------------------------------------

std::u32string decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size() / 2);
  std::size_t i = 0;
  while (i < s.size()) {
    const utf8::code_point cp = utf8::decode(s, i);
    i += cp.length;
    if (!cp.valid) {
      out.push_back(utf8::replacement_character);
      // skip continuation bytes of the broken sequence: each counts as its own code point in
      // the reader only when it is a lead byte, so continuation bytes are not code points.
      while (i < s.size() && utf8::is_continuation(s[i])) ++i;
      continue;
    }
    out.push_back(in_compatibility_ideograph_blocks(cp.value) ? to_unified_ideograph(cp.value) : cp.value);
  }
  return out;
}

std::string encode(std::u32string_view text) { return utf8::encode(text); }

bool is_han(char32_t c) noexcept {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

bool is_digit(char32_t c) noexcept { return (c >= U'0' && c <= U'9') || (c >= 0xFF10 && c <= 0xFF19); }

namespace {

bool is_sentence_end(char32_t c) noexcept {
  return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'!' || c == U'?' || c == U';' ||
         c == U'\n' || c == U'\r';
}
bool is_clause_end(char32_t c) noexcept {
  return is_sentence_end(c) || c == U'，' || c == U',' || c == U'：' || c == U':';
}
bool is_space(char32_t c) noexcept {
  return c == U' ' || c == U'\t' || c == 0x3000 || c == 0xA0 || c == U'\f' || c == U'\v';
}

bool contains(std::u32string_view s, std::u32string_view w) { return s.find(w) != std::u32string_view::npos; }

template <std::size_t N>
bool contains_any(std::u32string_view s, const std::array<std::u32string_view, N>& ws) {
  for (auto w : ws)
    if (contains(s, w)) return true;
  return false;
}

/// 一二…十 followed by 是 or 要, not inside a longer Han word (统一是, 统一要求 do not count).
std::optional<int> marker_at(std::u32string_view t, std::size_t i) {
  static constexpr std::u32string_view digits = U"一二三四五六七八九十";
  if (i + 1 >= t.size()) return std::nullopt;
  if (i > 0 && is_han(t[i - 1]) && t[i - 1] != U'是') return std::nullopt;
  std::size_t j = i;
  int v = 0;
  if (t[j] == U'十') {
    v = 10;
    ++j;
    if (j < t.size()) {
      auto p = digits.find(t[j]);
      if (p != std::u32string_view::npos && p < 9) {
        v += static_cast<int>(p) + 1;
        ++j;
      }
    }
  } else {
    auto p = digits.find(t[j]);
    if (p == std::u32string_view::npos || p >= 9) return std::nullopt;
    v = static_cast<int>(p) + 1;
    ++j;
  }
  if (j < t.size() && (t[j] == U'是' || t[j] == U'要')) return v;  // 一是 …, or 一要 …
  return std::nullopt;
}

struct marker_pos {
  std::size_t at;    // position of the numeral
  std::size_t body;  // first code point after 是
  int value;
};

/// Markers 一是, 二是, … (or 一要, 二要, …) in [from, to), keeping only an increasing 1, 2, 3 … sequence.
std::vector<marker_pos> find_markers(std::u32string_view t, std::size_t from, std::size_t to) {
  std::vector<marker_pos> out;
  int expect = 1;
  for (std::size_t i = from; i < to; ++i) {
    auto v = marker_at(t, i);
    if (!v || *v != expect) continue;
    const std::size_t len = (*v >= 11) ? 3 : 2;
    // one sequence keeps its form: 一是…二是…, or 一要…二要…
    if (!out.empty() && t[out.front().body - 1] != t[i + len - 1]) continue;
    out.push_back({i, i + len, *v});
    ++expect;
    i += len - 1;
  }
  return out;
}

std::size_t trim_start(std::u32string_view t, std::size_t b, std::size_t e) {
  while (b < e && (is_space(t[b]) || t[b] == U'、' || t[b] == U'”' || t[b] == U'’')) ++b;
  return b;
}
std::size_t trim_end(std::u32string_view t, std::size_t b, std::size_t e) {
  while (e > b && (is_space(t[e - 1]) || is_clause_end(t[e - 1]) || t[e - 1] == U'、')) --e;
  return e;
}

struct fallback_outlook {
  std::size_t start;  // outlook start (text size when none)
  std::vector<text_span> problems;
  std::size_t next_start = 0;  // the 下一步 sentence
  std::vector<text_span> next_steps;  // whole items (marker excluded)
};

constexpr std::array<std::u32string_view, 5> problem_words{U"问题", U"不足", U"短板", U"差距", U"薄弱"};

fallback_outlook find_fallback(const std::u32string& t, const std::vector<sentence>& ss) {
  fallback_outlook f{t.size(), {}, t.size(), {}};
  // 下一步: the last sentence that contains it
  std::optional<std::size_t> next_sentence;
  for (std::size_t i = ss.size(); i-- > 0;) {
    auto sv = std::u32string_view(t).substr(ss[i].start, ss[i].end - ss[i].start);
    if (contains(sv, U"下一步")) {
      next_sentence = i;
      break;
    }
  }
  // the problem sentence: the last 存在…问题 sentence before (or at) the 下一步 sentence
  std::optional<std::size_t> problem_sentence;
  const std::size_t limit = next_sentence ? *next_sentence + 1 : ss.size();
  for (std::size_t i = limit; i-- > 0;) {
    auto sv = std::u32string_view(t).substr(ss[i].start, ss[i].end - ss[i].start);
    if (contains(sv, U"存在") && contains_any(sv, problem_words)) {
      problem_sentence = i;
      break;
    }
  }
  if (problem_sentence) {
    const auto& s = ss[*problem_sentence];
    f.start = s.start;
    const std::size_t region_end = next_sentence && *next_sentence > *problem_sentence
                                       ? ss[*next_sentence].start
                                       : s.end;
    auto markers = find_markers(t, s.start, region_end);
    if (markers.size() >= 2) {
      for (std::size_t k = 0; k < markers.size(); ++k) {
        std::size_t b = markers[k].body;
        std::size_t e = k + 1 < markers.size() ? markers[k + 1].at : region_end;
        b = trim_start(t, b, e);
        e = trim_end(t, b, e);
        if (e > b) f.problems.push_back({b, e});
      }
    } else {
      // 如A、B、C — or, without 如, the clauses after the 存在 clause
      auto sv = std::u32string_view(t).substr(s.start, s.end - s.start);
      std::size_t exist = sv.find(U"存在");
      std::size_t from = sv.find(U'如', exist);
      if (from != std::u32string_view::npos) {
        from += 1;
      } else {
        from = exist;
        while (from < sv.size() && !is_clause_end(sv[from])) ++from;
      }
      std::size_t b = s.start + std::min(from, sv.size());
      for (std::size_t i = b; i <= s.end; ++i) {
        if (i == s.end || t[i] == U'、' || t[i] == U'；' || t[i] == U';') {
          const std::size_t pb = trim_start(t, b, i), pe = trim_end(t, pb, i);
          if (han_count(std::u32string_view(t).substr(pb, pe - pb)) >= 4) f.problems.push_back({pb, pe});
          b = i + 1;
        }
      }
    }
  }
  if (next_sentence) {
    const auto& s = ss[*next_sentence];
    if (!problem_sentence) f.start = s.start;
    f.next_start = s.start;
    // the paragraph: up to the end of the line
    std::size_t para_end = s.start;
    while (para_end < t.size() && t[para_end] != U'\n' && t[para_end] != U'\r') ++para_end;
    const std::size_t from = s.start + (std::u32string_view(t).substr(s.start, s.end - s.start).find(U"下一步"));
    auto markers = find_markers(t, from, para_end);
    if (!markers.empty()) {
      for (std::size_t k = 0; k < markers.size(); ++k) {
        std::size_t b = markers[k].body;
        std::size_t e = k + 1 < markers.size() ? markers[k + 1].at : para_end;
        b = trim_start(t, b, e);
        e = trim_end(t, b, e);
        if (e > b) f.next_steps.push_back({b, e});
      }
    } else {
      for (std::size_t i = *next_sentence + 1; i < ss.size() && ss[i].start < para_end; ++i)
        f.next_steps.push_back({ss[i].start, ss[i].end});
    }
  }
  return f;
}

bool valid_span(const text_span& s, std::size_t n) { return s.end > s.start && s.end <= n; }

}  // namespace

void split(const std::u32string& t, std::size_t from, std::size_t to, std::vector<sentence>& sentences,
           std::vector<clause>& clauses) {
  std::size_t i = from;
  while (i < to) {
    std::size_t b = i;
    while (b < to && (is_space(t[b]) || is_sentence_end(t[b]))) ++b;
    if (b >= to) break;
    std::size_t e = b;
    while (e < to && !is_sentence_end(t[e])) ++e;
    // a closing quote right after the end mark belongs to this sentence
    std::size_t next = e;
    std::size_t se = e;
    while (se > b && is_space(t[se - 1])) --se;
    sentence s{b, se, clauses.size(), 0};
    std::size_t cb = b;
    for (std::size_t k = b; k <= se; ++k) {
      if (k == se || is_clause_end(t[k])) {
        std::size_t x = cb, y = k;
        while (x < y && is_space(t[x])) ++x;
        while (y > x && is_space(t[y - 1])) --y;
        if (y > x) {
          clauses.push_back({x, y, sentences.size()});
          ++s.clause_count;
        }
        cb = k + 1;
      }
    }
    if (s.clause_count > 0) sentences.push_back(s);
    i = next + 1;
  }
}

document segment(const report& r) {
  document d;
  d.text = decode(r.text);
  split(d.text, 0, d.text.size(), d.sentences, d.clauses);
  const std::size_t n = d.text.size();
  for (const auto& c : r.commitments) {
    if (!valid_span(c.span, n)) continue;
    if (c.kind == commitment_kind::problem) d.problems.push_back({c.id, c.span});
    if (c.kind == commitment_kind::next_step) d.next_steps.push_back({c.id, c.span});
  }
  const bool need_fallback = d.problems.empty() || d.next_steps.empty();
  fallback_outlook f{n, {}, n, {}};
  if (need_fallback) f = find_fallback(d.text, d.sentences);
  if (d.problems.empty()) {
    int k = 0;
    for (auto s : f.problems) d.problems.push_back({"p" + std::to_string(++k), s});
  }
  if (d.next_steps.empty()) {
    int k = 0;
    for (auto s : f.next_steps) d.next_steps.push_back({"n" + std::to_string(++k), s});
  }
  std::size_t start = f.start;
  for (const auto& u : d.problems) start = std::min(start, u.span.start);
  for (const auto& u : d.next_steps) start = std::min(start, u.span.start);
  // back up to the start of the sentence holding it, and to the 存在…问题 sentence before it
  for (const auto& s : d.sentences) {
    if (s.start <= start && start < std::max(s.end, s.start + 1)) {
      start = s.start;
      break;
    }
  }
  if (!d.problems.empty() || !d.next_steps.empty()) {
    for (std::size_t i = 0; i < d.sentences.size(); ++i) {
      const auto& s = d.sentences[i];
      if (s.start >= start) break;
      auto sv = std::u32string_view(d.text).substr(s.start, s.end - s.start);
      // only the sentence right before the outlook can be its 存在问题 preamble
      if (i + 1 < d.sentences.size() && d.sentences[i + 1].start >= start && contains(sv, U"存在") &&
          contains_any(sv, problem_words))
        start = s.start;
    }
  }
  d.outlook_start = std::min(start, n);
  return d;
}

std::vector<commitment> plan_mentions(const document& d) {
  static constexpr std::u32string_view numerals = U"零一二两三四五六七八九十百0123456789";
  std::vector<commitment> out;
  int k = 0;
  for (const auto& s : d.sentences) {
    if (s.start >= d.outlook_start) break;
    auto sv = d.view({s.start, s.end});
    std::size_t from = 0;
    while (true) {
      const auto a = sv.find(U"个方面", from);
      if (a == std::u32string_view::npos) break;
      from = a + 3;
      std::size_t g0 = a;
      while (g0 > 0 && numerals.find(sv[g0 - 1]) != std::u32string_view::npos && a - g0 < 4) --g0;
      std::size_t c1 = a + 3;
      while (c1 < sv.size() && numerals.find(sv[c1]) != std::u32string_view::npos && c1 - a < 8) ++c1;
      if (g0 == a || c1 == a + 3 || c1 >= sv.size() || sv[c1] != U'项') continue;
      const auto groups = parse_count(encode(sv.substr(g0, a - g0)));
      const auto count = parse_count(encode(sv.substr(a + 3, c1 - a - 3)));
      if (!groups || !count) continue;
      commitment c;
      c.id = "plan" + std::to_string(++k);
      c.kind = commitment_kind::plan;
      c.groups = groups;
      c.count = count;
      std::size_t e = c1 + 1;
      while (e < sv.size() && !is_clause_end(sv[e])) ++e;
      std::size_t b = g0;
      if (b >= 2 && sv.substr(b - 2, 2) == U"明确") b -= 2;
      c.span = {s.start + b, s.start + e};
      c.text = d.utf8(c.span);
      out.push_back(std::move(c));
    }
  }
  return out;
}

std::vector<commitment> outlook_commitments(const report& r, const document& d) {
  std::vector<commitment> out;
  bool reader_found = false;
  for (const auto& c : r.commitments)
    if (c.kind == commitment_kind::next_step || c.kind == commitment_kind::problem) reader_found = true;
  if (reader_found) {
    for (const auto& c : r.commitments)
      if (c.kind != commitment_kind::target) out.push_back(c);
    return out;
  }
  // the tracker's own reading: plan counts in the body, then problems and next steps
  for (const auto& c : r.commitments)
    if (c.kind == commitment_kind::plan) out.push_back(c);
  if (out.empty()) out = plan_mentions(d);
  int k = 0;
  for (const auto& u : d.next_steps) {
    commitment c;
    c.id = u.id;
    c.kind = commitment_kind::next_step;
    c.ordinal = ++k;
    c.span = u.span;
    c.text = d.utf8(u.span);
    auto v = d.view(u.span);
    std::size_t e = 0;
    while (e < v.size() && !is_sentence_end(v[e])) ++e;
    c.title = encode(v.substr(0, e));
    out.push_back(std::move(c));
  }
  k = 0;
  for (const auto& u : d.problems) {
    commitment c;
    c.id = u.id;
    c.kind = commitment_kind::problem;
    c.ordinal = ++k;
    c.span = u.span;
    c.text = d.utf8(u.span);
    out.push_back(std::move(c));
  }
  return out;
}

// ---- bigrams ---------------------------------------------------------------------------------

std::vector<bigram> bigrams(std::u32string_view s) {
  std::vector<bigram> out;
  for (std::size_t i = 0; i + 1 < s.size(); ++i)
    if (is_han(s[i]) && is_han(s[i + 1])) out.push_back(make_bigram(s[i], s[i + 1]));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::size_t han_count(std::u32string_view s) noexcept {
  std::size_t n = 0;
  for (char32_t c : s) n += is_han(c) ? 1u : 0u;
  return n;
}

namespace {
// Phrases found in every 法治政府建设 report (and status words, which say how far the work got,
// not what it is about): their bigrams are damped so that matching rests on the content words.
constexpr std::array<std::u32string_view, 111> boilerplate_phrases{
    U"深入学习贯彻习近平法治思想", U"深入学习贯彻习近平新时代中国特色社会主义思想",
    U"坚持以习近平新时代中国特色社会主义思想为指导", U"认真贯彻落实", U"全面依法治国", U"依法治市",
    U"推进依法行政", U"高质量发展", U"法治政府建设工作", U"纵深推进法治政府建设",
    U"还有待进一步加强", U"还需进一步提升", U"还需进一步增强", U"仍需进一步提升", U"有待进一步提高",
    U"进一步加强", U"进一步提升", U"进一步提高", U"进一步增强", U"进一步完善", U"进一步健全",
    U"还不够健全", U"还不够完善",
    U"习近平新时代中国特色社会主义思想", U"习近平法治思想", U"法治政府建设", U"依法行政", U"法治建设",
    U"党中央国务院", U"省委省政府", U"进一步", U"下一步", U"持续", U"推进", U"推动", U"加强",
    U"强化", U"深化", U"深入", U"不断", U"全面", U"工作", U"建设", U"提升", U"提高", U"完善",
    U"健全", U"机制", U"制度", U"体系", U"有待", U"还需", U"仍需", U"需要", U"还有", U"不够",
    U"不足", U"问题", U"全市", U"市政府", U"政府", U"落实", U"贯彻", U"坚持", U"开展", U"积极",
    U"有效", U"情况", U"方面", U"各类", U"各项", U"相关", U"实施", U"完成", U"建成", U"出台",
    U"印发", U"实现", U"全覆盖", U"整改到位", U"探索", U"试点", U"正在", U"着力", U"切实", U"认真",
    U"做好", U"抓好", U"加快", U"加大", U"力度", U"优化", U"增强", U"常态化", U"我市", U"本市",
    U"各级", U"部门", U"单位", U"全国", U"学习", U"系列", U"成都", U"取得", U"成效", U"纵深",
    U"质效", U"重要", U"主要", U"一批"};

const std::vector<bigram>& boilerplate_set() {
  static const std::vector<bigram> set = [] {
    std::vector<bigram> v;
    for (auto p : boilerplate_phrases) {
      auto b = bigrams(p);
      v.insert(v.end(), b.begin(), b.end());
    }
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
  }();
  return set;
}
}  // namespace

bool is_boilerplate(bigram b) {
  const auto& s = boilerplate_set();
  return std::binary_search(s.begin(), s.end(), b);
}

void weights::add_document(const std::vector<bigram>& distinct) {
  ++docs_;
  for (auto b : distinct) ++df_[b];
}

void weights::finish() {}

namespace {
// Function characters: a bigram holding one usually straddles two words (索将, 规按), so it says
// little about the content and is damped.
constexpr std::u32string_view function_chars = U"的了和与及等将把被在对于以从由向按其之而或并且也都就个各该此这那所";
bool is_function_char(char32_t c) { return function_chars.find(c) != std::u32string_view::npos; }
}  // namespace

double weights::idf(bigram b) const {
  auto it = df_.find(b);
  const double df = it == df_.end() ? 1.0 : static_cast<double>(it->second);
  const double n = static_cast<double>(std::max<std::size_t>(docs_, 1));
  return std::log(1.0 + n / df);
}

bool weights::has_content(const std::vector<bigram>& bs) const {
  double damped = 0, plain = 0;
  for (auto b : bs) {
    damped += weight(b);
    plain += idf(b);
  }
  return plain > 0 && damped >= min_content_ratio * plain;
}

double weights::weight(bigram b) const {
  double w = idf(b);
  if (is_boilerplate(b)) {
    w *= boilerplate_factor;
  } else if (is_function_char(static_cast<char32_t>(b >> 21)) || is_function_char(static_cast<char32_t>(b & 0x1FFFFF))) {
    w *= function_factor;
  }
  return w;
}

double weights::total(const std::vector<bigram>& bs) const {
  double t = 0;
  for (auto b : bs) t += weight(b);
  return t;
}

// ---- cues --------------------------------------------------------------------------------------

namespace {
constexpr std::array<std::u32string_view, 27> completion_cues{
    U"完成", U"建成", U"出台", U"印发", U"全部整改", U"整改到位", U"整改完毕", U"全覆盖", U"收官",
    U"颁布", U"上线", U"挂牌", U"投用", U"投入使用", U"落成", U"通过验收", U"成立", U"建立", U"制定",
    U"办结", U"获批", U"设立", U"组建", U"全面实现", U"已", U"落地", U"施行"};
constexpr std::array<std::u32string_view, 10> partial_cues{
    U"试点", U"探索", U"正在", U"启动", U"初步", U"逐步", U"部分", U"着手", U"筹备", U"稳步"};
constexpr std::array<std::u32string_view, 8> negations{
    U"尚未", U"未能", U"仍未", U"还未", U"未完成", U"没有", U"未实现", U"未出台"};
// (解决, 改善, 缓解, 补齐: what is said of a problem worked on — 共享不充分的问题得到有效解决)
constexpr std::array<std::u32string_view, 66> work_cues{
    U"推进", U"推动", U"深化", U"持续", U"开展", U"加强", U"强化", U"完善", U"健全", U"优化",
    U"提升", U"提高", U"落实", U"实施", U"推行", U"组织", U"办理", U"加大", U"加快", U"打造",
    U"规范", U"改进", U"拓展", U"扩大", U"增强", U"常态化", U"聚焦", U"围绕", U"坚持", U"开通",
    U"部署", U"做好", U"抓好", U"纵深", U"升级", U"清理", U"审查", U"培训", U"整治", U"督促",
    U"指导", U"编制", U"修订", U"修改", U"废止", U"纠正", U"压实", U"召开", U"举办", U"化解",
    U"调处", U"实行", U"推广", U"提质", U"增效", U"严格", U"严格执行", U"用好", U"建强", U"擦亮",
    U"丰富", U"健全完善", U"解决", U"改善", U"缓解", U"补齐"};
}  // namespace

namespace {
/// A figure of results in the clause (新入驻法律服务机构46家, 下放…63项): work was done on it.
/// Years and dates (2025年, 3月, 6日) are not results.
bool has_result_figure(std::u32string_view c) {
  for (std::size_t i = 0; i < c.size();) {
    if (!is_digit(c[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < c.size() && (is_digit(c[j]) || c[j] == U'.')) ++j;
    const char32_t next = j < c.size() ? c[j] : U'\0';
    const bool date = next == U'年' || next == U'月' || next == U'日' || next == U'-' || next == U'/';
    if (!date) return true;
    i = j;
  }
  return false;
}
}  // namespace

part_state cue_of(std::u32string_view c) {
  const bool negated = contains_any(c, negations);
  const bool partial = contains_any(c, partial_cues);
  bool done = false;
  for (auto w : completion_cues) {
    auto p = c.find(w);
    if (p == std::u32string_view::npos) continue;
    // 建立健全 / 制定完善 are ongoing work, not a thing established
    if ((w == U"建立" || w == U"制定") && p + 4 <= c.size() &&
        (c.substr(p + 2, 2) == U"健全" || c.substr(p + 2, 2) == U"完善"))
      continue;
    // 已 only as an adverb before a verb: 已完成, 已建立 (not 而已)
    if (w == U"已" && (p + 1 >= c.size() || !is_han(c[p + 1]) || (p > 0 && c[p - 1] == U'而'))) continue;
    // 推进专家服务团组建, 加快中心建成: the completion is what the work aims at, not what it did —
    // unless 已 says it happened (推进…已全面完成)
    // — the completion word closing the clause as the work's object (…服务团组建, …组建工作); an
    // adverb before it (全部完成, 顺利建成) or 已 says it happened
    if (w != U"已") {
      const auto before = c.substr(0, p);
      auto rest = c.substr(p + w.size());
      while (!rest.empty() && (rest.back() == U'。' || rest.back() == U'，' || rest.back() == U',' ||
                               rest.back() == U'；' || rest.back() == U';' || is_space(rest.back())))
        rest.remove_suffix(1);
      const bool object = rest.empty() || rest == U"工作" || rest == U"进程" || rest == U"步伐";
      const bool aimed = before.find(U"推进") != before.npos || before.find(U"推动") != before.npos ||
                         before.find(U"加快") != before.npos || before.find(U"加紧") != before.npos ||
                         before.find(U"抓紧") != before.npos;
      static constexpr std::u32string_view adverbs[] = {U"全部", U"顺利", U"如期", U"基本", U"全面", U"提前", U"按时"};
      bool adverb = false;
      for (auto a : adverbs) adverb = adverb || before.ends_with(a);
      if (aimed && object && !adverb && before.find(U'已') == before.npos) continue;
    }
    done = true;
    break;
  }
  if (done && !negated && !partial) return part_state::done;
  if (done || partial || negated || contains_any(c, work_cues) || has_result_figure(c)) return part_state::progress;
  return part_state::mentioned;
}

// ---- labels ----------------------------------------------------------------------------------

std::u32string normalize_label(std::u32string_view label) {
  std::u32string s;
  for (std::size_t i = 0; i < label.size(); ++i) {
    // drop years written as 2024年 / 2024年度
    if (is_digit(label[i])) {
      std::size_t j = i;
      while (j < label.size() && is_digit(label[j])) ++j;
      if (j - i == 4 && j < label.size() && label[j] == U'年') {
        j += 1;
        if (j < label.size() && label[j] == U'度') ++j;
      }
      i = j - 1;
      continue;
    }
    if (is_han(label[i])) s.push_back(label[i]);
  }
  static constexpr std::array<std::u32string_view, 12> prefixes{
      U"全市", U"全省", U"全区", U"全县", U"全州", U"全国", U"本市", U"我市", U"其中", U"市本级",
      U"本级", U"同期"};
  bool again = true;
  while (again) {
    again = false;
    for (auto p : prefixes) {
      if (s.size() > p.size() && std::u32string_view(s).substr(0, p.size()) == p) {
        s.erase(0, p.size());
        again = true;
      }
    }
  }
  while (!s.empty() && s.back() == U'的') s.pop_back();
  return s;
}

double dice(const std::vector<bigram>& ba, const std::vector<bigram>& bb) noexcept {
  if (ba.empty() || bb.empty()) return 0.0;
  std::size_t common = 0;
  std::size_t i = 0, j = 0;
  while (i < ba.size() && j < bb.size()) {
    if (ba[i] == bb[j]) {
      ++common;
      ++i;
      ++j;
    } else if (ba[i] < bb[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(ba.size() + bb.size());
}

double label_similarity(std::u32string_view a, std::u32string_view b) {
  const auto na = normalize_label(a), nb = normalize_label(b);
  if (na.empty() || nb.empty()) return 0.0;
  if (na == nb) return 1.0;
  return dice(bigrams(na), bigrams(nb));
}

namespace {
constexpr std::array<std::u32string_view, 8> own_level{U"市本级", U"省本级", U"区本级", U"县本级", U"本级",
                                                       U"市级部门", U"市直部门", U"市直"};
}  // namespace

std::string scope_word(std::u32string_view text) {
  for (auto w : own_level)
    if (contains(text, w)) return encode(w);
  std::size_t i = 0;
  while (i < text.size() && !is_han(text[i])) ++i;
  if (text.substr(i, 2) == U"其中") return "其中";
  return {};
}

int scope_class(std::u32string_view word) {
  if (word.empty()) return 0;
  if (word == U"其中") return 2;
  return 1;
}

namespace {
/// A span of months short of the whole year: 1—11月, 1-10月, 3至5月, 1~9月 (1—12月 is the year).
/// Its position in `context` and length, or npos.
std::pair<std::size_t, std::size_t> month_span(std::u32string_view c) {
  auto number = [&](std::size_t& i) {
    int v = 0, n = 0;
    while (i < c.size() && n < 2 && is_digit(c[i])) {
      v = v * 10 + static_cast<int>(c[i] >= 0xFF10 ? c[i] - 0xFF10 : c[i] - U'0');
      ++i;
      ++n;
    }
    return n == 0 ? -1 : v;
  };
  static constexpr std::u32string_view joints = U"-—－~～至到–";
  for (std::size_t b = 0; b < c.size(); ++b) {
    if (!is_digit(c[b]) || (b > 0 && is_digit(c[b - 1]))) continue;
    std::size_t i = b;
    const int from = number(i);
    if (i >= c.size() || joints.find(c[i]) == std::u32string_view::npos) continue;
    while (i < c.size() && joints.find(c[i]) != std::u32string_view::npos) ++i;
    const int to = number(i);
    if (i >= c.size() || c[i] != U'月' || from < 1 || to > 12 || from >= to) continue;
    if (from == 1 && to == 12) continue;
    return {b, i + 1 - b};
  }
  return {std::u32string_view::npos, 0};
}
}  // namespace

std::string period_word(std::u32string_view context) {
  static constexpr std::array<std::u32string_view, 16> words{
      U"上半年", U"下半年", U"第一季度", U"一季度", U"二季度", U"三季度", U"四季度", U"前三季度",
      U"1-6月", U"1—6月", U"累计", U"截至", U"截止", U"以来", U"至今", U"月份"};
  std::size_t best = std::u32string_view::npos;
  std::u32string_view found;
  for (auto w : words) {
    auto p = context.find(w);
    if (p != std::u32string_view::npos && (best == std::u32string_view::npos || p < best)) {
      best = p;
      found = w;
    }
  }
  if (const auto [p, n] = month_span(context); p < best) return encode(context.substr(p, n));
  return found.empty() ? std::string() : encode(found);
}

std::u32string clause_context(const document& d, text_span s) {
  // clauses are in text order and do not overlap: the first whose end is past s.start
  const auto it = std::upper_bound(d.clauses.begin(), d.clauses.end(), s.start,
                                   [](std::size_t pos, const clause& c) { return pos < c.end; });
  if (it != d.clauses.end() && it->start <= s.start) return std::u32string(d.view({it->start, it->end}));
  return std::u32string(d.view(s));
}

}  // namespace annals::detail
