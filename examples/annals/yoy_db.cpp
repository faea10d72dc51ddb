// annals yoy --db: every metric's series across years from the store (metric_histories), with
// computed growth, stated growth and the verdict; as a table, CSV or JSON.
#include "yoy_db.hpp"
#include "files.hpp"

#include "text_table.hpp"

#include <annals/csv.hpp>
#include <annals/error.hpp>
#include <annals/html_report.hpp>
#include <annals/range_text.hpp>
#include <annals/store.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace annals::cli {

namespace {

/// "1099–1101件", "?–1101件": the prior year a stated growth implies (whole units, outward).
constexpr range_style implied_prior_style{.between = "–", .no_lower = "?", .no_upper = "?", .digits = 0, .outward = true};

nlohmann::json dec(const std::optional<decimal>& d) { return d ? nlohmann::json(d->to_string()) : nlohmann::json(); }

std::string dec_text(const std::optional<decimal>& d) { return d ? d->to_string() : std::string(); }

std::string verdict_text(const yoy_point& p) {
  return p.verdict ? std::string(to_string(*p.verdict)) : std::string();
}

std::string signed2(const decimal& d) {
  std::string t = d.to_string(2);
  if (d.sign() > 0) t.insert(t.begin(), '+');
  return t;
}

std::string allowed_text(const yoy_point& p) {
  if (!p.growth_lo && !p.growth_hi) return "";
  const std::string u = p.in_pp ? "pp" : "%";
  return (p.growth_lo ? p.growth_lo->to_string(2) : std::string("-∞")) + ".." +
         (p.growth_hi ? p.growth_hi->to_string(2) : std::string("∞")) + u;
}

bool shown(const yoy_point& p, const yoy_db_options& o) {
  if (o.stated) return p.stated.has_value();
  return !o.with_growth || p.growth_pct || p.stated;
}

}  // namespace

int run_yoy_db(const yoy_db_options& o, io& io) {
  const store db = annals::cli::open_store_read_only(o.db);
  std::vector<std::string> names;
  if (!o.jurisdiction.empty()) {
    bool known = false;
    for (const auto& j : db.jurisdictions()) known = known || j.name == o.jurisdiction;
    if (!known)
      throw usage_error("yoy: " + o.jurisdiction + ": no reports of this jurisdiction in " + o.db +
                        " (see annals reports --db " + o.db + ")");
    names.push_back(o.jurisdiction);
  } else {
    for (const auto& j : db.jurisdictions()) names.push_back(j.name);
  }

  history_options h;
  h.metric_contains = o.metric;
  std::vector<metric_history> all;
  for (const auto& j : names) {
    auto ms = metric_histories(db, j, h);
    for (auto& m : ms) {
      if ((o.with_growth || o.stated) &&
          std::none_of(m.points.begin(), m.points.end(), [&o](const yoy_point& p) { return shown(p, o); }))
        continue;
      all.push_back(std::move(m));
    }
  }

  if (o.fmt == format::json) {
    auto arr = nlohmann::json::array();
    for (const auto& m : all) {
      nlohmann::json jm;
      jm["jurisdiction"] = m.jurisdiction;
      jm["metric"] = m.metric;
      jm["label"] = m.label;
      jm["unit"] = m.unit;
      auto pts = nlohmann::json::array();
      for (const auto& p : m.points) {
        if (!shown(p, o)) continue;
        nlohmann::json jp;
        jp["year"] = p.year;
        jp["fact"] = p.fact;
        jp["text"] = p.text;
        jp["value"] = p.value.to_string();
        jp["lo"] = dec(p.bounds.lo);
        jp["hi"] = dec(p.bounds.hi);
        const std::string g = p.in_pp ? "change_pp" : "growth_pct";
        jp[g] = p.growth_pct ? nlohmann::json(p.growth_pct->to_string(2)) : nlohmann::json();
        jp[g + "_lo"] = dec(p.growth_lo);
        jp[g + "_hi"] = dec(p.growth_hi);
        if (p.stated) {
          jp["stated"] = {{"kind", std::string(to_string(p.stated_kind))},
                          {"value", p.stated->to_string()},
                          {"text", p.stated_text}};
        } else {
          jp["stated"] = nullptr;
        }
        jp["verdict"] = p.verdict ? nlohmann::json(std::string(to_string(*p.verdict))) : nlohmann::json();
        if (!p.reason.empty()) jp["reason"] = p.reason;
        if (p.implied_prior_lo || p.implied_prior_hi)
          jp["implied_prior"] = {{"lo", dec(p.implied_prior_lo)}, {"hi", dec(p.implied_prior_hi)}};
        pts.push_back(std::move(jp));
      }
      jm["points"] = std::move(pts);
      arr.push_back(std::move(jm));
    }
    io.out << arr.dump(2) << "\n";
    return 0;
  }

  if (o.fmt == format::csv) {
    io.out << "jurisdiction,metric,label,unit,year,fact,text,value,lo,hi,growth_kind,growth,growth_lo,growth_hi,"
              "stated_kind,stated,stated_text,verdict,reason,implied_prior_lo,implied_prior_hi\n";
    for (const auto& m : all)
      for (const auto& p : m.points) {
        if (!shown(p, o)) continue;
        io.out << csv_field(m.jurisdiction) << ',' << csv_field(m.metric) << ',' << csv_field(m.label) << ','
               << csv_field(m.unit) << ',' << p.year << ',' << p.fact << ',' << csv_field(p.text) << ','
               << p.value.to_string() << ',' << dec_text(p.bounds.lo) << ',' << dec_text(p.bounds.hi) << ','
               << (p.in_pp ? "pp" : "pct") << ',' << (p.growth_pct ? p.growth_pct->to_string(2) : "") << ','
               << dec_text(p.growth_lo) << ',' << dec_text(p.growth_hi) << ','
               << (p.stated ? std::string(to_string(p.stated_kind)) : "") << ',' << dec_text(p.stated) << ','
               << csv_field(p.stated_text) << ',' << verdict_text(p) << ',' << csv_field(p.reason) << ','
               << dec_text(p.implied_prior_lo) << ',' << dec_text(p.implied_prior_hi) << "\n";
      }
    return 0;
  }

  text_table t({"metric", ">year", "year before", "figure", ">growth", "allowed", "stated", "verdict", "why"});
  std::string last_j;
  std::size_t rows = 0, inconsistent = 0;
  for (const auto& m : all) {
    if (names.size() > 1 && m.jurisdiction != last_j) {
      t.add_group("== " + m.jurisdiction);
      last_j = m.jurisdiction;
    }
    bool first = true;
    for (std::size_t i = 0; i < m.points.size(); ++i) {
      const auto& p = m.points[i];
      if (!shown(p, o)) continue;
      // the figure the growth is computed from (the point before, when it is the year before)
      const std::string before = p.growth_pct && i > 0 ? m.points[i - 1].text : std::string();
      std::string growth;
      if (p.growth_pct) growth = signed2(*p.growth_pct) + (p.in_pp ? "pp" : "%");
      std::string stated = p.stated_text;
      std::string why = p.reason;
      if (p.implied_prior_lo || p.implied_prior_hi)
        why = "implies " + std::to_string(p.year - 1) + " ≈ " +
              range_text(p.implied_prior_lo, p.implied_prior_hi, m.unit, implied_prior_style);
      if (p.verdict && *p.verdict == metric_verdict::inconsistent) ++inconsistent;
      t.add({first ? m.label + (m.unit.empty() ? "" : " (" + m.unit + ")") : "", std::to_string(p.year), before, p.text, growth,
             allowed_text(p), stated, verdict_text(p), why});
      first = false;
      ++rows;
    }
  }
  t.print(io.out, 40);
  io.out << all.size() << (all.size() == 1 ? " metric, " : " metrics, ") << rows << " metric-years, " << inconsistent
         << " inconsistent\n";
  return 0;
}

}  // namespace annals::cli
