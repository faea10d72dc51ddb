#pragma once
/// @file source.hpp
/// The input layer of the reader: raw bytes of a report file → decoded UTF-8 text.
///
/// Handles UTF-8, GB18030 (and so GBK/GB2312), UTF-16LE/BE with or without a byte-order mark,
/// saved HTML pages, CRLF/CR line ends, invalid byte sequences (replaced by U+FFFD and reported
/// as warnings) and page furniture (source lines, "N天前", share bars, chat widgets), which is
/// flagged rather than deleted so that code-point offsets stay those of the decoded text.

#include <annals/report.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace annals {

/// A report file decoded to UTF-8.
struct decoded_text {
  std::string text;      ///< UTF-8, LF line ends, no BOM; spans index its code points
  std::string encoding;  ///< of the raw bytes: utf-8 | gb18030 | utf-16le | utf-16be (pdf, docx: utf-8)
  source_format format = source_format::text;
  std::string sha256;    ///< hex SHA-256 of the raw bytes
  /// invalid_utf8, invalid_gb18030, invalid_utf16, mixed_encoding, html_unterminated, with
  /// `start` the code-point offset in `text` where the problem shows.
  std::vector<warning> warnings;
  /// Lines of `text` that are page furniture (see furniture_spans), sorted, not overlapping.
  std::vector<text_span> furniture;
  /// PDF only: the code-point offset in `text` where each page's text starts (page N, counted
  /// from 1, is [page_starts[N-1], page_starts[N]) ); empty for other formats. See page_of().
  std::vector<std::size_t> page_starts;
};

/// Where a code-point offset of a PDF's decoded text is on the printed pages.
struct page_position {
  std::size_t page = 0;    ///< counted from 1; 0 when there is no page table
  std::size_t offset = 0;  ///< code points from the start of that page's text
};

/// The page holding code-point offset `cp`, given decoded_text::page_starts (or
/// source_info::page_starts).
[[nodiscard]] page_position page_of(const std::vector<std::size_t>& page_starts, std::size_t cp) noexcept;

/// Limits of decode_document.
struct decode_options {
  /// No part of a container (a DOCX's XML parts) is inflated beyond this many bytes (a zip
  /// bomb is refused, not expanded): the same limit the tool puts on its input files.
  std::uint64_t max_bytes = 256ull * 1024 * 1024;
};

/**
 * Decodes the raw bytes of a report.
 *
 * Encoding: a BOM (UTF-8, UTF-16LE, UTF-16BE) decides; otherwise input containing NUL bytes is
 * read as UTF-16 when the code units look like text in one byte order; otherwise valid UTF-8 is
 * UTF-8; otherwise each line is read as UTF-8 or GB18030, whichever fits it (a file mixing both
 * gets a mixed_encoding warning). A `<meta charset=gbk|gb2312|gb18030>` in an HTML page makes
 * GB18030 the first choice for bytes that are not valid UTF-8. Invalid sequences become U+FFFD
 * with one warning each (at most 50 per code, then a summary warning).
 *
 * HTML (by content, or a .htm/.html name with tags in it) is stripped to text: see html_to_text.
 * CRLF and CR become LF; a leading BOM is dropped.
 *
 * @param raw_bytes the file's bytes
 * @param name_hint the file name as given; prefixes error messages and hints at HTML
 * @throws input_error "<name>: empty file" when there is nothing but whitespace,
 *         "<name>: not a text document (binary data)" for NUL bytes outside UTF-16 or a high
 *         share of control characters or undecodable bytes,
 *         "<name>: no text outside HTML markup" for an HTML page without text.
 *         (<name> is name_hint, or "document" when it is empty.)
 *
 * @code
 *   auto bytes = annals::read_file_bytes("data/chengdu-2024.txt");
 *   annals::decoded_text d = annals::decode_document(bytes, "chengdu-2024.txt");
 *   // d.encoding == "utf-8", d.format == "text", d.furniture marks "文章来源 … 157天前"
 * @endcode
 */
[[nodiscard]] decoded_text decode_document(std::string_view raw_bytes, std::string_view name_hint = {});

/// decode_document with limits.
[[nodiscard]] decoded_text decode_document(std::string_view raw_bytes, std::string_view name_hint,
                                           const decode_options& options);

/// decode_document for bytes the caller gives up: valid UTF-8 input becomes the decoded text
/// without a copy (worth it for files of many megabytes).
[[nodiscard]] decoded_text decode_document_in_place(std::string&& raw_bytes, std::string_view name_hint = {});

/**
 * Decodes text data (a CSV file: a panel, a catalogue) with decode_document()'s encoding
 * detection — a BOM (UTF-8, UTF-16LE/BE), UTF-16 without one, UTF-8, GB18030/GBK line by line —
 * but strictly: nothing else of a document is done (no HTML, no line-end change, no furniture),
 * and ill-formed text is refused instead of repaired, so no U+FFFD can slip into names.
 * `text` and `encoding` of the result are set. A BOM is dropped.
 * @throws input_error "<name>: line N: ill-formed text (invalid GB18030 sequence 0x80 0x20 at
 *         byte 57); save it as UTF-8, UTF-16 or GB18030" (N counted in the decoded text, from 1),
 *         "<name>: not a text file (binary data)".
 *
 * @code
 *   auto d = annals::decode_text_data(annals::read_file_bytes("catalogue-gbk.csv"), "catalogue-gbk.csv");
 *   // d.encoding == "gb18030", d.text is UTF-8
 * @endcode
 */
[[nodiscard]] decoded_text decode_text_data(std::string_view raw_bytes, std::string_view name);

/**
 * Strips an HTML page (already UTF-8) to its text, in one forward pass without recursion.
 *
 * Drops comments, script/style/noscript/template/iframe/svg content, head/nav/aside/footer
 * (and header outside article/main), elements hidden by `hidden`/`display:none`, and elements
 * whose class, id or ARIA role names navigation, breadcrumbs, share bars, chat widgets, footers,
 * sidebars or pagers. Block elements (p, div, br, li, h1–h6, tr, section, article, …) end lines;
 * table cells are separated by a space. Entities (named and numeric) are decoded; runs of
 * whitespace (including U+00A0 and U+3000) collapse to one space; lines are trimmed.
 * An unterminated tag or comment ends the text (recorded in `*unterminated_at` as a byte
 * offset of the output, when given).
 */
[[nodiscard]] std::string html_to_text(std::string_view utf8_html, std::size_t* unterminated_at = nullptr);

/// True when the bytes (any ASCII-compatible encoding) look like an HTML page: a doctype,
/// <html>, <head> or <body>, or several common tags; a .htm/.html/.shtml/.xhtml name is enough
/// when at least one tag is present.
[[nodiscard]] bool looks_like_html(std::string_view bytes, std::string_view name_hint = {});

/**
 * The page-furniture lines of a decoded text, as code-point spans (line content without its
 * newline), sorted. Furniture is what a saved web page puts around a report: source and
 * publication-metadata lines (文章来源 / 来源: / 发布时间 / 浏览次数 / 作者 / 责任编辑 / 索引号),
 * relative times ("157天前", "3小时前"), print/close/share/font-size controls (打印本页, 关闭窗口,
 * 分享到, 字号 大 中 小), breadcrumbs and navigation bars (首页 > …, 当前位置), site footers
 * (版权所有, 主办单位, ICP备), chat widgets (在线客服, 我是…助理), and the short non-prose lines
 * that follow the closing issuer-and-date block. Only short lines are considered (report prose
 * is never furniture); lines ending in 。 and numbered headings never are.
 */
[[nodiscard]] std::vector<text_span> furniture_spans(std::string_view utf8);

/// True when `span` overlaps any span of `sorted_spans` (e.g. decoded_text::furniture).
[[nodiscard]] bool overlaps_any(const std::vector<text_span>& sorted_spans, text_span span) noexcept;

/**
 * Reads a whole file into memory (regular files of any size, and pipes or devices).
 * @throws input_error "<path>: no such file", "<path>: is a directory",
 *         "<path>: permission denied", "<path>: <reason>" for any other failure.
 */
[[nodiscard]] std::string read_file_bytes(const std::filesystem::path& path);

}  // namespace annals
