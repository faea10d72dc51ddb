// annals timeline — each commitment's status across every year a store holds for a jurisdiction.
//
// Tracks each consecutive pair of years (the current report of each year), saves the
// verdicts in the store under rubric annals-track/1 (a verdict already stored is never
// overwritten; a newer rubric adds its own), then prints the commitments as threads: a
// commitment carried over continues in the later year's commitment it was carried into.
#include "cli.hpp"

#include <annals/error.hpp>
#include <annals/store.hpp>
#include <annals/text.hpp>
#include <annals/track.hpp>

#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <string>

namespace {

using annals::cli::format;

struct timeline_options {
  std::string db;
  std::string jurisdiction;
  bool no_save = false;
  format fmt = format::table;
};

annals::verdict_subject subject_of(const std::string& s) {
  if (s == "metric") return annals::verdict_subject::metric;
  if (s == "streak") return annals::verdict_subject::streak;
  if (s == "from_to") return annals::verdict_subject::from_to;
  return annals::verdict_subject::commitment;
}

struct tracked_pair {
  annals::report_id earlier, later;
  int earlier_year = 0, later_year = 0;
  annals::tracking result;
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

int run(const timeline_options& o, annals::cli::io& io) {
  auto db = annals::store::open(o.db, o.no_save ? annals::open_mode::read_only : annals::open_mode::read_write);
  annals::report_filter filter;
  filter.jurisdiction = o.jurisdiction;
  filter.current_only = true;  // one report per year: the store's current one
  const auto summaries = db.reports(filter);
  if (summaries.empty())
    throw annals::usage_error("timeline: no reports of " + o.jurisdiction + " in " + o.db);
  std::map<int, annals::report_id> by_year;
  for (const auto& s : summaries) {
    if (!s.year) {
      io.err << "annals: timeline: warning: report " << s.id.value << " (" << annals::cli::safe(s.source_name)
             << ") has no year and is left out\n";
      continue;
    }
    by_year[s.year->value()] = s.id;
  }
  std::vector<std::pair<std::string, std::string>> aliases;
  for (const auto& e : db.catalogue())
    if (const auto name = annals::split_metric_key(e.alias)) aliases.emplace_back(name->label, e.metric);
  annals::track_options options;
  options.aliases = aliases;

  // track every consecutive pair first: a failure leaves the store untouched
  std::vector<tracked_pair> tracked;
  for (auto it = by_year.begin(); it != by_year.end() && std::next(it) != by_year.end(); ++it) {
    const auto next = std::next(it);
    tracked_pair p{it->second, next->second, it->first, next->first, {}};
    p.result = annals::track(db.load_report(p.earlier), db.load_report(p.later), options);
    tracked.push_back(std::move(p));
  }
  if (tracked.empty())
    io.err << "annals: timeline: warning: " << annals::cli::safe(o.jurisdiction)
           << " has fewer than two years of reports\n";

  const bool save = !o.no_save && db.writable();
  if (!o.no_save && !db.writable())
    io.err << "annals: timeline: warning: " << annals::cli::safe(o.db) << " is read-only; verdicts are not saved\n";
  std::vector<annals::timeline_entry> entries;
  if (save) {
    for (const auto& p : tracked) {
      std::vector<annals::verdict_record> records;
      for (const auto& row : annals::verdict_rows(p.result)) {
        annals::verdict_record r;
        r.subject = subject_of(row.subject);
        r.ref = row.ref;
        r.label = row.label;
        r.status = row.status;
        r.score = row.score;
        r.evidence_json = row.detail_json;
        records.push_back(std::move(r));
      }
      const auto saved = db.save_verdicts(p.earlier, p.later, annals::track_rubric, records);
      if (saved.conflicting > 0)
        io.err << "annals: timeline: warning: " << p.earlier_year << "→" << p.later_year << ": kept "
               << saved.conflicting << " stored verdict(s) that differ from this run (same rubric "
               << annals::track_rubric << "; a new rubric is needed to re-rate)\n";
    }
    // read back what the store holds for these pairs: this rubric, else the newest other one
    std::set<std::pair<std::int64_t, std::int64_t>> wanted;
    for (const auto& p : tracked) wanted.insert({p.earlier.value, p.later.value});
    std::map<std::tuple<std::int64_t, std::int64_t, std::string>, const annals::stored_verdict*> chosen;
    const auto history = db.verdict_history(o.jurisdiction);
    for (const auto& v : history) {
      if (v.record.subject != annals::verdict_subject::commitment) continue;
      if (!wanted.count({v.earlier.value, v.later.value})) continue;
      auto& slot = chosen[{v.earlier.value, v.later.value, v.record.ref}];
      const bool better = !slot || (v.rubric == annals::track_rubric) ||
                          (slot->rubric != annals::track_rubric && v.rubric > slot->rubric);
      if (better) slot = &v;
    }
    for (const auto& [key, v] : chosen) {
      annals::verdict_row row{"commitment", v->record.ref, v->record.label, v->record.status, v->record.score,
                              v->record.evidence_json};
      entries.push_back(annals::timeline_entry_from_row(v->earlier_year ? v->earlier_year->value() : 0,
                                                        v->later_year ? v->later_year->value() : 0, v->rubric, row));
    }
  } else {
    for (const auto& p : tracked)
      for (const auto& row : annals::verdict_rows(p.result))
        if (row.subject == "commitment")
          entries.push_back(annals::timeline_entry_from_row(p.earlier_year, p.later_year, p.result.rubric, row));
  }
  // keep each pair's commitments in the earlier report's order
  std::map<std::pair<int, std::string>, std::size_t> order;
  for (const auto& p : tracked)
    for (std::size_t i = 0; i < p.result.commitments.size(); ++i)
      order.emplace(std::make_pair(p.earlier_year, p.result.commitments[i].earlier), i);
  std::stable_sort(entries.begin(), entries.end(), [&](const annals::timeline_entry& a, const annals::timeline_entry& b) {
    if (a.earlier_year != b.earlier_year) return a.earlier_year < b.earlier_year;
    const auto ia = order.find({a.earlier_year, a.commitment}), ib = order.find({b.earlier_year, b.commitment});
    const std::size_t ka = ia == order.end() ? SIZE_MAX : ia->second, kb = ib == order.end() ? SIZE_MAX : ib->second;
    if (ka != kb) return ka < kb;
    return a.commitment < b.commitment;
  });
  const auto threads = annals::build_timeline(std::move(entries));
  switch (o.fmt) {
    case format::json: io.out << annals::timeline_to_json(threads, o.jurisdiction) << "\n"; break;
    case format::md: io.out << annals::timeline_to_markdown(threads, o.jurisdiction); break;
    default: print_table(threads, io.out); break;
  }
  return 0;
}

const annals::cli::registration reg{70, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<timeline_options>();
  CLI::App* sub = app.add_subcommand("timeline", "Each commitment's status across every year the store holds");
  sub->add_option("--db", o->db, "the store filled by `annals ingest`")->required();
  sub->add_option("--jurisdiction", o->jurisdiction, "the place, as the reports name it (成都市)")->required();
  sub->add_flag("--no-save", o->no_save, "do not save the verdicts in the store (opens it read-only)");
  annals::cli::add_format_option(*sub, o->fmt, {format::table, format::json, format::md}, format::table);
  sub->footer(
      "Tracks each consecutive pair of years (rubric annals-track/1), saves the verdicts in the store\n"
      "(stored verdicts are never overwritten; a newer rubric adds its own) and prints one row per\n"
      "commitment thread: a commitment carried over continues in the later year's commitment.\n"
      "Example: annals timeline --db annals.db --jurisdiction 成都市 --format md");
  return [o](annals::cli::io& io) -> int { return run(*o, io); };
}};

}  // namespace
