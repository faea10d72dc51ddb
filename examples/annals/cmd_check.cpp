// annals check — every change a report states (同比增长, 个百分点, 由A至B, 连续N年, 倍) with the
// verdict on it against the year before (a file with --prior, or the store with --db), and the
// prior-year intervals the growth statements imply. Exit 1 when something is inconsistent.
#include "cli.hpp"
#include "files.hpp"
#include "text_table.hpp"

#include <annals/error.hpp>
#include <annals/markdown.hpp>
#include <annals/range_text.hpp>
#include <annals/reader.hpp>
#include <annals/store.hpp>
#include <annals/track.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

using annals::cli::format;

struct check_options {
  std::string report;
  std::string prior;
  std::string db;
  format fmt = format::table;
  bool problems = false;  ///< --problems: only the inconsistent changes
};

/// One stated change of the report with its verdict.
struct row {
  std::string id;
  std::string kind;
  std::string label;
  std::string stated;
  std::string earlier;   ///< the earlier figure as written
  std::string later;     ///< the figure the change is about, as written
  std::string computed;  ///< what the figures give
  std::string allowed;   ///< the range they allow
  std::string verdict;
  std::string reason;
};

std::string range(const std::optional<annals::decimal>& lo, const std::optional<annals::decimal>& hi,
                  const std::string& unit) {
  return annals::range_text(lo, hi, unit, annals::range_with_dots);
}

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

/// The first entry of `items` for each later change id `id_of` gives (null ids left out).
template <class T, class Id>
std::unordered_map<std::string, const T*> first_by_change(const std::vector<T>& items, Id&& id_of) {
  std::unordered_map<std::string, const T*> out;
  for (const auto& x : items)
    if (const std::string* id = id_of(x)) out.emplace(*id, &x);
  return out;
}

std::vector<row> rows_of(const annals::report& later, const annals::tracking* t) {
  std::vector<row> out;
  // what the tracker says about each change, found by id instead of a scan per change
  std::unordered_map<std::string, const annals::metric_comparison*> metric_of;
  std::unordered_map<std::string, const annals::streak_check*> streak_of;
  std::unordered_map<std::string, const annals::from_to_check*> chain_of;
  if (t) {
    metric_of = first_by_change(t->metrics, [](const annals::metric_comparison& m) {
      return m.stated ? &m.stated->change : nullptr;
    });
    streak_of = first_by_change(t->streaks, [](const annals::streak_check& s) { return &s.later_change; });
    chain_of = first_by_change(t->from_to, [](const annals::from_to_check& f) { return &f.later_change; });
  }
  for (const auto& c : later.changes) {
    row r;
    r.id = c.id;
    r.kind = std::string(to_string(c.kind));
    r.label = c.label;
    r.stated = c.text;
    bool matched = false;
    if (t) {
      if (const auto it = metric_of.find(c.id); it != metric_of.end()) {
        const annals::metric_comparison& m = *it->second;
        matched = true;
        if (m.earlier) r.earlier = m.earlier->text;
        r.later = m.later.text;
        if (m.stated->kind == annals::change_kind::pp) {
          if (m.change_pp) r.computed = m.change_pp->to_string(2) + "pp";
          r.allowed = range(m.change_pp_lo, m.change_pp_hi, "pp");
        } else {
          if (m.growth_pct) r.computed = m.growth_pct->to_string(2) + "%";
          r.allowed = range(m.growth_pct_lo, m.growth_pct_hi, "%");
        }
        r.verdict = std::string(to_string(m.verdict));
        r.reason = m.verdict == annals::metric_verdict::consistent && m.basis == "truncation"
                       ? "consistent only if the stated figure was truncated"
                       : m.reason;
      }
      if (const auto it = streak_of.find(c.id); !matched && it != streak_of.end()) {
        const annals::streak_check& s = *it->second;
        matched = true;
        r.earlier = "连续" + s.earlier.to_string() + s.unit;
        r.later = "连续" + s.later.to_string() + s.unit;
        r.verdict = std::string(to_string(s.verdict));
        if (s.verdict == annals::metric_verdict::inconsistent) r.reason = "a streak grows by one a year";
      }
      if (const auto it = chain_of.find(c.id); !matched && it != chain_of.end()) {
        const annals::from_to_check& f = *it->second;
        matched = true;
        r.earlier = "至" + f.earlier_to.to_string() + f.unit;
        r.later = "由" + f.later_from.to_string() + f.unit;
        r.verdict = std::string(to_string(f.verdict));
        if (f.verdict == annals::metric_verdict::inconsistent)
          r.reason = "the chain does not start where the year before ended";
      }
      for (const auto& p : t->parts) {
        if (matched || p.report != "later" || p.stated_text.empty()) continue;
        if (c.text.find(p.stated_text) == std::string::npos && p.stated_text.find(c.text) == std::string::npos) continue;
        matched = true;
        r.computed = range(p.computed_lo, p.computed_hi, p.kind == "share" ? "%" : "倍");
        r.verdict = std::string(to_string(p.verdict));
        r.reason = p.kind + " of " + p.label + " over " + p.base_label;
      }
    }
    if (!matched) {
      r.verdict = "unverifiable";
      r.reason = t ? "no matching figure in the earlier report" : "no earlier report to compare with";
      if (c.kind == annals::change_kind::multiple || c.kind == annals::change_kind::doubling ||
          c.kind == annals::change_kind::threshold)
        r.reason = "not checked: no figures to compare it with";
    }
    out.push_back(std::move(r));
  }
  return out;
}

int run(const check_options& o, annals::cli::io& io) {
  const annals::report later = annals::cli::read_input_report(o.report);
  std::optional<annals::report> earlier;
  std::string note;
  if (!o.prior.empty()) earlier = annals::cli::read_input_report(o.prior);
  else if (!o.db.empty()) earlier = earlier_from_store(o.db, later, note);
  else note = "no earlier report given (--prior FILE or --db DB): only the implied prior-year values are shown";

  std::optional<annals::tracking> t;
  if (earlier) t = annals::track(*earlier, later);
  auto rows = rows_of(later, t ? &*t : nullptr);
  const std::size_t stated_changes = rows.size();
  auto priors = annals::implied_priors(later);
  if (o.problems) {
    std::erase_if(rows, [](const row& r) { return r.verdict != "inconsistent"; });
    priors.clear();
  }
  std::size_t inconsistent = 0;
  for (const auto& r : rows) if (r.verdict == "inconsistent") ++inconsistent;

  auto year_of = [](const annals::report& r) { return r.meta.year ? std::to_string(r.meta.year->value()) : "?"; };

  if (o.fmt == format::json) {
    nlohmann::json j;
    auto ident = [](const annals::report& r) {
      return nlohmann::json{{"name", r.source.name},
                            {"sha256", r.source.sha256},
                            {"jurisdiction", r.meta.jurisdiction ? nlohmann::json(*r.meta.jurisdiction) : nlohmann::json()},
                            {"year", r.meta.year ? nlohmann::json(r.meta.year->value()) : nlohmann::json()}};
    };
    j["report"] = ident(later);
    j["earlier"] = earlier ? ident(*earlier) : nlohmann::json();
    if (!note.empty()) j["note"] = note;
    auto arr = nlohmann::json::array();
    for (const auto& r : rows)
      arr.push_back({{"change", r.id}, {"kind", r.kind}, {"label", r.label}, {"text", r.stated},
                     {"earlier", r.earlier}, {"later", r.later}, {"computed", r.computed}, {"allowed", r.allowed},
                     {"verdict", r.verdict}, {"reason", r.reason}});
    j["changes"] = std::move(arr);
    auto pr = nlohmann::json::array();
    for (const auto& p : priors)
      pr.push_back({{"change", p.change}, {"fact", p.fact}, {"label", p.label}, {"unit", p.unit},
                    {"value", p.value.to_string()},
                    {"lo", p.lo ? nlohmann::json(p.lo->to_string()) : nlohmann::json()},
                    {"hi", p.hi ? nlohmann::json(p.hi->to_string()) : nlohmann::json()}});
    j["implied_priors"] = std::move(pr);
    j["inconsistent"] = inconsistent;
    io.out << j.dump(2) << "\n";
  } else if (o.fmt == format::md) {
    // every piece of text through the one Markdown escaping of the library (markdown.hpp)
    const auto cell = [](std::string_view s) { return annals::markdown_text(s); };
    io.out << "# Stated changes in " << cell(later.meta.title.empty() ? later.source.name : later.meta.title) << "\n\n";
    io.out << "Checked against: "
           << (earlier ? cell(earlier->source.name) + " (" + cell(year_of(*earlier)) + ")" : cell(note)) << "\n\n";
    io.out << "| change | kind | label | stated | earlier | later | computed | allowed | verdict | why |\n"
              "| --- | --- | --- | --- | --- | --- | ---: | --- | --- | --- |\n";
    for (const auto& r : rows)
      io.out << "| " << cell(r.id) << " | " << cell(r.kind) << " | " << cell(r.label) << " | " << cell(r.stated)
             << " | " << cell(r.earlier) << " | " << cell(r.later) << " | " << cell(r.computed) << " | "
             << cell(r.allowed) << " | " << (r.verdict == "inconsistent" ? "**inconsistent**" : cell(r.verdict))
             << " | " << cell(r.reason) << " |\n";
    if (!priors.empty()) {
      const std::string prior_year =
          later.meta.year ? std::to_string(later.meta.year->value() - 1) : std::string("prior-year");
      io.out << "\n## Implied prior-year values\n\n| change | label | implied " << prior_year
             << " value |\n| --- | --- | --- |\n";
      for (const auto& p : priors)
        io.out << "| " << cell(p.change) << " | " << cell(p.label) << " | ≈ " << p.value.to_string() << cell(p.unit)
               << " (" << cell(range(p.lo, p.hi, p.unit)) << ") |\n";
    }
    io.out << "\n" << inconsistent << " inconsistent of " << stated_changes << " stated changes.\n";
  } else {
    // the lines above the tables quote the title and file names: as safe as the cells
    const auto safe = [](const std::string& s) { return annals::cli::safe(s); };
    io.out << "Stated changes in " << safe(later.meta.title.empty() ? later.source.name : later.meta.title) << " ("
           << safe(year_of(later)) << ")\n";
    io.out << "checked against: "
           << safe(earlier ? earlier->source.name + " (" + year_of(*earlier) + ")" : note) << "\n\n";
    annals::cli::text_table tt({"change", "kind", "label", "stated", "earlier", "later", ">computed", "allowed",
                                "verdict", "why"});
    for (const auto& r : rows)
      tt.add({r.id, r.kind, r.label, r.stated, r.earlier, r.later, r.computed, r.allowed, r.verdict, r.reason});
    tt.print(io.out, 36);
    if (!priors.empty()) {
      io.out << "\nImplied prior-year values (from each growth statement alone):\n";
      annals::cli::text_table pt({"change", "label", ">implied", "interval"});
      for (const auto& p : priors)
        pt.add({p.change, p.label, "≈ " + p.value.to_string(0) + p.unit, range(p.lo, p.hi, p.unit)});
      pt.print(io.out, 40);
    }
    io.out << "\n" << inconsistent << " inconsistent of " << stated_changes << " stated changes\n";
  }
  return inconsistent > 0 ? static_cast<int>(annals::errc::found_problem) : 0;
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
  annals::cli::add_format_option(*sub, o->fmt, {format::table, format::json, format::md}, format::table);
  sub->footer(
      "Verdicts (rubric annals-track/1): consistent, inconsistent, unverifiable (no earlier figure, other\n"
      "units, a scope or period word), not_stated. Exit 1 when a stated change is inconsistent.\n"
      "Example: annals check data/chengdu-2025.txt --prior data/chengdu-2024.txt");
  return [o](annals::cli::io& io) { return run(*o, io); };
}};

}  // namespace
