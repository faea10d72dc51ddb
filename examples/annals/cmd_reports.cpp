// annals reports — the reports a store holds, with their counts of facts, changes and commitments.
#include "cli.hpp"
#include "files.hpp"
#include "records.hpp"
#include "text_table.hpp"

#include <annals/error.hpp>
#include <annals/store.hpp>

#include <cstdint>
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
  bool bom = true;
};

/// The columns of the reports as records (annals.reports/1): every format but table.
annals::cli::record_set report_columns() {
  using annals::cli::cell_type;
  return {"annals.reports/1", "reports",
          {{"id", cell_type::integer},        {"jurisdiction", cell_type::text},
           {"year", cell_type::integer},      {"issuer", cell_type::text},
           {"title", cell_type::text},        {"published", cell_type::text},
           {"recipient", cell_type::text},    {"source", cell_type::text},
           {"sha256", cell_type::text},       {"facts", cell_type::integer},
           {"changes", cell_type::integer},   {"commitments", cell_type::integer},
           {"ingested_at", cell_type::text},  {"current", cell_type::boolean},
           {"revision", cell_type::integer},  {"revisions", cell_type::integer}},
          {}};
}

std::vector<annals::cli::cell> report_row(const annals::report_summary& r) {
  using annals::cli::int_cell;
  return {int_cell(r.id.value), r.jurisdiction, r.year ? int_cell(r.year->value()) : annals::cli::cell(),
          r.issuer, annals::cli::text_or_null(r.title),
          r.published ? annals::cli::cell(r.published->to_iso()) : annals::cli::cell(), r.recipient,
          r.source_name, r.sha256, int_cell(static_cast<std::int64_t>(r.facts)),
          int_cell(static_cast<std::int64_t>(r.changes)), int_cell(static_cast<std::int64_t>(r.commitments)),
          r.ingested_at, annals::cli::bool_cell(r.current), int_cell(static_cast<std::int64_t>(r.revision)),
          int_cell(static_cast<std::int64_t>(r.revisions))};
}

int run(const reports_options& o, annals::cli::io& io) {
  const annals::store db = annals::cli::open_store_read_only(o.db);
  annals::report_filter f;
  if (!o.jurisdiction.empty()) f.jurisdiction = o.jurisdiction;
  f.current_only = !o.revisions;
  if (o.fmt != format::table) {
    // Written as the store hands the reports over: memory does not grow with the store (a
    // national one lists 100,000). Through a spool: a failure on the way prints nothing.
    annals::cli::spooled_stdout spooled;
    annals::cli::record_writer w(spooled.stream(), report_columns(), o.fmt, o.bom);
    db.for_each_report(f, [&](const annals::report_summary& r) { w.add(report_row(r)); });
    w.finish();
    spooled.commit();
    return 0;
  }
  // revision: "2/2" (the second of two stored for that jurisdiction and year), "*" marks the
  // current one when earlier revisions are listed too; "—" for a year with one report
  const auto list = db.reports(f);
  annals::cli::text_table t({">id", "jurisdiction", ">year", "published", ">facts", ">changes", ">commitments",
                             "revision", "sha256", "source"});
  for (const auto& r : list) {
    std::string rev = "—";
    if (r.revisions > 1)
      rev = std::to_string(r.revision) + "/" + std::to_string(r.revisions) + (r.current ? " current" : "");
    t.add({std::to_string(r.id.value), r.jurisdiction.value_or("—"), r.year ? std::to_string(r.year->value()) : "—",
           r.published ? r.published->to_iso() : "—", std::to_string(r.facts), std::to_string(r.changes),
           std::to_string(r.commitments), rev, r.sha256.substr(0, 12), r.source_name});
  }
  t.print(io.out);
  io.out << list.size() << (list.size() == 1 ? " report" : " reports") << " in " << annals::cli::safe(o.db) << "\n";
  return 0;
}

const annals::cli::registration reg{30, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<reports_options>();
  CLI::App* sub = app.add_subcommand("reports", "List the reports in a store with their counts");
  sub->add_option("--db", o->db, "the store, opened read-only: a file (or sqlite:PATH) or postgresql://…")->required();
  sub->add_option("--jurisdiction", o->jurisdiction, "only the reports of this jurisdiction (e.g. 成都市)");
  sub->add_flag("--revisions", o->revisions,
                "list every revision: the earlier reports of a jurisdiction and year too, not only the current one");
  annals::cli::add_format_option(*sub, o->fmt, o->bom, format::table);
  sub->footer(
      "One entry per report: issuer, jurisdiction, year, published, sha256, and its counts of facts,\n"
      "changes and commitments. A jurisdiction and year stored more than once (another file of the same\n"
      "report) is listed once, by its current report (the latest ingested), with its revision (2/2 current);\n"
      "--revisions lists the earlier ones too.\n"
      "Example: annals reports --db annals.db --jurisdiction 成都市 --format json");
  return [o](annals::cli::io& io) { return run(*o, io); };
}};

}  // namespace
