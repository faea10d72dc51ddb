#pragma once
// libpq plumbing of the PostgreSQL backend (internal to lib/store/postgres/): one connection,
// prepared statements with text parameters, results read as text, COPY … FROM STDIN, and the
// server's errors turned into annals::storage_error("<db>: <why>").
//
// Every statement is a string literal with $n parameters, prepared once per connection by
// name; values travel as parameters or as COPY data, never inside SQL text.
//
// libpq is not linked: it is opened by its soname the first time a connection is made
// (ANNALS_LIBPQ names another file; lib/platform/), so a process that never meets a
// postgresql:// store does not load it and the Kerberos, LDAP and TLS libraries behind it.

#include <annals/error.hpp>

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace annals::detail {

/// The libpq functions annals calls, looked up in the library on first use.
struct libpq_api {
  decltype(&::PQclear) PQclear = nullptr;
  decltype(&::PQcmdTuples) PQcmdTuples = nullptr;
  decltype(&::PQconnectdbParams) PQconnectdbParams = nullptr;
  decltype(&::PQerrorMessage) PQerrorMessage = nullptr;
  decltype(&::PQexec) PQexec = nullptr;
  decltype(&::PQexecPrepared) PQexecPrepared = nullptr;
  decltype(&::PQfinish) PQfinish = nullptr;
  decltype(&::PQfname) PQfname = nullptr;
  decltype(&::PQgetResult) PQgetResult = nullptr;
  decltype(&::PQgetisnull) PQgetisnull = nullptr;
  decltype(&::PQgetlength) PQgetlength = nullptr;
  decltype(&::PQgetvalue) PQgetvalue = nullptr;
  decltype(&::PQntuples) PQntuples = nullptr;
  decltype(&::PQprepare) PQprepare = nullptr;
  decltype(&::PQputCopyData) PQputCopyData = nullptr;
  decltype(&::PQputCopyEnd) PQputCopyEnd = nullptr;
  decltype(&::PQresultErrorField) PQresultErrorField = nullptr;
  decltype(&::PQresultErrorMessage) PQresultErrorMessage = nullptr;
  decltype(&::PQresultStatus) PQresultStatus = nullptr;
  decltype(&::PQstatus) PQstatus = nullptr;
  decltype(&::PQtransactionStatus) PQtransactionStatus = nullptr;
  std::string failure;  ///< why libpq cannot be used, or ""
};

/// libpq, opened on the first call; check `failure` before the first connection
/// (pq_connection's constructor does).
const libpq_api& libpq();

/// A libpq result, freed on destruction.
class pq_result {
 public:
  pq_result() = default;
  explicit pq_result(PGresult* r) : r_(r) {}
  [[nodiscard]] PGresult* get() const noexcept { return r_.get(); }
  [[nodiscard]] int rows() const { return libpq().PQntuples(r_.get()); }
  [[nodiscard]] bool null(int row, int col) const { return libpq().PQgetisnull(r_.get(), row, col) != 0; }
  [[nodiscard]] std::string text(int row, int col) const {
    return std::string(libpq().PQgetvalue(r_.get(), row, col), static_cast<std::size_t>(libpq().PQgetlength(r_.get(), row, col)));
  }
  [[nodiscard]] std::optional<std::string> opt_text(int row, int col) const {
    if (null(row, col)) return std::nullopt;
    return text(row, col);
  }
  [[nodiscard]] std::int64_t int64(int row, int col) const;
  [[nodiscard]] std::optional<int> opt_int(int row, int col) const {
    if (null(row, col)) return std::nullopt;
    return static_cast<int>(int64(row, col));
  }
  [[nodiscard]] bool boolean(int row, int col) const { return libpq().PQgetvalue(r_.get(), row, col)[0] == 't'; }
  /// Rows an INSERT/UPDATE/DELETE changed.
  [[nodiscard]] std::size_t changed() const;

 private:
  struct free_result {
    void operator()(PGresult* r) const noexcept { libpq().PQclear(r); }
  };
  std::unique_ptr<PGresult, free_result> r_;
};

/// Parameters of one statement, as text (nullopt: NULL).
class pq_params {
 public:
  pq_params& add(std::string v) {
    values_.emplace_back(std::move(v));
    return *this;
  }
  pq_params& add(std::string_view v) { return add(std::string(v)); }
  pq_params& add(const char* v) { return add(std::string(v)); }
  pq_params& add(std::int64_t v) { return add(std::to_string(v)); }
  pq_params& add(int v) { return add(std::to_string(v)); }
  pq_params& add(bool v) { return add(std::string(v ? "true" : "false")); }
  pq_params& add(const std::optional<std::string>& v) {
    values_.push_back(v);
    return *this;
  }
  pq_params& add(const std::optional<int>& v) {
    if (v) return add(*v);
    return null();
  }
  pq_params& null() {
    values_.emplace_back(std::nullopt);
    return *this;
  }
  [[nodiscard]] std::vector<const char*> pointers() const {
    std::vector<const char*> p;
    p.reserve(values_.size());
    for (const auto& v : values_) p.push_back(v ? v->c_str() : nullptr);
    return p;
  }
  [[nodiscard]] int size() const noexcept { return static_cast<int>(values_.size()); }

 private:
  std::vector<std::optional<std::string>> values_;
};

/// A failure the whole transaction may be retried after: deadlock_detected (40P01) or
/// serialization_failure (40001).
struct pq_retry : storage_error {
  using storage_error::storage_error;
};

/// One connection to the server.
class pq_connection {
 public:
  /// Connects; `name` is what error messages call the store (the URI without its password).
  pq_connection(const std::string& conninfo, std::string name, std::chrono::milliseconds lock_timeout);
  pq_connection(const pq_connection&) = delete;
  pq_connection& operator=(const pq_connection&) = delete;

  [[nodiscard]] const std::string& name() const noexcept { return name_; }

  /// Runs a statement, prepared on first use (one name per SQL text); throws storage_error.
  pq_result exec(const char* sql, const pq_params& params = {}) const;
  /// Runs fixed SQL without parameters (BEGIN, COMMIT, DDL): `sql` is always a literal.
  void run(const char* sql) const;
  /// COPY … FROM STDIN (text format) of `data`, rows already escaped (copy_field).
  void copy(const char* sql, const std::string& data) const;

  /// ROLLBACK when a transaction is open and the connection alive (never throws).
  void rollback_quietly() const noexcept;

  /// store::snapshot(): one REPEATABLE READ READ ONLY transaction that the read transactions
  /// below join (pq_transaction), until end_snapshot() (store_backend::hold_reads counts nesting).
  void begin_snapshot() const;
  void end_snapshot() const noexcept;
  [[nodiscard]] bool in_snapshot() const noexcept { return in_snapshot_; }

  /// storage_error("<db>: <why>") for a failed result (or pq_retry when it may be retried).
  [[noreturn]] void fail(const PGresult* r, const char* what) const;

 private:
  struct close_conn {
    void operator()(PGconn* c) const noexcept { libpq().PQfinish(c); }
  };
  std::unique_ptr<PGconn, close_conn> conn_;
  std::string name_;
  std::chrono::milliseconds lock_timeout_;
  mutable std::unordered_map<std::string, std::string> prepared_;  ///< SQL → statement name
  mutable bool in_snapshot_ = false;
};

/// A URI (or "") as error messages show it: without a password.
std::string redacted_conninfo(const std::string& conninfo);

/// Appends `v` to a COPY text-format row (backslash, tab, newline, CR escaped).
void copy_field(std::string& out, std::string_view v);
/// Appends \N (NULL) to a COPY row.
inline void copy_null(std::string& out) { out += "\\N"; }

/// A transaction on a connection: BEGIN now, ROLLBACK unless commit() was called. A read-only
/// one inside a store::snapshot() joins the snapshot's transaction instead (no BEGIN, no COMMIT);
/// a write inside one is refused.
class pq_transaction {
 public:
  explicit pq_transaction(const pq_connection& c, bool read_only = false) : c_(c) {
    if (c_.in_snapshot()) {
      if (!read_only) throw storage_error(c_.name() + ": cannot write while a read snapshot of the store is open");
      joined_ = true;
      return;
    }
    c_.run(read_only ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
  }
  pq_transaction(const pq_transaction&) = delete;
  pq_transaction& operator=(const pq_transaction&) = delete;
  ~pq_transaction() {
    if (!done_ && !joined_) c_.rollback_quietly();
  }
  void commit() {
    if (!joined_) c_.run("COMMIT");
    done_ = true;
  }

 private:
  const pq_connection& c_;
  bool done_ = false;
  bool joined_ = false;  ///< inside a snapshot: its transaction, not ours
};

}  // namespace annals::detail
