// annals yoy — year-over-year growth.
//
// Modes, one function each, chosen by the option given:
//   --panel FILE.csv   a CSV panel jurisdiction,metric,year,value (annals::panel_yoy): run_panel
// A store-based mode (--db, the reports kept by `annals ingest`) belongs to the store and is
// added beside run_panel as its own function and option, dispatched in the runner below.
#include "cli.hpp"
#include "files.hpp"
#include "records.hpp"
#include "yoy_db.hpp"

#include <annals/error.hpp>
#include <annals/panel.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <ostream>
#include <string>

namespace {

using annals::cli::format;

struct yoy_options {
  std::string panel;  ///< --panel FILE.csv
  format fmt = format::csv;
  bool summary = false;
  bool bom = true;
  annals::cli::yoy_db_options db;  ///< --db mode: run_yoy_db (yoy_db.cpp)
};

/// table, md and jsonl of a panel: its rows as records (csv and json are streamed by the library).
annals::cli::record_set records_of(const annals::panel_yoy_result& r) {
  using annals::cli::cell_type;
  annals::cli::record_set rs{"annals.yoy_panel/1", "rows",
                             {{"jurisdiction", cell_type::text}, {"metric", cell_type::text},
                              {"year", cell_type::integer}, {"value", cell_type::decimal},
                              {"prior", cell_type::decimal}, {"growth_ratio", cell_type::decimal},
                              {"status", cell_type::text}},
                             {}};
  for (std::size_t i = 0; i < r.size(); ++i) {
    const annals::panel_row row = r.row(i);
    rs.rows.push_back({std::string(row.jurisdiction), std::string(row.metric), annals::cli::int_cell(row.year),
                       row.value.to_string(), annals::cli::dec_cell(row.prior),
                       row.growth ? annals::cli::cell(row.growth->to_string(annals::panel_growth_digits)) : annals::cli::cell(),
                       std::string(to_string(row.status))});
  }
  return rs;
}

/// `--panel`: every row's growth as CSV or JSON (streamed: the result can be millions of rows,
/// so it is written straight to stdout once everything has been read and computed), or the
/// one-line JSON summary.
int run_panel(const yoy_options& o, annals::cli::io& io) {
  // `-` is standard input (read within --max-bytes); a file goes through the same input checks
  // before the library maps it (a FIFO, a device or an oversized file is refused, exit 3).
  const bool from_stdin = o.panel == "-";
  const std::string bytes = from_stdin ? annals::cli::read_input("-") : std::string();
  if (!from_stdin) annals::cli::check_input_file(o.panel);
  if (o.summary) {
    const annals::panel_summary s = from_stdin ? annals::panel_yoy_summary_text(bytes, "(standard input)")
                                               : annals::panel_yoy_summary(o.panel);
    // the library's one line, with the document's schema key first
    io.out << "{\"schema\": \"annals.yoy_summary/1\", " << s.to_json().substr(1) << "\n";
    return 0;
  }
  const annals::panel_yoy_result r =
      from_stdin ? annals::panel_yoy_text(bytes, "(standard input)") : annals::panel_yoy(o.panel);
  if (o.fmt == format::table || o.fmt == format::md || o.fmt == format::jsonl) {
    annals::cli::render(io.out, records_of(r), o.fmt, o.bom);
    return 0;
  }
  errno = 0;
  if (o.fmt == format::json) {
    io.direct << "{\"schema\": \"annals.yoy_panel/1\", \"rows\": ";
    r.write_json(io.direct);
    io.direct << "}\n";
  } else {
    if (o.bom) io.direct << annals::cli::utf8_bom;
    r.write_csv(io.direct);
  }
  io.direct.flush();
  if (!io.direct || std::fflush(stdout) != 0)
    throw annals::output_error(std::string("stdout: cannot write: ") + (errno ? std::strerror(errno) : "write failed"));
  return 0;
}

const annals::cli::registration reg{40, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<yoy_options>();
  CLI::App* sub = app.add_subcommand("yoy", "Year-over-year growth, exact: value / prior year - 1");
  sub->add_option("--panel", o->panel,
                  "CSV panel (a regular file, or - for stdin) with the header jurisdiction,metric,year,value (rows in any order); every row "
                  "gets growth_ratio = value/prior - 1 (a fraction) rounded half-up to 12 decimals");
  annals::cli::add_max_bytes_option(*sub);
  auto* db = sub->add_option("--db", o->db.db, "a store filled by `annals ingest`: every metric's series across years "
                             "with computed growth, stated growth and the verdict");
  db->excludes(sub->get_option("--panel"));
  sub->add_option("--jurisdiction", o->db.jurisdiction, "--db: only this jurisdiction (default: all)")->needs(db);
  sub->add_option("--metric", o->db.metric, "--db: only metrics whose key contains this text")->needs(db);
  sub->add_flag("--with-growth", o->db.with_growth, "--db: only years with a computed or a stated growth")->needs(db);
  sub->add_flag("--stated", o->db.stated, "--db: only years whose report states a change (the checked ones)")->needs(db);
  sub->add_option("-j,--jobs", o->db.jobs,
                  "--db, csv/jsonl/md of every jurisdiction: N jurisdictions computed at a time (default: the number of "
                  "cores); the output is the same whatever N")
      ->check(CLI::Range(1u, 1024u))
      ->needs(db);
  annals::cli::add_format_option(*sub, o->fmt, o->bom, format::csv);
  sub->add_flag("--summary", o->summary,
                "print only {\"schema\", \"rows\", \"growth_sum\", \"zero_prior\", \"no_prior\", \"rows_read\"} as one JSON "
                "line; growth_sum is the exact sum of the rows' growths, rounded half-up to 6 decimals");
  sub->footer(
      "Rows without year-1 get status no_prior; a prior of 0 gives zero_prior (no growth, not summed).\n"
      "With --db the default format is table; --panel: csv (table when stdout is a terminal).\n"
      "csv: growth_ratio (--panel) is a fraction, growth_pct (--db) a percent; `growth` before issue 13.\n"
      "Example: annals yoy --panel panel.csv --summary\n"
      "Example: annals yoy --db annals.db --jurisdiction 成都市 --with-growth");
  return [o, sub](annals::cli::io& io) -> int {
    if (!o->db.db.empty()) {
      o->db.fmt = sub->get_option("--format")->count() > 0 ? o->fmt : format::table;
      o->db.bom = o->bom;
      return annals::cli::run_yoy_db(o->db, io);
    }
    if (!o->panel.empty()) return run_panel(*o, io);
    throw annals::usage_error("yoy: nothing to compare: give --panel FILE.csv or --db DB");
  };
}};

}  // namespace
