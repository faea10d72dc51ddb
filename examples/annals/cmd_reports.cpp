// annals reports — the reports a store holds, with their counts of facts, changes and commitments.
#include "cli.hpp"
#include "files.hpp"
#include "text_table.hpp"

#include <annals/error.hpp>
#include <annals/records_json.hpp>
#include <annals/store.hpp>

#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace {

using annals::cli::format;

struct reports_options {
  std::string db;
  std::string jurisdiction;
  bool revisions = false;
  format fmt = format::table;
};

int run(const reports_options& o, annals::cli::io& io) {
  const annals::store db = annals::cli::open_store_read_only(o.db);
  annals::report_filter f;
  if (!o.jurisdiction.empty()) f.jurisdiction = o.jurisdiction;
  f.current_only = !o.revisions;
  const auto list = db.reports(f);

  switch (o.fmt) {
    case format::json: io.out << annals::reports_to_json(list); break;
    case format::csv: io.out << annals::reports_to_csv(list); break;
    default: {
      // revision: "2/2" (the second of two stored for that jurisdiction and year), "*" marks the
      // current one when earlier revisions are listed too; "—" for a year with one report
      annals::cli::text_table t({">id", "jurisdiction", ">year", "published", ">facts", ">changes", ">commitments",
                                 "revision", "sha256", "source"});
      for (const auto& r : list) {
        std::string rev = "—";
        if (r.revisions > 1)
          rev = std::to_string(r.revision) + "/" + std::to_string(r.revisions) + (r.current ? " current" : "");
        t.add({std::to_string(r.id.value), r.jurisdiction.value_or("—"),
               r.year ? std::to_string(r.year->value()) : "—", r.published ? r.published->to_iso() : "—",
               std::to_string(r.facts), std::to_string(r.changes), std::to_string(r.commitments), rev,
               r.sha256.substr(0, 12), r.source_name});
      }
      t.print(io.out);
      io.out << list.size() << (list.size() == 1 ? " report" : " reports") << " in " << annals::cli::safe(o.db) << "\n";
    }
  }
  return 0;
}

const annals::cli::registration reg{30, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<reports_options>();
  CLI::App* sub = app.add_subcommand("reports", "List the reports in a store with their counts");
  sub->add_option("--db", o->db, "the SQLite store (opened read-only)")->required();
  sub->add_option("--jurisdiction", o->jurisdiction, "only the reports of this jurisdiction (e.g. 成都市)");
  sub->add_flag("--revisions", o->revisions,
                "list every revision: the earlier reports of a jurisdiction and year too, not only the current one");
  annals::cli::add_format_option(*sub, o->fmt, {format::table, format::json, format::csv}, format::table);
  sub->footer(
      "One entry per report: issuer, jurisdiction, year, published, sha256, and its counts of facts,\n"
      "changes and commitments. A jurisdiction and year stored more than once (another file of the same\n"
      "report) is listed once, by its current report (the latest ingested), with its revision (2/2 current);\n"
      "--revisions lists the earlier ones too.\n"
      "Example: annals reports --db annals.db --jurisdiction 成都市 --format json");
  return [o](annals::cli::io& io) { return run(*o, io); };
}};

}  // namespace
