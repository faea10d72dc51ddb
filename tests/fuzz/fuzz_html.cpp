// libFuzzer target: the HTML stripper and the page-furniture finder of the reader input layer
// (source.hpp: html_to_text, looks_like_html, furniture_spans, overlaps_any).
//
// Checks, beyond "no crash, no sanitizer report, no hang" (libFuzzer's -timeout):
// - html_to_text never throws, and on valid UTF-8 input produces valid UTF-8 (entities such as
//   &#xD800; or &#1114112; must not smuggle in surrogates or out-of-range code points);
// - the output is not larger than a small multiple of the input (no blow-up);
// - the unterminated offset, when reported, lies within the output;
// - furniture spans of the output are sorted, non-overlapping, within its code points, and each
//   one is found by overlaps_any.
#include "fuzz_check.hpp"

#include <annals/source.hpp>
#include <annals/text.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using annals::fuzz::require;
  const std::string_view html(reinterpret_cast<const char*>(data), size);

  (void)annals::looks_like_html(html);
  (void)annals::looks_like_html(html, "page.html");

  std::size_t unterminated = annals::utf8::npos;
  const std::string text = annals::html_to_text(html, &unterminated);
  if (annals::utf8::is_valid(html)) require(annals::utf8::is_valid(text), "valid UTF-8 in, invalid UTF-8 out");
  // A numeric entity (&#1; — 4 bytes) yields at most 3 bytes (U+FFFD), a named one a few more
  // than its name; block tags become one newline. Anything beyond 4× input + 16 is a blow-up.
  require(text.size() <= 4 * size + 16, "html_to_text output much larger than its input");
  if (unterminated != annals::utf8::npos) require(unterminated <= text.size(), "unterminated offset past the output");

  if (!annals::utf8::is_valid(text)) return 0;  // furniture_spans is specified on valid UTF-8
  const auto spans = annals::furniture_spans(text);
  const std::size_t length = annals::utf8::length(text);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    require(spans[i].start <= spans[i].end, "furniture span with start > end");
    require(spans[i].end <= length, "furniture span past the end of the text");
    if (i > 0) require(spans[i - 1].end <= spans[i].start, "furniture spans unsorted or overlapping");
    if (spans[i].start < spans[i].end) require(annals::overlaps_any(spans, spans[i]), "overlaps_any misses a span");
  }
  return 0;
}
