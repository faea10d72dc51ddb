#pragma once
/// @file markdown.hpp
/// The one escaping function of every Markdown writer in annals: report text and file names made
/// inert for a Markdown document or a table cell.
///
/// Report text comes from thousands of websites and may be hostile. Every Markdown output —
/// `to_markdown(report)` (`annals extract --format md`), `to_markdown(tracking)` (`annals track
/// --format md`), `timeline_to_markdown` (`annals timeline --format md`), `to_markdown(
/// jurisdiction_view)` (`annals report --md`) and `annals check --format md` — passes every piece of
/// text it did not write itself through markdown_text(), and nothing else (docs/reliability.md §7).

#include <string>
#include <string_view>

namespace annals {

/**
 * `text` as inert Markdown inline text, one line:
 *  - line breaks and tabs (LF, CR, TAB) become one space each, so a cell stays in its row;
 *  - every other control character (C0, DEL, C1 U+0080–U+009F: ESC, OSC, backspace …) is shown as
 *    a visible escape (`\x1B`, through annals::utf8::printable), never sent raw to a terminal
 *    that displays the document; bytes that are not UTF-8 become U+FFFD;
 *  - `<`, `>` and `&` become `&lt;`, `&gt;` and `&amp;` (no raw HTML, no autolink, no entity,
 *    whatever the renderer: entities are plain HTML, understood even where backslash escapes of
 *    `<` are not);
 *  - `\` `` ` `` `*` `_` `[` `]` `|` `!` `#` `~` are backslash-escaped: no link, image, code span,
 *    emphasis, strike-through, heading, and no `|` that would split a table cell.
 * Everything else — Chinese text, digits, `%`, `.`, `,`, `(`, `)`, `+`, `-`, `:` — is unchanged,
 * so "超1.11万件" and "同比增长89.6%" read the same in the document.
 *
 * @code
 *   annals::markdown_text("<img src=x onerror=alert(1)>[x](javascript:alert(1))")
 *     == "&lt;img src=x onerror=alert(1)&gt;\\[x\\](javascript:alert(1))"
 * @endcode
 */
[[nodiscard]] std::string markdown_text(std::string_view text);

}  // namespace annals
