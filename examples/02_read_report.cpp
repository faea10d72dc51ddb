// 02_read_report: read one annual report and look at what the reader found.
//
// The reader turns the text of a 法治政府建设情况报告 (UTF-8, GB18030, UTF-16 or a saved web page)
// into an annals::report: who reports which year, every figure with what it counts and the
// interval it allows, every stated change, and the report's commitments.
//
//   02_read_report [REPORT]     (default: the bundled data/chengdu-2024.txt)

#include <annals/reader.hpp>
#include <annals/report_json.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : ANNALS_DATA_DIR "/chengdu-2024.txt";
  try {
    const annals::report r = annals::read_report(path);  // throws annals::input_error on bad input

    // 1. Who reports what year.
    std::cout << r.meta.title << "\n"
              << "  issuer: " << r.meta.issuer.value_or("?") << ", jurisdiction: " << r.meta.jurisdiction.value_or("?")
              << ", year: " << (r.meta.year ? std::to_string(r.meta.year->value()) : "?")
              << ", published: " << (r.meta.published ? r.meta.published->to_iso() : "?") << "\n"
              << "  " << r.facts.size() << " facts, " << r.changes.size() << " changes, " << r.commitments.size()
              << " commitments\n";

    // 2. A figure is a value with a unit, a qualifier (超, 余, 以上 …) and the interval it allows.
    for (const auto& f : r.facts) {
      if (f.label.find("行政复议") == std::string::npos) continue;
      const annals::interval iv = f.q.bounds();
      std::cout << "  fact " << f.id << ": " << f.label << " " << f.text << " → value " << f.q.value.to_string()
                << ", allows " << (iv.lo_closed ? "[" : "(") << (iv.lo ? iv.lo->to_string() : "-inf") << ", "
                << (iv.hi ? iv.hi->to_string() : "inf") << (iv.hi_closed ? "]" : ")") << "\n";
    }

    // 3. Stated changes: growth in %, percentage points, 由A至B chains, streaks …
    for (const auto& c : r.changes)
      if (c.kind == annals::change_kind::growth_pct)
        std::cout << "  change " << c.id << ": " << c.label << " " << c.text << " (growth "
                  << (c.value ? c.value->to_string() : "?") << "%)\n";

    // 4. The whole report as annals.report/1 JSON, for other tools.
    const std::string json = annals::to_json(r);
    std::cout << "  annals.report/1 JSON: " << json.size() << " bytes\n";
    return 0;
  } catch (const annals::error& e) {
    std::cerr << "02_read_report: " << e.what() << "\n";
    return 1;
  }
}
