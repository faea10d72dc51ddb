// 05_custom_metric_aliases: tell the store that two wordings are one metric.
//
// Reports word the same figure differently from year to year. The store files every label under
// a metric key (label|unit, scope words such as 全市 dropped); what it cannot guess, you map with
// a CSV of `alias,metric` rows. Here the made-up 2023 report says 制定修改地方性法规草案、政府规章
// where the 2024 and 2025 reports say 地方性法规草案、政府规章: one mapping row joins the series.
// A mapping across units (人 vs 人次) is refused: those are different counts.
//
//   05_custom_metric_aliases     (uses the bundled data/; 2023 and 2025 are made-up test documents)

#include <annals/reader.hpp>
#include <annals/store.hpp>

#include <iostream>
#include <sstream>
#include <string>

namespace {

void show(const annals::store& db, const std::string& metric) {
  const annals::metric_series s = db.series("成都市", metric);
  std::cout << "  " << metric << ":";
  for (const auto& p : s.points) std::cout << "  " << p.year.value() << " " << p.value.text;
  std::cout << "  (" << s.points.size() << " years)\n";
}

}  // namespace

int main() {
  try {
    annals::store db = annals::store::memory();
    for (const char* name : {"chengdu-2023.txt", "chengdu-2024.txt", "chengdu-2025.txt"})
      (void)db.ingest(annals::read_report(std::string(ANNALS_DATA_DIR "/") + name));

    const std::string metric = "地方性法规草案、政府规章|件";
    std::cout << "before the mapping:\n";
    show(db, metric);

    // The mapping: alias (label|unit as written) → metric (a key the catalogue knows).
    std::istringstream mapping("alias,metric\n制定修改地方性法规草案、政府规章|件,地方性法规草案、政府规章|件\n");
    const annals::catalogue_import_result r = db.import_catalogue(mapping, "mapping.csv");
    std::cout << "imported " << r.rows << " row: " << r.aliases_moved << " alias moved, " << r.metrics_removed
              << " metric left without aliases\n";
    std::cout << "after the mapping:\n";
    show(db, metric);

    // Different units never share a series: 抽考行政执法人员 was counted in 人 (2024) and 人次 (2025).
    std::istringstream across_units("alias,metric\n抽考行政执法人员|人次,抽考行政执法人员|人\n");
    try {
      (void)db.import_catalogue(across_units, "units.csv");
    } catch (const annals::input_error& e) {
      std::cout << "refused: " << e.what() << "\n";
    }

    // The whole catalogue can be exported, edited and imported again.
    std::ostringstream out;
    std::cout << "catalogue: " << db.export_catalogue(out) << " aliases\n";
    return 0;
  } catch (const annals::error& e) {
    std::cerr << "05_custom_metric_aliases: " << e.what() << "\n";
    return 1;
  }
}
