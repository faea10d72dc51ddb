// PDF → report text through poppler-cpp (include/annals/source.hpp, docs/reader.md §1).
//
// Poppler is called only in annals' PDF module, annals_pdf.so (pdf_module/), loaded the first
// time a PDF is read: it gives the words of each page in reading order with their boxes
// (poppler's page::text_list). From
// the boxes this file rebuilds what a reader of the printed page sees:
//  1. words on one baseline become one line (a space where poppler says so or the gap is wide);
//  2. page furniture is dropped: a line among the top or bottom two of a page that repeats (digits
//     aside) on at least half of the pages is a running header or footer, and such a line that is
//     a bare page number (3, - 3 -, — 3 —, 第3页, 第3页 共9页, 3/9, Page 3) is one on any page;
//  3. lines become paragraphs: a line that starts indented (first-line indent), follows a short
//     line, or follows a vertical gap starts a paragraph; other lines, also across a page break,
//     continue the one before — so a sentence broken by a page end is one sentence again.
// Why not page::text(physical_layout)? It keeps the indentation as spaces but pads every line,
// breaks every sentence at every line end and keeps headers and page numbers in the middle of the
// text; raw_order_layout loses the spaces between words and moves footers out of place. The word
// boxes carry everything both do, plus the geometry needed for 2 and 3.
#include <annals/error.hpp>
#include <annals/text.hpp>

#include "platform/optional_library_detail.hpp"
#include "reader/pdf_module/pdf_module_abi.h"
#include "reader_detail.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <string>
#include <unordered_map>
#include <vector>

namespace annals::detail {
namespace {

struct word_box {
  std::string text;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool space_after = false;
  std::size_t cps = 0;
};

struct line {
  std::string text;
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
  std::size_t cps = 0;
  int page = 0;
  bool furniture = false;
  [[nodiscard]] double cy() const noexcept { return (y0 + y1) / 2; }
};

std::size_t count_cps(std::string_view s) noexcept {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u ? 1u : 0u;
  return n;
}

void trim(std::string& s) {
  const auto not_space = [](unsigned char c) { return c != ' ' && c != '\t'; };
  std::size_t a = 0, b = s.size();
  while (a < b && !not_space(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && !not_space(static_cast<unsigned char>(s[b - 1]))) --b;
  s = s.substr(a, b - a);
}

/// A word's text as report text: poppler's UTF-8 is valid, but a NUL or a control character from
/// a broken ToUnicode map is not report text.
std::string utf8_of(const annals_pdf_word& w) {
  std::string s(w.text, w.size);
  for (char& c : s)
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t') c = ' ';
  return s;
}

/// Words of one page, in poppler's reading order, grouped into lines.
std::vector<line> page_lines(const annals_pdf_word* boxes, std::size_t count, int page_no) {
  std::vector<line> lines;
  std::vector<word_box> words;
  words.reserve(count);
  for (std::size_t k = 0; k < count; ++k) {
    const annals_pdf_word& b = boxes[k];
    word_box w;
    w.text = utf8_of(b);
    trim(w.text);
    if (w.text.empty()) continue;
    w.x0 = b.x0;
    w.y0 = b.y0;
    w.x1 = b.x1;
    w.y1 = b.y1;
    w.space_after = b.space_after != 0;
    w.cps = count_cps(w.text);
    words.push_back(std::move(w));
  }
  const word_box* prev = nullptr;
  for (const word_box& w : words) {
    const double h = std::max(w.y1 - w.y0, 1.0);
    const double cy = (w.y0 + w.y1) / 2;
    const bool same_line = !lines.empty() && std::abs(cy - lines.back().cy()) < 0.25 * h &&
                           w.x0 > lines.back().x0 - 0.5 * h;
    if (!same_line) {
      line l;
      l.text = w.text;
      l.x0 = w.x0;
      l.x1 = w.x1;
      l.y0 = w.y0;
      l.y1 = w.y1;
      l.cps = w.cps;
      l.page = page_no;
      lines.push_back(std::move(l));
    } else {
      line& l = lines.back();
      // a space where poppler saw one, or where the gap is wider than a quarter character
      const double char_w = std::max(prev ? (prev->x1 - prev->x0) / static_cast<double>(std::max<std::size_t>(prev->cps, 1)) : 0.0,
                                     (w.x1 - w.x0) / static_cast<double>(std::max<std::size_t>(w.cps, 1)));
      if ((prev && prev->space_after) || (prev && w.x0 - prev->x1 > 0.25 * char_w)) {
        l.text.push_back(' ');
        ++l.cps;
      }
      l.text += w.text;
      l.cps += w.cps;
      l.x0 = std::min(l.x0, w.x0);
      l.x1 = std::max(l.x1, w.x1);
      l.y0 = std::min(l.y0, w.y0);
      l.y1 = std::max(l.y1, w.y1);
    }
    prev = &w;
  }
  return lines;
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// A line that is nothing but a page number: 3, - 3 -, — 3 —, 第3页, 第 3 页 共 9 页, 3/9,
/// Page 3 (of 9).
bool is_page_number(std::string_view s) {
  std::string t;  // without spaces and dashes
  for (std::size_t i = 0; i < s.size();) {
    const utf8::code_point c = utf8::decode(s, i);
    const char32_t v = c.value;
    if (!(v == ' ' || v == '-' || v == 0x2014 || v == 0x2013 || v == 0x2012 || v == 0x2015 || v == 0x2212 ||
          v == 0xFF0D || v == 0x3000 || v == 0x00A0 || v == '_' || v == 0x2500))
      t.append(s.substr(i, c.length));
    i += c.length;
  }
  if (t.empty() || t.size() > 40) return false;
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t a = i;
    while (i < t.size() && is_digit(t[i])) ++i;
    return i > a && i - a <= 4;  // page numbers, not amounts
  };
  auto lit = [&](std::string_view w) {
    if (t.compare(i, w.size(), w) != 0) return false;
    i += w.size();
    return true;
  };
  if (lit("第")) {  // 第3页, 第3页共9页, 第3页/共9页
    if (!digits() || !lit("页")) return false;
    if (i == t.size()) return true;
    (void)(lit(",") || lit("，") || lit("/"));
    return lit("共") && digits() && lit("页") && i == t.size();
  }
  if (lit("Page") || lit("page") || lit("PAGE")) {
    if (!digits()) return false;
    if (i == t.size()) return true;
    return (lit("of") || lit("/")) && digits() && i == t.size();
  }
  if (!digits()) return false;
  if (i == t.size()) return true;
  return lit("/") && digits() && i == t.size();
}

/// The furniture key of a line: its text without spaces, digits replaced by '#'.
std::string furniture_key(std::string_view s) {
  std::string k;
  for (const char c : s)
    if (c != ' ') k.push_back(is_digit(c) ? '#' : c);
  return k;
}

/// Marks running headers, footers and page numbers (see the top of this file).
void mark_furniture(std::vector<std::vector<line>>& pages) {
  constexpr std::size_t band = 2;  // lines at the top and at the bottom of a page considered
  constexpr std::size_t max_cps = 60;
  // the top-most and bottom-most lines of each page, by vertical position
  std::vector<std::vector<line*>> top(pages.size()), bottom(pages.size());
  std::size_t with_text = 0;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    auto& ls = pages[p];
    if (ls.empty()) continue;
    ++with_text;
    std::vector<line*> by_y;
    for (auto& l : ls) by_y.push_back(&l);
    std::stable_sort(by_y.begin(), by_y.end(), [](const line* a, const line* b) { return a->cy() < b->cy(); });
    for (std::size_t k = 0; k < by_y.size() && k < band; ++k) top[p].push_back(by_y[k]);
    for (std::size_t k = 0; k < by_y.size() && k < band; ++k) {
      line* l = by_y[by_y.size() - 1 - k];
      if (std::find(top[p].begin(), top[p].end(), l) == top[p].end()) bottom[p].push_back(l);
    }
  }
  const std::size_t needed = std::max<std::size_t>(2, (with_text + 1) / 2);
  for (auto* band_lines : {&top, &bottom}) {
    std::unordered_map<std::string, std::size_t> seen;  // key → pages it is on
    for (auto& ls : *band_lines) {
      std::vector<std::string> keys;
      for (const line* l : ls)
        if (l->cps <= max_cps) keys.push_back(furniture_key(l->text));
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      for (auto& k : keys) ++seen[k];
    }
    for (auto& ls : *band_lines)
      for (line* l : ls) {
        if (l->cps > max_cps) continue;
        if (is_page_number(l->text) || (with_text >= 2 && seen[furniture_key(l->text)] >= needed)) l->furniture = true;
      }
  }
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  const auto k = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

/// The last code point of a string (0 when empty).
char32_t last_cp(std::string_view s) {
  std::size_t i = s.size();
  while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0u) == 0x80u) --i;
  if (i == 0 && s.empty()) return 0;
  if (i > 0) --i;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0u) == 0x80u) --i;
  return utf8::decode(s, i).value;
}

bool ascii_alnum(char32_t c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool ascii_alpha(char32_t c) noexcept { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

bool ends_sentence(char32_t c) noexcept {
  return c == U'。' || c == U'！' || c == U'？' || c == U'：' || c == U'；' || c == ':' || c == ';' || c == '!' ||
         c == '?';
}

/// A line that starts like a heading or a numbered item: 一、 （一） (一) 1. 1、 第一
bool starts_heading(std::string_view s) {
  std::size_t i = 0;
  const utf8::code_point c = utf8::decode(s, i);
  std::size_t j = i + c.length;
  if (c.value == U'（' || c.value == '(') {  // （一） (1)
    if (j >= s.size()) return false;
    const utf8::code_point d = utf8::decode(s, j);
    return (d.value >= '0' && d.value <= '9') || std::u32string_view(U"一二三四五六七八九十").find(d.value) != std::u32string_view::npos;
  }
  const bool numeral = (c.value >= '0' && c.value <= '9') || std::u32string_view(U"一二三四五六七八九十").find(c.value) != std::u32string_view::npos;
  if (!numeral) return false;
  while (j < s.size()) {
    const utf8::code_point d = utf8::decode(s, j);
    if ((d.value >= '0' && d.value <= '9') || std::u32string_view(U"一二三四五六七八九十").find(d.value) != std::u32string_view::npos) {
      j += d.length;
      continue;
    }
    if (d.value == U'、') return true;
    if (d.value != '.' && d.value != U'．') return false;
    const std::size_t k = j + d.length;  // 1. is a marker, 6.14 a number
    return k >= s.size() || !(s[k] >= '0' && s[k] <= '9');
  }
  return false;
}

/// The geometry of a document's body text: left edge, right edge, character width, line pitch.
struct body_geometry {
  double left = 0;   ///< the most common left edge
  double right = 0;  ///< 95th percentile of the right edges
  double em = 1;     ///< median character width
  double pitch = 0;  ///< median line pitch
};

body_geometry measure_body(const std::vector<std::vector<line>>& pages) {
  std::vector<double> x0s, x1s, widths, pitches;
  for (const auto& ls : pages) {
    const line* before = nullptr;
    for (const auto& l : ls) {
      if (l.furniture) continue;
      x0s.push_back(std::round(l.x0));
      x1s.push_back(l.x1);
      if (l.cps >= 8) widths.push_back((l.x1 - l.x0) / static_cast<double>(l.cps));
      if (before && l.cy() > before->cy()) pitches.push_back(l.cy() - before->cy());
      before = &l;
    }
  }
  body_geometry g;
  std::unordered_map<long, std::size_t> votes;
  std::size_t best = 0;
  for (const double x : x0s) {
    const std::size_t v = ++votes[std::lround(x)];
    if (v > best || (v == best && x < g.left)) {
      best = v;
      g.left = x;
    }
  }
  g.right = percentile(x1s, 0.95);
  g.em = std::max(median(widths), 1.0);
  g.pitch = median(pitches);
  return g;
}

/// Whether line `l` continues the paragraph of `prev` (one line wrapped), not a new one.
bool continues(const line& prev, const line& l, const body_geometry& g) {
  const double left = g.left, right = g.right, em = g.em, pitch = g.pitch;
  const bool indented = l.x0 > left + 0.6 * em;
  const bool prev_short = prev.x1 < right - 4.0 * em;
  const bool prev_shortish = prev.x1 < right - 1.0 * em;
  const bool gap = prev.page == l.page && pitch > 0 && l.cy() - prev.cy() > 1.6 * pitch;
  const bool went_up = prev.page == l.page && l.cy() < prev.cy();  // a new column or block
  const double lgap = prev.x0 - left, rgap = right - prev.x1;  // a centred line stands alone
  const bool prev_indented_block = lgap > 2.5 * em && rgap > 2.5 * em && std::abs(lgap - rgap) < 1.5 * em;
  return !indented && !prev_short && !gap && !went_up && !prev_indented_block &&
         !(prev_shortish && (ends_sentence(last_cp(prev.text)) || starts_heading(l.text)));
}

/// The body lines of every page as text: wrapped lines joined, a paragraph a line.
void join_lines(const std::vector<std::vector<line>>& pages, const body_geometry& g, extracted_text& out) {
  const line* prev = nullptr;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    bool page_started = false;
    for (const auto& l : pages[p]) {
      if (l.furniture) continue;
      const bool join = prev && continues(*prev, l, g);
      if (prev && !join) out.text.push_back('\n');
      if (join) {
        std::size_t i = 0;
        const char32_t first = utf8::decode(l.text, i).value;
        if (ascii_alpha(last_cp(prev->text)) && ascii_alnum(first)) out.text.push_back(' ');
      }
      if (!page_started) {
        out.page_starts.push_back(out.text.size());
        page_started = true;
      }
      out.text += l.text;
      prev = &l;
    }
    if (!page_started) out.page_starts.push_back(out.text.size());
  }
}

/// annals_pdf.so, opened on the first PDF (ANNALS_PDF_MODULE names another file).
struct pdf_module {
  annals_pdf_read_fn read = nullptr;
  std::string failure;  ///< why it cannot be used, or ""
};

const pdf_module& the_pdf_module() {
  static const pdf_module m = [] {
    pdf_module out;
    optional_library lib("ANNALS_PDF_MODULE", module_candidates("annals_pdf.so"));
    annals_pdf_abi_fn abi = nullptr;
    if (lib.bind("annals_pdf_abi", abi) && lib.bind("annals_pdf_read", out.read)) {
      if (abi() != ANNALS_PDF_ABI) {
        out.read = nullptr;
        out.failure = "annals_pdf.so is of another annals version (interface " + std::to_string(abi()) +
                      ", this library needs " + std::to_string(ANNALS_PDF_ABI) + ")";
      }
    } else {
      out.read = nullptr;
      out.failure = lib.failure().why;
    }
    return out;
  }();
  return m;
}

/// What the module's page callback collects; an exception is kept for after the C frames.
struct page_sink {
  std::vector<std::vector<line>> pages;
  std::exception_ptr failed;
};

int on_page(void* context, int page, int pages, const annals_pdf_word* words, std::size_t count) {
  auto& sink = *static_cast<page_sink*>(context);
  try {
    if (sink.pages.empty()) sink.pages.resize(static_cast<std::size_t>(pages));
    sink.pages[static_cast<std::size_t>(page)] = page_lines(words, count, page);
    return 0;
  } catch (...) {
    sink.failed = std::current_exception();
    return 1;
  }
}

}  // namespace

extracted_text pdf_to_text(std::string_view raw, std::string_view name) {
  const pdf_module& module = the_pdf_module();
  if (!module.read)
    unsupported_failure(name, "PDF cannot be read here: annals' PDF module (poppler) cannot be loaded: " + module.failure);
  page_sink sink;
  switch (module.read(raw.data(), raw.size(), &sink, &on_page)) {
    case ANNALS_PDF_OK: break;
    case ANNALS_PDF_DAMAGED:
      // poppler refuses an encrypted file it cannot open with the empty password the same way as
      // a damaged one; the trailer says which
      if (raw.find("/Encrypt") != std::string_view::npos)
        input_failure(name, "encrypted PDF (a password is needed to read it)");
      input_failure(name, "damaged PDF (poppler cannot open it)");
    case ANNALS_PDF_LOCKED: input_failure(name, "encrypted PDF (a password is needed to read it)");
    case ANNALS_PDF_NO_PAGES: input_failure(name, "damaged PDF (no pages)");
    case ANNALS_PDF_TOO_LARGE: input_failure(name, "PDF too large for the PDF reader (over 2 GB)");
    case ANNALS_PDF_STOPPED:
      if (sink.failed) std::rethrow_exception(sink.failed);
      input_failure(name, "the PDF module stopped reading");
    default: input_failure(name, "the PDF module failed (out of memory?)");
  }
  std::vector<std::vector<line>>& pages = sink.pages;
  const int n = static_cast<int>(pages.size());
  std::vector<int> empty_pages;
  for (int i = 0; i < n; ++i)
    if (pages[static_cast<std::size_t>(i)].empty()) empty_pages.push_back(i + 1);
  if (static_cast<int>(empty_pages.size()) == n) input_failure(name, "no text layer (scanned?)");
  mark_furniture(pages);

  const body_geometry geometry = measure_body(pages);
  extracted_text out;
  out.text.reserve(raw.size() / 4);
  join_lines(pages, geometry, out);
  out.text.push_back('\n');
  for (const int pg : empty_pages)
    out.warnings.push_back({"pdf_page_without_text",
                            "page " + std::to_string(pg) + " of " + std::to_string(n) +
                                " has no text layer (a scanned page?); its content is missing",
                            out.page_starts[static_cast<std::size_t>(pg - 1)]});
  return out;
}

}  // namespace annals::detail
