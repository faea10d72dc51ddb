// The store on both backends, same data, same run: ingest (reports/s, facts/s) by one process
// and by four processes at once, a series, every series of a jurisdiction, and the panel export,
// on an SQLite file and on a PostgreSQL database.
//
// PostgreSQL: set ANNALS_BENCH_PG to the URI of a server's maintenance database (for example
// postgresql:///postgres?host=/tmp/pgm&user=annals, a cluster of bench/README.md); the bench
// drops and creates its own databases annals_bench_ingest, annals_bench_parallel and
// annals_bench_query there. Without it the PostgreSQL cases are skipped with that reason.
//
// All reports are made-up synthetic documents (tests/store_synthetic.hpp), built before timing.

#include <annals/store.hpp>

#include "store_synthetic.hpp"

#include <benchmark/benchmark.h>
#include <libpq-fe.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

enum backend : int { sqlite = 0, postgres = 1 };

fs::path bench_dir() {
  const char* env = std::getenv("ANNALS_BENCH_DIR");
  fs::path dir = env != nullptr ? fs::path(env) : fs::temp_directory_path() / "annals-bench-backends";
  fs::create_directories(dir);
  return dir;
}

/// A fresh, empty store location named `name` on backend `b`; "" with `why` set when impossible.
std::string fresh(backend b, const std::string& name, std::string& why) {
  if (b == sqlite) {
    const fs::path p = bench_dir() / (name + ".db");
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
    return p.string();
  }
  const char* admin = std::getenv("ANNALS_BENCH_PG");
  if (admin == nullptr || *admin == '\0') {
    why = "ANNALS_BENCH_PG is not set (the URI of a PostgreSQL maintenance database)";
    return "";
  }
  PGconn* c = PQconnectdb(admin);
  if (PQstatus(c) != CONNECTION_OK) {
    why = std::string("cannot connect: ") + PQerrorMessage(c);
    PQfinish(c);
    return "";
  }
  // fixed database names: no input text in the SQL
  const std::string db = "annals_bench_" + name;
  PQclear(PQexec(c, ("DROP DATABASE IF EXISTS " + db).c_str()));
  PGresult* r = PQexec(c, ("CREATE DATABASE " + db).c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  if (!ok) why = PQresultErrorMessage(r);
  PQclear(r);
  // the same server, another database: replace the path of the URI
  std::string uri = admin;
  const auto q = uri.find('?');
  const std::string query = q == std::string::npos ? "" : uri.substr(q);
  const auto slash = uri.find('/', uri.find("://") + 3);
  uri = uri.substr(0, slash) + "/" + db + query;
  PQfinish(c);
  return ok ? uri : "";
}

constexpr int ingest_reports = 120;
constexpr std::size_t ingest_facts = 1000;

const std::vector<annals::report>& ingest_pool() {
  static const std::vector<annals::report> pool = [] {
    std::vector<annals::report> v;
    for (int i = 0; i < ingest_reports; ++i)
      v.push_back(annals::synthetic::make_report(700 + i / 6, 2019 + i % 6, ingest_facts));
    return v;
  }();
  return pool;
}

void BM_Backend_Ingest(benchmark::State& state) {
  const auto b = static_cast<backend>(state.range(0));
  const auto& pool = ingest_pool();
  std::size_t reports = 0, facts = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string why;
    const std::string loc = fresh(b, "ingest", why);
    if (loc.empty()) {
      state.SkipWithError(why.c_str());
      return;
    }
    auto db = annals::store::open(loc);
    state.ResumeTiming();
    for (const auto& r : pool) facts += db.ingest(r).counts.facts;
    reports += pool.size();
  }
  state.counters["reports/s"] = benchmark::Counter(static_cast<double>(reports), benchmark::Counter::kIsRate);
  state.counters["facts/s"] = benchmark::Counter(static_cast<double>(facts), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Backend_Ingest)->ArgNames({"pg"})->Arg(sqlite)->Arg(postgres)->Iterations(2)->UseRealTime()->Unit(benchmark::kMillisecond);

/// `writers` processes ingest the pool at once, each a share of it (each report by one process).
void BM_Backend_IngestParallel(benchmark::State& state) {
  const auto b = static_cast<backend>(state.range(0));
  const int writers = static_cast<int>(state.range(1));
  const auto& pool = ingest_pool();
  std::size_t reports = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string why;
    const std::string loc = fresh(b, "parallel", why);
    if (loc.empty()) {
      state.SkipWithError(why.c_str());
      return;
    }
    { auto db = annals::store::open(loc); }  // the schema, before the clock
    state.ResumeTiming();
    std::vector<pid_t> pids;
    for (int w = 0; w < writers; ++w) {
      const pid_t pid = ::fork();
      if (pid == 0) {
        int rc = 0;
        try {
          annals::store_options o;
          o.busy_timeout = std::chrono::milliseconds(60000);
          auto db = annals::store::open(loc, annals::open_mode::read_write, o);
          for (std::size_t i = static_cast<std::size_t>(w); i < pool.size(); i += static_cast<std::size_t>(writers))
            (void)db.ingest(pool[i]);
        } catch (...) {
          rc = 1;
        }
        ::_exit(rc);
      }
      pids.push_back(pid);
    }
    bool ok = true;
    for (const auto pid : pids) {
      int status = 0;
      ::waitpid(pid, &status, 0);
      ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    if (!ok) {
      state.SkipWithError("a writer failed");
      return;
    }
    reports += pool.size();
  }
  state.counters["reports/s"] = benchmark::Counter(static_cast<double>(reports), benchmark::Counter::kIsRate);
  state.counters["facts/s"] =
      benchmark::Counter(static_cast<double>(reports * ingest_facts), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Backend_IngestParallel)
    ->ArgNames({"pg", "writers"})
    ->Args({sqlite, 1})
    ->Args({sqlite, 4})
    ->Args({postgres, 1})
    ->Args({postgres, 4})
    ->Iterations(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// ---- queries on 200 jurisdictions × 12 years × 70 facts = 168,000 facts -----------------------

constexpr int query_jurisdictions = 200, query_years = 12;

const std::string& query_store(backend b, std::string& why) {
  static std::string loc[2];
  static bool built[2] = {false, false};
  if (!built[b]) {
    built[b] = true;
    loc[b] = fresh(b, "query", why);
    if (loc[b].empty()) return loc[b];
    auto db = annals::store::open(loc[b]);
    for (int j = 0; j < query_jurisdictions; ++j)
      for (int y = 0; y < query_years; ++y) (void)db.ingest(annals::synthetic::make_report(j, 2010 + y, 70));
  } else if (loc[b].empty()) {
    why = "the PostgreSQL store could not be made (see the ingest case)";
  }
  return loc[b];
}

void BM_Backend_Series(benchmark::State& state) {
  const auto b = static_cast<backend>(state.range(0));
  std::string why;
  const auto& loc = query_store(b, why);
  if (loc.empty()) {
    state.SkipWithError(why.c_str());
    return;
  }
  auto db = annals::store::open(loc, annals::open_mode::read_only);
  int j = 0;
  for (auto _ : state) {
    const auto s = db.series(annals::synthetic::jurisdiction_name(j), "新收行政复议案件|件");
    if (s.points.size() != static_cast<std::size_t>(query_years)) state.SkipWithError("series incomplete");
    j = (j + 37) % query_jurisdictions;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Backend_Series)->ArgNames({"pg"})->Arg(sqlite)->Arg(postgres)->UseRealTime()->Unit(benchmark::kMicrosecond);

void BM_Backend_AllSeries(benchmark::State& state) {
  const auto b = static_cast<backend>(state.range(0));
  std::string why;
  const auto& loc = query_store(b, why);
  if (loc.empty()) {
    state.SkipWithError(why.c_str());
    return;
  }
  auto db = annals::store::open(loc, annals::open_mode::read_only);
  int j = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(db.all_series(annals::synthetic::jurisdiction_name(j)));
    j = (j + 37) % query_jurisdictions;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Backend_AllSeries)->ArgNames({"pg"})->Arg(sqlite)->Arg(postgres)->UseRealTime()->Unit(benchmark::kMillisecond);

class null_buf : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return c; }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

void BM_Backend_PanelCsv(benchmark::State& state) {
  const auto b = static_cast<backend>(state.range(0));
  std::string why;
  const auto& loc = query_store(b, why);
  if (loc.empty()) {
    state.SkipWithError(why.c_str());
    return;
  }
  auto db = annals::store::open(loc, annals::open_mode::read_only);
  std::size_t rows = 0;
  for (auto _ : state) {
    null_buf buf;
    std::ostream out(&buf);
    rows += db.panel_csv(out);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(rows));
}
BENCHMARK(BM_Backend_PanelCsv)->ArgNames({"pg"})->Arg(sqlite)->Arg(postgres)->Iterations(3)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
