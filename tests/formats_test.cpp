// PDF, DOCX and the formats annals refuses (issue 12): every fixture is built by the test itself.
//  - PDFs of the bundled report are printed by headless Chromium from HTML the test writes (a
//    running header and "- N -" page numbers through CSS @page margin boxes); skipped, with the
//    reason, when Chromium is not installed;
//  - small PDFs are written byte by byte (a page with text in the standard Helvetica font, a
//    page that only paints a rectangle — a "scan" with no text layer —, an encrypted one);
//  - DOCX files are zipped with libzip from XML the test writes (numbering.xml for 一、 labels);
//  - the formats refused are a few bytes each (OLE header, xlsx zip, RTF).
// The same facts must come out of data/chengdu-2024.txt, its PDF and its DOCX.

#include <annals/error.hpp>
#include <annals/reader.hpp>
#include <annals/source.hpp>
#include <annals/text.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "scratch_dir.hpp"
#include "pdf_fixtures.hpp"

#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using annals::test::make_pdf;
using annals::test::placed;
using annals::test::stream;
using annals::test::text_pdf;
using ::testing::HasSubstr;
using ::testing::Not;

const fs::path data_dir = ANNALS_DATA_DIR;

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

void spit(const fs::path& p, const std::string& content) {
  std::ofstream f(p, std::ios::binary);
  f << content;
}

using scratch = annals::test::scratch_dir;

std::string chromium_path() {
  if (const char* env = std::getenv("ANNALS_CHROMIUM"); env && *env)
    return ::access(env, X_OK) == 0 ? std::string(env) : std::string();
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
    if (::access(p, X_OK) == 0) return p;
  return {};
}

std::string html_escape(std::string_view s) {
  std::string o;
  for (const char c : s) {
    if (c == '&') o += "&amp;";
    else if (c == '<') o += "&lt;";
    else if (c == '>') o += "&gt;";
    else o.push_back(c);
  }
  return o;
}

/// The lines of a text report as a printable page: one <p> per line with a first-line indent,
/// a running header and "- N -" page numbers in the page margins, as government PDFs have them.
std::string report_page(const std::string& text) {
  std::string body;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    body += "<p>" + html_escape(line) + "</p>\n";
  }
  return "<!doctype html><html><head><meta charset=\"utf-8\"><style>"
         "@page { size: A4; margin: 25mm 20mm;"
         " @top-center { content: \"成都市人民政府办公厅 法治政府建设情况报告\"; font-size: 9pt }"
         " @bottom-center { content: \"- \" counter(page) \" -\"; font-size: 10pt } }"
         "body { font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: 14pt; line-height: 1.6 }"
         "p { text-indent: 2em; margin: 0 }"
         "</style></head><body>" +
         body + "</body></html>";
}

/// Prints `html` to a PDF with headless Chromium; "" when Chromium failed (the reason in *why).
std::string print_pdf(const std::string& exe, const fs::path& work, const std::string& html, std::string* why) {
  const fs::path page = work / "page.html", pdf = work / "page.pdf", err = work / "chromium.err";
  spit(page, html);
  const std::string cmd = "timeout 120 '" + exe +
                          "' --headless --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer "
                          "--disable-background-networking --disable-component-update --disable-sync "
                          "--user-data-dir='" + (work / "profile").string() + "' --print-to-pdf='" + pdf.string() +
                          "' 'file://" + page.string() + "' >/dev/null 2>'" + err.string() + "'";
  const int status = std::system(cmd.c_str());
  if (status != 0 || !fs::exists(pdf)) {
    *why = "chromium --print-to-pdf failed (status " + std::to_string(status) + "): " + slurp(err).substr(0, 300);
    return {};
  }
  return slurp(pdf);
}

// ---- PDFs written by hand ------------------------------------------------------------------------

/// One page that paints a grey rectangle: what a scan without OCR looks like to a text reader.
std::string scan_pdf() {
  return make_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                   "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                   stream("0.5 g 72 72 468 648 re f")});
}

/// A PDF encrypted with the standard security handler whose user password is not empty: the
/// /U entry does not match the empty password, so it cannot be opened without one.
std::string encrypted_pdf() {
  const std::string h32(64, 'A');
  return make_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                   "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>", stream("0 g"),
                   "<< /Filter /Standard /V 1 /R 2 /O <" + h32 + "> /U <" + h32 + "> /P -44 >>"},
                  "/Encrypt 5 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]");
}

// ---- DOCX written by hand ------------------------------------------------------------------------

/// A zip of {name, content} entries, deflated, built with libzip in memory.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buf = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_t* za = zip_open_from_source(buf, ZIP_TRUNCATE, &err);
  if (!za) throw std::runtime_error("zip_open_from_source failed");
  zip_source_keep(buf);
  for (const auto& [name, content] : entries) {
    zip_source_t* s = zip_source_buffer(za, content.data(), content.size(), 0);
    if (!s || zip_file_add(za, name.c_str(), s, ZIP_FL_OVERWRITE) < 0) throw std::runtime_error("zip_file_add failed");
  }
  if (zip_close(za) < 0) throw std::runtime_error("zip_close failed");
  zip_source_open(buf);
  zip_source_seek(buf, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(buf);
  zip_source_seek(buf, 0, SEEK_SET);
  std::string out(static_cast<std::size_t>(size), '\0');
  zip_source_read(buf, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(buf);
  zip_source_free(buf);
  zip_error_fini(&err);
  return out;
}

const char* const w_ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

std::string xml_escape(std::string_view s) {
  std::string o;
  for (const char c : s) {
    if (c == '&') o += "&amp;";
    else if (c == '<') o += "&lt;";
    else if (c == '>') o += "&gt;";
    else if (c == '"') o += "&quot;";
    else o.push_back(c);
  }
  return o;
}

std::string run_xml(std::string_view text) {
  return "<w:r><w:t xml:space=\"preserve\">" + xml_escape(text) + "</w:t></w:r>";
}

/// A DOCX of body XML (the inside of w:body) and an optional numbering.xml.
std::string make_docx(const std::string& body, const std::string& numbering = {}) {
  std::vector<std::pair<std::string, std::string>> e;
  e.emplace_back("[Content_Types].xml",
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
                 "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" "
                 "ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
                 "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
  e.emplace_back("_rels/.rels",
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                 "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
                 "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                 "Target=\"word/document.xml\"/></Relationships>");
  e.emplace_back("word/document.xml", std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document ") + w_ns +
                                          "><w:body>" + body + "</w:body></w:document>");
  if (!numbering.empty())
    e.emplace_back("word/numbering.xml",
                   std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering ") + w_ns + ">" + numbering +
                       "</w:numbering>");
  return make_zip(e);
}

/// numbering.xml: list 1 is 一、 / （一） / 1. (chineseCounting, chineseCounting, decimal).
const std::string chinese_numbering =
    "<w:abstractNum w:abstractNumId=\"0\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%3.\"/></w:lvl>"
    "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";

std::string numbered_p(int level, std::string_view text) {
  return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + std::to_string(level) +
         "\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>" + run_xml(text) + "</w:p>";
}

/// The DOCX of a text report: one paragraph per line; a section heading 一、… becomes automatic
/// numbering (the label is not in the text, Word draws it), the rest plain runs split in two.
std::string report_docx(const std::string& text) {
  static const std::vector<std::string> markers = {"一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、"};
  std::string body;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    bool numbered = false;
    for (const auto& m : markers)
      if (line.rfind(m, 0) == 0) {
        body += numbered_p(0, line.substr(m.size()));
        numbered = true;
        break;
      }
    if (numbered) continue;
    // two runs, split at a character boundary in the middle, as Word splits runs at edits
    std::size_t mid = line.size() / 2;
    while (mid < line.size() && (static_cast<unsigned char>(line[mid]) & 0xC0u) == 0x80u) ++mid;
    body += "<w:p>" + run_xml(line.substr(0, mid)) + run_xml(line.substr(mid)) + "</w:p>";
  }
  return make_docx(body, chinese_numbering);
}

// ---- comparing reports ------------------------------------------------------------------------------

/// The facts and changes of a report without their offsets.
std::vector<std::string> findings(const annals::report& r) {
  std::vector<std::string> out;
  for (const auto& f : r.facts)
    out.push_back("fact " + f.label + " | " + f.text + " | " + f.q.value.to_string() + " " + f.q.unit +
                  (f.section ? " s" + std::to_string(*f.section) : std::string()));
  for (const auto& c : r.changes)
    out.push_back("change " + c.label + " | " + c.text + " | " + (c.value ? c.value->to_string() : std::string("-")));
  for (const auto& c : r.commitments) out.push_back("commitment " + c.title);
  out.push_back("title " + r.meta.title);
  out.push_back("year " + (r.meta.year ? std::to_string(r.meta.year->value()) : std::string("-")));
  out.push_back("sections " + std::to_string(r.sections.size()));
  return out;
}

template <class F>
void expect_input_error(F&& f, const std::string& message) {
  try {
    f();
    ADD_FAILURE() << "no input_error; expected: " << message;
  } catch (const annals::input_error& e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

/// The Chromium PDF of data/chengdu-2024.txt, printed once for all tests of the suite.
class chromium_pdf : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string exe = chromium_path();
    if (exe.empty()) {
      skip_reason() = "Chromium not found (/usr/bin/chromium, or set ANNALS_CHROMIUM): no PDF printed";
      return;
    }
    work() = std::make_unique<scratch>();
    std::string why;
    pdf() = print_pdf(exe, work()->path, report_page(slurp(data_dir / "chengdu-2024.txt")), &why);
    if (pdf().empty()) skip_reason() = why;
  }
  static void TearDownTestSuite() { work().reset(); }
  void SetUp() override {
    if (!skip_reason().empty()) GTEST_SKIP() << "skipped: " << skip_reason();
  }
  static std::string& pdf() {
    static std::string s;
    return s;
  }
  static std::string& skip_reason() {
    static std::string s;
    return s;
  }
  static std::unique_ptr<scratch>& work() {
    static std::unique_ptr<scratch> w;
    return w;
  }
};

// ---- PDF ------------------------------------------------------------------------------------------------

TEST_F(chromium_pdf, the_pdf_of_the_sample_gives_the_same_facts_as_its_text) {
  const auto txt = annals::read_report(data_dir / "chengdu-2024.txt");
  const auto pdf_r = annals::read_report_bytes(pdf(), "chengdu-2024.pdf");
  EXPECT_EQ(pdf_r.source.format, annals::source_format::pdf);
  ASSERT_GT(pdf_r.facts.size(), 50u);
  EXPECT_EQ(findings(pdf_r), findings(txt));
}

TEST_F(chromium_pdf, running_header_and_page_numbers_are_not_text_and_pages_have_offsets) {
  const annals::decoded_text d = annals::decode_document(pdf(), "chengdu-2024.pdf");
  EXPECT_THAT(d.text, Not(HasSubstr("法治政府建设情况报告\n成都")));  // the header
  EXPECT_THAT(d.text, Not(HasSubstr("办公厅 法治政府建设情况报告")));
  EXPECT_THAT(d.text, Not(HasSubstr("- 2 -")));
  EXPECT_THAT(d.text, Not(HasSubstr("- 1 -")));
  ASSERT_GE(d.page_starts.size(), 3u);  // the sample prints on several A4 pages
  EXPECT_EQ(d.page_starts.front(), 0u);
  for (std::size_t i = 1; i < d.page_starts.size(); ++i) EXPECT_GT(d.page_starts[i], d.page_starts[i - 1]);
  // a paragraph is one line again, across line and page breaks: the text's paragraphs are the
  // lines of the .txt (spaces aside: HTML collapses them, and U+00A0 prints as a space)
  auto no_spaces = [](const std::string& t) {
    std::string o;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i] == ' ' || t[i] == '\t' || t[i] == '\r') continue;
      if (t.compare(i, 2, "\xC2\xA0") == 0) {
        ++i;
        continue;
      }
      o.push_back(t[i]);
    }
    return o;
  };
  const std::string text = no_spaces(d.text);
  std::istringstream in(slurp(data_dir / "chengdu-2024.txt"));
  std::string line;
  std::size_t found = 0, lines = 0;
  while (std::getline(in, line)) {
    const std::string l = no_spaces(line);
    if (l.empty()) continue;
    ++lines;
    found += text.find("\n" + l + "\n") != std::string::npos || text.rfind(l + "\n", 0) == 0 ? 1u : 0u;
  }
  EXPECT_EQ(found, lines) << d.text.substr(0, 3000);
  // page_of maps every fact offset to a page and an offset within it
  const auto r = annals::read_report_bytes(pdf(), "chengdu-2024.pdf");
  EXPECT_EQ(r.source.page_starts, d.page_starts);
  for (const auto& f : r.facts) {
    const auto pos = annals::page_of(r.source.page_starts, f.span.start);
    ASSERT_GE(pos.page, 1u);
    EXPECT_EQ(r.source.page_starts[pos.page - 1] + pos.offset, f.span.start);
  }
}

/// `head` padded with " xx" words to exactly `n` characters: in Courier 12 a line from x = 72 of
/// 70 characters ends at 576, the right edge of the column.
std::string line_of(std::string head, std::size_t n) {
  while (head.size() < n) head += head.size() + 3 <= n ? " xx" : "x";
  return head.substr(0, n);
}

TEST(pdf, hand_written_pages_drop_headers_and_page_numbers_and_join_paragraphs) {
  // three pages; a running header with the page number in it, a bare number at the bottom, a
  // paragraph whose full lines reach the right edge, an indented start, a short last line
  std::vector<std::vector<placed>> pages;
  const std::string full = line_of("Full line", 70);
  for (int p = 1; p <= 3; ++p) {
    std::vector<placed> pg;
    pg.push_back({72, 750, "Annual report of the city, page " + std::to_string(p)});
    pg.push_back({100, 700, line_of("Para " + std::to_string(p) + " starts indented", 66)});
    pg.push_back({72, 684, full});
    pg.push_back({72, 668, "ends short."});
    pg.push_back({100, 652, line_of("Next para " + std::to_string(p), 66)});
    pg.push_back({72, 636, full});
    pg.push_back({300, 40, p == 2 ? "- 2 -" : std::to_string(p)});
    pages.push_back(pg);
  }
  const annals::decoded_text d = annals::decode_document(text_pdf(pages), "hand.pdf");
  EXPECT_EQ(d.format, annals::source_format::pdf);
  EXPECT_THAT(d.text, Not(HasSubstr("Annual report")));
  EXPECT_THAT(d.text, Not(HasSubstr("- 2 -")));
  EXPECT_THAT(d.text, Not(HasSubstr("\n1\n")));
  EXPECT_THAT(d.text, HasSubstr(line_of("Para 1 starts indented", 66) + " " + full + " ends short.\n"));
  // the last paragraph of page 1 reaches the edge, but page 2 starts indented: a new paragraph
  EXPECT_THAT(d.text, HasSubstr(full + "\n" + line_of("Para 2 starts indented", 66)));
  ASSERT_EQ(d.page_starts.size(), 3u);
  EXPECT_EQ(annals::utf8::substr(d.text, d.page_starts[1], 6), "Para 2");
  EXPECT_EQ(annals::page_of(d.page_starts, d.page_starts[2] + 3).page, 3u);
  EXPECT_EQ(annals::page_of(d.page_starts, d.page_starts[2] + 3).offset, 3u);
  EXPECT_EQ(annals::page_of({}, 7).page, 0u);
}

TEST(pdf, a_sentence_broken_by_a_page_end_is_one_sentence_again) {
  const std::string full = line_of("Full line", 70);
  std::vector<std::vector<placed>> pages(2);
  pages[0] = {{100, 700, line_of("Start of a paragraph", 66)}, {72, 684, full}};
  pages[1] = {{72, 700, "and ends here on the next page."}, {100, 684, "A new paragraph."}};
  const annals::decoded_text d = annals::decode_document(text_pdf(pages), "broken.pdf");
  EXPECT_THAT(d.text, HasSubstr(full + " and ends here on the next page.\nA new paragraph."));
  ASSERT_EQ(d.page_starts.size(), 2u);
  EXPECT_EQ(annals::utf8::substr(d.text, d.page_starts[1], 7), "and end");
}

TEST(pdf, a_scan_without_text_layer_is_a_clear_error) {
  expect_input_error([] { (void)annals::read_report_bytes(scan_pdf(), "x.pdf"); }, "x.pdf: no text layer (scanned?)");
}

TEST(pdf, a_scanned_page_among_text_pages_is_a_warning) {
  std::vector<std::vector<placed>> pages(2);
  pages[0] = {{72, 700, "Some text on the first page."}};  // page 2 has no text at all
  const annals::decoded_text d = annals::decode_document(text_pdf(pages), "half.pdf");
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0].code, "pdf_page_without_text");
  EXPECT_THAT(d.warnings[0].message, HasSubstr("page 2 of 2"));
}

TEST(pdf, encrypted_damaged_and_truncated_pdfs_are_clear_errors) {
  expect_input_error([] { (void)annals::read_report_bytes(encrypted_pdf(), "e.pdf"); },
                     "e.pdf: encrypted PDF (a password is needed to read it)");
  expect_input_error([] { (void)annals::read_report_bytes("%PDF-1.7\n\x01\x02garbage, no objects at all\n", "d.pdf"); },
                     "d.pdf: damaged PDF (poppler cannot open it)");
  // every error is one line, never a crash, whatever prefix of a real PDF is given
  const std::string good = text_pdf({{{72, 700, "Text."}}});
  for (std::size_t cut = 8; cut < good.size(); cut += 37) {
    try {
      (void)annals::decode_document(good.substr(0, cut), "cut.pdf");
    } catch (const annals::input_error& e) {
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
      EXPECT_EQ(std::string(e.what()).rfind("cut.pdf: ", 0), 0u) << e.what();
    }
  }
}

// ---- DOCX ---------------------------------------------------------------------------------------------

TEST(docx, the_docx_of_the_sample_gives_the_same_facts_as_its_text) {
  const std::string txt = slurp(data_dir / "chengdu-2024.txt");
  const auto from_txt = annals::read_report(data_dir / "chengdu-2024.txt");
  const auto from_docx = annals::read_report_bytes(report_docx(txt), "chengdu-2024.docx");
  EXPECT_EQ(from_docx.source.format, annals::source_format::docx);
  EXPECT_TRUE(from_docx.source.page_starts.empty());
  ASSERT_GT(from_docx.facts.size(), 50u);
  EXPECT_EQ(findings(from_docx), findings(from_txt));
}

TEST(docx, automatic_numbering_is_rebuilt_from_numbering_xml) {
  const std::string body = numbered_p(0, "主要工作") + numbered_p(1, "依法行政") + numbered_p(2, "办理案件10件。") +
                           numbered_p(2, "培训200人次。") + numbered_p(1, "政务公开") + numbered_p(2, "公开信息30条。") +
                           numbered_p(0, "存在问题");
  const annals::decoded_text d = annals::decode_document(make_docx(body, chinese_numbering), "n.docx");
  EXPECT_EQ(d.text, "一、主要工作\n（一）依法行政\n1.办理案件10件。\n2.培训200人次。\n（二）政务公开\n1.公开信息30条。\n二、存在问题\n");
}

TEST(docx, number_formats_and_start_values) {
  auto one = [](const std::string& fmt, const std::string& lvl_text, int start, int paragraphs) {
    const std::string numbering = "<w:abstractNum w:abstractNumId=\"3\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"" +
                                  std::to_string(start) + "\"/><w:numFmt w:val=\"" + fmt + "\"/><w:lvlText w:val=\"" +
                                  lvl_text + "\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId "
                                  "w:val=\"3\"/></w:num>";
    std::string body;
    for (int i = 0; i < paragraphs; ++i) body += numbered_p(0, "x");
    return annals::decode_document(make_docx(body, numbering), "f.docx").text;
  };
  EXPECT_EQ(one("chineseCounting", "%1、", 9, 4), "九、x\n十、x\n十一、x\n十二、x\n");
  EXPECT_EQ(one("chineseCountingThousand", "第%1条", 20, 2), "第二十条x\n第二十一条x\n");
  EXPECT_EQ(one("ideographTraditional", "%1.", 1, 3), "甲.x\n乙.x\n丙.x\n");
  EXPECT_EQ(one("decimal", "（%1）", 1, 2), "（1）x\n（2）x\n");
  EXPECT_EQ(one("decimalEnclosedCircleChinese", "%1", 1, 2), "①x\n②x\n");
  EXPECT_EQ(one("bullet", "\xEF\x82\xB7", 1, 2), "x\nx\n");  // bullets are no label
}

TEST(docx, table_rows_are_lines_with_cells_apart_and_deleted_text_is_gone) {
  auto cell = [](std::string_view t) { return "<w:tc><w:p>" + run_xml(t) + "</w:p></w:tc>"; };
  const std::string body =
      "<w:p>" + run_xml("表1 行政复议情况") + "</w:p><w:tbl><w:tr>" + cell("新收行政复议案件") + cell("1.11万件") +
      cell("同比增长89.6%") + "</w:tr><w:tr>" + cell("行政应诉案件") + cell("6120件") + cell("") + "</w:tr></w:tbl>" +
      "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除的123件</w:delText></w:r></w:del><w:r><w:tab/><w:t>文字</w:t></w:r></w:p>";
  const annals::decoded_text d = annals::decode_document(make_docx(body), "t.docx");
  EXPECT_EQ(d.text, "表1 行政复议情况\n新收行政复议案件 1.11万件 同比增长89.6%\n行政应诉案件 6120件\n保留 文字\n");
}

TEST(docx, a_zip_bomb_is_refused_at_the_limit_not_inflated) {
  // 8 MB of one repeated paragraph deflates to a few kilobytes
  std::string body;
  const std::string p = "<w:p>" + run_xml("重复的段落重复的段落") + "</w:p>";
  while (body.size() < 8u * 1024 * 1024) body += p;
  const std::string docx = make_docx(body);
  ASSERT_LT(docx.size(), 200u * 1024);
  annals::decode_options small;
  small.max_bytes = 1024 * 1024;
  expect_input_error([&] { (void)annals::read_report_bytes(docx, "bomb.docx", small); },
                     "bomb.docx: word/document.xml expands beyond the input limit of 1 MB (--max-bytes)");
  EXPECT_NO_THROW((void)annals::decode_document(docx, "bomb.docx"));  // under the default limit it is read
}

TEST(docx, broken_docx_files_are_clear_errors) {
  expect_input_error([] { (void)annals::decode_document(make_docx("<w:p><w:r><w:t>未闭合</w:p>"), "b.docx"); },
                     "b.docx: word/document.xml is not well-formed XML (Start-end tags mismatch)");
  expect_input_error([] { (void)annals::decode_document(std::string("PK\x03\x04", 4) + "truncated zip", "t.docx"); },
                     "t.docx: damaged zip archive (not a readable DOCX)");
  expect_input_error([] { (void)annals::decode_document(make_docx("<w:p></w:p>"), "e.docx"); },
                     "e.docx: no text in the document");
}

// ---- refused formats ------------------------------------------------------------------------------------

std::string ole_file(std::string_view stream_name) {
  std::string b("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  b.resize(1024, '\0');
  for (const char c : stream_name) {
    b.push_back(c);
    b.push_back('\0');
  }
  b.resize(2048, '\0');
  return b;
}

template <class F>
void expect_unsupported(F&& f, const std::string& message) {
  try {
    f();
    ADD_FAILURE() << "no unsupported_input_error; expected: " << message;
  } catch (const annals::unsupported_input_error& e) {
    EXPECT_EQ(std::string(e.what()), message);
    EXPECT_EQ(e.code(), annals::errc::input);
  }
}

TEST(refused, binary_word_excel_xlsx_rtf_and_other_zips_are_unsupported_by_content_not_name) {
  expect_unsupported([] { (void)annals::read_report_bytes(ole_file("WordDocument"), "x.doc"); },
                     "x.doc: unsupported (binary Word), convert to .docx");
  // the name does not matter: a .doc renamed .txt is still refused as binary Word
  expect_unsupported([] { (void)annals::read_report_bytes(ole_file("WordDocument"), "renamed.txt"); },
                     "renamed.txt: unsupported (binary Word), convert to .docx");
  expect_unsupported([] { (void)annals::read_report_bytes(ole_file("Workbook"), "a.xls"); },
                     "a.xls: unsupported (binary Excel), only .docx is read");
  expect_unsupported([] { (void)annals::read_report_bytes(make_zip({{"xl/workbook.xml", "<workbook/>"}}), "a.xlsx"); },
                     "a.xlsx: unsupported (Excel workbook), only .docx is read");
  expect_unsupported([] { (void)annals::read_report_bytes(make_zip({{"notes.txt", "hello"}}), "a.zip"); },
                     "a.zip: unsupported (a zip archive, not a Word document)");
  expect_unsupported([] { (void)annals::read_report_bytes("{\\rtf1\\ansi 2024年 {\\b 报告}}", "a.rtf"); },
                     "a.rtf: unsupported (RTF), convert to .docx");
  expect_unsupported([] { (void)annals::read_report_bytes(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), "p.png"); },
                     "p.png: not a text document (binary data)");
  // and a PDF or a DOCX named .txt is read by its content
  const auto r = annals::read_report_bytes(make_docx("<w:p>" + run_xml("文字") + "</w:p>"), "really-docx.txt");
  EXPECT_EQ(r.source.format, annals::source_format::docx);
}

// ---- the tool -----------------------------------------------------------------------------------------

#ifdef ANNALS_CLI
struct result {
  int code = -1;
  std::string out, err;
};

result run_cli(const fs::path& dir, const std::string& args) {
  const std::string cmd = "cd '" + dir.string() + "' && '" ANNALS_CLI "' " + args + " >out.txt 2>err.txt";
  const int status = std::system(cmd.c_str());
  result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(dir / "out.txt");
  r.err = slurp(dir / "err.txt");
  return r;
}

TEST(formats_cli, ingest_counts_and_names_unsupported_and_failed_files) {
  const scratch s;
  const fs::path in = s.path / "reports";
  fs::create_directories(in / "sub");
  fs::copy_file(data_dir / "chengdu-2024.txt", in / "chengdu-2024.txt");
  spit(in / "sub" / "chengdu-2023.docx", report_docx(slurp(data_dir / "chengdu-2023.txt")));
  spit(in / "a.xls", ole_file("Workbook"));
  spit(in / "old.doc", ole_file("WordDocument"));
  spit(in / "scan.pdf", scan_pdf());
  spit(in / "README.md", "# not a report, not an input\n");
  const result r = run_cli(s.path, "ingest --db a.db reports");
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("annals: reports/a.xls: unsupported (binary Excel), only .docx is read\n"));
  EXPECT_THAT(r.err, HasSubstr("annals: reports/old.doc: unsupported (binary Word), convert to .docx\n"));
  EXPECT_THAT(r.err, HasSubstr("annals: reports/scan.pdf: no text layer (scanned?)\n"));
  EXPECT_THAT(r.err, HasSubstr("ingested 5 files into a.db: 2 added"));
  EXPECT_THAT(r.err, HasSubstr("0 skipped (already stored), 1 failed, 2 unsupported: reports/a.xls, reports/old.doc\n"));
  EXPECT_THAT(r.err, Not(HasSubstr("README")));

  // again, with --skip-unsupported and without the scan: the two reports are already stored
  fs::remove(in / "scan.pdf");
  const result again = run_cli(s.path, "ingest --db a.db reports --skip-unsupported");
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.out,
            "ingested 4 files into a.db: 0 added (0 facts), 2 skipped (already stored), 0 failed, 2 unsupported: "
            "reports/a.xls, reports/old.doc\n");
  EXPECT_THAT(again.err, HasSubstr("annals: reports/a.xls: unsupported"));
}

// Issue 12, "done when": a folder with the .txt, .html, .docx and .pdf of each bundled report
// stores three reports (the other forms kept as revisions, each with a warning), and `yoy` over it
// is the same table as over the .txt files alone. The folders are named so that the PDFs are
// ingested last and become the current reports: the table then really comes from the PDFs.
TEST(formats_cli, txt_html_docx_and_pdf_of_the_bundled_reports_store_three_reports_and_the_same_yoy) {
  const std::string exe = chromium_path();
  if (exe.empty()) GTEST_SKIP() << "skipped: Chromium not found (/usr/bin/chromium, or set ANNALS_CHROMIUM): no PDF printed";
  const scratch s;
  const fs::path mixed = s.path / "mixed", plain = s.path / "plain";
  for (const char* sub : {"1-txt", "2-html", "3-docx", "4-pdf"}) fs::create_directories(mixed / sub);
  fs::create_directories(plain);
  for (const char* year : {"2023", "2024", "2025"}) {
    const std::string name = std::string("chengdu-") + year;
    const std::string text = slurp(data_dir / (name + ".txt"));
    fs::copy_file(data_dir / (name + ".txt"), plain / (name + ".txt"));
    fs::copy_file(data_dir / (name + ".txt"), mixed / "1-txt" / (name + ".txt"));
    spit(mixed / "2-html" / (name + ".html"), report_page(text));
    spit(mixed / "3-docx" / (name + ".docx"), report_docx(text));
    const fs::path work = s.path / ("print-" + name);
    fs::create_directories(work);
    std::string why;
    const std::string pdf = print_pdf(exe, work, report_page(text), &why);
    if (pdf.empty()) GTEST_SKIP() << "skipped: " << why;
    spit(mixed / "4-pdf" / (name + ".pdf"), pdf);
  }
  const result in = run_cli(s.path, "ingest --db mixed.db mixed");
  ASSERT_EQ(in.code, 0) << in.err;
  EXPECT_THAT(in.out, HasSubstr("ingested 12 files into mixed.db: 12 added"));
  // every later form of a year is a revision, said once per file
  std::size_t warnings = 0;
  for (std::size_t at = in.err.find("stored as revision"); at != std::string::npos;
       at = in.err.find("stored as revision", at + 1))
    ++warnings;
  EXPECT_EQ(warnings, 9u) << in.err;

  const result current = run_cli(s.path, "reports --db mixed.db --format csv");
  ASSERT_EQ(current.code, 0) << current.err;
  std::size_t rows = 0;
  for (const char c : current.out) rows += c == '\n';
  EXPECT_EQ(rows, 1u + 3u) << current.out;  // header + one current report a year
  EXPECT_THAT(current.out, HasSubstr("4-pdf/chengdu-2023.pdf"));
  EXPECT_THAT(current.out, HasSubstr("4-pdf/chengdu-2025.pdf"));
  const result all = run_cli(s.path, "reports --db mixed.db --revisions --format csv");
  ASSERT_EQ(all.code, 0) << all.err;
  rows = 0;
  for (const char c : all.out) rows += c == '\n';
  EXPECT_EQ(rows, 1u + 12u) << all.out;

  ASSERT_EQ(run_cli(s.path, "ingest --db plain.db plain").code, 0);
  const result from_mixed = run_cli(s.path, "yoy --db mixed.db --format csv");
  const result from_plain = run_cli(s.path, "yoy --db plain.db --format csv");
  ASSERT_EQ(from_mixed.code, 0) << from_mixed.err;
  ASSERT_EQ(from_plain.code, 0) << from_plain.err;
  EXPECT_GT(from_plain.out.size(), 1000u);
  EXPECT_EQ(from_mixed.out, from_plain.out);
}

TEST(formats_cli, ingest_glob_filters_the_files_of_folders) {
  const scratch s;
  const fs::path in = s.path / "reports";
  fs::create_directories(in / "2023");
  fs::copy_file(data_dir / "chengdu-2024.txt", in / "chengdu-2024.txt");
  spit(in / "2023" / "chengdu-2023.docx", report_docx(slurp(data_dir / "chengdu-2023.txt")));
  spit(in / "a.xls", ole_file("Workbook"));
  const result r = run_cli(s.path, "ingest --db g.db reports --glob '*.docx'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "ingested 1 file into g.db: 1 added (" + std::to_string(annals::read_report_bytes(report_docx(slurp(data_dir / "chengdu-2023.txt")), "x").facts.size()) +
                       " facts), 0 skipped (already stored), 0 failed\n");
  const result two = run_cli(s.path, "ingest --db h.db reports --glob '*.txt' --glob '2023/*.docx'");
  EXPECT_EQ(two.code, 0) << two.err;
  EXPECT_THAT(two.out, HasSubstr("ingested 2 files into h.db: 2 added"));
}

TEST(formats_cli, extract_refuses_doc_and_scans_with_one_line_and_exit_3) {
  const scratch s;
  spit(s.path / "x.doc", ole_file("WordDocument"));
  spit(s.path / "x.pdf", scan_pdf());
  spit(s.path / "ok.docx", report_docx(slurp(data_dir / "chengdu-2024.txt")));
  const result doc = run_cli(s.path, "extract x.doc");
  EXPECT_EQ(doc.code, 3);
  EXPECT_EQ(doc.err, "annals: x.doc: unsupported (binary Word), convert to .docx\n");
  EXPECT_EQ(doc.out, "");
  const result scan = run_cli(s.path, "extract x.pdf");
  EXPECT_EQ(scan.code, 3);
  EXPECT_EQ(scan.err, "annals: x.pdf: no text layer (scanned?)\n");
  const result skip = run_cli(s.path, "extract ok.docx x.doc --skip-unsupported --format jsonl");
  EXPECT_EQ(skip.code, 0) << skip.err;
  EXPECT_THAT(skip.err, HasSubstr("annals: x.doc: unsupported (binary Word), convert to .docx (skipped)"));
  EXPECT_THAT(skip.out, HasSubstr("ok.docx"));
  const result none = run_cli(s.path, "extract x.doc --skip-unsupported");
  EXPECT_EQ(none.code, 3);
  EXPECT_EQ(none.out, "");
  // a DOCX whose document.xml inflates past --max-bytes is refused by the same limit as files
  std::string body;
  while (body.size() < 3u * 1024 * 1024) body += "<w:p>" + run_xml("重复的段落") + "</w:p>";
  spit(s.path / "bomb.docx", make_docx(body));
  const result bomb = run_cli(s.path, "extract bomb.docx --max-bytes 1048576");
  EXPECT_EQ(bomb.code, 3);
  EXPECT_EQ(bomb.err, "annals: bomb.docx: word/document.xml expands beyond the input limit of 1 MB (--max-bytes)\n");
}
#endif

}  // namespace
