#pragma once
/// @file lang.hpp
/// The language of a rendering (the HTML page and the Markdown of `report`, `track`, `check` and
/// `timeline`): Chinese, the readers' language and the default, or English. The library writes
/// every verdict reason from one English template; localize_reason() gives its Chinese.

#include <annals/enum_names.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace annals {

/// The language of a rendering.
enum class report_lang { zh, en };

[[nodiscard]] constexpr std::string_view to_string(report_lang l) noexcept {
  return l == report_lang::en ? "en" : "zh";
}
template <>
struct enum_values<report_lang> {
  static constexpr std::array all{report_lang::zh, report_lang::en};
};

/// "zh" | "en" (case-insensitive) → the language; nullopt for anything else.
[[nodiscard]] std::optional<report_lang> parse_report_lang(std::string_view text) noexcept;

/// A verdict reason or finding text of the library (written in English, one template per kind of
/// reason) in `lang`: the English as is, or its Chinese. Text of no known template is returned as is.
[[nodiscard]] std::string localize_reason(std::string_view reason, report_lang lang);

}  // namespace annals
