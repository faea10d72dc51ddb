// annals_accuracy: the accuracy suite's scoreboard (make accuracy) and regression gate (ctest
// accuracy_gate). See tests/accuracy/README.md.
//
//   annals_accuracy [--root DIR] [--data DIR] [--details] [--gate FLOORS]
//
// Exit codes: 0 scored (and every floor held), 1 a floor was not met, 2 usage, 3 a gold file is
// malformed or missing.
#include "scorer.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using namespace annals::accuracy;

namespace {

std::string pct(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%6.2f%%", v * 100.0);
  return buf;
}

void print_row(const std::string& name, const tally& t) {
  std::printf("%-24s %5d %6d %6d %6d %7d  %s  %s  %s\n", name.c_str(), t.sentences, t.gold(), t.found(), t.right(),
              t.extracted(), pct(t.recall()).c_str(), pct(t.precision()).c_str(), pct(t.fully_correct()).c_str());
}

void print_header(const char* first) {
  std::printf("%-24s %5s %6s %6s %6s %7s  %7s  %7s  %7s\n", first, "sent", "gold", "found", "right", "extract",
              "recall", "precis.", "fully");
}

}  // namespace

int main(int argc, char** argv) {
  fs::path root = ANNALS_ACCURACY_DIR;
  fs::path data = ANNALS_DATA_DIR;
  fs::path test_data = ANNALS_TEST_DIR;
  std::string floors_file;
  bool details = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--details") details = true;
    else if (a == "--root" && i + 1 < argc) root = argv[++i];
    else if (a == "--data" && i + 1 < argc) data = argv[++i];
    else if (a == "--gate" && i + 1 < argc) floors_file = argv[++i];
    else {
      std::cerr << "annals_accuracy: " << a << ": unknown option (--root DIR, --data DIR, --details, --gate FLOORS)\n";
      return 2;
    }
  }
  try {
    // Reader: every sentences/*.tsv, in name order.
    std::vector<fs::path> files;
    if (!fs::is_directory(root / "sentences")) throw gold_error((root / "sentences").string() + ": no such directory");
    for (const auto& e : fs::directory_iterator(root / "sentences"))
      if (e.path().extension() == ".tsv") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<gold_sentence> sentences;
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      auto s = parse_sentences(ss.str(), f.filename().string());
      sentences.insert(sentences.end(), s.begin(), s.end());
    }
    const auto reader = score_sentences(sentences);
    std::printf("annals accuracy suite (%s)\n\n", root.string().c_str());
    std::printf("Reader: %d sentences in %zu styles, read one at a time (facts and changes together)\n\n",
                reader.total.sentences, files.size());
    print_header("class");
    for (const auto& [c, t] : reader.by_class) print_row(c, t);
    print_header("style");
    for (const auto& [s, t] : reader.by_style) print_row(s.substr(0, s.size() - 4), t);
    print_header("");
    print_row("ALL", reader.total);
    const auto& T = reader.total;
    std::printf("\n  facts:   %d gold, %d found, %d fully right (%s), %d extracted, precision %s, labels equal %d\n",
                T.gold_facts, T.found_facts, T.right_facts, pct(T.gold_facts ? double(T.right_facts) / T.gold_facts : 1).c_str(),
                T.extracted_facts, pct(T.extracted_facts ? double(T.found_facts) / T.extracted_facts : 1).c_str(),
                T.label_right);
    std::printf("  changes: %d gold, %d found, %d fully right (%s), %d extracted, precision %s\n", T.gold_changes,
                T.found_changes, T.right_changes,
                pct(T.gold_changes ? double(T.right_changes) / T.gold_changes : 1).c_str(), T.extracted_changes,
                pct(T.extracted_changes ? double(T.found_changes) / T.extracted_changes : 1).c_str());

    // The sample report against its own gold list.
    const auto sample = score_report_gold(data / "chengdu-2024.txt", test_data / "data" / "chengdu-2024.gold.tsv");
    const auto& S = sample.total;
    std::printf("\nSample report (data/chengdu-2024.txt): %d facts, %d fully right, %d extracted, %d extra\n",
                S.gold_facts, S.right_facts, S.extracted_facts, S.extracted_facts - S.found_facts);

    // Tracker: every pairs/<name>/.
    std::vector<fs::path> pairs;
    if (fs::is_directory(root / "pairs"))
      for (const auto& e : fs::directory_iterator(root / "pairs"))
        if (e.is_directory()) pairs.push_back(e.path());
    std::sort(pairs.begin(), pairs.end());
    std::printf("\nTracker: %zu report pairs\n%-16s %9s %7s %9s %7s %9s\n", pairs.size(), "pair", "statuses", "right",
                "verdicts", "right", "unlisted");
    int st = 0, st_right = 0, vd = 0, vd_right = 0;
    std::vector<miss> pair_misses;
    for (const auto& p : pairs) {
      const auto s = score_pair(p);
      std::printf("%-16s %9d %7d %9d %7d %9d\n", s.name.c_str(), s.statuses, s.statuses_right, s.verdicts,
                  s.verdicts_right, s.unlisted_verdicts);
      st += s.statuses;
      st_right += s.statuses_right;
      vd += s.verdicts;
      vd_right += s.verdicts_right;
      pair_misses.insert(pair_misses.end(), s.misses.begin(), s.misses.end());
    }
    std::printf("%-16s %9d %7d %9d %7d\n", "ALL", st, st_right, vd, vd_right);

    if (details) {
      std::printf("\nReader misses:\n");
      for (const auto& m : reader.misses) std::printf("  %s: %s\n", m.where.c_str(), m.what.c_str());
      std::printf("\nSample misses:\n");
      for (const auto& m : sample.misses) std::printf("  %s: %s\n", m.where.c_str(), m.what.c_str());
      std::printf("\nTracker misses:\n");
      for (const auto& m : pair_misses) std::printf("  %s: %s\n", m.where.c_str(), m.what.c_str());
    }

    if (floors_file.empty()) return 0;
    std::ifstream fin(floors_file);
    if (!fin) throw gold_error(floors_file + ": cannot open");
    std::ostringstream ss;
    ss << fin.rdbuf();
    const auto floors = parse_floors(ss.str(), floors_file);
    auto frac = [](int a, int b) { return b == 0 ? 1.0 : double(a) / b; };
    const std::map<std::string, double> got{
        {"reader.fully_correct", T.fully_correct()},
        {"reader.precision", T.precision()},
        {"reader.recall", T.recall()},
        {"reader.facts.fully_correct", frac(T.right_facts, T.gold_facts)},
        {"reader.facts.precision", frac(T.found_facts, T.extracted_facts)},
        {"reader.changes.fully_correct", frac(T.right_changes, T.gold_changes)},
        {"reader.changes.precision", frac(T.found_changes, T.extracted_changes)},
        {"sample.fully_correct", frac(S.right_facts, S.gold_facts)},
        {"sample.precision", frac(S.found_facts, S.extracted_facts)},
        {"tracker.statuses", frac(st_right, st)},
        {"tracker.verdicts", frac(vd_right, vd)},
        {"sentences", double(T.sentences)},
        {"styles", double(files.size())},
        {"pairs", double(pairs.size())},
    };
    int failed = 0;
    std::printf("\nGate (%s):\n", floors_file.c_str());
    for (const auto& [name, floor] : floors) {
      const auto it = got.find(name);
      if (it == got.end()) throw gold_error(floors_file + ": unknown measure '" + name + "'");
      const bool ok = it->second + 1e-9 >= floor;
      std::printf("  %-30s %10.4f  floor %10.4f  %s\n", name.c_str(), it->second, floor, ok ? "ok" : "BELOW");
      if (!ok) ++failed;
    }
    if (failed) {
      std::cerr << "annals_accuracy: " << failed << " measure(s) below their floor (run with --details)\n";
      return 1;
    }
    return 0;
  } catch (const gold_error& e) {
    std::cerr << "annals_accuracy: " << e.what() << "\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "annals_accuracy: " << e.what() << "\n";
    return 3;
  }
}
