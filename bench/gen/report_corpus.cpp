// The synthetic report generator: see report_corpus.hpp. Everything here is invented wording and
// invented numbers; nothing describes a real place.
#include "report_corpus.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace annals_bench {
namespace {

struct rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }
};

std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  rng r{a * 0x100000001B3ull ^ (b + 0x9E3779B97F4A7C15ull)};
  return r.next();
}

struct metric {
  int section;
  const char* label;
  const char* unit;
  std::int64_t lo, hi;  ///< range of the first year's value
};

// count metrics, by section (0 … 5)
const std::vector<metric> counts = {
    {0, "召开政府常务会议专题学法", "次", 6, 40},
    {0, "组织领导干部法治专题培训", "场", 20, 400},
    {0, "开展领导干部应知应会法律法规学习", "场", 300, 3000},
    {1, "全市走访服务企业", "家", 12000, 90000},
    {1, "帮助企业解决问题", "个", 5000, 40000},
    {1, "助企热线处置企业诉求", "件", 8000, 60000},
    {1, "组织政企沟通活动", "场", 200, 3000},
    {1, "实现政务服务跨省通办事项", "项", 40, 300},
    {2, "制定修改地方性法规草案和政府规章", "件", 4, 28},
    {2, "审核行政规范性文件", "件", 60, 900},
    {2, "开展重大行政决策合法性审查", "件", 200, 3000},
    {3, "审核行政执法证件", "个", 1000, 9000},
    {3, "抽考行政执法人员", "人", 1500, 8000},
    {3, "发出行政执法监督文书", "件", 50, 600},
    {3, "开展信用预警提示", "户次", 50000, 400000},
    {4, "办理人大代表建议和政协委员提案", "件", 300, 2000},
    {4, "办理政府信息公开申请", "件", 1000, 8000},
    {5, "新收行政复议案件", "件", 2000, 30000},
    {5, "调解各类矛盾纠纷", "件", 20000, 600000},
    {5, "提供法律咨询服务", "人次", 30000, 500000},
    {5, "办理法律援助案件", "件", 3000, 30000},
    {5, "开展主题普法宣传活动", "场", 500, 30000},
};

struct percent_metric {
  int section;
  const char* label;
  int lo_tenths, hi_tenths;  ///< range in tenths of a percent
};
const std::vector<percent_metric> percents = {
    {2, "行政规范性文件备案审查率", 950, 1000},
    {3, "行政执法案卷评查优良率", 800, 980},
    {4, "行政机关负责人出庭应诉率", 900, 1000},
    {4, "政务公开事项按时办结率", 930, 999},
    {5, "行政复议纠错率", 50, 200},
    {5, "群众对公共法律服务满意度", 850, 990},
};

const std::vector<const char*> headings = {
    "深入学习贯彻习近平法治思想，把牢法治政府建设正确方向",
    "持续推进政府职能转变，优化法治化营商环境",
    "加强制度建设和依法决策，确保行政权力源头规范",
    "严格规范公正文明执法，提高人民群众满意度",
    "强化权力制约监督，促进行政权力规范透明运行",
    "深化矛盾纠纷预防调处化解，保障社会和谐稳定",
};

const std::vector<std::vector<const char*>> item_titles = {
    {"“关键少数”带头示范", "常态学习持续深化", "重点任务压茬推进"},
    {"惠企服务持续优化", "智慧赋能走实走深", "涉外法治深入推进"},
    {"政府立法工作提质增效", "规范性文件管理更加严格", "依法决策机制不断健全"},
    {"行政执法体制改革稳妥推进", "行政执法方式不断优化", "行政执法监督持续加强"},
    {"自觉接受各类监督", "政务公开更加规范", "审计监督持续用力"},
    {"行政争议实质化解持续推进", "基层依法治理不断深化", "公共法律服务供给优化提升"},
};

const std::vector<const char*> leads = {
    "坚持问题导向，健全常态化工作机制", "聚焦群众关切，持续加大工作力度", "强化统筹协调，扎实推进各项工作",
    "完善制度机制，推动工作落地见效", "坚持系统观念，压实工作责任",     "深化改革创新，提升工作质效",
};

const std::vector<const char*> places = {"全年", "全市", "年内", "各级各部门"};

const std::vector<const char*> problems = {
    "行政规范性文件法治化水平还需进一步提升", "基层行政执法规范化建设还有待进一步加强",
    "涉外法律服务能级还需进一步增强",         "行政复议案件办理质效仍需提高",
    "政务数据共享和业务协同还不够充分",       "法治督察的刚性约束还需强化",
};

const std::vector<const char*> next_steps = {
    "坚定践行习近平法治思想",   "持续优化法治化营商环境", "着力提升行政立法质量",
    "全面推进严格规范公正文明执法", "不断加强行政权力制约监督", "健全矛盾纠纷多元化解体系",
};

const char* const cn_digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/// 1 … 99 in Chinese numerals: 十二, 二十, 三十七.
std::string chinese(std::int64_t n) {
  std::string s;
  if (n >= 10) {
    if (n / 10 > 1) s += cn_digits[n / 10];
    s += "十";
    if (n % 10 != 0) s += cn_digits[n % 10];
  } else {
    s += cn_digits[n];
  }
  return s;
}

std::string decimal_text(std::int64_t scaled, int decimals) {  // 614, 2 → "6.14"; trailing zeros dropped
  std::string s = std::to_string(scaled);
  if (decimals == 0) return s;
  while (static_cast<int>(s.size()) <= decimals) s.insert(s.begin(), '0');
  s.insert(s.end() - decimals, '.');
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

/// The value of a metric in `year`: a walk from 2000 of −6 % … +10 % a year.
std::int64_t value_in(const metric& m, std::size_t j, std::size_t mi, int year, std::uint64_t seed) {
  rng r{mix(mix(seed, j), mi)};
  std::int64_t v = r.between(m.lo, m.hi);
  for (int y = 2000; y < year; ++y) v = v * (10000 + r.between(-600, 1000)) / 10000 + 1;
  return v;
}

int percent_in(const percent_metric& p, std::size_t j, std::size_t pi, int year, std::uint64_t seed) {
  rng r{mix(mix(seed ^ 0x7065726365ull, j), pi)};
  int v = static_cast<int>(r.between(p.lo_tenths, p.hi_tenths));
  for (int y = 2000; y < year; ++y) {
    v += static_cast<int>(r.between(-15, 15));
    v = std::max(p.lo_tenths, std::min(p.hi_tenths, v));
  }
  return v;
}

struct writer {
  rng& r;
  std::string& text;
  std::vector<truth_row>& truth;

  /// Writes a count figure for `value` and returns the truth row (not yet pushed).
  truth_row count_figure(const metric& m, std::int64_t value) {
    truth_row t{"fact", "", "", m.unit, "exact", m.label, ""};
    std::string shown;
    const auto form = r.below(10);
    if (value >= 10000 && form < 6) {
      // 万 with 1 or 2 decimals, possibly hedged: 超6.14万家, 近1.2万件, 约35.8万人次, 1.43万件
      const int d = r.below(3) == 0 ? 1 : 2;
      const std::int64_t step = d == 2 ? 100 : 1000;
      const std::int64_t mant = value / step;  // truncated: the truth is more than what is shown
      const auto q = r.below(4);
      const char* prefix = q == 0 ? "超" : q == 1 ? "近" : q == 2 ? "约" : "";
      t.qualifier = q == 0 ? "more_than" : q == 1 ? "nearly" : q == 2 ? "about" : "exact";
      std::int64_t m2 = mant;
      if (q == 1) m2 = mant + 1;  // 近: just below the shown value
      shown = std::string(prefix) + decimal_text(m2, d) + "万" + m.unit;
      t.value = std::to_string(m2 * step);
    } else if (value >= 100 && form < 8) {
      // rounded with 余 / 以上: 2100余场, 4000余人, 85以上
      const std::int64_t step = value >= 10000 ? 1000 : value >= 1000 ? 100 : 10;
      const std::int64_t round = value / step * step;
      if (r.below(2) == 0) {
        shown = std::to_string(round) + "余" + m.unit;
        t.qualifier = "more_than";
      } else {
        shown = std::to_string(round) + m.unit + "以上";
        t.qualifier = "at_least";
      }
      t.value = std::to_string(round);
    } else if (value >= 2 && value <= 99 && form >= 8) {
      shown = chinese(value) + m.unit;  // 十二件
      t.value = std::to_string(value);
    } else {
      shown = std::to_string(value) + m.unit;
      t.value = std::to_string(value);
    }
    t.text = shown;
    return t;
  }
};

}  // namespace

std::string place_name(std::size_t j) {
  static const char* const first[] = {"安", "平", "宁", "和", "华", "兴", "新", "永", "长", "丰",
                                      "广", "清", "云", "江", "山", "阳", "川", "德", "泰", "嘉",
                                      "明", "临", "汉", "洪", "青", "乐", "瑞", "鸿", "昌", "盛"};
  static const char* const second[] = {"源", "溪", "岭", "州", "川", "城", "原", "阳", "宁", "安",
                                       "丰", "平", "湖", "江", "泉", "林", "峰", "水", "河", "桥",
                                       "浦", "塘", "坪", "陵", "海", "谷", "屿", "湾", "港", "台"};
  static const char* const kind[] = {"市", "县", "区"};
  std::string s = std::string(first[j % 30]) + second[(j / 30) % 30] + kind[(j / 900) % 3];
  if (j >= 2700) s = std::to_string(j / 2700) + "号" + s;
  return s;
}

synthetic_report make_report(std::size_t j, int year, std::uint64_t seed) {
  synthetic_report rep;
  char stem[64];
  std::snprintf(stem, sizeof stem, "synthetic-%05zu-%d", j, year);
  rep.name = stem;
  rng r{mix(mix(seed, j), static_cast<std::uint64_t>(year))};
  std::string& s = rep.text;
  auto& truth = rep.truth;
  writer w{r, s, truth};
  const std::string place = place_name(j);

  s += place + "人民政府关于" + std::to_string(year) + "年度法治政府建设情况的报告\n\n";
  s += "【编造的测试文档：annals 基准语料生成器合成，不是真实的政府报告，地名和数字均为虚构。】\n\n";
  s += place + "人大常委会：\n";
  s += std::to_string(year) + "年，" + place +
       "政府坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面正确履行政府职能，"
       "不断推动法治政府建设水平整体提升。现将有关情况报告如下。\n";

  static const char* const section_markers[] = {"一", "二", "三", "四", "五", "六"};
  static const char* const item_markers[] = {"一是", "二是", "三是"};
  for (int sec = 0; sec < 6; ++sec) {
    s += std::string(section_markers[sec]) + "、" + headings[static_cast<std::size_t>(sec)] + "\n";
    s += std::string(r.pick(leads)) + "。";
    std::vector<std::size_t> mine;
    for (std::size_t i = 0; i < counts.size(); ++i)
      if (counts[i].section == sec) mine.push_back(i);
    for (std::size_t i = mine.size(); i > 1; --i) std::swap(mine[i - 1], mine[r.below(i)]);
    std::size_t next_metric = 0;  // each metric at most once a report
    const std::size_t items = 2 + r.below(2);
    for (std::size_t it = 0; it < items; ++it) {
      s += std::string(item_markers[it]) + item_titles[static_cast<std::size_t>(sec)][it] + "。";
      const std::size_t sentences = std::min<std::size_t>(1 + r.below(2), mine.size() - next_metric);
      for (std::size_t k = 0; k < sentences; ++k) {
        const std::size_t mi = mine[next_metric++];
        const metric& m = counts[mi];
        const std::int64_t v = value_in(m, j, mi, year, seed);
        truth_row t = w.count_figure(m, v);
        s += std::string(r.pick(leads)) + "，" + r.pick(places) + m.label + t.text;
        truth.push_back(t);
        if (r.below(3) == 0) {
          const std::int64_t prev = value_in(m, j, mi, year - 1, seed);
          // growth in tenths of a percent, half-up
          const std::int64_t num = (v - prev) * 2000, den = prev * 2;
          std::int64_t tenths = num >= 0 ? (num + prev) / den : -((-num + prev) / den);
          const bool up = tenths >= 0;
          const std::string g = decimal_text(up ? tenths : -tenths, 1);
          const std::string phrase = std::string(up ? "同比增长" : "同比下降") + g + "%";
          s += "，" + phrase;
          truth.push_back({"growth_pct", g, "", "%", "exact", m.label, phrase});
        }
        s += "。";
      }
      if (r.below(4) == 0) {  // a count written in Chinese numerals with 个
        const std::int64_t n = r.between(3, 39);
        s += "在" + chinese(n) + "个领域开展综合监管试点。";
        truth.push_back({"fact", std::to_string(n), "", "个", "exact", "领域", chinese(n) + "个"});
      }
    }
    for (std::size_t pi = 0; pi < percents.size(); ++pi) {
      const percent_metric& p = percents[pi];
      if (p.section != sec || r.below(2) == 0) continue;
      const int now = percent_in(p, j, pi, year, seed), before = percent_in(p, j, pi, year - 1, seed);
      const std::string shown = decimal_text(now, 1) + "%";
      s += std::string(p.label) + "达到" + shown;
      truth.push_back({"fact", decimal_text(now, 1), "", "%", "exact", p.label, shown});
      if (now != before) {
        const std::string d = decimal_text(now > before ? now - before : before - now, 1);
        const std::string phrase = std::string(now > before ? "提高" : "下降") + d + "个百分点";
        s += "，较上年" + phrase;
        truth.push_back({"pp", d, "", "%", "exact", p.label, phrase});
      }
      s += "。";
    }
    if (sec == 3 && r.below(2) == 0) {
      const std::int64_t from = r.between(90, 220), to = from - r.between(10, 60);
      const std::string phrase = "由" + std::to_string(from) + "支精简至" + std::to_string(to) + "支";
      s += "深化综合行政执法改革，执法队伍" + phrase + "。";
      truth.push_back({"from_to", std::to_string(from), std::to_string(to), "支", "exact", "执法队伍", phrase});
    }
    s += "\n";
  }

  // problems and next steps
  std::vector<std::size_t> pr;
  while (pr.size() < 3) {
    const std::size_t k = r.below(problems.size());
    bool seen = false;
    for (auto x : pr) seen = seen || x == k;
    if (!seen) pr.push_back(k);
  }
  s += std::to_string(year) + "年，全市法治政府建设虽取得一定成效，但仍存在一些需解决的问题，如";
  for (std::size_t k = 0; k < pr.size(); ++k) {
    s += std::string(k ? "、" : "") + problems[pr[k]];
    truth.push_back({"problem", "", "", "", "", problems[pr[k]], problems[pr[k]]});
  }
  s += "。下一步，" + place + "政府将坚持以习近平新时代中国特色社会主义思想为指导，重点做好以下工作：";
  const std::size_t steps = 3 + r.below(3);
  static const char* const ordinal[] = {"一是", "二是", "三是", "四是", "五是"};
  for (std::size_t k = 0; k < steps; ++k) {
    const char* title = next_steps[(k + r.below(2)) % next_steps.size()];
    s += std::string(ordinal[k]) + title + "，推动各项工作取得新成效。";
    truth.push_back({"next_step", "", "", "", "", title, title});
  }
  s += "\n\n" + place + "人民政府\n" + std::to_string(year + 1) + "年" + std::to_string(1 + r.below(3)) + "月" +
       std::to_string(1 + r.below(28)) + "日\n";
  return rep;
}

std::string truth_tsv(const synthetic_report& r) {
  std::string out = "kind\tvalue\tto\tunit\tqualifier\tlabel\ttext\n";
  for (const auto& t : r.truth)
    out += t.kind + "\t" + t.value + "\t" + t.to + "\t" + t.unit + "\t" + t.qualifier + "\t" + t.label + "\t" + t.text + "\n";
  return out;
}

bool parse_truth_tsv(const std::string& tsv, std::vector<truth_row>& out) {
  // Columns are found by the header's names, so a gold file with only value, unit, qualifier
  // and label (rows are then facts) reads as well as truth_tsv() output.
  std::istringstream in(tsv);
  std::string line;
  auto split = [](const std::string& l) {
    std::vector<std::string> f;
    std::size_t start = 0;
    for (;;) {
      const auto tab = l.find('\t', start);
      f.push_back(l.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    return f;
  };
  do {  // the header is the first line that is not a # comment
    if (!std::getline(in, line)) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
  } while (!line.empty() && line[0] == '#');
  const std::vector<std::string> header = split(line);
  const char* names[] = {"kind", "value", "to", "unit", "qualifier", "label", "text"};
  int col[7];
  for (int k = 0; k < 7; ++k) {
    col[k] = -1;
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == names[k]) col[k] = static_cast<int>(i);
  }
  if (col[1] < 0 || col[3] < 0 || col[4] < 0) return false;  // value, unit, qualifier are required
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> f = split(line);
    auto get = [&](int k) -> std::string {
      return col[k] >= 0 && static_cast<std::size_t>(col[k]) < f.size() ? f[static_cast<std::size_t>(col[k])] : "";
    };
    truth_row t{get(0), get(1), get(2), get(3), get(4), get(5), get(6)};
    if (t.kind.empty()) t.kind = "fact";
    out.push_back(std::move(t));
  }
  return true;
}

}  // namespace annals_bench
