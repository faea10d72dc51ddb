#pragma once
// The PostgreSQL backend's schema history (internal to lib/store/postgres/). Versions share
// SQLite's numbering (lib/store/schema.hpp): the backend was born at version 5, so a new
// database goes 0 → 5 in one step that creates the tables of SQLite's schema 5; a later
// version adds one step to each backend under the same number. The version is kept in the
// database (table annals_schema), as SQLite keeps it in PRAGMA user_version.

namespace annals::detail::pg_schema {

/// The version this backend writes (== annals::store::schema_version).
inline constexpr int current_version = 6;

/// Everything of version 5, from an empty database.
extern const char* const v5_ddl;

/// Version 5 → 6: facts.value_num, lo_num, hi_num and the views series and yoy (as SQLite's 6).
extern const char* const v6_ddl;

}  // namespace annals::detail::pg_schema
