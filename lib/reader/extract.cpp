// The reader's entry points (reader.hpp): text → report, bytes → report, file → report; the
// folded document model shared by the extraction passes.

#include <annals/reader.hpp>
#include <annals/sha256.hpp>
#include <annals/source.hpp>
#include <annals/text.hpp>

#include "extract_detail.hpp"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <limits>
#include <utility>

namespace annals {
namespace detail {

namespace {

/// The buffers of the last doc of this thread, kept for the next one.
struct doc_buffers {
  std::u32string t;
  std::vector<std::uint32_t> bytes;
};
thread_local doc_buffers spare_buffers;
/// Buffers for more code points than this are freed, not kept (1 Mi code points, 8 MB: texts of
/// about 3 MB; a thread that once read a 50 MB text does not hold on to 130 MB).
constexpr std::size_t max_kept_code_points = std::size_t{1} << 20;

}  // namespace

doc::doc(const std::string& text, const std::vector<text_span>& furniture) : text_(text) {
  t_.swap(spare_buffers.t);
  bytes_.swap(spare_buffers.bytes);
  t_.clear();
  bytes_.clear();
  if (text.size() > std::numeric_limits<std::uint32_t>::max())
    throw input_error("report text of " + std::to_string(text.size()) + " bytes: larger than 4 GiB");
  // decode (the text is valid UTF-8), fold widths and compatibility ideographs (⾏ → 行), one
  // code point for one; note where each
  // code point starts, so that spans are cut from the original text in constant time
  const std::size_t n = utf8::length(text);
  t_.resize(n);
  bytes_.resize(n);
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* p = begin;
  const auto* end = p + text.size();
  char32_t* const t = t_.data();
  std::uint32_t* const at = bytes_.data();
  std::size_t k = 0, line_start = 0;
  while (p < end && k < n) {
    at[k] = static_cast<std::uint32_t>(p - begin);
    const unsigned b0 = *p;
    char32_t c = 0;
    if (b0 < 0x80) {
      ++p;
      c = b0;
      if (c == U'\r') c = (p < end && *p == '\n') ? U' ' : U'\n';
      if (c == U'\n') {
        lines_.push_back({line_start, k, false});
        line_start = k + 1;
      }
      t[k++] = c;
      continue;
    }
    if (b0 >= 0xE0 && b0 < 0xF0 && end - p >= 3) {
      // three bytes, most of a Chinese text (well-formed: the continuation bytes are there)
      c = ((b0 & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
      p += 3;
      if (c >= 0x4E00 && c <= 0x9FFF) {  // a unified ideograph: nothing to fold
        t[k++] = c;
        continue;
      }
    } else {
      const utf8::code_point cp = utf8::decode_valid(text, static_cast<std::size_t>(p - begin));
      if (!cp.valid) break;  // cannot happen for valid UTF-8
      c = cp.value;
      p += cp.length;
    }
    const bool foldable = c == 0xA0 || c == 0x3000 || (c >= 0xFF01 && c <= 0xFFE6);
    if (foldable) {
      c = to_half_width(c);
    } else if (in_compatibility_ideograph_blocks(c)) [[unlikely]] {
      const char32_t u = to_unified_ideograph(c);
      compatibility_ideographs_ = compatibility_ideographs_ || u != c;
      c = u;
    }
    t[k++] = c;
  }
  t_.resize(k);
  bytes_.resize(k);
  lines_.push_back({line_start, k, false});  // the last line (empty after a final newline)
  // furniture marks (both sorted)
  std::size_t f = 0;
  for (auto& l : lines_) {
    while (f < furniture.size() && furniture[f].end <= l.start) ++f;
    for (std::size_t j = f; j < furniture.size() && furniture[j].start < l.end; ++j)
      if (furniture[j].end > l.start) {
        l.furniture = true;
        break;
      }
  }
}

doc::~doc() {
  if (t_.capacity() > max_kept_code_points) return;
  t_.clear();
  bytes_.clear();
  spare_buffers.t.swap(t_);
  spare_buffers.bytes.swap(bytes_);
}

std::size_t doc::line_of(std::size_t pos) const noexcept {
  auto it = std::upper_bound(lines_.begin(), lines_.end(), pos,
                             [](std::size_t p, const line& l) { return p < l.start; });
  if (it == lines_.begin()) return 0;
  return static_cast<std::size_t>(it - lines_.begin()) - 1;
}

std::size_t clause_start(const doc& d, std::size_t pos, std::size_t window) noexcept {
  const std::size_t lim = pos > window ? pos - window : 0;
  std::size_t i = pos;
  while (i > lim && !is_clause_end(d.at(i - 1))) --i;
  return i;
}

std::size_t clause_end(const doc& d, std::size_t pos, std::size_t window) noexcept {
  const std::size_t lim = std::min(d.size(), pos + window);
  std::size_t i = pos;
  while (i < lim && !is_clause_end(d.at(i))) ++i;
  return i;
}

std::size_t sentence_start(const doc& d, std::size_t pos, std::size_t window) noexcept {
  const std::size_t lim = pos > window ? pos - window : 0;
  std::size_t i = pos;
  while (i > lim && !is_sentence_end(d.at(i - 1))) --i;
  return i;
}

std::size_t sentence_end(const doc& d, std::size_t pos, std::size_t window) noexcept {
  const std::size_t lim = std::min(d.size(), pos + window);
  std::size_t i = pos;
  while (i < lim && !is_sentence_end(d.at(i))) ++i;
  return i;
}

int cn_ordinal_at(const doc& d, std::size_t i, std::size_t& len) noexcept {
  len = 0;
  const char32_t c = d.at(i);
  int v = 0;
  if (c == U'十') {
    v = 10;
    len = 1;
    const int u = cn_digit(d.at(i + 1));
    if (u >= 1 && d.at(i + 1) != U'两') {
      v += u;
      len = 2;
    }
    return v;
  }
  const int a = cn_digit(c);
  if (a < 1 || c == U'两') return 0;
  v = a;
  len = 1;
  if (d.at(i + 1) == U'十') {
    v = a * 10;
    len = 2;
    const int u = cn_digit(d.at(i + 2));
    if (u >= 1 && d.at(i + 2) != U'两') {
      v += u;
      len = 3;
    }
  }
  return v;
}

namespace {

/// Section and item ordinals of position `pos`.
void locate(const std::vector<section>& sections, std::size_t pos, std::optional<int>& sec,
            std::optional<int>& item_no) {
  sec.reset();
  item_no.reset();
  for (const auto& s : sections) {
    if (pos < s.span.start || pos >= s.span.end) continue;
    sec = s.ordinal;
    for (const auto& it : s.items)
      if (pos >= it.span.start && pos < it.span.end) item_no = it.ordinal;
    return;
  }
}

/// The text with every ill-formed UTF-8 subpart replaced by U+FFFD; the code-point offset of the
/// first one in `first_bad`.
std::string repair_utf8(std::string_view s, std::size_t& first_bad, std::size_t& bad_count) {
  std::string out;
  out.reserve(s.size() + 16);
  std::size_t i = 0, cps = 0;
  first_bad = npos;
  bad_count = 0;
  while (i < s.size()) {
    const auto cp = utf8::decode(s, i);
    if (cp.valid) {
      out.append(s.substr(i, cp.length));
    } else {
      if (first_bad == npos) first_bad = cps;
      ++bad_count;
      utf8::append(out, utf8::replacement_character);
    }
    i += cp.length;
    ++cps;
  }
  return out;
}

/// Nothing but white space (ASCII blanks, U+00A0, U+3000, U+FEFF).
bool is_blank(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto cp = utf8::decode(s, i);
    if (!is_space(cp.value) && cp.value != U'\n' && cp.value != U'\f' && cp.value != U'\v') return false;
    i += cp.length;
  }
  return true;
}

/// The text to read: `utf8_text`, its ill-formed sequences replaced (with a warning).
std::string checked_text(std::string_view utf8_text, report& r) {
  const std::size_t bad = utf8::find_invalid(utf8_text);
  if (bad == utf8::npos) return std::string(utf8_text);
  std::size_t first = 0, count = 0;
  std::string text = repair_utf8(utf8_text, first, count);
  r.warnings.push_back({"invalid_utf8",
                        std::to_string(count) + " ill-formed UTF-8 sequence(s) replaced by U+FFFD", first});
  return text;
}

/// The reporting year: the title's, else the body's first, else the year before publication.
void choose_year(const layout& lay, const std::optional<int>& first_year, report& r) {
  if (lay.title_year) {
    r.meta.year = lay.title_year;
  } else if (first_year) {
    r.meta.year = report_year(*first_year);
  } else if (r.meta.published && r.meta.published->year() - 1 >= 1949 && r.meta.published->year() - 1 <= 2200) {
    r.meta.year = report_year(r.meta.published->year() - 1);
  } else {
    r.warnings.push_back({"no_year", "the reporting year is written nowhere (title, first paragraph, date)", 0});
  }
  // The title and the body disagree (…2023年度…报告 over a body that starts 2024年，…), or the
  // title's year is none a report can be about (1801年度): the year chosen above stands (the
  // title's when it is in range, else the body's), and the reader says so.
  if (const int t = lay.title_year_written; t != 0) {
    const std::string filed = r.meta.year ? "the report is filed under " + std::to_string(r.meta.year->value())
                                          : std::string("the report has no year");
    if (first_year && *first_year != t)
      r.warnings.push_back({"year_mismatch", "the title says " + std::to_string(t) + "年 but the body's first year is " +
                                                 std::to_string(*first_year) + "年; " + filed,
                            lay.title_year_at});
    else if (!lay.title_year)
      r.warnings.push_back({"year_mismatch", "the title's year " + std::to_string(t) +
                                                 "年 is outside 1949–2200; " + filed,
                            lay.title_year_at});
  }
}

/// The changes in text order, numbered c1, c2 …, each tied to its fact.
void number_changes(std::vector<change_draft>& drafts, const std::vector<mention>& ms, report& r) {
  std::sort(drafts.begin(), drafts.end(),
            [](const change_draft& a, const change_draft& b) { return a.c.span.start < b.c.span.start; });
  int n = 0;
  for (auto& cd : drafts) {
    cd.c.id = "c" + std::to_string(++n);
    if (cd.fact_mention != npos && ms[cd.fact_mention].fact != npos)
      cd.c.fact = r.facts[ms[cd.fact_mention].fact].id;
    r.changes.push_back(std::move(cd.c));
  }
}

/// Each item's section and paragraph; the dates in text order; labels and names folded.
void place_and_fold(const doc& d, report& r) {
  for (auto& f : r.facts) locate(r.sections, f.span.start, f.section, f.item);
  for (auto& c : r.changes) locate(r.sections, c.span.start, c.section, c.item);
  for (auto& c : r.commitments)
    if (c.kind != commitment_kind::next_step && c.kind != commitment_kind::problem)
      locate(r.sections, c.span.start, c.section, c.item);
  std::stable_sort(r.dates.begin(), r.dates.end(),
                   [](const date_mention& a, const date_mention& b) { return a.span.start < b.span.start; });

  // Labels and names are keys across reports (metrics, jurisdictions): they are cut from the
  // original text, so a compatibility ideograph in them is folded here (texts as written stay).
  if (d.has_compatibility_ideographs()) {
    auto fold = [](std::string& s) { s = fold_compatibility_ideographs(s); };
    for (auto& f : r.facts) fold(f.label);
    for (auto& c : r.changes) fold(c.label);
    for (auto& c : r.commitments)
      if (c.goal) fold(c.goal->label);
    if (r.meta.issuer) fold(*r.meta.issuer);
    if (r.meta.jurisdiction) fold(*r.meta.jurisdiction);
  }
}

/// The numerals that were read as neither fact nor change (read_options::skipped).
void list_skipped(const doc& d, const std::vector<mention>& ms, std::vector<skipped_numeral>& out) {
  out.clear();
  for (const auto& m : ms)
    if (m.role == mention_role::skipped || m.role == mention_role::from_value)
      out.push_back({d.utf8(m.start, m.end), m.role == mention_role::from_value ? "from_value" : m.reason,
                     {m.start, m.end}});
}

}  // namespace
}  // namespace detail

report read_report_text(std::string_view utf8_text, source_info src) {
  return read_report_text(utf8_text, std::move(src), read_options{});
}

namespace {

/// The reader proper, on `text` known to be well-formed UTF-8 (checked_text's, or decode's, which
/// guarantees it: read_report_bytes hands its decoded text over without a second scan or copy).
/// @throws input_error when the text is blank.
report read_valid_text(std::string text, report r, const read_options& options) {
  using namespace detail;
  if (is_blank(text))
    throw input_error((r.source.name.empty() ? std::string("report") : r.source.name) + ": empty text");

  const std::vector<text_span> furniture = options.furniture ? *options.furniture : furniture_spans(text);
  const doc d(text, furniture);
  layout lay;
  read_layout(d, r, lay);

  std::optional<int> first_year;
  std::vector<mention> ms = scan_mentions(d, lay, r.dates, first_year);
  choose_year(lay, first_year, r);

  std::vector<change_draft> drafts = find_changes(d, ms);
  // targets before facts: a target's figure is its goal, never a fact (fact ids stay dense)
  const std::vector<target_draft> targets = find_targets(d, lay, ms, r.meta.year);
  std::vector<target_goal> goals;
  build_facts(d, ms, r, goals);
  finish_changes(d, ms, drafts, r);
  number_changes(drafts, ms, r);
  find_commitments(d, lay, ms, targets, goals, r);
  place_and_fold(d, r);

  if (options.skipped) list_skipped(d, ms, *options.skipped);
  r.text = std::move(text);
  return r;
}

}  // namespace

report read_report_text(std::string_view utf8_text, source_info src, const read_options& options) {
  report r;
  r.source = std::move(src);
  std::string text = detail::checked_text(utf8_text, r);
  return read_valid_text(std::move(text), std::move(r), options);
}

report read_report_bytes(std::string_view bytes, std::string name) {
  return read_report_bytes(bytes, std::move(name), decode_options{});
}

report read_report_bytes(std::string_view bytes, std::string name, const decode_options& options) {
  decoded_text dec = decode_document(bytes, name, options);
  source_info src;
  src.name = std::move(name);
  src.sha256 = dec.sha256.empty() ? sha256_hex(bytes) : dec.sha256;
  src.encoding = dec.encoding;
  src.format = dec.format;
  src.page_starts = std::move(dec.page_starts);
  read_options opt;
  opt.furniture = std::move(dec.furniture);
  assert(utf8::is_valid(dec.text) && "decode_document gives well-formed UTF-8");  // checked in Debug builds
  report shell;
  shell.source = std::move(src);
  report r = read_valid_text(std::move(dec.text), std::move(shell), opt);  // decode's text is well-formed
  if (!dec.warnings.empty()) {
    std::vector<warning> all = std::move(dec.warnings);
    all.insert(all.end(), r.warnings.begin(), r.warnings.end());
    r.warnings = std::move(all);
  }
  return r;
}

report read_report(const std::filesystem::path& path) {
  const std::string bytes = read_file_bytes(path);
  return read_report_bytes(bytes, path.string());
}

}  // namespace annals
