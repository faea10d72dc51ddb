#pragma once
/// @file verdict.hpp
/// One verdict of the tracker as it is kept: what track::verdict_rows() gives, what
/// store::save_verdicts() stores and store::verdict_history() gives back — one type for all three.

#include <annals/enum_names.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace annals {

/// What a tracking verdict is about.
enum class verdict_subject { commitment, metric, streak, from_to };

[[nodiscard]] constexpr std::string_view to_string(verdict_subject s) noexcept {
  switch (s) {
    case verdict_subject::commitment: return "commitment";
    case verdict_subject::metric: return "metric";
    case verdict_subject::streak: return "streak";
    case verdict_subject::from_to: return "from_to";
  }
  return "commitment";
}
template <>
struct enum_values<verdict_subject> {
  static constexpr std::array all{verdict_subject::commitment, verdict_subject::metric, verdict_subject::streak,
                                  verdict_subject::from_to};
};

/// One verdict of the tracker, as it saves it (annals.tracking/1).
struct verdict_record {
  verdict_subject subject = verdict_subject::commitment;
  std::string ref;     ///< what of the earlier report it is about: "k2", or the metric label
  std::string label;   ///< for people: the commitment's title, the metric's label
  std::string status;  ///< fulfilled, carried_over, … / consistent, inconsistent, …
  std::optional<double> score;     ///< match strength 0..1, when the rubric gives one
  /// Any JSON value; stored as given (after validation). The tracker writes an object with what
  /// a timeline needs (kind, ordinal, title, text, carried_into, evidence …).
  std::string evidence_json = "[]";
  friend bool operator==(const verdict_record&, const verdict_record&) = default;
};

}  // namespace annals
