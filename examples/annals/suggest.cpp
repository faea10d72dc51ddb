#include "suggest.hpp"

#include <algorithm>
#include <vector>

namespace annals::cli {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // three rows of the optimal-string-alignment table: i-2, i-1, i
  std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, row);
  }
  return prev[b.size()];
}

std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  bool tie = false;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (!best || d < best_distance) {
      best = c;
      best_distance = d;
      tie = false;
    } else if (d == best_distance) {
      tie = true;
    }
  }
  if (best && !tie) {
    const std::size_t longer = std::max(word.size(), best->size());
    const std::size_t allowed = std::clamp<std::size_t>(longer / 4, 1, 3);
    if (best_distance <= allowed) return best;
  }
  // a unique completion of what was typed: `annals time` → timeline
  if (word.size() >= 3) {
    std::optional<std::string> only;
    for (const auto& c : candidates) {
      if (c.size() > word.size() && c.compare(0, word.size(), word) == 0) {
        if (only) return std::nullopt;
        only = c;
      }
    }
    return only;
  }
  return std::nullopt;
}

}  // namespace annals::cli
