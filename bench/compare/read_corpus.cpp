// annals_read_corpus — times annals::read_report_text on a corpus of reports and scores what it
// extracted against the ground truth written beside each report (bench/gen/gen_reports), or
// against a gold TSV for one report (--gold, e.g. tests/data/chengdu-2024.gold.tsv).
//
//   annals_read_corpus DIR [--repeat N]          every DIR/*.txt with DIR/*.truth.tsv beside it
//   annals_read_corpus --gold GOLD.tsv REPORT.txt
//
// Prints one JSON line: reports, bytes, best wall time of N passes (single thread), MB/s, and the
// recall per kind: a truth fact counts as found when some extracted fact has the same value, unit
// and qualifier (each extracted fact matched at most once); label_found additionally needs the
// labels to contain one another. growth_pct / pp match kind and value, from_to its two values,
// problem / next_step the count of commitments of that kind (up to the truth's count).
#include "report_corpus.hpp"

#include <annals/decimal.hpp>
#include <annals/error.hpp>
#include <annals/reader.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) throw annals::input_error(p.string() + ": cannot open");
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool same_value(const std::string& a, const annals::decimal& b) {
  auto d = annals::decimal::try_parse(a);
  return d && *d == b;
}

bool labels_meet(const std::string& truth, const std::string& got) {
  return !truth.empty() && !got.empty() &&
         (got.find(truth) != std::string::npos || truth.find(got) != std::string::npos);
}

struct score {
  std::map<std::string, std::size_t> truth, found;
  std::size_t label_found = 0;
  std::size_t value_found = 0;  ///< facts whose value alone is among the extracted facts' values
  std::size_t extracted_facts = 0;

  void add(const std::vector<annals_bench::truth_row>& rows, const annals::report& r) {
    std::vector<bool> used(r.facts.size(), false), used_v(r.facts.size(), false), used_c(r.changes.size(), false);
    std::size_t problems = 0, steps = 0;
    for (const auto& k : r.commitments) {
      if (k.kind == annals::commitment_kind::problem) ++problems;
      if (k.kind == annals::commitment_kind::next_step) ++steps;
    }
    extracted_facts += r.facts.size();
    for (const auto& t : rows) {
      ++truth[t.kind];
      if (t.kind == "fact") {
        for (std::size_t i = 0; i < r.facts.size(); ++i)
          if (!used_v[i] && same_value(t.value, r.facts[i].q.value)) {
            used_v[i] = true;
            ++value_found;
            break;
          }
        for (std::size_t i = 0; i < r.facts.size(); ++i) {
          const auto& f = r.facts[i];
          if (used[i] || !same_value(t.value, f.q.value) || f.q.unit != t.unit ||
              std::string(annals::to_string(f.q.qual)) != t.qualifier)
            continue;
          used[i] = true;
          ++found[t.kind];
          if (labels_meet(t.label, f.label)) ++label_found;
          break;
        }
      } else if (t.kind == "growth_pct" || t.kind == "pp" || t.kind == "from_to") {
        for (std::size_t i = 0; i < r.changes.size(); ++i) {
          const auto& c = r.changes[i];
          if (used_c[i] || annals::to_string(c.kind) != t.kind) continue;
          const bool ok = t.kind == "from_to" ? (c.from && c.to && same_value(t.value, *c.from) && same_value(t.to, *c.to))
                                              : (c.value && same_value(t.value, *c.value));
          if (!ok) continue;
          used_c[i] = true;
          ++found[t.kind];
          break;
        }
      } else if (t.kind == "problem" && problems > 0) {
        --problems;
        ++found[t.kind];
      } else if (t.kind == "next_step" && steps > 0) {
        --steps;
        ++found[t.kind];
      }
    }
  }

  [[nodiscard]] std::string json() const {
    std::string s = "\"recall\": {";
    bool first = true;
    for (const auto& [kind, n] : truth) {
      const auto it = found.find(kind);
      const std::size_t f = it == found.end() ? 0 : it->second;
      char buf[160];
      std::snprintf(buf, sizeof buf, "%s\"%s\": {\"truth\": %zu, \"found\": %zu, \"recall\": %.4f}", first ? "" : ", ",
                    kind.c_str(), n, f, n ? static_cast<double>(f) / static_cast<double>(n) : 0.0);
      s += buf;
      first = false;
    }
    const auto facts = truth.count("fact") ? truth.at("fact") : 0;
    char buf[160];
    std::snprintf(buf, sizeof buf, "}, \"fact_label_found\": %zu, \"fact_value_found\": %zu, \"facts_truth\": %zu, \"facts_extracted\": %zu",
                  label_found, value_found, facts, extracted_facts);
    return s + buf;
  }
};

}  // namespace

int main(int argc, char** argv) try {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::vector<std::pair<std::string, std::string>> docs;  // name, text
  std::vector<std::vector<annals_bench::truth_row>> truths;
  int repeat = 3;
  if (args.size() == 3 && args[0] == "--gold") {
    std::vector<annals_bench::truth_row> rows;
    if (!annals_bench::parse_truth_tsv(slurp(args[1]), rows)) throw annals::input_error(args[1] + ": malformed TSV");
    docs.emplace_back(args[2], slurp(args[2]));
    truths.push_back(std::move(rows));
    repeat = 1;
  } else if (!args.empty() && args[0].rfind("--", 0) != 0) {
    if (args.size() == 3 && args[1] == "--repeat") repeat = std::max(1, std::atoi(args[2].c_str()));
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(args[0]))
      if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& p : files) {
      std::filesystem::path truth = p;
      truth.replace_extension(".truth.tsv");
      std::vector<annals_bench::truth_row> rows;
      if (std::filesystem::exists(truth) && !annals_bench::parse_truth_tsv(slurp(truth), rows))
        throw annals::input_error(truth.string() + ": malformed TSV");
      docs.emplace_back(p.filename().string(), slurp(p));
      truths.push_back(std::move(rows));
    }
  } else {
    std::cerr << "usage: annals_read_corpus DIR [--repeat N] | annals_read_corpus --gold GOLD.tsv REPORT.txt\n";
    return 2;
  }
  if (docs.empty()) throw annals::input_error(args[0] + ": no .txt reports");

  std::size_t bytes = 0;
  for (const auto& d : docs) bytes += d.second.size();
  double best = 1e300;
  score sc;
  for (int pass = 0; pass < repeat; ++pass) {
    std::vector<annals::report> out;
    out.reserve(docs.size());
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& d : docs) {
      annals::source_info src;
      src.name = d.first;
      out.push_back(annals::read_report_text(d.second, src));
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, s);
    if (pass == 0)
      for (std::size_t i = 0; i < docs.size(); ++i) sc.add(truths[i], out[i]);
  }
  std::printf("{\"reports\": %zu, \"bytes\": %zu, \"seconds\": %.6f, \"mb_per_s\": %.3f, %s}\n", docs.size(), bytes, best,
              static_cast<double>(bytes) / 1e6 / best, sc.json().c_str());
  return 0;
} catch (const annals::error& e) {
  std::cerr << "annals_read_corpus: " << e.what() << "\n";
  return 1;
}
