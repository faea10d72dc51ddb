// The HTML report in a real browser: headless Chromium renders the report on the bundled data to a
// screenshot and must report no console error, no blocked resource and no script error.
//
// Two signals, because Chromium logs every console message at the same level:
//  1. the screenshot run's stderr (--enable-logging=stderr --v=0) must hold no CONSOLE line at
//     all — the page has no script, so any console message is a CSP violation, a failed load or
//     a parser complaint;
//  2. a copy of the page with a small recorder script in front of its CSP is dumped with
//     --dump-dom: the recorder counts error events (scripts, resources), CSP violations and
//     console.error calls, and writes the count into an attribute of <html>.
// A control test feeds both detectors a broken page to prove they can fail.
//
// Skipped, with a message, when Chromium is not installed (`make test` installs it).

#include <annals/html_report.hpp>
#include <annals/reader.hpp>
#include <annals/store.hpp>

#include "scratch_dir.hpp"
#include "chart_fixtures.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string chromium_path() {
  if (const char* env = std::getenv("ANNALS_CHROMIUM"); env && *env)
    return ::access(env, X_OK) == 0 ? std::string(env) : std::string();
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
    if (::access(p, X_OK) == 0) return p;
  return {};
}

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

/// A fresh scratch folder per test (tests run in parallel under ctest).
using scratch = annals::test::scratch_dir;

struct run_result {
  int status = -1;
  std::string out;
  std::string err;
};

/// Runs Chromium headless on `page` with `extra` flags, a fresh profile, no network helpers.
run_result chromium(const std::string& exe, const fs::path& work, const fs::path& page, const std::string& extra) {
  static int n = 0;
  const fs::path profile = work / ("profile-" + std::to_string(++n));
  fs::create_directories(profile);
  const fs::path out = work / "chromium.out", err = work / "chromium.err";
  const std::string cmd = "timeout 120 '" + exe +
                          "' --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                          "--disable-background-networking --disable-component-update --disable-sync "
                          "--user-data-dir='" + profile.string() + "' --enable-logging=stderr --v=0 " + extra +
                          " 'file://" + page.string() + "' >'" + out.string() + "' 2>'" + err.string() + "'";
  run_result r;
  r.status = std::system(cmd.c_str());
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

/// The console messages Chromium logged for `page` ("INFO:CONSOLE(…)" / "CONSOLE:N]" lines).
std::vector<std::string> console_lines(const std::string& stderr_text, const fs::path& page) {
  std::vector<std::string> lines;
  std::istringstream in(stderr_text);
  std::string line;
  while (std::getline(in, line))
    if (line.find("CONSOLE") != std::string::npos && line.find(page.filename().string()) != std::string::npos)
      lines.push_back(line);
  return lines;
}

constexpr std::string_view recorder =
    "<script>window.__annals_errors=[];"
    "addEventListener('error',function(e){__annals_errors.push(String(e.message||(e.target&&e.target.outerHTML)||"
    "'error'))},true);"
    "addEventListener('securitypolicyviolation',function(e){__annals_errors.push('csp '+e.violatedDirective+' '+"
    "e.blockedURI)});"
    "(function(){var ce=console.error;console.error=function(){__annals_errors.push(Array.prototype.join.call("
    "arguments,' '));ce.apply(console,arguments)}})();"
    "addEventListener('load',function(){document.documentElement.setAttribute('data-annals-errors',"
    "String(__annals_errors.length)+': '+__annals_errors.join(' | '))})</script>";

/// The page with the recorder inserted right after <head>, before the page's own CSP.
std::string instrumented(const std::string& html) {
  std::string h = html;
  const auto at = h.find("<head>");
  if (at == std::string::npos) throw std::runtime_error("no <head> in the page");
  h.insert(at + 6, recorder);
  return h;
}

/// The recorder's verdict from a --dump-dom output: "N: messages", or "" when it never ran.
std::string recorded_errors(const std::string& dom) {
  static const std::regex attr("data-annals-errors=\"([^\"]*)\"");
  std::smatch m;
  if (std::regex_search(dom, m, attr)) return m[1].str();
  return "";
}

/// Width and height from a PNG's IHDR chunk; {0, 0} when it is not a PNG.
std::pair<unsigned, unsigned> png_size(const std::string& png) {
  if (png.size() < 24 || png.compare(1, 3, "PNG") != 0) return {0, 0};
  auto be32 = [&](std::size_t at) {
    unsigned v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
    return v;
  };
  return {be32(16), be32(20)};
}

/// The report on the bundled Chengdu reports (one real, two made-up test documents).
std::string bundled_report_html(annals::report_lang lang = annals::report_lang::zh) {
  auto db = annals::store::memory();
  for (const char* name : {"chengdu-2023.txt", "chengdu-2024.txt", "chengdu-2025.txt"})
    (void)db.ingest(annals::read_report(fs::path(ANNALS_DATA_DIR) / name));
  return annals::to_html(annals::build_jurisdiction_view(db, "成都市"), {.lang = lang});
}

#define ANNALS_REQUIRE_CHROMIUM(exe)                                                                          \
  const std::string exe = chromium_path();                                                                    \
  if (exe.empty())                                                                                            \
  GTEST_SKIP() << "Chromium not found (/usr/bin/chromium, or set ANNALS_CHROMIUM): the HTML report is not "   \
                  "rendered. Install Debian's chromium (make test does) to run this test."

TEST(render_test, bundled_report_renders_without_console_errors) {
  ANNALS_REQUIRE_CHROMIUM(exe);
  for (const auto lang : {annals::report_lang::zh, annals::report_lang::en}) {
  SCOPED_TRACE(lang == annals::report_lang::zh ? "zh" : "en");
  scratch s;
  const fs::path page = s.path / "report.html";
  spit(page, bundled_report_html(lang));

  const fs::path shot = s.path / "shot.png";
  const auto r = chromium(exe, s.path, page, "--screenshot='" + shot.string() + "' --window-size=1280,2000");
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string png = slurp(shot);
  const auto [w, h] = png_size(png);
  EXPECT_EQ(w, 1280u);
  EXPECT_EQ(h, 2000u);
  // A blank 1280×2000 page compresses to a few KB; text and charts take far more.
  EXPECT_GT(png.size(), 60u * 1024u) << "the screenshot looks empty";
  EXPECT_THAT(console_lines(r.err, page), ::testing::IsEmpty());

  const fs::path inst = s.path / "report-instrumented.html";
  spit(inst, instrumented(slurp(page)));
  const auto d = chromium(exe, s.path, inst, "--virtual-time-budget=3000 --dump-dom");
  ASSERT_EQ(d.status, 0) << d.err;
  EXPECT_EQ(recorded_errors(d.out), "0: ") << "the recorder did not run, or saw errors";
  // the browser built what the page describes: charts and the commitments tables
  EXPECT_THAT(d.out, ::testing::HasSubstr("class=\"card chart\""));
  EXPECT_THAT(d.out, ::testing::HasSubstr("<table>"));
  EXPECT_THAT(d.out, ::testing::HasSubstr("成都市"));
  }
}

TEST(render_test, narrow_window_renders_without_console_errors) {
  ANNALS_REQUIRE_CHROMIUM(exe);
  scratch s;
  const fs::path page = s.path / "narrow.html";
  spit(page, bundled_report_html());
  const fs::path shot = s.path / "narrow.png";
  const auto r = chromium(exe, s.path, page, "--screenshot='" + shot.string() + "' --window-size=420,1600");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(png_size(slurp(shot)).first, 420u);
  EXPECT_THAT(console_lines(r.err, page), ::testing::IsEmpty());
}

/// A script that, on load, looks at every closed <details>: how many have content (an element that
/// is not the summary) the browser shows, and how many summaries show (Element.checkVisibility():
/// false under display:none and inside the content-visibility:hidden of a closed details; a box
/// size would not do, script access lays hidden content out anyway). Writes
/// "details N, content shown C, summaries shown S" into an attribute of <html>.
constexpr std::string_view details_probe =
    "<script>addEventListener('load',function(){var ds=document.querySelectorAll('details:not([open])'),c=0,s=0;"
    "ds.forEach(function(d){var k=d.querySelector(':scope>:not(summary)');"
    "if(k&&k.checkVisibility())c++;var m=d.querySelector(':scope>summary');"
    "if(m&&m.checkVisibility())s++});"
    "document.documentElement.setAttribute('data-annals-details','details '+ds.length+', content shown '+c+"
    "', summaries shown '+s)})</script>";

/// `html` with the probe in front of its CSP and, when `as_print`, its print rules applied to the
/// screen (@media print → @media all), as Chromium's print layout would apply them.
std::string details_probed(std::string html, bool as_print) {
  if (as_print) {
    const auto at = html.find("@media print{");
    if (at == std::string::npos) throw std::runtime_error("no print rules in the page");
    html.replace(at, 13, "@media all{");
  }
  html.insert(html.find("<head>") + 6, details_probe);
  return html;
}

std::string probed_details(const std::string& dom) {
  static const std::regex attr("data-annals-details=\"([^\"]*)\"");
  std::smatch m;
  return std::regex_search(dom, m, attr) ? m[1].str() : std::string();
}

TEST(render_test, print_rules_show_what_closed_details_hide) {
  ANNALS_REQUIRE_CHROMIUM(exe);
  scratch s;
  const std::string html = bundled_report_html();
  const auto count = [&](bool as_print) {
    const fs::path page = s.path / (as_print ? "print.html" : "screen.html");
    spit(page, details_probed(html, as_print));
    const auto d = chromium(exe, s.path, page, "--virtual-time-budget=3000 --dump-dom");
    EXPECT_EQ(d.status, 0) << d.err;
    return probed_details(d.out);
  };
  std::size_t n = 0;
  for (auto p = html.find("<details"); p != std::string::npos; p = html.find("<details", p + 1)) ++n;
  ASSERT_GT(n, 0u) << "the bundled report has no <details> to check";
  const std::string all = std::to_string(n);
  // on screen (the control): closed, their content hidden, their summaries shown
  EXPECT_EQ(count(false), "details " + all + ", content shown 0, summaries shown " + all);
  // in print: every content shown, no summary
  EXPECT_EQ(count(true), "details " + all + ", content shown " + all + ", summaries shown 0");
}

/// A script that, on load, takes the box of every chart label (getBBox of each point and year
/// label, in its SVG's units) and counts the pairs in one chart that intersect; writes
/// "labels N, overlaps K[: text/text …]" into an attribute of <html>.
constexpr std::string_view overlap_probe =
    "<script>addEventListener('load',function(){var n=0,k=0,bad=[];"
    "document.querySelectorAll('.chart svg').forEach(function(svg){"
    "var ts=svg.querySelectorAll('text.point-label,text.year-label'),b=[];n+=ts.length;"
    "ts.forEach(function(t){b.push([t.getBBox(),t.textContent])});"
    "for(var i=0;i<b.length;i++)for(var j=i+1;j<b.length;j++){var p=b[i][0],q=b[j][0];"
    "if(p.x<q.x+q.width&&q.x<p.x+p.width&&p.y<q.y+q.height&&q.y<p.y+p.height){k++;bad.push(b[i][1]+'/'+b[j][1])}}});"
    "document.documentElement.setAttribute('data-annals-labels','labels '+n+', overlaps '+k+(k?': '+bad.join(' '):''))"
    "})</script>";

std::string probed_labels(const std::string& dom) {
  static const std::regex attr("data-annals-labels=\"([^\"]*)\"");
  std::smatch m;
  return std::regex_search(dom, m, attr) ? m[1].str() : std::string();
}

TEST(render_test, ten_years_of_chart_labels_never_overlap) {
  ANNALS_REQUIRE_CHROMIUM(exe);
  for (const auto lang : {annals::report_lang::zh, annals::report_lang::en}) {
  SCOPED_TRACE(lang == annals::report_lang::zh ? "zh" : "en");
  scratch s;
  std::string html = annals::to_html(annals::test::ten_year_view(), {.lang = lang});
  html.insert(html.find("<head>") + 6, overlap_probe);
  const auto labels = [&](const std::string& page_html, const char* name) {
    const fs::path page = s.path / name;
    spit(page, page_html);
    const auto d = chromium(exe, s.path, page, "--window-size=1280,2000 --virtual-time-budget=3000 --dump-dom");
    EXPECT_EQ(d.status, 0) << d.err;
    return probed_labels(d.out);
  };
  const std::string got = labels(html, "ten-years.html");
  ASSERT_THAT(got, ::testing::StartsWith("labels ")) << "the probe did not run";
  EXPECT_THAT(got, ::testing::EndsWith(", overlaps 0"));
  EXPECT_GT(std::stoi(got.substr(7)), 3 * 4) << got;  // thinned, not emptied
  // the control: one label drawn twice, on itself, must be caught
  const auto at = html.find("<text class=\"point-label\" x=\"");
  ASSERT_NE(at, std::string::npos);
  std::string twice = html;
  twice.insert(at, html.substr(at, html.find("</text>", at) + 7 - at));
  const std::string caught = labels(twice, "control.html");
  EXPECT_THAT(caught, ::testing::HasSubstr(", overlaps 1: ")) << caught;
  }
}

/// A script that, on load, clicks each label of the verdict filter in turn and counts the growth
/// rows the browser then shows (checkVisibility), all and of each verdict; writes
/// "all A; inconsistent I/x; unverifiable U/x; consistent C/x" (x: rows shown of another verdict).
constexpr std::string_view filter_probe =
    "<script>addEventListener('load',function(){var out=[];"
    "['all','inconsistent','unverifiable','consistent'].forEach(function(k){"
    "document.querySelector('label[for=vf-'+k+']').click();var n=0,x=0;"
    "document.querySelectorAll('.groups .grow-row').forEach(function(r){if(r.checkVisibility()){n++;"
    "if(k!=='all'&&!r.classList.contains('v-'+k))x++}});out.push(k+' '+n+(k==='all'?'':'/'+x))});"
    "document.documentElement.setAttribute('data-annals-filter',out.join('; '))})</script>";

TEST(render_test, the_verdict_filter_shows_only_the_rows_of_its_verdict) {
  ANNALS_REQUIRE_CHROMIUM(exe);
  scratch s;
  std::string html = bundled_report_html();
  auto count = [&](const std::string& cls) {
    std::size_t n = 0;
    for (auto p = html.find(cls); p != std::string::npos; p = html.find(cls, p + 1)) ++n;
    return n;
  };
  const std::size_t rows = count("<div class=\"grow-row"), bad = count(" v-inconsistent\">"),
                    unv = count(" v-unverifiable\">"), ok = count(" v-consistent\">");
  ASSERT_GT(rows, 0u);
  ASSERT_GT(bad + unv + ok, 0u) << "no checked growth in the bundled report";
  html.insert(html.find("<head>") + 6, filter_probe);
  const fs::path page = s.path / "filter.html";
  spit(page, html);
  const auto d = chromium(exe, s.path, page, "--window-size=1280,2000 --virtual-time-budget=3000 --dump-dom");
  ASSERT_EQ(d.status, 0) << d.err;
  static const std::regex attr("data-annals-filter=\"([^\"]*)\"");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(d.out, m, attr)) << "the probe did not run";
  EXPECT_EQ(m[1].str(), "all " + std::to_string(rows) + "; inconsistent " + std::to_string(bad) + "/0; unverifiable " +
                            std::to_string(unv) + "/0; consistent " + std::to_string(ok) + "/0");
}

TEST(render_test, detectors_catch_a_fetched_image_and_an_inline_script) {
  ANNALS_REQUIRE_CHROMIUM(exe);
  scratch s;
  std::string html = bundled_report_html();
  // What a careless renderer might emit: a remote image and a script. The page's CSP blocks both.
  const auto body = html.find("<body>");
  ASSERT_NE(body, std::string::npos);
  html.insert(body + 6, "<img src=\"https://example.invalid/logo.png\"><script>console.log('x')</script>");
  const fs::path page = s.path / "broken.html";
  spit(page, html);
  const auto r = chromium(exe, s.path, page, "--screenshot='" + (s.path / "b.png").string() + "' --window-size=800,600");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(console_lines(r.err, page), ::testing::Not(::testing::IsEmpty()));

  const fs::path inst = s.path / "broken-instrumented.html";
  spit(inst, instrumented(html));
  const auto d = chromium(exe, s.path, inst, "--virtual-time-budget=3000 --dump-dom");
  ASSERT_EQ(d.status, 0) << d.err;
  const std::string rec = recorded_errors(d.out);
  ASSERT_FALSE(rec.empty()) << "the recorder did not run";
  EXPECT_NE(rec.rfind("0: ", 0), 0u) << rec;
  EXPECT_THAT(rec, ::testing::HasSubstr("example.invalid"));
}

}  // namespace
