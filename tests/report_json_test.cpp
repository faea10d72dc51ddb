// annals.report/1: exact shape, round trip, and the flat variants (JSONL, CSV, Markdown).
#include <annals/error.hpp>
#include <annals/report_json.hpp>
#include <annals/text.hpp>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string sample() {
  std::ifstream in(ANNALS_DATA_DIR "/chengdu-2024.txt", std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The code-point span of the first occurrence of `needle` in `text`.
annals::text_span span_of(const std::string& text, std::string_view needle) {
  const auto at = text.find(needle);
  if (at == std::string::npos) throw std::runtime_error("not in sample: " + std::string(needle));
  const annals::offset_index idx(text);
  return idx.span_of(at, at + needle.size());
}

annals::quantity q(const char* value, const char* unit, annals::qualifier qual, int last_digit, bool approximate) {
  annals::quantity x;
  x.value = annals::decimal::parse(value);
  x.unit = unit;
  x.qual = qual;
  x.last_digit = last_digit;
  x.approximate = approximate;
  return x;
}

/// A hand-built report over the real sample text (what the extractor is expected to produce for
/// a few of its figures), covering every field and every change and commitment kind.
annals::report sample_report() {
  using namespace annals;
  report r;
  r.text = sample();
  r.source = {"chengdu-2024.txt", "821193b0aa39368658c8dd6bca57544bc7645e7636e96226513c4548e42e678a", "utf-8", annals::source_format::text, {}};
  r.meta.title = "成都市人民政府关于2024年度法治政府建设情况的报告";
  r.meta.issuer = "成都市人民政府";
  r.meta.jurisdiction = "成都市";
  r.meta.year = report_year(2024);
  r.meta.published = calendar_date(2025, 1, 6);
  r.meta.recipient = "市人大常委会";

  section s6;
  s6.ordinal = 6;
  s6.marker = "六";
  s6.heading = "深化矛盾纠纷预防调处化解,保障社会和谐稳定";
  s6.span = span_of(r.text, "六、深化矛盾纠纷预防调处化解,保障社会和谐稳定");
  item i1;
  i1.ordinal = 1;
  i1.marker = "一是";
  i1.title = "行政争议实质化解持续推进";
  i1.span = span_of(r.text, "一是行政争议实质化解持续推进");
  s6.items.push_back(i1);
  r.sections.push_back(s6);

  fact f1;
  f1.id = "f1";
  f1.section = 6;
  f1.item = 1;
  f1.label = "全市新收行政复议案件";
  f1.text = "超1.11万件";
  f1.q = q("11100", "件", qualifier::more_than, 2, true);
  f1.qualifier_text = "超";
  f1.span = span_of(r.text, "超1.11万件");
  r.facts.push_back(f1);

  fact f2;
  f2.id = "f2";
  f2.section = 4;
  f2.item = 1;
  f2.label = "执法力量部署在县镇两级";
  f2.text = "86.15%";
  f2.q = q("86.15", "%", qualifier::exact, -2, true);
  f2.kind = fact_kind::percent;
  f2.span = span_of(r.text, "86.15%");
  r.facts.push_back(f2);

  fact f3;
  f3.id = "f3";
  f3.section = 6;
  f3.item = 3;
  f3.label = "法律咨询服务";
  f3.text = "35.8万人次";
  f3.q = q("358000", "人次", qualifier::exact, 3, true);
  f3.cumulative = true;
  f3.span = span_of(r.text, "35.8万人次");
  r.facts.push_back(f3);

  fact f4;
  f4.id = "f4";
  f4.label = "行政应诉案件";
  f4.text = "5652件";
  f4.q = q("5652", "件", qualifier::exact, 0, false);
  f4.span = span_of(r.text, "5652件");
  r.facts.push_back(f4);

  fact f5;
  f5.id = "f5";
  f5.section = 6;
  f5.item = 1;
  f5.label = "行政争议经复议后未进入诉讼程序";
  f5.text = "85%以上";
  f5.q = q("85", "%", qualifier::at_least, 0, true);
  f5.qualifier_text = "以上";
  f5.kind = fact_kind::percent;
  f5.span = span_of(r.text, "85%以上");
  r.facts.push_back(f5);

  change c1;
  c1.id = "c1";
  c1.kind = change_kind::growth_pct;
  c1.basis = growth_basis::yoy;
  c1.label = "全市新收行政复议案件";
  c1.text = "同比增长89.6%";
  c1.value = decimal::parse("89.6");
  c1.dir = direction::up;
  c1.fact = "f1";
  c1.section = 6;
  c1.item = 1;
  c1.span = span_of(r.text, "同比增长89.6%");
  r.changes.push_back(c1);

  change c2;
  c2.id = "c2";
  c2.kind = change_kind::from_to;
  c2.label = "全市执法队伍";
  c2.text = "由167支精简至114支";
  c2.from = decimal{167};
  c2.to = decimal{114};
  c2.unit = "支";
  c2.dir = direction::down;
  c2.section = 4;
  c2.item = 1;
  c2.span = span_of(r.text, "由167支精简至114支");
  r.changes.push_back(c2);

  change c3;
  c3.id = "c3";
  c3.kind = change_kind::multiple;
  c3.label = "法院新收一审行政诉讼案件";
  c3.text = "2倍以上";
  c3.value = decimal{2};
  c3.qual = qualifier::at_least;
  c3.fact = "f1";
  c3.section = 6;
  c3.item = 1;
  c3.span = span_of(r.text, "2倍以上");
  r.changes.push_back(c3);

  change c4;
  c4.id = "c4";
  c4.kind = change_kind::streak;
  c4.label = "获评“最具幸福感城市”";
  c4.text = "连续16年";
  c4.value = decimal{16};
  c4.unit = "年";
  c4.span = span_of(r.text, "连续16年");
  r.changes.push_back(c4);

  r.dates.push_back({"2025年1月6日", calendar_date(2025, 1, 6), annals::date_role::published, span_of(r.text, "2025年1月6日")});

  commitment k1;
  k1.id = "k1";
  k1.kind = commitment_kind::plan;
  k1.text = "明确七个方面24项工作任务";
  k1.groups = 7;
  k1.count = 24;
  k1.section = 1;
  k1.item = 3;
  k1.span = span_of(r.text, "明确七个方面24项工作任务");
  r.commitments.push_back(k1);

  commitment k2;
  k2.id = "k2";
  k2.kind = commitment_kind::next_step;
  k2.ordinal = 4;
  k2.title = "着力提升行政执法质量";
  k2.text = "四是着力提升行政执法质量。加强行政执法主体清单、行政执法事项清单管理,全面规范涉企执法监督检查,强化镇(街道)执法能力建设。";
  k2.span = span_of(r.text, k2.text);
  r.commitments.push_back(k2);

  commitment k3;
  k3.id = "k3";
  k3.kind = commitment_kind::problem;
  k3.ordinal = 3;
  k3.text = "涉外法律服务能级还需进一步增强";
  k3.span = span_of(r.text, k3.text);
  r.commitments.push_back(k3);

  commitment k4;  // 编造的目标 (made-up target, for the shape only)
  k4.id = "k4";
  k4.kind = commitment_kind::target;
  k4.text = "力争行政复议纠错率达到90%以上";
  annals::target_goal g;  // the goal is the target's own, not a fact
  g.label = "行政复议纠错率";
  g.text = "90%以上";
  g.q.value = decimal::parse("90");
  g.q.unit = "%";
  g.q.qual = annals::qualifier::at_least;
  g.q.approximate = true;
  g.qualifier_text = "以上";
  g.kind = annals::fact_kind::percent;
  k4.goal = g;
  k4.deadline = calendar_date(2025, 12, 31);
  r.commitments.push_back(k4);

  r.warnings.push_back({"no_recipient", "an illustrative warning, \"quoted\"", 3});
  return r;
}

template <class F>
void expect_input_error(F&& f, const std::string& message) {
  try {
    f();
    ADD_FAILURE() << "expected input_error: " << message;
  } catch (const annals::input_error& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

}  // namespace

TEST(report_json_test, spans_index_the_sample_in_code_points) {
  const auto r = sample_report();
  for (const auto& f : r.facts) EXPECT_EQ(annals::utf8::slice(r.text, f.span), f.text) << f.id;
  for (const auto& c : r.changes) EXPECT_EQ(annals::utf8::slice(r.text, c.span), c.text) << c.id;
}

TEST(report_json_test, exact_shape_of_a_small_report) {
  annals::report r;
  r.source = {"a.txt", "00ff", "gb18030", annals::source_format::html, {}};
  r.meta.title = "某县2023年法治政府建设情况报告";  // 编造的测试文档
  r.meta.year = annals::report_year(2023);
  annals::fact f;
  f.id = "f1";
  f.section = 1;
  f.label = "行政复议案件";
  f.text = "1.2万余件";
  f.q = q("12000", "件", annals::qualifier::more_than, 3, true);
  f.qualifier_text = "余";
  f.cumulative = true;
  f.span = {10, 16};
  r.facts.push_back(f);
  annals::change c;
  c.id = "c1";
  c.kind = annals::change_kind::pp;
  c.label = "纠错率";
  c.text = "提高2.5个百分点";
  c.value = annals::decimal::parse("2.5");
  c.dir = annals::direction::up;
  c.span = {20, 29};
  r.changes.push_back(c);
  const std::string expected = R"({
  "schema": "annals.report/1",
  "source": {
    "name": "a.txt",
    "sha256": "00ff",
    "encoding": "gb18030",
    "format": "html"
  },
  "report": {
    "title": "某县2023年法治政府建设情况报告",
    "issuer": null,
    "jurisdiction": null,
    "year": 2023,
    "published": null,
    "recipient": null
  },
  "sections": [],
  "facts": [
    {
      "id": "f1",
      "section": 1,
      "item": null,
      "label": "行政复议案件",
      "text": "1.2万余件",
      "value": "12000",
      "unit": "件",
      "qualifier": "more_than",
      "qualifier_text": "余",
      "lo": "12000",
      "hi": "13000",
      "lo_closed": false,
      "hi_closed": false,
      "kind": "count",
      "flags": [
        "cumulative"
      ],
      "last_digit": 3,
      "approximate": true,
      "start": 10,
      "end": 16
    }
  ],
  "changes": [
    {
      "id": "c1",
      "kind": "pp",
      "label": "纠错率",
      "text": "提高2.5个百分点",
      "value": "2.5",
      "direction": "up",
      "fact": null,
      "section": null,
      "item": null,
      "start": 20,
      "end": 29
    }
  ],
  "dates": [],
  "commitments": [],
  "warnings": []
})";
  EXPECT_EQ(annals::to_json(r), expected);
  const std::string compact = annals::to_json(r, -1);
  EXPECT_EQ(compact.find('\n'), std::string::npos);
  EXPECT_EQ(compact.substr(0, 38), R"({"schema":"annals.report/1","source":{)");
}

TEST(report_json_test, kind_specific_fields_follow_the_spec) {
  const std::string j = annals::to_json(sample_report(), -1);
  EXPECT_NE(j.find(R"({"id":"c1","kind":"growth_pct","basis":"yoy","label":"全市新收行政复议案件","text":"同比增长89.6%","value":"89.6","direction":"up","fact":"f1",)"),
            std::string::npos);
  EXPECT_NE(j.find(R"({"id":"c2","kind":"from_to","label":"全市执法队伍","text":"由167支精简至114支","from":"167","to":"114","unit":"支","direction":"down","fact":null,)"),
            std::string::npos);
  EXPECT_NE(j.find(R"("kind":"multiple","label":"法院新收一审行政诉讼案件","text":"2倍以上","value":"2","qualifier":"at_least","fact":"f1")"),
            std::string::npos);
  EXPECT_NE(j.find(R"({"id":"k1","kind":"plan","text":"明确七个方面24项工作任务","groups":7,"count":24,"section":1,"item":3,)"),
            std::string::npos);
  EXPECT_NE(j.find(R"({"id":"k2","kind":"next_step","ordinal":4,"title":"着力提升行政执法质量","text":"四是)"), std::string::npos);
  EXPECT_NE(j.find(R"({"id":"k4","kind":"target","text":"力争行政复议纠错率达到90%以上","fact":null,"goal":{"label":"行政复议纠错率","text":"90%以上","value":"90","unit":"%","qualifier":"at_least","qualifier_text":"以上","lo":"90","hi":null,"lo_closed":true,"hi_closed":false,"kind":"percent","last_digit":0,"approximate":true,"start":0,"end":0},"deadline":"2025-12-31",)"),
            std::string::npos);
  EXPECT_NE(j.find(R"("dates":[{"text":"2025年1月6日","value":"2025-01-06","role":"published",)"), std::string::npos);
  // intervals: 86.15% to the hundredth, 85%以上 unbounded above, 5652件 a point
  EXPECT_NE(j.find(R"("value":"86.15","unit":"%","qualifier":"exact","qualifier_text":"","lo":"86.145","hi":"86.155","lo_closed":true,"hi_closed":false,"kind":"percent")"),
            std::string::npos);
  EXPECT_NE(j.find(R"("lo":"85","hi":null,"lo_closed":true,"hi_closed":false)"), std::string::npos);
  EXPECT_NE(j.find(R"("value":"5652","unit":"件","qualifier":"exact","qualifier_text":"","lo":"5652","hi":"5652")"),
            std::string::npos);
  EXPECT_EQ(j.find("\"text\":\"成都市人民政府关于2024"), std::string::npos);  // the document text is opt-in
}

TEST(report_json_test, round_trip_is_identical) {
  const auto r = sample_report();
  const std::string once = annals::to_json(r);
  const annals::report back = annals::report_from_json(once);
  EXPECT_EQ(annals::to_json(back), once);
  ASSERT_EQ(back.facts.size(), r.facts.size());
  for (std::size_t i = 0; i < r.facts.size(); ++i) {
    EXPECT_EQ(back.facts[i].q, r.facts[i].q) << i;
    EXPECT_EQ(back.facts[i].span, r.facts[i].span) << i;
    EXPECT_EQ(back.facts[i].cumulative, r.facts[i].cumulative) << i;
  }
  EXPECT_EQ(back.meta.published, r.meta.published);
  EXPECT_EQ(back.meta.year, r.meta.year);
  EXPECT_EQ(back.commitments[3].deadline, r.commitments[3].deadline);
  EXPECT_EQ(back.changes[2].qual, annals::qualifier::at_least);
  // with the document text included, spans can be checked against it after the trip
  annals::json_options opts;
  opts.include_text = true;
  const std::string with_text = annals::to_json(r, opts);
  const annals::report back2 = annals::report_from_json(with_text);
  EXPECT_EQ(back2.text, r.text);
  EXPECT_EQ(annals::utf8::slice(back2.text, back2.facts[0].span), "超1.11万件");
  EXPECT_EQ(annals::to_json(back2, opts), with_text);
}

TEST(report_json_test, a_target_goal_round_trips_and_the_old_form_takes_it_from_the_fact) {
  // new form: "fact": null and the goal object
  const auto r = sample_report();
  const annals::report back = annals::report_from_json(annals::to_json(r));
  ASSERT_TRUE(back.commitments[3].goal);
  EXPECT_FALSE(back.commitments[3].fact);
  EXPECT_EQ(back.commitments[3].goal->q, r.commitments[3].goal->q);
  EXPECT_EQ(back.commitments[3].goal->label, "行政复议纠错率");
  EXPECT_EQ(back.commitments[3].goal->text, "90%以上");
  EXPECT_EQ(back.commitments[3].goal->qualifier_text, "以上");
  EXPECT_EQ(back.commitments[3].goal->kind, annals::fact_kind::percent);

  // old form (annals before the goal object): no "goal", "fact" names the fact holding the figure
  auto old = sample_report();
  old.commitments[3].goal.reset();
  old.commitments[3].fact = "f5";
  std::string j = annals::to_json(old, -1);
  const std::string null_goal = R"("goal":null,)";
  const auto at = j.find(null_goal);
  ASSERT_NE(at, std::string::npos);
  j.erase(at, null_goal.size());
  const annals::report back_old = annals::report_from_json(j);
  const auto& k = back_old.commitments[3];
  EXPECT_EQ(k.fact, "f5");
  ASSERT_TRUE(k.goal);
  EXPECT_EQ(k.goal->q, old.facts[4].q);
  EXPECT_EQ(k.goal->text, "85%以上");
  EXPECT_EQ(k.goal->label, old.facts[4].label);
  EXPECT_EQ(k.goal->span, old.facts[4].span);
  EXPECT_EQ(back_old.facts.size(), old.facts.size());  // the old fact stays

  // a goal object that is not one is an error naming its path
  std::string bad = annals::to_json(r, -1);
  const auto g = bad.find(R"("goal":{)");
  ASSERT_NE(g, std::string::npos);
  bad.replace(g, 8, R"("goal":7,"x":{)");
  EXPECT_THROW((void)annals::report_from_json(bad), annals::input_error);
}

TEST(report_json_test, precision_is_recovered_when_written_without_the_extra_fields) {
  // JSON from another producer: only the spec's fields
  const std::string j = R"({"schema":"annals.report/1",
    "source":{"name":"x","sha256":"","encoding":"utf-8","format":"text"},
    "report":{"title":null,"issuer":null,"jurisdiction":null,"year":null,"published":null,"recipient":null},
    "sections":[],"changes":[],"dates":[],"commitments":[],"warnings":[],
    "facts":[
      {"id":"f1","section":null,"item":null,"label":"a","text":"超1.11万件","value":"11100","unit":"件",
       "qualifier":"more_than","qualifier_text":"超","lo":"11100","hi":"11200","lo_closed":false,"hi_closed":false,
       "kind":"count","flags":[],"start":0,"end":7},
      {"id":"f2","section":null,"item":null,"label":"b","text":"89.6%","value":"89.6","unit":"%",
       "qualifier":"exact","qualifier_text":"","lo":"89.55","hi":"89.65","lo_closed":true,"hi_closed":false,
       "kind":"percent","flags":[],"start":0,"end":5},
      {"id":"f3","section":null,"item":null,"label":"c","text":"5652件","value":"5652","unit":"件",
       "qualifier":"exact","qualifier_text":"","lo":"5652","hi":"5652","lo_closed":true,"hi_closed":true,
       "kind":"count","flags":[],"start":0,"end":5}]})";
  const auto r = annals::report_from_json(j);
  ASSERT_EQ(r.facts.size(), 3u);
  EXPECT_EQ(r.facts[0].q.last_digit, 2);
  EXPECT_TRUE(r.facts[0].q.approximate);
  EXPECT_EQ(r.facts[1].q.last_digit, -1);
  EXPECT_TRUE(r.facts[1].q.approximate);
  EXPECT_FALSE(r.facts[2].q.approximate);
  for (const auto& f : r.facts) {
    const auto b = f.q.bounds();
    ASSERT_TRUE(b.lo && b.hi);
  }
  EXPECT_EQ(r.facts[0].q.bounds().hi->to_string(), "11200");
  EXPECT_EQ(r.facts[1].q.bounds().lo->to_string(), "89.55");
  EXPECT_FALSE(r.meta.year.has_value());
  EXPECT_TRUE(r.meta.title.empty());
}

TEST(report_json_test, malformed_json_errors_name_the_problem) {
  const std::string good = annals::to_json(sample_report(), -1);
  auto replaced = [&](std::string_view from, std::string_view to) {
    std::string s = good;
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    s.replace(at, from.size(), to);
    return s;
  };
  expect_input_error([] { (void)annals::report_from_json(""); }, "report json: malformed JSON at byte 1");
  expect_input_error([] { (void)annals::report_from_json("{\"schema\":"); }, "report json: malformed JSON at byte 11");
  expect_input_error([] { (void)annals::report_from_json("[1,2]"); }, "report json: not a JSON object");
  expect_input_error([] { (void)annals::report_from_json("{}"); }, "report json: no \"schema\" field");
  expect_input_error([&] { (void)annals::report_from_json(replaced("annals.report/1", "annals.report/2")); },
                     "report json: schema 'annals.report/2' is not annals.report/1");
  expect_input_error([&] { (void)annals::report_from_json(replaced(R"("value":"11100")", R"("value":11100)")); },
                     "report json: facts[0].value: not a decimal string");
  expect_input_error([&] { (void)annals::report_from_json(replaced(R"("value":"11100")", R"("value":"1.1.1")")); },
                     "report json: facts[0].value: not a decimal string");
  expect_input_error([&] { (void)annals::report_from_json(replaced(R"("qualifier":"more_than")", R"("qualifier":"lots")")); },
                     "report json: facts[0].qualifier: unknown qualifier 'lots'");
  expect_input_error([&] { (void)annals::report_from_json(replaced(R"("published":"2025-01-06")", R"("published":"2025-02-30")")); },
                     "report json: report.published: not an ISO date (YYYY-MM-DD)");
  expect_input_error([&] { (void)annals::report_from_json(replaced(R"("year":2024)", R"("year":99999)")); },
                     "report json: report.year: out of range");
  expect_input_error([&] { (void)annals::report_from_json(replaced(R"("id":"f2","section":4,)", R"("id":"f2","section":"4",)")); },
                     "report json: facts[1].section: not an integer or null");
  expect_input_error([&] { (void)annals::report_from_json(replaced(R"("flags":["cumulative"])", R"("flags":["sometimes"])")); },
                     "report json: facts[2].flags[0]: unknown flag 'sometimes'");
  expect_input_error([&] { (void)annals::report_from_json(replaced(R"("kind":"from_to")", R"("kind":"sideways")")); },
                     "report json: changes[1].kind: unknown value 'sideways'");
  expect_input_error([&] { (void)annals::report_from_json(replaced(R"("facts":[)", R"("facts":{},"x":[)")); },
                     "report json: facts: not an array");
  expect_input_error([&] { (void)annals::report_from_json(replaced(R"("warnings":[)", R"("nothing":[)")); },
                     "report json: warnings: missing");
  std::string negative = good;
  const auto at = negative.find("\"start\":");
  negative.replace(at, 8, "\"start\":-");
  expect_input_error([&] { (void)annals::report_from_json(negative); },
                     "report json: sections[0].start: not a non-negative integer");
}

TEST(report_json_test, jsonl_has_one_fact_per_line_with_the_report_identity) {
  const auto r = sample_report();
  const std::string out = annals::to_jsonl(r);
  std::vector<std::string> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), r.facts.size());
  EXPECT_EQ(lines[0].substr(0, 150),
            std::string(R"({"source":"chengdu-2024.txt","sha256":"821193b0aa39368658c8dd6bca57544bc7645e7636e96226513c4548e42e678a","jurisdiction":"成都市","year":2024,"id":"f1")")
                .substr(0, 150));
  EXPECT_NE(lines[3].find(R"("section":null,"item":null,"label":"行政应诉案件")"), std::string::npos);
  EXPECT_EQ(out.back(), '\n');
  const std::vector<annals::report> two = {r, r};
  EXPECT_EQ(annals::to_jsonl(two), out + out);
  EXPECT_EQ(annals::to_jsonl(annals::report{}), "");
}

TEST(report_json_test, csv_quotes_per_rfc4180_and_neutralises_formulas) {
  annals::report r;
  r.source = {"a,b.txt", "ab", "utf-8", annals::source_format::text, {}};
  r.meta.jurisdiction = "某县";
  annals::fact f;
  f.id = "f1";
  f.label = "=HYPERLINK(\"http://x\")";
  f.text = "下降5个百分点,\n其中";
  f.q = q("-5", "个百分点", annals::qualifier::exact, 0, false);
  f.span = {1, 2};
  r.facts.push_back(f);
  annals::fact g = f;
  g.id = "f2";
  g.label = "@SUM(A1)";
  g.text = "+1";
  g.q = q("1", "-件", annals::qualifier::about, 0, false);
  g.qualifier_text = "约";
  r.facts.push_back(g);
  const std::string csv = annals::to_csv(r);
  const std::string header =
      "source,sha256,jurisdiction,year,id,section,item,label,text,value,unit,qualifier,qualifier_text,lo,hi,"
      "lo_closed,hi_closed,kind,flags,start,end\n";
  ASSERT_EQ(csv.substr(0, header.size()), header);
  const std::string row1 =
      "\"a,b.txt\",ab,某县,,f1,,,\"'=HYPERLINK(\"\"http://x\"\")\",\"下降5个百分点,\n其中\",-5,个百分点,exact,,-5,-5,"
      "true,true,count,,1,2\n";
  const std::string row2 = "\"a,b.txt\",ab,某县,,f2,,,'@SUM(A1),'+1,1,'-件,about,约,0,2,true,true,count,,1,2\n";
  EXPECT_EQ(csv, header + row1 + row2);
}

TEST(report_json_test, markdown_tables_by_section_escape_report_text) {
  auto r = sample_report();
  r.facts[3].label = "a|b <script>alert(1)</script> *x*";
  const std::string md = annals::to_markdown(r);
  EXPECT_EQ(md.substr(0, md.find('\n')), "# 成都市人民政府关于2024年度法治政府建设情况的报告");
  EXPECT_NE(md.find("## Outside the sections"), std::string::npos);
  EXPECT_NE(md.find("## 六、深化矛盾纠纷预防调处化解,保障社会和谐稳定"), std::string::npos);
  EXPECT_NE(md.find("| f1 | 全市新收行政复议案件 | 超1.11万件 | 11100 | 件 | more_than (超) | (11100, 11200) | count |  |"),
            std::string::npos);
  EXPECT_NE(md.find("| f5 | 行政争议经复议后未进入诉讼程序 | 85%以上 | 85 | % | at_least (以上) | [85, ∞) | percent |  |"),
            std::string::npos);
  EXPECT_NE(md.find("a\\|b &lt;script&gt;alert(1)&lt;/script&gt; \\*x\\*"), std::string::npos);
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_NE(md.find("| c2 | from_to | 全市执法队伍 | 由167支精简至114支 |  | 167 → 114支 | down |  |"), std::string::npos);
  EXPECT_NE(md.find("## Commitments"), std::string::npos);
  EXPECT_NE(md.find("## Warnings"), std::string::npos);
  // every table row has the same number of unescaped cell separators as its header
  std::istringstream in(md);
  std::size_t columns = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] != '|') {
      columns = 0;
      continue;
    }
    std::size_t bars = 0;
    for (std::size_t i = 0; i < line.size(); ++i)
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++bars;
    if (columns == 0) columns = bars;
    EXPECT_EQ(bars, columns) << line;
  }
}

// Issue 15: the JSON is written by a writer of our own, straight to the output, no longer as an
// nlohmann tree. Its text must stay nlohmann's dump() to the byte: layout, key order, numbers,
// and every string escape — control characters, quotes, DEL and C1 kept raw, and each kind of
// invalid UTF-8 replaced as nlohmann's error_handler_t::replace does.
TEST(report_json_test, the_streaming_writer_is_nlohmanns_dump_to_the_byte) {
  using ojson = nlohmann::ordered_json;
  const std::vector<std::string> hostile = {
      "plain", "", "quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f",
      [] {  // the length from the literal itself, so it cannot read past it
        static constexpr char text[] = "nul \0 one \x01 us \x1F del \x7F";
        return std::string(text, sizeof text - 1);
      }(), "C1 \xC2\x80 \xC2\x9F é 成 😀",
      "lone continuation \x80 end", "truncated \xE6\x88", "truncated at end \xF0\x9F\x98",
      "overlong \xC0\xAF and \xE0\x80\xAF", "surrogate \xED\xA0\x80 x", "past U+10FFFF \xF4\x90\x80\x80",
      "bad lead \xF8\x88\x80\x80\x80", "mixed \xE6\x88\x90\xFF\xE6\x88\x90"};
  for (const std::string& s : hostile) {
    const std::string reference = ojson(s).dump(-1, ' ', false, ojson::error_handler_t::replace);
    annals::report r = sample_report();
    r.meta.title = s;
    r.facts.front().label = s;
    r.warnings.push_back({"code", s, 7});
    for (const int indent : {-1, 0, 2, 4}) {
      const std::string out = annals::to_json(r, indent);
      // the document re-dumped by nlohmann (ordered keys) is the same text
      EXPECT_EQ(ojson::parse(out).dump(indent, ' ', false, ojson::error_handler_t::replace), out) << indent;
    }
    const std::string line = annals::to_json(r, -1);
    if (!s.empty()) {  // an empty title is written as null
      EXPECT_NE(line.find("\"title\":" + reference + ","), std::string::npos) << reference;
    }
    EXPECT_NE(line.find("\"label\":" + reference + ","), std::string::npos) << reference;
  }
  // an empty report: empty arrays as [] at any indent
  const annals::report empty;
  EXPECT_EQ(ojson::parse(annals::to_json(empty)).dump(2), annals::to_json(empty));
  EXPECT_NE(annals::to_json(empty).find("\"facts\": [],"), std::string::npos);
}

// Issue 15: a fact's JSON Lines row is written in one piece (put_fact_line), apart from the
// writer of to_json. Each row must be that fact's object in to_json, after the report's identity,
// as nlohmann dumps it: every string field hostile in turn (escapes, control characters, and
// invalid UTF-8, which takes the writer's nlohmann fallback), every flag combination, open and
// closed bounds, negative, fractional and very long figures, missing and present places.
TEST(report_json_test, each_jsonl_row_is_the_fact_of_the_json_document_as_nlohmann_dumps_it) {
  using ojson = nlohmann::ordered_json;
  const std::vector<std::string> hostile = {
      "", "quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f",
      [] {
        static constexpr char text[] = "nul \0 one \x01 us \x1F del \x7F";
        return std::string(text, sizeof text - 1);
      }(),
      "C1 \xC2\x80 成 😀 é", "lone continuation \x80 end", "truncated at end \xF0\x9F\x98",
      "surrogate \xED\xA0\x80 x", std::string(3000, '"')};
  annals::report r = sample_report();
  const std::vector<annals::fact> base = r.facts;
  r.facts.clear();
  const std::vector<const char*> values = {"0", "-0.5", "89.60", "123456789012345678901234567.123456789", "-11100"};
  std::size_t n = 0;
  for (const std::string& s : hostile) {
    for (int field = 0; field < 5; ++field) {
      annals::fact f = base[n % base.size()];
      f.id = "f" + std::to_string(++n);
      std::string* target[] = {&f.id, &f.label, &f.text, &f.q.unit, &f.qualifier_text};
      *target[field] = s + *target[field];
      f.cumulative = (n & 1) != 0;
      f.average = (n & 2) != 0;
      if (n % 3 == 0) f.section.reset(), f.item.reset();
      f.q.value = annals::decimal::parse(values[n % values.size()]);
      f.q.qual = static_cast<annals::qualifier>(n % 7);
      f.q.last_digit = static_cast<int>(n % 5) - 2;
      f.q.approximate = (n & 4) != 0;
      f.span = {n * 1000003, n * 1000003 + 7};
      r.facts.push_back(f);
    }
  }
  r.meta.jurisdiction = "成都\"市";
  const ojson doc = ojson::parse(annals::to_json(r, -1));
  const std::string rows = annals::to_jsonl(r);
  std::istringstream in(rows);
  std::size_t i = 0;
  for (std::string line; std::getline(in, line); ++i) {
    ASSERT_LT(i, r.facts.size());
    ojson expected = {{"source", doc["source"]["name"]},
                      {"sha256", doc["source"]["sha256"]},
                      {"jurisdiction", doc["report"]["jurisdiction"]},
                      {"year", doc["report"]["year"]}};
    for (const auto& [key, value] : doc["facts"][i].items()) expected[key] = value;
    EXPECT_EQ(line, expected.dump(-1, ' ', false, ojson::error_handler_t::replace)) << i;
  }
  EXPECT_EQ(i, r.facts.size());
  // a report without a place or year: null members in every row
  r.meta.jurisdiction.reset();
  r.meta.year.reset();
  EXPECT_NE(annals::to_jsonl(r).find(R"("jurisdiction":null,"year":null,"id":"f1",)"), std::string::npos);
}

TEST(report_json_test, streaming_forms_write_the_same_text_as_the_strings) {
  annals::report big = sample_report();
  // enough facts for the writer to pass its buffer on several times (64 kB pieces)
  const auto facts = big.facts;
  for (int k = 0; k < 300; ++k) big.facts.insert(big.facts.end(), facts.begin(), facts.end());
  const std::vector<annals::report> reports = {sample_report(), big, annals::report{}};
  annals::json_options with_text;
  with_text.include_text = true;
  std::ostringstream jsonl, csv, md;
  annals::write_csv_header(csv);
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const annals::report& r = reports[i];
    for (const annals::json_options& o : {annals::json_options{}, with_text}) {
      std::ostringstream one;
      annals::write_json(one, r, o);
      EXPECT_TRUE(one.str() == annals::to_json(r, o)) << i;
    }
    annals::write_jsonl(jsonl, r);
    annals::write_csv_rows(csv, r);
    if (i > 0) md << "\n---\n\n";
    annals::write_markdown(md, r);
  }
  EXPECT_GT(jsonl.str().size(), std::size_t{4} << 16);
  EXPECT_TRUE(jsonl.str() == annals::to_jsonl(reports));
  EXPECT_TRUE(csv.str() == annals::to_csv(reports));
  EXPECT_TRUE(md.str() == annals::to_markdown(reports));
}
