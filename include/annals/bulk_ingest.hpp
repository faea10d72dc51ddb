#pragma once
/// @file bulk_ingest.hpp
/// Many reports into one store at the speed of `annals ingest`: ingest groups that commit
/// themselves, and the store's log copied on a thread of its own meanwhile.

#include <annals/store.hpp>

#include <chrono>
#include <cstddef>
#include <optional>

namespace annals {

/// Told of each commit of a bulk_ingest (an interface rather than std::function, which would put
/// this header over its preprocessed-size budget, tests/header_budget.cmake).
class bulk_ingest_observer {
 public:
  virtual ~bulk_ingest_observer() = default;
  /// After a group of `reports` reports (added, not skipped) has committed; they are durable.
  virtual void committed(std::size_t reports) = 0;
};

/// When a bulk_ingest commits. The defaults are `annals ingest`'s.
struct bulk_ingest_options {
  std::size_t group_reports = 64;                  ///< commit once the group holds this many added reports (0: 1)
  std::chrono::milliseconds group_age{100};        ///< … or was opened this long ago
  bool checkpoint_in_background = true;            ///< store::checkpoint_in_background() while it lives
  bulk_ingest_observer* observer = nullptr;        ///< may be null; not owned
};

/**
 * Stores reports one after another through `store`, in ingest groups (store::group_ingests) that
 * commit themselves once they hold `group_reports` added reports or are `group_age` old.
 * `annals ingest` and the Python `Store.ingest` store through one.
 *
 * - Each report is still all or nothing; it is durable once its group commits. A process killed
 *   before that loses the group's reports whole (never part of one); ingesting the same files
 *   again stores them, once.
 * - A storage_error from ingest() ends the group: the reports stored before it in the group are
 *   committed first (unless SQLite gave the whole group up, which the error then says), then it
 *   is rethrown. Other failures (input_error for a malformed report) leave the group as it was.
 * - commit() commits now: call it before waiting for slow input, so that the store is not locked
 *   for other writers meanwhile.
 * - finish() commits what is left; the destructor does the same and ignores a failure, so a
 *   caller leaving by an exception keeps the reports stored so far, as with one transaction per
 *   report.
 * - While it holds a group, the store's other writes and snapshot() throw usage_error (as for
 *   any ingest group). On PostgreSQL every ingest() commits by itself (store::group_ingests).
 * Not thread-safe: one thread at a time, like the store it writes.
 */
class bulk_ingest {
 public:
  /// Starts the background checkpoints (when asked, and the store has a log to copy); no group
  /// is opened before the first ingest(). @throws std::system_error when no thread can be started.
  explicit bulk_ingest(store& target, bulk_ingest_options options = {});
  bulk_ingest(const bulk_ingest&) = delete;
  bulk_ingest& operator=(const bulk_ingest&) = delete;
  /// Commits what finish() has not, ignoring a failure; stops the background checkpoints.
  ~bulk_ingest();

  /// store::ingest inside the open group (opened when none is); commits the group when it is due.
  /// @throws input_error for a malformed report; storage_error as described above.
  ingest_result ingest(const encoded_report& r);
  ingest_result ingest(const report& r);
  /// Commits the open group, if any; returns how many added reports it made durable.
  /// @throws storage_error when the commit fails (none of the group is stored then).
  std::size_t commit();
  /// commit(), and the end: later calls of ingest() open new groups as before.
  void finish() { (void)commit(); }

  /// Reports added and not yet committed.
  [[nodiscard]] std::size_t pending() const noexcept;
  /// Reports committed so far.
  [[nodiscard]] std::size_t committed() const noexcept { return committed_; }

 private:
  template <class Report>
  ingest_result store_one(const Report& r);

  store& store_;
  bulk_ingest_options options_;
  std::optional<store::background_checkpoints> checkpoints_;
  std::optional<store::ingest_group> group_;  // after checkpoints_: ends first
  std::chrono::steady_clock::time_point began_{};
  std::size_t committed_ = 0;
};

}  // namespace annals
