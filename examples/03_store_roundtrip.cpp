// 03_store_roundtrip: keep reports in an SQLite store and read them back.
//
// Ingesting is idempotent (a report is known by the sha256 of its bytes) and each report is
// stored whole in one transaction. The store answers with series: one metric of one jurisdiction
// across the years.
//
//   03_store_roundtrip [DB]     (default: a private in-memory store)

#include <annals/reader.hpp>
#include <annals/store.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
  try {
    annals::store db = argc > 1 ? annals::store::open(argv[1]) : annals::store::memory();

    // 1. Ingest three years of one city. (2023 and 2025 are made-up test documents.)
    for (const char* name : {"chengdu-2023.txt", "chengdu-2024.txt", "chengdu-2025.txt"}) {
      const annals::report r = annals::read_report(std::string(ANNALS_DATA_DIR "/") + name);
      const annals::ingest_result res = db.ingest(r);
      std::cout << name << ": " << (res.status == annals::ingest_status::added ? "added" : "skipped") << " as report "
                << res.id.value << " with " << res.counts.facts << " facts\n";
    }

    // 2. The same file again changes nothing.
    const auto again = db.ingest(annals::read_report(ANNALS_DATA_DIR "/chengdu-2024.txt"));
    std::cout << "chengdu-2024.txt again: " << (again.status == annals::ingest_status::skipped ? "skipped" : "added")
              << "\n";

    // 3. A metric across the years. The key is label|unit; 全市 and other scope words are dropped,
    //    so 全市新收行政复议案件 of every year lands in one series.
    const annals::metric_series s = db.series("成都市", "新收行政复议案件|件");
    std::cout << "series " << s.metric << ":";
    for (const auto& p : s.points) std::cout << "  " << p.year.value() << " " << p.value.text;
    std::cout << "\n";

    // 4. A stored report comes back whole.
    const auto listed = db.reports();
    const annals::report back = db.load_report(listed.front().id);
    std::cout << "report " << listed.front().id.value << " read back: " << back.meta.title << ", "
              << back.facts.size() << " facts\n";
    return 0;
  } catch (const annals::error& e) {
    std::cerr << "03_store_roundtrip: " << e.what() << "\n";
    return 1;
  }
}
