// The accuracy suite's scorer (tests/accuracy/README.md): parses the gold files, runs the reader
// and the tracker on the texts they describe, and counts what is right. Shared by the
// `annals_accuracy` program (make accuracy, the ctest gate) and its own unit tests.
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace annals::accuracy {

/// A gold file that does not follow the format: "<file>:<line>: <why>".
class gold_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct gold_row {
  std::string kind;                         ///< fact | change | not | target
  std::string text;
  std::vector<std::string> fields;          ///< the rest of the row, tab-split
  int line = 0;
};

struct gold_sentence {
  std::string file;  ///< file name (style)
  std::string id;
  std::vector<std::string> classes;
  std::string text;
  std::vector<gold_row> rows;
  int line = 0;
};

/// Parses one sentences/<style>.tsv. @throws gold_error on any malformed line.
std::vector<gold_sentence> parse_sentences(const std::string& content, const std::string& file);

/// Counts of one scope (all, a class, a style).
struct tally {
  int gold_facts = 0, found_facts = 0, right_facts = 0, extracted_facts = 0;
  int gold_changes = 0, found_changes = 0, right_changes = 0, extracted_changes = 0;
  int label_right = 0;
  int sentences = 0;
  void add(const tally& o);
  /// Facts and changes together.
  [[nodiscard]] int gold() const { return gold_facts + gold_changes; }
  [[nodiscard]] int right() const { return right_facts + right_changes; }
  [[nodiscard]] int found() const { return found_facts + found_changes; }
  [[nodiscard]] int extracted() const { return extracted_facts + extracted_changes; }
  [[nodiscard]] double fully_correct() const;  ///< right / gold
  [[nodiscard]] double recall() const;         ///< found / gold
  [[nodiscard]] double precision() const;      ///< found / extracted
};

/// One thing the reader got wrong, for `--details`.
struct miss {
  std::string where;  ///< file:line id
  std::string what;
};

struct sentence_score {
  tally total;
  std::map<std::string, tally> by_class;
  std::map<std::string, tally> by_style;
  std::vector<miss> misses;
};

/// Scores the reader on parsed sentences. @throws gold_error when a row's text is not found.
sentence_score score_sentences(const std::vector<gold_sentence>& sentences);

/// Scores the reader on a whole report against a gold list in the format of
/// tests/data/chengdu-2024.gold.tsv (kind, text, value, unit, qualifier, label, reason).
sentence_score score_report_gold(const std::filesystem::path& report, const std::filesystem::path& gold);

struct pair_score {
  std::string name;
  int statuses = 0, statuses_right = 0;
  int verdicts = 0, verdicts_right = 0;
  int unlisted_verdicts = 0;  ///< stated-change verdicts the gold does not list (informational)
  std::vector<miss> misses;
};

/// Scores the tracker on one pairs/<name>/ directory. @throws gold_error on a malformed gold.tsv.
pair_score score_pair(const std::filesystem::path& dir);

/// Floors for the gate: name → minimum (fractions as 0.985, counts as integers).
std::map<std::string, double> parse_floors(const std::string& content, const std::string& file);

}  // namespace annals::accuracy
