// DOCX (Office Open XML) → report text through libzip and pugixml (docs/reader.md §1).
//
// The main document part (the officeDocument target of _rels/.rels, normally word/document.xml)
// is read paragraph by paragraph: one paragraph a line, the text of its runs (w:t), tabs as a
// space, line breaks (w:br, w:cr) as line ends; deleted text, field codes, drawings and text
// boxes are left out. Automatic numbering (w:numPr on the paragraph or on its style) becomes
// the label Word shows — 一、（一）1. — rebuilt from word/numbering.xml: the level's lvlText
// (%1、 （%1） %1.) with each %N in the level's numFmt (decimal, chineseCounting,
// chineseCountingThousand, japaneseCounting, ideographTraditional, ideographZodiac,
// decimalEnclosedCircle(Chinese), decimalFullWidth, decimalZero, upper/lowerLetter,
// upper/lowerRoman). A table row is one line, its cells separated by a space, so that a figure
// stays with the row it is in. Headers and footers live in their own parts and are not read.
//
// Safety: every part is read through zip_fread with a cap (the caller's limit, --max-bytes in
// the tool): a small archive that inflates to gigabytes is refused after limit+1 bytes.
// The walk over the XML is iterative (no recursion on nesting depth).
//
// libzip is opened by its soname the first time a DOCX is read (ANNALS_LIBZIP names another
// file; lib/platform/), not linked: most runs read no DOCX.
#include <annals/error.hpp>
#include <annals/text.hpp>

#include "figures/numerals_detail.hpp"
#include "platform/optional_library_detail.hpp"
#include "reader_detail.hpp"

#include <pugixml.hpp>
#include <zip.h>

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace annals::detail {
namespace {

std::string limit_text(std::uint64_t n) {
  if (n >= 1024 * 1024 && n % (1024 * 1024) == 0) return std::to_string(n / (1024 * 1024)) + " MB";
  return std::to_string(n) + " bytes";
}

/// The libzip functions annals calls, looked up in the library on the first DOCX.
struct libzip_api {
  decltype(&::zip_error_init) error_init = nullptr;
  decltype(&::zip_error_fini) error_fini = nullptr;
  decltype(&::zip_source_buffer_create) source_buffer_create = nullptr;
  decltype(&::zip_source_free) source_free = nullptr;
  decltype(&::zip_open_from_source) open_from_source = nullptr;
  decltype(&::zip_discard) discard = nullptr;
  decltype(&::zip_name_locate) name_locate = nullptr;
  decltype(&::zip_fopen_index) fopen_index = nullptr;
  decltype(&::zip_fread) fread = nullptr;
  decltype(&::zip_fclose) fclose = nullptr;
  decltype(&::zip_get_error) get_error = nullptr;
  decltype(&::zip_error_code_zip) error_code_zip = nullptr;
  std::string failure;  ///< why libzip cannot be used, or ""
};

const libzip_api& libzip() {
  static const libzip_api api = [] {
    libzip_api z;
    optional_library lib("ANNALS_LIBZIP", {ANNALS_LIBZIP_SONAME});
    const bool all = lib.bind("zip_error_init", z.error_init) && lib.bind("zip_error_fini", z.error_fini) &&
                     lib.bind("zip_source_buffer_create", z.source_buffer_create) &&
                     lib.bind("zip_source_free", z.source_free) && lib.bind("zip_open_from_source", z.open_from_source) &&
                     lib.bind("zip_discard", z.discard) && lib.bind("zip_name_locate", z.name_locate) &&
                     lib.bind("zip_fopen_index", z.fopen_index) && lib.bind("zip_fread", z.fread) &&
                     lib.bind("zip_fclose", z.fclose) && lib.bind("zip_get_error", z.get_error) &&
                     lib.bind("zip_error_code_zip", z.error_code_zip);
    if (!all) z.failure = lib.failure().why;
    return z;
  }();
  return api;
}

/// An open archive over bytes in memory.
class archive {
 public:
  archive(std::string_view raw, std::string_view name) : zip_(libzip()), name_(name) {
    if (!zip_.failure.empty())
      unsupported_failure(name, "DOCX cannot be read here: libzip cannot be loaded: " + zip_.failure);
    zip_error_t err;
    zip_.error_init(&err);
    zip_source_t* src = zip_.source_buffer_create(raw.data(), raw.size(), 0, &err);
    if (!src) {
      zip_.error_fini(&err);
      input_failure(name, "damaged zip archive");
    }
    za_ = zip_.open_from_source(src, ZIP_RDONLY, &err);
    if (!za_) {
      zip_.source_free(src);
      zip_.error_fini(&err);
      input_failure(name, "damaged zip archive (not a readable DOCX)");
    }
    zip_.error_fini(&err);
  }
  ~archive() {
    if (za_) zip_.discard(za_);
  }
  archive(const archive&) = delete;
  archive& operator=(const archive&) = delete;

  [[nodiscard]] bool has(const std::string& entry) const { return zip_.name_locate(za_, entry.c_str(), 0) >= 0; }

  /// The uncompressed bytes of `entry`, at most `limit` of them; nullopt when it is missing.
  std::optional<std::string> read(const std::string& entry, std::uint64_t limit) const {
    const zip_int64_t idx = zip_.name_locate(za_, entry.c_str(), 0);
    if (idx < 0) return std::nullopt;
    zip_file_t* f = zip_.fopen_index(za_, static_cast<zip_uint64_t>(idx), 0);
    if (!f) {
      const int code = zip_.error_code_zip(zip_.get_error(za_));
      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
        input_failure(name_, "encrypted DOCX (a password is needed to read it)");
      input_failure(name_, entry + " cannot be read (damaged archive)");
    }
    std::string out;
    std::size_t used = 0;
    while (true) {
      const std::uint64_t room = limit + 1 - used;
      if (room == 0) break;
      if (out.size() == used) out.resize(used + static_cast<std::size_t>(std::min<std::uint64_t>(std::max<std::size_t>(used, 1 << 16), room)));
      const zip_int64_t n = zip_.fread(f, out.data() + used, out.size() - used);
      if (n < 0) {
        zip_.fclose(f);
        input_failure(name_, entry + " cannot be read (damaged archive)");
      }
      if (n == 0) break;
      used += static_cast<std::size_t>(n);
    }
    zip_.fclose(f);
    if (used > limit)
      input_failure(name_, entry + " expands beyond the input limit of " + limit_text(limit) + " (--max-bytes)");
    out.resize(used);
    return out;
  }

 private:
  const libzip_api& zip_;
  std::string name_;
  zip_t* za_ = nullptr;
};

bool is(const pugi::xml_node& n, const char* qname) { return std::string_view(n.name()) == qname; }

/// The w:val of child `child` of `n`, or "".
std::string val(const pugi::xml_node& n, const char* child) { return n.child(child).attribute("w:val").value(); }

int to_int(std::string_view s, int fallback) {
  if (s.empty() || s.size() > 9) return fallback;
  int v = 0;
  bool neg = false;
  std::size_t i = 0;
  if (s[0] == '-') {
    neg = true;
    i = 1;
  }
  if (i == s.size()) return fallback;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return fallback;
    v = v * 10 + (s[i] - '0');
  }
  return neg ? -v : v;
}

// ---- numbering labels ---------------------------------------------------------------------------

std::string chinese_number(int n) {
  constexpr const auto& digit = detail::chinese_digit_text;
  if (n < 0 || n > 99999) return std::to_string(n);
  if (n == 0) return std::string(digit[0]);
  static constexpr std::array<const char*, 5> unit = {"", "十", "百", "千", "万"};
  std::array<int, 5> d{};
  int m = n;
  int len = 0;
  while (m > 0) {
    d[static_cast<std::size_t>(len++)] = m % 10;
    m /= 10;
  }
  std::string s;
  bool zero = false;
  for (int k = len - 1; k >= 0; --k) {
    const int v = d[static_cast<std::size_t>(k)];
    if (v == 0) {
      zero = !s.empty();
      continue;
    }
    if (zero) {
      s += digit[0];
      zero = false;
    }
    if (!(v == 1 && k == 1 && len == 2)) s += digit[static_cast<std::size_t>(v)];  // 十一, not 一十一
    s += unit[static_cast<std::size_t>(k)];
  }
  return s;
}

std::string roman(int n, bool upper) {
  if (n <= 0 || n >= 4000) return std::to_string(n);
  static constexpr std::array<std::pair<int, const char*>, 13> t = {{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
                                                                    {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"},
                                                                    {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}}};
  std::string s;
  for (const auto& [v, r] : t)
    while (n >= v) {
      s += r;
      n -= v;
    }
  if (upper)
    for (char& c : s) c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string letters(int n, bool upper) {  // a … z, aa … zz (Word repeats the letter)
  if (n <= 0) return std::to_string(n);
  const char c = static_cast<char>((upper ? 'A' : 'a') + (n - 1) % 26);
  return std::string(static_cast<std::size_t>((n - 1) / 26 + 1), c);
}

std::string format_number(int n, std::string_view fmt) {
  if (fmt == "chineseCounting" || fmt == "chineseCountingThousand" || fmt == "japaneseCounting" ||
      fmt == "taiwaneseCounting" || fmt == "taiwaneseCountingThousand" || fmt == "chineseLegalSimplified" ||
      fmt == "ideographDigital" || fmt == "japaneseDigitalTenThousand") {
    if (fmt == "ideographDigital") {  // digit by digit: 一〇
      constexpr const auto& digit = detail::chinese_digit_text;
      std::string s;
      for (const char c : std::to_string(n)) s += c == '-' ? "-" : digit[static_cast<std::size_t>(c - '0')];
      return s;
    }
    return chinese_number(n);
  }
  if (fmt == "ideographTraditional") {
    static constexpr std::array<const char*, 10> stems = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
    return n >= 1 && n <= 10 ? stems[static_cast<std::size_t>(n - 1)] : std::to_string(n);
  }
  if (fmt == "ideographZodiac") {
    static constexpr std::array<const char*, 12> branches = {"子", "丑", "寅", "卯", "辰", "巳",
                                                             "午", "未", "申", "酉", "戌", "亥"};
    return n >= 1 && n <= 12 ? branches[static_cast<std::size_t>(n - 1)] : std::to_string(n);
  }
  if (fmt == "decimalEnclosedCircle" || fmt == "decimalEnclosedCircleChinese") {
    if (n >= 1 && n <= 20) {
      std::string s;
      utf8::append(s, static_cast<char32_t>(0x2460 + n - 1));
      return s;
    }
    return std::to_string(n);
  }
  if (fmt == "decimalFullWidth" || fmt == "decimalFullWidth2") {
    std::string s;
    for (const char c : std::to_string(n)) utf8::append(s, c == '-' ? U'－' : static_cast<char32_t>(0xFF10 + (c - '0')));
    return s;
  }
  if (fmt == "decimalZero") return (n >= 0 && n < 10 ? "0" : "") + std::to_string(n);
  if (fmt == "upperLetter") return letters(n, true);
  if (fmt == "lowerLetter") return letters(n, false);
  if (fmt == "upperRoman") return roman(n, true);
  if (fmt == "lowerRoman") return roman(n, false);
  return std::to_string(n);  // decimal and anything unknown
}

struct level {
  std::string fmt = "decimal";
  std::string text;  ///< lvlText, e.g. "%1、"
  int start = 1;
  bool legal = false;  ///< isLgl: every %N in decimal
};

struct abstract_num {
  std::array<level, 9> levels;
};

struct num_instance {
  int abstract_id = -1;
  std::array<std::optional<int>, 9> start_override;
};

/// word/numbering.xml and the counters of the lists in the order their paragraphs come.
class numbering {
 public:
  void load(const pugi::xml_node& root) {
    for (const auto& a : root.children("w:abstractNum")) {
      abstract_num an;
      for (const auto& l : a.children("w:lvl")) {
        const int il = to_int(l.attribute("w:ilvl").value(), -1);
        if (il < 0 || il > 8) continue;
        level& lv = an.levels[static_cast<std::size_t>(il)];
        if (const auto f = l.child("w:numFmt")) lv.fmt = f.attribute("w:val").value();
        lv.text = val(l, "w:lvlText");
        lv.start = to_int(val(l, "w:start"), 1);
        lv.legal = static_cast<bool>(l.child("w:isLgl"));
      }
      abstract_[to_int(a.attribute("w:abstractNumId").value(), -1)] = an;
    }
    for (const auto& n : root.children("w:num")) {
      num_instance ni;
      ni.abstract_id = to_int(val(n, "w:abstractNumId"), -1);
      for (const auto& o : n.children("w:lvlOverride")) {
        const int il = to_int(o.attribute("w:ilvl").value(), -1);
        if (il < 0 || il > 8) continue;
        if (const auto so = o.child("w:startOverride"))
          ni.start_override[static_cast<std::size_t>(il)] = to_int(so.attribute("w:val").value(), 1);
      }
      nums_[to_int(n.attribute("w:numId").value(), -1)] = ni;
    }
  }

  /// The label of the next paragraph of list `num_id` at level `ilvl` ("" for bullets, none or an
  /// unknown list).
  std::string next(int num_id, int ilvl) {
    if (num_id <= 0 || ilvl < 0 || ilvl > 8) return {};
    const auto ni = nums_.find(num_id);
    if (ni == nums_.end()) return {};
    const auto an = abstract_.find(ni->second.abstract_id);
    if (an == abstract_.end()) return {};
    const auto& levels = an->second.levels;
    auto& st = state_[ni->second.abstract_id];
    const auto L = static_cast<std::size_t>(ilvl);
    // a list instance with a start override restarts that level the first time it is used
    if (ni->second.start_override[L] && !st.overridden[L].count(num_id)) {
      st.overridden[L].insert({num_id, true});
      st.started[L] = false;
      st.start[L] = *ni->second.start_override[L];
    }
    if (st.started[L]) {
      ++st.counter[L];
    } else {
      st.counter[L] = st.start[L] ? *st.start[L] : levels[L].start;
      st.started[L] = true;
      st.start[L].reset();
    }
    for (std::size_t d = L + 1; d < 9; ++d) st.started[d] = false;  // deeper levels restart
    const level& lv = levels[L];
    if (lv.fmt == "bullet" || lv.fmt == "none") return {};
    std::string out;
    const std::string& t = lv.text;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i] == '%' && i + 1 < t.size() && t[i + 1] >= '1' && t[i + 1] <= '9') {
        const auto k = static_cast<std::size_t>(t[i + 1] - '1');
        const int value = k == L ? st.counter[k] : (st.started[k] || k < L ? st.counter[k] : levels[k].start);
        out += format_number(value, lv.legal && k != L ? "decimal" : levels[k].fmt);
        ++i;
      } else {
        out.push_back(t[i]);
      }
    }
    return out;
  }

 private:
  struct list_state {
    std::array<int, 9> counter{};
    std::array<bool, 9> started{};
    std::array<std::optional<int>, 9> start;
    std::array<std::map<int, bool>, 9> overridden;
  };
  std::map<int, abstract_num> abstract_;
  std::map<int, num_instance> nums_;
  std::map<int, list_state> state_;
};

/// Paragraph styles: their numbering (numId, ilvl), following basedOn.
class styles {
 public:
  void load(const pugi::xml_node& root) {
    for (const auto& s : root.children("w:style")) {
      entry e;
      e.based_on = val(s, "w:basedOn");
      if (const auto np = s.child("w:pPr").child("w:numPr")) {
        e.num_id = to_int(val(np, "w:numId"), -1);
        e.ilvl = to_int(val(np, "w:ilvl"), 0);
      }
      styles_[s.attribute("w:styleId").value()] = e;
    }
  }
  /// {numId, ilvl} of style `id`, or {-1, 0}.
  [[nodiscard]] std::pair<int, int> numbering_of(std::string id) const {
    for (int hops = 0; hops < 16 && !id.empty(); ++hops) {  // basedOn chains are short; cycles end
      const auto it = styles_.find(id);
      if (it == styles_.end()) break;
      if (it->second.num_id >= 0) return {it->second.num_id, it->second.ilvl};
      id = it->second.based_on;
    }
    return {-1, 0};
  }

 private:
  struct entry {
    std::string based_on;
    int num_id = -1;
    int ilvl = 0;
  };
  std::map<std::string, entry> styles_;
};

/// Elements whose content is not paragraph text.
bool skipped_element(std::string_view n) {
  return n == "w:pPr" || n == "w:rPr" || n == "w:del" || n == "w:delText" || n == "w:instrText" ||
         n == "w:delInstrText" || n == "w:drawing" || n == "w:pict" || n == "mc:AlternateContent" ||
         n == "w:object" || n == "w:fldData" || n == "w:footnoteReference" || n == "w:endnoteReference" ||
         n == "w:commentReference" || n == "w:txbxContent" || n == "w:tbl";
}

/// The text of paragraph `p` (without its numbering label); iterative walk.
std::string paragraph_text(const pugi::xml_node& p) {
  std::string out;
  pugi::xml_node n = p.first_child();
  while (n && n != p) {
    const std::string_view nm = n.name();
    bool descend = false;
    if (n.type() == pugi::node_element) {
      if (nm == "w:t") {
        out += n.child_value();
      } else if (nm == "w:tab" || nm == "w:ptab") {
        out.push_back(' ');
      } else if (nm == "w:br" || nm == "w:cr") {
        out.push_back('\n');
      } else if (nm == "w:noBreakHyphen") {
        out.push_back('-');
      } else if (!skipped_element(nm)) {
        descend = true;
      }
    }
    if (descend && n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n != p && !n.next_sibling()) n = n.parent();
    if (n == p) break;
    n = n.next_sibling();
  }
  return out;
}

/// Collapses runs of spaces, trims each line, drops control characters.
void append_clean(std::string& out, std::string_view s) {
  bool space = false;
  const std::size_t line_start = out.size();
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      while (out.size() > line_start && out.back() == ' ') out.pop_back();
      if (!out.empty() && out.back() != '\n') out.push_back('\n');
      space = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c < 0x20) {
      space = true;
      continue;
    }
    if (space && !out.empty() && out.back() != '\n') out.push_back(' ');
    space = false;
    out.push_back(ch);
  }
}

class body_reader {
 public:
  body_reader(numbering& num, const styles& st) : num_(num), st_(st) {}

  /// One line per paragraph, one line per table row; sdt (content controls) are looked into.
  std::string read(const pugi::xml_node& body) {
    std::string out;
    std::vector<pugi::xml_node> stack;  // iterative over nested w:sdt
    for (auto c = body.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
    while (!stack.empty()) {
      const pugi::xml_node n = stack.back();
      stack.pop_back();
      if (is(n, "w:p")) {
        line(out, paragraph(n));
      } else if (is(n, "w:tbl")) {
        table(out, n);
      } else if (is(n, "w:sdt") || is(n, "w:sdtContent") || is(n, "w:customXml")) {
        const pugi::xml_node inner = is(n, "w:sdt") ? n.child("w:sdtContent") : n;
        for (auto c = inner.last_child(); c; c = c.previous_sibling()) stack.push_back(c);
      }
    }
    return out;
  }

 private:
  static void line(std::string& out, const std::string& text) {
    const std::size_t before = out.size();
    append_clean(out, text);
    if (out.size() > before && out.back() != '\n') out.push_back('\n');
  }

  std::string paragraph(const pugi::xml_node& p) {
    const pugi::xml_node ppr = p.child("w:pPr");
    std::pair<int, int> numpr = st_.numbering_of(val(ppr, "w:pStyle"));
    if (const auto np = ppr.child("w:numPr")) {
      if (np.child("w:numId")) numpr.first = to_int(val(np, "w:numId"), -1);
      if (np.child("w:ilvl")) numpr.second = to_int(val(np, "w:ilvl"), 0);
    }
    std::string text = paragraph_text(p);
    if (numpr.first > 0) {
      // a numbered paragraph with no text still advances its list, as in Word
      std::string label = num_.next(numpr.first, numpr.second);
      if (!label.empty() && !text.empty()) text = label + text;
    }
    return text;
  }

  /// Rows as lines, cells separated by a space; a nested table's rows join their cell's text.
  void table(std::string& out, const pugi::xml_node& tbl) {
    for (const auto& tr : tbl.children("w:tr")) {
      std::string row;
      for (const auto& tc : tr.children("w:tc")) {
        std::string cell;
        for (const auto& c : tc.children()) {
          std::string part;
          if (is(c, "w:p")) part = paragraph(c);
          else if (is(c, "w:tbl")) part = flat_table(c);
          else if (is(c, "w:sdt")) part = paragraph_text(c.child("w:sdtContent"));
          if (part.empty()) continue;
          if (!cell.empty()) cell.push_back(' ');
          cell += part;
        }
        for (char& ch : cell)
          if (ch == '\n') ch = ' ';
        if (cell.find_first_not_of(' ') == std::string::npos) continue;
        if (!row.empty()) row.push_back(' ');
        row += cell;
      }
      line(out, row);
    }
  }

  /// A table inside a cell, as one run of text (no recursion beyond one level: deeper tables
  /// contribute their paragraphs' text through paragraph_text of their cells).
  std::string flat_table(const pugi::xml_node& tbl) {
    std::string s;
    for (const auto& tr : tbl.children("w:tr"))
      for (const auto& tc : tr.children("w:tc"))
        for (const auto& p : tc.children("w:p")) {
          const std::string t = paragraph(p);
          if (t.empty()) continue;
          if (!s.empty()) s.push_back(' ');
          s += t;
        }
    return s;
  }

  numbering& num_;
  const styles& st_;
};

pugi::xml_document parse(const std::string& xml, std::string_view name, const std::string& part) {
  pugi::xml_document doc;
  const pugi::xml_parse_result r =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single, pugi::encoding_auto);
  if (!r) input_failure(name, part + " is not well-formed XML (" + std::string(r.description()) + ")");
  return doc;
}

/// The main document part named by _rels/.rels (officeDocument), else word/document.xml.
std::string main_part(const archive& zip, std::string_view name, std::uint64_t limit) {
  if (const auto rels = zip.read("_rels/.rels", limit)) {
    pugi::xml_document d;
    if (d.load_buffer(rels->data(), rels->size())) {
      for (const auto& r : d.child("Relationships").children("Relationship")) {
        const std::string_view type = r.attribute("Type").value();
        if (type.size() >= 15 && type.substr(type.size() - 15) == "/officeDocument") {
          std::string target = r.attribute("Target").value();
          while (!target.empty() && target.front() == '/') target.erase(0, 1);
          if (!target.empty() && zip.has(target)) return target;
        }
      }
    }
  }
  (void)name;
  return "word/document.xml";
}

}  // namespace

extracted_text docx_to_text(std::string_view raw, std::string_view name, std::uint64_t max_bytes) {
  const archive zip(raw, name);
  const std::string part = main_part(zip, name, max_bytes);
  if (!zip.has(part)) {
    if (zip.has("xl/workbook.xml")) unsupported_failure(name, "unsupported (Excel workbook), only .docx is read");
    if (zip.has("ppt/presentation.xml")) unsupported_failure(name, "unsupported (PowerPoint presentation), only .docx is read");
    if (zip.has("content.xml") && zip.has("mimetype"))
      unsupported_failure(name, "unsupported (OpenDocument), convert to .docx");
    if (zip.has("OFD.xml")) unsupported_failure(name, "unsupported (OFD), convert to PDF or .docx");
    unsupported_failure(name, "unsupported (a zip archive, not a Word document)");
  }
  const std::string xml = *zip.read(part, max_bytes);
  const pugi::xml_document doc = parse(xml, name, part);

  numbering num;
  if (const auto n = zip.read("word/numbering.xml", max_bytes)) {
    const pugi::xml_document nd = parse(*n, name, "word/numbering.xml");
    num.load(nd.child("w:numbering"));
  }
  styles st;
  if (const auto s = zip.read("word/styles.xml", max_bytes)) {
    const pugi::xml_document sd = parse(*s, name, "word/styles.xml");
    st.load(sd.child("w:styles"));
  }
  const pugi::xml_node body = doc.child("w:document").child("w:body");
  if (!body) input_failure(name, part + " has no w:document/w:body (not a Word document)");
  body_reader reader(num, st);
  extracted_text out;
  out.text = reader.read(body);
  return out;
}

}  // namespace annals::detail
