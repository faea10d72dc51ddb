#pragma once
// The store's schema history (internal to lib/ and the store tests; no SQLite types here).
//
// Version 1 is the first schema annals shipped; version 2 added the metric catalogue and the
// rubric of tracking verdicts; version 3 made the foreign keys of facts and changes deferred
// (checked at COMMIT), which lets multi-row INSERTs skip SQLite's statement journal; version 4
// stores a target commitment's goal on its row (goal_* columns of commitments); version 5 marks
// one report per jurisdiction and year current (reports.current), the others being revisions; version 6 puts REAL copies of a fact's
// value and bounds beside the exact TEXT (facts.value_num, lo_num, hi_num) and adds the views
// `series` and `yoy` for SQL and pandas. A database is created by running every step from version 0, so
// a new database and a migrated old one go through the same code. docs/store.md describes the
// tables.

namespace annals::detail::schema {

/// PRAGMA application_id of an annals database: "annl" in ASCII.
inline constexpr int application_id = 0x616E6E6C;

/// The current version (== annals::store::schema_version).
inline constexpr int current_version = 6;

/// DDL of version 1, exactly as version 1 of annals created it. Kept as history: migrations
/// start from it, and the tests build a version-1 database with it.
extern const char* const v1_ddl;

/// DDL run by the migration 1 → 2 before its data backfill (new tables, columns, indexes).
extern const char* const v2_ddl_before_backfill;
/// DDL run by the migration 1 → 2 after its data backfill (the verdict table rebuild).
extern const char* const v2_ddl_after_backfill;

/// DDL of the migration 2 → 3: facts and changes rebuilt with deferred foreign keys.
extern const char* const v3_ddl;

/// DDL of the migration 3 → 4: the goal columns of commitments (NULL for existing rows).
extern const char* const v4_ddl;

/// DDL of the migration 4 → 5: reports.current (one current report per jurisdiction and year,
/// the latest ingested; the others are its revisions) and its partial unique index.
extern const char* const v5_ddl;

/// DDL of the migration 5 → 6: facts.value_num, lo_num, hi_num (REAL beside the exact TEXT,
/// filled for existing rows) and the views `series` and `yoy`.
extern const char* const v6_ddl;

/// The whole schema of the current version, for a new database: what v1_ddl and every migration
/// after it build, in one go (schema.cpp).
extern const char* const current_ddl;

}  // namespace annals::detail::schema
