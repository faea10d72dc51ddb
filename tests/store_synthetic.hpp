#pragma once
// Deterministic synthetic reports for the store's tests, crash test and benchmark.
//
// Every report made here is a MADE-UP TEST DOCUMENT (编造的测试文档), not a real government
// report: its text says so in its first line, its jurisdictions are named 样例市NNN, and its
// figures come from a formula. The same (jurisdiction, year, facts, variant) always gives the
// same report, sha256 included.

#include <annals/report.hpp>
#include <annals/text.hpp>

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>

namespace annals::synthetic {

inline std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

/// A made-up but well-formed sha256 (64 hex digits) unique to the arguments.
inline std::string fake_sha256(int jurisdiction, int year, std::size_t facts, int variant) {
  std::uint64_t h = mix(static_cast<std::uint64_t>(jurisdiction) * 1000003u + static_cast<std::uint64_t>(year));
  h = mix(h ^ (static_cast<std::uint64_t>(facts) << 20) ^ static_cast<std::uint64_t>(variant));
  std::string out;
  char buf[17];
  for (int i = 0; i < 4; ++i) {
    h = mix(h + static_cast<std::uint64_t>(i));
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    out += buf;
  }
  return out;
}

inline std::string jurisdiction_name(int j) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%03d", j);
  return std::string("样例市") + buf;
}

struct metric_template {
  const char* label;
  const char* unit;
  fact_kind kind;
  int base;  ///< value in year 2020
};

inline const std::array<metric_template, 24>& metric_templates() {
  static const std::array<metric_template, 24> t = {{
      {"新收行政复议案件", "件", fact_kind::count, 5800},
      {"办结行政复议案件", "件", fact_kind::count, 5200},
      {"行政复议纠错率", "%", fact_kind::percent, 12},
      {"行政应诉案件", "件", fact_kind::count, 3100},
      {"行政机关负责人出庭应诉率", "%", fact_kind::percent, 95},
      {"走访服务企业", "家", fact_kind::count, 61400},
      {"开展执法检查", "次", fact_kind::count, 18000},
      {"培训执法人员", "人次", fact_kind::count, 42000},
      {"审查行政规范性文件", "件", fact_kind::count, 740},
      {"清理地方性法规规章", "部", fact_kind::count, 120},
      {"办理人大代表建议", "件", fact_kind::count, 860},
      {"办理政协提案", "件", fact_kind::count, 910},
      {"公开政府信息", "条", fact_kind::count, 150000},
      {"受理政府信息公开申请", "件", fact_kind::count, 4300},
      {"开展普法活动", "场次", fact_kind::count, 9600},
      {"调解矛盾纠纷", "件", fact_kind::count, 212000},
      {"法律援助案件", "件", fact_kind::count, 26000},
      {"公证业务", "件", fact_kind::count, 180000},
      {"减免企业费用", "万元", fact_kind::amount, 38000},
      {"执法队伍", "支", fact_kind::count, 167},
      {"政务服务事项网上可办率", "%", fact_kind::percent, 90},
      {"12345热线办结率", "%", fact_kind::percent, 97},
      {"法律顾问审核合同", "份", fact_kind::count, 5300},
      {"行政执法案件", "件", fact_kind::count, 73000},
  }};
  return t;
}

/// Appends `s` to the text and returns its code-point span.
inline text_span append(report& r, std::size_t& cps, const std::string& s) {
  const text_span span{cps, cps + utf8::length(s)};
  r.text += s;
  cps = span.end;
  return span;
}

/**
 * A made-up annual report of 样例市NNN for `year` with `facts` facts, about one change per five
 * facts, three next steps, a plan, a problem and a target, four sections of two items, a date
 * and (for odd variants) a warning. Labels carry 全市 in even years, so the catalogue must join
 * them. `variant` changes the sha256 and the published day (a re-issued report of the same year).
 */
inline report make_report(int jurisdiction, int year, std::size_t facts, int variant = 0) {
  report r;
  const std::string place = jurisdiction_name(jurisdiction);
  r.source.name = "synthetic-" + std::to_string(jurisdiction) + "-" + std::to_string(year) + "-" +
                  std::to_string(facts) + "-" + std::to_string(variant) + ".txt";
  r.source.sha256 = fake_sha256(jurisdiction, year, facts, variant);
  r.meta.title = place + "人民政府关于" + std::to_string(year) + "年度法治政府建设情况的报告";
  r.meta.issuer = place + "人民政府";
  r.meta.jurisdiction = place;
  r.meta.year = report_year(year);
  r.meta.published = calendar_date(year + 1, 1, 6 + (variant % 20));
  r.meta.recipient = "市人大常委会";

  std::size_t cps = 0;
  append(r, cps, "编造的测试文档（made-up test document, not a real government report）\n");
  append(r, cps, r.meta.title + "\n");
  const auto& templates = metric_templates();
  const std::size_t per_section = (facts + 3) / 4;
  std::size_t f = 0;
  int change_no = 0;
  for (int s = 0; s < 4; ++s) {
    section sec;
    sec.ordinal = s + 1;
    static const std::array<const char*, 4> markers = {"一", "二", "三", "四"};
    sec.marker = markers[static_cast<std::size_t>(s)];
    sec.heading = std::string("第") + sec.marker + "部分工作情况";
    const std::size_t sec_start = cps;
    append(r, cps, sec.marker + std::string("、") + sec.heading + "\n");
    for (int it = 0; it < 2; ++it) {
      item i;
      i.ordinal = it + 1;
      i.marker = it == 0 ? "一是" : "二是";
      i.title = "推进第" + std::to_string(s * 2 + it + 1) + "项重点工作";
      const std::size_t item_start = cps;
      append(r, cps, i.marker + i.title + "。");
      const std::size_t item_facts = (per_section + 1) / 2;
      for (std::size_t k = 0; k < item_facts && f < facts; ++k, ++f) {
        const auto& m = templates[f % templates.size()];
        const std::uint64_t h = mix(static_cast<std::uint64_t>(jurisdiction) * 7919u + f);
        fact x;
        x.id = "f" + std::to_string(f + 1);
        x.section = sec.ordinal;
        x.item = i.ordinal;
        // Labels differ by round so that big reports have many distinct metrics.
        const std::string round = f < templates.size() ? "" : "（第" + std::to_string(f / templates.size()) + "类）";
        x.label = (year % 2 == 0 ? "全市" : "") + std::string(m.label) + round;
        const std::int64_t grown = static_cast<std::int64_t>(m.base) * (100 + 7 * (year - 2020)) / 100 +
                                   static_cast<std::int64_t>(h % 50);
        x.q.unit = m.unit;
        x.kind = m.kind;
        switch (f % 4) {
          case 0:  // plain count: exact
            x.q.value = decimal(grown);
            x.text = std::to_string(grown) + m.unit;
            break;
          case 1: {  // 1.23万, more_than
            x.q.value = decimal::from_parts(grown / 100, 2).shifted(4).normalized();
            x.q.qual = qualifier::more_than;
            x.q.last_digit = 2;
            x.q.approximate = true;
            x.qualifier_text = "超";
            x.text = "超" + decimal::from_parts(grown / 100, 2).to_string() + "万" + m.unit;
            break;
          }
          case 2:  // one decimal, about
            x.q.value = decimal::from_parts(grown, 1);
            x.q.qual = qualifier::about;
            x.q.last_digit = -1;
            x.q.approximate = true;
            x.qualifier_text = "约";
            x.text = "约" + x.q.value.to_string() + m.unit;
            break;
          default:  // at_least
            x.q.value = decimal(grown);
            x.q.qual = qualifier::at_least;
            x.qualifier_text = "以上";
            x.text = std::to_string(grown) + m.unit + "以上";
            break;
        }
        x.cumulative = f % 11 == 5;
        x.average = f % 13 == 7;
        append(r, cps, x.label);
        x.span = append(r, cps, x.text);
        append(r, cps, "，");
        if (f % 5 == 0) {
          change c;
          c.id = "c" + std::to_string(++change_no);
          c.kind = change_kind::growth_pct;
          c.basis = growth_basis::yoy;
          c.label = x.label;
          c.value = decimal::from_parts(static_cast<std::int64_t>(h % 1000), 1);
          c.text = "同比增长" + c.value->to_string() + "%";
          c.dir = direction::up;
          c.fact = x.id;
          c.section = sec.ordinal;
          c.item = i.ordinal;
          c.span = append(r, cps, c.text);
          append(r, cps, "，");
          r.changes.push_back(std::move(c));
        }
        r.facts.push_back(std::move(x));
      }
      i.span = {item_start, cps};
      sec.items.push_back(std::move(i));
    }
    append(r, cps, "\n");
    sec.span = {sec_start, cps};
    r.sections.push_back(std::move(sec));
  }
  {
    change c;
    c.id = "c" + std::to_string(++change_no);
    c.kind = change_kind::from_to;
    c.label = "全市执法队伍";
    c.from = decimal(167);
    c.to = decimal(114);
    c.unit = "支";
    c.dir = direction::down;
    c.text = "由167支精简至114支";
    c.span = append(r, cps, "执法队伍" + c.text + "。\n");
    r.changes.push_back(std::move(c));
  }
  // commitments
  {
    commitment k;
    k.id = "k1";
    k.kind = commitment_kind::plan;
    k.text = "明确七个方面24项工作任务";
    k.groups = 7;
    k.count = 24;
    k.section = 1;
    k.item = 1;
    k.span = append(r, cps, k.text + "。\n");
    r.commitments.push_back(std::move(k));
  }
  append(r, cps, "下一步工作安排\n");
  for (int n = 1; n <= 3; ++n) {
    commitment k;
    k.id = "k" + std::to_string(n + 1);
    k.kind = commitment_kind::next_step;
    k.ordinal = n;
    k.title = "持续推进第" + std::to_string(n) + "项任务";
    k.text = k.title + "，完善制度机制，提升工作质效。";
    k.span = append(r, cps, k.text + "\n");
    r.commitments.push_back(std::move(k));
  }
  {
    commitment k;
    k.id = "k5";
    k.kind = commitment_kind::problem;
    k.ordinal = 1;
    k.text = "行政规范性文件法治化水平还需进一步提升";
    k.span = append(r, cps, k.text + "。\n");
    r.commitments.push_back(std::move(k));
  }
  if (!r.facts.empty()) {
    commitment k;
    k.id = "k6";
    k.kind = commitment_kind::target;
    k.text = "力争明年达到更高水平";
    k.fact = r.facts.front().id;
    k.deadline = calendar_date(year + 1, 12, 31);
    k.span = append(r, cps, k.text + "。\n");
    r.commitments.push_back(std::move(k));
  }
  {
    const calendar_date day = *r.meta.published;
    const std::string text = std::to_string(day.year()) + "年" + std::to_string(day.month()) + "月" +
                             std::to_string(day.day()) + "日";
    const text_span span = append(r, cps, text);
    append(r, cps, "\n");
    r.dates.push_back({text, day, annals::date_role::published, span});
  }
  if (variant % 2 == 1) r.warnings.push_back({"invalid_utf8", "made-up warning for the test", 3});
  return r;
}

/// Report number i (0 ≤ i < 250) of the crash test's ingest run.
inline report crash_report(int i, std::size_t facts) { return make_report(100 + i % 7, 1950 + i, facts, i % 3); }

}  // namespace annals::synthetic
