#pragma once
/// @file catalogue.hpp
/// Metric keys: how a fact's label and unit become the catalogue entry that strings one metric
/// across years ("全市新收行政复议案件" in 2023 and "新收行政复议案件" in 2024 are one metric).
///
/// A key is `label|unit` ("新收行政复议案件|件", "行政复议纠错率|%", "xxx|" without a unit): the
/// unit is part of the key, so 件 and 万元 never share a series. The store keeps a catalogue that
/// maps every alias (a label as written) to one metric; it seeds new aliases with metric_key() and
/// the user may re-map them (store::import_catalogue). See docs/store.md, "Metric catalogue".

#include <optional>
#include <string>
#include <string_view>

namespace annals {

/// The two halves of a catalogue key.
struct metric_name {
  std::string label;
  std::string unit;
  friend bool operator==(const metric_name&, const metric_name&) = default;
};

/**
 * The alias key of a label as written: width-normalised (full-width letters, digits and
 * punctuation become ASCII), whitespace runs collapsed to one space and trimmed, then `|unit`.
 * A `|` inside the unit becomes `/` so that the last `|` always separates the two halves.
 *
 * @code
 *   annals::alias_key(" 全市新收行政复议案件 ", "件");  // "全市新收行政复议案件|件"
 * @endcode
 */
[[nodiscard]] std::string alias_key(std::string_view label, std::string_view unit);

/**
 * The metric key a new alias is seeded with: alias_key() after removing, repeatedly, the
 * leading words that only restate the report's own scope or year — 全市 全省 全区 全县 全州 全盟
 * 全旗 全市各级 全省各级 我市 我省 我区 我县 我州 本市 本省 本县 全年 年内 其中 — and leading
 * punctuation, then the trailing fillers between a subject and its number (共计 合计 总计 达到
 * 分别) and trailing punctuation. Single characters such as 为 达 共 约 are kept: they end
 * ordinary words (行为, 到达, 公共, 制约). Never empties the label: when stripping would leave
 * nothing, the last non-empty form is kept.
 *
 * Narrower scopes are NOT stripped, because they count something else: 市本级 / 省本级 / 区本级 /
 * 县本级 (the government's own departments only), 市级, 各区(市)县.
 *
 * @code
 *   annals::metric_key("全市新收行政复议案件", "件");   // "新收行政复议案件|件"
 *   annals::metric_key("市本级新收行政复议案件", "件"); // "市本级新收行政复议案件|件"
 * @endcode
 */
[[nodiscard]] std::string metric_key(std::string_view label, std::string_view unit);

/// Splits a key at its last `|`; nullopt when there is none or the label half is empty.
[[nodiscard]] std::optional<metric_name> split_metric_key(std::string_view key);

}  // namespace annals
