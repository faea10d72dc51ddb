// libFuzzer target: the whole reader, raw file bytes → annals::report (reader.hpp,
// read_report_bytes: encoding detection, HTML stripping, furniture, extraction).
//
// Checks, beyond "no crash, no sanitizer report, no hang" (libFuzzer's -timeout):
// - the only exception is input_error, with a one-line "<name>: <why>" message naming the file;
// - report::text is valid UTF-8 (invalid input is repaired, never passed through);
// - every span lies within the text, start ≤ end, and what annals.report/1 says a span covers
//   holds: a fact's, change's and date's `text` is exactly the text at its span;
// - fact and change ids are unique, and a change's `fact` names a fact of the report;
// - warnings point inside the text;
// - the encoding does not change the text: valid UTF-8 input re-encoded as UTF-16LE with a BOM
//   decodes to the same text, or fails with the same message (a differential check of
//   decode_document; classifying a file as binary may differ, since a share of control
//   characters is counted per byte in one encoding and per code unit in the other).
#include "fuzz_check.hpp"

#include <annals/reader.hpp>
#include <annals/source.hpp>
#include <annals/text.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace {

using annals::fuzz::require;

void check_span(const annals::text_span& s, std::size_t length, const char* what) {
  require(s.start <= s.end, what);
  require(s.end <= length, what);
}

void check_report(const annals::report& r) {
  require(annals::utf8::is_valid(r.text), "report text is not valid UTF-8");
  const annals::offset_index index(r.text);
  const std::size_t length = index.size();

  for (const auto& s : r.sections) {
    check_span(s.span, length, "section span outside the text");
    for (const auto& it : s.items) check_span(it.span, length, "item span outside the text");
  }
  std::set<std::string> fact_ids;
  for (const auto& f : r.facts) {
    check_span(f.span, length, "fact span outside the text");
    require(index.slice(f.span) == f.text, "fact text is not the text at its span");
    require(fact_ids.insert(f.id).second, "duplicate fact id");
  }
  std::set<std::string> change_ids;
  for (const auto& c : r.changes) {
    check_span(c.span, length, "change span outside the text");
    require(index.slice(c.span) == c.text, "change text is not the text at its span");
    require(change_ids.insert(c.id).second, "duplicate change id");
    if (c.fact) require(fact_ids.count(*c.fact) == 1, "change linked to a fact that does not exist");
  }
  for (const auto& d : r.dates) {
    check_span(d.span, length, "date span outside the text");
    require(index.slice(d.span) == d.text, "date text is not the text at its span");
  }
  for (const auto& k : r.commitments) {
    check_span(k.span, length, "commitment span outside the text");
    if (k.fact) require(fact_ids.count(*k.fact) == 1, "commitment linked to a fact that does not exist");
  }
  for (const auto& w : r.warnings) require(w.start <= length, "warning offset past the end of the text");
}

/// UTF-16LE with a byte-order mark, from valid UTF-8.
std::string to_utf16le(std::string_view utf8) {
  std::string out = "\xFF\xFE";
  auto unit = [&out](std::uint32_t u) {
    out.push_back(static_cast<char>(u & 0xFFu));
    out.push_back(static_cast<char>(u >> 8));
  };
  for (std::size_t i = 0; i < utf8.size();) {
    const annals::utf8::code_point cp = annals::utf8::decode(utf8, i);
    const auto v = static_cast<std::uint32_t>(cp.value);
    if (v >= 0x10000) {
      unit(0xD800u + ((v - 0x10000u) >> 10));
      unit(0xDC00u + ((v - 0x10000u) & 0x3FFu));
    } else {
      unit(v);
    }
    i += cp.length;
  }
  return out;
}

struct outcome {
  bool ok = false;
  std::string text;    // when ok
  annals::source_format format = annals::source_format::text;  // when ok
  std::string error;   // when not
};

outcome decode(std::string_view bytes) {
  outcome o;
  try {
    annals::decoded_text d = annals::decode_document(bytes, "fuzz.txt");
    o.ok = true;
    o.text = std::move(d.text);
    o.format = d.format;
  } catch (const annals::input_error& e) {
    o.error = e.what();
  }
  return o;
}

void check_encodings_agree(std::string_view bytes) {
  if (!annals::utf8::is_valid(bytes) || bytes.find('\0') != std::string_view::npos) return;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") return;  // a UTF-8 BOM would stay a character in UTF-16
  const outcome a = decode(bytes);
  const outcome b = decode(to_utf16le(bytes));
  const std::string_view binary = "fuzz.txt: not a text document (binary data)";
  if (a.error == binary || b.error == binary) return;
  require(a.ok == b.ok, "UTF-8 and UTF-16 copies: one decodes, the other fails");
  if (!a.ok) {
    require(a.error == b.error, "UTF-8 and UTF-16 copies fail with different messages");
    return;
  }
  require(a.format == b.format, "UTF-8 and UTF-16 copies decode to different formats");
  require(a.text == b.text, "UTF-8 and UTF-16 copies decode to different text");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const annals::report r = annals::read_report_bytes(bytes, "fuzz.txt");
    check_report(r);
  } catch (const annals::input_error& e) {
    annals::fuzz::require_one_line_message(e);
    require(std::string_view(e.what()).substr(0, 10) == "fuzz.txt: ", "input error does not name the file");
  }
  check_encodings_agree(bytes);
  return 0;
}
