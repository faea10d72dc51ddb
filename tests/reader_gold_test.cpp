// The reader against a hand-written gold list of every numeric mention of the real sample
// report (tests/data/chengdu-2024.gold.tsv): value, unit, qualifier and label right for ≥ 98% of
// the facts, no fact on a name, slogan, ordinary word, enumeration marker or date, every change
// found; plus the report's layout and commitments.

#include <annals/reader.hpp>
#include <annals/text.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct gold_row {
  std::string kind, text, value, unit, qualifier, label, reason;
  int line = 0;
};

std::vector<std::string> split_tabs(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == '\t') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

std::vector<gold_row> load_gold() {
  std::ifstream in(std::string(ANNALS_TEST_DIR) + "/data/chengdu-2024.gold.tsv");
  EXPECT_TRUE(in.good()) << "gold list missing";
  std::vector<gold_row> rows;
  std::string line;
  int n = 0;
  bool header = true;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    auto f = split_tabs(line);
    f.resize(7);
    rows.push_back({f[0], f[1], f[2], f[3], f[4], f[5], f[6], n});
  }
  return rows;
}

const annals::report& sample() {
  static const annals::report r = annals::read_report(std::string(ANNALS_DATA_DIR) + "/chengdu-2024.txt");
  return r;
}

bool overlaps(annals::text_span a, std::size_t b, std::size_t e) { return a.start < e && b < a.end; }

}  // namespace

TEST(reader_gold, every_numeric_mention_of_the_sample) {
  const auto rows = load_gold();
  const auto& r = sample();
  const annals::offset_index idx(r.text);
  ASSERT_GT(rows.size(), 100u);

  std::size_t cursor = 0;  // byte offset in r.text
  int facts = 0, right = 0, not_rows = 0, changes = 0;
  std::vector<bool> matched(r.facts.size(), false);
  std::ostringstream misses;
  for (const auto& row : rows) {
    const std::size_t at = r.text.find(row.text, cursor);
    ASSERT_NE(at, std::string::npos) << "gold line " << row.line << ": '" << row.text << "' not found in order";
    const std::size_t b = idx.to_code_point(at), e = idx.to_code_point(at + row.text.size());
    if (row.kind == "fact") {
      cursor = at + row.text.size();
      ++facts;
      const annals::fact* f = nullptr;
      for (std::size_t k = 0; k < r.facts.size(); ++k)
        if (r.facts[k].span.start == b) {
          f = &r.facts[k];
          matched[k] = true;
        }
      if (!f) {
        misses << "  line " << row.line << " " << row.text << ": no fact\n";
        continue;
      }
      const bool ok = f->text == row.text && f->q.value == annals::decimal::parse(row.value) &&
                      f->q.unit == row.unit && annals::to_string(f->q.qual) == row.qualifier &&
                      f->label == row.label;
      if (ok) {
        ++right;
      } else {
        misses << "  line " << row.line << " " << row.text << ": got " << f->text << " " << f->q.value.to_string()
               << " " << f->q.unit << " " << annals::to_string(f->q.qual) << " [" << f->label << "], want "
               << row.value << " " << row.unit << " " << row.qualifier << " [" << row.label << "]\n";
      }
    } else if (row.kind == "not") {
      cursor = at;
      ++not_rows;
      for (const auto& f : r.facts)
        EXPECT_FALSE(overlaps(f.span, b, e))
            << "gold line " << row.line << ": fact " << f.id << " '" << f.text << "' on '" << row.text << "' ("
            << row.reason << ")";
    } else if (row.kind == "change") {
      cursor = at;
      ++changes;
      std::string kind = row.reason.substr(row.reason.find(':') + 1);
      kind = kind.substr(0, kind.find(' '));
      bool found = false;
      for (const auto& c : r.changes) {
        if (!overlaps(c.span, b, e) || std::string(annals::to_string(c.kind)) != kind) continue;
        const auto v = c.kind == annals::change_kind::from_to ? c.to : c.value;
        if (v && *v == annals::decimal::parse(row.value)) found = true;
      }
      EXPECT_TRUE(found) << "gold line " << row.line << ": no " << kind << " change " << row.value << " on '"
                         << row.text << "'";
    } else {
      ADD_FAILURE() << "gold line " << row.line << ": unknown kind '" << row.kind << "'";
    }
  }
  std::ostringstream extra;
  int extras = 0;
  for (std::size_t k = 0; k < r.facts.size(); ++k)
    if (!matched[k]) {
      ++extras;
      extra << "  " << r.facts[k].id << " " << r.facts[k].text << " [" << r.facts[k].label << "]\n";
    }
  const double accuracy = facts ? static_cast<double>(right) / facts : 0.0;
  std::cout << "[gold] facts " << facts << ", fully right " << right << " (" << accuracy * 100.0 << "%), extra "
            << extras << ", not-facts " << not_rows << ", changes " << changes << "\n"
            << misses.str() << extra.str();
  EXPECT_GE(accuracy, 0.98) << misses.str();
  EXPECT_EQ(extras, 0) << "facts the gold list does not have:\n" << extra.str();
  EXPECT_EQ(r.facts.size(), static_cast<std::size_t>(facts));
}

TEST(reader_gold, layout_of_the_sample) {
  const auto& r = sample();
  EXPECT_EQ(r.meta.title, "成都市人民政府关于2024年度法治政府建设情况的报告");
  EXPECT_EQ(r.meta.issuer, "成都市人民政府");
  EXPECT_EQ(r.meta.jurisdiction, "成都市");
  ASSERT_TRUE(r.meta.year);
  EXPECT_EQ(r.meta.year->value(), 2024);
  EXPECT_EQ(r.meta.recipient, "市人大常委会");
  ASSERT_TRUE(r.meta.published);
  EXPECT_EQ(r.meta.published->to_iso(), "2025-01-06");
  ASSERT_EQ(r.sections.size(), 6u);
  const char* headings[] = {"深入学习贯彻习近平法治思想,把牢法治政府建设正确方向", "持续推进政府职能转变,优化法治化营商环境",
                            "加强制度建设和依法决策,确保行政权力源头规范", "严格规范公正文明执法,提高人民群众满意度",
                            "强化权力制约监督,促进行政权力规范透明运行", "深化矛盾纠纷预防调处化解,保障社会和谐稳定"};
  for (std::size_t k = 0; k < 6; ++k) {
    EXPECT_EQ(r.sections[k].ordinal, static_cast<int>(k) + 1);
    EXPECT_EQ(r.sections[k].heading, headings[k]);
    ASSERT_EQ(r.sections[k].items.size(), 3u) << "section " << k + 1;
    EXPECT_EQ(annals::utf8::slice(r.text, r.sections[k].span).substr(0, 3), r.sections[k].marker.substr(0, 3));
  }
  EXPECT_EQ(r.sections[0].items[0].title, "“关键少数”带头示范");
  EXPECT_EQ(r.sections[0].items[0].marker, "一是");
  EXPECT_EQ(r.sections[5].items[2].title, "公共法律服务供给优化提升");
  // the closing paragraph is not part of section 6
  EXPECT_EQ(std::string(annals::utf8::slice(r.text, r.sections[5].span)).find("下一步"), std::string::npos);
  // the published date, and no other date mention
  ASSERT_EQ(r.dates.size(), 1u);
  EXPECT_EQ(r.dates[0].role, annals::date_role::published);
  EXPECT_EQ(r.dates[0].text, "2025年1月6日");
  // source
  EXPECT_EQ(r.source.encoding, "utf-8");
  EXPECT_EQ(r.source.sha256.size(), 64u);
}

TEST(reader_gold, facts_carry_sections_items_flags_and_offsets) {
  const auto& r = sample();
  const annals::offset_index idx(r.text);
  for (const auto& f : r.facts) {
    EXPECT_EQ(idx.slice(f.span), f.text) << f.id;
    EXPECT_EQ(f.id, "f" + std::to_string(&f - r.facts.data() + 1));
  }
  auto find = [&](const std::string& text, const std::string& label) -> const annals::fact* {
    for (const auto& f : r.facts)
      if (f.text == text && f.label == label) return &f;
    return nullptr;
  };
  const auto* cases = find("超1.11万件", "全市新收行政复议案件");
  ASSERT_NE(cases, nullptr);
  EXPECT_EQ(cases->section, 6);
  EXPECT_EQ(cases->item, 1);
  EXPECT_EQ(cases->qualifier_text, "超");
  const auto iv = cases->q.bounds();
  EXPECT_EQ(iv.lo, annals::decimal::parse("11100"));
  EXPECT_EQ(iv.hi, annals::decimal::parse("11200"));
  EXPECT_FALSE(iv.lo_closed);
  const auto* legal = find("35.8万人次", "法律咨询服务");
  ASSERT_NE(legal, nullptr);
  EXPECT_TRUE(legal->cumulative);
  const auto* notary = find("55万余件", "公证");
  ASSERT_NE(notary, nullptr);
  EXPECT_TRUE(notary->cumulative);  // 累计 scopes the rest of its sentence
  const auto* visits = find("超6.14万家", "全市走访服务企业");
  ASSERT_NE(visits, nullptr);
  EXPECT_FALSE(visits->cumulative);
  EXPECT_EQ(visits->section, 2);
  const auto* share = find("86.15%", "执法力量部署在县镇两级");
  ASSERT_NE(share, nullptr);
  EXPECT_EQ(share->kind, annals::fact_kind::percent);
  const auto* streak = find("16年", "获评“最具幸福感城市”");
  ASSERT_NE(streak, nullptr);
  EXPECT_EQ(streak->kind, annals::fact_kind::duration);
  EXPECT_FALSE(streak->section);
}

TEST(reader_gold, changes_link_to_their_facts) {
  const auto& r = sample();
  ASSERT_EQ(r.changes.size(), 5u);
  auto fact_text = [&](const std::optional<std::string>& id) -> std::string {
    if (!id) return "-";
    for (const auto& f : r.facts)
      if (f.id == *id) return f.text;
    return "?";
  };
  const auto& streak = r.changes[0];
  EXPECT_EQ(streak.kind, annals::change_kind::streak);
  EXPECT_EQ(streak.text, "连续16年");
  EXPECT_EQ(fact_text(streak.fact), "16年");
  const auto& material = r.changes[1];
  EXPECT_EQ(material.kind, annals::change_kind::growth_pct);
  EXPECT_EQ(material.dir, annals::direction::down);
  EXPECT_EQ(material.value, annals::decimal::parse("30"));
  EXPECT_EQ(material.label, "申报材料");
  const auto& teams = r.changes[2];
  EXPECT_EQ(teams.kind, annals::change_kind::from_to);
  EXPECT_EQ(teams.text, "由167支精简至114支");
  EXPECT_EQ(teams.from, annals::decimal::parse("167"));
  EXPECT_EQ(teams.to, annals::decimal::parse("114"));
  EXPECT_EQ(teams.unit, "支");
  EXPECT_EQ(teams.dir, annals::direction::down);
  EXPECT_EQ(teams.label, "全市执法队伍");
  EXPECT_EQ(fact_text(teams.fact), "114支");
  const auto& growth = r.changes[3];
  EXPECT_EQ(growth.kind, annals::change_kind::growth_pct);
  EXPECT_EQ(growth.basis, annals::growth_basis::yoy);
  EXPECT_EQ(growth.text, "同比增长89.6%");
  EXPECT_EQ(growth.label, "全市新收行政复议案件");
  EXPECT_EQ(fact_text(growth.fact), "超1.11万件");
  const auto& multiple = r.changes[4];
  EXPECT_EQ(multiple.kind, annals::change_kind::multiple);
  EXPECT_EQ(multiple.value, annals::decimal::parse("2"));
  EXPECT_EQ(multiple.qual, annals::qualifier::at_least);
  EXPECT_EQ(fact_text(multiple.fact), "超1.11万件");
}

TEST(reader_gold, commitments_of_the_sample) {
  const auto& r = sample();
  std::vector<const annals::commitment*> plan, problems, steps, targets;
  for (const auto& c : r.commitments) {
    switch (c.kind) {
      case annals::commitment_kind::plan: plan.push_back(&c); break;
      case annals::commitment_kind::problem: problems.push_back(&c); break;
      case annals::commitment_kind::next_step: steps.push_back(&c); break;
      case annals::commitment_kind::target: targets.push_back(&c); break;
    }
  }
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0]->text, "明确七个方面24项工作任务");
  EXPECT_EQ(plan[0]->groups, 7);
  EXPECT_EQ(plan[0]->count, 24);
  EXPECT_EQ(plan[0]->section, 1);
  EXPECT_EQ(plan[0]->item, 3);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0]->text, "行政规范性文件法治化水平还需进一步提升");
  EXPECT_EQ(problems[1]->text, "镇(街道)行政执法规范化建设还有待进一步加强");
  EXPECT_EQ(problems[2]->text, "涉外法律服务能级还需进一步增强");
  ASSERT_EQ(steps.size(), 5u);
  const char* titles[] = {"坚定践行习近平法治思想", "持续优化法治化营商环境", "不断完善依法行政制度体系",
                          "着力提升行政执法质量", "持续加强行政争议实质性化解"};
  for (std::size_t k = 0; k < 5; ++k) {
    EXPECT_EQ(steps[k]->ordinal, static_cast<int>(k) + 1);
    EXPECT_EQ(steps[k]->title, titles[k]);
    EXPECT_EQ(steps[k]->text.rfind(titles[k], 0), 0u);
  }
  EXPECT_NE(steps[4]->text.find("促进行政争议实质性化解。"), std::string::npos);
  EXPECT_EQ(steps[0]->text.find("二是"), std::string::npos);
  EXPECT_TRUE(targets.empty());
  for (std::size_t k = 0; k < r.commitments.size(); ++k) {
    EXPECT_EQ(r.commitments[k].id, "k" + std::to_string(k + 1));
    EXPECT_EQ(annals::utf8::slice(r.text, r.commitments[k].span), r.commitments[k].text);
  }
}

TEST(reader_gold, skipped_numerals_say_why) {
  const auto& r0 = sample();
  std::vector<annals::skipped_numeral> skipped;
  annals::read_options opt;
  opt.skipped = &skipped;
  const auto r = annals::read_report_text(r0.text, r0.source, opt);
  EXPECT_EQ(r.facts.size(), r0.facts.size());
  auto reason_of = [&](const std::string& text) -> std::string {
    for (const auto& s : skipped)
      if (s.text == text) return s.reason;
    return "";
  };
  EXPECT_EQ(reason_of("12345"), "quoted");
  EXPECT_EQ(reason_of("167支"), "from_value");
  EXPECT_EQ(reason_of("三年"), "fixed_term");
  EXPECT_EQ(reason_of("2024年"), "year");
  for (const auto& s : skipped) EXPECT_EQ(annals::utf8::slice(r.text, s.span), s.text);
}
