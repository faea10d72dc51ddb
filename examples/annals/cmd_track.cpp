// annals track — what became of the earlier report's commitments, and do the figures agree?
//
//   annals track EARLIER LATER [--format json|md]        two report files (a plan file as EARLIER)
//   annals track ID1 ID2 --db annals.db [--format …]      two reports of a store
//
// Prints annals.tracking/1 (docs/tracking.md). Exit code 1 when a figure, chain, streak, part
// or plan count is inconsistent.
#include "cli.hpp"
#include "files.hpp"
#include "records.hpp"

#include <annals/error.hpp>
#include <annals/plan.hpp>
#include <annals/reader.hpp>
#include <annals/store.hpp>
#include <annals/track.hpp>

#include <charconv>
#include <cstdio>
#include <memory>
#include <ostream>
#include <string>

namespace {

using annals::cli::format;

struct track_cli_options {
  std::string earlier;
  std::string later;
  std::string db;
  bool allow_other_jurisdiction = false;
  format fmt = format::json;
  bool bom = true;
};

annals::report_id parse_id(const std::string& s) {
  std::int64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0)
    throw annals::usage_error("track: with --db, '" + s + "' is not a report id (see `annals reports --db`)");
  return annals::report_id{v};
}

/// The store's catalogue as aliases: every label as written → its metric.
std::vector<std::pair<std::string, std::string>> aliases_of(const annals::store& db) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : db.aliases()) {
    const auto name = annals::split_metric_key(e.alias);
    if (name) out.emplace_back(name->label, e.metric);
  }
  return out;
}

/// Two decimals of a 0..1 share or score, exact from then on.
std::string two_decimals(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

/// table, csv and jsonl: one record per commitment of the earlier report (or plan), flattened
/// from annals.tracking/1's "commitments" (the figures are in the json and md).
annals::cli::record_set records_of(const annals::tracking& t) {
  using annals::cli::cell;
  using annals::cli::cell_type;
  annals::cli::record_set rs{"annals.tracking/1", "commitments",
                             {{"jurisdiction", cell_type::text}, {"earlier_year", cell_type::integer},
                              {"later_year", cell_type::integer}, {"commitment", cell_type::text},
                              {"kind", cell_type::text}, {"ordinal", cell_type::integer},
                              {"group", cell_type::text}, {"title", cell_type::text},
                              {"status", cell_type::text}, {"score", cell_type::decimal},
                              {"carried_into", cell_type::text}, {"evidence", cell_type::text}},
                             {}};
  const auto year = [](const std::optional<int>& y) { return y ? annals::cli::int_cell(*y) : cell(); };
  for (const auto& c : t.commitments)
    rs.rows.push_back({t.later.jurisdiction ? t.later.jurisdiction : t.earlier.jurisdiction, year(t.earlier.year),
                       year(t.later.year), c.earlier, std::string(annals::to_string(c.kind)),
                       c.ordinal ? annals::cli::int_cell(*c.ordinal) : cell(), c.group,
                       annals::cli::text_or_null(c.title), std::string(annals::to_string(c.status)),
                       two_decimals(c.score), c.carried_into,
                       c.evidence.empty() ? cell() : cell(c.evidence.front().text)});
  return rs;
}

int run(const track_cli_options& o, annals::cli::io& io) {
  annals::track_options options;
  options.allow_other_jurisdiction = o.allow_other_jurisdiction;
  annals::tracking t;
  if (!o.db.empty()) {
    const auto earlier_id = parse_id(o.earlier), later_id = parse_id(o.later);
    const auto db = annals::cli::open_store_read_only(o.db);
    const auto earlier = db.load_report(earlier_id);
    const auto later = db.load_report(later_id);
    options.aliases = aliases_of(db);
    t = annals::track(earlier, later, options);
  } else {
    // A plan is read by the library itself (is_plan_file, load_plan): the tool's input checks come
    // first, or a FIFO given as EARLIER would block it and a huge file would be read whole.
    if (o.earlier != "-") annals::cli::check_input_file(o.earlier);
    if (o.earlier != "-" && annals::is_plan_file(o.earlier)) {
      const auto plan = annals::load_plan(o.earlier);
      const auto later = annals::cli::read_input_report(o.later);
      t = annals::track(plan, later, options);
    } else {
      const auto earlier = annals::cli::read_input_report(o.earlier);
      const auto later = annals::cli::read_input_report(o.later);
      t = annals::track(earlier, later, options);
    }
  }
  switch (o.fmt) {
    case format::md: io.out << annals::to_markdown(t); break;
    case format::json: io.out << annals::to_json(t) << "\n"; break;
    default: annals::cli::render(io.out, records_of(t), o.fmt, o.bom);
  }
  for (const auto& w : t.warnings) io.err << "annals: track: warning: " << annals::cli::safe(w) << "\n";
  return t.has_inconsistency() ? 1 : 0;
}

const annals::cli::registration reg{60, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<track_cli_options>();
  CLI::App* sub = app.add_subcommand("track", "What became of the earlier report's commitments, and do the figures agree");
  sub->add_option("EARLIER", o->earlier,
                  "the earlier report file, or a plan (.json with \"tasks\" / .csv), or with --db a report id")
      ->required();
  sub->add_option("LATER", o->later, "the later report file, or with --db a report id")->required();
  annals::cli::add_max_bytes_option(*sub);
  sub->add_option("--db", o->db, "read both reports from this store (EARLIER and LATER are report ids)");
  sub->add_flag("--allow-other-jurisdiction", o->allow_other_jurisdiction,
                "compare reports of different places (a warning instead of an error)");
  annals::cli::add_format_option(*sub, o->fmt, o->bom, format::json);
  sub->footer(
      "Prints annals.tracking/1 (docs/tracking.md): each commitment's status (fulfilled, carried_over,\n"
      "in_progress, not_reported; problems: persisting, addressed, not_reported) with evidence, and\n"
      "each figure's verdict (consistent, inconsistent, unverifiable, not_stated). Rubric annals-track/1.\n"
      "table, csv and jsonl: one record per commitment (status, score, the first evidence sentence).\n"
      "Exit code 1 when a figure, chain, streak, multiple/share or plan count is inconsistent.\n"
      "Example: annals track data/chengdu-2024.txt data/chengdu-2025.txt --format md\n"
      "Example: annals track data/chengdu-2025-plan.json data/chengdu-2025.txt\n"
      "Example: annals track 1 2 --db annals.db");
  return [o](annals::cli::io& io) -> int { return run(*o, io); };
}};

}  // namespace
