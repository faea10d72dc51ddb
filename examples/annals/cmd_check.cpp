// annals check — every change a report states (同比增长, 个百分点, 由A至B, 连续N年, 倍) with the
// verdict on it against the year before (a file with --prior, or the store with --db), and the
// prior-year intervals the growth statements imply. Exit 1 when something is inconsistent.
#include "cli.hpp"
#include "exit_codes.hpp"
#include "files.hpp"
#include "records.hpp"
#include "text_table.hpp"

#include <annals/error.hpp>
#include <annals/range_text.hpp>
#include <annals/reader.hpp>
#include <annals/records_json.hpp>
#include <annals/store.hpp>
#include <annals/track.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace {

using annals::cli::format;

struct check_options {
  std::string report;
  std::string prior;
  std::string db;
  format fmt = format::table;
  bool problems = false;  ///< --problems: only the inconsistent changes
  bool bom = true;
  annals::report_lang lang = annals::report_lang::zh;
};

/// Finds the earlier report in the store: same jurisdiction, the year before (its current report).
std::optional<annals::report> earlier_from_store(const std::string& path, const annals::report& later,
                                                 std::string& note) {
  const annals::store db = annals::cli::open_store_read_only(path);
  if (!later.meta.jurisdiction || !later.meta.year) {
    note = "the report names no jurisdiction or year, so the store cannot supply the year before";
    return std::nullopt;
  }
  const auto found = db.current_report(*later.meta.jurisdiction, *later.meta.year - annals::years(1));
  if (!found) {
    note = "the store holds no " + std::to_string(later.meta.year->value() - 1) + " report of " +
           *later.meta.jurisdiction;
    return std::nullopt;
  }
  return db.load_report(*found);
}

std::string year_of(const annals::checked_report& r) { return r.year ? std::to_string(r.year->value()) : "?"; }

void print_table(const annals::change_check& c, std::ostream& out) {
  // the lines above the tables quote the title and file names: as safe as the cells
  const auto safe = [](const std::string& s) { return annals::cli::safe(s); };
  out << "Stated changes in " << safe(c.report.title.empty() ? c.report.name : c.report.title) << " ("
      << safe(year_of(c.report)) << ")\n";
  out << "checked against: " << safe(c.earlier ? c.earlier->name + " (" + year_of(*c.earlier) + ")" : c.note)
      << "\n\n";
  annals::cli::text_table tt({"change", "kind", "label", "stated", "earlier", "later", ">computed", "allowed",
                              "verdict", "why"});
  for (const auto& r : c.changes)
    tt.add({r.change, std::string(to_string(r.kind)), r.label, r.text, r.earlier, r.later, r.computed, r.allowed,
            std::string(to_string(r.verdict)), r.reason});
  tt.print(out, 36);
  if (!c.implied_priors.empty()) {
    out << "\nImplied prior-year values (from each growth statement alone):\n";
    annals::cli::text_table pt({"change", "label", ">implied", "interval"});
    for (const auto& p : c.implied_priors)
      pt.add({p.change, p.label, "≈ " + p.value.to_string(0) + p.unit,
              annals::range_text(p.lo, p.hi, p.unit, annals::range_with_dots)});
    pt.print(out, 40);
  }
  out << "\n" << c.inconsistent << " inconsistent of " << c.stated_changes << " stated changes\n";
}

/// csv and jsonl: one record per checked change (the objects of the json's "changes").
annals::cli::record_set records_of(const annals::change_check& c) {
  using annals::cli::cell_type;
  using annals::cli::text_or_null;
  annals::cli::record_set rs{"annals.check/1", "changes",
                             {{"jurisdiction", cell_type::text}, {"year", cell_type::integer},
                              {"change", cell_type::text},       {"kind", cell_type::text},
                              {"label", cell_type::text},        {"text", cell_type::text},
                              {"earlier", cell_type::text},      {"later", cell_type::text},
                              {"computed", cell_type::text},     {"allowed", cell_type::text},
                              {"verdict", cell_type::text},      {"reason", cell_type::text}},
                             {}};
  const annals::cli::cell year = c.report.year ? annals::cli::int_cell(c.report.year->value()) : annals::cli::cell();
  for (const auto& r : c.changes)
    rs.rows.push_back({c.report.jurisdiction, year, r.change, std::string(to_string(r.kind)), r.label, r.text,
                       text_or_null(r.earlier), text_or_null(r.later), text_or_null(r.computed),
                       text_or_null(r.allowed), std::string(to_string(r.verdict)), text_or_null(r.reason)});
  return rs;
}

/// check_to_json with the document's "schema" key (annals.check/1) and null for what a change
/// lacks; keys stay in alphabetical order.
std::string check_json(const annals::change_check& c) {
  nlohmann::json j = nlohmann::json::parse(annals::check_to_json(c));
  j["schema"] = "annals.check/1";
  for (auto& change : j["changes"])  // missing is null, as in every JSON of the tool (csv: empty)
    for (auto& [key, value] : change.items())
      if (value == "") value = nullptr;
  return j.dump(2) + "\n";
}

int run(const check_options& o, annals::cli::io& io) {
  const annals::report later = annals::cli::read_input_report(o.report);
  std::optional<annals::report> earlier;
  std::string note;
  if (!o.prior.empty()) earlier = annals::cli::read_input_report(o.prior);
  else if (!o.db.empty()) earlier = earlier_from_store(o.db, later, note);
  else note = "no earlier report given (--prior FILE or --db DB): only the implied prior-year values are shown";

  const annals::change_check c = annals::check_report(later, earlier ? &*earlier : nullptr, note, o.problems);
  switch (o.fmt) {
    case format::json: io.out << check_json(c); break;
    case format::md: io.out << annals::check_to_markdown(c, o.lang); break;
    case format::table: print_table(c, io.out); break;
    default: annals::cli::render(io.out, records_of(c), o.fmt, o.bom);
  }
  return c.inconsistent > 0 ? annals::cli::exit_found_problem : annals::cli::exit_ok;
}

const annals::cli::registration reg{50, [](CLI::App& app) -> annals::cli::runner {
  auto o = std::make_shared<check_options>();
  CLI::App* sub = app.add_subcommand("check", "Check every change a report states against the year before");
  sub->add_option("report", o->report, "the report file to check (- reads standard input)")->required();
  annals::cli::add_max_bytes_option(*sub);
  auto* prior = sub->add_option("--prior", o->prior, "the report of the year before, as a file");
  auto* db = sub->add_option("--db", o->db, "take the year before from this store (same jurisdiction, year − 1)");
  prior->excludes(db);
  sub->add_flag("--problems", o->problems, "only the inconsistent changes, without the implied prior-year values");
  annals::cli::add_format_option(*sub, o->fmt, o->bom, format::table);
  annals::cli::add_lang_option(*sub, o->lang);
  sub->footer(
      "Verdicts (rubric annals-track/1): consistent, inconsistent, unverifiable (no earlier figure, other\n"
      "units, a scope or period word), not_stated. Exit 1 when a stated change is inconsistent.\n"
      "md is in Chinese; --lang en for English.\n"
      "Example: annals check data/chengdu-2025.txt --prior data/chengdu-2024.txt");
  return [o](annals::cli::io& io) { return run(*o, io); };
}};

}  // namespace
