#pragma once
// The prepared statements of the store's ingest path (lib/store/ingest.cpp), of the catalogue
// lookups made while ingesting and of load_report (lib/store/load.cpp): complete types here, because detail::sqlite_store owns them and is
// created and destroyed in lib/store/open.cpp. Every statement is a string literal.

#include "store/store_detail.hpp"

#include <sqlite3.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace annals {

struct detail::sqlite_store::alias_statements {
  explicit alias_statements(const SQLite::Database& db)
      : find(db, "SELECT id FROM metric_aliases WHERE alias = ?1"),
        add_metric(db, "INSERT INTO metrics (key, unit) VALUES (?1, ?2) ON CONFLICT (key) DO NOTHING"),
        metric_id(db, "SELECT id FROM metrics WHERE key = ?1"),
        add_alias(db, "INSERT INTO metric_aliases (alias, metric_id, origin) VALUES (?1, ?2, 'seeded')") {}
  void reset_all() noexcept {
    for (SQLite::Statement* s : {&find, &add_metric, &metric_id, &add_alias}) s->tryReset();
  }
  SQLite::Statement find, add_metric, metric_id, add_alias;
};

// The multi-row INSERTs are still string literals: the preprocessor repeats one row's
// placeholders by literal concatenation, so no SQL text is assembled at run time.
#define ANNALS_X4(row) row ", " row ", " row ", " row
#define ANNALS_X16(row) ANNALS_X4(row) ", " ANNALS_X4(row) ", " ANNALS_X4(row) ", " ANNALS_X4(row)
#define ANNALS_X64(row) ANNALS_X16(row) ", " ANNALS_X16(row) ", " ANNALS_X16(row) ", " ANNALS_X16(row)
#define ANNALS_FACT_COLUMNS                                                                                    \
  "id, report_id, ident, section, item, label, text, value, unit, qualifier, qualifier_text, last_digit, "     \
  "approximate, lo, hi, lo_closed, hi_closed, kind, cumulative, average, span_start, span_end, alias_id, "  \
  "value_num, lo_num, hi_num"
#define ANNALS_FACT_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define ANNALS_CHANGE_COLUMNS                                                                                  \
  "report_id, seq, ident, kind, basis, label, text, value, from_value, to_value, unit, qualifier, direction, " \
  "fact, section, item, span_start, span_end"
#define ANNALS_CHANGE_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define ANNALS_SECTION_COLUMNS "report_id, seq, ordinal, marker, heading, span_start, span_end"
#define ANNALS_SECTION_ROW "(?, ?, ?, ?, ?, ?, ?)"
#define ANNALS_ITEM_COLUMNS "report_id, section_seq, seq, ordinal, marker, title, span_start, span_end"
#define ANNALS_ITEM_ROW "(?, ?, ?, ?, ?, ?, ?, ?)"
#define ANNALS_COMMITMENT_COLUMNS                                                                          \
  "report_id, seq, ident, kind, ordinal, title, text, group_count, task_count, fact, deadline, section, "   \
  "item, span_start, span_end, goal_label, goal_text, goal_value, goal_unit, goal_qualifier, "             \
  "goal_qualifier_text, goal_last_digit, goal_approximate, goal_kind, goal_start, goal_end"
#define ANNALS_COMMITMENT_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
/// The four statements (rows_per_insert) of one table's multi-row INSERT.
#define ANNALS_BULK(table, columns, row)                                                                  \
  {                                                                                                        \
    {                                                                                                      \
      {db, "INSERT OR ROLLBACK INTO " table " (" columns ") VALUES " row},                                \
          {db, "INSERT OR ROLLBACK INTO " table " (" columns ") VALUES " ANNALS_X4(row)},                 \
          {db, "INSERT OR ROLLBACK INTO " table " (" columns ") VALUES " ANNALS_X16(row)},                \
          {db, "INSERT OR ROLLBACK INTO " table " (" columns ") VALUES " ANNALS_X64(row)},                \
    }                                                                                                      \
  }


/// Rows per execution of the k-th statement of an ANNALS_BULK group (add_facts[k], add_items[k] …).
inline constexpr std::array<std::size_t, 4> rows_per_insert = {1, 4, 16, 64};
inline constexpr int fact_columns = 26, change_columns = 18, section_columns = 7, item_columns = 8,
                     commitment_columns = 26;

/// A statement of the bulk rows, prepared and bound through SQLite's C API: the 26 columns of
/// a fact spent a tenth of their time in SQLiteCpp's per-call wrapper. Text is bound without
/// copying (it must outlive the execution); a failure throws SQLite::Exception, as SQLiteCpp
/// does, so error handling is the same as for every other statement.
class bulk_statement {
 public:
  bulk_statement(const SQLite::Database& db, const char* sql) : db_(db.getHandle()) {
    const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK) {
      SQLite::Exception e(db_, rc);
      sqlite3_finalize(stmt_);
      throw e;
    }
  }
  bulk_statement(const bulk_statement&) = delete;
  bulk_statement& operator=(const bulk_statement&) = delete;
  ~bulk_statement() { sqlite3_finalize(stmt_); }

  void int64(int index, std::int64_t v) const { check(sqlite3_bind_int64(stmt_, index, v)); }
  void null(int index) const { check(sqlite3_bind_null(stmt_, index)); }
  void text(int index, const std::string& v) const {
    check(sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_STATIC));
  }
  void opt_int(int index, const std::optional<int>& v) const {
    if (v) int64(index, *v);
    else null(index);
  }
  void opt_text(int index, const std::optional<std::string>& v) const {
    if (v) text(index, *v);
    else null(index);
  }
  /// Text SQLite copies (a temporary, such as a date's ISO form).
  void text_copy(int index, const std::string& v) const {
    check(sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  /// The NUL-terminated text at `offset` in `arena`, or NULL for none_offset.
  void arena_text(int index, const std::string& arena, std::uint32_t offset) const {
    if (offset == detail::none_offset) null(index);
    else check(sqlite3_bind_text(stmt_, index, arena.c_str() + offset, -1, SQLITE_STATIC));
  }
  /// `v`, the double of a decimal text (encoded_rows::fact_real), or NULL when that text's
  /// offset is none_offset.
  void real_or_null(int index, std::uint32_t text_offset, double v) const {
    if (text_offset == detail::none_offset) null(index);
    else check(sqlite3_bind_double(stmt_, index, v));
  }
  /// Executes the INSERT and resets it for the next rows.
  void run() {
    const int rc = sqlite3_step(stmt_);
    if (rc != SQLITE_DONE) {
      SQLite::Exception e(db_, rc);
      sqlite3_reset(stmt_);
      throw e;
    }
    sqlite3_reset(stmt_);
  }
  void reset() noexcept { sqlite3_reset(stmt_); }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) throw SQLite::Exception(db_, rc);
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};


/// A report's savepoint in an ingest group (store::group_ingests): released when the report is
/// written, rolled back to when it fails.
struct detail::sqlite_store::group_statements {
  explicit group_statements(SQLite::Database& db)
      : begin(db, "SAVEPOINT annals_report"), release(db, "RELEASE annals_report"),
        undo(db, "ROLLBACK TO annals_report") {}
  SQLite::Statement begin, release, undo;
};

struct detail::sqlite_store::ingest_statements {
  explicit ingest_statements(const SQLite::Database& db)
      : find_report(db, "SELECT id FROM reports WHERE sha256 = ?1"),
        add_jurisdiction(db, "INSERT INTO jurisdictions (name) VALUES (?1) ON CONFLICT (name) DO NOTHING"),
        jurisdiction_id(db, "SELECT id FROM jurisdictions WHERE name = ?1"),
        add_report(db,
                   "INSERT INTO reports (sha256, source_name, encoding, format, title, issuer, jurisdiction_id, "
                   "year, published, recipient, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
        add_sections ANNALS_BULK("sections", ANNALS_SECTION_COLUMNS, ANNALS_SECTION_ROW),
        add_items ANNALS_BULK("items", ANNALS_ITEM_COLUMNS, ANNALS_ITEM_ROW),
        add_facts ANNALS_BULK("facts", ANNALS_FACT_COLUMNS, ANNALS_FACT_ROW),
        add_changes ANNALS_BULK("changes", ANNALS_CHANGE_COLUMNS, ANNALS_CHANGE_ROW),
        add_commitments ANNALS_BULK("commitments", ANNALS_COMMITMENT_COLUMNS, ANNALS_COMMITMENT_ROW),
        add_date(db,
                 "INSERT INTO dates (report_id, seq, text, value, role, span_start, span_end) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        add_warning(db,
                    "INSERT INTO warnings (report_id, seq, code, message, position) VALUES (?1, ?2, ?3, ?4, ?5)"),
        current_of(db, "SELECT id FROM reports WHERE jurisdiction_id = ?1 AND year = ?2 AND current = 1"),
        revisions_of(db, "SELECT count(*) FROM reports WHERE jurisdiction_id = ?1 AND year = ?2"),
        supersede(db, "UPDATE reports SET current = 0 WHERE id = ?1") {}

  void reset_all() noexcept {
    for (SQLite::Statement* s :
         {&find_report, &add_jurisdiction, &jurisdiction_id, &add_report, &add_date, &add_warning, &current_of,
          &revisions_of, &supersede})
      s->tryReset();
    for (auto* group : {&add_sections, &add_items, &add_facts, &add_changes, &add_commitments})
      for (auto& s : *group) s.reset();
  }

  SQLite::Statement find_report, add_jurisdiction, jurisdiction_id, add_report;
  /// INSERTs of 1, 4, 16 and 64 rows (rows_per_insert): one execution costs about as much as
  /// storing a row, so the big statement takes most rows and the small ones the rest. OR
  /// ROLLBACK: a failing row rolls back the report's whole transaction (as ingest does on any
  /// error), so SQLite keeps no statement journal to undo half a statement.
  std::array<bulk_statement, 4> add_sections, add_items, add_facts, add_changes, add_commitments;
  SQLite::Statement add_date, add_warning;
  /// The current report of a jurisdiction and year; how many that key has (a scan of its index
  /// entries: linear in the revisions); marking one not current (a new revision takes its place).
  SQLite::Statement current_of, revisions_of, supersede;
};

/// The statements of load_report (lib/store/load.cpp), prepared on its first call and reused:
/// preparing them again for every report was a tenth of `yoy --db` over a large store.
struct detail::sqlite_store::load_statements {
  explicit load_statements(const SQLite::Database& db)
      : report_row(db,
                   "SELECT r.sha256, r.source_name, r.encoding, r.format, r.title, r.issuer, j.name, r.year, "
                   "r.published, r.recipient, r.text FROM reports r "
                   "LEFT JOIN jurisdictions j ON j.id = r.jurisdiction_id WHERE r.id = ?1"),
        sections(db,
                 "SELECT ordinal, marker, heading, span_start, span_end FROM sections "
                 "WHERE report_id = ?1 ORDER BY seq"),
        items(db,
              "SELECT section_seq, ordinal, marker, title, span_start, span_end FROM items "
              "WHERE report_id = ?1 ORDER BY section_seq, seq"),
        facts(db,
              "SELECT ident, section, item, label, text, value, unit, qualifier, qualifier_text, "
              "last_digit, approximate, kind, cumulative, average, span_start, span_end "
              "FROM facts WHERE id BETWEEN ?1 * 1048576 AND ?1 * 1048576 + 1048575 ORDER BY id"),
        changes(db,
                "SELECT ident, kind, basis, label, text, value, from_value, to_value, unit, qualifier, "
                "direction, fact, section, item, span_start, span_end "
                "FROM changes WHERE report_id = ?1 ORDER BY seq"),
        dates(db,
              "SELECT text, value, role, span_start, span_end FROM dates "
              "WHERE report_id = ?1 ORDER BY seq"),
        commitments(db,
                    "SELECT ident, kind, ordinal, title, text, group_count, task_count, fact, deadline, "
                    "section, item, span_start, span_end, goal_label, goal_text, goal_value, goal_unit, "
                    "goal_qualifier, goal_qualifier_text, goal_last_digit, goal_approximate, goal_kind, "
                    "goal_start, goal_end FROM commitments "
                    "WHERE report_id = ?1 ORDER BY seq"),
        warnings(db, "SELECT code, message, position FROM warnings WHERE report_id = ?1 ORDER BY seq") {}
  SQLite::Statement report_row, sections, items, facts, changes, dates, commitments, warnings;
};
}  // namespace annals

#undef ANNALS_X4
#undef ANNALS_X16
#undef ANNALS_X64
#undef ANNALS_FACT_COLUMNS
#undef ANNALS_FACT_ROW
#undef ANNALS_CHANGE_COLUMNS
#undef ANNALS_CHANGE_ROW
#undef ANNALS_SECTION_COLUMNS
#undef ANNALS_SECTION_ROW
#undef ANNALS_ITEM_COLUMNS
#undef ANNALS_ITEM_ROW
#undef ANNALS_COMMITMENT_COLUMNS
#undef ANNALS_COMMITMENT_ROW
#undef ANNALS_BULK
