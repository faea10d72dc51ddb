#pragma once
// Internals of the reader's input layer shared between lib/reader/*.cpp (not installed).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace annals::detail {

/**
 * html_to_text with offset tracking: `positions` (sorted byte offsets into `html`, may be null)
 * are replaced by the byte offsets in the returned text where those input bytes ended up (or
 * where the text stood when markup at that offset was skipped).
 */
std::string strip_html(std::string_view html, std::vector<std::size_t>* positions,
                       std::size_t* unterminated_at);

/// Text taken out of a PDF or a DOCX file, before the common steps of decode_document.
struct extracted_text {
  std::string text;                      ///< UTF-8, LF line ends, one paragraph a line
  std::vector<std::size_t> page_starts;  ///< PDF: byte offset in `text` where each page starts
  struct note {
    std::string code, message;
    std::size_t byte = 0;  ///< offset in `text`
  };
  std::vector<note> warnings;
};

/// What decode_document counts to tell text from binary data: code points, and C0 controls other
/// than tab, LF, VT, FF and CR (NUL included). `s` is UTF-8 (or close to it: a byte that is not a
/// continuation byte counts as a code point).
struct char_counts {
  std::size_t code_points = 0;
  std::size_t controls = 0;
};
char_counts count_chars(std::string_view s) noexcept;

/// The document formats decode_document recognises by their first bytes.
enum class container { none, pdf, zip, ole, rtf };
container sniff_container(std::string_view raw) noexcept;

/// PDF → text through poppler-cpp (lib/reader/pdf.cpp). `name` prefixes error messages.
/// @throws input_error: damaged, encrypted, no text layer.
extracted_text pdf_to_text(std::string_view raw, std::string_view name);

/// DOCX (Office Open XML) → text through libzip and pugixml (lib/reader/docx.cpp). No part is
/// read beyond `max_bytes` uncompressed. Other zip archives throw unsupported_input_error.
extracted_text docx_to_text(std::string_view raw, std::string_view name, std::uint64_t max_bytes);

/// "<name>: <why>" as an input_error (name "document" when empty).
[[noreturn]] void input_failure(std::string_view name, std::string_view why);
/// "<name>: <why>" as an unsupported_input_error.
[[noreturn]] void unsupported_failure(std::string_view name, std::string_view why);

/// Tests set this to run SHA-256 on the portable code even where SHA-NI is available.
extern bool sha256_force_portable;

}  // namespace annals::detail
