#pragma once
// Private to lib/: the Chinese words of the renderings (lib/figures/localize.cpp), shared by the
// tracker's Markdown (lib/track) and the jurisdiction report's HTML and Markdown (lib/analyze).

#include <annals/lang.hpp>
#include <annals/range_text.hpp>
#include <annals/report.hpp>

#include <string>
#include <string_view>

namespace annals::detail {

/// The Chinese of a status or verdict ("in_progress" → "推进中", "unverifiable" → "无法核验");
/// `status` itself when it has none. The glossary in docs/html-report.md lists them.
std::string_view status_label_zh(std::string_view status);

/// 3 → "三", 12 → "十二", 21 → "二十一" (0–99; digits beyond).
std::string zh_numeral(int n);

/// 下一步, 规划任务, 存在问题, 目标: a commitment's kind in Chinese (the glossary of docs/html-report.md).
std::string_view commitment_kind_zh(commitment_kind k);
/// A commitment's kind as the jurisdiction page and its Markdown name it: 下一步 in both languages
/// (the English page names it so), the other kinds in `lang`.
std::string commitment_kind_word(commitment_kind k, report_lang lang);

/// 增幅, 百分点变化, 起止变化, 倍数, 翻番, 连续年数, 突破: a stated change's kind in Chinese.
std::string_view change_kind_zh(change_kind k);

/// An inconsistency's kind in Chinese ("growth" → "同比增幅"); `kind` itself when it has none.
std::string_view finding_kind_zh(std::string_view kind);

/// "1.5% 至 2.5%", "≥ 1.5%", "不限": ranges in the Chinese renderings.
inline constexpr range_style range_in_zh{.between = " 至 ",
                                         .unbounded = "不限",
                                         .unit_after_each = true,
                                         .one_when_equal = true,
                                         .one_sided_as_inequality = true};

/// The words of one language: t("English", "中文"), statuses and reasons in that language.
struct words {
  report_lang lang = report_lang::zh;
  [[nodiscard]] bool zh() const noexcept { return lang == report_lang::zh; }
  [[nodiscard]] std::string t(std::string_view en, std::string_view zh_text) const {
    return std::string(zh() ? zh_text : en);
  }
  /// A status or verdict name ("in_progress"), in Chinese in a Chinese rendering.
  [[nodiscard]] std::string status(std::string_view name) const {
    return zh() ? std::string(status_label_zh(name)) : std::string(name);
  }
  [[nodiscard]] std::string reason(std::string_view text) const { return localize_reason(text, lang); }
  /// "1.5% 至 2.5%" / "1.5% to 2.5%".
  [[nodiscard]] const range_style& ranges() const noexcept { return zh() ? range_in_zh : range_in_words; }
};

}  // namespace annals::detail
