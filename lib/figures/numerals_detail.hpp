#pragma once
// Private to lib/: the one table of Chinese numerals (〇 零 一 二 两 三 … 九, 十 百 千 万 亿), for
// figure parsing (figure.cpp), dates (period.cpp), plans (track/plan.cpp), the reader
// (reader/extract_detail.hpp) and DOCX numbering labels (reader/docx.cpp). Not installed.

#include <array>
#include <string_view>

namespace annals::detail {

/// 0..9 for a Chinese digit (〇 零 → 0, 一 1, 二 两 → 2, 三 … 九 9), −1 otherwise.
[[nodiscard]] constexpr int chinese_digit(char32_t c) noexcept {
  switch (c) {
    case U'〇': case U'零': return 0;
    case U'一': return 1;
    case U'二': case U'两': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

/// The power of ten of a Chinese numeral unit: 十 1, 百 2, 千 3, 万 (萬) 4, 亿 (億) 8; 0 otherwise.
[[nodiscard]] constexpr int chinese_unit_exponent(char32_t c) noexcept {
  switch (c) {
    case U'十': return 1;
    case U'百': return 2;
    case U'千': return 3;
    case U'万': case U'萬': return 4;
    case U'亿': case U'億': return 8;
    default: return 0;
  }
}

/// The digit 0..9 as written in a Chinese numeral (〇 一 二 … 九), UTF-8.
inline constexpr std::array<std::string_view, 10> chinese_digit_text = {"〇", "一", "二", "三", "四",
                                                                         "五", "六", "七", "八", "九"};

}  // namespace annals::detail
