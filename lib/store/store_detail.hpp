#pragma once
// The SQLite backend's connection and shared helpers (internal to lib/): detail::sqlite_store,
// the store_backend behind an annals::store opened on a file or in memory, used by
// lib/store/*.cpp.

#include <annals/report.hpp>
#include <annals/store.hpp>

#include "store/backend_detail.hpp"
#include "store/checkpoint_detail.hpp"
#include "store/sqlite_detail.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace annals {

namespace detail {
struct sqlite_store;
}

struct detail::sqlite_store final : detail::store_backend {
  /// `open_name` is what SQLite opens: the path, or a file: URI (read-only opens).
  sqlite_store(std::filesystem::path p, const store_options& o, int flags, const std::string& open_name);

  // ---- store_backend: the public operations (docs in include/annals/store.hpp) ----
  const std::filesystem::path& location() const noexcept override { return path; }
  const std::string& open_note() const noexcept override { return note; }
  int schema_version() const override;
  std::optional<int> migrated_from() const noexcept override { return migrated_from_version; }
  bool can_write() const noexcept override { return writable; }
  ingest_result ingest(const report& r, const encoded_rows& rows) override;
  std::optional<report_id> find(std::string_view sha256) const override;
  report load_report(report_id id) const override;
  std::vector<report_summary> reports(const report_filter& filter) const override;
  void each_report(const report_filter& filter, void (*call)(void*, const report_summary&), void* each) const override;
  std::unique_ptr<checkpoint_thread> start_checkpoints() const override;
  std::optional<report_id> current_report(std::string_view jurisdiction, report_year year) const override;
  bool remove_report(report_id id) override;
  std::vector<jurisdiction_summary> jurisdictions() const override;
  std::vector<std::string> metrics(std::optional<std::string_view> jurisdiction) const override;
  metric_series series(std::string_view jurisdiction, std::string_view metric) const override;
  std::vector<metric_series> all_series(std::string_view jurisdiction) const override;
  std::size_t panel_csv(std::ostream& out) const override;
  save_verdicts_result save_verdicts(report_id earlier, report_id later, std::string_view rubric,
                                     const std::vector<verdict_record>& verdicts) override;
  std::vector<stored_verdict> verdicts(report_id earlier, report_id later) const override;
  std::vector<stored_verdict> verdict_history(std::string_view jurisdiction) const override;
  std::vector<std::pair<report_id, report_id>> verdict_pairs() const override;
  std::vector<catalogue_entry> catalogue() const override;
  std::vector<catalogue_entry> aliases(alias_scope scope) const override;
  std::string metric_of(std::string_view label, std::string_view unit) const override;
  catalogue_import_result import_catalogue(std::istream& csv, std::string_view source) override;
  std::size_t export_catalogue(std::ostream& csv) const override;
  integrity_result check_integrity() const override;
  void begin_read() const override;
  void end_read() const noexcept override;
  void begin_group() override;
  void commit_group() override;
  void rollback_group() noexcept override;

  std::filesystem::path path;
  std::string name;  ///< path as text, the "<db>" of error messages
  store_options options;
  SQLite::Database db;
  bool writable = true;
  /// A remark on how the store was opened (store::note()); usually empty.
  std::string note;
  /// The schema version this open migrated from (store::migrated_from()).
  std::optional<int> migrated_from_version;

  /// metric_aliases.id by "label\x1Funit" as the reports wrote them. Alias rows are never
  /// deleted or renumbered, so an id once committed stays valid in every process.
  std::unordered_map<std::string, std::int64_t, alias_hash, alias_equal> alias_ids;
  /// Ids the open transaction (or a group's report savepoint) added; moved into alias_ids on
  /// commit (group_alias_ids on release), dropped on rollback.
  std::unordered_map<std::string, std::int64_t, alias_hash, alias_equal> pending_alias_ids;
  /// Ids the reports of the open ingest group added; moved into alias_ids when it commits.
  std::unordered_map<std::string, std::int64_t, alias_hash, alias_equal> group_alias_ids;
  /// How many reports each jurisdiction and year has, as the open ingest group's reports have
  /// left it: the group's transaction holds the write lock, so nothing else changes that
  /// meanwhile. Filled as the group's reports are released (pending_revisions: the report being
  /// written), cleared when the group begins and ends.
  using revision_key = std::pair<std::int64_t, int>;  ///< (jurisdictions.id, year)
  std::map<revision_key, std::size_t> group_revisions;
  std::optional<std::pair<revision_key, std::size_t>> pending_revisions;
  /// SAVEPOINT, RELEASE and ROLLBACK TO of a report in an ingest group, prepared once.
  struct group_statements;
  std::unique_ptr<group_statements> group_st;
  /// Reused buffer of the ingest path (no allocation per report once warm).
  std::vector<std::pair<std::size_t, std::size_t>> item_places;  ///< (section, item) of each item

  /// Whether ingest() turned this connection's foreign-key enforcement off (ingest.cpp,
  /// set_foreign_keys). Every other write turns it back on before its transaction.
  bool foreign_keys_off = false;
  /// PRAGMA foreign_keys for the next transaction; a no-op when already so. Outside a
  /// transaction only (inside one SQLite ignores the pragma, and the caller's BEGIN fails).
  void set_foreign_keys(bool on);

  /// Statements of the ingest path, prepared once.
  struct ingest_statements;
  std::unique_ptr<ingest_statements> ins;
  /// Statements of the catalogue lookups done while ingesting, prepared once.
  struct alias_statements;
  std::unique_ptr<alias_statements> alias_st;
  /// One report written into an open transaction, table by table (ingest.cpp).
  struct report_writer;
  /// The report's rows written and its alias ids collected; the caller owns the transaction.
  ingest_result write_report(report_writer& w, const std::string& sha);
  /// Statements reset and the report's alias ids dropped, after a failed write.
  void forget_report() noexcept;
  /// ingest() while an ingest group is open: the report in a savepoint of the group's transaction.
  ingest_result ingest_in_group(report_writer& w, const std::string& sha);
  /// A stored report read back, table by table (load.cpp).
  struct report_reader;
  /// Statements of load_report, prepared on its first call (statements_detail.hpp).
  struct load_statements;
  mutable std::unique_ptr<load_statements> load_st;
  [[nodiscard]] load_statements& loads() const;
  /// Statements of the queries asked once per jurisdiction (reports() of one jurisdiction,
  /// all_series()), prepared on first use and reused (queries.cpp): preparing them for every
  /// jurisdiction was a twentieth of `yoy --db` over a large store.
  struct query_statements {
    std::optional<SQLite::Statement> reports_of, series_facts, series_changes;
    bool reports_of_stepping = false;  ///< a listing is reading reports_of (each_report)
  };
  mutable query_statements query_st;

  /// storage_error("<db>: <why>") for a SQLite failure.
  [[nodiscard]] storage_error error(const SQLite::Exception& e) const {
    return detail::to_storage_error(name, e, options.busy_timeout, &db);
  }
  /// storage_error("<db>: <why>") for a problem found in the stored data.
  [[nodiscard]] storage_error error(const std::string& why) const { return storage_error(name + ": " + why); }

  /// Runs f, turning SQLite's exceptions into storage_error.
  template <class F>
  auto guarded(F&& f) const -> decltype(f()) {
    try {
      return f();
    } catch (const SQLite::Exception& e) {
      throw error(e);
    }
  }

  /// Creates the database file of a new store, whole or not at all (store::open).
  static void create_file(const std::filesystem::path& path, const store_options& options);

  // ---- shared by the sources ----
  void configure(open_mode mode);
  void migrate();
  void migrate_1_to_2();
  [[nodiscard]] int user_version() const;
  [[nodiscard]] bool has_tables() const;
  /// PRAGMA quick_check; throws storage_error "<db>: database file is corrupt (…)" on any problem.
  void quick_check() const;
  /// The metric_aliases.id for a fact label, adding alias (and metric) when new. In a
  /// write transaction only.
  std::int64_t alias_id(const std::string& label, const std::string& unit);
  /// The same, with the key "label\x1Funit" and its hash computed ahead (encode_rows).
  std::int64_t alias_id(const std::string& label, const std::string& unit, alias_key_view key);
  [[nodiscard]] report_counts counts(report_id id) const;
  [[nodiscard]] bool report_exists(report_id id) const;

  [[nodiscard]] decimal stored_decimal(const std::string& text, std::string_view what) const;
  [[nodiscard]] std::optional<decimal> stored_opt_decimal(const std::optional<std::string>& text,
                                                          std::string_view what) const;
  [[nodiscard]] calendar_date stored_date(const std::string& text, std::string_view what) const;
  /// A fact from the 16 columns ident … span_end starting at `col`.
  [[nodiscard]] fact read_fact(const SQLite::Statement& s, int col) const;
  /// A change from the 16 columns ident … span_end starting at `col`.
  [[nodiscard]] change read_change(const SQLite::Statement& s, int col) const;
};

}  // namespace annals
