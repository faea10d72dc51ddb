// annals catalogue — the metric catalogue of a store: which labels (as reports word them) count
// as the same metric across years. Show it, export it as an alias,metric CSV, edit that file,
// import it back (one transaction: all rows or none).
#include "cli.hpp"
#include "files.hpp"
#include "records.hpp"
#include "text_table.hpp"

#include <annals/csv.hpp>
#include <annals/error.hpp>
#include <annals/store.hpp>

#include <cstdint>
#include <filesystem>
#include <sstream>
#include <memory>
#include <ostream>
#include <string>

namespace {

using annals::cli::format;

struct catalogue_options {
  std::string db;
  std::string import_file;
  std::string metric;  ///< only aliases whose metric contains this text
  format fmt = format::table;
  bool bom = true;
};

int run_import(const catalogue_options& o, annals::cli::io& io) {
  // A regular file (or - for standard input), opened without blocking, within --max-bytes.
  std::istringstream in(annals::cli::read_input(o.import_file));
  std::error_code ec;
  const bool server = o.db.rfind("postgresql:", 0) == 0 || o.db.rfind("postgres:", 0) == 0;
  const std::string file = o.db.rfind("sqlite:", 0) == 0 ? o.db.substr(7) : o.db;
  if (!server && !std::filesystem::exists(file, ec))
    throw annals::storage_error(o.db + ": no such store (ingest reports first)");
  annals::store db = annals::store::open(o.db);
  const auto r = db.import_catalogue(in, o.import_file);
  io.out << "imported " << r.rows << " rows from " << annals::cli::safe(o.import_file) << " into "
         << annals::cli::safe(o.db) << ": "
         << r.aliases_added << " aliases added, " << r.aliases_moved << " moved to another metric, " << r.unchanged
         << " unchanged; " << r.metrics_added << " metrics added, " << r.metrics_removed << " left without aliases\n";
  return 0;
}

int run(const catalogue_options& o, annals::cli::io& io) {
  if (!o.import_file.empty()) return run_import(o, io);
  const annals::store db = annals::cli::open_store_read_only(o.db);
  if (o.fmt == format::csv && o.bom) io.out << annals::cli::utf8_bom;  // --import skips it
  if (o.fmt == format::csv && o.metric.empty()) {  // exactly what --import reads back
    (void)db.export_catalogue(io.out);
    return 0;
  }
  auto entries = db.catalogue();
  if (!o.metric.empty())
    std::erase_if(entries, [&o](const annals::catalogue_entry& e) { return e.metric.find(o.metric) == std::string::npos; });
  switch (o.fmt) {
    case format::csv:
      io.out << "alias,metric\n";
      for (const auto& e : entries)
        io.out << annals::csv_field(e.alias) << ',' << annals::csv_field(e.metric) << "\n";
      break;
    case format::table: {
      annals::cli::text_table t({"metric", "alias", ">facts", "set by"});
      for (const auto& e : entries)
        t.add({e.metric, e.alias == e.metric ? "(itself)" : e.alias, std::to_string(e.facts),
               e.user_defined ? "user" : "reader"});
      t.print(io.out, 40);
      io.out << entries.size() << (entries.size() == 1 ? " alias" : " aliases") << " in " << annals::cli::safe(o.db) << "\n";
      break;
    }
    default: {  // json, jsonl, md (annals.catalogue/1)
      using annals::cli::cell_type;
      annals::cli::record_set rs{"annals.catalogue/1", "aliases",
                                 {{"alias", cell_type::text}, {"metric", cell_type::text},
                                  {"user_defined", cell_type::boolean}, {"facts", cell_type::integer}},
                                 {}};
      for (const auto& e : entries)
        rs.rows.push_back({e.alias, e.metric, annals::cli::bool_cell(e.user_defined),
                           annals::cli::int_cell(static_cast<std::int64_t>(e.facts))});
      annals::cli::render(io.out, rs, o.fmt, o.bom);
    }
  }
  return 0;
}

const annals::cli::registration reg{90, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<catalogue_options>();
  CLI::App* sub = app.add_subcommand("catalogue", "Show, export or import the metric catalogue of a store");
  sub->add_option("--db", o->db, "the store: a file (or sqlite:PATH) or postgresql://…")->required();
  auto* imp = sub->add_option("--import", o->import_file,
                              "read an alias,metric CSV (as --format csv writes it) into the catalogue, all or nothing");
  auto* metric = sub->add_option("--metric", o->metric, "only the aliases of metrics whose key contains this text");
  imp->excludes(metric);
  annals::cli::add_max_bytes_option(*sub);
  annals::cli::add_format_option(*sub, o->fmt, o->bom, format::table);
  sub->footer(
      "Keys are label|unit. Reports word a metric differently from year to year; map the aliases to\n"
      "one metric and yoy, check and report join the years up.\n"
      "Example: annals catalogue --db annals.db --format csv > catalogue.csv   (edit the metric column)\n"
      "         annals catalogue --db annals.db --import catalogue.csv");
  return [o](annals::cli::io& io) { return run(*o, io); };
}};

}  // namespace
