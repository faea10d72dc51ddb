#pragma once
// The store's connection and shared helpers (internal to lib/; the definition behind
// annals::store's pimpl, used by lib/store/*.cpp).

#include <annals/report.hpp>
#include <annals/store.hpp>

#include "store/sqlite_detail.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace annals {

/// The names of an enum's values as std::strings made once from its to_string(): they can be
/// bound without copying. E must number its values 0..N-1.
template <std::size_t N, class E>
const std::string& name_of(E e) {
  static const std::array<std::string, N> names = [] {
    std::array<std::string, N> a;
    for (std::size_t i = 0; i < N; ++i) a[i] = std::string(to_string(static_cast<E>(i)));
    return a;
  }();
  return names[static_cast<std::size_t>(e)];
}

/// The enum value named `s`, nullopt if none is.
template <std::size_t N, class E>
std::optional<E> enum_from(std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (name_of<N>(static_cast<E>(i)) == s) return static_cast<E>(i);
  return std::nullopt;
}

inline constexpr std::size_t n_qualifiers = 7, n_fact_kinds = 5, n_change_kinds = 7, n_directions = 3,
                             n_commitment_kinds = 4, n_verdict_subjects = 4;

struct store::impl {
  /// `open_name` is what SQLite opens: the path, or a file: URI (read-only opens).
  impl(std::filesystem::path p, const store_options& o, int flags, const std::string& open_name);

  std::filesystem::path path;
  std::string name;  ///< path as text, the "<db>" of error messages
  store_options options;
  SQLite::Database db;
  bool writable = true;
  /// A remark on how the store was opened (store::note()); usually empty.
  std::string note;

  /// metric_aliases.id by "label\x1Funit" as the reports wrote them. Alias rows are never
  /// deleted or renumbered, so an id once committed stays valid in every process.
  std::unordered_map<std::string, std::int64_t> alias_ids;
  /// Ids the open transaction added; moved into alias_ids on commit, dropped on rollback.
  std::unordered_map<std::string, std::int64_t> pending_alias_ids;
  /// Reused buffers of the ingest path (no allocation per fact once warm).
  std::string alias_lookup_key;
  std::string text_arena;

  /// Statements of the ingest path, prepared once.
  struct ingest_statements;
  std::unique_ptr<ingest_statements> ins;
  /// Statements of the catalogue lookups done while ingesting, prepared once.
  struct alias_statements;
  std::unique_ptr<alias_statements> alias_st;
  /// One report written into an open transaction, table by table (ingest.cpp).
  struct report_writer;
  /// A stored report read back, table by table (load.cpp).
  struct report_reader;

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

/// Decimal text that parses back to the same value and scale ("89.60" stays "89.60").
std::string decimal_text(const decimal& d);
/// decimal_text(d) appended to `out`.
void append_decimal_text(std::string& out, const decimal& d);
/// A sha256 as stored (64 lower-case hex digits), or nullopt when `s` is not one.
std::optional<std::string> normalised_sha256(std::string_view s);

}  // namespace annals
