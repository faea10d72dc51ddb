// Page furniture around a saved report (include/annals/source.hpp): flagged line by line, never
// deleted, so offsets stay those of the decoded text.
#include <annals/source.hpp>
#include <annals/text.hpp>

#include <algorithm>
#include <array>
#include <cstdint>

namespace annals {
namespace {

/// Lines longer than this (in code points, after trimming) are report prose, never furniture.
constexpr std::size_t max_furniture_cp = 80;
/// After the closing date, lines up to this length that are not sentences are furniture.
constexpr std::size_t max_trailing_cp = 60;

struct line_info {
  text_span span;         ///< whole line, without its newline
  std::string_view trim;  ///< content without surrounding spaces
  std::size_t cp = 0;     ///< code points of `trim`
};

bool starts_with(std::string_view s, std::string_view p) noexcept { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) noexcept {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool contains(std::string_view s, std::string_view p) noexcept { return s.find(p) != std::string_view::npos; }

/// Where a code point falls in a code_point_set.
constexpr std::uint32_t set_slot(char32_t c) noexcept {
  return (static_cast<std::uint32_t>(c) * 0x9E3779B1u) >> 22;  // 10 bits
}

/// A word searched for in short lines, with the set slots of its (first eight) code points
/// computed at compile time. `text` must be valid UTF-8 (a literal).
struct word {
  std::string_view text;
  std::array<std::uint16_t, 8> slots{};
  std::size_t n = 0;
  constexpr word(const char* s) noexcept : text(s) {  // NOLINT: implicit, for tables of literals
    std::size_t i = 0;
    while (i < text.size() && n < slots.size()) {
      const utf8::code_point c = utf8::decode_valid(text, i);
      slots[n++] = static_cast<std::uint16_t>(set_slot(c.value));
      i += c.length;
    }
  }
};

/// The code points of a short line, as a 1024-bit set (a Bloom filter with one hash): a word
/// whose code points are not all in it is not in the line, which spares most of the substring
/// searches below (the first byte of a CJK word is shared by thousands of characters, so a plain
/// search stops at almost every character).
class code_point_set {
 public:
  explicit code_point_set(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
      const utf8::code_point c = utf8::decode(s, i);
      add(set_slot(c.value));
      i += std::max<std::size_t>(c.length, 1);
    }
  }
  [[nodiscard]] bool has(char32_t c) const noexcept { return test(set_slot(c)); }
  /// False when `w` cannot occur in the line; true when it may.
  [[nodiscard]] bool may_contain(const word& w) const noexcept {
    for (std::size_t k = 0; k < w.n; ++k)
      if (!test(w.slots[k])) return false;
    return true;
  }

 private:
  [[nodiscard]] bool test(std::uint32_t h) const noexcept { return (bits_[h >> 6] >> (h & 63u)) & 1u; }
  void add(std::uint32_t h) noexcept { bits_[h >> 6] |= std::uint64_t{1} << (h & 63u); }
  std::array<std::uint64_t, 16> bits_{};
};

/// contains(s, w), with the set of s's code points for a quick no.
bool contains(const code_point_set& set, std::string_view s, const word& w) noexcept {
  return set.may_contain(w) && contains(s, w.text);
}

std::string_view trim(std::string_view s) noexcept {
  auto strip_front = [&]() {
    if (!s.empty() && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\f')) return s.remove_prefix(1), true;
    if (starts_with(s, "\u3000")) return s.remove_prefix(3), true;
    if (starts_with(s, "\u00A0")) return s.remove_prefix(2), true;
    if (starts_with(s, "\uFEFF")) return s.remove_prefix(3), true;
    return false;
  };
  auto strip_back = [&]() {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\f'))
      return s.remove_suffix(1), true;
    if (ends_with(s, "\u3000")) return s.remove_suffix(3), true;
    if (ends_with(s, "\u00A0")) return s.remove_suffix(2), true;
    return false;
  };
  while (strip_front()) {
  }
  while (strip_back()) {
  }
  return s;
}

/// The code point ending just before byte `at` of `s` (0 when none).
char32_t code_point_before(std::string_view s, std::size_t at) noexcept {
  if (at == 0) return 0;
  std::size_t b = at - 1;
  while (b > 0 && utf8::is_continuation(s[b])) --b;
  const utf8::code_point c = utf8::decode(s, b);
  return c.valid && b + c.length == at ? c.value : 0;
}

bool is_digit_like(char32_t c) noexcept {
  if ((c >= U'0' && c <= U'9') || (c >= 0xFF10 && c <= 0xFF19)) return true;
  static constexpr std::u32string_view chinese = U"〇零一二三四五六七八九十百两几数半";
  return chinese.find(c) != std::u32string_view::npos;
}

/// "157天前", "3小时前", "刚刚": a relative publication time.
bool has_relative_time(const code_point_set& set, std::string_view s) {
  static constexpr std::array<word, 7> units = {"天前", "小时前", "分钟前", "秒前", "周前", "个月前", "年前"};
  static constexpr word just_now = "刚刚";
  for (const auto& u : units) {
    if (!set.may_contain(u)) continue;
    std::size_t at = s.find(u.text);
    while (at != std::string_view::npos) {
      if (is_digit_like(code_point_before(s, at))) return true;
      at = s.find(u.text, at + u.text.size());
    }
  }
  return set.may_contain(just_now) && (s == "刚刚" || starts_with(s, "刚刚 ") || contains(s, " 刚刚"));
}

/// Metadata labels that are furniture when followed by a separator (来源: …, 浏览次数：…).
bool has_meta_label(const code_point_set& set, std::string_view s) {
  static constexpr std::array<word, 26> labels = {
      "来源", "作者", "编辑", "发布时间", "发布日期", "更新时间", "发布机构", "发布者", "浏览次数", "浏览量",
      "阅读次数", "阅读量", "点击数", "点击量", "点击率", "访问次数", "访问量", "字号", "字体", "索引号",
      "发文字号", "成文日期", "主题分类", "审核", "校对", "供稿"};
  static constexpr std::array<std::string_view, 9> separators = {":", "：", "·", "|", "｜", "丨", "】", "]", "/"};
  for (const auto& label : labels) {
    if (!set.may_contain(label)) continue;
    std::size_t at = s.find(label.text);
    while (at != std::string_view::npos) {
      std::string_view rest = trim(s.substr(at + label.text.size()));
      for (const auto sep : separators)
        if (starts_with(rest, sep)) return true;
      at = s.find(label.text, at + label.text.size());
    }
  }
  return false;
}

/// Page controls, navigation and footers that are furniture wherever they appear in a short line.
bool has_page_control(const code_point_set& set, std::string_view s) {
  static constexpr std::array<word, 40> markers = {
      "打印本页", "打印此页", "打印文章", "【打印】", "[打印]", "关闭窗口", "关闭本页", "【关闭】", "[关闭]",
      "分享到", "返回顶部", "回到顶部", "上一篇", "下一篇", "当前位置", "您的位置", "您现在的位置", "所在位置",
      "版权所有", "主办单位", "承办单位", "协办单位", "技术支持", "ICP备", "网站标识码", "公网安备", "网站地图",
      "联系我们", "扫一扫", "收藏本页", "加入收藏", "设为首页", "无障碍", "智能客服", "在线客服", "智能问答",
      "AI助理", "AI助手", "智能助手", "【字体"};
  static constexpr word i_am = "我是";
  for (const auto& m : markers)
    if (contains(set, s, m)) return true;
  // a chat widget introducing itself: 我是…助理 / 助手 / 客服 / 机器人
  const std::size_t me = set.may_contain(i_am) ? s.find(i_am.text) : std::string_view::npos;
  if (me != std::string_view::npos) {
    const std::string_view rest = s.substr(me);
    for (const std::string_view who : {"助理", "助手", "客服", "机器人"})
      if (contains(rest, who)) return true;
  }
  return false;
}

/// 首页 > 政务公开 > … or a bar of short items separated by | ｜ » ›.
bool is_navigation_bar(const code_point_set& set, std::string_view s) {
  static constexpr word home = "首页";
  if (contains(set, s, home) &&
      (contains(s, ">") || contains(s, "＞") || contains(s, "»") || contains(s, "›") || contains(s, "/")))
    return true;
  if (!set.has(U'|') && !set.has(0xFF5C) && !set.has(0xBB) && !set.has(0x203A)) return false;  // no separator
  std::size_t separators = 0, longest = 0, current = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const utf8::code_point c = utf8::decode(s, i);
    const bool sep = c.value == U'|' || c.value == 0xFF5C || c.value == 0xBB || c.value == 0x203A;
    if (sep) {
      ++separators;
      current = 0;
    } else {
      longest = std::max(longest, ++current);
    }
    i += std::max<std::size_t>(c.length, 1);
  }
  return separators >= 3 && longest <= 12;
}

/// 一、 （一） (一) 1. 1、 一是: the start of a numbered heading or item, never furniture.
bool is_numbered(std::string_view s) {
  const utf8::code_point c = utf8::decode(s, 0);
  if (c.value == U'（' || c.value == U'(') return true;
  if (!is_digit_like(c.value)) return false;
  std::size_t i = c.length;
  while (i < s.size()) {
    const utf8::code_point d = utf8::decode(s, i);
    if (!is_digit_like(d.value)) break;
    i += d.length;
  }
  const std::string_view rest = s.substr(i);
  return starts_with(rest, "、") || starts_with(rest, ".") || starts_with(rest, "．") || starts_with(rest, "是");
}

/// A line holding only a date: 2025年1月6日, 二〇二五年一月六日.
bool is_date_line(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&](std::size_t min, std::size_t max) {
    std::size_t k = 0;
    while (i < s.size() && k < max) {
      const utf8::code_point c = utf8::decode(s, i);
      if (!is_digit_like(c.value)) break;
      i += c.length;
      ++k;
    }
    return k >= min;
  };
  auto word = [&](std::string_view w) {
    if (!starts_with(s.substr(i), w)) return false;
    i += w.size();
    return true;
  };
  return digits(4, 4) && word("年") && digits(1, 3) && word("月") && digits(1, 3) && word("日") && i == s.size();
}

/// 成都市人民政府, XX市司法局: a short issuer line with an organisation ending.
bool looks_like_issuer(std::string_view s, std::size_t cp) {
  if (cp > 30) return false;
  for (const std::string_view end : {"政府", "办公厅", "办公室", "委员会", "局", "厅", "署", "院", "部", "中心", "处"})
    if (ends_with(s, end)) return true;
  return false;
}

bool is_sentence(std::string_view s) {
  return ends_with(s, "。") || ends_with(s, "；") || ends_with(s, "！") || ends_with(s, "？");
}

}  // namespace

std::vector<text_span> furniture_spans(std::string_view text) {
  std::vector<line_info> lines;
  std::size_t cp = 0, at = 0;
  while (at <= text.size()) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = text.substr(at, nl - at);
    const std::size_t line_cp = utf8::length(line);
    line_info info;
    info.span = {cp, cp + line_cp};
    // only short lines need their content: long ones are prose
    if (line.size() <= 4 * (max_furniture_cp + 16)) {
      info.trim = trim(line);
      info.cp = utf8::length(info.trim);
    } else {
      info.trim = line.substr(0, 0);
      info.cp = max_furniture_cp + 1;
    }
    lines.push_back(info);
    cp += line_cp + 1;
    if (nl == text.size()) break;
    at = nl + 1;
  }

  std::vector<bool> flag(lines.size(), false);
  for (std::size_t k = 0; k < lines.size(); ++k) {
    const line_info& l = lines[k];
    if (l.cp == 0 || l.cp > max_furniture_cp || is_sentence(l.trim) || is_numbered(l.trim)) continue;
    const code_point_set set(l.trim);
    flag[k] = has_meta_label(set, l.trim) || has_relative_time(set, l.trim) || has_page_control(set, l.trim) ||
              is_navigation_bar(set, l.trim);
  }

  // After the closing date line (the last date-only line that follows report prose): short
  // lines that are not sentences belong to the page, not the report.
  std::size_t prose_seen_before = lines.size();
  for (std::size_t k = 0; k < lines.size(); ++k)
    if (lines[k].cp > max_trailing_cp || is_sentence(lines[k].trim)) {
      prose_seen_before = k;
      break;
    }
  std::size_t closing = lines.size();
  for (std::size_t k = lines.size(); k-- > 0;) {
    if (lines[k].cp > 0 && lines[k].cp <= 20 && is_date_line(lines[k].trim)) {
      if (k > prose_seen_before) closing = k;
      break;
    }
  }
  if (closing < lines.size()) {
    bool first = true;
    for (std::size_t k = closing + 1; k < lines.size(); ++k) {
      const line_info& l = lines[k];
      if (l.cp == 0) continue;
      if (l.cp > max_trailing_cp || is_sentence(l.trim)) break;  // prose resumes: not ours to judge
      const bool issuer_after_date = first && looks_like_issuer(l.trim, l.cp);
      first = false;
      if (issuer_after_date || starts_with(l.trim, "附件") || starts_with(l.trim, "附：")) continue;
      flag[k] = true;
    }
  }

  std::vector<text_span> spans;
  for (std::size_t k = 0; k < lines.size(); ++k)
    if (flag[k]) spans.push_back(lines[k].span);
  return spans;
}

bool overlaps_any(const std::vector<text_span>& sorted_spans, text_span span) noexcept {
  // first span whose end is after span.start
  const auto it = std::upper_bound(sorted_spans.begin(), sorted_spans.end(), span.start,
                                   [](std::size_t v, const text_span& s) { return v < s.end; });
  if (it == sorted_spans.end()) return false;
  if (span.end == span.start) return it->start <= span.start;
  return it->start < span.end;
}

}  // namespace annals
