// annals timeline — each commitment's status across every year a store holds for a jurisdiction.
//
// Tracks each consecutive pair of years (the current report of each year), saves the
// verdicts in the store under rubric annals-track/1 (a verdict already stored is never
// overwritten; a newer rubric adds its own), then prints the commitments as threads: a
// commitment carried over continues in the later year's commitment it was carried into.
#include "cli.hpp"
#include "records.hpp"

#include <annals/analyze.hpp>
#include <annals/error.hpp>
#include <annals/store.hpp>
#include <annals/text.hpp>
#include <annals/track.hpp>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace {

using annals::cli::format;

struct timeline_options {
  std::string db;
  std::string jurisdiction;
  bool no_save = false;
  format fmt = format::table;
  bool bom = true;
  annals::report_lang lang = annals::report_lang::zh;
};

std::string shorten(const std::string& s, std::size_t columns) {
  if (annals::cli::display_width(s) <= columns) return s;
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = annals::utf8::decode(s, i).length;
    const std::string next = s.substr(i, len);
    if (annals::cli::display_width(out + next) + 1 > columns) break;
    out += next;
    i += len;
  }
  return out + "…";
}

void print_table(const std::vector<annals::timeline_thread>& threads, std::ostream& out) {
  const auto pairs = annals::timeline_pairs(threads);
  constexpr std::size_t title_width = 40;
  out << annals::cli::pad("commitment", title_width) << "  " << annals::cli::pad("kind", 10);
  for (const auto& [a, b] : pairs) out << "  " << annals::cli::pad(std::to_string(a) + "→" + std::to_string(b), 13);
  out << "\n";
  for (const auto& th : threads) {
    out << annals::cli::pad(shorten(annals::cli::safe(th.title), title_width), title_width) << "  "
        << annals::cli::pad(std::string(annals::to_string(th.kind)), 10);
    for (const auto& p : pairs) {
      std::string cell = "·";
      for (const auto& s : th.steps)
        if (s.earlier_year == p.first && s.later_year == p.second) cell = std::string(annals::to_string(s.status));
      out << "  " << annals::cli::pad(cell, 13);
    }
    out << "\n";
  }
}

/// csv and jsonl: one record per step of a thread (a commitment in one pair of years); `thread`
/// numbers the threads from 1 in the order of the table.
annals::cli::record_set records_of(const std::vector<annals::timeline_thread>& threads, const std::string& jurisdiction) {
  using annals::cli::cell_type;
  using annals::cli::int_cell;
  annals::cli::record_set rs{"annals.timeline/1", "steps",
                             {{"jurisdiction", cell_type::text}, {"thread", cell_type::integer},
                              {"title", cell_type::text}, {"kind", cell_type::text},
                              {"earlier_year", cell_type::integer}, {"later_year", cell_type::integer},
                              {"commitment", cell_type::text}, {"status", cell_type::text},
                              {"score", cell_type::decimal}, {"carried_into", cell_type::text}},
                             {}};
  std::int64_t n = 0;
  for (const auto& th : threads) {
    ++n;
    for (const auto& s : th.steps) {
      char score[32];
      std::snprintf(score, sizeof score, "%.2f", s.score);
      rs.rows.push_back({jurisdiction, int_cell(n), th.title, std::string(annals::to_string(th.kind)),
                         int_cell(s.earlier_year), int_cell(s.later_year), s.commitment,
                         std::string(annals::to_string(s.status)), std::string(score), s.carried_into});
    }
  }
  return rs;
}

/// What the library noted, as warnings (the run goes on).
void print_notes(const timeline_options& o, const annals::stored_timeline_notes& n, bool read_only,
                 std::ostream& err) {
  for (const auto& s : n.without_year)
    err << "annals: timeline: warning: report " << s.id.value << " (" << annals::cli::safe(s.source_name)
        << ") has no year and is left out\n";
  if (n.fewer_than_two_years)
    err << "annals: timeline: warning: " << annals::cli::safe(o.jurisdiction) << " has fewer than two years of reports\n";
  if (read_only)
    err << "annals: timeline: warning: " << annals::cli::safe(o.db) << " is read-only; verdicts are not saved\n";
  for (const auto& c : n.conflicts)
    err << "annals: timeline: warning: " << c.earlier_year << "→" << c.later_year << ": kept " << c.kept
        << " stored verdict(s) that differ from this run (same rubric " << annals::track_rubric
        << "; a new rubric is needed to re-rate)\n";
}

int run(const timeline_options& o, annals::cli::io& io) {
  auto db = annals::store::open(o.db, o.no_save ? annals::open_mode::read_only : annals::open_mode::read_write);
  const bool read_only = !o.no_save && !db.writable();
  const auto t = annals::stored_timeline(db, o.jurisdiction, !o.no_save && db.writable());
  print_notes(o, t.notes, read_only, io.err);
  switch (o.fmt) {
    case format::json: io.out << annals::timeline_to_json(t.threads, o.jurisdiction) << "\n"; break;
    case format::md: io.out << annals::timeline_to_markdown(t.threads, o.jurisdiction, o.lang); break;
    case format::table: print_table(t.threads, io.out); break;
    default: annals::cli::render(io.out, records_of(t.threads, o.jurisdiction), o.fmt, o.bom);
  }
  return 0;
}

const annals::cli::registration reg{70, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<timeline_options>();
  CLI::App* sub = app.add_subcommand("timeline", "Each commitment's status across every year the store holds");
  sub->add_option("--db", o->db, "the store filled by `annals ingest`")->required();
  sub->add_option("--jurisdiction", o->jurisdiction, "the place, as the reports name it (成都市)")->required();
  sub->add_flag("--no-save", o->no_save, "do not save the verdicts in the store (opens it read-only)");
  annals::cli::add_format_option(*sub, o->fmt, o->bom, format::table);
  annals::cli::add_lang_option(*sub, o->lang);
  sub->footer(
      "Tracks each consecutive pair of years (rubric annals-track/1), saves the verdicts in the store\n"
      "(stored verdicts are never overwritten; a newer rubric adds its own) and prints one row per\n"
      "commitment thread: a commitment carried over continues in the later year's commitment.\n"
      "csv and jsonl: one record per thread and pair of years (thread numbers the rows of the table).\n"
      "md is in Chinese; --lang en for English.\n"
      "Example: annals timeline --db annals.db --jurisdiction 成都市 --format md");
  return [o](annals::cli::io& io) -> int { return run(*o, io); };
}};

}  // namespace
