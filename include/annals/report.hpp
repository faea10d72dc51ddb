#pragma once
/// @file report.hpp
/// The structured report (annals.report/1): what the reader produces and everything downstream
/// (store, tracker, analyzers) consumes. Plain value types; see docs/report-json.md.

#include <annals/decimal.hpp>
#include <annals/enum_names.hpp>
#include <annals/period.hpp>
#include <annals/quantity.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace annals {

/// A span of the decoded report text in Unicode code points, end exclusive.
struct text_span {
  std::size_t start = 0;
  std::size_t end = 0;
  friend bool operator==(const text_span&, const text_span&) = default;
};

/// What a report file was: plain text, a saved web page, a PDF or a Word document (.docx).
enum class source_format { text, html, pdf, docx };

[[nodiscard]] constexpr std::string_view to_string(source_format f) noexcept {
  switch (f) {
    case source_format::text: return "text";
    case source_format::html: return "html";
    case source_format::pdf: return "pdf";
    case source_format::docx: return "docx";
  }
  return "text";
}
template <>
struct enum_values<source_format> {
  static constexpr std::array all{source_format::text, source_format::html, source_format::pdf, source_format::docx};
};

/// Where the report came from.
struct source_info {
  std::string name;               ///< file name as given
  std::string sha256;             ///< hex digest of the raw input bytes
  std::string encoding = "utf-8"; ///< utf-8 | gb18030 | utf-16le | utf-16be (the IANA names)
  source_format format = source_format::text;
  /// PDF: the code-point offset in report::text where each page starts (page_of() in
  /// source.hpp maps an offset to page + offset); empty for other formats.
  std::vector<std::size_t> page_starts;
};

/// The report's identity: who reports what year to whom.
struct report_meta {
  std::string title;
  std::optional<std::string> issuer;        ///< 成都市人民政府
  std::optional<std::string> jurisdiction;  ///< 成都市
  std::optional<report_year> year;          ///< the reporting year, not the publication year
  std::optional<calendar_date> published;   ///< the closing date line
  std::optional<std::string> recipient;     ///< 市人大常委会
};

/// 一是… inside a section.
struct item {
  int ordinal = 0;
  std::string marker;  ///< 一是
  std::string title;   ///< the item's short title, e.g. “关键少数”带头示范
  text_span span;
};

/// 一、… with its heading.
struct section {
  int ordinal = 0;
  std::string marker;  ///< 一
  std::string heading;
  text_span span;
  std::vector<item> items;
};

enum class fact_kind { count, percent, multiple, amount, duration };

/// A figure the report states, with what it counts.
struct fact {
  std::string id;  ///< f1, f2, … in text order
  std::optional<int> section;
  std::optional<int> item;
  std::string label;  ///< the phrase saying what is counted
  std::string text;   ///< as written, qualifier included: 超6.14万家
  quantity q;         ///< value (万/亿 multiplied out), unit, qualifier, precision
  std::string qualifier_text;  ///< 超, 余, 以上 … ; empty when exact
  fact_kind kind = fact_kind::count;
  bool cumulative = false;  ///< 累计
  bool average = false;     ///< 平均
  text_span span;
};

enum class change_kind { growth_pct, pp, from_to, multiple, doubling, streak, threshold };
enum class direction { up, down, none };
enum class growth_basis { none, yoy, mom };  ///< 同比, 环比

/// A stated change: 同比增长89.6%, 由167支精简至114支, 连续16年 …
struct change {
  std::string id;  ///< c1, c2, …
  change_kind kind = change_kind::growth_pct;
  growth_basis basis = growth_basis::none;
  std::string label;
  std::string text;
  std::optional<decimal> value;  ///< growth %, pp, factor, n of ×2ⁿ, streak length, threshold
  std::optional<decimal> from;   ///< from_to only
  std::optional<decimal> to;     ///< from_to only
  std::string unit;
  qualifier qual = qualifier::exact;  ///< e.g. 2倍以上 → at_least
  direction dir = direction::none;
  std::optional<std::string> fact;  ///< id of the fact this change qualifies
  std::optional<int> section;
  std::optional<int> item;
  text_span span;
};

/// What a date in a report is: the report's own date (published), a commitment's deadline, or
/// any other date it mentions.
enum class date_role { published, deadline, mentioned };

/// A date mentioned in the report.
struct date_mention {
  std::string text;
  calendar_date value;
  date_role role = date_role::mentioned;
  text_span span;
};

enum class commitment_kind { plan, next_step, problem, target };

/// The figure a target aims at (力争…控制在5%以下 → 5%以下). Not an achieved figure: it is never
/// one of report::facts, it belongs to its target commitment. Read like a fact: the same label
/// rules, quantity and qualifier.
struct target_goal {
  std::string label;           ///< what the goal is about, labelled as facts are
  std::string text;            ///< as written, qualifier included: 5%以下
  quantity q;                  ///< value, unit, qualifier, precision
  std::string qualifier_text;  ///< 以下, 以上 … ; empty when exact
  fact_kind kind = fact_kind::count;
  text_span span;              ///< the goal figure as written
};

/// Something the report promises or admits.
struct commitment {
  std::string id;  ///< k1, k2, …
  commitment_kind kind = commitment_kind::next_step;
  std::optional<int> ordinal;  ///< next_step, problem
  std::string title;           ///< next_step: the short title
  std::string text;
  std::optional<int> groups;  ///< plan: 七个方面 → 7
  std::optional<int> count;   ///< plan: 24项 → 24
  /// target: the figure to reach (the reader always sets it for a target).
  std::optional<target_goal> goal;
  /// target, old form only: the id of a fact holding the goal. annals before schema 4 / before
  /// the goal object made the goal a fact; the reader no longer does (nullopt), but reports read
  /// from old JSON or an old store keep the reference (and get `goal` from that fact).
  std::optional<std::string> fact;
  std::optional<calendar_date> deadline;  ///< target
  std::optional<int> section;
  std::optional<int> item;
  text_span span;
};

/// Something the reader noticed but could recover from (invalid bytes, odd layout).
struct warning {
  std::string code;  ///< invalid_utf8, invalid_gb18030, no_sections, …
  std::string message;
  std::size_t start = 0;
};

/// One annual report, read.
struct report {
  source_info source;
  report_meta meta;
  std::string text;  ///< the decoded report text (UTF-8); spans index its code points
  std::vector<section> sections;
  std::vector<fact> facts;
  std::vector<change> changes;
  std::vector<date_mention> dates;
  std::vector<commitment> commitments;
  std::vector<warning> warnings;
};

/// The goal a fact would give as a target's figure (for old reports whose targets point to a fact).
[[nodiscard]] inline target_goal goal_from_fact(const fact& f) {
  return target_goal{f.label, f.text, f.q, f.qualifier_text, f.kind, f.span};
}

/// Old form → new: every target without a goal whose `fact` names a fact of the report gets its
/// goal from that fact (the fact and the reference stay). Used when reading old JSON and old stores.
inline void goals_from_facts(report& r) {
  for (auto& c : r.commitments) {
    if (c.kind != commitment_kind::target || c.goal || !c.fact) continue;
    for (const auto& f : r.facts)
      if (f.id == *c.fact) {
        c.goal = goal_from_fact(f);
        break;
      }
  }
}

[[nodiscard]] constexpr std::string_view to_string(fact_kind k) noexcept {
  switch (k) {
    case fact_kind::count: return "count";
    case fact_kind::percent: return "percent";
    case fact_kind::multiple: return "multiple";
    case fact_kind::amount: return "amount";
    case fact_kind::duration: return "duration";
  }
  return "count";
}
[[nodiscard]] constexpr std::string_view to_string(change_kind k) noexcept {
  switch (k) {
    case change_kind::growth_pct: return "growth_pct";
    case change_kind::pp: return "pp";
    case change_kind::from_to: return "from_to";
    case change_kind::multiple: return "multiple";
    case change_kind::doubling: return "doubling";
    case change_kind::streak: return "streak";
    case change_kind::threshold: return "threshold";
  }
  return "growth_pct";
}
[[nodiscard]] constexpr std::string_view to_string(direction d) noexcept {
  switch (d) {
    case direction::up: return "up";
    case direction::down: return "down";
    case direction::none: return "none";
  }
  return "none";
}
[[nodiscard]] constexpr std::string_view to_string(commitment_kind k) noexcept {
  switch (k) {
    case commitment_kind::plan: return "plan";
    case commitment_kind::next_step: return "next_step";
    case commitment_kind::problem: return "problem";
    case commitment_kind::target: return "target";
  }
  return "plan";
}
[[nodiscard]] constexpr std::string_view to_string(date_role r) noexcept {
  switch (r) {
    case date_role::published: return "published";
    case date_role::deadline: return "deadline";
    case date_role::mentioned: return "mentioned";
  }
  return "mentioned";
}
/// "yoy" (同比), "mom" (环比), "none" (JSON and the store write null for none).
[[nodiscard]] constexpr std::string_view to_string(growth_basis b) noexcept {
  switch (b) {
    case growth_basis::yoy: return "yoy";
    case growth_basis::mom: return "mom";
    case growth_basis::none: return "none";
  }
  return "none";
}
/// The basis as annals.report/1 and the Python module give it: "yoy", "mom", or nothing for none
/// (JSON null, Python None).
[[nodiscard]] constexpr std::optional<std::string_view> basis_name(growth_basis b) noexcept {
  if (b == growth_basis::none) return std::nullopt;
  return to_string(b);
}

template <>
struct enum_values<fact_kind> {
  static constexpr std::array all{fact_kind::count, fact_kind::percent, fact_kind::multiple, fact_kind::amount,
                                  fact_kind::duration};
};
template <>
struct enum_values<change_kind> {
  static constexpr std::array all{change_kind::growth_pct, change_kind::pp,     change_kind::from_to,
                                  change_kind::multiple,   change_kind::doubling, change_kind::streak,
                                  change_kind::threshold};
};
template <>
struct enum_values<direction> {
  static constexpr std::array all{direction::up, direction::down, direction::none};
};
template <>
struct enum_values<growth_basis> {
  static constexpr std::array all{growth_basis::none, growth_basis::yoy, growth_basis::mom};
};
template <>
struct enum_values<date_role> {
  static constexpr std::array all{date_role::published, date_role::deadline, date_role::mentioned};
};
template <>
struct enum_values<commitment_kind> {
  static constexpr std::array all{commitment_kind::plan, commitment_kind::next_step, commitment_kind::problem,
                                  commitment_kind::target};
};

}  // namespace annals
