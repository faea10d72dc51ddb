// libFuzzer target: the whole reader, raw file bytes → annals::report (reader.hpp,
// read_report_bytes: encoding detection, HTML stripping, furniture, extraction).
//
// Checks, beyond "no crash, no sanitizer report, no hang" (libFuzzer's -timeout):
// - the only exception is input_error, with a one-line "<name>: <why>" message naming the file;
// - report::text is valid UTF-8 (invalid input is repaired, never passed through);
// - every span lies within the text, start ≤ end, and what annals.report/1 says a span covers
//   holds: a fact's, change's and date's `text` is exactly the text at its span;
// - fact and change ids are unique, and a change's `fact` names a fact of the report;
// - warnings point inside the text.
#include "fuzz_check.hpp"

#include <annals/reader.hpp>
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
  return 0;
}
