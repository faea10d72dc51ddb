// annals export — a store's figures as CSV for other tools: --panel writes the panel
// (jurisdiction,metric,year,value) exactly as `annals yoy --panel` reads it back; --facts writes
// one row per fact of the current reports. Each output is a file written through a temporary file
// renamed into place (never the store itself), or standard output for `-`.
#include "cli.hpp"
#include "files.hpp"

#include <annals/csv.hpp>
#include <annals/error.hpp>
#include <annals/store.hpp>

#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace {

struct export_options {
  std::string db;
  std::string panel;  ///< --panel FILE ("-": stdout)
  std::string facts;  ///< --facts FILE ("-": stdout)
};

/// The exact decimal as stored (its scale kept: 89.60 stays 89.60).
std::string exact(const annals::decimal& d) { return d.to_string(d.scale()); }

std::string exact(const std::optional<annals::decimal>& d) { return d ? exact(*d) : std::string(); }

/// One row per fact of every current report with a jurisdiction and a year, by jurisdiction, year
/// and position in the report; `metric` is the catalogue key the fact is filed under.
std::size_t write_facts_csv(const annals::store& db, std::ostream& out) {
  using annals::csv_field;
  using annals::csv_kind;
  out << "jurisdiction,year,report_id,fact,section,item,label,metric,text,value,unit,qualifier,lo,hi,kind,"
         "cumulative,average\n";
  annals::report_filter current;
  current.current_only = true;
  std::size_t rows = 0;
  for (const auto& s : db.reports(current)) {
    if (!s.jurisdiction || !s.year) continue;
    const annals::report r = db.load_report(s.id);
    for (const auto& f : r.facts) {
      const annals::interval b = f.q.bounds();
      auto opt = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); };
      out << csv_field(*s.jurisdiction) << ',' << s.year->value() << ',' << s.id.value << ',' << csv_field(f.id) << ','
          << opt(f.section) << ',' << opt(f.item) << ',' << csv_field(f.label) << ','
          << csv_field(db.metric_of(f.label, f.q.unit)) << ',' << csv_field(f.text) << ','
          << csv_field(exact(f.q.value), csv_kind::number) << ',' << csv_field(f.q.unit) << ','
          << annals::to_string(f.q.qual) << ',' << csv_field(exact(b.lo), csv_kind::number) << ','
          << csv_field(exact(b.hi), csv_kind::number) << ',' << annals::to_string(f.kind) << ','
          << (f.cumulative ? 1 : 0) << ',' << (f.average ? 1 : 0) << "\n";
      ++rows;
    }
  }
  return rows;
}

int run(const export_options& o, annals::cli::io& io) {
  if (o.panel.empty() && o.facts.empty()) throw annals::usage_error("export: give --panel FILE, --facts FILE or both");
  if (o.panel == "-" && o.facts == "-") throw annals::usage_error("export: --panel and --facts cannot both be - (stdout)");
  if (!o.panel.empty() && o.panel == o.facts) throw annals::usage_error("export: --panel and --facts name the same file");
  for (const std::string* path : {&o.panel, &o.facts})
    if (!path->empty() && *path != "-") annals::cli::refuse_overwriting(*path, {{"the store", o.db}});
  const annals::store db = annals::cli::open_store_read_only(o.db);
  // Each CSV is written as it is read, into a temporary file beside its destination (or the
  // stdout spool for -), and put in place only when everything was read: a failure leaves no
  // output at all, and memory does not grow with the store.
  std::optional<annals::cli::atomic_file> panel_file, facts_file;
  std::optional<annals::cli::spooled_stdout> to_stdout;
  const auto sink = [&](const std::string& path, std::optional<annals::cli::atomic_file>& file) -> std::ostream& {
    if (path == "-") return to_stdout.emplace().stream();
    return file.emplace(path).stream();
  };
  std::size_t panel_rows = 0, fact_rows = 0;
  if (!o.panel.empty()) panel_rows = db.panel_csv(sink(o.panel, panel_file));
  if (!o.facts.empty()) fact_rows = write_facts_csv(db, sink(o.facts, facts_file));
  // every file complete on disk before any is renamed into place or anything printed
  if (panel_file) panel_file->finish();
  if (facts_file) facts_file->finish();
  if (to_stdout) to_stdout->commit();
  if (panel_file) panel_file->commit();
  if (facts_file) facts_file->commit();
  if (!o.panel.empty() && o.panel != "-")
    io.err << "annals: wrote " << panel_rows << " panel rows to " << annals::cli::safe(o.panel) << "\n";
  if (!o.facts.empty() && o.facts != "-")
    io.err << "annals: wrote " << fact_rows << " facts to " << annals::cli::safe(o.facts) << "\n";
  return 0;
}

const annals::cli::registration reg{92, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<export_options>();
  CLI::App* sub = app.add_subcommand("export", "Export a store's figures as CSV: the panel, or every fact");
  sub->add_option("--db", o->db, "the store: a file (or sqlite:PATH) or postgresql://…")->required();
  sub->add_option("--panel", o->panel,
                  "write the panel CSV (jurisdiction,metric,year,value) that `annals yoy --panel` reads; - for stdout");
  sub->add_option("--facts", o->facts, "write one CSV row per fact of the current reports; - for stdout");
  sub->footer(
      "Files are written through a temporary file renamed into place once complete, never over the store.\n"
      "Example: annals export --db annals.db --panel panel.csv --facts facts.csv\n"
      "         annals export --db annals.db --panel - | annals yoy --panel -");
  return [o](annals::cli::io& io) { return run(*o, io); };
}};

}  // namespace
