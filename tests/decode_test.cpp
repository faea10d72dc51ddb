// The reader's input layer: encodings, HTML, furniture, files, and the bad-input matrix.
#include <annals/error.hpp>
#include <annals/source.hpp>
#include <annals/text.hpp>

#include <gtest/gtest.h>

#include "encoding_fixtures.hpp"
#include "../lib/reader/reader_detail.hpp"

#include "unprivileged.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string sample() {
  std::ifstream in(ANNALS_DATA_DIR "/chengdu-2024.txt", std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

using annals::test::convert;
using annals::test::lines_of;

/// Lines with whitespace (ASCII, U+00A0, U+3000) collapsed and trimmed, blank lines dropped.
std::vector<std::string> content_lines(std::string_view s) {
  std::vector<std::string> out;
  for (const std::string& line : lines_of(s)) {
    std::string n = annals::normalize_width(line);  // U+00A0/U+3000 → ' ' (and full-width forms)
    std::string c;
    for (const char ch : n) {
      const bool ws = ch == ' ' || ch == '\t' || ch == '\r';
      if (ws) {
        if (!c.empty() && c.back() != ' ') c.push_back(' ');
      } else {
        c.push_back(ch);
      }
    }
    while (!c.empty() && c.back() == ' ') c.pop_back();
    if (!c.empty()) out.push_back(c);
  }
  return out;
}

std::string text_of_span(const annals::decoded_text& d, annals::text_span s) {
  return std::string(annals::utf8::slice(d.text, s));
}

/// Expects `f` to throw annals::input_error with exactly `message`.
template <class F>
void expect_input_error(F&& f, const std::string& message) {
  try {
    f();
    ADD_FAILURE() << "expected input_error: " << message;
  } catch (const annals::input_error& e) {
    EXPECT_EQ(std::string(e.what()), message);
    EXPECT_EQ(e.code(), annals::errc::input);
  }
}

class temp_dir {
 public:
  temp_dir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "annals_decode_XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp");
    path_ = tmpl;
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace

// ---- encodings ----------------------------------------------------------------------------------

TEST(decode_test, utf8_sample_decodes_unchanged) {
  const std::string s = sample();
  const auto d = annals::decode_document(s, "chengdu-2024.txt");
  EXPECT_EQ(d.encoding, "utf-8");
  EXPECT_EQ(d.format, annals::source_format::text);
  EXPECT_EQ(d.text, s);
  EXPECT_TRUE(d.warnings.empty());
  EXPECT_EQ(d.sha256, "821193b0aa39368658c8dd6bca57544bc7645e7636e96226513c4548e42e678a");
}

TEST(decode_test, in_place_decoding_gives_the_same_result) {
  const std::string s = sample();
  std::string bytes = s;
  const auto d = annals::decode_document_in_place(std::move(bytes), "chengdu-2024.txt");
  EXPECT_EQ(d.text, s);
  EXPECT_EQ(d.sha256, annals::decode_document(s).sha256);
  EXPECT_EQ(d.furniture.size(), 4u);
  std::string gb = "\xEF\xBB\xBF" + s;
  EXPECT_EQ(annals::decode_document_in_place(std::move(gb)).text, s);
  expect_input_error([] { (void)annals::decode_document_in_place(std::string(), "e.txt"); }, "e.txt: empty file");
}

TEST(decode_test, utf8_bom_and_crlf_are_normalised) {
  const std::string s = sample();
  std::string crlf = "\xEF\xBB\xBF";
  for (const char c : s) {
    if (c == '\n') crlf += "\r\n";
    else crlf.push_back(c);
  }
  const auto d = annals::decode_document(crlf);
  EXPECT_EQ(d.encoding, "utf-8");
  EXPECT_EQ(d.text, s);
  // old Mac line ends (CR only)
  std::string cr;
  for (const char c : s) cr.push_back(c == '\n' ? '\r' : c);
  EXPECT_EQ(annals::decode_document(cr).text, s);
}

TEST(decode_test, gb18030_sample_decodes_to_the_same_text) {
  const std::string s = sample();
  const std::string gb = convert(s, "GB18030");
  ASSERT_NE(gb, s);
  const auto d = annals::decode_document(gb, "chengdu-2024-gbk.txt");
  EXPECT_EQ(d.encoding, "gb18030");
  EXPECT_EQ(d.text, s);
  EXPECT_TRUE(d.warnings.empty()) << d.warnings.front().message;
  EXPECT_NE(d.sha256, annals::decode_document(s).sha256);  // of the raw bytes
}

TEST(decode_test, utf16_with_bom_both_byte_orders) {
  const std::string s = sample();
  const auto le = annals::decode_document("\xFF\xFE" + convert(s, "UTF-16LE"));
  EXPECT_EQ(le.encoding, "utf-16le");
  EXPECT_EQ(le.text, s);
  const auto be = annals::decode_document("\xFE\xFF" + convert(s, "UTF-16BE"));
  EXPECT_EQ(be.encoding, "utf-16be");
  EXPECT_EQ(be.text, s);
  EXPECT_TRUE(le.warnings.empty());
  EXPECT_TRUE(be.warnings.empty());
}

TEST(decode_test, utf16_without_bom_is_recognised_by_its_nul_pattern) {
  const std::string s = sample();
  const auto le = annals::decode_document(convert(s, "UTF-16LE"));
  EXPECT_EQ(le.encoding, "utf-16le");
  EXPECT_EQ(le.text, s);
  const auto be = annals::decode_document(convert(s, "UTF-16BE"));
  EXPECT_EQ(be.encoding, "utf-16be");
  EXPECT_EQ(be.text, s);
}

TEST(decode_test, utf16_without_bom_and_without_ascii) {
  // pure Chinese text has no NUL bytes in UTF-16; recognised by its code units
  const std::string s = "法治政府建设情况报告全面推进依法行政严格规范公正文明执法";
  const auto d = annals::decode_document(convert(s, "UTF-16LE"));
  EXPECT_EQ(d.encoding, "utf-16le");
  EXPECT_EQ(d.text, s);
}

TEST(decode_test, utf16_unpaired_surrogate_is_a_warning) {
  std::string raw = "\xFF\xFE";
  raw += convert("依法行政", "UTF-16LE");
  raw += std::string("\x00\xD8", 2);  // a lone high surrogate
  raw += convert("执法", "UTF-16LE");
  const auto d = annals::decode_document(raw);
  EXPECT_EQ(d.text, "依法行政\xEF\xBF\xBD执法");
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0].code, "invalid_utf16");
  EXPECT_EQ(d.warnings[0].start, 4u);
}

// ---- HTML ---------------------------------------------------------------------------------------

namespace {

std::string escape_html(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

/// The sample as a saved page: scripts, navigation, share bar, chat widget, entities.
std::string sample_as_html(const char* charset = "utf-8") {
  const auto lines = lines_of(sample());
  std::string h = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"";
  h += charset;
  h += "\">\n<title>成都市人民政府关于2024年度法治政府建设情况的报告</title>\n"
       "<style>p { text-indent: 2em; } .x > p { color: red }</style>\n"
       "<script>var s = \"<p>脚本里的文字</p>\"; if (a < b && c > d) {}</script>\n</head>\n"
       "<body class=\"page\">\n<header><div class=\"logo\">成都市人民政府门户网站</div></header>\n"
       "<nav><ul><li><a href=\"/\">首页</a></li><li>政务公开</li></ul></nav>\n"
       "<div class=\"breadcrumb\">当前位置:首页 &gt; 政务公开</div>\n<!-- 正文开始 <p>注释</p> -->\n"
       "<div id=\"article\" class=\"article-content\">\n";
  bool first = true;
  for (const std::string& line : lines) {
    if (line.find_first_not_of(' ') == std::string::npos) continue;
    std::string body = escape_html(line);
    // write the quotation marks as entities and indent with &nbsp; as editors do
    for (std::size_t at = body.find("“"); at != std::string::npos; at = body.find("“", at))
      body.replace(at, std::string("“").size(), "&ldquo;");
    for (std::size_t at = body.find("”"); at != std::string::npos; at = body.find("”", at))
      body.replace(at, std::string("”").size(), "&#8221;");
    if (first) {
      h += "<h1 class=\"title\">" + body + "</h1>\n";
      first = false;
    } else {
      h += "<p style=\"text-indent:2em\">&nbsp;&nbsp;" + body + "</p>\n";
    }
  }
  h += "</div>\n<div class=\"bdsharebuttonbox\">分享到:<a>微信</a><a>微博</a></div>\n"
       "<div class=\"chat-robot\" style=\"display: none\">在线咨询</div>\n"
       "<aside>相关文章</aside>\n<footer><p>版权所有:成都市人民政府办公厅</p></footer>\n</body>\n</html>\n";
  return h;
}

}  // namespace

TEST(decode_test, html_page_yields_the_same_body_lines) {
  const std::string html = sample_as_html();
  const auto d = annals::decode_document(html, "chengdu-2024.html");
  EXPECT_EQ(d.format, annals::source_format::html);
  EXPECT_EQ(d.encoding, "utf-8");
  EXPECT_EQ(content_lines(d.text), content_lines(sample()));
  EXPECT_EQ(d.text.find("脚本"), std::string::npos);
  EXPECT_EQ(d.text.find("首页"), std::string::npos);
  EXPECT_EQ(d.text.find("分享到"), std::string::npos);
  EXPECT_EQ(d.text.find("版权所有"), std::string::npos);
  EXPECT_TRUE(d.warnings.empty());
}

TEST(decode_test, gbk_html_page_with_meta_charset) {
  const std::string gb = convert(sample_as_html("gb2312"), "GB18030");
  const auto d = annals::decode_document(gb, "page.htm");
  EXPECT_EQ(d.format, annals::source_format::html);
  EXPECT_EQ(d.encoding, "gb18030");
  EXPECT_EQ(content_lines(d.text), content_lines(sample()));
}

TEST(decode_test, html_entities_blocks_and_whitespace) {
  const std::string t = annals::html_to_text(
      "<div>第一段&nbsp;&nbsp; 有&lt;标签&gt;&amp;&quot;引号&quot;&#x4E00;&#20108;&hellip;</div>"
      "<p>第二段<br>换行</p><ul><li>甲</li><li>乙</ul>"
      "<table><tr><td>项目</td><td>数量</td></tr><tr><td>案件</td><td>5652件</td></tr></table>"
      "a < b &unknown; &#; &#0; &amp");
  EXPECT_EQ(t,
            "第一段 有<标签>&\"引号\"一二…\n第二段\n换行\n甲\n乙\n项目 数量\n案件 5652件\n"
            "a < b &unknown; &#; \xEF\xBF\xBD &\n");
}

TEST(decode_test, html_entities_follow_the_whatwg_table) {
  using annals::html_to_text;
  // named references beyond the old 74: every name of the standard's 2,231
  EXPECT_EQ(html_to_text("<p>A&hArr;B</p>"), "A\u21D4B\n");
  EXPECT_EQ(html_to_text("<p>Le&oacute;n</p>"), "Le\u00F3n\n");
  EXPECT_EQ(html_to_text("<p>&notin;&Sigma;&frac78;</p>"), "\u2209\u03A3\u215E\n");
  // two code points
  EXPECT_EQ(html_to_text("<p>&NotEqualTilde;</p>"), "\u2242\u0338\n");
  EXPECT_EQ(html_to_text("<p>&acE;</p>"), "\u223E\u0333\n");
  // legacy names without ';' (the longest one the text starts with, as browsers read it)
  EXPECT_EQ(html_to_text("<p>A&amp B&ampC &copy2024 &notit; &not</p>"), "A& B&C \u00A92024 \u00ACit; \u00AC\n");
  EXPECT_EQ(html_to_text("<p>&oacute &Aacute</p>"), "\u00F3 \u00C1\n");
  // names that need ';' are not decoded without it; unknown names stay literal
  EXPECT_EQ(html_to_text("<p>&hArr &foo; &Amp; &amp;;</p>"), "&hArr &foo; &Amp; &;\n");
  // numeric: 128–159 as windows-1252 (browsers), never C1 controls; the five bytes windows-1252
  // leaves undefined keep their code point, as the standard says
  EXPECT_EQ(html_to_text("<p>2019&#150;2024</p>"), "2019\u20132024\n");
  EXPECT_EQ(html_to_text("<p>&#x80;&#x99;&#147;&#148;&#159;</p>"), "\u20AC\u2122\u201C\u201D\u0178\n");
  EXPECT_EQ(html_to_text("<p>&#129;</p>"), "\u0081\n");
  // invalid: 0, surrogates, beyond U+10FFFF (however long) → U+FFFD
  EXPECT_EQ(html_to_text("<p>&#0;|&#xD800;|&#x110000;|&#99999999999999999999;</p>"),
            "\uFFFD|\uFFFD|\uFFFD|\uFFFD\n");
  EXPECT_EQ(html_to_text("<p>&#;&#x;&</p>"), "&#;&#x;&\n");
}

TEST(decode_test, html_drops_furniture_elements_and_keeps_article_headers) {
  const std::string t = annals::html_to_text(
      "<body><header>站点横幅</header><div id=\"main-nav\">导航</div>"
      "<article><header><h1>报告标题</h1></header><p>正文</p>"
      "<div role=\"navigation\">上一篇</div><span hidden>隐藏</span>"
      "<div class=\"share-bar\">分享</div><p aria-hidden=\"true\">图标</p></article>"
      "<button>打印</button><select><option>链接</option></select>"
      "<template><p>模板</p></template><svg><text>图</text></svg><noscript>请开启脚本</noscript>"
      "<iframe src=x>框架</iframe><textarea>输入</textarea><p>结尾</p></body>");
  EXPECT_EQ(t, "报告标题\n正文\n结尾\n");
}

TEST(decode_test, html_pre_keeps_line_breaks) {
  EXPECT_EQ(annals::html_to_text("<pre>一、总体情况\n  二、主要成效</pre><p>后</p>"), "一、总体情况\n二、主要成效\n后\n");
}

TEST(decode_test, html_unterminated_markup_ends_the_text) {
  std::size_t at = 0;
  const std::string t = annals::html_to_text("<p>正文</p><p class=\"x>后面", &at);
  EXPECT_EQ(t, "正文\n");
  EXPECT_EQ(at, std::string("正文\n").size());
  EXPECT_EQ(annals::html_to_text("<p>甲</p><!-- 没有结束"), "甲\n");
  const auto d = annals::decode_document("<html><body><p>正文内容</p><div title=\"x", "a.html");
  EXPECT_EQ(d.text, "正文内容\n");
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0].code, "html_unterminated");
}

TEST(decode_test, html_detection) {
  EXPECT_TRUE(annals::looks_like_html("<!DOCTYPE html><p>x</p>"));
  EXPECT_TRUE(annals::looks_like_html("  <HTML><BODY>x"));
  EXPECT_TRUE(annals::looks_like_html("<div>a</div><p>b</p><br>"));
  EXPECT_TRUE(annals::looks_like_html("<p>只有一个段落", "report.HTML"));
  EXPECT_FALSE(annals::looks_like_html("<p>只有一个段落", "report.txt"));
  EXPECT_FALSE(annals::looks_like_html("纯文本,出台《成都市养犬管理条例》。", "report.html"));
  EXPECT_FALSE(annals::looks_like_html(sample()));
}

TEST(decode_test, html_invalid_bytes_warning_points_into_the_text) {
  const std::string html = "<html><body><p>第一段</p><p>依法\xFF行政</p></body></html>";
  const auto d = annals::decode_document(html);
  EXPECT_EQ(d.text, "第一段\n依法\xEF\xBF\xBD行政\n");
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0].code, "invalid_utf8");
  EXPECT_EQ(text_of_span(d, {d.warnings[0].start, d.warnings[0].start + 1}), "\xEF\xBF\xBD");
}

// ---- furniture -----------------------------------------------------------------------------------

TEST(decode_test, sample_furniture_is_flagged_and_the_report_is_not) {
  const auto d = annals::decode_document(sample());
  std::vector<std::string> flagged;
  for (const auto& s : d.furniture) flagged.push_back(text_of_span(d, s));
  ASSERT_EQ(flagged.size(), 4u);
  EXPECT_EQ(flagged[0], "文章来源 ·\u00A0\u00A0 市政府办公厅 clock 157天前");
  EXPECT_EQ(flagged[1], "AI助理");
  EXPECT_EQ(flagged[2], "你好,我是AI助理");
  EXPECT_EQ(flagged[3], "可以解答问题、推荐解决方案等");
  // the title, the addressee, the issuer and the date are report, not furniture
  for (const std::string_view keep : {"成都市人民政府关于2024年度法治政府建设情况的报告", "市人大常委会", "2025年1月6日"}) {
    const auto at = d.text.find(keep);
    ASSERT_NE(at, std::string::npos);
    const annals::offset_index idx(d.text);
    EXPECT_FALSE(annals::overlaps_any(d.furniture, idx.span_of(at, at + keep.size()))) << keep;
  }
}

TEST(decode_test, furniture_rules_are_generic) {
  // 编造的测试文档 (made-up test page, not a real government report)
  const std::string page =
      "首页 > 政务公开 > 法治政府建设\n"
      "某某县人民政府2023年法治政府建设年度报告\n"
      "发布时间:2024-02-01 10:00  来源:县司法局  浏览次数:1024\n"
      "字号:大 中 小 【打印本页】【关闭窗口】\n"
      "3小时前\n"
      "（一）加强来源治理\n"
      "一、主要工作\n"
      "2023年,我县全面推进依法行政,办理行政复议案件120件,同比增长20%,案件来源更加多元。\n"
      "某某县人民政府\n"
      "2024年1月20日\n"
      "分享到:微信 微博\n"
      "网站地图 | 联系我们 | 隐私声明 | 使用帮助\n"
      "版权所有:某某县人民政府 ICP备00000000号\n"
      "欢迎留言\n";
  const auto d = annals::decode_document(page);
  std::vector<std::string> flagged;
  for (const auto& s : d.furniture) flagged.push_back(text_of_span(d, s));
  const std::vector<std::string> expected = {
      "首页 > 政务公开 > 法治政府建设",
      "发布时间:2024-02-01 10:00  来源:县司法局  浏览次数:1024",
      "字号:大 中 小 【打印本页】【关闭窗口】",
      "3小时前",
      "分享到:微信 微博",
      "网站地图 | 联系我们 | 隐私声明 | 使用帮助",
      "版权所有:某某县人民政府 ICP备00000000号",
      "欢迎留言",
  };
  EXPECT_EQ(flagged, expected);
}

TEST(decode_test, furniture_rules_without_a_marker_word) {
  // 编造的测试文档: a bar of short items, relative times in Chinese numerals and 刚刚, a chat
  // widget introducing itself — none of them names a page control
  const std::string page =
      "政务公开 | 信息公开 | 政策解读 | 互动交流\n"
      "某某区人民政府关于2023年法治政府建设情况的报告\n"
      "三天前\n"
      "刚刚\n"
      "你好,我是小安,政务服务机器人\n"
      "一、主要工作\n"
      "2023年,全区办理行政复议案件80件,同比增长10%,来源 更加多元。\n"
      "某某区人民政府\n"
      "2024年1月20日\n";
  const auto d = annals::decode_document(page);
  std::vector<std::string> flagged;
  for (const auto& s : d.furniture) flagged.push_back(text_of_span(d, s));
  const std::vector<std::string> expected = {
      "政务公开 | 信息公开 | 政策解读 | 互动交流",
      "三天前",
      "刚刚",
      "你好,我是小安,政务服务机器人",
  };
  EXPECT_EQ(flagged, expected);
}

TEST(decode_test, furniture_leaves_a_plain_report_alone) {
  // 编造的测试文档: no page around it, a closing block followed by an attachment line
  const std::string report =
      "某某市2024年法治政府建设情况报告\n"
      "一、主要成效\n"
      "全市新收行政复议案件1200件,同比增长12%,来源渠道进一步拓宽。\n"
      "二、下一步工作\n"
      "持续深化行政复议体制改革,力争2025年行政复议纠错率不低于10%。\n"
      "某某市人民政府\n"
      "2025年1月15日\n"
      "附件:2024年法治政府建设重点任务完成情况表\n";
  EXPECT_TRUE(annals::furniture_spans(report).empty());
}

TEST(decode_test, overlaps_any_on_sorted_spans) {
  const std::vector<annals::text_span> spans = {{2, 5}, {10, 12}};
  EXPECT_TRUE(annals::overlaps_any(spans, {4, 7}));
  EXPECT_TRUE(annals::overlaps_any(spans, {0, 3}));
  EXPECT_FALSE(annals::overlaps_any(spans, {5, 10}));
  EXPECT_TRUE(annals::overlaps_any(spans, {11, 11}));
  EXPECT_FALSE(annals::overlaps_any(spans, {12, 20}));
  EXPECT_FALSE(annals::overlaps_any({}, {0, 1}));
}

// ---- the bad-input matrix -----------------------------------------------------------------------

TEST(decode_test, bad_input_empty_file) {
  expect_input_error([] { (void)annals::decode_document("", "empty.txt"); }, "empty.txt: empty file");
  expect_input_error([] { (void)annals::decode_document(" \n\t\r\n\u3000\u00A0", "blank.txt"); },
                     "blank.txt: empty file");
  expect_input_error([] { (void)annals::decode_document("\xEF\xBB\xBF\n"); }, "document: empty file");
  expect_input_error([] { (void)annals::decode_document(std::string("\xFF\xFE \x00\n\x00", 6), "u16.txt"); },
                     "u16.txt: empty file");
  expect_input_error([] { (void)annals::decode_document("<html><head><title>t</title></head><body> </body></html>", "p.html"); },
                     "p.html: no text outside HTML markup");
}

TEST(decode_test, bad_input_binary_file) {
  std::string png = "\x89PNG\r\n\x1A\n";
  png += std::string("\x00\x00\x00\x0DIHDR\x00\x00\x01\x00", 12);
  std::uint32_t x = 12345;
  for (int i = 0; i < 4096; ++i) {
    x = x * 1103515245u + 12345u;
    png.push_back(static_cast<char>(x >> 24));
  }
  expect_input_error([&] { (void)annals::decode_document(png, "logo.png"); },
                     "logo.png: not a text document (binary data)");
  // no NUL bytes, but control characters everywhere
  std::string ctl;
  for (int i = 0; i < 1000; ++i) ctl += "ab\x01\x02\x1B";
  expect_input_error([&] { (void)annals::decode_document(ctl, "x.bin"); }, "x.bin: not a text document (binary data)");
  // a text file with a stray NUL is damaged, not UTF-16
  std::string nul = sample();
  nul[100] = '\0';
  expect_input_error([&] { (void)annals::decode_document(nul, "nul.txt"); }, "nul.txt: not a text document (binary data)");
  expect_input_error([] { (void)annals::decode_document(std::string(64, '\0'), "zeros"); },
                     "zeros: not a text document (binary data)");
}

// The binary-data check counts code points and C0 controls eight bytes at a time: the same
// counts as one byte at a time, for every byte value at every position of the eight, every tail
// length, and random mixes of text, controls and bytes of all kinds.
TEST(decode_test, char_counts_agree_with_a_byte_at_a_time) {
  const auto bytewise = [](std::string_view s) {
    annals::detail::char_counts n;
    for (const char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      n.code_points += (c & 0xC0u) != 0x80u ? 1u : 0u;
      n.controls += (c < 0x09u || (c > 0x0Du && c < 0x20u)) ? 1u : 0u;
    }
    return n;
  };
  const auto expect_same = [&](const std::string& s) {
    const auto fast = annals::detail::count_chars(s), slow = bytewise(s);
    EXPECT_EQ(fast.code_points, slow.code_points) << testing::PrintToString(s);
    EXPECT_EQ(fast.controls, slow.controls) << testing::PrintToString(s);
  };
  for (int b = 0; b < 256; ++b)
    for (std::size_t at = 0; at < 19; ++at) {
      std::string s(19, 'a');
      s[at] = static_cast<char>(b);
      expect_same(s);
      expect_same(s.substr(0, at + 1));
    }
  // neighbours of the limits in one word: 08 09 0D 0E 1F 20 7F 80 BF C0
  expect_same(std::string("\x08\x09\x0D\x0E\x1F\x20\x7F\x80\xBF\xC0\x00\x0A\x0B\x0C\xFF\x01", 16));
  std::uint32_t x = 2024;
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    const auto len = static_cast<std::size_t>(round % 97);
    for (std::size_t i = 0; i < len; ++i) {
      x = x * 1664525u + 1013904223u;
      const unsigned r = x >> 24;
      if (r < 96) s += "法";                                   // three bytes: two continuations
      else if (r < 128) s.push_back(static_cast<char>(r % 32));  // controls and white space
      else s.push_back(static_cast<char>(x >> 16));               // anything
    }
    expect_same(s);
  }
  const auto sample_counts = annals::detail::count_chars(sample());
  EXPECT_EQ(sample_counts.code_points, annals::utf8::length(sample()));
  EXPECT_EQ(sample_counts.controls, 0u);
}

TEST(decode_test, bad_input_truncated_utf8) {
  const std::string s = sample();
  const std::string title = "成都市人民政府关于";
  const std::string cut = s.substr(0, title.size() - 1);  // the last character loses a byte
  const auto d = annals::decode_document(cut, "cut.txt");
  EXPECT_EQ(d.encoding, "utf-8");
  EXPECT_EQ(d.text, "成都市人民政府关\xEF\xBF\xBD");
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0].code, "invalid_utf8");
  EXPECT_EQ(d.warnings[0].start, 8u);
  // truncated in the middle of a long file too
  const auto m = annals::decode_document(s.substr(0, s.size() - 1) + "\xE6\x88", "cut2.txt");
  EXPECT_EQ(m.encoding, "utf-8");
  ASSERT_FALSE(m.warnings.empty());
  EXPECT_EQ(m.warnings.back().code, "invalid_utf8");
}

TEST(decode_test, bad_input_invalid_gb18030) {
  const std::string s = sample();
  std::string gb = convert(s, "GB18030");
  const std::size_t at = gb.find(convert("二、", "GB18030"));
  ASSERT_NE(at, std::string::npos);
  gb.insert(at, "\xFF");
  const auto d = annals::decode_document(gb, "bad-gb.txt");
  EXPECT_EQ(d.encoding, "gb18030");
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_EQ(d.warnings[0].code, "invalid_gb18030");
  EXPECT_NE(d.warnings[0].message.find("FF"), std::string::npos);
  EXPECT_EQ(text_of_span(d, {d.warnings[0].start, d.warnings[0].start + 3}), "\xEF\xBF\xBD二、");
  // everything else decodes as before
  std::string expected = s;
  expected.insert(expected.find("二、"), "\xEF\xBF\xBD");
  EXPECT_EQ(d.text, expected);
}

TEST(decode_test, bad_input_mixed_encodings_in_one_file) {
  const std::string s = sample();
  const auto lines = lines_of(s);
  std::string mixed;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    mixed += k % 2 == 0 ? lines[k] : convert(lines[k], "GB18030");
    if (k + 1 < lines.size()) mixed += "\n";
  }
  const auto d = annals::decode_document(mixed, "mixed.txt");
  EXPECT_EQ(d.text, s);
  bool mixed_warning = false;
  for (const auto& w : d.warnings) mixed_warning |= w.code == "mixed_encoding";
  EXPECT_TRUE(mixed_warning);
}

TEST(decode_test, bad_input_fifty_megabyte_single_line) {
  const std::string unit = "全市新收行政复议案件超1.11万件,同比增长89.6%,";
  std::string big;
  big.reserve(50u << 20);
  while (big.size() < (50u << 20)) big += unit;
  const auto d = annals::decode_document(big, "big.txt");
  EXPECT_EQ(d.text.size(), big.size());
  EXPECT_TRUE(d.furniture.empty());
  // the same as one HTML paragraph with an entity every unit
  std::string html = "<html><body><p>";
  html.reserve(big.size() + 64);
  for (std::size_t k = 0; k < big.size() / unit.size(); ++k) html += unit, html += "&amp;";
  html += "</p></body></html>";
  const auto h = annals::decode_document(html, "big.html");
  EXPECT_EQ(h.format, annals::source_format::html);
  EXPECT_GT(h.text.size(), big.size());
}

TEST(decode_test, bad_input_ten_thousand_nested_tags) {
  std::string html = "<html><body>";
  for (int i = 0; i < 10000; ++i) html += "<div>";
  html += "依法行政";
  for (int i = 0; i < 10000; ++i) html += "</div>";
  html += "<p>结尾</p>";
  for (int i = 0; i < 10000; ++i) html += "<span><b>";  // never closed
  for (int i = 0; i < 10000; ++i) html += "</i>";       // never opened
  html += "</body></html>";
  const auto d = annals::decode_document(html, "deep.html");
  EXPECT_EQ(d.text, "依法行政\n结尾\n");
  // nested navigation is dropped whole, however deep
  std::string nav = "<body><nav>";
  for (int i = 0; i < 10000; ++i) nav += "<div>导航";
  nav += "</nav><p>正文</p></body>";
  EXPECT_EQ(annals::html_to_text(nav), "正文\n");
}

TEST(decode_test, warnings_are_capped_per_code) {
  std::string s;
  for (int i = 0; i < 400; ++i) s += "依法行政全面推进\xFF";
  const auto d = annals::decode_document(s);
  EXPECT_EQ(d.encoding, "utf-8");
  ASSERT_EQ(d.warnings.size(), 51u);
  EXPECT_EQ(d.warnings[10].start, 8u * 11 + 10);
  EXPECT_EQ(d.warnings.back().message, "350 more invalid_utf8 problems not listed (400 in all)");
}

// ---- files ------------------------------------------------------------------------------------

TEST(decode_test, read_file_bytes_reads_the_sample) {
  EXPECT_EQ(annals::read_file_bytes(ANNALS_DATA_DIR "/chengdu-2024.txt"), sample());
}

TEST(decode_test, bad_input_directory_given_as_a_file) {
  const temp_dir dir;
  expect_input_error([&] { (void)annals::read_file_bytes(dir.path()); }, dir.path().string() + ": is a directory");
}

TEST(decode_test, bad_input_missing_path) {
  const temp_dir dir;
  const auto missing = dir.path() / "nope.txt";
  expect_input_error([&] { (void)annals::read_file_bytes(missing); }, missing.string() + ": no such file");
  const auto under_file = dir.path() / "nope.txt" / "x";
  expect_input_error([&] { (void)annals::read_file_bytes(under_file); }, under_file.string() + ": no such file");
}

TEST(decode_test, unreadable_file) {
  const temp_dir dir;
  const auto p = dir.path() / "secret.txt";
  std::ofstream(p) << "x";
  ::chmod(p.c_str(), 0);
  const std::string expected = p.string() + ": permission denied";
  if (geteuid() != 0) {
    expect_input_error([&] { (void)annals::read_file_bytes(p); }, expected);
    return;
  }
  // Root reads everything: check as an unprivileged user (the folder must let it in).
  ::chmod(dir.path().c_str(), 0755);
  EXPECT_EQ(annals::test::run_unprivileged([&]() -> std::string {
              try {
                (void)annals::read_file_bytes(p);
                return "read a file with mode 000";
              } catch (const annals::input_error& e) {
                return e.what() == expected ? "" : "message: " + std::string(e.what());
              }
            }),
            "");
}

TEST(decode_test, read_file_bytes_of_an_empty_and_a_large_file) {
  const temp_dir dir;
  const auto empty = dir.path() / "empty.txt";
  std::ofstream(empty).close();
  EXPECT_EQ(annals::read_file_bytes(empty), "");
  const auto big = dir.path() / "big.txt";
  std::string content(3u << 20, 'x');
  for (std::size_t i = 0; i < content.size(); i += 4099) content[i] = static_cast<char>('a' + i % 26);
  std::ofstream(big, std::ios::binary) << content;
  EXPECT_EQ(annals::read_file_bytes(big), content);
}
