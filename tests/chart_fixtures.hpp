#pragma once
// Made-up metric histories for the chart tests: ten years of figures, written as reports write
// them, in a jurisdiction_view built by hand (no store needed).

#include <annals/html_report.hpp>

#include <string>

namespace annals::test {

/// One metric over `years` years from 2015, value(i) as written by text(i).
template <class Text, class Value>
metric_history made_up_metric(const std::string& label, const std::string& unit, int years, Text text, Value value) {
  metric_history m;
  m.jurisdiction = "样例市";
  m.metric = label + "|" + unit;
  m.label = label;
  m.unit = unit;
  for (int i = 0; i < years; ++i) {
    yoy_point p;
    p.year = 2015 + i;
    p.text = text(i);
    p.value = decimal::parse(value(i));
    if (i > 0) p.verdict = i % 4 == 3 ? metric_verdict::inconsistent : metric_verdict::not_stated;
    m.points.push_back(p);
  }
  return m;
}

/// Ten years of three metrics: counts that grow from 2000 to 15500 (a zero-based axis), a
/// money figure with long labels, and a rate that sits far above zero (96.1%–99.0%).
inline jurisdiction_view ten_year_view() {
  jurisdiction_view v;
  v.jurisdiction = "样例市";
  v.generator = "annals test";
  v.metrics.push_back(made_up_metric(
      "办理行政复议案件", "件", 10, [](int i) { return "超" + std::to_string(2000 + i * 1500) + "件"; },
      [](int i) { return std::to_string(2000 + i * 1500); }));
  v.metrics.push_back(made_up_metric(
      "法治宣传经费", "万元", 10, [](int i) { return std::to_string(12345 + i * 1111) + ".67万元"; },
      [](int i) { return std::to_string(12345 + i * 1111) + ".67"; }));
  v.metrics.push_back(made_up_metric(
      "行政诉讼案件败诉率下降后的胜诉率", "%", 10, [](int i) { return "9" + std::to_string(6 + i / 4) + "." + std::to_string(i) + "%"; },
      [](int i) { return "9" + std::to_string(6 + i / 4) + "." + std::to_string(i); }));
  return v;
}

}  // namespace annals::test
