// annals yoy — year-over-year growth.
//
// Modes, one function each, chosen by the option given:
//   --panel FILE.csv   a CSV panel jurisdiction,metric,year,value (annals::panel_yoy): run_panel
// A store-based mode (--db, the reports kept by `annals ingest`) belongs to the store and is
// added beside run_panel as its own function and option, dispatched in the runner below.
#include "cli.hpp"

#include <annals/error.hpp>
#include <annals/panel.hpp>

#include <memory>
#include <ostream>
#include <string>

namespace {

using annals::cli::format;

struct yoy_options {
  std::string panel;  ///< --panel FILE.csv
  format fmt = format::csv;
  bool summary = false;
};

/// `--panel`: every row's growth as CSV or JSON (streamed: the result can be millions of rows,
/// so it is written straight to stdout once everything has been read and computed), or the
/// one-line JSON summary.
int run_panel(const yoy_options& o, annals::cli::io& io) {
  if (o.summary) {
    const annals::panel_summary s = annals::panel_yoy_summary(o.panel);
    io.out << s.to_json() << "\n";
    return 0;
  }
  const annals::panel_yoy_result r = annals::panel_yoy(o.panel);
  if (o.fmt == format::json) r.write_json(io.direct);
  else r.write_csv(io.direct);
  io.direct.flush();
  if (!io.direct) throw annals::input_error("yoy: cannot write the output");
  return 0;
}

const annals::cli::registration reg{40, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<yoy_options>();
  CLI::App* sub = app.add_subcommand("yoy", "Year-over-year growth, exact: value / prior year - 1");
  sub->add_option("--panel", o->panel,
                  "CSV panel with the header jurisdiction,metric,year,value (rows in any order); every row "
                  "gets growth = value/prior - 1 rounded half-up to 12 decimals");
  annals::cli::add_format_option(*sub, o->fmt, {format::csv, format::json}, format::csv);
  sub->add_flag("--summary", o->summary,
                "print only {\"rows\", \"growth_sum\", \"zero_prior\", \"no_prior\", \"rows_read\"} as one JSON "
                "line; growth_sum is the exact sum of the rows' growths, rounded half-up to 6 decimals");
  sub->footer(
      "Rows without year-1 get status no_prior; a prior of 0 gives zero_prior (no growth, not summed).\n"
      "Example: annals yoy --panel panel.csv --summary");
  return [o](annals::cli::io& io) -> int {
    if (!o->panel.empty()) return run_panel(*o, io);
    throw annals::usage_error("yoy: nothing to compare: give --panel FILE.csv");
  };
}};

}  // namespace
