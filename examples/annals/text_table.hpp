#pragma once
// A terminal table for the `annals` commands: columns padded by display width (CJK characters
// count as two), numbers right-aligned, a rule under the header. Header-only, used by reports,
// yoy --db, check and catalogue. Every cell and group title goes through annals::cli::safe
// (annals::utf8::printable): ESC, OSC, backspace, any C0/C1 control or DEL from report text or
// file names is shown escaped (\x1B), never sent to the terminal; invalid UTF-8 becomes U+FFFD.

#include "cli.hpp"

#include <annals/text.hpp>

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace annals::cli {

class text_table {
 public:
  /// Column titles; a title starting with '>' right-aligns its column (the '>' is not shown).
  explicit text_table(std::vector<std::string> header) {
    for (auto& h : header) {
      const bool right = !h.empty() && h[0] == '>';
      right_.push_back(right);
      header_.push_back(right ? h.substr(1) : h);
    }
  }

  void add(std::vector<std::string> row) {
    row.resize(header_.size());
    for (auto& text : row) text = safe(text);
    rows_.push_back(std::move(row));
  }
  /// A full-width line between rows (a group title).
  void add_group(std::string title) { groups_.emplace_back(rows_.size(), safe(title)); }


  [[nodiscard]] bool empty() const noexcept { return rows_.empty(); }

  void print(std::ostream& out, std::size_t max_cell = 48) const {
    std::vector<std::size_t> w(header_.size(), 0);
    auto clip = [max_cell](const std::string& s) { return clip_to_width(s, max_cell); };
    for (std::size_t c = 0; c < header_.size(); ++c) w[c] = display_width(header_[c]);
    for (const auto& r : rows_)
      for (std::size_t c = 0; c < r.size(); ++c) w[c] = std::max(w[c], display_width(clip(r[c])));
    auto line = [&](const std::vector<std::string>& r) {
      std::string s;
      for (std::size_t c = 0; c < r.size(); ++c) {
        const std::string clipped = clip(r[c]);
        const std::size_t cw = display_width(clipped);
        if (c) s += "  ";
        if (right_[c]) s += std::string(w[c] - std::min(w[c], cw), ' ') + clipped;
        else if (c + 1 < r.size()) s += pad(clipped, w[c]);
        else s += clipped;
      }
      while (!s.empty() && s.back() == ' ') s.pop_back();
      out << s << "\n";
    };
    line(header_);
    std::size_t total = 0;
    for (auto x : w) total += x;
    total += 2 * (w.size() - 1);
    out << std::string(std::min<std::size_t>(total, 160), '-') << "\n";
    std::size_t g = 0;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      while (g < groups_.size() && groups_[g].first == i) out << groups_[g++].second << "\n";
      line(rows_[i]);
    }
  }

  /// Cuts a UTF-8 string to at most `width` terminal columns, ending it with "…" when cut.
  static std::string clip_to_width(const std::string& s, std::size_t width) {
    if (display_width(s) <= width) return s;
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
      std::size_t len = 1;
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0xF0) len = 4;
      else if (c >= 0xE0) len = 3;
      else if (c >= 0xC0) len = 2;
      const std::string next = s.substr(i, len);
      if (display_width(out + next) + 1 > width) break;
      out += next;
      i += len;
    }
    return out + "…";
  }

 private:
  std::vector<std::string> header_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::pair<std::size_t, std::string>> groups_;
};

}  // namespace annals::cli
