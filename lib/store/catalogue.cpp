// Metric keys of the catalogue: alias_key(), metric_key(), split_metric_key().
// The rules are documented in include/annals/catalogue.hpp and docs/store.md.

#include <annals/catalogue.hpp>
#include <annals/text.hpp>

#include <array>
#include <string>
#include <string_view>

namespace annals {
namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// Width-normalised, whitespace runs collapsed to one space, trimmed.
std::string clean_label(std::string_view label) {
  const std::string wide = normalize_width(label);
  std::string out;
  out.reserve(wide.size());
  bool pending_space = false;
  for (const char c : wide) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::string clean_unit(std::string_view unit) {
  std::string u = clean_label(unit);
  for (char& c : u)
    if (c == '|') c = '/';
  return u;
}

// Words that restate the report's own scope (the whole jurisdiction) or its year.
// (本区 is left out: 本区域 is a word of its own.)
constexpr std::array<std::string_view, 20> scope_prefixes = {
    "全市各级", "全省各级", "全市", "全省", "全区", "全县", "全州", "全盟", "全旗", "我市",
    "我省",     "我区",     "我县", "我州", "本市", "本省", "本县", "全年", "年内", "其中",
};
// What stands between a subject and its number. Single characters such as 为 达 共 约 are
// left alone: they end ordinary words (行为, 到达, 公共, 制约).
constexpr std::array<std::string_view, 5> trailing_fillers = {
    "共计", "合计", "总计", "达到", "分别",
};
constexpr std::array<std::string_view, 12> punctuation = {
    " ", ",", ".", ";", ":", "!", "?", "、", "。", "…", "·", "-",
};

bool strip_prefix(std::string& s, std::string_view p) {
  if (s.size() > p.size() && std::string_view(s).substr(0, p.size()) == p) {
    s.erase(0, p.size());
    return true;
  }
  return false;
}

bool strip_suffix(std::string& s, std::string_view p) {
  if (s.size() > p.size() && std::string_view(s).substr(s.size() - p.size()) == p) {
    s.erase(s.size() - p.size());
    return true;
  }
  return false;
}

}  // namespace

std::string alias_key(std::string_view label, std::string_view unit) {
  return clean_label(label) + "|" + clean_unit(unit);
}

std::string metric_key(std::string_view label, std::string_view unit) {
  std::string s = clean_label(label);
  // strip_prefix/strip_suffix never remove the whole string, so the label never empties.
  for (bool again = true; again;) {
    again = false;
    for (auto p : punctuation) again = strip_prefix(s, p) || again;
    for (auto p : scope_prefixes) again = strip_prefix(s, p) || again;
  }
  for (bool again = true; again;) {
    again = false;
    for (auto p : punctuation) again = strip_suffix(s, p) || again;
    for (auto p : trailing_fillers) again = strip_suffix(s, p) || again;
  }
  return s + "|" + clean_unit(unit);
}

std::optional<metric_name> split_metric_key(std::string_view key) {
  const auto bar = key.rfind('|');
  if (bar == std::string_view::npos || bar == 0) return std::nullopt;
  return metric_name{std::string(key.substr(0, bar)), std::string(key.substr(bar + 1))};
}

}  // namespace annals
