#pragma once
// SQLite plumbing shared by the store's sources (internal to lib/): binding std::string_view
// and optionals to a SQLite::Statement, reading optional columns, and turning SQLite's errors
// into annals::storage_error("<db>: <why>").

#include <annals/error.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace annals::detail {

/// The name of the VFS file stores are opened with (wal_vfs.cpp): SQLite's default VFS, except
/// that a WAL file's writes are gathered and written once per commit. Registered on first call;
/// nullptr (SQLite's default VFS) if it could not be.
inline constexpr const char* gathering_wal_vfs_name = "annals-gathering-wal";
const char* gathering_wal_vfs();

/// A one-line reason for an SQLite failure, in words a user can act on. `system_errno` is the
/// connection's last OS error (sqlite3_system_errno), 0 when unknown: an I/O error whose cause
/// was ENOSPC or EDQUOT (creating the -shm file of a new store on a full disk) is a full disk.
std::string describe(int code, int extended_code, std::string_view sqlite_message,
                     std::chrono::milliseconds busy_timeout, int system_errno = 0);

/// storage_error("<db>: <why>") for a SQLite::Exception raised on `connection` (when known).
[[nodiscard]] storage_error to_storage_error(const std::string& db, const SQLite::Exception& e,
                                             std::chrono::milliseconds busy_timeout,
                                             const SQLite::Database* connection = nullptr);

/// Binds text without copying: `v` must stay alive and unchanged until the statement is reset.
inline void bind_ref(SQLite::Statement& s, int index, const std::string& v) { s.bindNoCopy(index, v); }

/// Binds a copy of the text (for temporaries).
inline void bind_copy(SQLite::Statement& s, int index, const std::string& v) { s.bind(index, v); }

inline void bind_int(SQLite::Statement& s, int index, std::int64_t v) { s.bind(index, v); }

inline void bind_opt_int(SQLite::Statement& s, int index, const std::optional<int>& v) {
  if (v) s.bind(index, static_cast<std::int64_t>(*v));
  else s.bind(index);
}

inline void bind_opt_ref(SQLite::Statement& s, int index, const std::optional<std::string>& v) {
  if (v) s.bindNoCopy(index, *v);
  else s.bind(index);
}

inline void bind_opt_copy(SQLite::Statement& s, int index, const std::optional<std::string>& v) {
  if (v) s.bind(index, *v);
  else s.bind(index);
}

/// Runs an INSERT/UPDATE/DELETE that returns no row, then resets it for reuse.
/// On failure it throws and leaves the statement to tryReset() (reset() would throw again).
inline int run(SQLite::Statement& s) {
  const int changed = s.exec();
  s.reset();
  return changed;
}

inline std::optional<std::string> opt_text(const SQLite::Statement& s, int column) {
  if (s.isColumnNull(column)) return std::nullopt;
  return s.getColumn(column).getString();
}

inline std::optional<int> opt_int(const SQLite::Statement& s, int column) {
  if (s.isColumnNull(column)) return std::nullopt;
  return s.getColumn(column).getInt();
}

inline std::string text(const SQLite::Statement& s, int column) { return s.getColumn(column).getString(); }
/// text(), into `out`'s buffer (a loop reading many rows reuses it). NULL reads as "".
inline void assign_text(std::string& out, const SQLite::Statement& s, int column) {
  const SQLite::Column c = s.getColumn(column);
  const char* p = c.getText();  // first the text, then its length (SQLite's rule)
  out.assign(p, static_cast<std::size_t>(c.getBytes()));
}
inline std::int64_t int64(const SQLite::Statement& s, int column) { return s.getColumn(column).getInt64(); }

/// Leaves a reused statement reset (no read transaction held open, ready to bind again),
/// however the reading ends.
struct reset_after {
  SQLite::Statement& s;
  ~reset_after() { s.tryReset(); }
};

}  // namespace annals::detail
