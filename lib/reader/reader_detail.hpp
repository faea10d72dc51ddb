#pragma once
// Internals of the reader's input layer shared between lib/reader/*.cpp (not installed).

#include <cstddef>
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

/// Tests set this to run SHA-256 on the portable code even where SHA-NI is available.
extern bool sha256_force_portable;

}  // namespace annals::detail
