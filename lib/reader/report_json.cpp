// annals.report/1 serialisation (include/annals/report_json.hpp). nlohmann::json stays in here.
#include <annals/csv.hpp>
#include <annals/error.hpp>
#include <annals/markdown.hpp>
#include <annals/report_json.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cstring>
#include <iterator>
#include <limits>
#include <optional>
#include <ostream>

namespace annals {
namespace {

using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

// ---- writing ------------------------------------------------------------------------------------
//
// The writers append to a buffer and, when given a stream, pass the buffer on whenever it holds
// 64 kB: the output of a report of any size is never held whole. Their text is exactly
// nlohmann::ordered_json's dump() of the same object (keys in insertion order; ", " and ": "
// indentation as dump(indent); strings as dump_escaped with ensure_ascii off and invalid UTF-8
// replaced by U+FFFD), as tests/report_json_test.cpp checks against nlohmann on hostile text.

/// A buffer that goes to `os` (when there is one) in pieces of about 64 kB.
struct text_sink {
  std::string& buf;
  std::ostream* os = nullptr;
  static constexpr std::size_t piece = std::size_t{1} << 16;
  void maybe_flush() {
    if (os && buf.size() >= piece) flush();
  }
  void flush() {
    if (os && !buf.empty()) {
      os->write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
};

/// The length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong forms, no
/// surrogates, nothing past U+10FFFF), or 0 when the bytes there are not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) noexcept {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  const std::size_t left = s.size() - i;
  const auto cont = [&](std::size_t k) { return (b(i + k) & 0xC0u) == 0x80u; };
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(i + 1) > 0x9F) return 0;   // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(i + 1) > 0x8F) return 0;   // past U+10FFFF
    return 4;
  }
  return 0;
}

/// The escape of `c` (a control character, '"' or '\\') at `p`, as nlohmann writes it: \" \\ \b
/// \t \n \f \r, else \u00XX. Returns the end.
char* put_escape(char* p, unsigned char c) noexcept {
  static constexpr char hex[] = "0123456789abcdef";
  *p++ = '\\';
  switch (c) {
    case '"': *p++ = '"'; break;
    case '\\': *p++ = '\\'; break;
    case '\b': *p++ = 'b'; break;
    case '\t': *p++ = 't'; break;
    case '\n': *p++ = 'n'; break;
    case '\f': *p++ = 'f'; break;
    case '\r': *p++ = 'r'; break;
    default:
      std::memcpy(p, "u00", 3);
      p += 3;
      *p++ = hex[c >> 4];
      *p++ = hex[c & 0xF];
      break;
  }
  return p;
}

/// Whether byte `c` is copied into a JSON string as it is (ASCII, not a control character, not '"'
/// or '\\'); bytes from 0x80 are looked at as UTF-8 sequences.
constexpr bool plain_ascii(unsigned char c) noexcept { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

/// Walks `s` as the inside of a JSON string, as nlohmann escapes it: `copy(first, n)` for each run
/// of bytes written as they are, `escape(c)` for each byte written escaped (put_escape). Returns
/// false, having stopped, when `s` is not well-formed UTF-8. append_json_string and
/// put_json_string are this walk with their own output.
template <class Copy, class Escape>
bool json_string_pieces(std::string_view s, Copy&& copy, Escape&& escape) {
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_sequence(s, i);
      if (n == 0) return false;
      i += n;
    } else if (plain_ascii(c)) {
      ++i;
    } else {
      copy(s.data() + run, i - run);
      escape(c);
      run = ++i;
    }
  }
  copy(s.data() + run, s.size() - run);
  return true;
}

/// `s` as a JSON string. Text that is not well-formed UTF-8 (rare: the reader's text is decoded)
/// goes through nlohmann itself, so that its replacement of bad bytes stays the reference.
void append_json_string(std::string& out, std::string_view s) {
  const std::size_t mark = out.size();
  out.push_back('"');
  const bool well_formed = json_string_pieces(
      s, [&](const char* first, std::size_t n) { out.append(first, n); },
      [&](unsigned char c) {
        char escaped[6];
        out.append(escaped, put_escape(escaped, c));
      });
  if (!well_formed) {
    out.resize(mark);
    out += ojson(std::string(s)).dump(-1, ' ', false, ojson::error_handler_t::replace);
    return;
  }
  out.push_back('"');
}

template <class Int>
void append_int(std::string& out, Int v) {
  char digits[24];
  const auto res = std::to_chars(std::begin(digits), std::end(digits), v);
  out.append(digits, res.ptr);
}

/// JSON text as nlohmann's dump(indent) lays it out, written as it is made.
class json_writer {
 public:
  json_writer(text_sink& sink, int indent) : sink_(sink), out_(sink.buf), indent_(indent) {}

  void begin_object() { open('{'); }
  /// Goes on inside an object whose opening and first members were written by someone else.
  void resume_object() {
    first_.push_back(false);
    after_key_ = false;
  }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  /// The next member's name (fixed ASCII names only).
  void key(std::string_view name) {
    if (indent_ < 0 && name.size() <= max_fast_key) {  // JSONL: the comma, name and colon in one append
      char piece[max_fast_key + 4];
      std::size_t n = 0;
      if (!first_.empty()) {
        if (!first_.back()) piece[n++] = ',';
        first_.back() = false;
      }
      piece[n++] = '"';
      std::memcpy(piece + n, name.data(), name.size());
      n += name.size();
      piece[n++] = '"';
      piece[n++] = ':';
      out_.append(piece, n);
      after_key_ = true;
      return;
    }
    separate();
    out_.push_back('"');
    out_ += name;
    out_.append(indent_ < 0 ? std::string_view("\":") : std::string_view("\": "));
    after_key_ = true;
  }

  void string(std::string_view s) {
    before_value();
    append_json_string(out_, s);
    sink_.maybe_flush();
  }
  void null() {
    before_value();
    out_.append(std::string_view("null"));
  }
  void boolean(bool b) {
    before_value();
    out_.append(b ? std::string_view("true") : std::string_view("false"));
  }
  template <class Int>
  void integer(Int v) {
    before_value();
    append_int(out_, v);
  }

  // the shapes the report uses
  void member(std::string_view name, std::string_view s) { key(name), string(s); }
  void member(std::string_view name, const std::string& s) { key(name), string(s); }
  void member(std::string_view name, const char* s) { key(name), string(s); }
  void member(std::string_view name, bool b) { key(name), boolean(b); }
  void member(std::string_view name, int v) { key(name), integer(v); }
  void member(std::string_view name, std::size_t v) { key(name), integer(v); }
  void member(std::string_view name, const std::optional<int>& v) {
    key(name);
    v ? integer(*v) : null();
  }
  void member(std::string_view name, const std::optional<report_year>& y) {
    key(name);
    y ? integer(y->value()) : null();
  }
  void member(std::string_view name, const std::optional<std::string>& v) {
    key(name);
    v ? string(*v) : null();
  }
  void member(std::string_view name, const std::optional<decimal>& v) {
    key(name);
    v ? number_string(*v) : null();
  }
  void member(std::string_view name, const decimal& v) { key(name), number_string(v); }
  /// An exact decimal as a JSON string ("89.6"), written in place: digits, '-' and '.' need no escaping.
  void number_string(const decimal& v) {
    before_value();
    out_.push_back('"');
    v.append_to(out_);
    out_.push_back('"');
  }
  void string_or_null(std::string_view name, const std::string& s) {
    key(name);
    s.empty() ? null() : string(s);
  }
  void direction_member(direction d) {
    key("direction");
    d == direction::none ? null() : string(to_string(d));
  }

 private:
  void newline_indent(std::size_t depth) {
    out_.push_back('\n');
    out_.append(depth * static_cast<std::size_t>(indent_), ' ');
  }
  /// Before a member or an array element: the comma and line break that separate it.
  void separate() {
    if (first_.empty()) return;
    if (!first_.back()) out_.push_back(',');
    if (indent_ >= 0) newline_indent(first_.size());
    first_.back() = false;
  }
  void before_value() {
    if (after_key_) after_key_ = false;
    else separate();
  }
  void open(char bracket) {
    before_value();
    out_.push_back(bracket);
    first_.push_back(true);
  }
  void close(char bracket) {
    const bool empty = first_.back();
    first_.pop_back();
    if (!empty && indent_ >= 0) newline_indent(first_.size());
    out_.push_back(bracket);
    sink_.maybe_flush();
  }

  static constexpr std::size_t max_fast_key = 40;

  text_sink& sink_;
  std::string& out_;
  int indent_;
  std::vector<unsigned char> first_;  ///< per open container: nothing written in it yet (1)
  bool after_key_ = false;
};

/// The interval a fact allows; unbounded on both sides when its bounds cannot be computed.
interval fact_bounds(const fact& f) {
  return f.q.try_bounds().value_or(interval{std::nullopt, std::nullopt, false, false});
}

/// A fact's members (without the braces: JSON Lines puts the report's identity before them).
void fact_members(json_writer& w, const fact& f) {
  const interval b = fact_bounds(f);
  w.member("id", f.id);
  w.member("section", f.section);
  w.member("item", f.item);
  w.member("label", f.label);
  w.member("text", f.text);
  w.member("value", f.q.value);
  w.member("unit", f.q.unit);
  w.member("qualifier", to_string(f.q.qual));
  w.member("qualifier_text", f.qualifier_text);
  w.member("lo", b.lo);
  w.member("hi", b.hi);
  w.member("lo_closed", b.lo_closed);
  w.member("hi_closed", b.hi_closed);
  w.member("kind", to_string(f.kind));
  w.key("flags");
  w.begin_array();
  if (f.cumulative) w.string("cumulative");
  if (f.average) w.string("average");
  w.end_array();
  w.member("last_digit", f.q.last_digit);
  w.member("approximate", f.q.approximate);
  w.member("start", f.span.start);
  w.member("end", f.span.end);
}

// ---- JSON Lines: a fact's line written in one piece ------------------------------------------
//
// The hot path of `annals extract --format jsonl`: every member of a fact's line written straight
// into a buffer through a pointer, where json_writer makes a call (and a copy) per piece (16 % of
// the command's time went into fact_members). The bytes are fact_members' through a compact
// json_writer: report_json_test checks each line against the fact of to_json re-dumped by
// nlohmann, so a member added to fact_members and not here fails it. A fact with a string that is
// not well-formed UTF-8 takes that writer, whose nlohmann fallback replaces the bad bytes.

/// `s` as a JSON string at `p` (at most 6 * s.size() + 2 bytes), escaped as append_json_string
/// escapes it; nullptr when `s` is not well-formed UTF-8.
char* put_json_string(char* p, std::string_view s) noexcept {
  *p++ = '"';
  const bool well_formed = json_string_pieces(
      s,
      [&](const char* first, std::size_t n) {
        std::memcpy(p, first, n);
        p += n;
      },
      [&](unsigned char c) { p = put_escape(p, c); });
  if (!well_formed) return nullptr;
  *p++ = '"';
  return p;
}

/// A literal (a key with its quotes, comma and colon, or null/true/false) at `p`: a copy of a
/// length known when compiling.
template <std::size_t N>
char* put(char* p, const char (&text)[N]) noexcept {
  std::memcpy(p, text, N - 1);
  return p + (N - 1);
}

char* put_bool(char* p, bool b) noexcept { return b ? put(p, "true") : put(p, "false"); }

template <class Int>
char* put_int(char* p, Int v) noexcept {
  return std::to_chars(p, p + 24, v).ptr;
}

char* put_opt_int(char* p, const std::optional<int>& v) noexcept { return v ? put_int(p, *v) : put(p, "null"); }

/// An exact decimal as a JSON string ("89.6"), as json_writer::number_string writes it.
char* put_decimal(char* p, const decimal& v) noexcept {
  *p++ = '"';
  p = v.to_chars(p);
  *p++ = '"';
  return p;
}

char* put_opt_decimal(char* p, const std::optional<decimal>& v) noexcept {
  return v ? put_decimal(p, *v) : put(p, "null");
}

/// The fixed part of a fact's line: its keys, punctuation, numbers and names (not its strings).
constexpr std::size_t fact_line_fixed = 512 + 3 * (decimal::max_chars + 2);

/// A fact's line of JSON Lines (`head`, the report's members, then the fact's and "}\n") appended
/// to `out`; false, with `out` as it was, when one of its strings is not well-formed UTF-8. The
/// line is made in `scratch`, which only grows (a string resized to the worst case of escapes in
/// place would be zeroed again for every fact), and appended in one copy.
bool put_fact_line(std::string& out, std::string& scratch, std::string_view head, const fact& f) {
  const auto bound = [](std::string_view s) { return 6 * s.size() + 2; };
  const std::size_t most = head.size() + fact_line_fixed + bound(f.id) + bound(f.label) + bound(f.text) +
                           bound(f.q.unit) + bound(f.qualifier_text);
  if (scratch.size() < most) scratch.resize(most);
  char* p = scratch.data();
  std::memcpy(p, head.data(), head.size());
  p += head.size();
  const interval b = fact_bounds(f);
  // each string, unless one before it was not well-formed UTF-8 (p is null from then on)
  const auto quoted = [&](std::string_view s) { return p ? put_json_string(p, s) : nullptr; };
  p = put(p, ",\"id\":");
  p = quoted(f.id);
  if (p) {
    p = put(p, ",\"section\":");
    p = put_opt_int(p, f.section);
    p = put(p, ",\"item\":");
    p = put_opt_int(p, f.item);
    p = put(p, ",\"label\":");
  }
  p = quoted(f.label);
  if (p) p = put(p, ",\"text\":");
  p = quoted(f.text);
  if (p) {
    p = put(p, ",\"value\":");
    p = put_decimal(p, f.q.value);
    p = put(p, ",\"unit\":");
  }
  p = quoted(f.q.unit);
  if (p) {
    p = put(p, ",\"qualifier\":");
    p = quoted(to_string(f.q.qual));
  }
  if (p) p = put(p, ",\"qualifier_text\":");
  p = quoted(f.qualifier_text);
  if (!p) return false;
  p = put(p, ",\"lo\":");
  p = put_opt_decimal(p, b.lo);
  p = put(p, ",\"hi\":");
  p = put_opt_decimal(p, b.hi);
  p = put(p, ",\"lo_closed\":");
  p = put_bool(p, b.lo_closed);
  p = put(p, ",\"hi_closed\":");
  p = put_bool(p, b.hi_closed);
  p = put(p, ",\"kind\":");
  p = put_json_string(p, to_string(f.kind));
  p = put(p, ",\"flags\":[");
  if (f.cumulative) p = put(p, "\"cumulative\"");
  if (f.cumulative && f.average) *p++ = ',';
  if (f.average) p = put(p, "\"average\"");
  p = put(p, "],\"last_digit\":");
  p = put_int(p, f.q.last_digit);
  p = put(p, ",\"approximate\":");
  p = put_bool(p, f.q.approximate);
  p = put(p, ",\"start\":");
  p = put_int(p, f.span.start);
  p = put(p, ",\"end\":");
  p = put_int(p, f.span.end);
  p = put(p, "}\n");
  out.append(scratch.data(), static_cast<std::size_t>(p - scratch.data()));
  return true;
}

/// A target's goal: what a fact says of its figure, without id, place or flags.
void goal_json(json_writer& w, const target_goal& g) {
  const interval b = g.q.try_bounds().value_or(interval{std::nullopt, std::nullopt, false, false});
  w.begin_object();
  w.member("label", g.label);
  w.member("text", g.text);
  w.member("value", g.q.value);
  w.member("unit", g.q.unit);
  w.member("qualifier", to_string(g.q.qual));
  w.member("qualifier_text", g.qualifier_text);
  w.member("lo", b.lo);
  w.member("hi", b.hi);
  w.member("lo_closed", b.lo_closed);
  w.member("hi_closed", b.hi_closed);
  w.member("kind", to_string(g.kind));
  w.member("last_digit", g.q.last_digit);
  w.member("approximate", g.q.approximate);
  w.member("start", g.span.start);
  w.member("end", g.span.end);
  w.end_object();
}

void change_json(json_writer& w, const change& c) {
  w.begin_object();
  w.member("id", c.id);
  w.member("kind", to_string(c.kind));
  if (c.kind == change_kind::growth_pct) w.string_or_null("basis", std::string(basis_name(c.basis).value_or("")));
  w.member("label", c.label);
  w.member("text", c.text);
  switch (c.kind) {
    case change_kind::growth_pct:
    case change_kind::pp:
      w.member("value", c.value);
      w.direction_member(c.dir);
      break;
    case change_kind::from_to:
      w.member("from", c.from);
      w.member("to", c.to);
      w.member("unit", c.unit);
      w.direction_member(c.dir);
      break;
    case change_kind::multiple:
      w.member("value", c.value);
      w.member("qualifier", to_string(c.qual));
      break;
    case change_kind::doubling: w.member("value", c.value); break;
    case change_kind::streak:
      w.member("value", c.value);
      w.member("unit", c.unit);
      break;
    case change_kind::threshold:
      w.member("value", c.value);
      w.member("unit", c.unit);
      w.direction_member(c.dir);
      break;
  }
  w.member("fact", c.fact);
  w.member("section", c.section);
  w.member("item", c.item);
  w.member("start", c.span.start);
  w.member("end", c.span.end);
  w.end_object();
}

void commitment_json(json_writer& w, const commitment& k) {
  w.begin_object();
  w.member("id", k.id);
  w.member("kind", to_string(k.kind));
  switch (k.kind) {
    case commitment_kind::plan:
      w.member("text", k.text);
      w.member("groups", k.groups);
      w.member("count", k.count);
      break;
    case commitment_kind::next_step:
      w.member("ordinal", k.ordinal);
      w.member("title", k.title);
      w.member("text", k.text);
      break;
    case commitment_kind::problem:
      w.member("ordinal", k.ordinal);
      w.member("text", k.text);
      break;
    case commitment_kind::target:
      w.member("text", k.text);
      w.member("fact", k.fact);
      w.key("goal");
      if (k.goal) goal_json(w, *k.goal);
      else w.null();
      w.key("deadline");
      if (k.deadline) w.string(k.deadline->to_iso());
      else w.null();
      break;
  }
  w.member("section", k.section);
  w.member("item", k.item);
  w.member("start", k.span.start);
  w.member("end", k.span.end);
  w.end_object();
}

/// "source" and "report": where the report came from and what it says of itself.
void source_and_meta(json_writer& w, const report& r) {
  w.key("source");
  w.begin_object();
  w.member("name", r.source.name);
  w.member("sha256", r.source.sha256);
  w.member("encoding", r.source.encoding);
  w.member("format", to_string(r.source.format));
  if (!r.source.page_starts.empty()) {  // PDF only
    w.key("page_starts");
    w.begin_array();
    for (const std::size_t p : r.source.page_starts) w.integer(p);
    w.end_array();
  }
  w.end_object();
  w.key("report");
  w.begin_object();
  w.string_or_null("title", r.meta.title);
  w.member("issuer", r.meta.issuer);
  w.member("jurisdiction", r.meta.jurisdiction);
  w.member("year", r.meta.year);
  w.key("published");
  if (r.meta.published) w.string(r.meta.published->to_iso());
  else w.null();
  w.member("recipient", r.meta.recipient);
  w.end_object();
}

/// "sections", each with its items.
void sections_json(json_writer& w, const report& r) {
  w.key("sections");
  w.begin_array();
  for (const section& s : r.sections) {
    w.begin_object();
    w.member("ordinal", s.ordinal);
    w.member("marker", s.marker);
    w.member("heading", s.heading);
    w.member("start", s.span.start);
    w.member("end", s.span.end);
    w.key("items");
    w.begin_array();
    for (const item& it : s.items) {
      w.begin_object();
      w.member("ordinal", it.ordinal);
      w.member("marker", it.marker);
      w.member("title", it.title);
      w.member("start", it.span.start);
      w.member("end", it.span.end);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
}

void report_json(json_writer& w, const report& r, bool include_text) {
  w.begin_object();
  w.member("schema", report_schema);
  source_and_meta(w, r);
  if (include_text) w.member("text", r.text);
  sections_json(w, r);
  w.key("facts");
  w.begin_array();
  for (const fact& f : r.facts) {
    w.begin_object();
    fact_members(w, f);
    w.end_object();
  }
  w.end_array();
  w.key("changes");
  w.begin_array();
  for (const change& c : r.changes) change_json(w, c);
  w.end_array();
  w.key("dates");
  w.begin_array();
  for (const date_mention& d : r.dates) {
    w.begin_object();
    w.member("text", d.text);
    w.member("value", d.value.to_iso());
    w.member("role", to_string(d.role));
    w.member("start", d.span.start);
    w.member("end", d.span.end);
    w.end_object();
  }
  w.end_array();
  w.key("commitments");
  w.begin_array();
  for (const commitment& k : r.commitments) commitment_json(w, k);
  w.end_array();
  w.key("warnings");
  w.begin_array();
  for (const warning& wn : r.warnings) {
    w.begin_object();
    w.member("code", wn.code);
    w.member("message", wn.message);
    w.member("start", wn.start);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void jsonl_rows(text_sink& sink, const report& r) {
  // The members every row of the report starts with, escaped once: {"source":…,"year":…
  std::string head;
  {
    text_sink head_sink{head};
    json_writer h(head_sink, -1);
    h.begin_object();
    h.member("source", r.source.name);
    h.member("sha256", r.source.sha256);
    h.member("jurisdiction", r.meta.jurisdiction);
    h.member("year", r.meta.year);
  }
  json_writer w(sink, -1);
  std::string scratch;
  for (const fact& f : r.facts) {
    if (!put_fact_line(sink.buf, scratch, head, f)) {  // a string to repair: the writer's nlohmann fallback
      sink.buf += head;
      w.resume_object();
      fact_members(w, f);
      w.end_object();
      sink.buf.push_back('\n');
    }
    sink.maybe_flush();
  }
}

// ---- reading ------------------------------------------------------------------------------------

[[noreturn]] void bad(const std::string& path, const std::string& why) {
  throw input_error("report json: " + path + ": " + why);
}

std::string at(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

const json* find(const json& obj, std::string_view name) {
  const auto it = obj.find(std::string(name));
  return it == obj.end() ? nullptr : &*it;
}

const json& require(const json& obj, std::string_view name, const std::string& path) {
  const json* v = find(obj, name);
  if (!v) bad(at(path, name), "missing");
  return *v;
}

const json& require_object(const json& obj, std::string_view name, const std::string& path) {
  const json& v = require(obj, name, path);
  if (!v.is_object()) bad(at(path, name), "not an object");
  return v;
}

const json& require_array(const json& obj, std::string_view name, const std::string& path) {
  const json& v = require(obj, name, path);
  if (!v.is_array()) bad(at(path, name), "not an array");
  return v;
}

std::string get_string(const json& obj, std::string_view name, const std::string& path) {
  const json& v = require(obj, name, path);
  if (!v.is_string()) bad(at(path, name), "not a string");
  return v.get<std::string>();
}

/// A string that may be missing or null (→ "").
std::string get_string_or_empty(const json& obj, std::string_view name, const std::string& path) {
  const json* v = find(obj, name);
  if (!v || v->is_null()) return {};
  if (!v->is_string()) bad(at(path, name), "not a string");
  return v->get<std::string>();
}

std::optional<std::string> get_opt_string(const json& obj, std::string_view name, const std::string& path) {
  const json* v = find(obj, name);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) bad(at(path, name), "not a string or null");
  return v->get<std::string>();
}

std::optional<int> get_opt_int(const json& obj, std::string_view name, const std::string& path) {
  const json* v = find(obj, name);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_number_integer()) bad(at(path, name), "not an integer or null");
  const auto n = v->get<std::int64_t>();
  if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max())
    bad(at(path, name), "out of range");
  return static_cast<int>(n);
}

int get_int(const json& obj, std::string_view name, const std::string& path) {
  require(obj, name, path);
  const auto v = get_opt_int(obj, name, path);
  if (!v) bad(at(path, name), "not an integer");
  return *v;
}

std::size_t get_offset(const json& obj, std::string_view name, const std::string& path) {
  const json& v = require(obj, name, path);
  if (!v.is_number_unsigned()) bad(at(path, name), "not a non-negative integer");
  return static_cast<std::size_t>(v.get<std::uint64_t>());
}

bool get_bool(const json& obj, std::string_view name, const std::string& path) {
  const json& v = require(obj, name, path);
  if (!v.is_boolean()) bad(at(path, name), "not true or false");
  return v.get<bool>();
}

std::optional<decimal> get_opt_decimal(const json& obj, std::string_view name, const std::string& path) {
  const json* v = find(obj, name);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) bad(at(path, name), "not a decimal string");
  const auto d = decimal::try_parse(v->get_ref<const std::string&>());
  if (!d) bad(at(path, name), "not a decimal string");
  return d;
}

decimal get_decimal(const json& obj, std::string_view name, const std::string& path) {
  require(obj, name, path);
  const auto d = get_opt_decimal(obj, name, path);
  if (!d) bad(at(path, name), "not a decimal string");
  return *d;
}

std::optional<calendar_date> get_opt_date(const json& obj, std::string_view name, const std::string& path) {
  const auto s = get_opt_string(obj, name, path);
  if (!s) return std::nullopt;
  const auto d = calendar_date::try_parse_iso(*s);
  if (!d) bad(at(path, name), "not an ISO date (YYYY-MM-DD)");
  return d;
}

text_span get_span(const json& obj, const std::string& path) {
  text_span s{get_offset(obj, "start", path), get_offset(obj, "end", path)};
  if (s.end < s.start) bad(at(path, "end"), "before start");
  return s;
}

template <named_enum Enum>
Enum get_enum(const json& obj, std::string_view name, const std::string& path) {
  const std::string s = get_string(obj, name, path);
  if (const auto e = from_string<Enum>(s)) return *e;
  bad(at(path, name), "unknown value '" + s.substr(0, 32) + "'");
}

qualifier get_qualifier(const json& obj, std::string_view name, const std::string& path) {
  const std::string s = get_string(obj, name, path);
  const auto q = from_string<qualifier>(s);
  if (!q) bad(at(path, name), "unknown qualifier '" + s.substr(0, 32) + "'");
  return *q;
}

direction get_direction(const json& obj, const std::string& path) {
  const auto s = get_opt_string(obj, "direction", path);
  if (!s || *s == "none") return direction::none;
  if (*s == "up") return direction::up;
  if (*s == "down") return direction::down;
  bad(at(path, "direction"), "unknown value '" + s->substr(0, 32) + "'");
}

/// e with step == 10^e, for a positive power of ten; nullopt otherwise.
std::optional<int> power_of_ten(const decimal& step) {
  const decimal n = step.normalized();
  auto c = n.coefficient();
  if (c <= 0) return std::nullopt;
  int e = -n.scale();
  while (c % 10 == 0) {
    c /= 10;
    ++e;
  }
  if (c != 1) return std::nullopt;
  return e;
}

/// For JSON written without "last_digit"/"approximate": recover them from the interval.
void infer_precision(quantity& q, const std::optional<decimal>& lo, const std::optional<decimal>& hi) {
  q.last_digit = -q.value.normalized().scale();
  q.approximate = q.qual != qualifier::exact || q.value.normalized().scale() > 0;
  if (!lo || !hi) return;
  std::optional<decimal> width = decimal::try_add(*hi, -*lo);
  if (width && q.qual == qualifier::about) width = decimal::try_divide(*width, decimal{2}, decimal::max_scale - 1);
  if (!width) return;  // bounds beyond a decimal's range: keep the defaults
  if (width->is_zero()) {
    q.approximate = false;
    return;
  }
  if (const auto e = power_of_ten(*width)) {
    q.last_digit = *e;
    q.approximate = true;
  }
}

fact fact_from(const json& o, const std::string& path) {
  if (!o.is_object()) bad(path, "not an object");
  fact f;
  f.id = get_string(o, "id", path);
  f.section = get_opt_int(o, "section", path);
  f.item = get_opt_int(o, "item", path);
  f.label = get_string(o, "label", path);
  f.text = get_string(o, "text", path);
  f.q.value = get_decimal(o, "value", path);
  f.q.unit = get_string(o, "unit", path);
  f.q.qual = get_qualifier(o, "qualifier", path);
  f.qualifier_text = get_string_or_empty(o, "qualifier_text", path);
  f.kind = get_enum<fact_kind>(o, "kind", path);
  const json& flags = require_array(o, "flags", path);
  for (std::size_t i = 0; i < flags.size(); ++i) {
    const std::string fp = at(path, "flags") + "[" + std::to_string(i) + "]";
    if (!flags[i].is_string()) bad(fp, "not a string");
    const auto& s = flags[i].get_ref<const std::string&>();
    if (s == "cumulative") f.cumulative = true;
    else if (s == "average") f.average = true;
    else bad(fp, "unknown flag '" + s.substr(0, 32) + "'");
  }
  if (find(o, "last_digit") && find(o, "approximate")) {
    f.q.last_digit = get_int(o, "last_digit", path);
    if (f.q.last_digit < -decimal::max_scale || f.q.last_digit > 38) bad(at(path, "last_digit"), "out of range");
    f.q.approximate = get_bool(o, "approximate", path);
  } else {
    infer_precision(f.q, get_opt_decimal(o, "lo", path), get_opt_decimal(o, "hi", path));
  }
  f.span = get_span(o, path);
  return f;
}

change change_from(const json& o, const std::string& path) {
  if (!o.is_object()) bad(path, "not an object");
  change c;
  c.id = get_string(o, "id", path);
  c.kind = get_enum<change_kind>(o, "kind", path);
  const auto basis = get_opt_string(o, "basis", path);
  if (!basis) {
    c.basis = growth_basis::none;
  } else {
    const auto b = from_string<growth_basis>(*basis);  // "none" is written as null, never as a name
    if (!b || *b == growth_basis::none) bad(at(path, "basis"), "unknown value '" + basis->substr(0, 32) + "'");
    c.basis = *b;
  }
  c.label = get_string_or_empty(o, "label", path);
  c.text = get_string(o, "text", path);
  c.value = get_opt_decimal(o, "value", path);
  c.from = get_opt_decimal(o, "from", path);
  c.to = get_opt_decimal(o, "to", path);
  c.unit = get_string_or_empty(o, "unit", path);
  if (find(o, "qualifier") && !require(o, "qualifier", path).is_null()) c.qual = get_qualifier(o, "qualifier", path);
  c.dir = get_direction(o, path);
  c.fact = get_opt_string(o, "fact", path);
  c.section = get_opt_int(o, "section", path);
  c.item = get_opt_int(o, "item", path);
  c.span = get_span(o, path);
  return c;
}

target_goal goal_from(const json& o, const std::string& path) {
  if (!o.is_object()) bad(path, "not an object");
  target_goal g;
  g.label = get_string_or_empty(o, "label", path);
  g.text = get_string(o, "text", path);
  g.q.value = get_decimal(o, "value", path);
  g.q.unit = get_string(o, "unit", path);
  g.q.qual = get_qualifier(o, "qualifier", path);
  g.qualifier_text = get_string_or_empty(o, "qualifier_text", path);
  g.kind = get_enum<fact_kind>(o, "kind", path);
  if (find(o, "last_digit") && find(o, "approximate")) {
    g.q.last_digit = get_int(o, "last_digit", path);
    if (g.q.last_digit < -decimal::max_scale || g.q.last_digit > 38) bad(at(path, "last_digit"), "out of range");
    g.q.approximate = get_bool(o, "approximate", path);
  } else {
    infer_precision(g.q, get_opt_decimal(o, "lo", path), get_opt_decimal(o, "hi", path));
  }
  g.span = get_span(o, path);
  return g;
}

commitment commitment_from(const json& o, const std::string& path) {
  if (!o.is_object()) bad(path, "not an object");
  commitment k;
  k.id = get_string(o, "id", path);
  k.kind = get_enum<commitment_kind>(o, "kind", path);
  k.ordinal = get_opt_int(o, "ordinal", path);
  k.title = get_string_or_empty(o, "title", path);
  k.text = get_string(o, "text", path);
  k.groups = get_opt_int(o, "groups", path);
  k.count = get_opt_int(o, "count", path);
  k.fact = get_opt_string(o, "fact", path);
  if (const json* g = find(o, "goal"); g && !g->is_null()) k.goal = goal_from(*g, at(path, "goal"));
  k.deadline = get_opt_date(o, "deadline", path);
  k.section = get_opt_int(o, "section", path);
  k.item = get_opt_int(o, "item", path);
  k.span = get_span(o, path);
  return k;
}

std::string element(std::string_view array, std::size_t i) {
  return std::string(array) + "[" + std::to_string(i) + "]";
}

// ---- CSV / Markdown -----------------------------------------------------------------------------

std::string opt_text(const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); }
std::string opt_text(const std::optional<decimal>& v) { return v ? v->to_string() : std::string(); }

std::string interval_text(const interval& b) {
  if (b.lo && b.hi && *b.lo == *b.hi && b.lo_closed && b.hi_closed) return b.lo->to_string();
  std::string s = b.lo ? (b.lo_closed ? "[" : "(") + b.lo->to_string() : std::string("(−∞");
  s += ", ";
  s += b.hi ? b.hi->to_string() + (b.hi_closed ? "]" : ")") : std::string("∞)");
  return s;
}

void markdown_facts(std::string& out, const report& r, const std::optional<int>& section) {
  out += "| id | label | as written | value | unit | qualifier | interval | kind | flags |\n";
  out += "| --- | --- | --- | ---: | --- | --- | --- | --- | --- |\n";
  for (const fact& f : r.facts) {
    if (f.section != section) continue;
    std::string flags;
    if (f.cumulative) flags += "cumulative";
    if (f.average) flags += flags.empty() ? "average" : ", average";
    out += "| " + markdown_text(f.id) + " | " + markdown_text(f.label) + " | " + markdown_text(f.text) + " | " + f.q.value.to_string() + " | " +
           markdown_text(f.q.unit) + " | " + std::string(to_string(f.q.qual)) +
           (f.qualifier_text.empty() ? "" : " (" + markdown_text(f.qualifier_text) + ")") + " | " +
           interval_text(fact_bounds(f)) + " | " + std::string(to_string(f.kind)) + " | " + flags + " |\n";
  }
}

void markdown_one(std::string& out, const report& r) {
  out += "# " + markdown_text(r.meta.title.empty() ? r.source.name : r.meta.title) + "\n\n";
  out += "- source: " + markdown_text(r.source.name) + " (" + markdown_text(r.source.encoding) + ", " + markdown_text(to_string(r.source.format)) +
         "), sha256 " + markdown_text(r.source.sha256) + "\n";
  auto line = [&](std::string_view key, const std::optional<std::string>& v) {
    out += "- " + std::string(key) + ": " + (v ? markdown_text(*v) : std::string("—")) + "\n";
  };
  line("issuer", r.meta.issuer);
  line("jurisdiction", r.meta.jurisdiction);
  line("year", r.meta.year ? std::optional<std::string>(std::to_string(r.meta.year->value())) : std::nullopt);
  line("published", r.meta.published ? std::optional<std::string>(r.meta.published->to_iso()) : std::nullopt);
  line("recipient", r.meta.recipient);
  out += "- facts: " + std::to_string(r.facts.size()) + ", changes: " + std::to_string(r.changes.size()) +
         ", commitments: " + std::to_string(r.commitments.size()) + "\n";

  bool outside = false;
  for (const fact& f : r.facts) outside |= !f.section.has_value();
  if (outside) {
    out += "\n## Outside the sections\n\n";
    markdown_facts(out, r, std::nullopt);
  }
  for (const section& s : r.sections) {
    out += "\n## " + markdown_text(s.marker) + "、" + markdown_text(s.heading) + "\n\n";
    bool any = false;
    for (const fact& f : r.facts) any |= f.section == s.ordinal;
    if (any) markdown_facts(out, r, s.ordinal);
    else out += "(no figures)\n";
  }
  if (!r.changes.empty()) {
    out += "\n## Changes\n\n| id | kind | label | as written | value | from → to | direction | fact |\n";
    out += "| --- | --- | --- | --- | ---: | --- | --- | --- |\n";
    for (const change& c : r.changes) {
      std::string from_to = c.from || c.to ? opt_text(c.from) + " → " + opt_text(c.to) + markdown_text(c.unit) : std::string();
      out += "| " + markdown_text(c.id) + " | " + std::string(to_string(c.kind)) + " | " + markdown_text(c.label) + " | " + markdown_text(c.text) +
             " | " + opt_text(c.value) + " | " + from_to + " | " +
             (c.dir == direction::none ? std::string() : std::string(to_string(c.dir))) + " | " +
             markdown_text(c.fact.value_or("")) + " |\n";
    }
  }
  if (!r.commitments.empty()) {
    out += "\n## Commitments\n\n| id | kind | # | title | text | deadline |\n";
    out += "| --- | --- | ---: | --- | --- | --- |\n";
    for (const commitment& k : r.commitments)
      out += "| " + markdown_text(k.id) + " | " + std::string(to_string(k.kind)) + " | " + opt_text(k.ordinal) + " | " +
             markdown_text(k.title) + " | " + markdown_text(k.text) + " | " + (k.deadline ? k.deadline->to_iso() : std::string()) + " |\n";
  }
  if (!r.warnings.empty()) {
    out += "\n## Warnings\n\n";
    for (const warning& w : r.warnings)
      out += "- " + markdown_text(w.code) + " at " + std::to_string(w.start) + ": " + markdown_text(w.message) + "\n";
  }
}

}  // namespace

std::string to_json(const report& r, const json_options& options) {
  std::string out;
  text_sink sink{out};
  json_writer w(sink, options.indent < 0 ? -1 : options.indent);
  report_json(w, r, options.include_text);
  return out;
}

void write_json(std::ostream& out, const report& r, const json_options& options) {
  std::string buf;
  text_sink sink{buf, &out};
  json_writer w(sink, options.indent < 0 ? -1 : options.indent);
  report_json(w, r, options.include_text);
  sink.flush();
}

std::string to_json(const report& r, int indent) {
  json_options o;
  o.indent = indent;
  return to_json(r, o);
}

namespace {

/// The parsed annals.report/1 document. @throws input_error when it is not one.
json parse_report_document(std::string_view text) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    throw input_error("report json: malformed JSON at byte " + std::to_string(e.byte));
  }
  if (!doc.is_object()) throw input_error("report json: not a JSON object");
  const json* schema = find(doc, "schema");
  if (!schema || !schema->is_string()) throw input_error("report json: no \"schema\" field");
  if (schema->get_ref<const std::string&>() != report_schema)
    throw input_error("report json: schema '" + schema->get<std::string>().substr(0, 40) + "' is not " +
                      std::string(report_schema));
  return doc;
}

/// The source and the report's metadata (and its text).
void source_and_meta_from(const json& doc, report& r) {
  const json& src = require_object(doc, "source", "");
  r.source.name = get_string(src, "name", "source");
  r.source.sha256 = get_string(src, "sha256", "source");
  r.source.encoding = get_string(src, "encoding", "source");
  r.source.format = get_enum<source_format>(src, "format", "source");
  if (const json* ps = find(src, "page_starts"); ps && ps->is_array())
    for (const auto& v : *ps)
      if (v.is_number_unsigned()) r.source.page_starts.push_back(v.get<std::size_t>());

  const json& meta = require_object(doc, "report", "");
  r.meta.title = get_string_or_empty(meta, "title", "report");
  r.meta.issuer = get_opt_string(meta, "issuer", "report");
  r.meta.jurisdiction = get_opt_string(meta, "jurisdiction", "report");
  if (const auto y = get_opt_int(meta, "year", "report")) {
    r.meta.year = report_year::from(*y);
    if (!r.meta.year) bad("report.year", "out of range");
  }
  r.meta.published = get_opt_date(meta, "published", "report");
  r.meta.recipient = get_opt_string(meta, "recipient", "report");
  r.text = get_string_or_empty(doc, "text", "");
}

section section_from(const json& so, const std::string& path) {
  if (!so.is_object()) bad(path, "not an object");
  section s;
  s.ordinal = get_int(so, "ordinal", path);
  s.marker = get_string(so, "marker", path);
  s.heading = get_string(so, "heading", path);
  s.span = get_span(so, path);
  const json& items = require_array(so, "items", path);
  for (std::size_t k = 0; k < items.size(); ++k) {
    const std::string ipath = path + "." + element("items", k);
    const json& io = items[k];
    if (!io.is_object()) bad(ipath, "not an object");
    item it;
    it.ordinal = get_int(io, "ordinal", ipath);
    it.marker = get_string(io, "marker", ipath);
    it.title = get_string(io, "title", ipath);
    it.span = get_span(io, ipath);
    s.items.push_back(std::move(it));
  }
  return s;
}

date_mention date_from(const json& d, const std::string& path) {
  if (!d.is_object()) bad(path, "not an object");
  const auto value = get_opt_date(d, "value", path);
  if (!value) bad(at(path, "value"), "missing");
  return {get_string(d, "text", path), *value, get_enum<date_role>(d, "role", path), get_span(d, path)};
}

warning warning_from(const json& w, const std::string& path) {
  if (!w.is_object()) bad(path, "not an object");
  return {get_string(w, "code", path), get_string(w, "message", path), get_offset(w, "start", path)};
}

}  // namespace

report report_from_json(std::string_view text) {
  const json doc = parse_report_document(text);
  report r;
  source_and_meta_from(doc, r);
  const json& sections = require_array(doc, "sections", "");
  for (std::size_t i = 0; i < sections.size(); ++i) r.sections.push_back(section_from(sections[i], element("sections", i)));
  const json& facts = require_array(doc, "facts", "");
  for (std::size_t i = 0; i < facts.size(); ++i) r.facts.push_back(fact_from(facts[i], element("facts", i)));
  const json& changes = require_array(doc, "changes", "");
  for (std::size_t i = 0; i < changes.size(); ++i) r.changes.push_back(change_from(changes[i], element("changes", i)));
  const json& dates = require_array(doc, "dates", "");
  for (std::size_t i = 0; i < dates.size(); ++i) r.dates.push_back(date_from(dates[i], element("dates", i)));
  const json& commitments = require_array(doc, "commitments", "");
  for (std::size_t i = 0; i < commitments.size(); ++i)
    r.commitments.push_back(commitment_from(commitments[i], element("commitments", i)));
  goals_from_facts(r);  // the old form: a target's goal is the fact it names
  const json& warnings = require_array(doc, "warnings", "");
  for (std::size_t i = 0; i < warnings.size(); ++i) r.warnings.push_back(warning_from(warnings[i], element("warnings", i)));
  return r;
}

std::string to_jsonl(std::span<const report> reports) {
  // Room for about all of it at once (a fact's row is the report's members and some 300 bytes of
  // its own for a fact like the sample's), instead of a string doubling itself into place.
  std::size_t about = 0;
  for (const report& r : reports)
    about += r.facts.size() * (420 + r.source.name.size() + (r.meta.jurisdiction ? r.meta.jurisdiction->size() : 0));
  std::string out;
  out.reserve(about);
  text_sink sink{out};
  for (const report& r : reports) jsonl_rows(sink, r);
  return out;
}

void write_jsonl(std::ostream& out, const report& r) {
  std::string buf;
  text_sink sink{buf, &out};
  jsonl_rows(sink, r);
  sink.flush();
}

std::string to_jsonl(const report& r) { return to_jsonl(std::span<const report>(&r, 1)); }

namespace {

constexpr std::string_view csv_header =
    "source,sha256,jurisdiction,year,id,section,item,label,text,value,unit,qualifier,qualifier_text,lo,hi,"
    "lo_closed,hi_closed,kind,flags,start,end\n";

void csv_rows(text_sink& sink, const report& r) {
  std::string& out = sink.buf;
  const std::string prefix = csv_field(r.source.name) + "," + csv_field(r.source.sha256) + "," +
                             csv_field(r.meta.jurisdiction.value_or("")) + "," +
                             (r.meta.year ? std::to_string(r.meta.year->value()) : std::string()) + ",";
  for (const fact& f : r.facts) {
    const interval b = fact_bounds(f);
    std::string flags;
    if (f.cumulative) flags += "cumulative";
    if (f.average) flags += flags.empty() ? "average" : ";average";
    out += prefix;
    out += csv_field(f.id) + "," + opt_text(f.section) + "," + opt_text(f.item) + "," +
           csv_field(f.label) + "," + csv_field(f.text) + "," +
           csv_field(f.q.value.to_string(), csv_kind::number) + "," + csv_field(f.q.unit) + "," +
           std::string(to_string(f.q.qual)) + "," + csv_field(f.qualifier_text) + "," +
           csv_field(opt_text(b.lo), csv_kind::number) + "," + csv_field(opt_text(b.hi), csv_kind::number) + "," +
           (b.lo_closed ? "true" : "false") + "," + (b.hi_closed ? "true" : "false") + "," +
           std::string(to_string(f.kind)) + "," + flags + "," + std::to_string(f.span.start) + "," +
           std::to_string(f.span.end) + "\n";
    sink.maybe_flush();
  }
}

}  // namespace

std::string to_csv(std::span<const report> reports) {
  std::string out(csv_header);
  text_sink sink{out};
  for (const report& r : reports) csv_rows(sink, r);
  return out;
}

void write_csv_header(std::ostream& out) { out.write(csv_header.data(), static_cast<std::streamsize>(csv_header.size())); }

void write_csv_rows(std::ostream& out, const report& r) {
  std::string buf;
  text_sink sink{buf, &out};
  csv_rows(sink, r);
  sink.flush();
}

std::string to_csv(const report& r) { return to_csv(std::span<const report>(&r, 1)); }

std::string to_markdown(std::span<const report> reports) {
  std::string out;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    if (i > 0) out += "\n---\n\n";
    markdown_one(out, reports[i]);
  }
  return out;
}

void write_markdown(std::ostream& out, const report& r) {
  std::string buf;
  markdown_one(buf, r);
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

std::string to_markdown(const report& r) { return to_markdown(std::span<const report>(&r, 1)); }

}  // namespace annals
