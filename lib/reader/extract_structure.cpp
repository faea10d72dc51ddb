// The layout of a report: title, issuer, jurisdiction, recipient, closing signature and date,
// sections (一、…) with their items (一是… or (一)…), and the closing outlook paragraph.
//
// Everything here works on whole lines, in one pass over them (plus bounded scans inside a line),
// so the layout costs O(lines + characters).

#include <annals/period.hpp>

#include "extract_detail.hpp"

#include <algorithm>
#include <tuple>

namespace annals::detail {
namespace {

constexpr std::size_t max_title = 120;      // code points
constexpr std::size_t max_short_line = 40;  // recipient, signature
constexpr std::size_t max_date_line = 24;

struct trimmed {
  std::size_t b = 0, e = 0;
  [[nodiscard]] std::size_t size() const noexcept { return e - b; }
  [[nodiscard]] bool empty() const noexcept { return e == b; }
};

trimmed trim_line(const doc& d, const line& l) {
  trimmed t{l.start, l.end};
  d.trim(t.b, t.e);
  return t;
}

/// The first 4-digit number followed by 年 in [b, e) (Arabic or Chinese digits) with its
/// code-point offset, within [lo, hi] (any 4-digit value by default); {0, b} when there is none.
std::pair<int, std::size_t> year_at(const doc& d, std::size_t b, std::size_t e, int lo = 0, int hi = 9999) {
  for (std::size_t i = b; i + 4 < e + 1 && i + 4 <= d.size(); ++i) {
    if (d.at(i + 4) != U'年') continue;
    if (i > b && (is_digit(d.at(i - 1)) || cn_digit(d.at(i - 1)) >= 0)) continue;
    int v = 0;
    bool ok = true;
    for (std::size_t k = 0; k < 4; ++k) {
      const char32_t c = d.at(i + k);
      const int dg = is_digit(c) ? static_cast<int>(c - U'0') : (c != U'两' ? cn_digit(c) : -1);
      if (dg < 0) {
        ok = false;
        break;
      }
      v = v * 10 + dg;
    }
    if (ok && v >= 1000 && v >= lo && v <= hi) return {v, i};
  }
  return {0, b};
}

/// A 4-digit year followed by 年 in [b, e), within the years a report can be about, or 0.
int year_in(const doc& d, std::size_t b, std::size_t e) { return year_at(d, b, e, 1949, 2200).first; }

/// 一、 at the start of the trimmed line: its ordinal and where the heading starts.
int section_marker(const doc& d, const trimmed& t, std::size_t& heading_start) {
  std::size_t len = 0;
  const int v = cn_ordinal_at(d, t.b, len);
  if (v == 0) return 0;
  const char32_t sep = d.at(t.b + len);
  if (sep != U'、' && sep != U'.' && sep != U'．') return 0;
  heading_start = t.b + len + 1;
  return v;
}

/// A line that reads like a report title: short, no closing punctuation, names a 报告.
bool title_like(const doc& d, const trimmed& t) {
  if (t.empty() || t.size() > max_title) return false;
  const char32_t last = d.at(t.e - 1);
  if (is_clause_end(last)) return false;
  const u32 v = d.view(t.b, t.e);
  if (v.find(U"报告") == u32::npos) return false;
  return v.find(U"关于") != u32::npos || v.find(U"年度") != u32::npos || v.find(U"情况") != u32::npos;
}

std::optional<calendar_date> date_line(const doc& d, const trimmed& t) {
  if (t.empty() || t.size() > max_date_line) return std::nullopt;
  if (d.at(t.e - 1) != U'日' && d.at(t.e - 1) != U'号') return std::nullopt;
  return calendar_date::try_parse_chinese(d.utf8(t.b, t.e));
}

/// The place in an issuer's name: 成都市人民政府 → 成都市, 成都市司法局 → 成都市.
std::optional<std::string> jurisdiction_of(const std::u32string& issuer) {
  for (u32 w : {u32(U"人民政府"), u32(U"政府")}) {
    const auto at = issuer.find(w);
    if (at != std::u32string::npos && at >= 2) {
      std::string out;
      for (std::size_t i = 0; i < at; ++i) utf8::append(out, issuer[i]);
      return out;
    }
  }
  std::size_t cut = 0;
  for (std::size_t i = 1; i < issuer.size() && i < 16; ++i) {
    const char32_t c = issuer[i];
    if (c == U'省' || c == U'市' || c == U'区' || c == U'县' || c == U'州' || c == U'盟' || c == U'旗')
      cut = i + 1;
  }
  if (cut < 2) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < cut; ++i) utf8::append(out, issuer[i]);
  return out;
}

}  // namespace

int item_marker_at(const doc& d, std::size_t i, std::size_t line_start, std::size_t& len) {
  len = 0;
  std::size_t n = 0;
  const int v = cn_ordinal_at(d, i, n);
  // 一是 …, or 一要 … (the imperative form of the same enumeration, common in next steps)
  if (v == 0 || (d.at(i + n) != U'是' && d.at(i + n) != U'要')) return 0;
  std::size_t p = i;
  while (p > line_start && is_space(d.at(p - 1))) --p;
  if (p > line_start) {
    const char32_t c = d.at(p - 1);
    if (!is_clause_end(c) && c != U'、' && c != U')' && c != U'）') return 0;
  }
  len = n + 1;
  return v;
}

namespace {

/// (一) at the start of the trimmed line.
int paren_marker_at(const doc& d, const trimmed& t, std::size_t& len) {
  len = 0;
  if (d.at(t.b) != U'(') return 0;
  std::size_t n = 0;
  const int v = cn_ordinal_at(d, t.b + 1, n);
  if (v == 0 || d.at(t.b + 1 + n) != U')') return 0;
  len = n + 2;
  return v;
}

/// The title of an item: from `from` to the first 。；; (or `limit`), trimmed.
std::string item_title(const doc& d, std::size_t from, std::size_t limit) {
  std::size_t e = from;
  while (e < limit && e - from < 80 && d.at(e) != U'。' && d.at(e) != U'；' && d.at(e) != U';' &&
         d.at(e) != U'\n')
    ++e;
  std::size_t b = from;
  d.trim(b, e);
  return d.utf8(b, e);
}

/// Items of one section body [b, e): (一) lines if there are, else 一是 markers in sequence.
std::vector<item> find_items(const doc& d, std::size_t b, std::size_t e) {
  std::vector<item> out;
  const auto& ls = d.lines();
  // (一)… at line starts
  for (std::size_t li = d.line_of(b); li < ls.size() && ls[li].start < e; ++li) {
    if (ls[li].furniture) continue;
    const trimmed t = trim_line(d, ls[li]);
    if (t.b < b) continue;
    std::size_t len = 0;
    const int v = paren_marker_at(d, t, len);
    if (v != static_cast<int>(out.size()) + 1) continue;
    item it;
    it.ordinal = v;
    it.marker = d.utf8(t.b, t.b + len);
    it.title = item_title(d, t.b + len, std::min(t.e, e));
    it.span.start = t.b;
    out.push_back(std::move(it));
  }
  if (out.empty()) {
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
      if (!out.empty() && out.front().marker.substr(out.front().marker.size() - 3) != d.utf8(i + len - 1, i + len))
        continue;
      item it;
      it.ordinal = v;
      it.marker = d.utf8(i, i + len);
      it.title = item_title(d, i + len, e);
      it.span.start = i;
      out.push_back(std::move(it));
      i += len - 1;
    }
  }
  for (std::size_t k = 0; k < out.size(); ++k) {
    std::size_t s = out[k].span.start, x = k + 1 < out.size() ? out[k + 1].span.start : e;
    d.trim(s, x);
    while (x > s && d.at(x - 1) == U'\n') {
      --x;
      d.trim(s, x);
    }
    out[k].span.end = x;
  }
  return out;
}

bool mentions_problem(const doc& d, std::size_t b, std::size_t e) {
  // a problem verb followed within 40 code points by a problem noun
  for (std::size_t i = b; i < e; ++i) {
    const std::size_t n = lexicon::longest_at(d, i, lexicon::problem_verbs());
    if (n == 0) continue;
    const std::size_t lim = std::min(e, i + n + 40);
    for (std::size_t j = i + n; j < lim; ++j)
      if (lexicon::longest_at(d, j, lexicon::problem_nouns()) > 0) return true;
    i += n - 1;
  }
  return false;
}

bool mentions_outlook(const doc& d, std::size_t b, std::size_t e) {
  const u32 v = d.view(b, e);
  return v.find(U"下一步") != u32::npos || v.find(U"下步") != u32::npos || v.find(U"下一阶段") != u32::npos;
}

/// read_layout(), phase by phase along the text: each phase reads what the ones before it found.
struct layout_reader {
  const doc& d;
  report& r;
  layout& lay;
  const std::vector<line>& ls;
  std::vector<std::size_t> content;  ///< non-empty, non-furniture lines
  std::size_t first_body = 0;        ///< index into content of the first body line
  std::size_t report_end = 0;        ///< where a second report starts, or the end of the text
  std::size_t dummy = 0;

  layout_reader(const doc& text, report& out, layout& found) : d(text), r(out), lay(found), ls(text.lines()) {
    for (std::size_t i = 0; i < ls.size(); ++i)
      if (!ls[i].furniture && !trim_line(d, ls[i]).empty()) content.push_back(i);
    report_end = d.size();
  }

  /// The title (one line, or two: …人民政府 / 关于…报告), its issuer and year, and the addressee.
  void read_title_and_recipient() {
    if (!content.empty()) {
      const trimmed t0 = trim_line(d, ls[content[0]]);
      const bool is_heading = section_marker(d, t0, dummy) != 0;
      const bool prose = d.view(t0.b, t0.e).find(U'。') != u32::npos;
      if (!is_heading && !prose && d.at(t0.e - 1) != U':' && t0.size() <= max_title &&
          !is_clause_end(d.at(t0.e - 1))) {
        lay.title_line = content[0];
        std::size_t te = t0.e;
        first_body = 1;
        // a title broken over two lines: …人民政府 / 关于…报告
        if (content.size() > 1) {
          const trimmed t1 = trim_line(d, ls[content[1]]);
          if (d.has(t1.b, U"关于") && d.view(t0.b, t0.e).find(U"关于") == u32::npos && t1.size() <= max_title) {
            te = t1.e;
            first_body = 2;
          }
        }
        std::string title;
        for (std::size_t k = 0; k < first_body; ++k) title += d.utf8_trimmed(ls[content[k]].start, ls[content[k]].end);
        r.meta.title = title;
        if (const int y = year_in(d, t0.b, te); y != 0) lay.title_year = report_year(y);
        std::tie(lay.title_year_written, lay.title_year_at) = year_at(d, t0.b, te);
        // issuer: what stands before 关于
        std::u32string whole;
        for (std::size_t k = 0; k < first_body; ++k) {
          const trimmed tk = trim_line(d, ls[content[k]]);
          whole += d.view(tk.b, tk.e);
        }
        const auto at = whole.find(U"关于");
        if (at != std::u32string::npos && at >= 2 && at <= 40) {
          const std::u32string issuer = whole.substr(0, at);
          std::string s;
          for (char32_t c : issuer) utf8::append(s, c);
          r.meta.issuer = s;
          r.meta.jurisdiction = jurisdiction_of(issuer);
        }
      }
      // the addressee: a short line ending with a colon before the first section
      for (std::size_t k = first_body; k < content.size() && k < first_body + 4; ++k) {
        const trimmed t = trim_line(d, ls[content[k]]);
        if (section_marker(d, t, dummy) != 0) break;
        if (t.size() <= max_short_line && d.at(t.e - 1) == U':' && t.size() >= 2) {
          lay.recipient_line = content[k];
          std::size_t e = t.e - 1;
          std::size_t b = t.b;
          d.trim(b, e);
          r.meta.recipient = d.utf8(b, e);
          first_body = k + 1;
          break;
        }
      }
    }
    if (!lay.title_line) r.warnings.push_back({"no_title", "the text does not start with a title line", 0});
    lay.body_start = first_body < content.size() ? ls[content[first_body]].start : d.size();
  }

  /// A second report after the first (its own title line after our first section). Furniture
  /// lines count here: what follows a closing block may be flagged as page furniture.
  void find_report_end() {
    bool seen_section = false;
    const std::size_t from_line = first_body < content.size() ? content[first_body] : ls.size();
    for (std::size_t li = from_line; li < ls.size(); ++li) {
      const trimmed t = trim_line(d, ls[li]);
      if (t.empty()) continue;
      if (section_marker(d, t, dummy) != 0) {
        seen_section = true;
        continue;
      }
      // a second title, with report text after it
      const bool more = !content.empty() && content.back() > li;
      if (seen_section && more && title_like(d, t)) {
        report_end = ls[li].start;
        r.warnings.push_back({"multiple_reports",
                              "the text holds another report after the first (title at code point " +
                                  std::to_string(t.b) + "); only the first is read",
                              t.b});
        break;
      }
    }
  }

  /// The closing signature and date: among the last lines of the report; the body ends before.
  void read_closing() {
    std::size_t scanned = 0;
    for (std::size_t k = content.size(); k-- > first_body && scanned < 12;) {
      if (ls[content[k]].start >= report_end) continue;
      ++scanned;
      const trimmed t = trim_line(d, ls[content[k]]);
      const auto date = date_line(d, t);
      if (!date) continue;
      lay.date_line = content[k];
      r.meta.published = *date;
      r.dates.push_back({d.utf8(t.b, t.e), *date, date_role::published, {t.b, t.e}});
      if (k > first_body) {
        const trimmed s = trim_line(d, ls[content[k - 1]]);
        std::size_t hs = 0;
        if (s.size() <= max_short_line && !is_clause_end(d.at(s.e - 1)) && section_marker(d, s, hs) == 0 &&
            d.view(s.b, s.e).find(U"。") == u32::npos) {
          lay.signature_line = content[k - 1];
          if (!r.meta.issuer) {
            const std::u32string issuer(d.view(s.b, s.e));
            r.meta.issuer = d.utf8(s.b, s.e);
            r.meta.jurisdiction = jurisdiction_of(issuer);
          }
        }
      }
      break;
    }
    lay.body_end = report_end;
    if (lay.signature_line)
      lay.body_end = ls[*lay.signature_line].start;
    else if (lay.date_line)
      lay.body_end = ls[*lay.date_line].start;
    lay.body_end = std::max(lay.body_end, lay.body_start);
  }

  /// Numbered sections 一、二、… in order.
  void read_sections() {
    for (std::size_t k = first_body; k < content.size(); ++k) {
      const line& l = ls[content[k]];
      if (l.start >= lay.body_end) break;
      const trimmed t = trim_line(d, l);
      std::size_t hs = 0;
      const int v = section_marker(d, t, hs);
      if (v == 0 || v != static_cast<int>(r.sections.size()) + 1) continue;
      section s;
      s.ordinal = v;
      s.marker = d.utf8(t.b, hs - 1);
      std::size_t he = hs;
      while (he < t.e && d.at(he) != U'。') ++he;
      std::size_t b = hs;
      d.trim(b, he);
      s.heading = d.utf8(b, he);
      s.span.start = t.b;
      r.sections.push_back(std::move(s));
    }
    if (r.sections.empty())
      r.warnings.push_back({"no_sections", "no numbered sections (一、 二、 …) found; facts are read without sections",
                            lay.body_start});
  }

  /// The outlook: problems and next steps after the last section's own paragraphs.
  void find_outlook() {
    std::size_t from = lay.body_start;
    bool last_is_outlook = false;
    if (!r.sections.empty()) {
      const section& last = r.sections.back();
      const u32 heading = d.view(last.span.start, d.line_of(last.span.start) < ls.size()
                                                      ? ls[d.line_of(last.span.start)].end
                                                      : last.span.start);
      for (u32 w : lexicon::outlook_heading_words())
        if (heading.find(w) != u32::npos) last_is_outlook = true;
      from = ls[d.line_of(last.span.start)].end;
    }
    if (!last_is_outlook) {
      bool first_paragraph = !r.sections.empty();
      for (std::size_t k = 0; k < content.size(); ++k) {
        const line& l = ls[content[k]];
        if (l.start < from) continue;
        if (l.start >= lay.body_end) break;
        const trimmed t = trim_line(d, l);
        if (first_paragraph) {
          first_paragraph = false;
          // the last section's own paragraph may hold the outlook only when it leads with it
          if (!d.has(t.b, U"下一步")) continue;
        }
        if (mentions_outlook(d, t.b, t.e) || mentions_problem(d, t.b, std::min(t.e, t.b + 200))) {
          lay.outlook_start = t.b;
          lay.outlook_end = lay.body_end;
          break;
        }
      }
    }
  }

  /// Where each section ends, and its items.
  void close_sections() {
    for (std::size_t k = 0; k < r.sections.size(); ++k) {
      section& s = r.sections[k];
      std::size_t e = k + 1 < r.sections.size() ? r.sections[k + 1].span.start : lay.body_end;
      if (k + 1 == r.sections.size() && lay.outlook_start != npos && lay.outlook_start > s.span.start)
        e = std::min(e, lay.outlook_start);
      std::size_t b = s.span.start;
      d.trim(b, e);
      while (e > b && (d.at(e - 1) == U'\n' || is_space(d.at(e - 1)))) --e;
      s.span.end = e;
      std::size_t body = s.span.start;
      const std::size_t heading_line_end = ls[d.line_of(s.span.start)].end;
      while (body < heading_line_end && d.at(body) != U'。') ++body;
      body = std::min(e, body < heading_line_end ? body + 1 : heading_line_end);
      s.items = find_items(d, body, e);
    }
  }
};

}  // namespace

void read_layout(const doc& d, report& r, layout& lay) {
  layout_reader reader(d, r, lay);
  reader.read_title_and_recipient();
  reader.find_report_end();
  reader.read_closing();
  reader.read_sections();
  reader.find_outlook();
  reader.close_sections();
}

}  // namespace annals::detail
