#pragma once
/// @file plan.hpp
/// A year's plan of tasks (年度法治政府建设重点工作安排): the commitments a report often only
/// counts (明确七个方面24项工作任务). Loaded from JSON or CSV; see docs/tracking.md, "Plans".

#include <annals/decimal.hpp>
#include <annals/period.hpp>
#include <annals/report.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace annals {

/// A numeric target of a task: reach `value` (in `unit`) by `deadline`, starting from `baseline`.
struct plan_target {
  std::string label;                  ///< what is measured, as a report would label it
  decimal value;                      ///< the value to reach
  std::string unit;                   ///< 件 项 % 支 …; empty when none
  std::optional<decimal> baseline;    ///< the value in `baseline_year`
  std::optional<int> baseline_year;   ///< the year the baseline was measured
  std::optional<calendar_date> deadline;
  friend bool operator==(const plan_target&, const plan_target&) = default;
};

/// One task of the plan.
struct plan_task {
  std::string id;     ///< as given ("2.4"); unique within the plan
  std::string group;  ///< the 方面 it belongs to
  std::string text;   ///< what is to be done
  std::optional<plan_target> target;
  std::size_t line = 0;  ///< 1-based line of the task in the file (JSON: the line its object starts)
};

/// A plan document: tasks in groups.
struct plan {
  std::string name;    ///< file name as given
  std::string sha256;  ///< hex digest of the raw file bytes
  std::string title;
  std::optional<std::string> jurisdiction;
  std::optional<report_year> year;
  std::vector<plan_task> tasks;

  /// The distinct groups in order of first appearance.
  [[nodiscard]] std::vector<std::string> groups() const;
};

/**
 * Loads a plan from `path`: `.json` (an object with `tasks`, see docs/tracking.md) or `.csv`
 * (header `id,group,text[,target_label,target,unit,baseline,baseline_year,deadline]`).
 * @throws input_error "plan: <file>: line N: <why>" for unreadable files, malformed JSON or
 *         CSV, a task without id/text, a duplicate id, a bad number or date, an empty plan.
 */
[[nodiscard]] plan load_plan(const std::filesystem::path& path);

/// Parses plan JSON text; `name` names it in messages. @throws input_error as load_plan.
[[nodiscard]] plan parse_plan_json(std::string_view text, std::string_view name = "plan.json");

/// Parses plan CSV text (RFC 4180 quoting, UTF-8, optional BOM). @throws input_error as load_plan.
[[nodiscard]] plan parse_plan_csv(std::string_view text, std::string_view name = "plan.csv");

/**
 * True when `path` names a plan document: a `.csv` file, or a `.json` file whose top-level
 * object has a `tasks` array (an annals.report/1 JSON file is not a plan). Reads the file;
 * false when it cannot be read.
 */
[[nodiscard]] bool is_plan_file(const std::filesystem::path& path);

/// What checking a plan against a report's plan commitment found.
struct plan_finding {
  std::string code;     ///< counts_agree | group_count_mismatch | task_count_mismatch | no_plan_commitment | year_mismatch
  std::string message;  ///< one line, in English
  std::optional<int> plan_value;    ///< the plan's count
  std::optional<int> report_value;  ///< the report's count
  std::optional<std::string> commitment;  ///< id of the report's plan commitment
};

/**
 * Compares the plan's number of groups and tasks with the report's plan commitment
 * (明确七个方面24项工作任务 → 7 groups, 24 tasks). Uses the report's `plan` commitments; when
 * the reader found none, looks for 明确…个方面…项 in the text itself. The commitment naming the
 * plan's year (2025年度) is preferred when there are several.
 * @return counts_agree, or one finding per disagreement (or no_plan_commitment).
 */
[[nodiscard]] std::vector<plan_finding> check_plan_counts(const plan& p, const report& r);

/// Parses a Chinese or Arabic count: 七 → 7, 二十四 → 24, 24 → 24; nullopt otherwise (≤ 9999).
[[nodiscard]] std::optional<int> parse_count(std::string_view s);

}  // namespace annals
