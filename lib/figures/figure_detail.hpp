#pragma once
// Private to lib/: figure parsing on code points, for the reader, which holds its text decoded.
// Not installed.

#include <annals/figure.hpp>

#include <optional>
#include <string_view>

namespace annals::detail {

/// try_parse_figure() of the UTF-8 encoding of `written`, without encoding and decoding it.
[[nodiscard]] std::optional<figure> try_parse_figure(std::u32string_view written) noexcept;

}  // namespace annals::detail
