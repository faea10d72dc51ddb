// The store (annals::store on SQLite): bulk ingest in facts/s into a file database (one
// transaction per report), sample-sized reports/s, and the query time of a series and of a full
// panel export on a database of 1,000,000+ facts. In the same run, sqlite3's own `.import` of
// the same fact rows as CSV (the sqlite3 command-line tool, a separate process).
//
// All reports are made-up synthetic documents (tests/store_synthetic.hpp), built before timing.
// Databases live in $ANNALS_BENCH_DIR (default /tmp/annals-bench-store) and are rebuilt each run
// (set ANNALS_BENCH_REUSE_BIG=1 to reuse the 1.05M-fact database of an earlier run).

#include <annals/store.hpp>

#include "store_synthetic.hpp"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

fs::path bench_dir() {
  const char* env = std::getenv("ANNALS_BENCH_DIR");
  fs::path dir = env != nullptr ? fs::path(env) : fs::temp_directory_path() / "annals-bench-store";
  fs::create_directories(dir);
  return dir;
}

void remove_db(const fs::path& db) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
}

// ---- bulk: big reports, one transaction each ------------------------------------------------

constexpr int bulk_reports = 240;
constexpr std::size_t bulk_facts = 1000;

/// The bulk reports: 240 × 1,000 facts, in 40 made-up jurisdictions × 6 years.
const std::vector<annals::report>& bulk_pool() {
  static const std::vector<annals::report> pool = [] {
    std::vector<annals::report> v;
    v.reserve(bulk_reports + 2);
    for (int i = 0; i < bulk_reports + 2; ++i)
      v.push_back(annals::synthetic::make_report(500 + i / 6, 2019 + i % 6, bulk_facts));
    return v;
  }();
  return pool;
}

void BM_Store_IngestBulk(benchmark::State& state) {
  const auto& pool = bulk_pool();
  const fs::path db_path = bench_dir() / "bulk.db";
  remove_db(db_path);
  auto db = annals::store::open(db_path);
  // The first report of each label form fills the catalogue; measure the steady state.
  (void)db.ingest(pool[0]);
  (void)db.ingest(pool[1]);
  std::size_t next = 2, facts = 0;
  for (auto _ : state) {
    const auto r = db.ingest(pool[next++]);
    facts += r.counts.facts;
    if (r.status != annals::ingest_status::added) state.SkipWithError("report was not added");
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(facts));
  state.counters["facts/report"] = static_cast<double>(bulk_facts);
  state.counters["db_MB"] = static_cast<double>(fs::file_size(db_path) + fs::file_size(db_path.string() + "-wal")) / 1e6;
}
BENCHMARK(BM_Store_IngestBulk)->Iterations(bulk_reports)->UseRealTime()->Unit(benchmark::kMillisecond);

// ---- how the cost per fact grows with the size of a report ------------------------------------

/// Ingest of reports of N facts each (N = 10, 100, 1,000, 10,000), about 100,000 facts per run
/// (at least 10 reports), one transaction per report: the fixed cost of a report (its row, text,
/// sections, catalogue look-ups, COMMIT) against the cost per fact.
void BM_Store_IngestByReportSize(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::size_t reports = static_cast<std::size_t>(state.max_iterations) + 2;
  std::vector<annals::report> pool;
  pool.reserve(reports);
  for (std::size_t i = 0; i < reports; ++i)
    pool.push_back(annals::synthetic::make_report(3000 + static_cast<int>(i / 6), 2019 + static_cast<int>(i % 6), n));
  const fs::path db_path = bench_dir() / ("size-" + std::to_string(n) + ".db");
  remove_db(db_path);
  auto db = annals::store::open(db_path);
  (void)db.ingest(pool[0]);
  (void)db.ingest(pool[1]);
  std::size_t next = 2, facts = 0;
  for (auto _ : state) facts += db.ingest(pool[next++]).counts.facts;
  state.SetItemsProcessed(static_cast<std::int64_t>(facts));
  state.counters["facts/report"] = static_cast<double>(n);
  remove_db(db_path);
}
BENCHMARK(BM_Store_IngestByReportSize)->Arg(10)->Iterations(2000)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Store_IngestByReportSize)->Arg(100)->Iterations(1000)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Store_IngestByReportSize)->Arg(1000)->Iterations(100)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Store_IngestByReportSize)->Arg(10000)->Iterations(10)->UseRealTime()->Unit(benchmark::kMillisecond);

// ---- sample-sized reports (~70 facts, like data/chengdu-2024.txt) -----------------------------

constexpr int sample_reports = 3000;
constexpr std::size_t sample_facts = 70;

const std::vector<annals::report>& sample_pool() {
  static const std::vector<annals::report> pool = [] {
    std::vector<annals::report> v;
    v.reserve(sample_reports + 2);
    for (int i = 0; i < sample_reports + 2; ++i)
      v.push_back(annals::synthetic::make_report(1000 + i / 15, 2010 + i % 15, sample_facts));
    return v;
  }();
  return pool;
}

void BM_Store_IngestSampleSized(benchmark::State& state) {
  const auto& pool = sample_pool();
  const fs::path db_path = bench_dir() / "sample.db";
  remove_db(db_path);
  auto db = annals::store::open(db_path);
  (void)db.ingest(pool[0]);
  (void)db.ingest(pool[1]);
  std::size_t next = 2, facts = 0;
  for (auto _ : state) {
    facts += db.ingest(pool[next++]).counts.facts;
  }
  state.SetItemsProcessed(state.iterations());  // items = reports
  state.counters["facts/s"] = benchmark::Counter(static_cast<double>(facts), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Store_IngestSampleSized)->Iterations(sample_reports)->UseRealTime()->Unit(benchmark::kMicrosecond);

// ---- queries on a database of 1,050,000 facts -------------------------------------------------

constexpr int big_jurisdictions = 1000;
constexpr int big_years = 15;  // 2010 … 2024
constexpr std::size_t big_facts = 70;

/// 1,000 made-up jurisdictions × 15 years × 70 facts = 1,050,000 facts; built once per run.
const fs::path& big_db() {
  static const fs::path path = [] {
    const fs::path p = bench_dir() / "big.db";
    if (std::getenv("ANNALS_BENCH_REUSE_BIG") != nullptr && fs::exists(p)) {
      // Reuse a complete big.db from an earlier run (it is built deterministically).
      auto db = annals::store::open(p, annals::open_mode::read_only);
      if (db.reports().size() == static_cast<std::size_t>(big_jurisdictions * big_years)) return p;
    }
    remove_db(p);
    auto db = annals::store::open(p);
    const auto t0 = std::chrono::steady_clock::now();
    std::size_t facts = 0;
    for (int j = 0; j < big_jurisdictions; ++j)
      for (int y = 0; y < big_years; ++y) facts += db.ingest(annals::synthetic::make_report(j, 2010 + y, big_facts)).counts.facts;
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "big.db: %zu facts in %d reports built in %.1f s (generation included)\n", facts,
                 big_jurisdictions * big_years, s);
    return p;
  }();
  return path;
}

void BM_Store_Series(benchmark::State& state) {
  auto db = annals::store::open(big_db(), annals::open_mode::read_only);
  int j = 0;
  std::size_t points = 0;
  for (auto _ : state) {
    const auto s = db.series(annals::synthetic::jurisdiction_name(j), "新收行政复议案件|件");
    points += s.points.size();
    benchmark::DoNotOptimize(s);
    j = (j + 37) % big_jurisdictions;
  }
  if (points != static_cast<std::size_t>(state.iterations()) * big_years) state.SkipWithError("series incomplete");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Store_Series)->UseRealTime()->Unit(benchmark::kMicrosecond);

/// An ostream that counts bytes and throws them away.
class counting_buf : public std::streambuf {
 public:
  std::size_t bytes = 0;

 protected:
  int_type overflow(int_type c) override {
    ++bytes;
    return c;
  }
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes += static_cast<std::size_t>(n);
    return n;
  }
};

void BM_Store_PanelCsv(benchmark::State& state) {
  auto db = annals::store::open(big_db(), annals::open_mode::read_only);
  std::size_t rows = 0, bytes = 0;
  for (auto _ : state) {
    counting_buf buf;
    std::ostream out(&buf);
    rows += db.panel_csv(out);
    bytes += buf.bytes;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(rows));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["rows"] = static_cast<double>(rows) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Store_PanelCsv)->UseRealTime()->Unit(benchmark::kMillisecond)->Iterations(3);

// ---- peer: sqlite3's .import of the same fact rows --------------------------------------------

std::string csv_text(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

/// The facts of the bulk pool as the 23 columns of the facts table (alias_id 1 for all).
fs::path bulk_csv() {
  static const fs::path path = [] {
    const fs::path p = bench_dir() / "bulk_facts.csv";
    std::ofstream out(p, std::ios::binary);
    const auto& pool = bulk_pool();
    for (int i = 2; i < bulk_reports + 2; ++i) {
      const auto& r = pool[static_cast<std::size_t>(i)];
      const std::int64_t report_id = i + 1;
      for (std::size_t k = 0; k < r.facts.size(); ++k) {
        const auto& f = r.facts[k];
        const auto b = f.q.bounds();
        out << (report_id * 1048576 + static_cast<std::int64_t>(k)) << ',' << report_id << ',' << f.id << ','
            << (f.section ? std::to_string(*f.section) : "") << ',' << (f.item ? std::to_string(*f.item) : "") << ','
            << csv_text(f.label) << ',' << csv_text(f.text) << ',' << f.q.value.to_string(f.q.value.scale()) << ','
            << csv_text(f.q.unit) << ',' << to_string(f.q.qual) << ',' << csv_text(f.qualifier_text) << ','
            << f.q.last_digit << ',' << (f.q.approximate ? 1 : 0) << ',' << (b.lo ? b.lo->to_string() : "") << ','
            << (b.hi ? b.hi->to_string() : "") << ',' << (b.lo_closed ? 1 : 0) << ',' << (b.hi_closed ? 1 : 0) << ','
            << to_string(f.kind) << ',' << (f.cumulative ? 1 : 0) << ',' << (f.average ? 1 : 0) << ','
            << f.span.start << ',' << f.span.end << ",1\n";
      }
    }
    return p;
  }();
  return path;
}

void BM_Sqlite3Cli_ImportCsv(benchmark::State& state) {
  const fs::path csv = bulk_csv();
  const fs::path script = fs::path(ANNALS_BENCH_SOURCE_DIR) / "compare" / "store_import.sh";
  const fs::path db_path = bench_dir() / "import.db";
  std::size_t rows = 0;
  for (auto _ : state) {
    state.PauseTiming();
    remove_db(db_path);
    state.ResumeTiming();
    const std::string cmd = "sh '" + script.string() + "' '" + db_path.string() + "' '" + csv.string() + "'";
    if (std::system(cmd.c_str()) != 0) {
      state.SkipWithError("sqlite3 .import failed (is the sqlite3 tool installed?)");
      break;
    }
    rows += static_cast<std::size_t>(bulk_reports) * bulk_facts;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(rows));
}
BENCHMARK(BM_Sqlite3Cli_ImportCsv)->Iterations(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
