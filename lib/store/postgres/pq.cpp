// libpq plumbing of the PostgreSQL backend: connecting, prepared statements, COPY, errors in
// words a user can act on (pq_detail.hpp).

#include "store/postgres/pq_detail.hpp"

#include "platform/optional_library_detail.hpp"

#include <charconv>
#include <cstring>

namespace annals::detail {

const libpq_api& libpq() {
  static const libpq_api loaded = [] {
    libpq_api api;
    optional_library lib("ANNALS_LIBPQ", {ANNALS_LIBPQ_SONAME});
    const bool all = lib.bind("PQclear", api.PQclear) &&
                     lib.bind("PQcmdTuples", api.PQcmdTuples) &&
                     lib.bind("PQconnectdbParams", api.PQconnectdbParams) &&
                     lib.bind("PQerrorMessage", api.PQerrorMessage) &&
                     lib.bind("PQexec", api.PQexec) &&
                     lib.bind("PQexecPrepared", api.PQexecPrepared) &&
                     lib.bind("PQfinish", api.PQfinish) &&
                     lib.bind("PQfname", api.PQfname) &&
                     lib.bind("PQgetResult", api.PQgetResult) &&
                     lib.bind("PQgetisnull", api.PQgetisnull) &&
                     lib.bind("PQgetlength", api.PQgetlength) &&
                     lib.bind("PQgetvalue", api.PQgetvalue) &&
                     lib.bind("PQntuples", api.PQntuples) &&
                     lib.bind("PQprepare", api.PQprepare) &&
                     lib.bind("PQputCopyData", api.PQputCopyData) &&
                     lib.bind("PQputCopyEnd", api.PQputCopyEnd) &&
                     lib.bind("PQresultErrorField", api.PQresultErrorField) &&
                     lib.bind("PQresultErrorMessage", api.PQresultErrorMessage) &&
                     lib.bind("PQresultStatus", api.PQresultStatus) &&
                     lib.bind("PQstatus", api.PQstatus) &&
                     lib.bind("PQtransactionStatus", api.PQtransactionStatus);
    if (!all) api.failure = lib.failure().why;
    return api;
  }();
  return loaded;
}

std::int64_t pq_result::int64(int row, int col) const {
  const char* v = libpq().PQgetvalue(r_.get(), row, col);
  const char* end = v + libpq().PQgetlength(r_.get(), row, col);
  std::int64_t out = 0;
  const auto [p, ec] = std::from_chars(v, end, out);
  if (ec != std::errc() || p != end)
    throw storage_error("PostgreSQL: column " + std::string(libpq().PQfname(r_.get(), col)) + " is not an integer: '" +
                        std::string(v, end) + "'");
  return out;
}

std::size_t pq_result::changed() const {
  const char* n = libpq().PQcmdTuples(r_.get());
  return n && *n ? static_cast<std::size_t>(std::strtoull(n, nullptr, 10)) : 0;
}

std::string redacted_conninfo(const std::string& conninfo) {
  if (conninfo.empty()) return "postgresql:";
  std::string out = conninfo;
  // userinfo of the authority: scheme://user:password@host…
  const auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    const auto start = scheme + 3;
    const auto end = out.find_first_of("/?", start);
    const auto at = out.rfind('@', end == std::string::npos ? out.size() : end);
    if (at != std::string::npos && at >= start) {
      const auto colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // …?password=secret&…
  for (std::size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p + 1)) {
    if (p > 0 && out[p - 1] != '?' && out[p - 1] != '&') continue;
    const auto v = p + 9;
    const auto end = out.find('&', v);
    out.replace(v, (end == std::string::npos ? out.size() : end) - v, "***");
  }
  return out;
}

namespace {

/// The first line of a libpq message, without "ERROR:  " and the trailing newline.
std::string first_line(const char* message) {
  std::string m = message ? message : "";
  if (const auto nl = m.find('\n'); nl != std::string::npos) m.resize(nl);
  for (const char* prefix : {"ERROR:  ", "FATAL:  "})
    if (m.rfind(prefix, 0) == 0) m.erase(0, std::strlen(prefix));
  return m;
}

}  // namespace

pq_connection::pq_connection(const std::string& conninfo, std::string name, std::chrono::milliseconds lock_timeout)
    : name_(std::move(name)), lock_timeout_(lock_timeout) {
  if (!libpq().failure.empty())
    throw storage_error(name_ + ": the PostgreSQL client library cannot be loaded (Debian: apt-get install libpq5): " +
                        libpq().failure);
  // Everything else (host, port, user, password, sslmode …) from the URI or libpq's PG* variables.
  const char* keys[] = {"dbname", "client_encoding", "application_name", nullptr};
  const char* values[] = {conninfo.empty() ? nullptr : conninfo.c_str(), "UTF8", "annals", nullptr};
  conn_.reset(libpq().PQconnectdbParams(keys, values, 1));
  if (!conn_) throw storage_error(name_ + ": cannot connect to the server: out of memory");
  if (libpq().PQstatus(conn_.get()) != CONNECTION_OK)
    throw storage_error(name_ + ": cannot connect to the server: " + first_line(libpq().PQerrorMessage(conn_.get())));
  // Times and sorting the same for every client: UTC, and text compared byte by byte where the
  // schema asks for it (COLLATE "C", as SQLite compares).
  run("SET TIME ZONE 'UTC'");
  // A writer waits this long for another's lock (store_options::busy_timeout), then fails.
  const std::string ms = std::to_string(lock_timeout_.count());
  pq_params p;
  p.add(ms + "ms");
  exec("SELECT set_config('lock_timeout', $1, false)", p);
}

pq_result pq_connection::exec(const char* sql, const pq_params& params) const {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string stmt = "annals_" + std::to_string(prepared_.size());
    pq_result r(libpq().PQprepare(conn_.get(), stmt.c_str(), sql, 0, nullptr));
    if (libpq().PQresultStatus(r.get()) != PGRES_COMMAND_OK) fail(r.get(), "prepare");
    it = prepared_.emplace(sql, std::move(stmt)).first;
  }
  const auto values = params.pointers();
  pq_result r(libpq().PQexecPrepared(conn_.get(), it->second.c_str(), params.size(), values.data(), nullptr, nullptr, 0));
  const auto status = libpq().PQresultStatus(r.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r.get(), "query");
  return r;
}

void pq_connection::run(const char* sql) const {
  pq_result r(libpq().PQexec(conn_.get(), sql));
  const auto status = libpq().PQresultStatus(r.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r.get(), "query");
}

void pq_connection::copy(const char* sql, const std::string& data) const {
  {
    pq_result r(libpq().PQexec(conn_.get(), sql));
    if (libpq().PQresultStatus(r.get()) != PGRES_COPY_IN) fail(r.get(), "copy");
  }
  // Sent in pieces of 1 MiB: libpq buffers whatever it is given.
  constexpr std::size_t piece = std::size_t{1} << 20;
  for (std::size_t at = 0; at < data.size(); at += piece) {
    const auto n = std::min(piece, data.size() - at);
    if (libpq().PQputCopyData(conn_.get(), data.data() + at, static_cast<int>(n)) != 1) fail(nullptr, "copy");
  }
  if (libpq().PQputCopyEnd(conn_.get(), nullptr) != 1) fail(nullptr, "copy");
  pq_result r(libpq().PQgetResult(conn_.get()));
  if (libpq().PQresultStatus(r.get()) != PGRES_COMMAND_OK) fail(r.get(), "copy");
  while (PGresult* more = libpq().PQgetResult(conn_.get())) libpq().PQclear(more);
}

void pq_connection::rollback_quietly() const noexcept {
  if (libpq().PQstatus(conn_.get()) != CONNECTION_OK) return;
  if (libpq().PQtransactionStatus(conn_.get()) == PQTRANS_IDLE) return;
  libpq().PQclear(libpq().PQexec(conn_.get(), "ROLLBACK"));
}

void pq_connection::begin_snapshot() const {
  run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  in_snapshot_ = true;
}

void pq_connection::end_snapshot() const noexcept {
  in_snapshot_ = false;
  rollback_quietly();  // read only: nothing to keep
}

void pq_connection::fail(const PGresult* r, const char* what) const {
  if (libpq().PQstatus(conn_.get()) != CONNECTION_OK)
    throw storage_error(name_ + ": the connection to the server was lost (" +
                        first_line(libpq().PQerrorMessage(conn_.get())) +
                        "); nothing of the write under way was stored");
  const char* state = r ? libpq().PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state ? state : "";
  const std::string msg = first_line(r ? libpq().PQresultErrorMessage(r) : libpq().PQerrorMessage(conn_.get()));
  // A failure libpq found itself (no SQLSTATE from the server) on a connection that broke: the
  // server stopped or the network went away.
  if (code.empty() && (msg.find("server closed the connection") != std::string::npos ||
                       msg.find("no connection to the server") != std::string::npos ||
                       msg.find("could not send data") != std::string::npos ||
                       msg.find("could not receive data") != std::string::npos))
    throw storage_error(name_ + ": the connection to the server was lost (" + msg +
                        "); nothing of the write under way was stored");
  if (code == "40P01" || code == "40001") throw pq_retry(name_ + ": " + msg);
  if (code == "55P03")
    throw storage_error(name_ + ": database is locked by another writer (gave up after " +
                        std::to_string(lock_timeout_.count()) + " ms)");
  if (code == "53100") throw storage_error(name_ + ": disk full on the server; the failed write was rolled back");
  if (code == "25006")
    throw storage_error(name_ + ": database is read-only (cannot write to it: " + msg + ")");
  if (code == "42501") throw storage_error(name_ + ": permission denied (" + msg + ")");
  if (code.rfind("57P", 0) == 0 || code.rfind("08", 0) == 0)
    throw storage_error(name_ + ": the connection to the server was lost (" + msg +
                        "); nothing of the write under way was stored");
  throw storage_error(name_ + ": " + what + " failed: " + (msg.empty() ? std::string("unknown error") : msg));
}

void copy_field(std::string& out, std::string_view v) {
  for (const char c : v) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out.push_back(c);
    }
  }
}

}  // namespace annals::detail
