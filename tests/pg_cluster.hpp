// A throwaway PostgreSQL cluster for the store tests: initdb into a temporary directory, the
// server on a Unix socket in that directory (no TCP port), stopped and removed at the end of
// the test program — also when a test fails (a gtest Environment tears it down). Only a crash of
// the test program itself leaves a server behind, in /tmp/annals-pg-*.
//
// initdb refuses to run as root: as root (CI containers, this project's machines) the server
// runs as uid/gid 65534, as tests/unprivileged.hpp does. The cluster starts on first use, so a
// test program whose PostgreSQL tests are filtered out starts nothing. Where PostgreSQL is not
// installed or does not start, available() is false and reason() says why: the tests then
// GTEST_SKIP() << reason(), never pass silently.
#pragma once

#include <libpq-fe.h>

#include <grp.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace annals::test {

class pg_cluster {
 public:
  static pg_cluster& get() {
    static pg_cluster c;
    return c;
  }

  [[nodiscard]] bool available() {
    start();
    return ok_;
  }
  [[nodiscard]] const std::string& reason() const { return reason_; }
  [[nodiscard]] const std::string& socket_dir() const { return dir_; }

  /// A URI of a new, empty database of this cluster (one per call).
  std::string new_database() {
    const std::string name = "annals_t" + std::to_string(++databases_);
    std::string err = sql("postgres", "CREATE DATABASE " + name);  // a fixed name, no input text
    if (!err.empty()) ADD_FAILURE() << "CREATE DATABASE " << name << ": " << err;
    return uri(name);
  }
  /// The URI of database `db` (user annals, socket in the cluster's directory).
  [[nodiscard]] std::string uri(const std::string& db) const {
    return "postgresql:///" + db + "?host=" + encoded(dir_) + "&user=annals";
  }
  /// Runs fixed SQL in `db` as the superuser; "" or the error.
  std::string sql(const std::string& db, const std::string& statement) const {
    PGconn* c = PQconnectdb(uri(db).c_str());
    std::string err;
    if (PQstatus(c) != CONNECTION_OK) {
      err = PQerrorMessage(c);
    } else {
      PGresult* r = PQexec(c, statement.c_str());
      const auto st = PQresultStatus(r);
      if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) err = PQresultErrorMessage(r);
      PQclear(r);
    }
    PQfinish(c);
    return err;
  }
  /// The first value of a query's first row, or "" (error: "ERROR: …").
  std::string value(const std::string& db, const std::string& query) const {
    PGconn* c = PQconnectdb(uri(db).c_str());
    std::string out;
    if (PQstatus(c) != CONNECTION_OK) {
      out = std::string("ERROR: ") + PQerrorMessage(c);
    } else {
      PGresult* r = PQexec(c, query.c_str());
      if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) out = PQgetvalue(r, 0, 0);
      else if (PQresultStatus(r) != PGRES_TUPLES_OK) out = std::string("ERROR: ") + PQresultErrorMessage(r);
      PQclear(r);
    }
    PQfinish(c);
    return out;
  }

  /// pg_ctl stop -m immediate / start: the server stopped under a client, then back.
  bool stop_server() { return pg_ctl({"stop", "-m", "immediate", "-w"}) == 0; }
  bool start_server() { return pg_ctl({"start", "-w", "-t", "60", "-l", dir_ + "/server.log", "-o", options()}) == 0; }

  void shutdown() {
    if (!dir_.empty()) {
      if (ok_) pg_ctl({"stop", "-m", "fast", "-w"});
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
      dir_.clear();
    }
    ok_ = false;
  }

 private:
  bool started_ = false;
  bool ok_ = false;
  std::string reason_;
  std::string dir_;
  std::string bin_;
  int databases_ = 0;

  static std::string encoded(const std::string& s) {
    std::string out;
    static constexpr char hex[] = "0123456789ABCDEF";
    for (const char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.') out += ch;
      else {
        out += '%';
        out += hex[c >> 4];
        out += hex[c & 15];
      }
    }
    return out;
  }

  [[nodiscard]] std::string options() const {
    return "-k " + dir_ + " -c listen_addresses='' -c fsync=off -c max_connections=40 -c shared_buffers=16MB";
  }

  /// Runs a PostgreSQL program as the cluster's owner; its exit status (-1 if it did not run).
  int run(const std::string& program, std::vector<std::string> args) const {
    const std::string path = bin_ + "/" + program;
    const pid_t pid = ::fork();
    if (pid < 0) return -1;
    if (pid == 0) {
      if (::geteuid() == 0) {
        if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(126);
      }
      // Quiet unless it fails: the output goes to a log in the cluster's directory.
      const std::string log = dir_ + "/" + program + ".out";
      if (FILE* f = std::freopen(log.c_str(), "a", stdout)) (void)f;
      ::dup2(::fileno(stdout), 2);
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(path.c_str()));
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(path.c_str(), argv.data());
      ::_exit(127);
    }
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
  }

  int pg_ctl(std::vector<std::string> args) const {
    args.insert(args.begin(), {"-D", dir_ + "/data"});
    return run("pg_ctl", args);
  }

  void start() {
    if (started_) return;
    started_ = true;
    std::vector<std::filesystem::path> bins;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator("/usr/lib/postgresql", ec))
      if (std::filesystem::exists(e.path() / "bin" / "initdb")) bins.push_back(e.path() / "bin");
    if (bins.empty()) {
      reason_ = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; make test installs the Debian "
                "package postgresql)";
      return;
    }
    std::sort(bins.begin(), bins.end());
    bin_ = bins.back().string();
    char tmpl[] = "/tmp/annals-pg-XXXXXX";
    if (!::mkdtemp(tmpl)) {
      reason_ = "cannot make a temporary directory for the cluster";
      return;
    }
    dir_ = tmpl;
    if (::geteuid() == 0 && ::chown(dir_.c_str(), 65534, 65534) != 0) {
      reason_ = "cannot give the cluster directory to uid 65534";
      return;
    }
    ::chmod(dir_.c_str(), 0755);
    if (run("initdb", {"-D", dir_ + "/data", "-U", "annals", "--auth=trust", "-E", "UTF8", "--no-locale",
                       "--no-sync"}) != 0) {
      reason_ = "initdb failed (see " + dir_ + "/initdb.out)";
      keep_log();
      return;
    }
    if (!start_server()) {
      reason_ = "the PostgreSQL server did not start (see " + dir_ + "/server.log)";
      keep_log();
      return;
    }
    ok_ = true;
  }

  void keep_log() {
    // On failure the directory is kept for the reason's log, and no server runs in it.
    dir_.clear();
  }
};

/// Stops and removes the cluster when the test program ends (also after failed tests).
class pg_cluster_environment : public ::testing::Environment {
 public:
  void TearDown() override { pg_cluster::get().shutdown(); }
};

}  // namespace annals::test
