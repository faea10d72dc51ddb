// annals::store on SQLite (SQLiteCpp), the door: errors in words a user can act on, opening and
// creating a store, configuration, migrations, the integrity check. Ingest is in ingest.cpp,
// loading a report back in load.cpp, queries, verdicts and the catalogue beside them. Every
// statement is a string literal with bound parameters (tests/store_test.cpp greps lib/ for the
// rule).

#include <annals/catalogue.hpp>
#include <annals/error.hpp>
#include <annals/store.hpp>

#include "store/store_detail.hpp"
#include "store/schema_detail.hpp"
#include "statements_detail.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

namespace annals {

using namespace detail;

// ---- errors --------------------------------------------------------------------------------

namespace detail {

std::string describe(int code, int extended_code, std::string_view sqlite_message,
                     std::chrono::milliseconds busy_timeout, int system_errno) {
  const std::string msg(sqlite_message);
  switch (code & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "database is locked by another writer (gave up after " + std::to_string(busy_timeout.count()) +
             " ms)";
    case SQLITE_READONLY:
      if (extended_code == SQLITE_READONLY_DBMOVED) return "database file was moved or deleted while open";
      return "database is read-only (cannot write to it: check the permissions of the file and its folder)";
    case SQLITE_FULL: return "disk full or database size limit reached; the failed write was rolled back";
    case SQLITE_NOTADB: return "not an SQLite database";
    case SQLITE_CORRUPT: return "database file is corrupt (" + msg + ")";
    case SQLITE_CANTOPEN: return "cannot open the database file";
    case SQLITE_IOERR:
      // SQLite reports SQLITE_FULL only for a failed write(); on a full disk, sizing the -shm
      // file of a new store or a journal fails as an I/O error whose OS error says why
      if (system_errno == ENOSPC || system_errno == EDQUOT) return describe(SQLITE_FULL, SQLITE_FULL, msg, busy_timeout);
      return "I/O error (" + msg + ")";
    case SQLITE_PERM:
    case SQLITE_AUTH: return "permission denied (" + msg + ")";
    case SQLITE_NOMEM: return "out of memory";
    default: return msg.empty() ? std::string(sqlite3_errstr(code)) : msg;
  }
}

storage_error to_storage_error(const std::string& db, const SQLite::Exception& e,
                               std::chrono::milliseconds busy_timeout, const SQLite::Database* connection) {
  if (e.getErrorCode() < 0) return storage_error(db + ": " + e.what());  // SQLiteCpp's own
  const int os_error = connection ? sqlite3_system_errno(connection->getHandle()) : 0;
  return storage_error(db + ": " +
                       describe(e.getErrorCode(), e.getExtendedErrorCode(), e.what(), busy_timeout, os_error));
}

}  // namespace detail
// ---- opening ---------------------------------------------------------------------------------

detail::sqlite_store::sqlite_store(std::filesystem::path p, const store_options& o, int flags, const std::string& open_name)
    : path(std::move(p)),
      name(path.string()),
      options(o),
      db(open_name.c_str(), flags, static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(o.busy_timeout.count(), 0, 1 << 30)),
         open_name == ":memory:" ? nullptr : gathering_wal_vfs()) {}

int detail::sqlite_store::user_version() const {
  SQLite::Statement s(db, "PRAGMA user_version");
  s.executeStep();
  return s.getColumn(0).getInt();
}

void detail::sqlite_store::configure(open_mode mode) {
  db.exec("PRAGMA foreign_keys = ON");
  // Reading the header is what tells a database from any other file. Nothing is written
  // until the file is known to be an annals database (or a new, empty one).
  int app_id = 0;
  {
    SQLite::Statement s(db, "PRAGMA application_id");
    s.executeStep();
    app_id = s.getColumn(0).getInt();
  }
  writable = mode == open_mode::read_write && sqlite3_db_readonly(db.getHandle(), "main") == 0;
  if (app_id != 0 && app_id != schema::application_id)
    throw error("not an annals database (it belongs to another program: application_id " +
                std::to_string(app_id) + ")");
  const int v = user_version();
  if (v > schema::current_version)
    throw error("schema version " + std::to_string(v) + " is newer than this annals understands (" +
                std::to_string(schema::current_version) + "); upgrade annals");
  if (v == 0 && has_tables()) throw error("not an annals database (it has tables but no annals schema version)");

  if (writable && v != 0) quick_check();

  if (writable && v == 0) {
    // A new database: 4 KiB pages, set before WAL fixes the page size. Each report is its own
    // transaction, and WAL writes every page it touches in full: 16 KiB pages (chosen for
    // 1,000-fact reports) wrote 2.5x the bytes for a report of the sample's size and made its
    // ingest 1.5x slower; see docs/store.md, Performance.
    db.exec("PRAGMA page_size = 4096");
  }
  if (writable) {
    SQLite::Statement wal(db, "PRAGMA journal_mode = WAL");
    wal.executeStep();  // "memory" for an in-memory database
  }
  if (options.sync == sync_mode::full) db.exec("PRAGMA synchronous = FULL");
  else db.exec("PRAGMA synchronous = NORMAL");
  // A small page cache (2 MiB, about SQLite's default) and no memory map, both measured (see
  // docs/store.md, Performance): a bigger cache grows by fresh, page-faulting memory for every
  // page a bulk ingest writes, and with a memory map every page read inside a write transaction
  // first searches the WAL index. Queries were as fast or faster without either: the OS keeps
  // the file's pages.
  db.exec("PRAGMA cache_size = -2048");
  db.exec("PRAGMA mmap_size = 0");
  db.exec("PRAGMA temp_store = MEMORY");
  const std::uint64_t page = [&] {
    SQLite::Statement ps(db, "PRAGMA page_size");
    ps.executeStep();
    return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(ps.getColumn(0).getInt64()));
  }();
  if (writable) {
    // A checkpoint every 16 MiB of WAL (SQLite's default is 1,000 pages: 4 MiB at the 4 KiB
    // pages of new stores; never fewer than those 1,000). Each checkpoint fsyncs the WAL and the
    // database, and copies only the last version of each page: an ingest rewrites the same last
    // pages of each table in every report's transaction, so fewer checkpoints copy fewer pages
    // and wait for fewer fsyncs (ingest 1.1x faster; docs/store.md, Performance). A power cut
    // may lose the reports committed since the last checkpoint: at most these 16 MiB, never
    // half a report.
    const std::uint64_t pages = std::max<std::uint64_t>(1000, (std::uint64_t{16} << 20) / page);
    db.exec("PRAGMA wal_autocheckpoint = " + std::to_string(pages));  // sql-integer-pragma
  }
  if (options.max_size_bytes) {
    const std::uint64_t pages = std::max<std::uint64_t>(1, *options.max_size_bytes / page);
    // PRAGMA takes no bound parameters; the value is an unsigned integer, never text.
    db.exec("PRAGMA max_page_count = " + std::to_string(pages));  // sql-integer-pragma
  }
  migrate();
}

void detail::sqlite_store::quick_check() const {
  // Before anything is written: a store whose pages are damaged must not be written to (a write
  // spreads the damage, and the report would be stored on top of broken indexes). quick_check
  // reads every page once without cross-checking indexes against tables (docs/store.md, cost).
  SQLite::Statement qc(db, "PRAGMA quick_check");
  std::size_t problems = 0;
  std::string first;
  while (qc.executeStep()) {
    std::string line = text(qc, 0);
    if (line == "ok") continue;
    if (problems++ == 0) first = std::move(line);
  }
  if (problems > 0)
    throw error("database file is corrupt (quick_check found " + std::to_string(problems) +
                (problems == 1 ? " problem" : " problems") + ", the first: " + first +
                "); nothing was written to it: restore a copy, or see annals check-store");
}

bool detail::sqlite_store::has_tables() const {
  SQLite::Statement s(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
  s.executeStep();
  return s.getColumn(0).getInt() > 0;
}

void detail::sqlite_store::migrate() {
  int v = user_version();
  if (v == schema::current_version) return;
  if (!writable) {
    if (v == 0) throw error("not an annals database (empty, and opened read-only)");
    throw error("schema version " + std::to_string(v) + " is older than this annals (" +
                std::to_string(schema::current_version) + "); open the database read-write once to migrate it");
  }
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  v = user_version();  // another process may have migrated while we waited for the lock
  if (v == schema::current_version) return;
  if (v == 0 && has_tables()) throw error("not an annals database (it has tables but no annals schema version)");
  try {
    if (v == 0) {
      db.exec(schema::current_ddl);  // a new database: the current schema at once, nothing to migrate
    } else {
      if (v < 2) migrate_1_to_2();
      if (v < 3) db.exec(schema::v3_ddl);
      if (v < 4) db.exec(schema::v4_ddl);
      if (v < 5) db.exec(schema::v5_ddl);
      if (v < 6) db.exec(schema::v6_ddl);
    }
    tx.commit();
  } catch (...) {
    pending_alias_ids.clear();
    if (alias_st) alias_st->reset_all();
    throw;
  }
  alias_ids.merge(pending_alias_ids);
  pending_alias_ids.clear();
  migrated_from_version = v;  // 0: created now
}

void detail::sqlite_store::migrate_1_to_2() {
  db.exec(schema::v2_ddl_before_backfill);
  // File every fact of the version-1 data under its seeded alias: one alias per distinct
  // (label, unit), then one pass over the facts through a temporary map.
  std::vector<std::pair<std::string, std::string>> labels;
  {
    SQLite::Statement s(db, "SELECT DISTINCT label, unit FROM facts");
    while (s.executeStep()) labels.emplace_back(text(s, 0), text(s, 1));
  }
  db.exec("CREATE TEMP TABLE alias_backfill (label TEXT NOT NULL, unit TEXT NOT NULL, alias_id INTEGER NOT NULL, "
          "PRIMARY KEY (label, unit)) WITHOUT ROWID");
  SQLite::Statement add(db, "INSERT INTO temp.alias_backfill (label, unit, alias_id) VALUES (?1, ?2, ?3)");
  for (const auto& [label, unit] : labels) {
    bind_ref(add, 1, label);
    bind_ref(add, 2, unit);
    bind_int(add, 3, alias_id(label, unit));
    run(add);
  }
  db.exec("UPDATE facts SET alias_id = (SELECT b.alias_id FROM temp.alias_backfill b "
          "WHERE b.label = facts.label AND b.unit = facts.unit)");
  db.exec("DROP TABLE temp.alias_backfill");
  db.exec(schema::v2_ddl_after_backfill);
}

namespace {
/// A path as the path part of a file: URI: %, ? and # (and bytes outside printable ASCII) escaped.
std::string uri_path(const std::string& path) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '%' || c == '?' || c == '#' || c <= 0x20 || c >= 0x7F) {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    } else {
      out += ch;
    }
  }
  return out;
}
}  // namespace


namespace {

/// Removes a database file and the -wal, -shm and -journal files SQLite may have made beside it.
void remove_database_files(const std::string& file) noexcept {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) ::unlink((file + suffix).c_str());
}

}  // namespace

/**
 * Creates a new store at `path` whole or not at all: the schema is written into a temporary file
 * beside it (`<path>.creating-<pid>-<n>`), which is closed (its WAL checkpointed and removed) and then
 * linked to `path`. A failure on the way — a full disk, a folder that cannot be written — removes
 * the temporary files, so no empty, half-made database is left where the store should be (the
 * next run would take it for a store). If another process created `path` meanwhile, link() finds
 * it and that store is used: two writers creating one store at once both end up in the same file.
 */
void detail::sqlite_store::create_file(const std::filesystem::path& path, const store_options& options) {
  const std::string name = path.string();
  // O_EXCL with the mode SQLite itself would give (0666 less the umask), not mkstemp's 0600: a
  // store shared with a group stays readable by it.
  std::string temp;
  int fd = -1;
  for (unsigned attempt = 0; fd < 0; ++attempt) {
    temp = name + ".creating-" + std::to_string(::getpid()) + "-" + std::to_string(attempt);
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && (errno != EEXIST || attempt > 100)) {
      const int e = errno;
      const std::string why = e == ENOSPC || e == EDQUOT
                                  ? detail::describe(SQLITE_FULL, SQLITE_FULL, "", options.busy_timeout, 0)
                              : e == EACCES || e == EPERM || e == EROFS
                                  ? "cannot create the database: the folder is not writable (" + std::string(std::strerror(e)) + ")"
                                  : "cannot create the database: " + std::string(std::strerror(e));
      throw storage_error(name + ": " + why);
    }
  }
  ::close(fd);
  try {
    auto p = std::make_unique<detail::sqlite_store>(temp, options, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX, temp);
    p->name = name;  // messages name the store the user asked for
    try {
      p->configure(open_mode::read_write);
      // Everything into the database file itself, so that the file linked below is the whole
      // store (a checkpoint that cannot finish, on a full disk, throws here).
      SQLite::Statement cp(p->db, "PRAGMA wal_checkpoint(TRUNCATE)");
      if (cp.executeStep() && cp.getColumn(0).getInt() != 0)
        throw storage_error(name + ": cannot create the database: the new file could not be checkpointed");
    } catch (const SQLite::Exception& e) {
      throw detail::to_storage_error(name, e, options.busy_timeout, &p->db);
    }
  } catch (const SQLite::Exception& e) {
    remove_database_files(temp);
    throw detail::to_storage_error(name, e, options.busy_timeout, nullptr);
  } catch (...) {
    remove_database_files(temp);
    throw;
  }
  // The connection is closed: the schema is in the file itself (no -wal left to carry along).
  // link() never replaces a file, so a store another process made meanwhile wins. Where the file
  // system has no hard links (FAT, some network mounts), rename() if the name is still free.
  int linked = ::link(temp.c_str(), name.c_str());
  if (linked != 0 && (errno == EPERM || errno == EOPNOTSUPP || errno == ENOSYS)) {
    struct stat st {};
    linked = ::stat(name.c_str(), &st) == 0 ? 0 : ::rename(temp.c_str(), name.c_str());
  }
  if (linked != 0 && errno != EEXIST) {
    const int e = errno;
    remove_database_files(temp);
    throw storage_error(name + ": cannot create the database: " + std::strerror(e));
  }
  remove_database_files(temp);
}

std::unique_ptr<detail::store_backend> detail::open_sqlite(const std::filesystem::path& path, open_mode mode,
                                                            const store_options& options) {
  const std::string name = path.string();
  if (name.empty()) throw usage_error("store: empty database path");
  if (options.busy_timeout.count() < 0) throw usage_error("store: negative busy timeout");
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(st)) throw storage_error(name + ": is a directory, not a database file");
  const bool exists = std::filesystem::exists(st);
  // SQLite opens without O_NONBLOCK: a FIFO with no writer would block it forever, a device
  // would be read without end. Only regular files are stores.
  if (exists && !std::filesystem::is_regular_file(st))
    throw input_error(name + ": not a regular file (" +
                      (std::filesystem::is_fifo(st)             ? "a FIFO"
                       : std::filesystem::is_character_file(st) ? "a character device"
                       : std::filesystem::is_block_file(st)     ? "a block device"
                       : std::filesystem::is_socket(st)         ? "a socket"
                                                                : "not a plain file") +
                      "); a store is an SQLite database file");
  if (!exists && mode == open_mode::read_only) throw storage_error(name + ": no such database file");
  if (!exists) {
    const auto parent = path.parent_path();
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec))
      throw storage_error(name + ": cannot create the database: folder " + parent.string() + " does not exist");
    detail::sqlite_store::create_file(path, options);
  }
  const bool created_now = !exists;
  // NOMUTEX: a store is one connection used by one thread at a time (documented), so SQLite's
  // per-call connection mutex is pure cost.
  int flags = (mode == open_mode::read_only ? SQLite::OPEN_READONLY : (SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE)) |
              SQLite::OPEN_NOMUTEX;
  std::string open_name = name;
  std::string note;
  if (mode == open_mode::read_only) {
    // mode=ro: SQLite never tries to write. A WAL database still needs its -shm file, created
    // next to the database: in a folder we cannot write to (a read-only mount, a colleague's
    // folder) that fails, so there the file is opened immutable=1 — read as it is, no locks, no
    // -shm. What a writer left in the -wal file but did not checkpoint is then not seen: say so.
    const auto abs = std::filesystem::absolute(path, ec).lexically_normal();
    const auto folder = abs.parent_path();
    const bool folder_writable = ::access(folder.c_str(), W_OK) == 0;
    open_name = "file:" + uri_path(abs.string()) + "?mode=ro";
    if (!folder_writable) {
      open_name += "&immutable=1";
      std::error_code wec;
      const auto wal_size = std::filesystem::file_size(std::filesystem::path(name + "-wal"), wec);
      if (!wec && wal_size > 0)
        note = name + ": the folder is read-only, so the " + std::to_string(wal_size) + " bytes in " + name +
               "-wal that were never checkpointed into the database are not read (the latest changes may be "
               "missing); open the store once where its folder is writable to checkpoint them";
    }
    flags |= SQLite::OPEN_URI;
  }
  std::unique_ptr<detail::sqlite_store> p;
  try {
    p = std::make_unique<detail::sqlite_store>(path, options, flags, open_name);
    p->note = std::move(note);
    p->configure(mode);
    // create_file() wrote the current schema into a temporary file: this open found it current.
    if (created_now && !p->migrated_from_version) p->migrated_from_version = 0;
  } catch (const SQLite::Exception& e) {
    throw detail::to_storage_error(name, e, options.busy_timeout, p ? &p->db : nullptr);
  }
  return p;
}

std::unique_ptr<detail::store_backend> detail::memory_sqlite(const store_options& options) {
  try {
    auto p = std::make_unique<detail::sqlite_store>(":memory:", options,
                                    SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX, ":memory:");
    p->configure(open_mode::read_write);
    return p;
  } catch (const SQLite::Exception& e) {
    throw detail::to_storage_error(":memory:", e, options.busy_timeout);
  }
}

int detail::sqlite_store::schema_version() const {
  return this->guarded([&] { return this->user_version(); });
}

void detail::sqlite_store::begin_read() const {
  // Deferred: the read lock is taken by the first query and kept until COMMIT, instead of being
  // taken and dropped (fcntl, fstat) by every query.
  guarded([&] { SQLite::Statement(db, "BEGIN").exec(); });
}

void detail::sqlite_store::end_read() const noexcept {
  try {
    SQLite::Statement(db, "COMMIT").exec();
  } catch (...) {  // a read transaction: nothing is lost if it cannot be ended cleanly
    try {
      SQLite::Statement(db, "ROLLBACK").exec();
    } catch (...) {
    }
  }
}

integrity_result detail::sqlite_store::check_integrity() const {
  const sqlite_store& d = *this;
  return d.guarded([&] {
    integrity_result res;
    SQLite::Statement ic(d.db, "PRAGMA integrity_check");
    while (ic.executeStep()) {
      std::string line = text(ic, 0);
      if (line != "ok") res.problems.push_back(std::move(line));
    }
    SQLite::Statement fk(d.db, "PRAGMA foreign_key_check");
    while (fk.executeStep()) {
      res.problems.push_back("foreign key: row " + text(fk, 1) + " of " + text(fk, 0) + " refers to a missing " +
                             text(fk, 2) + " row");
    }
    res.ok = res.problems.empty();
    return res;
  });
}

}  // namespace annals
