// HTML page → text (include/annals/source.hpp). One forward pass over the bytes; element nesting
// is an explicit stack (never recursion) with an index by element name, so an end tag finds its
// element in O(1) and every element is popped once: time is linear whatever the nesting.
#include <annals/source.hpp>
#include <annals/text.hpp>

#include "reader_detail.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <unordered_map>

namespace annals {
namespace {

constexpr std::size_t max_stack = 1u << 17;

bool is_ascii_space(unsigned char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
bool is_alpha(unsigned char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(unsigned char c) noexcept { return is_alpha(c) || (c >= '0' && c <= '9'); }
char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = lower(c);
  return r;
}

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& set) noexcept {
  return std::find(set.begin(), set.end(), s) != set.end();
}

constexpr std::array<std::string_view, 14> void_elements = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"};

/// Elements whose content is raw text up to the matching end tag.
constexpr std::array<std::string_view, 10> raw_text_elements = {
    "script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"};

/// Elements dropped with everything inside them.
constexpr std::array<std::string_view, 15> dropped_elements = {
    "head", "nav", "aside", "footer", "template", "svg", "math", "select", "button",
    "object", "canvas", "audio", "video", "map", "datalist"};

constexpr std::array<std::string_view, 40> block_elements = {
    "address", "article", "aside", "blockquote", "br", "center", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tr", "ul"};

/// class/id words that mark page furniture (split on space, '-' and '_').
constexpr std::array<std::string_view, 52> furniture_words = {
    "nav", "navbar", "navigation", "menu", "submenu", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
    "bread", "share", "sharebar", "bdshare", "bdsharebuttonbox", "social", "footer", "foot", "sidebar",
    "toolbar", "chat", "chatbot", "kefu", "robot", "assistant", "aiassistant", "comment", "comments",
    "copyright", "pager", "pagination", "login", "search", "searchbox", "advert", "ads", "qrcode", "ewm",
    "related", "fontsize", "zihao", "weizhi", "dqwz", "location", "topbar", "skip", "cookie",
    "banner", "popup", "modal", "feedback", "backtop", "gotop"};

constexpr std::array<std::string_view, 8> furniture_roles = {
    "navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar", "toolbar"};

bool names_furniture(std::string_view value) {
  const std::string v = lowered(value);
  std::size_t i = 0;
  while (i < v.size()) {
    std::size_t j = i;
    while (j < v.size() && v[j] != ' ' && v[j] != '-' && v[j] != '_' && v[j] != '\t') ++j;
    if (j > i && one_of(std::string_view(v).substr(i, j - i), furniture_words)) return true;
    i = j + 1;
  }
  return false;
}

bool style_hides(std::string_view style) {
  std::string s;
  for (const char c : style)
    if (!is_ascii_space(static_cast<unsigned char>(c))) s.push_back(lower(c));
  return s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos;
}

struct named_entity {
  std::string_view name;
  char32_t value;
};

// A common subset of the HTML named character references.
constexpr std::array<named_entity, 74> entities = {{
    {"nbsp", 0xA0},    {"lt", '<'},        {"gt", '>'},        {"amp", '&'},       {"quot", '"'},
    {"apos", '\''},    {"ldquo", 0x201C},  {"rdquo", 0x201D},  {"lsquo", 0x2018},  {"rsquo", 0x2019},
    {"sbquo", 0x201A}, {"bdquo", 0x201E},  {"mdash", 0x2014},  {"ndash", 0x2013},  {"hellip", 0x2026},
    {"middot", 0xB7},  {"bull", 0x2022},   {"copy", 0xA9},     {"reg", 0xAE},      {"trade", 0x2122},
    {"times", 0xD7},   {"divide", 0xF7},   {"deg", 0xB0},      {"plusmn", 0xB1},   {"sup1", 0xB9},
    {"sup2", 0xB2},    {"sup3", 0xB3},     {"frac12", 0xBD},   {"frac14", 0xBC},   {"frac34", 0xBE},
    {"yen", 0xA5},     {"cent", 0xA2},     {"pound", 0xA3},    {"euro", 0x20AC},   {"sect", 0xA7},
    {"para", 0xB6},    {"laquo", 0xAB},    {"raquo", 0xBB},    {"lsaquo", 0x2039}, {"rsaquo", 0x203A},
    {"ensp", 0x2002},  {"emsp", 0x2003},   {"thinsp", 0x2009}, {"zwnj", 0x200C},   {"zwj", 0x200D},
    {"lrm", 0x200E},   {"rlm", 0x200F},    {"shy", 0xAD},      {"iexcl", 0xA1},    {"iquest", 0xBF},
    {"permil", 0x2030}, {"prime", 0x2032}, {"Prime", 0x2033},  {"larr", 0x2190},   {"rarr", 0x2192},
    {"uarr", 0x2191},  {"darr", 0x2193},   {"harr", 0x2194},   {"le", 0x2264},     {"ge", 0x2265},
    {"ne", 0x2260},    {"asymp", 0x2248},  {"minus", 0x2212},  {"radic", 0x221A},  {"infin", 0x221E},
    {"micro", 0xB5},   {"ordm", 0xBA},     {"ordf", 0xAA},     {"alpha", 0x3B1},   {"beta", 0x3B2},
    {"gamma", 0x3B3},  {"delta", 0x3B4},   {"mu", 0x3BC},      {"pi", 0x3C0},
}};

/// Legacy references a browser accepts without the closing ';'.
constexpr std::array<std::string_view, 7> semicolon_optional = {"nbsp", "amp", "lt", "gt", "quot", "copy", "reg"};

class stripper {
 public:
  stripper(std::string_view in, std::vector<std::size_t>* positions) : in_(in), positions_(positions) {
    out_.reserve(in.size() / 2);
  }

  std::string run(std::size_t* unterminated_at) {
    std::size_t i = 0;
    if (in_.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    const std::size_t n = in_.size();
    while (i < n) {
      const auto c = static_cast<unsigned char>(in_[i]);
      if (c == '<') {
        sync(i);
        const std::size_t next = tag(i);
        if (next == npos) {
          if (unterminated_at) *unterminated_at = out_.size();
          break;
        }
        i = next;
      } else if (c == '&') {
        sync(i);
        i = entity(i);
      } else if (is_ascii_space(c)) {
        sync(i);
        if (c == '\n' && pre_depth_ > 0)
          line_break();
        else
          space();
        ++i;
      } else if (c == 0xC2 && i + 1 < n && static_cast<unsigned char>(in_[i + 1]) == 0xA0) {
        sync(i);
        space();
        i += 2;
      } else if (c == 0xE3 && i + 2 < n && static_cast<unsigned char>(in_[i + 1]) == 0x80 &&
                 static_cast<unsigned char>(in_[i + 2]) == 0x80) {
        sync(i);
        space();
        i += 3;
      } else {
        i = text_run(i);
      }
    }
    sync(n);
    if (!out_.empty() && out_.back() != '\n') out_.push_back('\n');
    if (positions_)
      for (std::size_t k = next_position_; k < positions_->size(); ++k) (*positions_)[k] = out_.size();
    return std::move(out_);
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  struct open_element {
    std::string name;
    bool drop = false;
    bool pre = false;
    bool article = false;
  };

  // ---- output -------------------------------------------------------------------------------
  bool suppressed() const noexcept { return drop_depth_ > 0; }
  bool at_line_start() const noexcept { return out_.empty() || out_.back() == '\n'; }
  void space() noexcept {
    if (!suppressed()) pending_space_ = true;
  }
  void line_break() {
    if (suppressed()) return;
    pending_space_ = false;
    if (!at_line_start()) out_.push_back('\n');
  }
  void begin_text() {
    if (pending_space_ && !at_line_start()) out_.push_back(' ');
    pending_space_ = false;
  }
  void emit(std::string_view s) {
    if (suppressed()) return;
    begin_text();
    out_.append(s);
  }
  /// Positions at or before input byte `i` now map to the current end of the output.
  void sync(std::size_t i) {
    if (!positions_) return;
    auto& p = *positions_;
    while (next_position_ < p.size() && p[next_position_] <= i) p[next_position_++] = out_.size();
  }

  /// A run of ordinary characters, copied verbatim.
  std::size_t text_run(std::size_t i) {
    const std::size_t n = in_.size();
    std::size_t j = i + 1;
    while (j < n) {
      const auto b = static_cast<unsigned char>(in_[j]);
      if (b == '<' || b == '&' || is_ascii_space(b)) break;
      if (b == 0xC2 && j + 1 < n && static_cast<unsigned char>(in_[j + 1]) == 0xA0) break;
      if (b == 0xE3 && j + 2 < n && static_cast<unsigned char>(in_[j + 1]) == 0x80 &&
          static_cast<unsigned char>(in_[j + 2]) == 0x80)
        break;
      ++j;
    }
    if (suppressed()) {
      sync(j - 1);
      return j;
    }
    begin_text();
    const std::size_t base = out_.size();
    if (positions_) {
      auto& p = *positions_;
      while (next_position_ < p.size() && p[next_position_] < j) {
        const std::size_t at = p[next_position_];
        p[next_position_++] = at >= i ? base + (at - i) : base;
      }
    }
    out_.append(in_.substr(i, j - i));
    return j;
  }

  // ---- entities -----------------------------------------------------------------------------
  std::size_t entity(std::size_t i) {
    const std::size_t n = in_.size();
    std::size_t j = i + 1;
    if (j < n && in_[j] == '#') {
      ++j;
      const bool hex = j < n && (in_[j] == 'x' || in_[j] == 'X');
      if (hex) ++j;
      const std::size_t digits_at = j;
      std::uint32_t v = 0;
      while (j < n) {
        const char d = in_[j];
        int dv = -1;
        if (d >= '0' && d <= '9') dv = d - '0';
        else if (hex && d >= 'a' && d <= 'f') dv = d - 'a' + 10;
        else if (hex && d >= 'A' && d <= 'F') dv = d - 'A' + 10;
        if (dv < 0) break;
        if (v <= 0x10FFFF) v = v * (hex ? 16u : 10u) + static_cast<std::uint32_t>(dv);
        ++j;
      }
      if (j == digits_at) {  // "&#" not followed by digits: literal text
        emit("&");
        return i + 1;
      }
      if (j < n && in_[j] == ';') ++j;
      if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) v = utf8::replacement_character;
      put_code_point(static_cast<char32_t>(v));
      return j;
    }
    while (j < n && j - i <= 32 && is_alnum(static_cast<unsigned char>(in_[j]))) ++j;
    const std::string_view name = in_.substr(i + 1, j - i - 1);
    const bool semicolon = j < n && in_[j] == ';';
    for (const auto& e : entities) {
      if (e.name != name) continue;
      if (!semicolon && !one_of(name, semicolon_optional)) break;
      put_code_point(e.value);
      return semicolon ? j + 1 : j;
    }
    emit("&");
    return i + 1;
  }

  void put_code_point(char32_t c) {
    if (c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C || c == 0xA0 || c == 0x3000) {
      space();
      return;
    }
    std::string s;
    utf8::append(s, c);
    emit(s);
  }

  // ---- tags ---------------------------------------------------------------------------------
  /// Handles the markup starting at in_[i] == '<'; returns where text resumes, npos when the
  /// markup is not terminated.
  std::size_t tag(std::size_t i) {
    const std::size_t n = in_.size();
    if (in_.compare(i, 4, "<!--") == 0) {
      const std::size_t end = in_.find("-->", i + 4);
      return end == std::string_view::npos ? npos : end + 3;
    }
    if (i + 1 < n && (in_[i + 1] == '!' || in_[i + 1] == '?')) {
      const std::size_t end = in_.find('>', i + 2);
      return end == std::string_view::npos ? npos : end + 1;
    }
    if (i + 2 < n && in_[i + 1] == '/' && is_alpha(static_cast<unsigned char>(in_[i + 2]))) {
      std::size_t j = i + 2;
      const std::string name = tag_name(j);
      const std::size_t end = in_.find('>', j);
      if (end == std::string_view::npos) return npos;
      end_tag(name);
      return end + 1;
    }
    if (i + 1 < n && is_alpha(static_cast<unsigned char>(in_[i + 1]))) {
      std::size_t j = i + 1;
      const std::string name = tag_name(j);
      attributes attrs;
      const std::size_t end = parse_attributes(j, attrs);
      if (end == npos) return npos;
      return start_tag(name, attrs, end);
    }
    emit("<");
    return i + 1;
  }

  std::string tag_name(std::size_t& j) const {
    std::string name;
    while (j < in_.size()) {
      const auto c = static_cast<unsigned char>(in_[j]);
      if (!(is_alnum(c) || c == '-' || c == ':' || c == '_')) break;
      if (name.size() < 32) name.push_back(lower(static_cast<char>(c)));
      ++j;
    }
    return name;
  }

  struct attributes {
    bool self_closing = false;
    bool hidden = false;
    bool furniture = false;
  };

  /// Parses attributes from j up to the closing '>'; returns the index after it, or npos.
  std::size_t parse_attributes(std::size_t j, attributes& a) const {
    const std::size_t n = in_.size();
    while (true) {
      while (j < n && is_ascii_space(static_cast<unsigned char>(in_[j]))) ++j;
      if (j >= n) return npos;
      if (in_[j] == '>') return j + 1;
      if (in_[j] == '/') {
        a.self_closing = j + 1 < n && in_[j + 1] == '>';
        ++j;
        continue;
      }
      a.self_closing = false;
      const std::size_t name_at = j;
      while (j < n && !is_ascii_space(static_cast<unsigned char>(in_[j])) && in_[j] != '=' && in_[j] != '>' &&
             in_[j] != '/')
        ++j;
      if (j == name_at) ++j;  // a stray character: skip it
      const std::string name = lowered(in_.substr(name_at, std::min<std::size_t>(j - name_at, 32)));
      while (j < n && is_ascii_space(static_cast<unsigned char>(in_[j]))) ++j;
      std::string_view value;
      if (j < n && in_[j] == '=') {
        ++j;
        while (j < n && is_ascii_space(static_cast<unsigned char>(in_[j]))) ++j;
        if (j >= n) return npos;
        if (in_[j] == '"' || in_[j] == '\'') {
          const std::size_t close = in_.find(in_[j], j + 1);
          if (close == std::string_view::npos) return npos;
          value = in_.substr(j + 1, close - j - 1);
          j = close + 1;
        } else {
          const std::size_t from = j;
          while (j < n && !is_ascii_space(static_cast<unsigned char>(in_[j])) && in_[j] != '>') ++j;
          value = in_.substr(from, j - from);
        }
      }
      if (name == "hidden") a.hidden = true;
      else if (name == "style" && style_hides(value)) a.hidden = true;
      else if (name == "aria-hidden" && lowered(value) == "true") a.hidden = true;
      else if ((name == "class" || name == "id") && names_furniture(value)) a.furniture = true;
      else if (name == "role" && one_of(std::string_view(lowered(value)), furniture_roles)) a.furniture = true;
    }
  }

  std::size_t start_tag(const std::string& name, const attributes& a, std::size_t after) {
    if (one_of(std::string_view(name), raw_text_elements) && !a.self_closing) {
      if (name == "textarea" || name == "title") line_break();
      return skip_raw_text(name, after);
    }
    const bool is_block = one_of(std::string_view(name), block_elements);
    if (name == "br" || name == "hr") {
      line_break();
      return after;
    }
    if (one_of(std::string_view(name), void_elements)) return after;
    implicit_close(name);
    if (is_block) line_break();
    if (name == "td" || name == "th") space();
    if (a.self_closing) return after;
    open_element e;
    e.name = name;
    const bool structural = name == "html" || name == "body";
    e.drop = !structural && (a.hidden || a.furniture || one_of(std::string_view(name), dropped_elements) ||
                             (name == "header" && article_depth_ == 0));
    e.pre = name == "pre";
    e.article = name == "article" || name == "main";
    push(std::move(e));
    return after;
  }

  void end_tag(const std::string& name) {
    if (name == "br") {
      line_break();
      return;
    }
    // the innermost open element of that name closes, with everything opened inside it
    const auto it = open_by_name_.find(name);
    if (it != open_by_name_.end() && !it->second.empty()) {
      const std::size_t depth = it->second.back();
      while (stack_.size() > depth) pop();
    }
    if (one_of(std::string_view(name), block_elements)) line_break();
    if (name == "td" || name == "th") space();
  }

  /// <p> closes an open <p>, <li> an open <li>, and so on (only the innermost element).
  void implicit_close(const std::string& name) {
    if (stack_.empty()) return;
    const std::string& top = stack_.back().name;
    const bool closes = (name == top && (name == "p" || name == "li" || name == "option" || name == "tr")) ||
                        ((name == "td" || name == "th") && (top == "td" || top == "th")) ||
                        ((name == "dt" || name == "dd") && (top == "dt" || top == "dd"));
    if (closes) pop();
  }

  void push(open_element e) {
    if (stack_.size() >= max_stack) return;
    drop_depth_ += e.drop ? 1u : 0u;
    pre_depth_ += e.pre ? 1u : 0u;
    article_depth_ += e.article ? 1u : 0u;
    open_by_name_[e.name].push_back(stack_.size());
    stack_.push_back(std::move(e));
  }
  void pop() {
    const open_element& e = stack_.back();
    drop_depth_ -= e.drop ? 1u : 0u;
    pre_depth_ -= e.pre ? 1u : 0u;
    article_depth_ -= e.article ? 1u : 0u;
    open_by_name_[e.name].pop_back();  // the innermost of its name is the last entry
    stack_.pop_back();
  }

  /// Skips the content of a raw-text element up to its end tag (or the end of the input).
  std::size_t skip_raw_text(const std::string& name, std::size_t from) {
    std::size_t k = from;
    while (true) {
      const std::size_t lt = in_.find("</", k);
      if (lt == std::string_view::npos) return in_.size();
      std::size_t j = lt + 2;
      std::size_t m = 0;
      while (m < name.size() && j + m < in_.size() && lower(in_[j + m]) == name[m]) ++m;
      if (m == name.size()) {
        const std::size_t after = j + m;
        if (after >= in_.size()) return in_.size();
        const auto c = static_cast<unsigned char>(in_[after]);
        if (c == '>' || c == '/' || is_ascii_space(c)) {
          const std::size_t gt = in_.find('>', after);
          return gt == std::string_view::npos ? in_.size() : gt + 1;
        }
      }
      k = lt + 2;
    }
  }

  std::string_view in_;
  std::vector<std::size_t>* positions_;
  std::size_t next_position_ = 0;
  std::string out_;
  bool pending_space_ = false;
  std::vector<open_element> stack_;
  /// For each element name, the stack depths of its open elements (innermost last).
  std::unordered_map<std::string, std::vector<std::size_t>> open_by_name_;
  std::size_t drop_depth_ = 0, pre_depth_ = 0, article_depth_ = 0;
};

/// Case-insensitive search for an ASCII needle (lowercase) in `hay`.
bool contains_ci(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    if (lower(hay[i]) != needle[0]) continue;
    std::size_t k = 1;
    while (k < needle.size() && lower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

bool has_html_extension(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  const std::string ext = lowered(name.substr(dot + 1));
  return ext == "htm" || ext == "html" || ext == "shtml" || ext == "xhtml";
}

}  // namespace

namespace detail {
std::string strip_html(std::string_view html, std::vector<std::size_t>* positions, std::size_t* unterminated_at) {
  if (unterminated_at) *unterminated_at = static_cast<std::size_t>(-1);
  return stripper(html, positions).run(unterminated_at);
}
}  // namespace detail

std::string html_to_text(std::string_view utf8_html, std::size_t* unterminated_at) {
  return detail::strip_html(utf8_html, nullptr, unterminated_at);
}

bool looks_like_html(std::string_view bytes, std::string_view name_hint) {
  const std::string_view head = bytes.substr(0, 1u << 16);
  for (const std::string_view strong : {"<!doctype html", "<html", "<head", "<body"})
    if (contains_ci(head, strong)) return true;
  int tags = 0;
  for (const std::string_view common : {"<p>", "<p ", "</p>", "<div", "</div>", "<br", "<span", "<td", "<li>",
                                        "<table", "<h1", "<h2", "<meta ", "<title>"})
    if (contains_ci(head, common)) ++tags;
  if (tags >= 3) return true;
  return tags >= 1 && has_html_extension(name_hint);
}

}  // namespace annals
