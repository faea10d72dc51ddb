// The records of `annals reports`, `annals yoy --db` and `annals check` as JSON, CSV and Markdown
// (records_json.hpp). nlohmann::json keeps keys sorted, which is the order these records have
// always had.

#include <annals/csv.hpp>
#include <annals/markdown.hpp>
#include <annals/range_text.hpp>
#include <annals/records_json.hpp>

#include "figures/localize_detail.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace annals {

namespace {

using json = nlohmann::json;

json opt_string(const std::optional<std::string>& s) { return s ? json(*s) : json(); }
json dec(const std::optional<decimal>& d) { return d ? json(d->to_string()) : json(); }
std::string dec_text(const std::optional<decimal>& d) { return d ? d->to_string() : std::string(); }
std::string dump(const json& j) { return j.dump(2) + "\n"; }

json report_summary_json(const report_summary& r) {
  json j;
  j["id"] = r.id.value;
  j["jurisdiction"] = opt_string(r.jurisdiction);
  j["year"] = r.year ? json(r.year->value()) : json();
  j["issuer"] = opt_string(r.issuer);
  j["title"] = r.title;
  j["published"] = r.published ? json(r.published->to_iso()) : json();
  j["recipient"] = opt_string(r.recipient);
  j["source"] = r.source_name;
  j["sha256"] = r.sha256;
  j["facts"] = r.facts;
  j["changes"] = r.changes;
  j["commitments"] = r.commitments;
  j["ingested_at"] = r.ingested_at;
  j["current"] = r.current;
  j["revision"] = r.revision;
  j["revisions"] = r.revisions;
  return j;
}

json yoy_point_json(const yoy_point& p) {
  json jp;
  jp["year"] = p.year;
  jp["fact"] = p.fact;
  jp["text"] = p.text;
  jp["value"] = p.value.to_string();
  jp["lo"] = dec(p.bounds.lo);
  jp["hi"] = dec(p.bounds.hi);
  const std::string g = p.in_pp ? "change_pp" : "growth_pct";
  jp[g] = p.growth_pct ? json(p.growth_pct->to_string(2)) : json();
  jp[g + "_lo"] = dec(p.growth_lo);
  jp[g + "_hi"] = dec(p.growth_hi);
  if (p.stated)
    jp["stated"] = {{"kind", std::string(to_string(p.stated_kind))}, {"value", p.stated->to_string()}, {"text", p.stated_text}};
  else
    jp["stated"] = nullptr;
  jp["verdict"] = p.verdict ? json(std::string(to_string(*p.verdict))) : json();
  if (!p.reason.empty()) jp["reason"] = p.reason;
  if (p.implied_prior_lo || p.implied_prior_hi)
    jp["implied_prior"] = {{"lo", dec(p.implied_prior_lo)}, {"hi", dec(p.implied_prior_hi)}};
  return jp;
}

std::string year_text(const std::optional<report_year>& y) { return y ? std::to_string(y->value()) : "?"; }

json checked_report_json(const checked_report& r) {
  return json{{"name", r.name},
              {"sha256", r.sha256},
              {"jurisdiction", opt_string(r.jurisdiction)},
              {"year", r.year ? json(r.year->value()) : json()}};
}

}  // namespace

std::string reports_to_json(const std::vector<report_summary>& reports) {
  auto arr = json::array();
  for (const auto& r : reports) arr.push_back(report_summary_json(r));
  return dump(arr);
}

std::string reports_to_csv(const std::vector<report_summary>& reports) {
  std::ostringstream out;
  out << "id,jurisdiction,year,issuer,title,published,source,sha256,facts,changes,commitments,ingested_at,"
         "current,revision,revisions\n";
  for (const auto& r : reports) {
    out << r.id.value << ',' << csv_field(r.jurisdiction.value_or("")) << ','
        << (r.year ? std::to_string(r.year->value()) : std::string()) << ',' << csv_field(r.issuer.value_or("")) << ','
        << csv_field(r.title) << ',' << (r.published ? r.published->to_iso() : std::string()) << ','
        << csv_field(r.source_name) << ',' << r.sha256 << ',' << r.facts << ',' << r.changes << ',' << r.commitments
        << ',' << r.ingested_at << ',' << (r.current ? 1 : 0) << ',' << r.revision << ',' << r.revisions << "\n";
  }
  return out.str();
}

std::string histories_to_json(const std::vector<metric_history>& metrics, const yoy_filter& filter) {
  auto arr = json::array();
  for (const auto& m : metrics) {
    json jm;
    jm["jurisdiction"] = m.jurisdiction;
    jm["metric"] = m.metric;
    jm["label"] = m.label;
    jm["unit"] = m.unit;
    auto pts = json::array();
    for (const auto& p : m.points)
      if (filter.shows(p)) pts.push_back(yoy_point_json(p));
    jm["points"] = std::move(pts);
    arr.push_back(std::move(jm));
  }
  return dump(arr);
}

std::string histories_to_csv(const std::vector<metric_history>& metrics, const yoy_filter& filter) {
  std::ostringstream out;
  out << "jurisdiction,metric,label,unit,year,fact,text,value,lo,hi,growth_kind,growth,growth_lo,growth_hi,"
         "stated_kind,stated,stated_text,verdict,reason,implied_prior_lo,implied_prior_hi\n";
  for (const auto& m : metrics)
    for (const auto& p : m.points) {
      if (!filter.shows(p)) continue;
      out << csv_field(m.jurisdiction) << ',' << csv_field(m.metric) << ',' << csv_field(m.label) << ','
          << csv_field(m.unit) << ',' << p.year << ',' << p.fact << ',' << csv_field(p.text) << ','
          << p.value.to_string() << ',' << dec_text(p.bounds.lo) << ',' << dec_text(p.bounds.hi) << ','
          << (p.in_pp ? "pp" : "pct") << ',' << (p.growth_pct ? p.growth_pct->to_string(2) : "") << ','
          << dec_text(p.growth_lo) << ',' << dec_text(p.growth_hi) << ','
          << (p.stated ? std::string(to_string(p.stated_kind)) : "") << ',' << dec_text(p.stated) << ','
          << csv_field(p.stated_text) << ',' << (p.verdict ? std::string(to_string(*p.verdict)) : std::string())
          << ',' << csv_field(p.reason) << ',' << dec_text(p.implied_prior_lo) << ',' << dec_text(p.implied_prior_hi)
          << "\n";
    }
  return out.str();
}

std::string check_to_json(const change_check& c) {
  json j;
  j["report"] = checked_report_json(c.report);
  j["earlier"] = c.earlier ? checked_report_json(*c.earlier) : json();
  if (!c.note.empty()) j["note"] = c.note;
  auto arr = json::array();
  for (const auto& r : c.changes)
    arr.push_back({{"change", r.change}, {"kind", std::string(to_string(r.kind))}, {"label", r.label},
                   {"text", r.text}, {"earlier", r.earlier}, {"later", r.later}, {"computed", r.computed},
                   {"allowed", r.allowed}, {"verdict", std::string(to_string(r.verdict))}, {"reason", r.reason}});
  j["changes"] = std::move(arr);
  auto pr = json::array();
  for (const auto& p : c.implied_priors)
    pr.push_back({{"change", p.change}, {"fact", p.fact}, {"label", p.label}, {"unit", p.unit},
                  {"value", p.value.to_string()}, {"lo", dec(p.lo)}, {"hi", dec(p.hi)}});
  j["implied_priors"] = std::move(pr);
  j["inconsistent"] = c.inconsistent;
  return dump(j);
}

std::string check_to_markdown(const change_check& c) { return check_to_markdown(c, report_lang::en); }

std::string check_to_markdown(const change_check& c, report_lang lang) {
  const detail::words w{lang};
  const auto cell = [](std::string_view s) { return markdown_text(s); };
  std::ostringstream out;
  out << w.t("# Stated changes in ", "# 变化表述核验：") << cell(c.report.title.empty() ? c.report.name : c.report.title)
      << "\n\n";
  out << w.t("Checked against: ", "对照：")
      << (c.earlier ? cell(c.earlier->name) + " (" + cell(year_text(c.earlier->year)) + ")" : cell(w.reason(c.note)))
      << "\n\n";
  out << w.t("| change | kind | label | stated | earlier | later | computed | allowed | verdict | why |\n",
             "| 编号 | 类别 | 指标 | 报告所称 | 上年 | 本年 | 计算值 | 允许范围 | 结论 | 原因 |\n")
      << "| --- | --- | --- | --- | --- | --- | ---: | --- | --- | --- |\n";
  for (const auto& r : c.changes) {
    const std::string verdict = w.status(to_string(r.verdict));
    const std::string kind = w.zh() ? std::string(detail::change_kind_zh(r.kind)) : std::string(to_string(r.kind));
    out << "| " << cell(r.change) << " | " << cell(kind) << " | " << cell(r.label) << " | " << cell(r.text) << " | "
        << cell(r.earlier) << " | " << cell(r.later) << " | " << cell(r.computed) << " | " << cell(r.allowed) << " | "
        << (r.verdict == metric_verdict::inconsistent ? "**" + verdict + "**" : cell(verdict)) << " | "
        << cell(w.reason(r.reason)) << " |\n";
  }
  if (!c.implied_priors.empty()) {
    const std::string prior_year =
        c.report.year ? std::to_string(c.report.year->value() - 1) : w.t("prior-year", "上年");
    if (w.zh())
      out << "\n## 隐含的上年数值\n\n| 编号 | 指标 | 隐含的" << prior_year << (c.report.year ? "年" : "") << "数值 |\n";
    else
      out << "\n## Implied prior-year values\n\n| change | label | implied " << prior_year << " value |\n";
    out << "| --- | --- | --- |\n";
    for (const auto& p : c.implied_priors)
      out << "| " << cell(p.change) << " | " << cell(p.label) << " | ≈ " << p.value.to_string() << cell(p.unit)
          << " (" << cell(range_text(p.lo, p.hi, p.unit, w.zh() ? detail::range_in_zh : range_with_dots)) << ") |\n";
  }
  if (w.zh())
    out << "\n共" << c.stated_changes << "处变化表述，其中" << c.inconsistent << "处与数据不一致。\n";
  else
    out << "\n" << c.inconsistent << " inconsistent of " << c.stated_changes << " stated changes.\n";
  return out.str();
}

}  // namespace annals
