// Raw bytes → decoded UTF-8 text (include/annals/source.hpp).
//
// Pipeline: detect the encoding → decode into an intermediate UTF-8 string while recording
// warnings at byte offsets of that string → reject binary data → strip HTML or normalise line
// ends (both carry the warning offsets forward) → convert warning offsets to code points →
// reject empty documents → flag page furniture.
#include <annals/error.hpp>
#include <annals/sha256.hpp>
#include <annals/source.hpp>
#include <annals/text.hpp>

#include "reader_detail.hpp"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>

namespace annals {
namespace {

constexpr std::size_t max_warnings_per_code = 50;

/// A warning whose position is still a byte offset into some intermediate string.
struct pending_warning {
  std::string code;
  std::string message;
  std::size_t byte = 0;
};

/// Collects warnings, keeping at most max_warnings_per_code of each code plus a count.
class warning_sink {
 public:
  void add(std::string_view code, std::string message, std::size_t byte) {
    auto& n = counts_[slot(code)];
    ++n;
    if (n <= max_warnings_per_code) list_.push_back({std::string(code), std::move(message), byte});
  }
  std::vector<pending_warning>& list() noexcept { return list_; }
  /// Appends "… N more" summaries for codes that overflowed (at `end_byte`).
  void summarise(std::size_t end_byte) {
    for (std::size_t i = 0; i < codes_.size(); ++i)
      if (counts_[i] > max_warnings_per_code)
        list_.push_back({codes_[i],
                         std::to_string(counts_[i] - max_warnings_per_code) + " more " + codes_[i] +
                             " problems not listed (" + std::to_string(counts_[i]) + " in all)",
                         end_byte});
  }
  std::size_t total(std::string_view code) const {
    for (std::size_t i = 0; i < codes_.size(); ++i)
      if (codes_[i] == code) return counts_[i];
    return 0;
  }

 private:
  std::size_t slot(std::string_view code) {
    for (std::size_t i = 0; i < codes_.size(); ++i)
      if (codes_[i] == code) return i;
    codes_.emplace_back(code);
    counts_.push_back(0);
    return codes_.size() - 1;
  }
  std::vector<pending_warning> list_;
  std::vector<std::string> codes_;
  std::vector<std::size_t> counts_;
};

std::string hex_bytes(std::string_view bytes) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string s;
  for (std::size_t i = 0; i < bytes.size() && i < 4; ++i) {
    if (i) s.push_back(' ');
    const auto b = static_cast<unsigned char>(bytes[i]);
    s.push_back(hex[b >> 4]);
    s.push_back(hex[b & 0x0F]);
  }
  return s;
}

[[noreturn]] void fail(std::string_view name, std::string_view why) { detail::input_failure(name, why); }

/// Binary data is a format annals does not read (counted apart by `annals ingest`).
[[noreturn]] void fail_binary(std::string_view name) {
  detail::unsupported_failure(name, "not a text document (binary data)");
}

// ---- UTF-8 ----------------------------------------------------------------------------------

/// Appends `in` as UTF-8, replacing ill-formed subparts by U+FFFD with a warning each.
/// `raw_base` is the offset of `in` in the raw file (for messages).
void decode_utf8_lossy(std::string_view in, std::size_t raw_base, std::string& out,
                       warning_sink& warnings) {
  std::size_t i = 0;
  while (i < in.size()) {
    const std::size_t bad = utf8::find_invalid(in.substr(i));
    if (bad == utf8::npos) {
      out.append(in.substr(i));
      return;
    }
    out.append(in.substr(i, bad));
    i += bad;
    const utf8::code_point c = utf8::decode(in, i);
    warnings.add("invalid_utf8",
                 "invalid UTF-8 sequence " + hex_bytes(in.substr(i, c.length)) + " at byte " +
                     std::to_string(raw_base + i) + " replaced by U+FFFD",
                 out.size());
    utf8::append(out, utf8::replacement_character);
    i += c.length;
  }
}

/// Valid multi-byte sequences and ill-formed subparts in `s`.
struct utf8_stats {
  std::size_t multibyte = 0;
  std::size_t invalid = 0;
  bool truncated_at_end = false;  ///< the last problem is an incomplete sequence at the very end
};

utf8_stats utf8_statistics(std::string_view s) {
  utf8_stats st;
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const utf8::code_point c = utf8::decode(s, i);
    if (c.valid) {
      ++st.multibyte;
    } else {
      ++st.invalid;
      st.truncated_at_end = i + c.length == s.size() && static_cast<unsigned char>(s[i]) >= 0xC2 &&
                            static_cast<unsigned char>(s[i]) <= 0xF4;
    }
    i += c.length;
  }
  return st;
}

// ---- GB18030 via iconv ------------------------------------------------------------------------

class gb18030_decoder {
 public:
  gb18030_decoder() : cd_(iconv_open("UTF-8", "GB18030")) {
    if (cd_ == invalid_handle()) throw input_error("gb18030: unsupported encoding (iconv has no GB18030)");
  }
  ~gb18030_decoder() { iconv_close(cd_); }
  gb18030_decoder(const gb18030_decoder&) = delete;
  gb18030_decoder& operator=(const gb18030_decoder&) = delete;

  /// Appends `in` decoded to `out`; invalid sequences become U+FFFD. Calls
  /// on_error(out_byte, raw_offset_in_in, bad_bytes) for each. Returns the number of errors.
  template <class OnError>
  std::size_t decode(std::string_view in, std::string& out, OnError&& on_error) {
    iconv(cd_, nullptr, nullptr, nullptr, nullptr);  // reset shift state
    std::size_t errors = 0;
    char* inp = const_cast<char*>(in.data());  // iconv's signature; it does not write
    std::size_t inleft = in.size();
    std::size_t used = out.size();
    out.resize(used + in.size() + in.size() / 2 + 16);
    while (true) {
      char* outp = out.data() + used;
      std::size_t outleft = out.size() - used;
      const std::size_t r = iconv(cd_, &inp, &inleft, &outp, &outleft);
      used = static_cast<std::size_t>(outp - out.data());
      if (r != static_cast<std::size_t>(-1)) break;
      const int err = errno;
      if (err == E2BIG) {
        out.resize(out.size() + inleft + inleft / 2 + 64);
        continue;
      }
      // EILSEQ: an invalid sequence; EINVAL: an incomplete one at the end of the input
      const std::size_t at = static_cast<std::size_t>(inp - in.data());
      const std::size_t skip = err == EINVAL ? inleft : 1;
      if (out.size() - used < 3) out.resize(out.size() + 64);
      on_error(used, at, in.substr(at, std::min<std::size_t>(skip, 4)));
      ++errors;
      out[used++] = '\xEF';
      out[used++] = '\xBF';
      out[used++] = '\xBD';
      inp += skip;
      inleft -= skip;
      if (inleft == 0 || (err != EILSEQ && err != EINVAL)) break;
    }
    out.resize(used);
    return errors;
  }

 private:
  static iconv_t invalid_handle() noexcept { return reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1)); }
  iconv_t cd_;
};


// ---- UTF-16 -------------------------------------------------------------------------------------

bool plausible_text_unit(std::uint32_t u) noexcept {
  if (u == 0x09 || u == 0x0A || u == 0x0D || u == 0x0C) return true;
  if (u >= 0x20 && u <= 0x7E) return true;
  if (u >= 0xA0 && u <= 0xFF) return true;
  if (u >= 0x2000 && u <= 0x206F) return true;  // general punctuation
  if (u >= 0x2190 && u <= 0x21FF) return true;  // arrows
  if (u >= 0x2460 && u <= 0x25FF) return true;  // enclosed numbers, box drawing, shapes
  if (u >= 0x3000 && u <= 0x30FF) return true;  // CJK punctuation, kana
  if (u >= 0x3400 && u <= 0x4DBF) return true;  // CJK extension A
  if (u >= 0x4E00 && u <= 0x9FFF) return true;  // CJK unified ideographs
  if (u >= 0xF900 && u <= 0xFAFF) return true;
  if (u >= 0xFE30 && u <= 0xFE4F) return true;
  if (u >= 0xFF00 && u <= 0xFFEF) return true;  // full-width forms
  if (u >= 0xD800 && u <= 0xDFFF) return true;  // surrogates (checked when decoding)
  return u == 0xFEFF;
}

struct utf16_score {
  double plausible = 0;  ///< share of code units that look like text
  double cjk = 0;        ///< share of code units in the CJK ideograph block
};

utf16_score score_utf16(std::string_view raw, bool little_endian) {
  const std::size_t units = std::min<std::size_t>(raw.size() / 2, 1u << 20);
  if (units == 0) return {};
  std::size_t ok = 0, cjk = 0;
  for (std::size_t k = 0; k < units; ++k) {
    const auto b0 = static_cast<unsigned char>(raw[2 * k]);
    const auto b1 = static_cast<unsigned char>(raw[2 * k + 1]);
    const std::uint32_t u = little_endian ? (std::uint32_t{b1} << 8 | b0) : (std::uint32_t{b0} << 8 | b1);
    ok += plausible_text_unit(u) ? 1u : 0u;
    cjk += (u >= 0x4E00 && u <= 0x9FFF) ? 1u : 0u;
  }
  return {static_cast<double>(ok) / static_cast<double>(units),
          static_cast<double>(cjk) / static_cast<double>(units)};
}

void decode_utf16(std::string_view raw, bool little_endian, std::string& out, warning_sink& warnings) {
  out.reserve(raw.size() + raw.size() / 2);
  const std::size_t units = raw.size() / 2;
  auto unit = [&](std::size_t k) -> std::uint32_t {
    const auto b0 = static_cast<unsigned char>(raw[2 * k]);
    const auto b1 = static_cast<unsigned char>(raw[2 * k + 1]);
    return little_endian ? (std::uint32_t{b1} << 8 | b0) : (std::uint32_t{b0} << 8 | b1);
  };
  const char* name = little_endian ? "UTF-16LE" : "UTF-16BE";
  for (std::size_t k = 0; k < units; ++k) {
    const std::uint32_t u = unit(k);
    if (u < 0x80) {
      out.push_back(static_cast<char>(u));
    } else if (u >= 0xD800 && u <= 0xDBFF && k + 1 < units && unit(k + 1) >= 0xDC00 && unit(k + 1) <= 0xDFFF) {
      const std::uint32_t lo = unit(k + 1);
      utf8::append(out, static_cast<char32_t>(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)));
      ++k;
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      warnings.add("invalid_utf16",
                   std::string("unpaired surrogate in ") + name + " at byte " + std::to_string(2 * k) +
                       " replaced by U+FFFD",
                   out.size());
      utf8::append(out, utf8::replacement_character);
    } else {
      utf8::append(out, static_cast<char32_t>(u));
    }
  }
  if (raw.size() % 2 != 0) {
    warnings.add("invalid_utf16",
                 std::string(name) + " text has an odd number of bytes; the last byte is replaced by U+FFFD",
                 out.size());
    utf8::append(out, utf8::replacement_character);
  }
}

// ---- encoding detection -------------------------------------------------------------------------

enum class charset_hint { none, utf8, gb };

/// <meta charset=…> / content="text/html; charset=…" in the first 4 KB.
charset_hint html_charset(std::string_view raw) {
  const std::string_view head = raw.substr(0, 4096);
  std::string lower(head);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  const std::size_t at = lower.find("charset");
  if (at == std::string::npos) return charset_hint::none;
  std::size_t i = at + 7;
  while (i < lower.size() && (lower[i] == ' ' || lower[i] == '=' || lower[i] == '"' || lower[i] == '\''))
    ++i;
  std::size_t j = i;
  while (j < lower.size() && (std::isalnum(static_cast<unsigned char>(lower[j])) || lower[j] == '-' || lower[j] == '_'))
    ++j;
  const std::string_view cs = std::string_view(lower).substr(i, j - i);
  if (cs == "gbk" || cs == "gb2312" || cs == "gb18030" || cs == "x-gbk" || cs == "cp936" ||
      cs == "euc-cn" || cs == "windows-936")
    return charset_hint::gb;
  if (cs == "utf-8" || cs == "utf8") return charset_hint::utf8;
  return charset_hint::none;
}

/// Per-line UTF-8 / GB18030 decoding of bytes that are not valid UTF-8 as a whole.
std::string decode_mixed(std::string_view raw, charset_hint hint, warning_sink& warnings,
                         std::string& encoding) {
  const utf8_stats whole = utf8_statistics(raw);
  const bool utf8_first = hint == charset_hint::gb ? false : whole.multibyte > whole.invalid;
  gb18030_decoder gb;
  std::string out, scratch;
  out.reserve(raw.size() + raw.size() / 2);
  std::size_t utf8_bytes = 0, gb_bytes = 0, gb_lines = 0, utf8_lines = 0;
  std::optional<std::size_t> first_minority_line;  // output byte offset

  // A line is decoded as GB18030 once, into `scratch`, and kept if GB18030 wins.
  struct gb_error {
    std::size_t out_byte, at;
    std::string bad;
  };
  std::vector<gb_error> gb_errors;
  auto try_gb = [&](std::string_view line) {
    scratch.clear();
    gb_errors.clear();
    return gb.decode(line, scratch, [&](std::size_t out_byte, std::size_t at, std::string_view bad) {
      gb_errors.push_back({out_byte, at, std::string(bad)});
    });
  };
  auto take_gb = [&](std::string_view line, std::size_t base) {  // after try_gb(line)
    const std::size_t before = out.size();
    out += scratch;
    for (const gb_error& e : gb_errors)
      warnings.add("invalid_gb18030",
                   "invalid GB18030 sequence " + hex_bytes(e.bad) + " at byte " + std::to_string(base + e.at) +
                       " replaced by U+FFFD",
                   before + e.out_byte);
    ++gb_lines;
    gb_bytes += line.size();
    if (utf8_first && !first_minority_line) first_minority_line = before;
  };
  auto take_utf8 = [&](std::string_view line, std::size_t base, std::size_t non_ascii) {
    const std::size_t before = out.size();
    decode_utf8_lossy(line, base, out, warnings);
    if (non_ascii > 0) {
      ++utf8_lines;
      utf8_bytes += non_ascii;
      if (!utf8_first && !first_minority_line) first_minority_line = before;
    }
  };

  std::size_t a = 0;
  while (a < raw.size()) {
    const void* nl = std::memchr(raw.data() + a, '\n', raw.size() - a);
    const std::size_t b = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - raw.data()) + 1 : raw.size();
    const std::string_view line = raw.substr(a, b - a);
    const utf8_stats st = utf8_statistics(line);
    if (st.invalid == 0) {
      // Valid UTF-8 (or ASCII). In a GB18030-first file a line with a single multi-byte sequence
      // may be GB18030 that happens to be well-formed UTF-8: prefer GB18030 when it decodes cleanly.
      if (st.multibyte == 0 || utf8_first || st.multibyte >= 2 ||
          try_gb(line) > 0)
        take_utf8(line, a, st.multibyte);
      else
        take_gb(line, a);
    } else if (st.multibyte > st.invalid ||
               (utf8_first && st.invalid == 1 && st.truncated_at_end && b == raw.size())) {
      take_utf8(line, a, st.multibyte);
    } else if (try_gb(line) < st.invalid) {
      take_gb(line, a);
    } else {
      take_utf8(line, a, st.multibyte);
    }
    a = b;
  }
  encoding = gb_bytes > utf8_bytes ? "gb18030" : "utf-8";
  if (gb_lines > 0 && utf8_lines > 0 && first_minority_line) {
    warnings.add("mixed_encoding",
                 "the file mixes encodings: " + std::to_string(utf8_lines) + " lines read as UTF-8, " +
                     std::to_string(gb_lines) + " as GB18030",
                 *first_minority_line);
  }
  return out;
}

/// CRLF and CR → LF and a leading U+FEFF dropped, in place. Moves warning offsets along.
void normalise_line_ends(std::string& s, std::vector<pending_warning>& warnings) {
  std::size_t skip = 0;
  if (s.compare(0, 3, "\xEF\xBB\xBF") == 0) skip = 3;
  const std::size_t first_cr = s.find('\r');
  if (first_cr == std::string::npos) {
    if (skip > 0) {
      s.erase(0, skip);
      for (auto& w : warnings) w.byte = w.byte >= skip ? w.byte - skip : 0;
    }
    return;
  }
  // compact in place: the write position never passes the read position
  std::size_t w = 0, wi = 0;
  for (std::size_t i = skip; i < s.size(); ++i) {
    while (wi < warnings.size() && warnings[wi].byte <= i) warnings[wi++].byte = w;
    const char c = s[i];
    if (c == '\r') {
      s[w++] = '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      s[w++] = c;
    }
  }
  for (; wi < warnings.size(); ++wi) warnings[wi].byte = w;
  s.resize(w);
}

bool is_blank(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b == ' ' || (b >= 0x09 && b <= 0x0D)) {
      ++i;
      continue;
    }
    const utf8::code_point c = utf8::decode(s, i);
    if (c.valid && (c.value == 0x00A0 || c.value == 0x3000 || c.value == 0xFEFF ||
                    (c.value >= 0x2000 && c.value <= 0x200B))) {
      i += c.length;
      continue;
    }
    return false;
  }
  return true;
}

/// What an OLE compound file (old binary Office) holds, from the names of its streams.
std::string ole_kind(std::string_view raw) {
  auto has_stream = [&](std::string_view ascii) {  // directory entries name streams in UTF-16LE
    std::string u16;
    for (const char c : ascii) {
      u16.push_back(c);
      u16.push_back('\0');
    }
    return raw.find(u16) != std::string_view::npos;
  };
  if (has_stream("WordDocument")) return "unsupported (binary Word), convert to .docx";
  if (has_stream("Workbook") || has_stream("Book")) return "unsupported (binary Excel), only .docx is read";
  if (has_stream("PowerPoint Document")) return "unsupported (binary PowerPoint), only .docx is read";
  return "unsupported (binary Office file), convert to .docx";
}

/// The common end of decode for text taken out of a PDF or a DOCX: the same checks and offsets
/// as for a text file.
decoded_text from_document(decoded_text result, detail::extracted_text x, source_format format,
                           std::string_view name_hint) {
  result.encoding = "utf-8";
  result.format = format;
  if (!utf8::is_valid(x.text)) {  // poppler and pugixml give valid UTF-8; a broken part might not
    std::string fixed;
    warning_sink sink;
    decode_utf8_lossy(x.text, 0, fixed, sink);
    x.text = std::move(fixed);  // replacement is 3 bytes for 1..3 bad ones: offsets move little
  }
  // warnings and page starts (code "") travel through line-end normalisation together, in order
  std::vector<pending_warning> pending;
  for (const std::size_t b : x.page_starts) pending.push_back({"", "", b});
  for (auto& w : x.warnings) pending.push_back({std::move(w.code), std::move(w.message), w.byte});
  std::stable_sort(pending.begin(), pending.end(),
                   [](const pending_warning& a, const pending_warning& b) { return a.byte < b.byte; });
  normalise_line_ends(x.text, pending);
  result.text = std::move(x.text);
  if (is_blank(result.text)) {
    if (format == source_format::pdf) fail(name_hint, "no text layer (scanned?)");
    fail(name_hint, "no text in the document");
  }
  const offset_index index(result.text);
  for (auto& w : pending) {
    if (w.code.empty())
      result.page_starts.push_back(index.to_code_point(w.byte));
    else
      result.warnings.push_back({std::move(w.code), std::move(w.message), index.to_code_point(w.byte)});
  }
  result.furniture = furniture_spans(result.text);
  return result;
}

}  // namespace

namespace detail {

void input_failure(std::string_view name, std::string_view why) {
  throw input_error(std::string(name.empty() ? std::string_view("document") : name) + ": " + std::string(why));
}

void unsupported_failure(std::string_view name, std::string_view why) {
  throw unsupported_input_error(std::string(name.empty() ? std::string_view("document") : name) + ": " +
                                std::string(why));
}

namespace {
constexpr std::uint64_t each_byte(unsigned char b) noexcept { return 0x0101010101010101ull * b; }
/// The number of bytes of `w` whose bit 7 is set in `marks` (every other bit clear), counted with one
/// multiplication (the baseline x86-64 target has no POPCNT).
std::size_t marked_bytes(std::uint64_t marks) noexcept {
  return static_cast<std::size_t>(((marks >> 7) * each_byte(1)) >> 56);
}
}  // namespace

char_counts count_chars(std::string_view s) noexcept {
  // Eight bytes at a time, each byte's answer in its bit 7. A byte below 0x80 plus (0x80 - k)
  // reaches bit 7 exactly when it is at least k, and never carries into the next byte.
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  constexpr std::uint64_t high = each_byte(0x80), low7 = each_byte(0x7F);
  std::size_t continuations = 0, controls = 0, i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    continuations += marked_bytes(w & ~(w << 1) & high);  // 10xxxxxx
    const std::uint64_t x = w & low7;
    const std::uint64_t ascii = ~w & high;
    const std::uint64_t below_20 = ~(x + each_byte(0x80 - 0x20)) & ascii;
    const std::uint64_t from_09 = x + each_byte(0x80 - 0x09), from_0e = x + each_byte(0x80 - 0x0E);
    const std::uint64_t white = from_09 & ~from_0e & ascii;  // tab, LF, VT, FF, CR
    controls += marked_bytes(below_20 & ~white & high);
  }
  for (; i < n; ++i) {
    const unsigned char c = p[i];
    continuations += (c & 0xC0u) == 0x80u ? 1u : 0u;
    controls += (c < 0x09u || (c > 0x0Du && c < 0x20u)) ? 1u : 0u;
  }
  return {n - continuations, controls};
}

container sniff_container(std::string_view raw) noexcept {
  // PDF readers accept the header anywhere in the first 1024 bytes (junk before it happens)
  const std::size_t pdf = raw.substr(0, 1024).find("%PDF-");
  if (pdf != std::string_view::npos) {
    bool only_junk = true;  // a text that quotes "%PDF-" is still text: the header must come first
    for (std::size_t i = 0; i < pdf; ++i)
      if (raw[i] == '\n' && i + 1 < pdf) only_junk = false;
    if (pdf == 0 || only_junk) return container::pdf;
  }
  if (raw.substr(0, 4) == std::string_view("PK\x03\x04", 4) || raw.substr(0, 4) == std::string_view("PK\x05\x06", 4))
    return container::zip;
  if (raw.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) return container::ole;
  if (raw.substr(0, 5) == "{\\rtf") return container::rtf;
  return container::none;
}

}  // namespace detail

namespace {
/// decode_document; `owned`, when given, holds `raw` and may be taken over for UTF-8 input.
decoded_text decode(std::string_view raw, std::string* owned, std::string_view name_hint,
                    const decode_options& options) {
  decoded_text result;
  result.sha256 = sha256_hex(raw);
  if (is_blank(raw)) fail(name_hint, "empty file");
  switch (detail::sniff_container(raw)) {
    case detail::container::pdf: return from_document(std::move(result), detail::pdf_to_text(raw, name_hint), source_format::pdf, name_hint);
    case detail::container::zip:
      return from_document(std::move(result), detail::docx_to_text(raw, name_hint, options.max_bytes), source_format::docx, name_hint);
    case detail::container::ole: detail::unsupported_failure(name_hint, ole_kind(raw));
    case detail::container::rtf: detail::unsupported_failure(name_hint, "unsupported (RTF), convert to .docx");
    case detail::container::none: break;
  }

  warning_sink warnings;
  std::string decoded;
  const auto* u = reinterpret_cast<const unsigned char*>(raw.data());
  const bool has_nul = std::memchr(raw.data(), 0, raw.size()) != nullptr;

  if (raw.size() >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    result.encoding = "utf-8";
    if (has_nul) fail_binary(name_hint);
    decode_utf8_lossy(raw.substr(3), 3, decoded, warnings);
  } else if (raw.size() >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
    const bool le = u[0] == 0xFF;
    result.encoding = le ? "utf-16le" : "utf-16be";
    decode_utf16(raw.substr(2), le, decoded, warnings);
  } else if (has_nul) {
    // UTF-16 without a BOM, or binary data
    const utf16_score le = score_utf16(raw, true), be = score_utf16(raw, false);
    const bool le_wins = le.plausible >= be.plausible;
    const utf16_score& best = le_wins ? le : be;
    std::size_t nuls = 0;
    for (const char c : raw) nuls += c == '\0' ? 1u : 0u;
    // text with a few stray NULs is binary-damaged, not UTF-16: removing them leaves valid UTF-8
    bool stray = false;
    if (nuls * 20 < raw.size()) {
      std::string without;
      without.reserve(raw.size());
      for (const char c : raw)
        if (c != '\0') without.push_back(c);
      stray = utf8::is_valid(without);
    }
    if (best.plausible < 0.9 || stray) fail_binary(name_hint);
    result.encoding = le_wins ? "utf-16le" : "utf-16be";
    decode_utf16(raw, le_wins, decoded, warnings);
  } else if (utf8::is_valid(raw)) {
    result.encoding = "utf-8";
    if (owned)
      decoded = std::move(*owned);  // raw views *owned: it is not read after this point
    else
      decoded.assign(raw);
  } else {
    const utf16_score le = score_utf16(raw, true), be = score_utf16(raw, false);
    const bool le_wins = le.plausible >= be.plausible;
    const utf16_score& best = le_wins ? le : be;
    if (raw.size() >= 16 && best.plausible >= 0.95 && best.cjk >= 0.5) {
      result.encoding = le_wins ? "utf-16le" : "utf-16be";
      decode_utf16(raw, le_wins, decoded, warnings);
    } else {
      const charset_hint hint = looks_like_html(raw, name_hint) ? html_charset(raw) : charset_hint::none;
      decoded = decode_mixed(raw, hint, warnings, result.encoding);
    }
  }

  // Binary data that slipped through: control characters or undecodable bytes dominate.
  const detail::char_counts counts = detail::count_chars(decoded);
  const std::size_t code_points = counts.code_points, controls = counts.controls;
  const std::size_t replaced = warnings.total("invalid_utf8") + warnings.total("invalid_gb18030") +
                               warnings.total("invalid_utf16");
  if (controls * 50 > code_points || (replaced >= 8 && replaced * 4 > code_points))
    fail_binary(name_hint);

  std::vector<pending_warning>& pending = warnings.list();
  if (looks_like_html(std::string_view(decoded).substr(0, 1u << 16), name_hint)) {
    result.format = source_format::html;
    // carry warning offsets through the stripper
    std::vector<std::size_t> positions;
    positions.reserve(pending.size());
    for (const auto& w : pending) positions.push_back(w.byte);
    std::size_t unterminated = utf8::npos;
    std::string text = detail::strip_html(decoded, &positions, &unterminated);
    for (std::size_t k = 0; k < pending.size(); ++k) pending[k].byte = positions[k];
    if (unterminated != utf8::npos)
      pending.push_back({"html_unterminated", "an unterminated tag or comment ends the HTML text", unterminated});
    warnings.summarise(text.size());
    result.text = std::move(text);
    if (is_blank(result.text)) fail(name_hint, "no text outside HTML markup");
  } else {
    result.format = source_format::text;
    warnings.summarise(decoded.size());
    normalise_line_ends(decoded, pending);
    result.text = std::move(decoded);
    if (is_blank(result.text)) fail(name_hint, "empty file");
  }

  // byte offsets → code points (warnings are in text order)
  std::sort(pending.begin(), pending.end(),
            [](const pending_warning& x, const pending_warning& y) { return x.byte < y.byte; });
  if (!pending.empty()) {
    const offset_index index(result.text);
    result.warnings.reserve(pending.size());
    for (auto& w : pending)
      result.warnings.push_back({std::move(w.code), std::move(w.message), index.to_code_point(w.byte)});
  }

  result.furniture = furniture_spans(result.text);
  return result;
}

}  // namespace

decoded_text decode_document(std::string_view raw_bytes, std::string_view name_hint) {
  return decode(raw_bytes, nullptr, name_hint, decode_options{});
}

decoded_text decode_document(std::string_view raw_bytes, std::string_view name_hint, const decode_options& options) {
  return decode(raw_bytes, nullptr, name_hint, options);
}

page_position page_of(const std::vector<std::size_t>& page_starts, std::size_t cp) noexcept {
  if (page_starts.empty()) return {0, cp};
  // the last page starting at or before cp (empty pages share their start with the next page)
  const auto it = std::upper_bound(page_starts.begin(), page_starts.end(), cp);
  if (it == page_starts.begin()) return {1, 0};
  const auto page = static_cast<std::size_t>(it - page_starts.begin());
  return {page, cp - page_starts[page - 1]};
}

decoded_text decode_document_in_place(std::string&& raw_bytes, std::string_view name_hint) {
  std::string owned = std::move(raw_bytes);
  return decode(owned, &owned, name_hint, decode_options{});
}

// ---- text data (CSV) ------------------------------------------------------------------------------

namespace {

/// The raw bytes of text data decoded to UTF-8 with the detection of decode(): a BOM decides
/// (UTF-8, UTF-16LE/BE), NUL bytes mean UTF-16 without a BOM (or binary), valid UTF-8 is UTF-8,
/// anything else is read line by line as UTF-8 or GB18030. Problems go to `warnings`.
std::string decode_data_bytes(std::string_view raw, std::string_view name, std::string& encoding,
                              warning_sink& warnings) {
  const auto* u = reinterpret_cast<const unsigned char*>(raw.data());
  const bool has_nul = std::memchr(raw.data(), 0, raw.size()) != nullptr;
  std::string out;
  if (raw.size() >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    if (has_nul) fail(name, "not a text file (binary data)");
    encoding = "utf-8";
    decode_utf8_lossy(raw.substr(3), 3, out, warnings);
  } else if (raw.size() >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
    encoding = u[0] == 0xFF ? "utf-16le" : "utf-16be";
    decode_utf16(raw.substr(2), u[0] == 0xFF, out, warnings);
  } else if (has_nul) {
    const utf16_score le = score_utf16(raw, true), be = score_utf16(raw, false);
    const bool le_wins = le.plausible >= be.plausible;
    if ((le_wins ? le : be).plausible < 0.9) fail(name, "not a text file (binary data)");
    encoding = le_wins ? "utf-16le" : "utf-16be";
    decode_utf16(raw, le_wins, out, warnings);
  } else if (utf8::is_valid(raw)) {
    encoding = "utf-8";
    out.assign(raw);
  } else {
    out = decode_mixed(raw, charset_hint::none, warnings, encoding);
  }
  return out;
}

}  // namespace

decoded_text decode_text_data(std::string_view raw_bytes, std::string_view name) {
  const std::string src = name.empty() ? std::string("input") : std::string(name);
  warning_sink warnings;
  decoded_text result;
  result.format = source_format::text;
  result.text = decode_data_bytes(raw_bytes, src, result.encoding, warnings);
  // The first ill-formed sequence (warnings hold byte offsets of the decoded text) refuses it all.
  const pending_warning* first = nullptr;
  for (const auto& w : warnings.list())
    if (w.code.rfind("invalid_", 0) == 0 && (!first || w.byte < first->byte)) first = &w;
  if (first) {
    const std::size_t at = std::min(first->byte, result.text.size());
    const auto line = 1 + std::count(result.text.begin(), result.text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
    std::string why = first->message;
    if (const auto cut = why.find(" replaced by U+FFFD"); cut != std::string::npos) why.erase(cut);
    if (const auto cut = why.find("; the last byte is replaced by U+FFFD"); cut != std::string::npos) why.erase(cut);
    fail(src, "line " + std::to_string(line) + ": ill-formed text (" + why +
                  "); save it as UTF-8, UTF-16 or GB18030");
  }
  return result;
}

}  // namespace annals
