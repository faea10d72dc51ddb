// annals::store on SQLite (SQLiteCpp): opening, configuration, migrations, ingest and loading
// a report back. Queries, verdicts and the catalogue are in lib/store/*.cpp. Every statement is
// a string literal with bound parameters (tests/store_test.cpp greps lib/ for the rule).

#include <annals/catalogue.hpp>
#include <annals/error.hpp>
#include <annals/store.hpp>

#include "store/impl.hpp"
#include "store/schema.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <cctype>
#include <system_error>
#include <unordered_set>

namespace annals {

using namespace store_sqlite;

// ---- errors --------------------------------------------------------------------------------

namespace store_sqlite {

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

}  // namespace store_sqlite

void append_decimal_text(std::string& out, const decimal& d) {
  // The same text as d.to_string(d.scale()), without its temporaries.
  __extension__ using u128 = unsigned __int128;
  const auto c = d.coefficient();
  u128 u = c < 0 ? static_cast<u128>(-(c + 1)) + 1u : static_cast<u128>(c);
  char buf[64];
  char* p = buf + sizeof buf;
  int digits = 0;
  while (u > 0xFFFFFFFFFFFFFFFFull) {  // 128-bit division only for huge coefficients
    *--p = static_cast<char>('0' + static_cast<int>(u % 10));
    u /= 10;
    ++digits;
  }
  auto v = static_cast<std::uint64_t>(u);
  do {
    *--p = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
    ++digits;
  } while (v != 0);
  const int scale = d.scale();
  while (digits <= scale) {  // 0.05 needs its leading zeros
    *--p = '0';
    ++digits;
  }
  if (c < 0) out.push_back('-');
  const auto int_digits = static_cast<std::size_t>(digits - scale);
  out.append(p, int_digits);
  if (scale > 0) {
    out.push_back('.');
    out.append(p + int_digits, static_cast<std::size_t>(scale));
  }
}

std::string decimal_text(const decimal& d) {
  std::string s;
  append_decimal_text(s, d);
  return s;
}

// ---- prepared statements ---------------------------------------------------------------------

struct store::impl::alias_statements {
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
  "approximate, lo, hi, lo_closed, hi_closed, kind, cumulative, average, span_start, span_end, alias_id"
#define ANNALS_FACT_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define ANNALS_CHANGE_COLUMNS                                                                                  \
  "report_id, seq, ident, kind, basis, label, text, value, from_value, to_value, unit, qualifier, direction, " \
  "fact, section, item, span_start, span_end"
#define ANNALS_CHANGE_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

namespace {

/// Rows per execution of add_facts[k] / add_changes[k].
constexpr std::array<std::size_t, 4> rows_per_insert = {1, 4, 16, 64};
constexpr int fact_columns = 23, change_columns = 18;
/// The offset into ingest's text arena that stands for NULL.
constexpr std::uint32_t none_offset = 0xFFFFFFFFu;

/// A statement of the bulk rows, prepared and bound through SQLite's C API: the 23 columns of
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
  /// The NUL-terminated text at `offset` in `arena`, or NULL for none_offset.
  void arena_text(int index, const std::string& arena, std::uint32_t offset) const {
    if (offset == none_offset) null(index);
    else check(sqlite3_bind_text(stmt_, index, arena.c_str() + offset, -1, SQLITE_STATIC));
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

/// Inserts rows 0..n-1 with the largest statements first: bind_row(statement, first
/// parameter offset, row) binds one row's columns.
template <class BindRow>
void insert_rows(std::array<bulk_statement, 4>& by_size, int columns, std::size_t n, BindRow&& bind_row) {
  std::size_t row = 0;
  for (std::size_t k = by_size.size(); k-- > 0;) {
    const std::size_t size = rows_per_insert[k];
    for (; row + size <= n; row += size) {
      for (std::size_t b = 0; b < size; ++b) bind_row(by_size[k], static_cast<int>(b) * columns, row + b);
      by_size[k].run();
    }
  }
}

}  // namespace

struct store::impl::ingest_statements {
  explicit ingest_statements(const SQLite::Database& db)
      : find_report(db, "SELECT id FROM reports WHERE sha256 = ?1"),
        add_jurisdiction(db, "INSERT INTO jurisdictions (name) VALUES (?1) ON CONFLICT (name) DO NOTHING"),
        jurisdiction_id(db, "SELECT id FROM jurisdictions WHERE name = ?1"),
        add_report(db,
                   "INSERT INTO reports (sha256, source_name, encoding, format, title, issuer, jurisdiction_id, "
                   "year, published, recipient, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
        add_section(db,
                    "INSERT INTO sections (report_id, seq, ordinal, marker, heading, span_start, span_end) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        add_item(db,
                 "INSERT INTO items (report_id, section_seq, seq, ordinal, marker, title, span_start, span_end) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        add_facts{{{db, "INSERT OR ROLLBACK INTO facts (" ANNALS_FACT_COLUMNS ") VALUES " ANNALS_FACT_ROW},
                    {db, "INSERT OR ROLLBACK INTO facts (" ANNALS_FACT_COLUMNS ") VALUES " ANNALS_X4(ANNALS_FACT_ROW)},
                    {db, "INSERT OR ROLLBACK INTO facts (" ANNALS_FACT_COLUMNS ") VALUES " ANNALS_X16(ANNALS_FACT_ROW)},
                    {db, "INSERT OR ROLLBACK INTO facts (" ANNALS_FACT_COLUMNS ") VALUES " ANNALS_X64(ANNALS_FACT_ROW)}}},
        add_changes{{{db, "INSERT OR ROLLBACK INTO changes (" ANNALS_CHANGE_COLUMNS ") VALUES " ANNALS_CHANGE_ROW},
                     {db, "INSERT OR ROLLBACK INTO changes (" ANNALS_CHANGE_COLUMNS ") VALUES " ANNALS_X4(ANNALS_CHANGE_ROW)},
                     {db, "INSERT OR ROLLBACK INTO changes (" ANNALS_CHANGE_COLUMNS ") VALUES " ANNALS_X16(ANNALS_CHANGE_ROW)},
                     {db, "INSERT OR ROLLBACK INTO changes (" ANNALS_CHANGE_COLUMNS ") VALUES " ANNALS_X64(ANNALS_CHANGE_ROW)}}},
        add_date(db,
                 "INSERT INTO dates (report_id, seq, text, value, role, span_start, span_end) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        add_commitment(db,
                       "INSERT INTO commitments (report_id, seq, ident, kind, ordinal, title, text, group_count, "
                       "task_count, fact, deadline, section, item, span_start, span_end, goal_label, goal_text, "
                       "goal_value, goal_unit, goal_qualifier, goal_qualifier_text, goal_last_digit, "
                       "goal_approximate, goal_kind, goal_start, goal_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                       "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)"),
        add_warning(db,
                    "INSERT INTO warnings (report_id, seq, code, message, position) VALUES (?1, ?2, ?3, ?4, ?5)"),
        current_of(db,
                   "SELECT id, (SELECT count(*) FROM reports WHERE jurisdiction_id = ?1 AND year = ?2) "
                   "FROM reports WHERE jurisdiction_id = ?1 AND year = ?2 AND current = 1"),
        supersede(db, "UPDATE reports SET current = 0 WHERE id = ?1") {}

  void reset_all() noexcept {
    for (SQLite::Statement* s : {&find_report, &add_jurisdiction, &jurisdiction_id, &add_report, &add_section,
                                 &add_item, &add_date, &add_commitment, &add_warning, &current_of, &supersede})
      s->tryReset();
    for (auto* group : {&add_facts, &add_changes})
      for (auto& s : *group) s.reset();
  }

  SQLite::Statement find_report, add_jurisdiction, jurisdiction_id, add_report, add_section, add_item;
  /// INSERTs of 1, 4, 16 and 64 rows (rows_per_insert): one execution costs about as much as
  /// storing a row, and each multi-row execution copies the pages it changes into a statement
  /// journal, so the big statement takes most rows and the small ones the rest.
  std::array<bulk_statement, 4> add_facts, add_changes;
  SQLite::Statement add_date, add_commitment, add_warning;
  /// The current report of a jurisdiction and year, and how many that key has; marking one not
  /// current (a new revision takes its place).
  SQLite::Statement current_of, supersede;
};

// ---- opening ---------------------------------------------------------------------------------

store::impl::impl(std::filesystem::path p, const store_options& o, int flags, const std::string& open_name)
    : path(std::move(p)),
      name(path.string()),
      options(o),
      db(open_name, flags, static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(o.busy_timeout.count(), 0, 1 << 30))) {}

int store::impl::user_version() const {
  SQLite::Statement s(db, "PRAGMA user_version");
  s.executeStep();
  return s.getColumn(0).getInt();
}

void store::impl::configure(open_mode mode) {
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
  if (app_id != 0 && app_id != store_schema::application_id)
    throw error("not an annals database (it belongs to another program: application_id " +
                std::to_string(app_id) + ")");
  const int v = user_version();
  if (v > store_schema::current_version)
    throw error("schema version " + std::to_string(v) + " is newer than this annals understands (" +
                std::to_string(store_schema::current_version) + "); upgrade annals");
  if (v == 0 && has_tables()) throw error("not an annals database (it has tables but no annals schema version)");

  if (writable && v != 0) quick_check();

  if (writable && v == 0) {
    // A new database: 16 KiB pages (set before WAL, which fixes the page size) halve the page
    // writes of a bulk ingest compared with the default 4 KiB; see docs/store.md.
    db.exec("PRAGMA page_size = 16384");
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
  if (options.max_size_bytes) {
    SQLite::Statement ps(db, "PRAGMA page_size");
    ps.executeStep();
    const auto page = static_cast<std::uint64_t>(ps.getColumn(0).getInt64());
    const std::uint64_t pages = std::max<std::uint64_t>(1, *options.max_size_bytes / std::max<std::uint64_t>(page, 1));
    // PRAGMA takes no bound parameters; the value is an unsigned integer, never text.
    db.exec("PRAGMA max_page_count = " + std::to_string(pages));  // sql-integer-pragma
  }
  migrate();
}

void store::impl::quick_check() const {
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

bool store::impl::has_tables() const {
  SQLite::Statement s(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
  s.executeStep();
  return s.getColumn(0).getInt() > 0;
}

void store::impl::migrate() {
  int v = user_version();
  if (v == store_schema::current_version) return;
  if (!writable) {
    if (v == 0) throw error("not an annals database (empty, and opened read-only)");
    throw error("schema version " + std::to_string(v) + " is older than this annals (" +
                std::to_string(store_schema::current_version) + "); open the database read-write once to migrate it");
  }
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  v = user_version();  // another process may have migrated while we waited for the lock
  if (v == store_schema::current_version) return;
  if (v == 0 && has_tables()) throw error("not an annals database (it has tables but no annals schema version)");
  try {
    if (v < 1) db.exec(store_schema::v1_ddl);
    if (v < 2) migrate_1_to_2();
    if (v < 3) db.exec(store_schema::v3_ddl);
    if (v < 4) db.exec(store_schema::v4_ddl);
    if (v < 5) db.exec(store_schema::v5_ddl);
    tx.commit();
  } catch (...) {
    pending_alias_ids.clear();
    if (alias_st) alias_st->reset_all();
    throw;
  }
  alias_ids.merge(pending_alias_ids);
  pending_alias_ids.clear();
}

void store::impl::migrate_1_to_2() {
  db.exec(store_schema::v2_ddl_before_backfill);
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
  db.exec(store_schema::v2_ddl_after_backfill);
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

store::store(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
store::store(store&&) noexcept = default;
store& store::operator=(store&&) noexcept = default;
store::~store() = default;

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
void store::impl::create_file(const std::filesystem::path& path, const store_options& options) {
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
                                  ? store_sqlite::describe(SQLITE_FULL, SQLITE_FULL, "", options.busy_timeout, 0)
                              : e == EACCES || e == EPERM || e == EROFS
                                  ? "cannot create the database: the folder is not writable (" + std::string(std::strerror(e)) + ")"
                                  : "cannot create the database: " + std::string(std::strerror(e));
      throw storage_error(name + ": " + why);
    }
  }
  ::close(fd);
  try {
    auto p = std::make_unique<impl>(temp, options, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX, temp);
    p->name = name;  // messages name the store the user asked for
    try {
      p->configure(open_mode::read_write);
      // Everything into the database file itself, so that the file linked below is the whole
      // store (a checkpoint that cannot finish, on a full disk, throws here).
      SQLite::Statement cp(p->db, "PRAGMA wal_checkpoint(TRUNCATE)");
      if (cp.executeStep() && cp.getColumn(0).getInt() != 0)
        throw storage_error(name + ": cannot create the database: the new file could not be checkpointed");
    } catch (const SQLite::Exception& e) {
      throw store_sqlite::to_storage_error(name, e, options.busy_timeout, &p->db);
    }
  } catch (const SQLite::Exception& e) {
    remove_database_files(temp);
    throw store_sqlite::to_storage_error(name, e, options.busy_timeout, nullptr);
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

store store::open(const std::filesystem::path& path, open_mode mode, const store_options& options) {
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
    impl::create_file(path, options);
  }
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
  std::unique_ptr<impl> p;
  try {
    p = std::make_unique<impl>(path, options, flags, open_name);
    p->note = std::move(note);
    p->configure(mode);
  } catch (const SQLite::Exception& e) {
    throw store_sqlite::to_storage_error(name, e, options.busy_timeout, p ? &p->db : nullptr);
  }
  return store(std::move(p));
}

store store::memory(const store_options& options) {
  try {
    auto p = std::make_unique<impl>(":memory:", options,
                                    SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX, ":memory:");
    p->configure(open_mode::read_write);
    return store(std::move(p));
  } catch (const SQLite::Exception& e) {
    throw store_sqlite::to_storage_error(":memory:", e, options.busy_timeout);
  }
}

const std::filesystem::path& store::path() const noexcept { return impl_->path; }
const std::string& store::note() const noexcept { return impl_->note; }
bool store::writable() const noexcept { return impl_->writable; }
int store::version() const {
  return impl_->guarded([&] { return impl_->user_version(); });
}

// ---- the catalogue seen from ingest --------------------------------------------------------


std::int64_t store::impl::alias_id(const std::string& label, const std::string& unit) {
  std::string& raw = alias_lookup_key;  // reused: no allocation on a cache hit
  raw.assign(label).push_back('\x1F');
  raw.append(unit);
  if (auto it = alias_ids.find(raw); it != alias_ids.end()) return it->second;
  if (auto it = pending_alias_ids.find(raw); it != pending_alias_ids.end()) return it->second;

  if (!alias_st) alias_st = std::make_unique<alias_statements>(db);
  auto& st = *alias_st;
  const std::string alias = alias_key(label, unit);
  std::int64_t id = 0;
  bind_ref(st.find, 1, alias);
  const bool found = st.find.executeStep();
  if (found) id = int64(st.find, 0);
  st.find.reset();
  if (!found) {
    const std::string metric = metric_key(label, unit);
    const auto parts = split_metric_key(metric);
    const std::string metric_unit = parts ? parts->unit : std::string();
    bind_ref(st.add_metric, 1, metric);
    bind_ref(st.add_metric, 2, metric_unit);
    run(st.add_metric);
    bind_ref(st.metric_id, 1, metric);
    st.metric_id.executeStep();
    const std::int64_t mid = int64(st.metric_id, 0);
    st.metric_id.reset();
    bind_ref(st.add_alias, 1, alias);
    bind_int(st.add_alias, 2, mid);
    run(st.add_alias);
    id = db.getLastInsertRowid();
  }
  pending_alias_ids.emplace(raw, id);
  return id;
}

// ---- ingest ----------------------------------------------------------------------------------


namespace {

bool is_hex(char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::optional<std::string> normalised_sha256(std::string_view s) {
  if (s.size() != 64 || !std::all_of(s.begin(), s.end(), is_hex)) return std::nullopt;
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::int64_t i64(std::size_t v) { return static_cast<std::int64_t>(v); }

/// facts.id: the report's id in the high bits, the fact's position in the low 20.
constexpr std::size_t max_facts_per_report = (std::size_t{1} << 20) - 1;
std::int64_t fact_key(std::int64_t report, std::size_t seq) { return report * (std::int64_t{1} << 20) + i64(seq); }

std::string what_of(const report& r) { return r.source.name.empty() ? std::string("report") : r.source.name; }

/// The checks that keep a malformed report out of the store (before any write).
void validate(const report& r) {
  const std::string what = what_of(r);
  if (r.facts.size() > max_facts_per_report)
    throw input_error(what + ": " + std::to_string(r.facts.size()) + " facts; a report may hold at most " +
                      std::to_string(max_facts_per_report));
  std::unordered_set<std::string_view> facts, changes, commitments;
  facts.reserve(r.facts.size());
  for (const auto& f : r.facts) {
    if (f.id.empty()) throw input_error(what + ": a fact has no id");
    if (!facts.insert(f.id).second) throw input_error(what + ": duplicate fact id " + f.id);
  }
  for (const auto& c : r.changes) {
    if (c.id.empty()) throw input_error(what + ": a change has no id");
    if (!changes.insert(c.id).second) throw input_error(what + ": duplicate change id " + c.id);
    if (c.fact && !facts.contains(*c.fact))
      throw input_error(what + ": change " + c.id + " names fact " + *c.fact + ", which does not exist");
  }
  for (const auto& k : r.commitments) {
    if (k.id.empty()) throw input_error(what + ": a commitment has no id");
    if (!commitments.insert(k.id).second) throw input_error(what + ": duplicate commitment id " + k.id);
    if (k.fact && !facts.contains(*k.fact))
      throw input_error(what + ": commitment " + k.id + " names fact " + *k.fact + ", which does not exist");
  }
}

const std::string& basis_name(growth_basis b) {
  static const std::array<std::string, 3> names = {"", "yoy", "mom"};
  return names[static_cast<std::size_t>(b)];
}




}  // namespace

report_counts store::impl::counts(report_id id) const {
  report_counts c;
  SQLite::Statement s(db,
                      "SELECT (SELECT count(*) FROM sections WHERE report_id = ?1), "
                      "(SELECT count(*) FROM items WHERE report_id = ?1), "
                      "(SELECT count(*) FROM facts WHERE id BETWEEN ?1 * 1048576 AND ?1 * 1048576 + 1048575), "
                      "(SELECT count(*) FROM changes WHERE report_id = ?1), "
                      "(SELECT count(*) FROM dates WHERE report_id = ?1), "
                      "(SELECT count(*) FROM commitments WHERE report_id = ?1), "
                      "(SELECT count(*) FROM warnings WHERE report_id = ?1)");
  bind_int(s, 1, id.value);
  s.executeStep();
  auto n = [&](int col) { return static_cast<std::size_t>(int64(s, col)); };
  c.sections = n(0);
  c.items = n(1);
  c.facts = n(2);
  c.changes = n(3);
  c.dates = n(4);
  c.commitments = n(5);
  c.warnings = n(6);
  return c;
}

bool store::impl::report_exists(report_id id) const {
  SQLite::Statement s(db, "SELECT 1 FROM reports WHERE id = ?1");
  bind_int(s, 1, id.value);
  return s.executeStep();
}

ingest_result store::ingest(const report& r) {
  impl& d = *impl_;
  const auto sha = normalised_sha256(r.source.sha256);
  if (!sha) throw input_error(what_of(r) + ": no sha256 of the raw bytes (need 64 hex digits)");
  validate(r);

  // Derived text computed before the transaction: a bad figure fails here, with nothing begun.
  // The decimal texts of every fact (value, lo, hi) and change (value, from, to) go into one
  // NUL-separated buffer that is bound without copying; none_offset marks an unbounded end or a
  // missing value.
  std::string& arena = d.text_arena;
  arena.clear();
  auto put_text = [&](const std::optional<decimal>& v) {
    if (!v) return none_offset;
    const auto at = static_cast<std::uint32_t>(arena.size());
    append_decimal_text(arena, *v);
    arena.push_back('\0');
    return at;
  };
  std::vector<std::array<std::uint32_t, 3>> fact_text(r.facts.size());
  std::vector<std::array<bool, 2>> fact_closed(r.facts.size());
  for (std::size_t i = 0; i < r.facts.size(); ++i) {
    const auto& q = r.facts[i].q;
    const interval b = q.bounds();
    fact_text[i] = {put_text(q.value), put_text(b.lo), put_text(b.hi)};
    fact_closed[i] = {b.lo_closed, b.hi_closed};
  }
  std::vector<std::array<std::uint32_t, 3>> change_text(r.changes.size());
  for (std::size_t i = 0; i < r.changes.size(); ++i) {
    const change& c = r.changes[i];
    change_text[i] = {put_text(c.value), put_text(c.from), put_text(c.to)};
  }

  struct pending_guard {
    impl& d;
    bool committed = false;
    ~pending_guard() {
      if (committed) {
        d.alias_ids.merge(d.pending_alias_ids);
      } else {
        if (d.ins) d.ins->reset_all();
        if (d.alias_st) d.alias_st->reset_all();
      }
      d.pending_alias_ids.clear();
    }
  };

  return d.guarded([&]() -> ingest_result {
    if (!d.ins) d.ins = std::make_unique<impl::ingest_statements>(d.db);
    auto& st = *d.ins;
    SQLite::Transaction tx(d.db, SQLite::TransactionBehavior::IMMEDIATE);
    pending_guard guard{d};  // destroyed before tx: statements are reset before the rollback

    bind_ref(st.find_report, 1, *sha);
    if (st.find_report.executeStep()) {
      const report_id existing{int64(st.find_report, 0)};
      st.find_report.reset();
      tx.commit();
      guard.committed = true;
      return {ingest_status::skipped, existing, d.counts(existing), std::nullopt, 1};
    }
    st.find_report.reset();

    std::optional<std::int64_t> jurisdiction;
    if (r.meta.jurisdiction) {
      bind_ref(st.add_jurisdiction, 1, *r.meta.jurisdiction);
      run(st.add_jurisdiction);
      bind_ref(st.jurisdiction_id, 1, *r.meta.jurisdiction);
      st.jurisdiction_id.executeStep();
      jurisdiction = int64(st.jurisdiction_id, 0);
      st.jurisdiction_id.reset();
    }

    // A report of a jurisdiction and year already stored: the new one is a revision and becomes
    // the current one (the partial unique index reports_current allows one per key).
    std::optional<report_id> supersedes;
    std::size_t revisions = 1;
    if (jurisdiction && r.meta.year) {
      bind_int(st.current_of, 1, *jurisdiction);
      bind_int(st.current_of, 2, r.meta.year->value());
      if (st.current_of.executeStep()) {
        supersedes = report_id{int64(st.current_of, 0)};
        revisions = static_cast<std::size_t>(int64(st.current_of, 1)) + 1;
      }
      st.current_of.reset();
      if (supersedes) {
        bind_int(st.supersede, 1, supersedes->value);
        run(st.supersede);
      }
    }

    auto& ar = st.add_report;
    bind_ref(ar, 1, *sha);
    bind_ref(ar, 2, r.source.name);
    bind_ref(ar, 3, r.source.encoding);
    bind_ref(ar, 4, r.source.format);
    bind_ref(ar, 5, r.meta.title);
    bind_opt_ref(ar, 6, r.meta.issuer);
    if (jurisdiction) bind_int(ar, 7, *jurisdiction);
    else ar.bind(7);
    if (r.meta.year) bind_int(ar, 8, r.meta.year->value());
    else ar.bind(8);
    if (r.meta.published) bind_copy(ar, 9, r.meta.published->to_iso());
    else ar.bind(9);
    bind_opt_ref(ar, 10, r.meta.recipient);
    bind_ref(ar, 11, r.text);
    run(ar);
    const std::int64_t id = d.db.getLastInsertRowid();

    report_counts n;
    for (std::size_t si = 0; si < r.sections.size(); ++si) {
      const section& sec = r.sections[si];
      auto& s = st.add_section;
      bind_int(s, 1, id);
      bind_int(s, 2, i64(si));
      bind_int(s, 3, sec.ordinal);
      bind_ref(s, 4, sec.marker);
      bind_ref(s, 5, sec.heading);
      bind_int(s, 6, i64(sec.span.start));
      bind_int(s, 7, i64(sec.span.end));
      run(s);
      for (std::size_t ii = 0; ii < sec.items.size(); ++ii) {
        const item& it = sec.items[ii];
        auto& s2 = st.add_item;
        bind_int(s2, 1, id);
        bind_int(s2, 2, i64(si));
        bind_int(s2, 3, i64(ii));
        bind_int(s2, 4, it.ordinal);
        bind_ref(s2, 5, it.marker);
        bind_ref(s2, 6, it.title);
        bind_int(s2, 7, i64(it.span.start));
        bind_int(s2, 8, i64(it.span.end));
        run(s2);
        ++n.items;
      }
    }
    n.sections = r.sections.size();

    auto bind_fact = [&](const bulk_statement& b, int o, std::size_t i) {
      const fact& f = r.facts[i];
      b.int64(o + 1, fact_key(id, i));
      b.int64(o + 2, id);
      b.text(o + 3, f.id);
      b.opt_int(o + 4, f.section);
      b.opt_int(o + 5, f.item);
      b.text(o + 6, f.label);
      b.text(o + 7, f.text);
      b.arena_text(o + 8, arena, fact_text[i][0]);
      b.text(o + 9, f.q.unit);
      b.text(o + 10, name_of<n_qualifiers>(f.q.qual));
      b.text(o + 11, f.qualifier_text);
      b.int64(o + 12, f.q.last_digit);
      b.int64(o + 13, f.q.approximate ? 1 : 0);
      b.arena_text(o + 14, arena, fact_text[i][1]);
      b.arena_text(o + 15, arena, fact_text[i][2]);
      b.int64(o + 16, fact_closed[i][0] ? 1 : 0);
      b.int64(o + 17, fact_closed[i][1] ? 1 : 0);
      b.text(o + 18, name_of<n_fact_kinds>(f.kind));
      b.int64(o + 19, f.cumulative ? 1 : 0);
      b.int64(o + 20, f.average ? 1 : 0);
      b.int64(o + 21, i64(f.span.start));
      b.int64(o + 22, i64(f.span.end));
      b.int64(o + 23, d.alias_id(f.label, f.q.unit));
    };
    insert_rows(st.add_facts, fact_columns, r.facts.size(), bind_fact);
    n.facts = r.facts.size();

    auto bind_change = [&](const bulk_statement& b, int o, std::size_t i) {
      const change& c = r.changes[i];
      b.int64(o + 1, id);
      b.int64(o + 2, i64(i));
      b.text(o + 3, c.id);
      b.text(o + 4, name_of<n_change_kinds>(c.kind));
      if (c.basis == growth_basis::none) b.null(o + 5);
      else b.text(o + 5, basis_name(c.basis));
      b.text(o + 6, c.label);
      b.text(o + 7, c.text);
      for (int k = 0; k < 3; ++k) b.arena_text(o + 8 + k, arena, change_text[i][static_cast<std::size_t>(k)]);
      b.text(o + 11, c.unit);
      b.text(o + 12, name_of<n_qualifiers>(c.qual));
      b.text(o + 13, name_of<n_directions>(c.dir));
      if (c.fact) b.text(o + 14, *c.fact);
      else b.null(o + 14);
      b.opt_int(o + 15, c.section);
      b.opt_int(o + 16, c.item);
      b.int64(o + 17, i64(c.span.start));
      b.int64(o + 18, i64(c.span.end));
    };
    insert_rows(st.add_changes, change_columns, r.changes.size(), bind_change);
    n.changes = r.changes.size();

    for (std::size_t i = 0; i < r.dates.size(); ++i) {
      const date_mention& dm = r.dates[i];
      auto& s = st.add_date;
      bind_int(s, 1, id);
      bind_int(s, 2, i64(i));
      bind_ref(s, 3, dm.text);
      bind_copy(s, 4, dm.value.to_iso());
      bind_ref(s, 5, dm.role);
      bind_int(s, 6, i64(dm.span.start));
      bind_int(s, 7, i64(dm.span.end));
      run(s);
    }
    n.dates = r.dates.size();

    for (std::size_t i = 0; i < r.commitments.size(); ++i) {
      const commitment& k = r.commitments[i];
      auto& s = st.add_commitment;
      bind_int(s, 1, id);
      bind_int(s, 2, i64(i));
      bind_ref(s, 3, k.id);
      bind_ref(s, 4, name_of<n_commitment_kinds>(k.kind));
      bind_opt_int(s, 5, k.ordinal);
      bind_ref(s, 6, k.title);
      bind_ref(s, 7, k.text);
      bind_opt_int(s, 8, k.groups);
      bind_opt_int(s, 9, k.count);
      bind_opt_ref(s, 10, k.fact);
      if (k.deadline) bind_copy(s, 11, k.deadline->to_iso());
      else s.bind(11);
      bind_opt_int(s, 12, k.section);
      bind_opt_int(s, 13, k.item);
      bind_int(s, 14, i64(k.span.start));
      bind_int(s, 15, i64(k.span.end));
      if (const auto& g = k.goal) {
        bind_ref(s, 16, g->label);
        bind_ref(s, 17, g->text);
        bind_copy(s, 18, g->q.value.to_string());
        bind_ref(s, 19, g->q.unit);
        bind_ref(s, 20, name_of<n_qualifiers>(g->q.qual));
        bind_ref(s, 21, g->qualifier_text);
        bind_int(s, 22, g->q.last_digit);
        bind_int(s, 23, g->q.approximate ? 1 : 0);
        bind_ref(s, 24, name_of<n_fact_kinds>(g->kind));
        bind_int(s, 25, i64(g->span.start));
        bind_int(s, 26, i64(g->span.end));
      } else {
        for (int p = 16; p <= 26; ++p) s.bind(p);
      }
      run(s);
    }
    n.commitments = r.commitments.size();

    for (std::size_t i = 0; i < r.warnings.size(); ++i) {
      const warning& w = r.warnings[i];
      auto& s = st.add_warning;
      bind_int(s, 1, id);
      bind_int(s, 2, i64(i));
      bind_ref(s, 3, w.code);
      bind_ref(s, 4, w.message);
      bind_int(s, 5, i64(w.start));
      run(s);
    }
    n.warnings = r.warnings.size();

    tx.commit();
    guard.committed = true;
    return {ingest_status::added, report_id{id}, n, supersedes, revisions};
  });
}

// ---- loading ---------------------------------------------------------------------------------

decimal store::impl::stored_decimal(const std::string& t, std::string_view what) const {
  auto v = decimal::try_parse(t);
  if (!v) throw error("stored " + std::string(what) + " '" + t.substr(0, 40) + "' is not a decimal number");
  return *v;
}

std::optional<decimal> store::impl::stored_opt_decimal(const std::optional<std::string>& t,
                                                       std::string_view what) const {
  if (!t) return std::nullopt;
  return stored_decimal(*t, what);
}

calendar_date store::impl::stored_date(const std::string& t, std::string_view what) const {
  auto v = calendar_date::try_parse_iso(t);
  if (!v) throw error("stored " + std::string(what) + " '" + t.substr(0, 40) + "' is not an ISO date");
  return *v;
}

fact store::impl::read_fact(const SQLite::Statement& s, int c) const {
  fact f;
  f.id = text(s, c);
  f.section = opt_int(s, c + 1);
  f.item = opt_int(s, c + 2);
  f.label = text(s, c + 3);
  f.text = text(s, c + 4);
  f.q.value = stored_decimal(text(s, c + 5), "fact value");
  f.q.unit = text(s, c + 6);
  const auto q = enum_from<n_qualifiers, qualifier>(text(s, c + 7));
  if (!q) throw error("stored qualifier '" + text(s, c + 7) + "' is unknown");
  f.q.qual = *q;
  f.qualifier_text = text(s, c + 8);
  f.q.last_digit = s.getColumn(c + 9).getInt();
  f.q.approximate = s.getColumn(c + 10).getInt() != 0;
  const auto k = enum_from<n_fact_kinds, fact_kind>(text(s, c + 11));
  if (!k) throw error("stored fact kind '" + text(s, c + 11) + "' is unknown");
  f.kind = *k;
  f.cumulative = s.getColumn(c + 12).getInt() != 0;
  f.average = s.getColumn(c + 13).getInt() != 0;
  f.span = {static_cast<std::size_t>(int64(s, c + 14)), static_cast<std::size_t>(int64(s, c + 15))};
  return f;
}

change store::impl::read_change(const SQLite::Statement& s, int c) const {
  change ch;
  ch.id = text(s, c);
  const auto k = enum_from<n_change_kinds, change_kind>(text(s, c + 1));
  if (!k) throw error("stored change kind '" + text(s, c + 1) + "' is unknown");
  ch.kind = *k;
  const auto basis = opt_text(s, c + 2);
  ch.basis = !basis ? growth_basis::none : (*basis == "mom" ? growth_basis::mom : growth_basis::yoy);
  ch.label = text(s, c + 3);
  ch.text = text(s, c + 4);
  ch.value = stored_opt_decimal(opt_text(s, c + 5), "change value");
  ch.from = stored_opt_decimal(opt_text(s, c + 6), "change from");
  ch.to = stored_opt_decimal(opt_text(s, c + 7), "change to");
  ch.unit = text(s, c + 8);
  const auto q = enum_from<n_qualifiers, qualifier>(text(s, c + 9));
  if (!q) throw error("stored qualifier '" + text(s, c + 9) + "' is unknown");
  ch.qual = *q;
  const auto dir = enum_from<n_directions, direction>(text(s, c + 10));
  if (!dir) throw error("stored direction '" + text(s, c + 10) + "' is unknown");
  ch.dir = *dir;
  ch.fact = opt_text(s, c + 11);
  ch.section = opt_int(s, c + 12);
  ch.item = opt_int(s, c + 13);
  ch.span = {static_cast<std::size_t>(int64(s, c + 14)), static_cast<std::size_t>(int64(s, c + 15))};
  return ch;
}

report store::load_report(report_id id) const {
  const impl& d = *impl_;
  return d.guarded([&]() -> report {
    report r;
    {
      SQLite::Statement s(d.db,
                          "SELECT r.sha256, r.source_name, r.encoding, r.format, r.title, r.issuer, j.name, r.year, "
                          "r.published, r.recipient, r.text FROM reports r "
                          "LEFT JOIN jurisdictions j ON j.id = r.jurisdiction_id WHERE r.id = ?1");
      bind_int(s, 1, id.value);
      if (!s.executeStep()) throw usage_error(d.name + ": no report with id " + std::to_string(id.value));
      r.source.sha256 = text(s, 0);
      r.source.name = text(s, 1);
      r.source.encoding = text(s, 2);
      r.source.format = text(s, 3);
      r.meta.title = text(s, 4);
      r.meta.issuer = opt_text(s, 5);
      r.meta.jurisdiction = opt_text(s, 6);
      if (auto y = opt_int(s, 7)) r.meta.year = report_year(*y);
      if (auto p = opt_text(s, 8)) r.meta.published = d.stored_date(*p, "published date");
      r.meta.recipient = opt_text(s, 9);
      r.text = text(s, 10);
    }
    {
      SQLite::Statement s(d.db,
                          "SELECT ordinal, marker, heading, span_start, span_end FROM sections "
                          "WHERE report_id = ?1 ORDER BY seq");
      bind_int(s, 1, id.value);
      while (s.executeStep()) {
        section sec;
        sec.ordinal = s.getColumn(0).getInt();
        sec.marker = text(s, 1);
        sec.heading = text(s, 2);
        sec.span = {static_cast<std::size_t>(int64(s, 3)), static_cast<std::size_t>(int64(s, 4))};
        r.sections.push_back(std::move(sec));
      }
    }
    {
      SQLite::Statement s(d.db,
                          "SELECT section_seq, ordinal, marker, title, span_start, span_end FROM items "
                          "WHERE report_id = ?1 ORDER BY section_seq, seq");
      bind_int(s, 1, id.value);
      while (s.executeStep()) {
        const auto si = static_cast<std::size_t>(int64(s, 0));
        if (si >= r.sections.size()) throw d.error("stored item refers to a missing section");
        item it;
        it.ordinal = s.getColumn(1).getInt();
        it.marker = text(s, 2);
        it.title = text(s, 3);
        it.span = {static_cast<std::size_t>(int64(s, 4)), static_cast<std::size_t>(int64(s, 5))};
        r.sections[si].items.push_back(std::move(it));
      }
    }
    {
      SQLite::Statement s(d.db,
                          "SELECT ident, section, item, label, text, value, unit, qualifier, qualifier_text, "
                          "last_digit, approximate, kind, cumulative, average, span_start, span_end "
                          "FROM facts WHERE id BETWEEN ?1 * 1048576 AND ?1 * 1048576 + 1048575 ORDER BY id");
      bind_int(s, 1, id.value);
      while (s.executeStep()) r.facts.push_back(d.read_fact(s, 0));
    }
    {
      SQLite::Statement s(d.db,
                          "SELECT ident, kind, basis, label, text, value, from_value, to_value, unit, qualifier, "
                          "direction, fact, section, item, span_start, span_end "
                          "FROM changes WHERE report_id = ?1 ORDER BY seq");
      bind_int(s, 1, id.value);
      while (s.executeStep()) r.changes.push_back(d.read_change(s, 0));
    }
    {
      SQLite::Statement s(d.db,
                          "SELECT text, value, role, span_start, span_end FROM dates "
                          "WHERE report_id = ?1 ORDER BY seq");
      bind_int(s, 1, id.value);
      while (s.executeStep()) {
        r.dates.push_back({text(s, 0), d.stored_date(text(s, 1), "date"), text(s, 2),
                           {static_cast<std::size_t>(int64(s, 3)), static_cast<std::size_t>(int64(s, 4))}});
      }
    }
    {
      SQLite::Statement s(d.db,
                          "SELECT ident, kind, ordinal, title, text, group_count, task_count, fact, deadline, "
                          "section, item, span_start, span_end, goal_label, goal_text, goal_value, goal_unit, "
                          "goal_qualifier, goal_qualifier_text, goal_last_digit, goal_approximate, goal_kind, "
                          "goal_start, goal_end FROM commitments "
                          "WHERE report_id = ?1 ORDER BY seq");
      bind_int(s, 1, id.value);
      while (s.executeStep()) {
        commitment k;
        k.id = text(s, 0);
        const auto kind = enum_from<n_commitment_kinds, commitment_kind>(text(s, 1));
        if (!kind) throw d.error("stored commitment kind '" + text(s, 1) + "' is unknown");
        k.kind = *kind;
        k.ordinal = opt_int(s, 2);
        k.title = text(s, 3);
        k.text = text(s, 4);
        k.groups = opt_int(s, 5);
        k.count = opt_int(s, 6);
        k.fact = opt_text(s, 7);
        if (auto dl = opt_text(s, 8)) k.deadline = d.stored_date(*dl, "deadline");
        k.section = opt_int(s, 9);
        k.item = opt_int(s, 10);
        k.span = {static_cast<std::size_t>(int64(s, 11)), static_cast<std::size_t>(int64(s, 12))};
        if (auto value = opt_text(s, 15)) {
          target_goal g;
          g.label = opt_text(s, 13).value_or("");
          g.text = opt_text(s, 14).value_or("");
          g.q.value = d.stored_decimal(*value, "goal value");
          g.q.unit = opt_text(s, 16).value_or("");
          const auto q = enum_from<n_qualifiers, qualifier>(opt_text(s, 17).value_or("exact"));
          if (!q) throw d.error("stored goal qualifier '" + text(s, 17) + "' is unknown");
          g.q.qual = *q;
          g.qualifier_text = opt_text(s, 18).value_or("");
          g.q.last_digit = opt_int(s, 19).value_or(0);
          g.q.approximate = opt_int(s, 20).value_or(0) != 0;
          const auto gk = enum_from<n_fact_kinds, fact_kind>(opt_text(s, 21).value_or("count"));
          if (!gk) throw d.error("stored goal kind '" + text(s, 21) + "' is unknown");
          g.kind = *gk;
          g.span = {static_cast<std::size_t>(s.isColumnNull(22) ? 0 : int64(s, 22)),
                    static_cast<std::size_t>(s.isColumnNull(23) ? 0 : int64(s, 23))};
          k.goal = std::move(g);
        }
        r.commitments.push_back(std::move(k));
      }
    }
    goals_from_facts(r);  // a target stored before schema 4: its goal is the fact it names
    {
      SQLite::Statement s(d.db,
                          "SELECT code, message, position FROM warnings WHERE report_id = ?1 ORDER BY seq");
      bind_int(s, 1, id.value);
      while (s.executeStep())
        r.warnings.push_back({text(s, 0), text(s, 1), static_cast<std::size_t>(int64(s, 2))});
    }
    return r;
  });
}

std::optional<report_id> store::find(std::string_view sha256) const {
  const auto sha = normalised_sha256(sha256);
  if (!sha) return std::nullopt;
  return impl_->guarded([&]() -> std::optional<report_id> {
    SQLite::Statement s(impl_->db, "SELECT id FROM reports WHERE sha256 = ?1");
    bind_ref(s, 1, *sha);
    if (!s.executeStep()) return std::nullopt;
    return report_id{int64(s, 0)};
  });
}

bool store::remove_report(report_id id) {
  impl& d = *impl_;
  return d.guarded([&] {
    SQLite::Transaction tx(d.db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement j(d.db, "SELECT jurisdiction_id, year, current FROM reports WHERE id = ?1");
    bind_int(j, 1, id.value);
    if (!j.executeStep()) return false;
    const bool has_j = !j.isColumnNull(0);
    const std::int64_t jid = has_j ? int64(j, 0) : 0;
    const std::optional<int> year = opt_int(j, 1);
    const bool was_current = int64(j, 2) != 0;
    j.reset();
    // The facts by their key range first: facts has no index on report_id (see schema.cpp), so
    // the cascade then finds nothing left to delete.
    SQLite::Statement del_facts(d.db, "DELETE FROM facts WHERE id BETWEEN ?1 * 1048576 AND ?1 * 1048576 + 1048575");
    bind_int(del_facts, 1, id.value);
    run(del_facts);
    SQLite::Statement del(d.db, "DELETE FROM reports WHERE id = ?1");
    bind_int(del, 1, id.value);
    run(del);
    if (has_j && year && was_current) {  // the latest remaining revision takes its place
      SQLite::Statement promote(d.db,
                                "UPDATE reports SET current = 1 WHERE id = "
                                "(SELECT max(id) FROM reports WHERE jurisdiction_id = ?1 AND year = ?2)");
      bind_int(promote, 1, jid);
      bind_int(promote, 2, *year);
      run(promote);
    }
    if (has_j) {
      SQLite::Statement dj(d.db,
                           "DELETE FROM jurisdictions WHERE id = ?1 "
                           "AND NOT EXISTS (SELECT 1 FROM reports WHERE jurisdiction_id = ?1)");
      bind_int(dj, 1, jid);
      run(dj);
    }
    tx.commit();
    return true;
  });
}

integrity_result store::check_integrity() const {
  const impl& d = *impl_;
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
