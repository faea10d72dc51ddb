// annals track — what became of the earlier report's commitments, and do the figures agree?
//
//   annals track EARLIER LATER [--format json|md]        two report files (a plan file as EARLIER)
//   annals track ID1 ID2 --db annals.db [--format …]      two reports of a store
//   annals track --db annals.db --all [--format csv|jsonl|md] [--jobs N]
//                                                        every pair of consecutive years in a store
//
// Prints annals.tracking/1 (docs/tracking.md). Exit code 1 when a figure, chain, streak, part
// or plan count is inconsistent.
#include "cli.hpp"
#include "files.hpp"
#include "parallel_detail.hpp"
#include "records.hpp"

#include <annals/analyze.hpp>
#include <annals/error.hpp>
#include <annals/plan.hpp>
#include <annals/reader.hpp>
#include <annals/store.hpp>
#include <annals/track.hpp>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdio>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace {

using annals::cli::format;

struct track_cli_options {
  std::string earlier;
  std::string later;
  std::string db;
  bool allow_other_jurisdiction = false;
  bool all = false;
  unsigned jobs = 0;
  format fmt = format::json;
  bool bom = true;
  annals::report_lang lang = annals::report_lang::zh;
};

annals::report_id parse_id(const std::string& s) {
  std::int64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0)
    throw annals::usage_error("track: with --db, '" + s + "' is not a report id (see `annals reports --db`)");
  return annals::report_id{v};
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

/// One pair of --all: its records, its warnings, whether a figure disagreed; or what it threw.
struct pair_outcome {
  annals::cli::record_set records;  ///< csv, jsonl
  std::string markdown;             ///< md: the pair's whole tracking, as for one pair
  std::vector<std::string> warnings;
  bool inconsistent = false;
  std::exception_ptr error;
};

/// Runs of pairs of consecutive years, each run's reports chained (2019→2020, 2020→2021, …) so
/// that a report tracked twice, as the later and then the earlier one, is read and prepared once.
/// When there are fewer runs than four per worker (a store of few places), they are cut into
/// pieces so that every worker has work.
std::vector<std::vector<annals::report_id>> runs_of_pairs(const annals::store& db, unsigned jobs) {
  std::vector<std::vector<annals::report_id>> runs;
  std::size_t pairs = 0;
  for (const auto& j : db.jurisdictions()) {
    const auto years = db.yearly(j.name).by_year;
    for (std::size_t i = 0; i + 1 < years.size(); ++i) {
      if (years[i + 1].year->value() - years[i].year->value() != 1) continue;
      if (runs.empty() || runs.back().back() != years[i].id) runs.push_back({years[i].id});
      runs.back().push_back(years[i + 1].id);
      ++pairs;
    }
  }
  const std::size_t enough = std::size_t{jobs} * 4;
  if (runs.size() >= enough) return runs;
  const std::size_t longest = std::max<std::size_t>(1, pairs / enough);
  std::vector<std::vector<annals::report_id>> pieces;
  for (const auto& run : runs)
    for (std::size_t first = 0; first + 1 < run.size(); first += longest) {
      const std::size_t last = std::min(run.size() - 1, first + longest);  // the piece's last report
      pieces.emplace_back(run.begin() + static_cast<std::ptrdiff_t>(first),
                          run.begin() + static_cast<std::ptrdiff_t>(last) + 1);
    }
  return pieces;
}

/// track --db --all: every jurisdiction's current reports of consecutive years (Y-1, Y), in the
/// store's order of jurisdictions then years, tracked on --jobs threads (a read-only connection
/// each; a thread takes a run of consecutive pairs) and written as they are done, through the
/// stdout spool: csv and jsonl are the records of `track --db EARLIER LATER` of each pair in turn
/// (the header once), md each pair's Markdown separated by a rule.
int run_all(const track_cli_options& o, annals::cli::io& io) {
  if (o.fmt != format::csv && o.fmt != format::jsonl && o.fmt != format::md)
    throw annals::usage_error("track --all: --format csv, jsonl or md (one record per commitment of every pair)");
  const auto db = annals::cli::open_store_read_only(o.db);
  const unsigned workers = annals::detail::worker_count(o.jobs, std::numeric_limits<std::size_t>::max());
  const auto runs = runs_of_pairs(db, workers);
  annals::track_options options;
  options.allow_other_jurisdiction = o.allow_other_jurisdiction;
  options.aliases = annals::track_options_from(db).aliases;
  annals::detail::store_pool pool(o.db);
  annals::cli::spooled_stdout spooled;
  std::ostream& out = spooled.stream();
  bool header = true, inconsistent = false;
  std::vector<std::string> warnings;
  annals::detail::ordered_parallel<std::vector<pair_outcome>>(
      runs.size(), annals::detail::worker_count(o.jobs, runs.size()),
      [&](std::size_t i, annals::detail::reader_state&) {
        std::vector<pair_outcome> outcomes;
        try {
          auto conn = pool.take();
          std::optional<annals::prepared_report> earlier;
          for (const annals::report_id id : runs[i]) {
            annals::prepared_report later(conn->load_report(id));
            if (earlier) {
              pair_outcome& r = outcomes.emplace_back();
              const annals::tracking t = annals::track(*earlier, later, options);
              if (o.fmt == format::md) r.markdown = annals::to_markdown(t, o.lang);
              else r.records = records_of(t);
              r.warnings = t.warnings;
              r.inconsistent = t.has_inconsistency();
            }
            earlier = std::move(later);
          }
          pool.give_back(std::move(conn));
        } catch (...) {  // the pairs before are written, then this is thrown
          outcomes.emplace_back().error = std::current_exception();
        }
        return outcomes;
      },
      [&](std::size_t, std::vector<pair_outcome>&& run) {
        for (auto& r : run) {
          if (r.error) std::rethrow_exception(r.error);
          if (o.fmt == format::md) out << (header ? "" : "\n---\n\n") << r.markdown;
          else annals::cli::render_rows(out, r.records, o.fmt, o.bom, header);
          header = false;
          inconsistent = inconsistent || r.inconsistent;
          for (auto& w : r.warnings) warnings.push_back(std::move(w));
        }
      });
  if (header && o.fmt != format::md)  // no pair: the header alone
    annals::cli::render_rows(out, records_of(annals::tracking{}), o.fmt, o.bom, true);
  spooled.commit();
  for (const auto& w : warnings) io.err << "annals: track: warning: " << annals::cli::safe(w) << "\n";
  return inconsistent ? 1 : 0;
}

int run(const track_cli_options& o, annals::cli::io& io) {
  if (o.all) {
    if (o.db.empty()) throw annals::usage_error("track --all: needs --db (every pair of consecutive years in a store)");
    if (!o.earlier.empty() || !o.later.empty())
      throw annals::usage_error("track --all: takes no EARLIER and LATER (it tracks every pair of the store)");
    return run_all(o, io);
  }
  if (o.earlier.empty() || o.later.empty())
    throw annals::usage_error("track: give EARLIER and LATER (report files, or report ids with --db), or --db DB --all");
  annals::track_options options;
  options.allow_other_jurisdiction = o.allow_other_jurisdiction;
  annals::tracking t;
  if (!o.db.empty()) {
    const auto earlier_id = parse_id(o.earlier), later_id = parse_id(o.later);
    const auto db = annals::cli::open_store_read_only(o.db);
    const auto earlier = db.load_report(earlier_id);
    const auto later = db.load_report(later_id);
    options.aliases = annals::track_options_from(db).aliases;
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
    case format::md: io.out << annals::to_markdown(t, o.lang); break;
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
                  "the earlier report file, or a plan (.json with \"tasks\" / .csv), or with --db a report id");
  sub->add_option("LATER", o->later, "the later report file, or with --db a report id");
  annals::cli::add_max_bytes_option(*sub);
  sub->add_option("--db", o->db, "read both reports from this store (EARLIER and LATER are report ids)");
  sub->add_flag("--allow-other-jurisdiction", o->allow_other_jurisdiction,
                "compare reports of different places (a warning instead of an error)");
  sub->add_flag("--all", o->all,
                "with --db and no EARLIER/LATER: every jurisdiction's pairs of consecutive years (csv, jsonl: the "
                "records of each pair in turn; md: each pair's Markdown)");
  sub->add_option("-j,--jobs", o->jobs,
                  "--all: N pairs tracked at a time (default: the number of cores); the output is the same whatever N")
      ->check(CLI::Range(1u, 1024u));
  annals::cli::add_format_option(*sub, o->fmt, o->bom, format::json);
  annals::cli::add_lang_option(*sub, o->lang);
  sub->footer(
      "Prints annals.tracking/1 (docs/tracking.md): each commitment's status (fulfilled, carried_over,\n"
      "in_progress, not_reported; problems: persisting, addressed, not_reported) with evidence, and\n"
      "each figure's verdict (consistent, inconsistent, unverifiable, not_stated). Rubric annals-track/1.\n"
      "table, csv and jsonl: one record per commitment (status, score, the first evidence sentence).\n"
      "Exit code 1 when a figure, chain, streak, multiple/share or plan count is inconsistent.\n"
      "md is in Chinese; --lang en for English.\n"
      "Example: annals track data/chengdu-2024.txt data/chengdu-2025.txt --format md\n"
      "Example: annals track data/chengdu-2025-plan.json data/chengdu-2025.txt\n"
      "Example: annals track 1 2 --db annals.db\n"
      "Example: annals track --db annals.db --all --format csv > all-pairs.csv");
  return [o](annals::cli::io& io) -> int { return run(*o, io); };
}};

}  // namespace
