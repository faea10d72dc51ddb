#pragma once
/// @file store_copy.hpp
/// Moving a store to another backend or file: every report (every revision, in the order it was
/// ingested), the user's catalogue mappings and the stored verdicts, then a check that the copy
/// holds the same thing.

#include <annals/store.hpp>

#include <cstddef>

namespace annals {

/// What copy_store did; every count is of the source.
struct [[nodiscard]] copy_result {
  std::size_t reports = 0;          ///< reports in the source (every revision)
  std::size_t reports_added = 0;    ///< stored by this copy
  std::size_t reports_present = 0;  ///< the destination already held them (same sha256)
  std::size_t facts = 0;            ///< facts of the source's reports
  std::size_t aliases = 0;          ///< user-defined catalogue mappings carried over
  std::size_t verdicts = 0;         ///< verdicts in the source
  std::size_t verdicts_added = 0;
  std::size_t verdicts_present = 0;  ///< already in the destination with the same status
};

/// Told of each report as it is copied (an interface rather than std::function: <functional>
/// alone would put this header over its preprocessed-size budget, tests/header_budget.cmake).
class copy_observer {
 public:
  virtual ~copy_observer() = default;
  /// After report `index` (from 0) of `total` is in the destination.
  virtual void copied(std::size_t index, std::size_t total, const report_summary& report) = 0;
};

struct copy_options {
  copy_observer* progress = nullptr;  ///< may be null; not owned
};

/**
 * Copies `from` into `to`, then verifies the copy.
 *
 * Order: the user-defined catalogue mappings first (so the reports' facts file under them as in
 * the source), then every report by ascending id — so that revisions of one jurisdiction and
 * year arrive in their order and the same one is current — then every verdict, keyed to the
 * destination's report ids through the reports' sha256 (a verdict's recorded_at is the time of
 * the copy). Each report is one transaction of `to` (store::ingest): a copy that stops half way
 * leaves whole reports only, and running it again adds what is missing.
 *
 * Verification, after the copy: every source report is in `to` under its sha256 with the same
 * contents (its annals.report/1 JSON, byte for byte), the same current flag, and every source
 * verdict and user mapping is there with the same status or metric.
 *
 * @throws usage_error when `to` is not writable.
 * @throws storage_error when either store fails, or "copy: verification failed: …" naming the
 *         first report, verdict or mapping that differs; what was stored stays (whole reports).
 * @throws input_error when import_catalogue refuses the source's mappings (cannot happen for a
 *         catalogue annals wrote, short of a damaged store).
 */
copy_result copy_store(const store& from, store& to, const copy_options& options = {});

}  // namespace annals
