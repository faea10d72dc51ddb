// Issue 17, items 6 and 7: one hostile report through every human-readable output of `annals`.
//
// THE REPORTS BUILT HERE ARE MADE-UP TEST DOCUMENTS (编造的测试文档): 某某市 and every figure
// are invented, and the text carries hostile markup on purpose — <script>, <img onerror>,
// [x](javascript:…), ![](http://remote/img), backticks, pipes — and terminal control sequences:
// CSI (ESC[31m), OSC 8 (a hyperlink), OSC 52 (writes the clipboard), backspace, C1 controls
// (U+009B, U+0085). The file names carry the same, with a line break and a carriage return.
//
// Every Markdown output (extract, check, track, timeline, report --md) must show all of it as
// text: no raw HTML, no link or image, no control character; every terminal table and message
// (reports, yoy, check, timeline, catalogue, ingest, check-store, report, track) must print no
// control character either. Ordinary Chinese text and figures must come through unchanged.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <annals/markdown.hpp>
#include <annals/text.hpp>

#include "cli_run.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

using result = annals::test::cli_result;
using annals::test::slurp;
std::string quote(const std::string& s) { return annals::test::sh_quote(s); }

// ---- the hostile material ------------------------------------------------------------------

const std::string script = "<script>alert(1)</script>";
const std::string img = "<img src=x onerror=alert(1)>";
const std::string js_link = "[x](javascript:alert(1))";
const std::string remote_image = "![](http://remote/img)";
/// CSI colour, an OSC 8 hyperlink, an OSC 52 clipboard write, backspace, C1 CSI and NEL.
const std::string terminal = "\x1B[31m红\x1B[0m\x1B]8;;http://evil.example/\x07链接\x1B]8;;\x07"
                             "\x1B]52;c;ZXZpbA==\x07剪贴板\b退格\xC2\x9B" "31m控制\xC2\x85行";

/// A made-up report of 某某市 for `year`: hostile text in the title, a section heading, fact
/// labels, a problem and the commitments, ordinary figures beside it.
std::string hostile_report(int year) {
  const bool later = year == 2024;
  std::string t;
  t += "某某市人民政府关于" + std::to_string(year) + "年度法治政府建设情况的报告" + script + js_link + "\n";
  t += "【编造的测试文档：机构、文字和数字均为虚构，夹带恶意标记，仅用于测试annals的输出转义，"
       "不是任何政府发布的报告。】\n";
  t += "市人大常委会：\n";
  t += std::to_string(year) + "年，市政府坚持依法行政，法治政府建设取得新进展。现将有关情况报告如下。\n";
  t += "一、推进" + img + "依法行政\n";
  t += "一是行政复议主渠道作用有效发挥。";
  t += later ? "全市新收行政复议案件超1.11万件，同比增长89.6%。" : "全市新收行政复议案件5870件。";
  t += "二是执法监督持续加强。审核" + img + "执法证件" + std::string(later ? "5477个，同比增长12.0%。" : "4890个。");
  t += "三是" + script + "政务公开透明。办理`rm -rf`|管道|申请" + std::string(later ? "1200件。" : "1000件。");
  t += "四是终端" + terminal + "安全。\n";
  // ordinary made-up prose: the decoder takes text with over 2% control characters for binary
  for (int i = 0; i < 12; ++i)
    t += "坚持把法治政府建设贯彻落实到政府工作全过程和各方面，持续深化行政执法体制改革，"
         "推进严格规范公正文明执法，强化行政权力制约监督，依法化解矛盾纠纷。\n";
  t += "二、存在的问题和下一步工作\n";
  t += "仍存在一些问题和不足，如" + script + "规范性文件质量有待提升。下一步，市政府将持续推进法治政府建设。";
  t += "一是持续优化" + script + "法治化营商环境。打造服务品牌。";
  t += "二是深化" + remote_image + "基层依法治理。推进规范化建设。";
  t += "三是推进" + js_link + "行政调解规范化。制定工作规则。";
  t += "四是提升" + terminal + "政务公开质效。开展政务开放日活动。\n";
  if (later) t += "全年持续优化" + script + "法治化营商环境，打造服务品牌。深化" + remote_image + "基层依法治理。\n";
  t += "某某市人民政府\n" + std::to_string(year + 1) + "年1月10日\n";
  return t;
}

/// File names with the same material (no '/', which would be a folder), a line break, a carriage
/// return and a pipe.
const std::string earlier_name = "早\x1B]0;pwned\x07\x1B[31m<img src=x onerror=alert(1)>|[x](javascript:1)\n\r\b.txt";
const std::string later_name = "晚\x1B]52;c;ZXZpbA==\x07\xC2\x9B" "31m<script>|![](http:remote.example)\n.txt";

// ---- what must never come out ----------------------------------------------------------------

/// The first control character in `s` other than a line feed (C0, DEL, or a C1 code point
/// U+0080–U+009F), or "" when there is none; invalid UTF-8 counts too.
std::string first_control(const std::string& s) {
  if (!annals::utf8::is_valid(s)) return "invalid UTF-8";
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F)
      return "byte " + std::to_string(c) + " at " + std::to_string(i) + ": " + annals::utf8::printable(s.substr(i > 20 ? i - 20 : 0, 40), 200);
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xA0)
      return "C1 control at " + std::to_string(i);
  }
  return "";
}

/// Markdown that opens no markup from report text: no '<' at all (no HTML, no autolink; the
/// writers never emit one themselves), no '&' that is not one of the three entities the escaping
/// writes, and outside backslash escapes no link or image opener: "](", "][", "]:", "![".
std::string markup_in(const std::string& md) {
  for (std::size_t i = 0; i < md.size(); ++i) {
    const char c = md[i];
    if (c == '\\') {
      ++i;  // an escaped character is text
      continue;
    }
    const std::string_view rest(md.data() + i, std::min<std::size_t>(md.size() - i, 6));
    const auto where = [&] { return annals::utf8::printable(md.substr(i > 30 ? i - 30 : 0, 60), 200); };
    if (c == '<') return "raw < near: " + where();
    if (c == '&' && !rest.starts_with("&lt;") && !rest.starts_with("&gt;") && !rest.starts_with("&amp;"))
      return "raw & near: " + where();
    if (c == ']' && i + 1 < md.size() && (md[i + 1] == '(' || md[i + 1] == '[' || md[i + 1] == ':'))
      return "link near: " + where();
    if (c == '!' && i + 1 < md.size() && md[i + 1] == '[') return "image near: " + where();
  }
  return "";
}

class hostile_output_test : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / earlier_name, std::ios::binary) << hostile_report(2023);
    std::ofstream(dir_ / later_name, std::ios::binary) << hostile_report(2024);
  }

  [[nodiscard]] result run(const std::string& args) const { return annals::test::run_annals(dir_, args); }

  /// A store with both made-up reports (ingest's own messages checked too).
  std::string ingested() const {
    const auto r = run("ingest --db h.db " + quote(earlier_name) + " " + quote(later_name));
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(first_control(r.out), "") << "ingest stdout";
    EXPECT_EQ(first_control(r.err), "") << "ingest stderr";
    return "h.db";
  }

  annals::test::scratch_dir scratch_;
  const fs::path& dir_ = scratch_.path;
};

/// A Markdown output: inert, no control character, the hostile text shown (escaped), and the
/// ordinary text in `plain` unchanged.
void expect_inert_markdown(const std::string& what, const std::string& md, const std::vector<std::string>& plain) {
  SCOPED_TRACE(what);
  ASSERT_FALSE(md.empty());
  EXPECT_EQ(first_control(md), "");
  EXPECT_EQ(markup_in(md), "");
  EXPECT_THAT(md, Not(HasSubstr("<script"))) << md.substr(0, 800);
  EXPECT_THAT(md, Not(HasSubstr("[x](javascript:")));  // shown as \[x\](javascript:…)
  EXPECT_THAT(md, Not(HasSubstr("![](")));             // shown as \!\[\](…)
  // shown as text, not dropped: the title's script
  EXPECT_THAT(md, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  for (const auto& p : plain) EXPECT_THAT(md, HasSubstr(p)) << "ordinary text changed";
}

/// A terminal output (table or message): no control character on stdout or stderr.
void expect_no_controls(const std::string& what, const result& r) {
  SCOPED_TRACE(what);
  EXPECT_EQ(first_control(r.out), "") << "stdout";
  EXPECT_EQ(first_control(r.err), "") << "stderr";
}

// ---- the escaping function itself ----------------------------------------------------------

TEST(markdown_text_test, hostile_markup_is_text_and_ordinary_text_is_unchanged) {
  using annals::markdown_text;
  EXPECT_EQ(markdown_text("超1.11万件，同比增长89.6%（2024年）"), "超1.11万件，同比增长89.6%（2024年）");
  EXPECT_EQ(markdown_text("(a) 1+1-2=0: 3.5%, x/y"), "(a) 1+1-2=0: 3.5%, x/y");
  EXPECT_EQ(markdown_text(script), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(markdown_text(img + js_link), "&lt;img src=x onerror=alert(1)&gt;\\[x\\](javascript:alert(1))");
  EXPECT_EQ(markdown_text(remote_image), "\\!\\[\\](http://remote/img)");
  EXPECT_EQ(markdown_text("a|b `c` *d* _e_ ~~f~~ #g \\h &lt;"), "a\\|b \\`c\\` \\*d\\* \\_e\\_ \\~\\~f\\~\\~ \\#g \\\\h &amp;lt;");
  EXPECT_EQ(markdown_text("one\ntwo\r\nthree\tfour"), "one two  three four");
  // controls: visible escapes whose backslash is itself escaped, so the document shows \x1B
  EXPECT_EQ(markdown_text("\x1B[31m\b\x7F\xC2\x9B\xC2\x85"), "\\\\x1B\\[31m\\\\x08\\\\x7F\\\\x9B\\\\x85");
  EXPECT_EQ(markdown_text("坏\xFF"), "坏\xEF\xBF\xBD");
  EXPECT_EQ(first_control(markdown_text(terminal + earlier_name + later_name)), "");
  EXPECT_EQ(markup_in(markdown_text(terminal + earlier_name + later_name + script + img + js_link)), "");
}

// ---- item 6: every Markdown output ---------------------------------------------------------

TEST_F(hostile_output_test, every_markdown_output_shows_hostile_text_as_text) {
  auto r = run("extract " + quote(later_name) + " --format md");
  ASSERT_EQ(r.code, 0) << r.err;
  expect_inert_markdown("extract --format md", r.out, {"超1.11万件", "5477个", "1200件"});
  expect_no_controls("extract --format md", r);

  r = run("extract " + quote(earlier_name) + " " + quote(later_name) + " --format md");
  ASSERT_EQ(r.code, 0) << r.err;
  expect_inert_markdown("extract --format md, two files", r.out, {"5870件", "超1.11万件"});

  r = run("check " + quote(later_name) + " --prior " + quote(earlier_name) + " --format md");
  ASSERT_LE(r.code, 1) << r.err;
  expect_inert_markdown("check --format md", r.out, {"同比增长89.6%"});
  expect_no_controls("check --format md", r);

  r = run("track " + quote(earlier_name) + " " + quote(later_name) + " --format md");
  ASSERT_LE(r.code, 1) << r.err;
  expect_inert_markdown("track --format md", r.out, {"超1.11万件", "同比增长89.6%", "法治化营商环境"});
  expect_no_controls("track --format md", r);

  const std::string db = ingested();
  r = run("timeline --db " + db + " --jurisdiction 某某市 --format md");
  ASSERT_EQ(r.code, 0) << r.err;
  // the timeline holds commitment titles only: the 2023 report's hostile commitment
  {
    SCOPED_TRACE("timeline --format md");
    EXPECT_EQ(first_control(r.out), "");
    EXPECT_EQ(markup_in(r.out), "");
    EXPECT_THAT(r.out, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;法治化营商环境"));
    EXPECT_THAT(r.out, Not(HasSubstr("![](")));
    EXPECT_THAT(r.out, HasSubstr("2023→2024"));
  }
  expect_no_controls("timeline --format md", r);

  r = run("report --db " + db + " --jurisdiction 某某市");  // Markdown on stdout
  ASSERT_EQ(r.code, 0) << r.err;
  expect_inert_markdown("report (Markdown to stdout)", r.out, {"超1.11万件", "5870件", "某某市"});
  r = run("report --db " + db + " --jurisdiction 某某市 --md " + quote("out\x1B[31m.md"));
  ASSERT_EQ(r.code, 0) << r.err;
  expect_no_controls("report --md: its message", r);
  expect_inert_markdown("report --md", slurp(dir_ / "out\x1B[31m.md"), {"超1.11万件", "5870件"});
}

// ---- item 7: every terminal table and message ----------------------------------------------

TEST_F(hostile_output_test, no_table_or_message_sends_control_characters_to_the_terminal) {
  auto r = run("extract " + quote(later_name) + " --format json");  // the reader keeps the text
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_THAT(r.out, HasSubstr("\\u001b[31m")) << "the hostile text must reach the reader";

  const std::string db = ingested();
  for (const std::string& args :
       {std::string("reports --db ") + db, "reports --db " + db + " --jurisdiction 某某市",
        "yoy --db " + db, "yoy --db " + db + " --stated", "yoy --db " + db + " --jurisdiction 某某市 --with-growth",
        "check " + quote(later_name) + " --prior " + quote(earlier_name),
        "check " + quote(later_name) + " --db " + db,
        "timeline --db " + db + " --jurisdiction 某某市",
        "timeline --db " + db + " --jurisdiction " + quote("某某市\x1B[31m"),
        "catalogue --db " + db, "check-store --db " + db,
        "check-store --db " + quote("no\x1B]0;x\x07.db"),
        "track " + quote(earlier_name) + " " + quote(later_name) + " --format md",
        "report --db " + db + " --jurisdiction 某某市 --html " + quote("page\x1B]8;;x\x07\b.html"),
        "ingest --db " + db + " " + quote(earlier_name),  // skipped: names the file
        "ingest --db " + quote("new\x1B[31m.db") + " " + quote(later_name)}) {
    r = run(args);
    EXPECT_LE(r.code, 4) << args << "\n" << r.err;
    expect_no_controls(annals::utf8::printable(args, 400), r);
  }
  // catalogue --import names its file in the message
  std::ofstream(dir_ / "aliases\x1B[31m\b.csv", std::ios::binary) << "alias,metric\n审核执法证件|个,执法证件|个\n";
  r = run("catalogue --db " + db + " --import " + quote("aliases\x1B[31m\b.csv"));
  EXPECT_EQ(r.code, 0) << r.err;
  expect_no_controls("catalogue --import", r);
  // the tables show the hostile file name escaped, not dropped
  r = run("reports --db " + db);
  EXPECT_THAT(r.out, HasSubstr("\\x1B]0;pwned\\x07"));
}

}  // namespace
