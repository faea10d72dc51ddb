#pragma once
// A terminal table for the `annals` commands: columns padded by display width (CJK characters
// count as two), numbers right-aligned, a rule under the header. Header-only, used by reports,
// yoy --db, check and catalogue. Every cell and group title goes through annals::cli::safe
// (annals::utf8::printable): ESC, OSC, backspace, any C0/C1 control or DEL from report text or
// file names is shown escaped (\x1B), never sent to the terminal; invalid UTF-8 becomes U+FFFD.

#include "cli.hpp"

#include <annals/text.hpp>

#include <annals/error.hpp>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace annals::cli {

class text_table {
 public:
  /// Column titles; a title starting with '>' right-aligns its column (the '>' is not shown).
  explicit text_table(std::vector<std::string> header) { split_header(header, header_, right_); }

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
    std::vector<std::string> clipped;
    auto line = [&](const std::vector<std::string>& r) {
      clipped.clear();
      for (const auto& text : r) clipped.push_back(clip(text));
      out << format_row(clipped, w, right_) << "\n";
    };
    line(header_);
    print_rule(out, w);
    std::size_t g = 0;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      while (g < groups_.size() && groups_[g].first == i) out << groups_[g++].second << "\n";
      line(rows_[i]);
    }
  }

  /// One row of cells already clipped, padded to the widths `w` (right-aligned where `right`).
  static std::string format_row(const std::vector<std::string>& clipped, const std::vector<std::size_t>& w,
                                const std::vector<bool>& right) {
    std::string s;
    for (std::size_t c = 0; c < clipped.size(); ++c) {
      const std::size_t cw = display_width(clipped[c]);
      if (c) s += "  ";
      if (right[c]) s += std::string(w[c] - std::min(w[c], cw), ' ') + clipped[c];
      else if (c + 1 < clipped.size()) s += pad(clipped[c], w[c]);
      else s += clipped[c];
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  }

  /// Column titles as the constructor takes them: the shown `titles`, and which are `right`-aligned.
  static void split_header(const std::vector<std::string>& header, std::vector<std::string>& titles,
                           std::vector<bool>& right) {
    for (const auto& h : header) {
      const bool r = !h.empty() && h[0] == '>';
      right.push_back(r);
      titles.push_back(r ? h.substr(1) : h);
    }
  }

  /// The rule under the header: as wide as the columns and their gaps, at most 160.
  static void print_rule(std::ostream& out, const std::vector<std::size_t>& w) {
    std::size_t total = 0;
    for (auto x : w) total += x;
    total += 2 * (w.size() - 1);
    out << std::string(std::min<std::size_t>(total, 160), '-') << "\n";
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

/**
 * text_table's output for tables too big to hold: each row is clipped as it comes, its columns'
 * widths kept, and the row written to a temporary file (deleted when the table is); print()
 * writes the header with the final widths, then reads the rows back. Memory stays that of one
 * row whatever the number of rows (`annals yoy --db` of a national store as a table). The bytes
 * are text_table's for the same rows, groups and max_cell.
 */
class spilled_text_table {
 public:
  spilled_text_table(const std::vector<std::string>& header, std::size_t max_cell) : max_cell_(max_cell) {
    text_table::split_header(header, header_, right_);
    for (const auto& h : header_) w_.push_back(display_width(text_table::clip_to_width(h, max_cell_)));
    file_.reset(std::tmpfile());
    if (!file_) throw output_error(std::string("temporary file of the table: cannot write: ") + std::strerror(errno));
  }

  void add(std::vector<std::string> row) {
    row.resize(header_.size());
    line_.clear();
    for (std::size_t c = 0; c < row.size(); ++c) {
      // safe() escapes every control character, so the separators below never occur in a cell
      const std::string shown = text_table::clip_to_width(safe(row[c]), max_cell_);
      w_[c] = std::max(w_[c], display_width(shown));
      if (c) line_ += cell_separator;
      line_ += shown;
    }
    put(line_);
  }
  void add_group(const std::string& title) { put(group_mark + safe(title)); }

  void print(std::ostream& out) {
    std::vector<std::string> cells;
    for (const auto& h : header_) cells.push_back(text_table::clip_to_width(h, max_cell_));
    out << text_table::format_row(cells, w_, right_) << "\n";
    text_table::print_rule(out, w_);
    if (std::fflush(file_.get()) != 0 || std::fseek(file_.get(), 0, SEEK_SET) != 0)
      throw output_error(std::string("temporary file of the table: cannot read back: ") + std::strerror(errno));
    std::string line;
    for (int ch = std::fgetc(file_.get()); ch != EOF; ch = std::fgetc(file_.get())) {
      if (ch != '\n') {
        line += static_cast<char>(ch);
        continue;
      }
      if (!line.empty() && line.front() == group_mark) {
        out << std::string_view(line).substr(1) << "\n";
      } else {
        cells.clear();
        for (std::size_t from = 0;;) {
          const std::size_t to = line.find(cell_separator, from);
          cells.push_back(line.substr(from, to == std::string::npos ? std::string::npos : to - from));
          if (to == std::string::npos) break;
          from = to + 1;
        }
        out << text_table::format_row(cells, w_, right_) << "\n";
      }
      line.clear();
    }
    if (std::ferror(file_.get()))
      throw output_error(std::string("temporary file of the table: cannot read back: ") + std::strerror(errno));
  }

 private:
  static constexpr char cell_separator = '\x1F';  // unit separator
  static constexpr char group_mark = '\x1E';      // record separator: this line is a group title

  void put(const std::string& line) {
    if (std::fwrite(line.data(), 1, line.size(), file_.get()) != line.size() || std::fputc('\n', file_.get()) == EOF)
      throw output_error(std::string("temporary file of the table: cannot write: ") + std::strerror(errno));
  }

  struct closer {
    void operator()(std::FILE* f) const noexcept { std::fclose(f); }
  };
  std::size_t max_cell_;
  std::vector<std::string> header_;
  std::vector<bool> right_;
  std::vector<std::size_t> w_;
  std::string line_;
  std::unique_ptr<std::FILE, closer> file_;
};

}  // namespace annals::cli
