// The jurisdiction report: view building from a store, the HTML page and the Markdown rendering.
//
// The reports built here are MADE-UP TEST DOCUMENTS (编造的测试文档), not real government reports:
// their jurisdiction is 样例市 and their figures are invented to exercise each verdict.

#include <annals/analyze.hpp>
#include <annals/html_report.hpp>
#include <annals/reader.hpp>
#include <annals/records_json.hpp>
#include <annals/store.hpp>
#include <annals/text.hpp>

#include "chart_fixtures.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace {

using annals::decimal;
using ::testing::HasSubstr;
using ::testing::Not;

/// The English page, as annals 0.1 wrote it (the default is Chinese).
const annals::html_options english{.lang = annals::report_lang::en};

/// Builds a report sentence by sentence, keeping code-point spans right.
class report_builder {
 public:
  report_builder(int year, char sha_digit, std::string jurisdiction = "样例市") {
    r_.source.name = "sample-" + std::to_string(year) + ".txt";
    r_.source.sha256 = std::string(64, sha_digit);
    r_.meta.title = jurisdiction + "关于" + std::to_string(year) + "年度法治政府建设情况的报告";
    r_.meta.issuer = jurisdiction + "人民政府";
    r_.meta.jurisdiction = jurisdiction;
    r_.meta.year = annals::report_year(year);
    r_.meta.published = annals::calendar_date(year + 1, 1, 6);
    add_text("编造的测试文档，不是真实的政府报告。\n" + r_.meta.title + "\n");
  }

  void add_text(const std::string& s) { r_.text += s; }

  /// Appends "<label><figure><unit>" and records the fact; returns its id.
  std::string fact(const std::string& label, const std::string& written, const std::string& value,
                   const std::string& unit, annals::qualifier q = annals::qualifier::exact, int last_digit = 0,
                   bool approximate = false, const std::string& qual_text = "") {
    add_text(label);
    annals::fact f;
    f.id = "f" + std::to_string(r_.facts.size() + 1);
    f.label = label;
    f.text = qual_text + written + unit;
    f.q.value = decimal::parse(value);
    f.q.unit = unit;
    f.q.qual = q;
    f.q.last_digit = last_digit;
    f.q.approximate = approximate;
    f.qualifier_text = qual_text;
    f.kind = unit == "%" ? annals::fact_kind::percent : annals::fact_kind::count;
    f.span.start = annals::utf8::length(r_.text);
    add_text(f.text);
    f.span.end = annals::utf8::length(r_.text);
    r_.facts.push_back(f);
    return f.id;
  }

  /// Appends "，同比增长X%。" tied to `fact_id`.
  void growth(const std::string& fact_id, const std::string& value, annals::direction dir = annals::direction::up) {
    add_text("，");
    annals::change c;
    c.id = "c" + std::to_string(r_.changes.size() + 1);
    c.kind = annals::change_kind::growth_pct;
    c.basis = annals::growth_basis::yoy;
    c.label = r_.facts.back().label;
    c.text = std::string("同比") + (dir == annals::direction::down ? "下降" : "增长") + value + "%";
    c.value = decimal::parse(value);
    c.unit = "%";
    c.dir = dir;
    c.fact = fact_id;
    c.span.start = annals::utf8::length(r_.text);
    add_text(c.text);
    c.span.end = annals::utf8::length(r_.text);
    add_text("。\n");
    r_.changes.push_back(c);
  }

  void next_step(int ordinal, const std::string& title, const std::string& text) {
    annals::commitment k;
    k.id = "k" + std::to_string(r_.commitments.size() + 1);
    k.kind = annals::commitment_kind::next_step;
    k.ordinal = ordinal;
    k.title = title;
    k.text = text;
    k.span.start = annals::utf8::length(r_.text);
    add_text(text + "\n");
    k.span.end = annals::utf8::length(r_.text);
    r_.commitments.push_back(k);
  }

  annals::report& get() { return r_; }

 private:
  annals::report r_;
};

/// Two consecutive made-up years: one consistent growth (89.6%), one inconsistent (12.5% where the
/// figures give 8.28%), one metric with no stated change, and one commitment carried into 2024.
annals::store two_year_store() {
  auto db = annals::store::memory();
  report_builder a(2023, 'a');
  a.add_text("一、主要工作\n");
  a.fact("全市新收行政复议案件", "5870", "5870", "件");
  a.add_text("。\n");
  a.fact("办理行政应诉案件", "5652", "5652", "件");
  a.add_text("。\n");
  a.fact("走访服务企业", "5.2万", "52000", "家", annals::qualifier::more_than, 3, true, "超");
  a.add_text("。\n下一步，一是深化行政执法体制改革，出台行政执法体制改革实施方案。\n");
  a.next_step(1, "深化行政执法体制改革", "一是深化行政执法体制改革，出台行政执法体制改革实施方案。");
  (void)db.ingest(a.get());

  report_builder b(2024, 'b');
  b.add_text("一、主要工作\n出台行政执法体制改革实施方案，全面完成改革任务。\n");
  const auto f1 = b.fact("全市新收行政复议案件", "1.11万", "11100", "件", annals::qualifier::more_than, 2, true, "超");
  b.growth(f1, "89.6");
  const auto f2 = b.fact("办理行政应诉案件", "6120", "6120", "件");
  b.growth(f2, "12.5");
  b.fact("走访服务企业", "6.14万", "61400", "家", annals::qualifier::more_than, 2, true, "超");
  b.add_text("。\n");
  (void)db.ingest(b.get());
  return db;
}

const annals::metric_history* find_metric(const std::vector<annals::metric_history>& ms, std::string_view label_part) {
  for (const auto& m : ms)
    if (m.label.find(label_part) != std::string::npos) return &m;
  return nullptr;
}

TEST(html_report_test, html_escape_replaces_every_markup_character) {
  EXPECT_EQ(annals::html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(annals::html_escape("超1.11万件"), "超1.11万件");
  EXPECT_EQ(annals::html_escape(""), "");
}

TEST(html_report_test, histories_compute_growth_and_check_the_stated_change) {
  const auto db = two_year_store();
  const auto ms = annals::metric_histories(db, "样例市");
  const auto* fy = find_metric(ms, "新收行政复议案件");
  ASSERT_NE(fy, nullptr);
  ASSERT_EQ(fy->points.size(), 2u);
  const auto& p = fy->points[1];
  EXPECT_EQ(p.year, 2024);
  ASSERT_TRUE(p.growth_pct);
  EXPECT_EQ(p.growth_pct->to_string(2), "89.10");  // 5870 → 11100
  ASSERT_TRUE(p.stated);
  EXPECT_EQ(p.stated->to_string(), "89.6");
  ASSERT_TRUE(p.verdict);
  EXPECT_EQ(*p.verdict, annals::metric_verdict::consistent);  // 超1.11万 allows 89.10–90.80%
  EXPECT_FALSE(fy->points[0].verdict);  // first year: nothing to judge

  const auto* ys = find_metric(ms, "行政应诉");
  ASSERT_NE(ys, nullptr);
  ASSERT_EQ(ys->points.size(), 2u);
  EXPECT_EQ(ys->points[1].growth_pct->to_string(2), "8.28");
  EXPECT_EQ(*ys->points[1].verdict, annals::metric_verdict::inconsistent);
  EXPECT_EQ(*ys->worst_verdict(), annals::metric_verdict::inconsistent);

  const auto* zf = find_metric(ms, "走访服务企业");
  ASSERT_NE(zf, nullptr);
  EXPECT_EQ(*zf->points[1].verdict, annals::metric_verdict::not_stated);
}

TEST(html_report_test, histories_without_tracker_use_the_growth_checks_alone) {
  const auto db = two_year_store();
  annals::history_options o;
  o.use_tracker = false;
  o.metric_contains = "行政应诉";
  const auto ms = annals::metric_histories(db, "样例市", o);
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(*ms[0].points[1].verdict, annals::metric_verdict::inconsistent);
  EXPECT_FALSE(ms[0].points[1].reason.empty());
}

TEST(html_report_test, a_growth_without_an_earlier_year_is_unverifiable_and_implies_a_prior) {
  auto db = annals::store::memory();
  report_builder b(2024, 'c');
  const auto f = b.fact("全市新收行政复议案件", "1.11万", "11100", "件", annals::qualifier::more_than, 2, true, "超");
  b.growth(f, "89.6");
  (void)db.ingest(b.get());
  const auto ms = annals::metric_histories(db, "样例市");
  ASSERT_EQ(ms.size(), 1u);
  const auto& p = ms[0].points[0];
  EXPECT_EQ(*p.verdict, annals::metric_verdict::unverifiable);
  ASSERT_TRUE(p.implied_prior_lo && p.implied_prior_hi);
  // 11100..11200 over 1.8955..1.8965: roughly 5853 to 5909
  EXPECT_GT(*p.implied_prior_lo, decimal{5850});
  EXPECT_LT(*p.implied_prior_hi, decimal{5910});
}

TEST(html_report_test, view_puts_inconsistencies_and_commitments_together) {
  const auto db = two_year_store();
  const auto v = annals::build_jurisdiction_view(db, "样例市");
  ASSERT_EQ(v.reports.size(), 2u);
  EXPECT_EQ(v.reports[0].year->value(), 2023);
  ASSERT_EQ(v.inconsistencies.size(), 1u);
  EXPECT_EQ(v.inconsistencies[0].year, 2024);
  EXPECT_EQ(v.inconsistencies[0].kind, "growth");
  EXPECT_THAT(v.inconsistencies[0].label, HasSubstr("行政应诉"));
  EXPECT_THAT(v.inconsistencies[0].found, HasSubstr("8.28%"));
  EXPECT_EQ(v.inconsistencies[0].stated, "同比增长12.5%");
  ASSERT_EQ(v.commitments.size(), 1u);
  EXPECT_EQ(v.commitments[0].earlier_year, 2023);
  EXPECT_EQ(v.commitments[0].later_year, 2024);
  EXPECT_EQ(v.commitments[0].title, "深化行政执法体制改革");
  EXPECT_THAT(v.generator, HasSubstr("annals"));
}

TEST(html_report_test, view_of_an_unknown_jurisdiction_is_a_usage_error) {
  const auto db = two_year_store();
  try {
    (void)annals::build_jurisdiction_view(db, "不存在市");
    FAIL() << "expected usage_error";
  } catch (const annals::usage_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("不存在市: no reports of this jurisdiction"));
  }
}

TEST(html_report_test, html_is_self_contained_and_puts_inconsistencies_first) {
  const auto db = two_year_store();
  const std::string h = annals::to_html(annals::build_jurisdiction_view(db, "样例市"), english);
  EXPECT_EQ(h.rfind("<!doctype html>", 0), 0u);
  EXPECT_THAT(h, HasSubstr("<meta charset=\"utf-8\">"));
  EXPECT_THAT(h, HasSubstr("Content-Security-Policy"));
  EXPECT_THAT(h, Not(HasSubstr("<script")));
  EXPECT_THAT(h, Not(HasSubstr("<link")));
  EXPECT_THAT(h, Not(HasSubstr(" src=")));
  EXPECT_THAT(h, Not(HasSubstr("href=")));
  EXPECT_THAT(h, Not(HasSubstr("http://")));
  EXPECT_THAT(h, Not(HasSubstr("url(")));
  EXPECT_THAT(h, HasSubstr("Noto Sans CJK SC"));
  const auto inc = h.find("id=\"inconsistencies\""), growth = h.find("id=\"growth\""),
             charts = h.find("id=\"metrics\""), commits = h.find("id=\"commitments\"");
  ASSERT_NE(inc, std::string::npos);
  EXPECT_LT(inc, growth);
  EXPECT_LT(growth, charts);
  EXPECT_LT(charts, commits);
  // the inconsistent growth is shown with its figures, and the chart marks it
  EXPECT_THAT(h, HasSubstr("同比增长12.5%"));
  EXPECT_THAT(h, HasSubstr("8.28%"));
  EXPECT_THAT(h, HasSubstr("class=\"chip s-inconsistent\""));
  EXPECT_THAT(h, HasSubstr("class=\"chip s-consistent\""));
  // three metrics across two years → three line charts, plus growth bars
  std::size_t charts_n = 0;
  for (auto p = h.find("<div class=\"card chart\">"); p != std::string::npos; p = h.find("<div class=\"card chart\">", p + 1))
    ++charts_n;
  EXPECT_EQ(charts_n, 3u);
  EXPECT_THAT(h, HasSubstr("<svg class=\"bar\""));
  EXPECT_THAT(h, HasSubstr("2023 → 2024"));
}

TEST(html_report_test, report_text_with_markup_is_escaped_everywhere) {
  auto db = annals::store::memory();
  report_builder a(2023, 'd', "<script>alert(1)</script>市");
  a.fact("<b>新收</b>行政复议案件", "5870", "5870", "件");
  a.add_text("。\n");
  a.next_step(1, "<img src=x onerror=alert(2)>", "一是<img src=x onerror=alert(2)>。");
  (void)db.ingest(a.get());
  report_builder b(2024, 'e', "<script>alert(1)</script>市");
  b.add_text("<img src=x onerror=alert(2)>已完成。\n");
  const auto f = b.fact("<b>新收</b>行政复议案件", "6000", "6000", "件");
  b.growth(f, "3");
  (void)db.ingest(b.get());

  const auto v = annals::build_jurisdiction_view(db, "<script>alert(1)</script>市");
  for (const auto lang : {annals::report_lang::zh, annals::report_lang::en}) {
    const std::string h = annals::to_html(v, {.lang = lang});
    EXPECT_THAT(h, Not(HasSubstr("<script")));
    EXPECT_THAT(h, Not(HasSubstr("<img")));
    EXPECT_THAT(h, Not(HasSubstr("<b>新收")));
    EXPECT_THAT(h, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;市"));
    EXPECT_THAT(h, HasSubstr("&lt;b&gt;新收&lt;/b&gt;行政复议案件"));
  }
  // the quoted sentence of the evidence list is escaped too
  EXPECT_THAT(annals::to_html(v), HasSubstr("&lt;img src=x onerror=alert(2)&gt;"));

  const std::string md = annals::to_markdown(v);
  EXPECT_THAT(md, Not(HasSubstr("<script")));
  EXPECT_THAT(md, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;市"));
}

TEST(html_report_test, markdown_has_every_section_and_escapes_table_cells) {
  auto db = annals::store::memory();
  report_builder a(2023, 'f');
  a.fact("办理|行政应诉案件", "5652", "5652", "件");
  a.add_text("。\n");
  (void)db.ingest(a.get());
  report_builder b(2024, '1');
  const auto f = b.fact("办理|行政应诉案件", "6120", "6120", "件");
  b.growth(f, "12.5");
  (void)db.ingest(b.get());
  const std::string md = annals::to_markdown(annals::build_jurisdiction_view(db, "样例市"));
  EXPECT_THAT(md, HasSubstr("# 样例市 · 法治政府建设情况报告 2023–2024"));
  EXPECT_THAT(md, HasSubstr("## Inconsistencies"));
  EXPECT_THAT(md, HasSubstr("## Growth, computed and stated"));
  EXPECT_THAT(md, HasSubstr("## Metrics across the years"));
  EXPECT_THAT(md, HasSubstr("## Reports"));
  EXPECT_THAT(md, HasSubstr("办理\\|行政应诉案件"));
  EXPECT_THAT(md, Not(HasSubstr("办理|行政")));
  EXPECT_THAT(md, HasSubstr("| 2024 | growth | 办理\\|行政应诉案件 | 同比增长12.5% | 8.28%"));
  EXPECT_LT(md.find("## Inconsistencies"), md.find("## Growth"));
  // the same content in Chinese: headings, kinds, statuses and reasons; report text escaped the same
  const auto v = annals::build_jurisdiction_view(db, "样例市");
  EXPECT_EQ(annals::to_markdown(v, annals::report_lang::en), md);
  const std::string zh = annals::to_markdown(v, annals::report_lang::zh);
  EXPECT_THAT(zh, HasSubstr("# 样例市 · 法治政府建设情况报告 2023–2024"));
  for (const char* heading : {"## 前后不一致之处", "## 增幅：计算与表述", "## 历年指标", "## 所依据的报告"})
    EXPECT_THAT(zh, HasSubstr(heading));
  EXPECT_LT(zh.find("## 前后不一致之处"), zh.find("## 增幅"));
  EXPECT_THAT(zh, HasSubstr("| 2024 | 同比增幅 | 办理\\|行政应诉案件 | 同比增长12.5% | 8.28%"));
  EXPECT_THAT(zh, HasSubstr("| 不一致："));  // the verdict and its reason, in Chinese
  EXPECT_THAT(zh, Not(HasSubstr("## Inconsistencies")));
  EXPECT_THAT(zh, Not(HasSubstr("办理|行政")));
}

TEST(html_report_test, a_single_year_renders_without_charts_or_commitments) {
  auto db = annals::store::memory();
  report_builder a(2024, '2');
  a.fact("走访服务企业", "6.14万", "61400", "家", annals::qualifier::more_than, 2, true, "超");
  a.add_text("。\n");
  (void)db.ingest(a.get());
  const auto v = annals::build_jurisdiction_view(db, "样例市");
  EXPECT_TRUE(v.commitments.empty());
  EXPECT_TRUE(v.inconsistencies.empty());
  const std::string h = annals::to_html(v, english);
  EXPECT_THAT(h, HasSubstr("No metric appears in more than one year yet."));
  EXPECT_THAT(h, HasSubstr("No stated change contradicts the figures"));
  EXPECT_THAT(h, HasSubstr("1 more metrics stated in one year only"));
  EXPECT_THAT(h, Not(HasSubstr("<div class=\"card chart\">")));
}

}  // namespace

// ---- analyze.hpp: the stored timeline and the yoy histories; records_json.hpp ----------------

namespace {

TEST(analyze_test, stored_timeline_without_saving_writes_nothing_and_threads_the_commitments) {
  auto db = two_year_store();
  const auto t = annals::stored_timeline(db, "样例市", false);
  EXPECT_TRUE(t.notes.without_year.empty());
  EXPECT_FALSE(t.notes.fewer_than_two_years);
  ASSERT_EQ(t.threads.size(), 1u);
  ASSERT_EQ(t.threads[0].steps.size(), 1u);
  EXPECT_EQ(t.threads[0].steps[0].earlier_year, 2023);
  EXPECT_EQ(t.threads[0].steps[0].later_year, 2024);
  EXPECT_TRUE(db.verdict_history("样例市").empty());
}

TEST(analyze_test, stored_timeline_saves_reads_back_and_notes_what_it_cannot_use) {
  auto db = two_year_store();
  report_builder undated(2022, 'c');
  undated.get().meta.year.reset();
  (void)db.ingest(undated.get());
  const auto saved = annals::stored_timeline(db, "样例市", true);
  ASSERT_EQ(saved.notes.without_year.size(), 1u);
  EXPECT_EQ(saved.notes.without_year[0].source_name, "sample-2022.txt");
  EXPECT_TRUE(saved.notes.conflicts.empty());
  EXPECT_FALSE(db.verdict_history("样例市").empty());
  const auto unsaved = annals::stored_timeline(db, "样例市", false);
  ASSERT_EQ(saved.threads.size(), unsaved.threads.size());
  EXPECT_EQ(saved.threads[0].steps[0].status, unsaved.threads[0].steps[0].status);
  EXPECT_EQ(saved.threads[0].steps[0].rubric, "annals-track/1");

  auto one_year = annals::store::memory();
  (void)one_year.ingest(report_builder(2024, 'd').get());
  EXPECT_TRUE(annals::stored_timeline(one_year, "样例市", true).notes.fewer_than_two_years);
  EXPECT_THROW((void)annals::stored_timeline(one_year, "别的市", false), annals::usage_error);
}

TEST(analyze_test, yoy_histories_filter_metrics_and_refuse_an_unknown_jurisdiction) {
  const auto db = two_year_store();
  const auto all = annals::yoy_histories(db, "", {}, {});
  EXPECT_EQ(all.size(), annals::metric_histories(db, "样例市").size());
  const annals::yoy_filter stated{false, true};
  const auto checked = annals::yoy_histories(db, "样例市", {}, stated);
  ASSERT_FALSE(checked.empty());
  EXPECT_LT(checked.size(), all.size());  // 走访服务企业 states no change
  for (const auto& m : checked) EXPECT_TRUE(stated.shows_any(m)) << m.label;
  try {
    (void)annals::yoy_histories(db, "别的市", {}, {});
    FAIL() << "no usage_error";
  } catch (const annals::usage_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("yoy: 别的市: no reports of this jurisdiction in "));
  }
}

TEST(records_test, reports_and_histories_as_json_and_csv) {
  const auto db = two_year_store();
  const auto reports = db.reports();
  const std::string json = annals::reports_to_json(reports);
  EXPECT_THAT(json, HasSubstr("\"source\": \"sample-2023.txt\""));
  EXPECT_EQ(json.back(), '\n');
  const std::string csv = annals::reports_to_csv(reports);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "id,jurisdiction,year,issuer,title,published,source,sha256,facts,changes,commitments,ingested_at,"
            "current,revision,revisions");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 3);
  const auto ms = annals::metric_histories(db, "样例市");
  const annals::yoy_filter stated{false, true};
  const std::string hcsv = annals::histories_to_csv(ms, stated);
  EXPECT_EQ(std::count(hcsv.begin(), hcsv.end(), '\n'), 3);  // the header and the two stated growths
  EXPECT_THAT(annals::histories_to_json(ms, {}), HasSubstr("\"growth_pct\": \"89.10\""));
}

}  // namespace

TEST(html_report_test, the_footer_says_when_the_page_was_made_and_print_opens_every_details) {
  const auto db = two_year_store();
  auto v = annals::build_jurisdiction_view(db, "样例市");
  // the library leaves the time out: the page then depends only on the store
  EXPECT_EQ(v.generated_at, "");
  const std::string plain = annals::to_html(v, english);
  EXPECT_THAT(plain, HasSubstr("<footer>Generated by annals "));
  EXPECT_THAT(plain, Not(HasSubstr("<time")));
  v.generated_at = "2026-12-05 13:45:00 UTC <x>";
  const std::string h = annals::to_html(v, english);
  EXPECT_THAT(h, HasSubstr("<footer>Generated <time class=\"generated\">2026-12-05 13:45:00 UTC &lt;x&gt;</time> by annals "));
  // print: sections start on a new page, closed <details> show their content without the summary
  const auto print = h.find("@media print{");
  ASSERT_NE(print, std::string::npos);
  const std::string rules = h.substr(print, h.find("}}", print) - print);
  EXPECT_THAT(rules, HasSubstr("h2{break-before:page"));
  EXPECT_THAT(rules, HasSubstr("details::details-content{content-visibility:visible"));
  EXPECT_THAT(rules, HasSubstr("details>summary{display:none}"));
}

namespace {
std::size_t count_of(const std::string& h, const std::string& what) {
  std::size_t n = 0;
  for (auto p = h.find(what); p != std::string::npos; p = h.find(what, p + 1)) ++n;
  return n;
}
}  // namespace

TEST(html_report_test, ten_years_of_labels_are_thinned_and_an_axis_off_zero_is_marked) {
  const std::string h = annals::to_html(annals::test::ten_year_view(), english);
  const auto at = h.find("<div class=\"card chart\">");
  ASSERT_NE(at, std::string::npos);
  std::vector<std::string> charts;
  for (auto p = at; p != std::string::npos; p = h.find("<div class=\"card chart\">", p + 1))
    charts.push_back(h.substr(p, h.find("</svg>", p) - p));
  ASSERT_EQ(charts.size(), 3u);
  for (const auto& c : charts) {
    // ten points, each with its tooltip; fewer labels, the last year's always among them
    EXPECT_EQ(count_of(c, "<circle "), 10u);
    EXPECT_LT(count_of(c, "class=\"point-label\""), 10u);
    EXPECT_GE(count_of(c, "class=\"point-label\""), 2u);
    EXPECT_LT(count_of(c, "class=\"year-label\""), 10u);
    EXPECT_THAT(c, HasSubstr(">2024</text>"));
    EXPECT_THAT(c, HasSubstr(">2015</text>"));
  }
  // 2000 … 15500 件: from 0, no break; 96.0 … 99.9%: far above 0, the break is marked
  const auto& counts = charts[0].find("办理行政复议案件") != std::string::npos ? charts[0] : charts[1];
  EXPECT_THAT(counts, HasSubstr(">超15500件</text>"));
  EXPECT_THAT(counts, HasSubstr(">0</text>"));
  EXPECT_THAT(counts, Not(HasSubstr("axis-break")));
  bool rate_seen = false;
  for (const auto& c : charts)
    if (c.find("胜诉率") != std::string::npos) {
      rate_seen = true;
      EXPECT_THAT(c, HasSubstr("class=\"axis-break\""));
      EXPECT_THAT(c, HasSubstr("not 0</title>"));
    }
  EXPECT_TRUE(rate_seen);
}

// ---- the Chinese page (issue 13): translation, evidence, the verdict filter -------------------

namespace {

/// Every `href="#x"` of the page, and whether an element with id="x" is there.
std::vector<std::string> dangling_links(const std::string& h, std::size_t& links) {
  std::vector<std::string> bad;
  links = 0;
  const std::string href = "href=\"#";
  for (auto p = h.find(href); p != std::string::npos; p = h.find(href, p + 1)) {
    const auto start = p + href.size();
    const std::string id = h.substr(start, h.find('"', start) - start);
    ++links;
    if (h.find(" id=\"" + id + "\"") == std::string::npos) bad.push_back(id);
  }
  return bad;
}

/// The bundled Chengdu reports (one real, two made-up test documents), as annals report reads them.
annals::store chengdu_store() {
  auto db = annals::store::memory();
  for (const char* name : {"chengdu-2023.txt", "chengdu-2024.txt", "chengdu-2025.txt"})
    (void)db.ingest(annals::read_report(std::string(ANNALS_DATA_DIR) + "/" + name));
  return db;
}

}  // namespace

TEST(html_report_test, report_lang_parses_zh_and_en_in_any_case_and_nothing_else) {
  EXPECT_EQ(annals::parse_report_lang("zh"), annals::report_lang::zh);
  EXPECT_EQ(annals::parse_report_lang("ZH"), annals::report_lang::zh);
  EXPECT_EQ(annals::parse_report_lang("En"), annals::report_lang::en);
  for (const char* bad : {"", "fr", "zh-CN", "chinese", "e"}) EXPECT_EQ(annals::parse_report_lang(bad), std::nullopt) << bad;
  EXPECT_EQ(annals::html_options{}.lang, annals::report_lang::zh);
}

TEST(html_report_test, reasons_come_from_one_template_in_both_languages) {
  using annals::localize_reason;
  using annals::report_lang;
  const std::string why = "5652件 -> 6120件 allows [8.28, 8.28]%; stated 12.5% allows [12.45, 12.55) (rounded) or [12.5, 12.6) (truncated)";
  EXPECT_EQ(localize_reason(why, report_lang::en), why);
  EXPECT_EQ(localize_reason(why, report_lang::zh),
            "5652件→6120件，按数据计算应为[8.28, 8.28]%；报告所称12.5%四舍五入对应[12.45, 12.55)，截尾对应[12.5, 12.6)，均不相符");
  EXPECT_EQ(localize_reason("no 2023 figure in the store", report_lang::zh), "数据库中无2023年数据");
  EXPECT_EQ(localize_reason("累计 figure: not a yearly value", report_lang::zh), "累计数：不是年度数值");
  EXPECT_EQ(localize_reason("scope differs: the whole jurisdiction in the earlier report, 市本级 in the later one", report_lang::zh),
            "统计范围不同：上年报告为全域，本年报告为市本级");
  EXPECT_EQ(localize_reason("2.10 pp (86.15% → 88.25%); the figures allow 2.05 to 2.15 pp", report_lang::zh),
            "2.10个百分点 (86.15% → 88.25%)；数据允许的范围为2.05至2.15个百分点");
  EXPECT_EQ(localize_reason("2023 said 连续5年", report_lang::zh), "2023年报告称连续5年");
  EXPECT_EQ(localize_reason("2023 ended at 170支", report_lang::zh), "2023年止于170支");
  EXPECT_EQ(localize_reason("from 167支", report_lang::zh), "起点167支");
  EXPECT_EQ(localize_reason("2.49 to 2.51倍", report_lang::zh), "2.49至2.51倍");
  // a text of no template (report text, say) is left as it is
  EXPECT_EQ(localize_reason("同比增长12.5%", report_lang::zh), "同比增长12.5%");
  EXPECT_EQ(localize_reason("", report_lang::zh), "");
}

TEST(html_report_test, chinese_page_translates_headings_verdicts_and_reasons) {
  const auto db = two_year_store();
  const auto v = annals::build_jurisdiction_view(db, "样例市");
  const std::string h = annals::to_html(v);
  EXPECT_EQ(h.rfind("<!doctype html>\n<html lang=\"zh-CN\">", 0), 0u);
  for (const char* heading : {"<h2 id=\"inconsistencies\">前后不一致</h2>", "<h2 id=\"growth\">同比增长核验</h2>",
                              "<h2 id=\"metrics\">指标走势</h2>", "<h2 id=\"commitments\">承诺事项跟踪</h2>",
                              "<h2 id=\"evidence\">依据原文</h2>", "<h2 id=\"reports\">所用报告</h2>"})
    EXPECT_THAT(h, HasSubstr(heading));
  EXPECT_THAT(h, HasSubstr("处前后不一致</span>"));
  EXPECT_THAT(h, HasSubstr("<th>2023年承诺事项</th><th>进展</th><th>2024年报告中的依据</th>"));
  EXPECT_THAT(h, HasSubstr("class=\"chip s-inconsistent\">不一致</span>"));
  EXPECT_THAT(h, HasSubstr("class=\"chip s-consistent\">一致</span>"));
  EXPECT_THAT(h, HasSubstr("2023年 → 2024年"));
  EXPECT_THAT(h, HasSubstr("2025年1月6日"));  // published, in the reports table
  // the inconsistent growth's reason, with its numbers, in Chinese
  EXPECT_THAT(h, HasSubstr("5652件→6120件，按数据计算应为"));
  EXPECT_THAT(h, HasSubstr("报告所称12.5%四舍五入对应"));
  EXPECT_THAT(h, HasSubstr("计算 <b>+8.28%</b>"));
  EXPECT_THAT(h, HasSubstr("报告 <b>+12.5%</b>"));
  // none of the English page's words
  for (const char* en : {"Inconsistencies", "Growth, computed", "computed <b>", "stated <b>", " allows ", "Generated",
                         "commitment</th>", "figures</span>", "not 0</title>"})
    EXPECT_THAT(h, Not(HasSubstr(en))) << en;
  // still self-contained: no script, nothing fetched, links only inside the page
  EXPECT_THAT(h, Not(HasSubstr("<script")));
  EXPECT_THAT(h, Not(HasSubstr(" src=")));
  EXPECT_THAT(h, Not(HasSubstr("href=\"h")));
  EXPECT_THAT(h, HasSubstr("Content-Security-Policy"));
}

TEST(html_report_test, english_page_has_neither_links_nor_the_chinese_additions) {
  const auto db = two_year_store();
  const std::string h = annals::to_html(annals::build_jurisdiction_view(db, "样例市"), english);
  EXPECT_EQ(h.rfind("<!doctype html>\n<html lang=\"zh-Hans\">", 0), 0u);
  EXPECT_THAT(h, HasSubstr("<h2 id=\"growth\">Growth, computed and stated <span class=\"zh\">同比增长核验</span></h2>"));
  for (const char* zh : {"id=\"evidence\"", "class=\"vf\"", "metric-group", "<mark>", "按数据计算"})
    EXPECT_THAT(h, Not(HasSubstr(zh))) << zh;
}

TEST(html_report_test, every_verdict_links_to_its_quoted_sentence_with_source_and_sha256) {
  const auto db = two_year_store();
  const auto v = annals::build_jurisdiction_view(db, "样例市");
  const std::string h = annals::to_html(v);
  std::size_t links = 0;
  EXPECT_THAT(dangling_links(h, links), ::testing::IsEmpty());
  EXPECT_GE(links, 4u);
  // the inconsistent growth: its finding, its row and its chip link to the one quote
  const std::string id = annals::quote_id(2024, "f2");
  EXPECT_EQ(id, "q2024-f2");
  ASSERT_EQ(v.inconsistencies.size(), 1u);
  EXPECT_EQ(v.inconsistencies[0].quote, id);
  EXPECT_GE(count_of(h, "href=\"#" + id + "\""), 3u);
  const auto at = h.find("<li class=\"quote\" id=\"" + id + "\">");
  ASSERT_NE(at, std::string::npos);
  const std::string quote = h.substr(at, h.find("</li>", at) - at);
  EXPECT_THAT(quote, HasSubstr("<div class=\"where\">2024年报告"));
  EXPECT_THAT(quote, HasSubstr("<blockquote>办理行政应诉案件<mark>6120件，同比增长12.5%</mark>。</blockquote>"));
  EXPECT_THAT(quote, HasSubstr("来源：sample-2024.txt · SHA-256 <span class=\"mono\">" + std::string(64, 'b') + "</span>"));
  // the commitment's status links to the 2024 passage the tracker found
  ASSERT_FALSE(v.commitments.empty());
  const std::string cid = annals::commitment_quote_id(v.commitments.front());
  EXPECT_THAT(h, HasSubstr("<a class=\"chip-link\" href=\"#" + cid + "\">"));
  EXPECT_THAT(h, HasSubstr("<li class=\"quote\" id=\"" + cid + "\">"));
}

TEST(html_report_test, bundled_reports_quote_part_and_item_and_every_link_resolves) {
  const auto db = chengdu_store();
  const auto v = annals::build_jurisdiction_view(db, "成都市");
  ASSERT_FALSE(v.quotes.empty());
  const std::string h = annals::to_html(v);
  std::size_t links = 0;
  EXPECT_THAT(dangling_links(h, links), ::testing::IsEmpty());
  EXPECT_GE(links, v.quotes.size());
  std::size_t placed = 0;
  for (const auto& q : v.quotes) {
    EXPECT_EQ(q.sha256.size(), 64u) << q.id;
    EXPECT_FALSE(q.source_name.empty()) << q.id;
    EXPECT_FALSE(q.marked.empty()) << q.id;
    EXPECT_EQ(count_of(h, " id=\"" + q.id + "\""), 1u) << q.id;  // one anchor per quote
    if (!q.section_marker.empty() && q.item > 0) ++placed;
  }
  EXPECT_GT(placed, 0u) << "no quote placed in a part and an item";
  EXPECT_TRUE(std::is_sorted(v.quotes.begin(), v.quotes.end(),
                             [](const annals::evidence_quote& a, const annals::evidence_quote& b) { return a.year < b.year; }));
  EXPECT_THAT(h, ::testing::ContainsRegex("20[0-9][0-9]年报告 第[一二三四五六七八九十]+部分 第[一二三四五六七八九十]+项"));
  EXPECT_THAT(h, HasSubstr("chengdu-2024.txt · SHA-256"));
}

TEST(html_report_test, growths_are_grouped_by_metric_under_a_verdict_filter) {
  const auto db = two_year_store();
  const std::string h = annals::to_html(annals::build_jurisdiction_view(db, "样例市"));
  for (const char* input : {"id=\"vf-all\" checked", "id=\"vf-inconsistent\"", "id=\"vf-unverifiable\"", "id=\"vf-consistent\""})
    EXPECT_THAT(h, HasSubstr(input));
  EXPECT_THAT(h, HasSubstr("<label for=\"vf-inconsistent\">不一致 1</label>"));
  EXPECT_THAT(h, HasSubstr("<label for=\"vf-consistent\">一致 1</label>"));
  EXPECT_THAT(h, HasSubstr("<label for=\"vf-unverifiable\">无法核验 0</label>"));
  // the filter's inputs come before the groups (the CSS selects with ~), one group per metric
  EXPECT_LT(h.find("id=\"vf-all\""), h.find("<div class=\"groups\">"));
  EXPECT_EQ(count_of(h, "<section class=\"metric-group"), 3u);
  EXPECT_THAT(h, HasSubstr("<section class=\"metric-group has-inconsistent\"><h3>办理行政应诉案件"));
  EXPECT_THAT(h, HasSubstr("<div class=\"grow-row bad v-inconsistent\">"));
  EXPECT_THAT(h, HasSubstr("#vf-inconsistent:checked~.groups .grow-row:not(.v-inconsistent)"));
  // the most severe group first
  EXPECT_LT(h.find("metric-group has-inconsistent"), h.find("metric-group has-consistent"));
}
