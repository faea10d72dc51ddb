#pragma once
/// @file version.hpp
/// The library version.

#include <string_view>

#define ANNALS_VERSION_MAJOR 0
#define ANNALS_VERSION_MINOR 1
#define ANNALS_VERSION_PATCH 0
#define ANNALS_VERSION_STRING "0.1.0"

namespace annals {
/// "0.1.0": the version of the compiled library (may differ from the headers' macros).
[[nodiscard]] std::string_view version() noexcept;
}  // namespace annals
