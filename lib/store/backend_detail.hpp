#pragma once
// The store's backends (internal to lib/): annals::store is a thin front over one
// detail::store_backend, an SQLite database (lib/store/*.cpp, detail::sqlite_store) or a
// PostgreSQL database (lib/store/postgres/). Every public operation of annals::store is one
// virtual call here, with the same meaning, guarantees and errors on either backend
// (include/annals/store.hpp documents them); store.cpp picks the backend from the location.

#include <annals/error.hpp>
#include <annals/store.hpp>

#include "store/checkpoint_detail.hpp"
#include "store/encoded_detail.hpp"

#include <array>
#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace annals {

// ---- shared by the backends: enum names, decimal text, checks of a report -----------------

/// to_string(e) as a std::string made once per value, so that it can be bound without copying.
/// (Reading names back is from_string<E>, enum_names.hpp.) E numbers its values 0..N-1 in the
/// order of enum_values<E>.
template <named_enum E>
const std::string& name_of(E e) {
  static const auto names = [] {
    std::array<std::string, enum_values<E>::all.size()> a;
    for (const E v : enum_values<E>::all) a[static_cast<std::size_t>(v)] = std::string(to_string(v));
    return a;
  }();
  return names[static_cast<std::size_t>(e)];
}

/// Decimal text that parses back to the same value and scale ("89.60" stays "89.60").
std::string decimal_text(const decimal& d);
/// decimal_text(d) appended to `out`.
void append_decimal_text(std::string& out, const decimal& d);
/// A sha256 as stored (64 lower-case hex digits), or nullopt when `s` is not one.
std::optional<std::string> normalised_sha256(std::string_view s);


namespace detail {

/// What error messages call a report: its source name, or "report".
std::string report_what(const report& r);
/// The checks that keep a malformed report out of the store, before any write: fact count,
/// ids present and unique, changes and commitments naming existing facts (encode_rows runs
/// them). @throws input_error
void validate_report(const report& r);

/// One row of a catalogue mapping CSV, checked (store::import_catalogue).
struct mapping_row {
  std::string alias;
  std::string metric;
  std::string unit;
};
/// Reads and checks a whole mapping CSV (header alias,metric) before anything is written.
/// @throws input_error("<source>: line N: <why>")
std::vector<mapping_row> read_catalogue_mapping(std::istream& csv, std::string_view source);

class store_backend {
 public:
  store_backend() = default;
  store_backend(const store_backend&) = delete;
  store_backend& operator=(const store_backend&) = delete;
  virtual ~store_backend() = default;

  [[nodiscard]] virtual const std::filesystem::path& location() const noexcept = 0;
  [[nodiscard]] virtual const std::string& open_note() const noexcept = 0;
  [[nodiscard]] virtual int schema_version() const = 0;
  [[nodiscard]] virtual std::optional<int> migrated_from() const noexcept = 0;
  [[nodiscard]] virtual bool can_write() const noexcept = 0;

  /// Stores `r`, which encode_rows() checked and encoded as `rows` (store::ingest).
  virtual ingest_result ingest(const report& r, const encoded_rows& rows) = 0;
  /// Reused by store::ingest(const report&) to encode the report on the store's own thread.
  encoded_rows& scratch_rows() noexcept { return scratch_rows_; }
  [[nodiscard]] virtual std::optional<report_id> find(std::string_view sha256) const = 0;
  [[nodiscard]] virtual report load_report(report_id id) const = 0;
  [[nodiscard]] virtual std::vector<report_summary> reports(const report_filter& filter) const = 0;
  /// The thread of store::checkpoint_in_background(), or nullptr when there is no log to copy.
  [[nodiscard]] virtual std::unique_ptr<checkpoint_thread> start_checkpoints() const { return nullptr; }
  /// reports(), handed over one at a time (store::for_each_report); this default lists them all
  /// first.
  virtual void each_report(const report_filter& filter, void (*call)(void*, const report_summary&), void* each) const {
    for (const report_summary& r : reports(filter)) call(each, r);
  }
  [[nodiscard]] virtual std::optional<report_id> current_report(std::string_view jurisdiction,
                                                                report_year year) const = 0;
  virtual bool remove_report(report_id id) = 0;
  [[nodiscard]] virtual std::vector<jurisdiction_summary> jurisdictions() const = 0;
  [[nodiscard]] virtual std::vector<std::string> metrics(std::optional<std::string_view> jurisdiction) const = 0;
  [[nodiscard]] virtual metric_series series(std::string_view jurisdiction, std::string_view metric) const = 0;
  [[nodiscard]] virtual std::vector<metric_series> all_series(std::string_view jurisdiction) const = 0;
  virtual std::size_t panel_csv(std::ostream& out) const = 0;
  virtual save_verdicts_result save_verdicts(report_id earlier, report_id later, std::string_view rubric,
                                             const std::vector<verdict_record>& verdicts) = 0;
  [[nodiscard]] virtual std::vector<stored_verdict> verdicts(report_id earlier, report_id later) const = 0;
  [[nodiscard]] virtual std::vector<stored_verdict> verdict_history(std::string_view jurisdiction) const = 0;
  [[nodiscard]] virtual std::vector<std::pair<report_id, report_id>> verdict_pairs() const = 0;
  [[nodiscard]] virtual std::vector<catalogue_entry> catalogue() const = 0;
  [[nodiscard]] virtual std::vector<catalogue_entry> aliases(alias_scope scope) const = 0;
  [[nodiscard]] virtual std::string metric_of(std::string_view label, std::string_view unit) const = 0;
  virtual catalogue_import_result import_catalogue(std::istream& csv, std::string_view source) = 0;
  virtual std::size_t export_catalogue(std::ostream& csv) const = 0;
  [[nodiscard]] virtual integrity_result check_integrity() const = 0;

  /// store::snapshot(): snapshots nest; the outermost begins the backend's read transaction
  /// (begin_read) and its end ends it (end_read), once, whichever backend.
  void hold_reads() const {
    if (group_open_) throw usage_error("store: a snapshot cannot begin while an ingest group is open (commit it first)");
    if (read_holds_ == 0) begin_read();  // throws: nothing held
    ++read_holds_;
  }
  void release_reads() const noexcept {
    if (read_holds_ > 0 && --read_holds_ == 0) end_read();
  }

  /// store::ingest_group, the front's side: open_group() begins the backend's group
  /// (begin_group), end_group() commits or rolls it back, once. What happens to the ingests in
  /// between is the backend's (ingest() sees group_open()).
  void open_group() {
    if (group_open_) throw usage_error("store: an ingest group is already open on this store");
    if (read_holds_ > 0) throw usage_error("store: an ingest group cannot begin while a snapshot is open");
    begin_group();  // throws: no group
    group_open_ = true;
    group_aborted_ = false;
    group_added_ = 0;
  }
  void end_group(bool commit) {
    if (!group_open_) throw usage_error("store: the ingest group is over (committed or rolled back)");
    group_open_ = false;
    if (group_aborted_) {
      if (commit) throw usage_error("store: the ingest group was rolled back by the failure of one of its reports; none of its reports is stored");
      return;
    }
    if (commit) commit_group();  // throws: the backend has rolled back
    else rollback_group();
  }
  [[nodiscard]] bool group_open() const noexcept { return group_open_; }
  [[nodiscard]] std::size_t group_added() const noexcept { return group_added_; }
  void count_group_add() noexcept { ++group_added_; }
  /// usage_error when ingest() cannot join the open group: the database gave it up.
  void check_group_usable() const {
    if (group_open_ && group_aborted_)
      throw usage_error("store: the ingest group was rolled back by the failure of one of its reports; end it and open another");
  }
  /// usage_error for a write other than ingest (`what`) while a group is open.
  void no_group(const char* what) const {
    if (group_open_)
      throw usage_error(std::string("store: ") + what + " while an ingest group is open (commit it first)");
  }

 protected:
  /// A read transaction that every read joins until end_read(); never nested (hold_reads counts).
  virtual void begin_read() const = 0;
  virtual void end_read() const noexcept = 0;
  /// The backend's group: the default keeps one transaction a report (PostgreSQL), so there
  /// is nothing to begin or commit. commit_group() throws storage_error after rolling back.
  virtual void begin_group() {}
  virtual void commit_group() {}
  virtual void rollback_group() noexcept {}
  /// The database abandoned the group's transaction (a failure in one of its reports).
  void group_lost() noexcept { group_aborted_ = true; }

 private:
  mutable int read_holds_ = 0;
  bool group_open_ = false;
  bool group_aborted_ = false;
  std::size_t group_added_ = 0;
  encoded_rows scratch_rows_;
};

/// An SQLite store: the file at `path` (created when missing and mode is read_write).
std::unique_ptr<store_backend> open_sqlite(const std::filesystem::path& path, open_mode mode,
                                           const store_options& options);
/// A private in-memory SQLite store.
std::unique_ptr<store_backend> memory_sqlite(const store_options& options);

/// Whether this build has the PostgreSQL backend (libpq found at configure time).
bool postgres_available() noexcept;
/// A PostgreSQL store: `conninfo` is a postgresql:// or postgres:// URI, or "" for libpq's PG*
/// environment variables. Only when postgres_available().
std::unique_ptr<store_backend> open_postgres(const std::string& conninfo, open_mode mode,
                                             const store_options& options);

/// What a store location names.
struct store_location {
  enum class kind { sqlite, postgres } backend = kind::sqlite;
  std::filesystem::path file;  ///< sqlite: the database file
  std::string conninfo;        ///< postgres: the URI as given ("" for PG* variables)
};

/// Reads a store location: `postgresql://…`, `postgres://…` or `postgresql:` alone (libpq's PG*
/// variables) is PostgreSQL; `sqlite:PATH` and any other text is an SQLite file.
/// @throws usage_error on `sqlite:` without a path.
store_location parse_store_location(const std::string& text);

}  // namespace detail
}  // namespace annals
