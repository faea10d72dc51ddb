// to_html(jurisdiction_view): the self-contained HTML report. Inline CSS, inline SVG charts, no
// script and nothing fetched (a Content-Security-Policy says so). Every piece of report text goes
// through html_escape().

#include "analyze/evidence_detail.hpp"
#include "analyze/render_detail.hpp"

#include <annals/html_report.hpp>
#include <annals/range_text.hpp>
#include <annals/text.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <array>
#include <map>

namespace annals {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

using namespace detail;

std::string esc(std::string_view s) { return html_escape(s); }

// The charts and growth rows, one of each per metric, are appended piece by piece to the page:
// chains of `"…" + x + "…"` build and copy a temporary string at every `+`, and a page of
// 10,000 metrics has millions of pieces.

/// Appends every part to `s`.
template <class... Parts>
void put(std::string& s, const Parts&... parts) {
  (s.append(std::string_view(parts)), ...);
}

/// Appends html_escape(text) to `s`.
void put_esc(std::string& s, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': s += "&amp;"; break;
      case '<': s += "&lt;"; break;
      case '>': s += "&gt;"; break;
      case '"': s += "&quot;"; break;
      case '\'': s += "&#39;"; break;
      default: s += c;
    }
  }
}

/// A number for SVG coordinates: fixed, one decimal, no locale. std::to_chars writes what a
/// stream in fixed notation with precision 1 writes (both as printf's %.1f), without building a
/// stream for every coordinate: a report of 10,000 metrics has hundreds of thousands of them.
std::string num(double v) {
  if (!std::isfinite(v)) v = 0;
  char buf[320];  // the largest finite double has 309 digits before the point
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1);
  return std::string(buf, r.ptr);
}

std::string chip(std::string_view status, std::string_view suffix = {}, report_lang lang = report_lang::en) {
  const std::string words = lang == report_lang::zh ? std::string(status_label_zh(status)) : status_label(status);
  return "<span class=\"chip s-" + esc(status) + "\">" + esc(words) +
         (suffix.empty() ? std::string() : " " + esc(suffix)) + "</span>";
}

/// True when the two figures allow a real range of growth, not just the 2-dp rounding of one value.
bool wide_range(const yoy_point& p) {
  if (!p.growth_lo || !p.growth_hi) return p.growth_lo.has_value() || p.growth_hi.has_value();
  return *p.growth_hi - *p.growth_lo > decimal::parse("0.01");
}

constexpr std::string_view css = R"css(
:root{--ink:#1d2330;--muted:#5d6778;--faint:#8a93a3;--line:#e3e7ee;--bg:#f6f7f9;--card:#fff;
--accent:#2f5bd3;--ok:#1f8a4c;--ok-bg:#e3f4ea;--bad:#c62f2f;--bad-bg:#fde8e8;--warn:#a86200;--warn-bg:#fff1d6;
--info:#2f5bd3;--info-bg:#e6edfd;--grey:#5d6778;--grey-bg:#eef0f4;--violet:#6b3fb8;--violet-bg:#efe8fb}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.6 system-ui,-apple-system,"Segoe UI",
"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei",
"WenQuanYi Micro Hei",sans-serif;font-variant-numeric:tabular-nums}
.wrap{max-width:1120px;margin:0 auto;padding:28px 24px 48px}
header.top{display:flex;flex-wrap:wrap;align-items:flex-end;justify-content:space-between;gap:12px 24px;
border-bottom:1px solid var(--line);padding-bottom:18px;margin-bottom:22px}
.eyebrow{font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:var(--faint);margin:0 0 2px}
h1{font-size:30px;line-height:1.25;margin:0;font-weight:700;letter-spacing:.01em}
h1 small{display:block;font-size:15px;font-weight:400;color:var(--muted);margin-top:4px}
h2{font-size:19px;margin:34px 0 6px;display:flex;align-items:baseline;gap:10px}
h2 .zh{font-weight:400;color:var(--muted);font-size:15px}
p.lede{margin:0 0 14px;color:var(--muted);max-width:78ch}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:0}
.stat{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.stat b{display:block;font-size:24px;line-height:1.2}
.stat span{color:var(--muted);font-size:13px}
.stat.alert b{color:var(--bad)}
.years{display:flex;flex-wrap:wrap;gap:6px}
.year{background:var(--card);border:1px solid var(--line);border-radius:999px;padding:2px 10px;font-size:13px;color:var(--muted)}
.chip{display:inline-block;border-radius:999px;padding:1px 9px;font-size:12px;font-weight:600;line-height:1.6;
white-space:nowrap;background:var(--grey-bg);color:var(--grey)}
.s-consistent,.s-fulfilled,.s-addressed,.s-met,.s-on_track{background:var(--ok-bg);color:var(--ok)}
.s-inconsistent,.s-persisting,.s-regressing{background:var(--bad-bg);color:var(--bad)}
.s-unverifiable,.s-carried_over,.s-needs_acceleration,.s-limited{background:var(--warn-bg);color:var(--warn)}
.s-in_progress{background:var(--info-bg);color:var(--info)}
.s-not_stated,.s-not_reported,.s-no_data{background:var(--grey-bg);color:var(--grey)}
.findings{display:grid;gap:10px}
.finding{background:var(--card);border:1px solid #f3c4c4;border-left:4px solid var(--bad);border-radius:8px;padding:10px 14px}
.finding .what{font-weight:600}
.finding .meta{color:var(--muted);font-size:13px}
.finding .nums{display:flex;flex-wrap:wrap;gap:4px 18px;margin-top:2px}
.finding .nums em{font-style:normal;color:var(--faint);font-size:12px;margin-right:4px}
.ok-note{background:var(--ok-bg);color:var(--ok);border-radius:8px;padding:10px 14px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px}
.growth{padding:4px 0}
.grow-row{display:grid;grid-template-columns:minmax(200px,2.2fr) minmax(160px,3fr) minmax(190px,1.4fr) 112px;
gap:6px 16px;align-items:center;padding:9px 16px;border-top:1px solid var(--line)}
.grow-row:first-child{border-top:0}
.grow-row .lbl{min-width:0}
.grow-row .lbl b{font-weight:600;overflow-wrap:anywhere}
.grow-row .lbl small{display:block;color:var(--muted);font-size:12.5px}
.grow-row .vals{font-size:13px;color:var(--muted);line-height:1.45}
.grow-row .vals b{color:var(--ink);font-weight:600}
.grow-row .why{grid-column:1/-1;color:var(--muted);font-size:12.5px;margin-top:-4px}
.grow-row.bad{background:#fff8f8}
.bar{display:block;width:100%;height:26px}
.sub-h{font-size:15px;margin:20px 0 6px}
.more{margin-top:10px}.more>summary{margin-bottom:8px}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:12.5px;color:var(--muted);margin:6px 2px 10px}
.legend i{display:inline-block;vertical-align:-2px;margin-right:6px}
.legend .k-range{width:18px;height:12px;background:#c9d6f7;border-radius:2px}
.legend .k-comp{width:18px;height:6px;background:var(--accent);border-radius:2px;vertical-align:1px}
.legend .k-stated{width:3px;height:14px;background:#e0641b}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:14px}
.chart{padding:12px 14px 6px}
.chart h3{font-size:14.5px;margin:0;font-weight:600;line-height:1.4;overflow-wrap:anywhere}
.chart .sub{display:flex;justify-content:space-between;align-items:center;gap:8px;color:var(--muted);font-size:12.5px;min-height:22px}
.chart svg{display:block;width:100%;height:auto}
svg text{font-family:inherit}
.tbl{overflow-x:auto}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:9px 12px;border-top:1px solid var(--line)}
thead th{border-top:0;font-size:12px;letter-spacing:.04em;text-transform:uppercase;color:var(--faint);font-weight:600;background:#fafbfc}
td.n,th.n{text-align:right;white-space:nowrap}
td .t{font-weight:600}
td .x{color:var(--muted);font-size:13px;display:block;margin-top:2px}
td .k{color:var(--faint);font-size:12px;white-space:nowrap}
blockquote{margin:2px 0;padding:2px 0 2px 10px;border-left:3px solid var(--line);color:var(--muted);font-size:13px}
details summary{cursor:pointer;color:var(--accent);font-size:12.5px}
.pair{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin:18px 0 8px}
.pair h3{margin:0;font-size:16px}
.pair .counts{display:flex;flex-wrap:wrap;gap:6px}
.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:12px;color:var(--muted)}
.single{columns:3 260px;column-gap:24px;font-size:13.5px;margin:8px 0 0;padding:0;list-style:none}
.single li{break-inside:avoid;padding:2px 0;color:var(--muted)}
.single li b{color:var(--ink);font-weight:500}
footer{margin-top:40px;padding-top:14px;border-top:1px solid var(--line);color:var(--faint);font-size:12.5px}
@media (max-width:760px){.wrap{padding:18px 14px 36px}h1{font-size:24px}
.grow-row{grid-template-columns:1fr auto;gap:4px 10px}.grow-row .bar-cell{grid-column:1/-1;order:3}
.grow-row .vals{order:2}.grow-row .chipcell{order:1;text-align:right}}
@media print{body{background:#fff}.wrap{max-width:none;padding:0}h2{break-before:page;break-after:avoid}
details::details-content{content-visibility:visible;display:contents}details>summary{display:none}
.card,.stat,.finding,.chart,.grow-row,tr{break-inside:avoid}}
)css";

/// What only the Chinese page has: the verdict filter, the growths grouped by metric, the links to
/// the evidence and the evidence list. The filter is radio inputs and CSS: no script.
constexpr std::string_view css_zh = R"css(
h1,h2,h3{letter-spacing:0}
.vf{position:absolute;opacity:0;pointer-events:none}
.filter{display:flex;flex-wrap:wrap;gap:8px;margin:4px 0 12px}
.filter label{cursor:pointer;border:1px solid var(--line);background:var(--card);border-radius:999px;padding:3px 12px;font-size:13px;color:var(--muted)}
#vf-all:checked~.filter label[for=vf-all],#vf-inconsistent:checked~.filter label[for=vf-inconsistent],
#vf-unverifiable:checked~.filter label[for=vf-unverifiable],#vf-consistent:checked~.filter label[for=vf-consistent]
{border-color:var(--accent);color:var(--accent);font-weight:600}
.vf:focus-visible~.filter{outline:2px solid var(--accent);outline-offset:2px}
#vf-inconsistent:checked~.groups .grow-row:not(.v-inconsistent),#vf-inconsistent:checked~.groups .metric-group:not(.has-inconsistent),
#vf-unverifiable:checked~.groups .grow-row:not(.v-unverifiable),#vf-unverifiable:checked~.groups .metric-group:not(.has-unverifiable),
#vf-consistent:checked~.groups .grow-row:not(.v-consistent),#vf-consistent:checked~.groups .metric-group:not(.has-consistent)
{display:none}
.metric-group{margin:0 0 12px}
.metric-group h3{font-size:15px;margin:14px 0 6px}
.metric-group h3 small{font-weight:400;color:var(--muted);font-size:12.5px;margin-left:6px}
a.ev{color:var(--accent);text-decoration:none;font-size:12.5px;white-space:nowrap}
a.ev:hover{text-decoration:underline}
a.chip-link{text-decoration:none}
.quotes{list-style:none;margin:0;padding:0;display:grid;gap:10px}
.quote{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px;scroll-margin-top:12px}
.quote:target{border-color:var(--accent);box-shadow:0 0 0 2px var(--info-bg)}
.quote .where{font-weight:600;font-size:13.5px}
.quote blockquote{color:var(--ink);font-size:14px;margin:6px 0}
.quote mark{background:#ffe08a;color:inherit;padding:0 1px;border-radius:2px}
.quote .src{color:var(--muted);font-size:12px;overflow-wrap:anywhere}
@media print{.vf,.filter{display:none}.groups .grow-row{display:grid!important}.groups .metric-group{display:block!important}}
)css";

// ---- charts ----------------------------------------------------------------------------------

struct axis {
  double lo = 0;
  double hi = 1;
  double step = 1;
};

/// A y axis with 3–5 round ticks covering [min, max]; starts at 0 for non-negative data unless
/// the data sit far above it.
axis nice_axis(double mn, double mx) {
  if (mn > mx) std::swap(mn, mx);
  if (mn >= 0 && mn < 0.55 * mx) mn = 0;
  if (mx - mn < 1e-9) {
    const double pad = std::max(std::abs(mx) * 0.1, 1.0);
    mn -= pad;
    mx += pad;
  }
  const double raw = (mx - mn) / 4;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = m * mag;
    if (raw <= step) break;
  }
  axis a;
  a.step = step;
  a.lo = std::floor(mn / step) * step;
  a.hi = std::ceil(mx / step) * step;
  if (a.lo < 0 && mn >= 0) a.lo = 0;
  return a;
}

/// A text's box in chart units.
struct label_box {
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
  [[nodiscard]] bool meets(const label_box& o, double gap) const {
    return x0 < o.x1 + gap && o.x0 < x1 + gap && y0 < o.y1 + gap && o.y0 < y1 + gap;
  }
};

/// The box of `text` at font size `size` drawn at (x, baseline y) with the SVG `anchor`. On the
/// wide side of every font the page may fall back to: a CJK (or any non-ASCII) character one em,
/// anything else 0.7 em (bold DejaVu digits are 0.70, Noto's 0.55); ascent 1 em, descent 0.3 em.
label_box text_box(std::string_view text, double size, double x, double y, std::string_view anchor) {
  double w = 0;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) w += 0.7 * size;
    else if ((c & 0xC0) != 0x80) w += size;  // the first byte of a multi-byte character
  }
  const double x0 = anchor == "start" ? x : (anchor == "end" ? x - w : x - w / 2);
  return {x0, x0 + w, y - size, y + 0.3 * size};
}

/// Which of `boxes` to draw so that no two meet: taken greedily in the order `order` (the ones
/// that matter most first), each kept when it meets none kept before it.
std::vector<bool> thin_labels(const std::vector<label_box>& boxes, const std::vector<std::size_t>& order) {
  std::vector<bool> keep(boxes.size(), false);
  std::vector<std::size_t> kept;
  for (const std::size_t i : order) {
    const bool clear = std::none_of(kept.begin(), kept.end(), [&](std::size_t k) { return boxes[i].meets(boxes[k], 2); });
    if (clear) {
      keep[i] = true;
      kept.push_back(i);
    }
  }
  return keep;
}

/// The point labels of a chart: where each goes, and which are drawn.
struct point_label {
  double x = 0, y = 0;
  std::string_view anchor;
  std::string text;
};

/// Appends the year labels under a chart (baseline `y`, centred on `x[i]`), thinned: the last
/// year first, then the first, then the rest from the latest back.
void put_year_labels(std::string& s, const std::vector<yoy_point>& pts, const std::vector<double>& x, double y) {
  std::vector<label_box> boxes;
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < pts.size(); ++i) boxes.push_back(text_box(std::to_string(pts[i].year), 11, x[i], y, "middle"));
  for (std::size_t i = pts.size(); i-- > 0;) order.push_back(i);
  if (pts.size() > 2) {
    std::erase(order, std::size_t{0});
    order.insert(order.begin() + 1, 0);
  }
  const std::vector<bool> shown = thin_labels(boxes, order);
  for (std::size_t i = 0; i < pts.size(); ++i)
    if (shown[i])
      put(s, "<text class=\"year-label\" x=\"", num(x[i]), "\" y=\"", num(y),
          "\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5d6778\">", std::to_string(pts[i].year), "</text>");
}

/// Appends the value labels of a chart's points, thinned: the last point first, then `bad` (the
/// inconsistent ones), then `rest`, each from the latest back.
void put_point_labels(std::string& s, const std::vector<yoy_point>& pts, const std::vector<point_label>& labels,
                      const std::vector<label_box>& boxes, std::vector<std::size_t> bad, std::vector<std::size_t> rest) {
  std::reverse(bad.begin(), bad.end());
  std::reverse(rest.begin(), rest.end());
  const std::size_t last = pts.size() - 1;
  std::erase(bad, last);
  std::erase(rest, last);
  std::vector<std::size_t> order{last};
  order.insert(order.end(), bad.begin(), bad.end());
  order.insert(order.end(), rest.begin(), rest.end());
  const std::vector<bool> shown = thin_labels(boxes, order);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (!shown[i]) continue;
    const bool red = pts[i].verdict && *pts[i].verdict == metric_verdict::inconsistent;
    put(s, "<text class=\"point-label\" x=\"", num(labels[i].x), "\" y=\"", num(labels[i].y), "\" text-anchor=\"",
        labels[i].anchor, "\" font-size=\"11\" font-weight=\"600\" fill=\"", red ? "#c62f2f" : "#1d2330", "\">");
    put_esc(s, labels[i].text);
    s += "</text>";
  }
}

/// Appends the chart of one metric's values across the years to `s`. With many years, the year
/// and value labels are thinned so that none overlaps another: the last year's, then the
/// inconsistent ones', then the rest from the latest back; every point keeps its value in a
/// tooltip. A y axis that does not start at 0 is marked with a break on the axis.
void line_chart(std::string& s, const metric_history& m, report_lang lang) {
  constexpr double w = 340, h = 170, left = 46, right = 16, top = 22, bottom = 132, inset = 22;
  const auto& pts = m.points;
  double mn = pts.front().value.to_double(), mx = mn;
  for (const auto& p : pts) {
    mn = std::min(mn, p.value.to_double());
    mx = std::max(mx, p.value.to_double());
    if (p.bounds.lo) mn = std::min(mn, p.bounds.lo->to_double());
    if (p.bounds.hi) mx = std::max(mx, p.bounds.hi->to_double());
  }
  const axis ax = nice_axis(mn, mx);
  const int y0 = pts.front().year, y1 = pts.back().year;
  auto xof = [&](int year) {
    if (y1 == y0) return (left + w - right) / 2;
    return left + inset + (w - right - left - 2 * inset) * (year - y0) / static_cast<double>(y1 - y0);
  };
  auto yof = [&](double v) { return bottom - (bottom - top) * (v - ax.lo) / (ax.hi - ax.lo); };

  put(s, "<svg viewBox=\"0 0 ", num(w), " ", num(h), "\" role=\"img\" aria-label=\"");
  put_esc(s, m.label);
  s += "\">";
  // grid and y ticks
  for (double t = ax.lo; t <= ax.hi + ax.step / 2; t += ax.step) {
    const double y = yof(t);
    put(s, "<line x1=\"", num(left), "\" x2=\"", num(w - right), "\" y1=\"", num(y), "\" y2=\"", num(y),
        "\" stroke=\"", std::abs(t) < ax.step / 1000 ? "#c3c9d4" : "#edf0f4", "\"/>");
    put(s, "<text x=\"", num(left - 6), "\" y=\"", num(y + 3.5),
        "\" text-anchor=\"end\" font-size=\"10\" fill=\"#8a93a3\">");
    put_esc(s, compact_number(t));
    s += "</text>";
  }
  if (ax.lo > 0) {  // the axis break: the data sit far above zero
    put(s, "<path class=\"axis-break\" d=\"M", num(left - 9), " ", num(bottom + 4), "l6 -8M", num(left - 4), " ",
        num(bottom + 4), "l6 -8\" stroke=\"#5d6778\" stroke-width=\"1.4\" fill=\"none\"><title>",
        lang == report_lang::zh ? "纵轴起点为" : "the axis starts at ");
    put_esc(s, compact_number(ax.lo));
    s += lang == report_lang::zh ? "，而非0</title></path>" : ", not 0</title></path>";
  }
  std::vector<double> year_x;
  for (const auto& p : pts) year_x.push_back(xof(p.year));
  put_year_labels(s, pts, year_x, bottom + 18);
  // the line, dashed across missing years
  for (std::size_t i = 1; i < pts.size(); ++i) {
    const bool gap = pts[i].year - pts[i - 1].year > 1;
    put(s, "<line x1=\"", num(xof(pts[i - 1].year)), "\" y1=\"", num(yof(pts[i - 1].value.to_double())),
        "\" x2=\"", num(xof(pts[i].year)), "\" y2=\"", num(yof(pts[i].value.to_double())),
        "\" stroke=\"#2f5bd3\" stroke-width=\"2.2\" stroke-linecap=\"round\"",
        gap ? " stroke-dasharray=\"4 4\"" : "", "/>");
  }
  // intervals, points, then the labels that fit
  std::vector<point_label> labels;
  std::vector<label_box> boxes;
  std::vector<std::size_t> order, rest;
  for (const auto& p : pts) {
    const double x = xof(p.year), y = yof(p.value.to_double());
    if (p.bounds.lo && p.bounds.hi && *p.bounds.lo != *p.bounds.hi) {
      const double ylo = yof(p.bounds.lo->to_double()), yhi = yof(p.bounds.hi->to_double());
      put(s, "<rect x=\"", num(x - 4), "\" y=\"", num(std::min(ylo, yhi)), "\" width=\"8\" height=\"",
          num(std::max(std::abs(ylo - yhi), 1.0)), "\" rx=\"2\" fill=\"#c9d6f7\"><title>");
      put_esc(s, interval_text(p.bounds, m.unit));
      s += "</title></rect>";
    }
    const bool bad = p.verdict && *p.verdict == metric_verdict::inconsistent;
    put(s, "<circle cx=\"", num(x), "\" cy=\"", num(y), "\" r=\"4.2\" fill=\"", bad ? "#c62f2f" : "#fff",
        "\" stroke=\"", bad ? "#c62f2f" : "#2f5bd3", "\" stroke-width=\"2\"><title>", std::to_string(p.year),
        lang == report_lang::zh ? "年：" : ": ");
    put_esc(s, p.text);
    s += "</title></circle>";
    const double ly = std::max(y - 10, top - 8);
    const std::string_view anchor = x < left + inset + 10 ? "start" : (x > w - right - inset - 10 ? "end" : "middle");
    const double lx = x < left + inset + 10 ? x - 8 : (x > w - right - inset - 10 ? x + 8 : x);
    labels.push_back({lx, ly, anchor, truncate(p.text, 12)});
    boxes.push_back(text_box(labels.back().text, 11, lx, ly, anchor));
    (bad ? order : rest).push_back(labels.size() - 1);
  }
  put_point_labels(s, pts, labels, boxes, order, rest);
  s += "</svg>";
}

/// One row's bar: the interval of computed growth (light), the computed growth (solid, from 0),
/// and the stated growth (orange tick), on a shared scale.
struct bar_scale {
  double lo = 0;
  double hi = 100;
  [[nodiscard]] double x(double v) const {
    const double c = std::clamp(v, lo, hi);
    return 1000 * (c - lo) / (hi - lo);
  }
};

/// Appends one row's bar to `s`.
void growth_bar(std::string& s, const yoy_point& p, const bar_scale& sc) {
  s += "<svg class=\"bar\" viewBox=\"0 0 1000 26\" preserveAspectRatio=\"none\" aria-hidden=\"true\">";
  s += "<rect x=\"0\" y=\"4\" width=\"1000\" height=\"18\" rx=\"3\" fill=\"#f3f5f8\"/>";
  if (p.growth_lo || p.growth_hi) {
    const double a = sc.x(p.growth_lo ? p.growth_lo->to_double() : sc.lo);
    const double b = sc.x(p.growth_hi ? p.growth_hi->to_double() : sc.hi);
    put(s, "<rect x=\"", num(std::min(a, b)), "\" y=\"4\" width=\"", num(std::max(std::abs(b - a), 3.0)),
        "\" height=\"18\" fill=\"#c9d6f7\"/>");
  }
  if (p.growth_pct) {
    const double z = sc.x(0), g = sc.x(p.growth_pct->to_double());
    put(s, "<rect x=\"", num(std::min(z, g)), "\" y=\"10\" width=\"", num(std::max(std::abs(g - z), 2.0)),
        "\" height=\"6\" fill=\"",
        p.verdict && *p.verdict == metric_verdict::inconsistent ? "#c62f2f" : "#2f5bd3", "\"/>");
  }
  const double z = sc.x(0);
  put(s, "<line x1=\"", num(z), "\" x2=\"", num(z),
      "\" y1=\"1\" y2=\"25\" stroke=\"#8a93a3\" stroke-width=\"1\" vector-effect=\"non-scaling-stroke\"/>");
  if (p.stated) {
    const double st = sc.x(p.stated->to_double());
    put(s, "<line x1=\"", num(st), "\" x2=\"", num(st),
        "\" y1=\"0\" y2=\"26\" stroke=\"#e0641b\" stroke-width=\"3\" vector-effect=\"non-scaling-stroke\"/>");
  }
  s += "</svg>";
}

struct growth_row {
  const metric_history* m;
  const yoy_point* p;
  int prev_year;
  std::string prev_text;
};

/// What every part of the page needs to know: the language, and the quotes links may point to.
struct page {
  report_lang lang = report_lang::en;
  std::map<std::string, const evidence_quote*> quotes;

  [[nodiscard]] bool zh() const { return lang == report_lang::zh; }
  /// `en` or `zh`, as the page's language says.
  [[nodiscard]] std::string_view t(std::string_view en, std::string_view zh_text) const { return zh() ? zh_text : en; }
  [[nodiscard]] const evidence_quote* quote(const std::string& id) const {
    const auto it = quotes.find(id);
    return it == quotes.end() ? nullptr : it->second;
  }
};

/// 2024年报告 第三部分 第二项 (zh) / 2024 report, part 3, item 2 (en).
std::string where_text(const evidence_quote& q, report_lang lang) {
  std::string s;
  if (lang == report_lang::zh) {
    s = std::to_string(q.year) + "年报告";
    if (!q.section_marker.empty()) s += " 第" + q.section_marker + "部分";
    if (q.item > 0) s += " 第" + zh_numeral(q.item) + "项";
    return s;
  }
  s = std::to_string(q.year) + " report";
  if (!q.section_marker.empty()) s += ", part " + q.section_marker;
  if (q.item > 0) s += ", item " + std::to_string(q.item);
  return s;
}

/// `<a class="ev" href="#id">原文：2024年报告 第三部分 第二项</a>`, or nothing when there is no such quote.
std::string evidence_link(const page& pg, const std::string& id) {
  const evidence_quote* q = pg.quote(id);
  if (!q) return {};
  return "<a class=\"ev\" href=\"#" + esc(id) + "\">" + std::string(pg.t("source: ", "原文：")) +
         esc(where_text(*q, pg.lang)) + "</a>";
}

/// A chip that links to its evidence when there is one.
std::string linked_chip(const page& pg, std::string_view status, const std::string& quote, std::string_view suffix = {}) {
  const std::string c = chip(status, suffix, pg.lang);
  if (!pg.quote(quote)) return c;
  return "<a class=\"chip-link\" href=\"#" + esc(quote) + "\">" + c + "</a>";
}

int severity(const std::optional<metric_verdict>& v) {
  if (!v) return 9;
  switch (*v) {
    case metric_verdict::inconsistent: return 0;
    case metric_verdict::unverifiable: return 2;
    case metric_verdict::consistent: return 1;
    case metric_verdict::not_stated: return 3;
  }
  return 9;
}

bar_scale scale_for(const std::vector<growth_row>& rows) {
  double lo = 0, hi = 0;
  for (const auto& r : rows) {
    if (r.p->growth_pct) {
      lo = std::min(lo, r.p->growth_pct->to_double());
      hi = std::max(hi, r.p->growth_pct->to_double());
    }
    if (r.p->stated) {
      lo = std::min(lo, r.p->stated->to_double());
      hi = std::max(hi, r.p->stated->to_double());
    }
  }
  // Keep one runaway figure from flattening the rest: cap the scale at 4× the 80th percentile.
  std::vector<double> mags;
  for (const auto& r : rows) {
    if (r.p->growth_pct) mags.push_back(std::abs(r.p->growth_pct->to_double()));
    if (r.p->stated) mags.push_back(std::abs(r.p->stated->to_double()));
  }
  if (mags.size() >= 5) {
    std::sort(mags.begin(), mags.end());
    const double p80 = mags[mags.size() * 4 / 5];
    const double cap = std::max(p80 * 4, 10.0);
    hi = std::min(hi, cap);
    lo = std::max(lo, -cap);
  }
  const double span = std::max(hi - lo, 1.0);
  return {lo - span * 0.04, hi + span * 0.06};
}

/// The computed, stated and allowed growth of one row.
void put_growth_values(std::string& s, const yoy_point& p, const page& pg) {
  const bool pp = p.stated_kind == change_kind::pp;
  const std::string_view pp_unit = pg.t(" pp", "个百分点");
  if (p.growth_pct) {
    s += pg.t("computed <b>", "计算 <b>");
    put_esc(s, signed_fixed(*p.growth_pct, 2));
    put(s, p.in_pp ? pp_unit : "%", "</b>");
  }
  if (p.stated) {
    if (p.growth_pct) s += "<br>";
    s += pg.t("stated <b>", "报告 <b>");
    put_esc(s, signed_plain(*p.stated));
    put(s, pp ? pp_unit : "%", "</b>");
  }
  if (wide_range(p)) {
    s += pg.t("<br><span title=\"growth the two figures allow\">allowed ", "<br><span title=\"两项数据允许的增幅\">允许 ");
    put_esc(s, range_text(p.growth_lo, p.growth_hi, p.in_pp ? pp_unit : "%", pg.zh() ? range_in_zh : range_in_words));
    s += "</span>";
  }
}

/// The line under a row: the stated words, the reason, the prior year it implies, the evidence.
void put_growth_why(std::string& s, const growth_row& r, const page& pg) {
  const auto& p = *r.p;
  std::string why = localize_reason(p.reason, pg.lang);
  if (p.implied_prior_lo || p.implied_prior_hi) {
    const std::string range = range_text(p.implied_prior_lo, p.implied_prior_hi, r.m->unit,
                                         pg.zh() ? range_in_zh : range_in_words);
    const std::string implied = pg.zh() ? "据此推算" + std::to_string(p.year - 1) + "年约为" + range
                                        : "implies " + std::to_string(p.year - 1) + " ≈ " + range;
    why += (why.empty() ? "" : pg.zh() ? "；" : " · ") + implied;
  }
  if (!p.stated_text.empty()) why = "“" + p.stated_text + "”" + (why.empty() ? "" : (pg.zh() ? "——" : " — ") + why);
  const std::string link = pg.zh() ? evidence_link(pg, quote_id(p.year, p.fact)) : std::string();
  if (why.empty() && link.empty()) return;
  s += "<div class=\"why\">";
  put_esc(s, why);
  if (!link.empty()) put(s, why.empty() ? "" : " ", link);
  s += "</div>";
}

void write_growth_rows(std::string& s, const std::vector<growth_row>& rows, const bar_scale& sc, const page& pg) {
  for (const auto& r : rows) {
    const auto& p = *r.p;
    const bool bad = p.verdict && *p.verdict == metric_verdict::inconsistent;
    s += bad ? "<div class=\"grow-row bad" : "<div class=\"grow-row";
    if (pg.zh() && p.verdict) put(s, " v-", to_string(*p.verdict));
    s += "\"><div class=\"lbl\"><b>";
    put_esc(s, pg.zh() ? std::to_string(p.year) + "年" : r.m->label);
    s += "</b><small>";
    if (r.prev_year) {
      put(s, std::to_string(r.prev_year), pg.t(" ", "年 "));
      put_esc(s, r.prev_text);
      s += " → ";
    }
    put(s, std::to_string(p.year), pg.t(" ", "年 "));
    put_esc(s, p.text);
    s += "</small></div><div class=\"bar-cell\">";
    growth_bar(s, p, sc);
    s += "</div><div class=\"vals\">";
    put_growth_values(s, p, pg);
    s += "</div><div class=\"chipcell\">";
    if (p.verdict) s += pg.zh() ? linked_chip(pg, to_string(*p.verdict), quote_id(p.year, p.fact)) : chip(to_string(*p.verdict));
    s += "</div>";
    put_growth_why(s, r, pg);
    s += "</div>";
  }
}

}  // namespace

namespace {

/// More than the page will take, so that the page is written into one buffer: growing it by
/// doubling copies every byte written so far (a page of 10,000 metrics is about 36 MB) and holds
/// the old and new buffer at once. Pages of a reserved buffer not written are never touched, so
/// reserving too much costs address space, not memory.
std::size_t size_hint(const jurisdiction_view& v) {
  std::size_t n = 64 * 1024;
  for (const auto& m : v.metrics) n += 2048 + 2048 * m.points.size() + 2 * m.label.size();
  for (const auto& c : v.commitments) {
    n += 2048;
    for (const auto& e : c.evidence) n += 64 + 2 * e.text.size();
  }
  for (const auto& x : v.inconsistencies) n += 512 + 2 * (x.label.size() + x.stated.size() + x.found.size() + x.reason.size());
  for (const auto& r : v.reports) n += 1024 + 2 * (r.title.size() + r.source_name.size());
  for (const auto& q : v.quotes) n += 1024 + 2 * (q.before.size() + q.marked.size() + q.after.size() + q.section_heading.size());
  return n;
}

/// The document head: the policy that nothing is fetched, the title, the CSS.
void html_head(const jurisdiction_view& v, const std::string& years, std::string& s, const page& pg) {
  s += pg.zh() ? "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
               : "<!doctype html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n";
  s += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
       "img-src data:\">\n";
  s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  s += "<meta name=\"generator\" content=\"" + esc(v.generator) + "\">\n";
  if (pg.zh())
    s += "<title>" + esc(v.jurisdiction) + " · 法治政府建设情况 " + esc(years) + (years.empty() ? "" : "年") + " · annals</title>\n";
  else
    s += "<title>" + esc(v.jurisdiction) + " · 法治政府建设 " + esc(years) + " · annals</title>\n";
  s += "<style>";
  s += css;
  if (pg.zh()) s += css_zh;
  s += "</style>\n</head>\n<body>\n<div class=\"wrap\">\n";
}

/// The title, and one chip per report year.
void html_header(const jurisdiction_view& v, const std::string& years, std::string& s, const page& pg) {
  s += std::string("<header class=\"top\"><div><p class=\"eyebrow\">") +
       std::string(pg.t("annals · year-over-year report", "annals · 历年对比分析")) + "</p><h1>" + esc(v.jurisdiction) +
       "<small>法治政府建设情况报告 " + esc(years) + (pg.zh() && !years.empty() ? "年" : "") + "</small></h1></div>";
  s += "<div class=\"years\">";
  for (const auto& r : v.reports) {
    const std::string year = r.year ? std::to_string(r.year->value()) : std::string("?");
    s += "<span class=\"year\" title=\"" + esc(r.title) + "\">" +
         (pg.zh() ? year + (r.year ? "年" : "") + " · 数据" + std::to_string(r.facts) + "项"
                  : year + " · " + std::to_string(r.facts) + " figures") +
         "</span>";
  }
  s += "</div></header>\n";
}

/// One of the five numbers at the top.
void stat(std::string& s, const std::string& number, std::string_view words, bool alert = false) {
  s += std::string("<div class=\"stat") + (alert ? " alert" : "") + "\"><b>" + number + "</b><span>" + std::string(words) +
       "</span></div>";
}

/// The five numbers at the top.
void html_stats(const jurisdiction_view& v, const std::string& years, std::string& s, const page& pg) {
  std::size_t across = 0, checked = 0;
  for (const auto& m : v.metrics) {
    if (m.points.size() >= 2) ++across;
    for (const auto& p : m.points)
      if (p.verdict && (*p.verdict == metric_verdict::consistent || *p.verdict == metric_verdict::inconsistent))
        ++checked;
  }
  std::map<std::string, std::size_t> status_counts;
  for (const auto& c : v.commitments) ++status_counts[std::string(to_string(c.status))];
  const std::size_t done = status_counts["fulfilled"] + status_counts["addressed"];
  s += "<section class=\"stats\">";
  if (pg.zh()) {
    stat(s, std::to_string(v.reports.size()), "份报告" + (years.empty() ? std::string() : "（" + esc(years) + "年）"));
    stat(s, std::to_string(across), "项指标在两年及以上报告中出现");
    stat(s, std::to_string(checked), "处增幅表述已与数据核对");
    stat(s, std::to_string(v.inconsistencies.size()), "处前后不一致", !v.inconsistencies.empty());
    stat(s, std::to_string(done) + " / " + std::to_string(v.commitments.size()), "项承诺已完成或问题已整改");
  } else {
    stat(s, std::to_string(v.reports.size()), "reports, " + esc(years));
    stat(s, std::to_string(across), "metrics stated in two or more years");
    stat(s, std::to_string(checked), "stated changes checked against the figures");
    stat(s, std::to_string(v.inconsistencies.size()), "inconsistencies", !v.inconsistencies.empty());
    stat(s, std::to_string(done) + " / " + std::to_string(v.commitments.size()), "commitments fulfilled or problems addressed");
  }
  s += "</section>\n";
}

/// What the reports contradict themselves on, first.
void html_inconsistencies(const jurisdiction_view& v, std::string& s, const page& pg) {
  s += pg.t("<h2 id=\"inconsistencies\">Inconsistencies <span class=\"zh\">前后不一致</span></h2>\n",
            "<h2 id=\"inconsistencies\">前后不一致</h2>\n");
  if (v.inconsistencies.empty()) {
    s += pg.t("<p class=\"ok-note\">No stated change contradicts the figures of the years the store holds.</p>\n",
              "<p class=\"ok-note\">未发现与数据库所存各年数据相矛盾的增幅表述。</p>\n");
    return;
  }
  s += pg.t("<p class=\"lede\">Stated changes that no reading of the figures allows, after allowing for the "
            "qualifiers (超, 余, 以上…), the written precision and rounding or truncation of the stated value.</p>\n",
            "<p class=\"lede\">以下增幅表述在考虑“超”“余”“以上”等限定词、数据书写精度以及四舍五入或截尾取值后，"
            "仍无法由报告所列数据得出。</p>\n");
  s += "<div class=\"findings\">";
  for (const auto& f : v.inconsistencies) {
    s += "<div class=\"finding\"><div class=\"meta\">" +
         (pg.zh() ? std::to_string(f.year) + "年报告 · " + std::string(finding_kind_zh(f.kind))
                  : std::to_string(f.year) + " report · " + esc(f.kind)) +
         "</div><div class=\"what\">" + esc(f.label) + "</div><div class=\"nums\">";
    if (!f.stated.empty())
      s += std::string(pg.t("<span><em>stated</em>", "<span><em>报告所称</em>")) + esc(localize_reason(f.stated, pg.lang)) + "</span>";
    if (!f.found.empty())
      s += std::string(pg.t("<span><em>the figures give</em>", "<span><em>按数据计算</em>")) +
           esc(localize_reason(f.found, pg.lang)) + "</span>";
    s += "</div>";
    const std::string link = pg.zh() ? evidence_link(pg, f.quote) : std::string();
    if (!f.reason.empty() || !link.empty())
      s += "<div class=\"meta\">" + esc(localize_reason(f.reason, pg.lang)) + (f.reason.empty() || link.empty() ? "" : " ") +
           link + "</div>";
    s += "</div>";
  }
  s += "</div>\n";
}

}  // namespace

namespace {

/// Every growth row, split into relative growths and percentage-point changes.
void growth_rows(const jurisdiction_view& v, std::vector<growth_row>& rows_pct, std::vector<growth_row>& rows_pp) {
  for (const auto& m : v.metrics) {
    for (std::size_t i = 0; i < m.points.size(); ++i) {
      const auto& p = m.points[i];
      if (!p.growth_pct && !p.stated) continue;
      growth_row r{&m, &p, 0, {}};
      if (i > 0 && p.growth_pct) {
        r.prev_year = m.points[i - 1].year;
        r.prev_text = m.points[i - 1].text;
      }
      (p.stated_kind == change_kind::pp || (m.unit == "%" && !p.stated) ? rows_pp : rows_pct).push_back(r);
    }
  }
}

/// The English page's growth section: the checked rows first, by severity, the rest folded away.
void growth_by_severity(std::vector<growth_row> rows_pct, std::vector<growth_row> rows_pp, std::string& s, const page& pg) {
  auto order = [](const growth_row& a, const growth_row& b) {
    const int sa = severity(a.p->verdict), sb = severity(b.p->verdict);
    if (sa != sb) return sa < sb;
    if (a.p->year != b.p->year) return a.p->year > b.p->year;
    return a.m->label < b.m->label;
  };
  std::stable_sort(rows_pct.begin(), rows_pct.end(), order);
  std::stable_sort(rows_pp.begin(), rows_pp.end(), order);
  auto block = [&s, &pg](const std::vector<growth_row>& rows, const std::string& title) {
    if (rows.empty()) return;
    const bar_scale sc = scale_for(rows);
    std::vector<growth_row> stated, quiet;
    for (const auto& r : rows) (r.p->verdict && *r.p->verdict == metric_verdict::not_stated ? quiet : stated).push_back(r);
    if (!title.empty()) s += "<h3 class=\"sub-h\">" + title + "</h3>\n";
    if (!stated.empty()) {
      s += "<div class=\"card growth\">";
      write_growth_rows(s, stated, sc, pg);
      s += "</div>\n";
    }
    if (!quiet.empty()) {
      s += "<details class=\"more\"><summary>" + std::to_string(quiet.size()) + (quiet.size() == 1 ? " growth" : " growths") +
           " computed where the report states no change</summary><div class=\"card growth\">";
      write_growth_rows(s, quiet, sc, pg);
      s += "</div></details>\n";
    }
  };
  block(rows_pct, "");
  block(rows_pp, "Percentages, in percentage points");
}

/// The verdict filter: radio inputs (CSS reads which is checked) and their labels, with counts.
void verdict_filter(const std::vector<growth_row>& rows, std::string& s) {
  std::map<std::string, std::size_t> n;
  for (const auto& r : rows)
    if (r.p->verdict) ++n[std::string(to_string(*r.p->verdict))];
  const std::array<std::string_view, 3> kinds{"inconsistent", "unverifiable", "consistent"};
  s += "<input type=\"radio\" name=\"verdict-filter\" class=\"vf\" id=\"vf-all\" checked aria-label=\"全部\">";
  for (const auto k : kinds)
    put(s, "<input type=\"radio\" name=\"verdict-filter\" class=\"vf\" id=\"vf-", k, "\" aria-label=\"",
        status_label_zh(k), "\">");
  put(s, "\n<div class=\"filter\" role=\"group\" aria-label=\"按核验结论筛选\"><label for=\"vf-all\">全部 ",
      std::to_string(rows.size()), "</label>");
  for (const auto k : kinds)
    put(s, "<label for=\"vf-", k, "\">", status_label_zh(k), " ", std::to_string(n[std::string(k)]), "</label>");
  s += "</div>\n";
}

/// The Chinese page's growth section: one group per metric (the most severe first), each year a
/// row, with the verdict filter above.
void growth_by_metric(const std::vector<growth_row>& rows_pct, const std::vector<growth_row>& rows_pp, std::string& s,
                      const page& pg) {
  std::vector<growth_row> all = rows_pct;
  all.insert(all.end(), rows_pp.begin(), rows_pp.end());
  const bar_scale sc_pct = scale_for(rows_pct), sc_pp = scale_for(rows_pp);
  std::map<const metric_history*, std::vector<growth_row>> by_metric;
  for (const auto& r : all) by_metric[r.m].push_back(r);
  std::vector<const metric_history*> metrics;
  for (const auto& [m, rows] : by_metric) metrics.push_back(m);
  std::stable_sort(metrics.begin(), metrics.end(), [](const metric_history* a, const metric_history* b) {
    const int sa = severity(a->worst_verdict()), sb = severity(b->worst_verdict());
    return sa != sb ? sa < sb : a->label < b->label;
  });
  verdict_filter(all, s);
  s += "<div class=\"groups\">";
  for (const auto* m : metrics) {
    auto& rows = by_metric[m];
    std::stable_sort(rows.begin(), rows.end(), [](const growth_row& a, const growth_row& b) { return a.p->year < b.p->year; });
    std::string has;
    for (const std::string_view k : {"inconsistent", "unverifiable", "consistent"})
      if (std::any_of(rows.begin(), rows.end(), [&](const growth_row& r) { return r.p->verdict && to_string(*r.p->verdict) == k; }))
        put(has, " has-", k);
    put(s, "<section class=\"metric-group", has, "\"><h3>");
    put_esc(s, m->label);
    s += "<small>";
    put_esc(s, m->unit.empty() ? std::string("计数") : m->unit);
    s += rows.front().p->in_pp ? " · 百分点变化" : " · 同比增幅";
    s += "</small></h3><div class=\"card growth\">";
    const bool pp = std::find_if(rows_pp.begin(), rows_pp.end(), [&](const growth_row& r) { return r.m == m; }) != rows_pp.end();
    write_growth_rows(s, rows, pp ? sc_pp : sc_pct, pg);
    s += "</div></section>\n";
  }
  s += "</div>\n";
}

/// Growth, computed and stated.
void html_growth(const jurisdiction_view& v, std::string& s, const page& pg) {
  std::vector<growth_row> rows_pct, rows_pp;
  growth_rows(v, rows_pct, rows_pp);
  if (pg.zh()) {
    s += "<h2 id=\"growth\">同比增长核验</h2>\n";
    s += "<p class=\"lede\">对连续两年均有表述的指标，列出由两年数据计算的增幅、限定词和书写精度所允许的范围，"
         "以及后一年报告所称的增幅；按指标分组，可按核验结论筛选。点击结论可查看所依据的报告原文。</p>\n";
    s += "<div class=\"legend\"><span><i class=\"k-range\"></i>数据允许的增幅范围</span><span><i "
         "class=\"k-comp\"></i>按书面数值计算的增幅</span><span><i class=\"k-stated\"></i>报告所称增幅</span></div>\n";
  } else {
    s += "<h2 id=\"growth\">Growth, computed and stated <span class=\"zh\">同比增长核验</span></h2>\n";
    s += "<p class=\"lede\">For every metric stated in consecutive years: the growth computed from the two "
         "figures, the range their qualifiers and precision allow, and the growth the later report states.</p>\n";
    s += "<div class=\"legend\"><span><i class=\"k-range\"></i>growth the figures allow</span><span><i "
         "class=\"k-comp\"></i>computed from the written values</span><span><i class=\"k-stated\"></i>stated in "
         "the report</span></div>\n";
  }
  if (rows_pct.empty() && rows_pp.empty()) {
    s += pg.t("<p class=\"lede\">No metric is stated in two consecutive years, and no growth is stated.</p>\n",
              "<p class=\"lede\">没有指标在连续两年中均有表述，报告也未表述增幅。</p>\n");
  } else if (pg.zh()) {
    growth_by_metric(rows_pct, rows_pp, s, pg);
  } else {
    growth_by_severity(std::move(rows_pct), std::move(rows_pp), s, pg);
  }
}

}  // namespace

namespace {

/// One chart per metric stated in two or more years; the others listed.
void html_charts(const jurisdiction_view& v, std::string& s, const page& pg) {
  std::vector<const metric_history*> charted, single;
  for (const auto& m : v.metrics) (m.points.size() >= 2 ? charted : single).push_back(&m);
  std::stable_sort(charted.begin(), charted.end(), [](const metric_history* a, const metric_history* b) {
    return severity(a->worst_verdict()) < severity(b->worst_verdict());
  });
  s += pg.t("<h2 id=\"metrics\">Metrics across the years <span class=\"zh\">指标走势</span></h2>\n",
            "<h2 id=\"metrics\">指标走势</h2>\n");
  s += pg.t("<p class=\"lede\">Each point is the figure as written; the light bar is the interval of values it "
            "allows (超1.11万 is anything between 11,100 and 11,200).</p>\n",
            "<p class=\"lede\">每个点为报告所写数值；浅色条为该写法允许的取值区间（如“超1.11万”指11100至11200之间）。"
            "纵轴不从0起时，轴底标有折断符号。</p>\n");
  if (charted.empty()) {
    s += pg.t("<p class=\"lede\">No metric appears in more than one year yet.</p>\n", "<p class=\"lede\">尚无指标在两年以上报告中出现。</p>\n");
  } else {
    s += "<div class=\"charts\">";
    for (const auto* m : charted) {
      const std::string span = std::to_string(m->points.front().year) + "–" + std::to_string(m->points.back().year);
      s += "<div class=\"card chart\"><h3>" + esc(m->label) + "</h3><div class=\"sub\"><span>" +
           (m->unit.empty() ? std::string(pg.t("count", "计数")) : esc(m->unit)) + " · " + span + (pg.zh() ? "年" : "") +
           "</span>";
      if (const auto w = m->worst_verdict(); w && *w != metric_verdict::not_stated) s += chip(to_string(*w), {}, pg.lang);
      s += "</div>";
      line_chart(s, *m, pg.lang);
      s += "</div>";
    }
    s += "</div>\n";
  }
  if (!single.empty()) {
    s += "<details style=\"margin-top:12px\"><summary>" +
         (pg.zh() ? "另有" + std::to_string(single.size()) + "项指标仅在一年中出现"
                  : std::to_string(single.size()) + " more metrics stated in one year only") +
         "</summary><ul class=\"single\">";
    for (const auto* m : single)
      s += "<li><b>" + esc(m->label) + "</b> " + std::to_string(m->points.front().year) + (pg.zh() ? "年：" : ": ") +
           esc(m->points.front().text) + "</li>";
    s += "</ul></details>\n";
  }
}

/// One row of a pair's commitment table.
void commitment_row(const timeline_entry& c, std::string& s, const page& pg) {
  s += "<tr><td style=\"width:42%\"><span class=\"k\">" + esc(commitment_kind_word(c.kind, pg.lang)) + " · " + esc(c.commitment) +
       "</span><span class=\"t\" style=\"display:block\">" + esc(c.title.empty() ? truncate(c.text, 40) : c.title) + "</span>";
  if (!c.title.empty() && c.text != c.title) s += "<span class=\"x\">" + esc(truncate(c.text, 110)) + "</span>";
  const std::string quote = pg.zh() ? commitment_quote_id(c) : std::string();
  s += "</td><td>" + (pg.zh() ? linked_chip(pg, to_string(c.status), quote) : chip(to_string(c.status))) +
       "<span class=\"k\" style=\"display:block;margin-top:4px\">" + std::string(pg.t("match ", "匹配度 ")) +
       esc(fixed2(c.score)) + "</span>";
  if (pg.zh()) s += evidence_link(pg, quote);
  s += "</td><td>";
  if (c.evidence.empty()) {
    s += "<span class=\"x\">—</span>";
  } else {
    s += "<blockquote>" + esc(truncate(c.evidence.front().text, 120)) + "</blockquote>";
    if (c.evidence.size() > 1) {
      s += "<details><summary>" + (pg.zh() ? "另有" + std::to_string(c.evidence.size() - 1) + "处" : std::to_string(c.evidence.size() - 1) + " more") + "</summary>";
      for (std::size_t k = 1; k < c.evidence.size(); ++k)
        s += "<blockquote>" + esc(truncate(c.evidence[k].text, 160)) + "</blockquote>";
      s += "</details>";
    }
  }
  s += "</td></tr>";
}

/// Each pair of years: the earlier commitments with their status and evidence.
void html_commitments(const jurisdiction_view& v, std::string& s, const page& pg) {
  if (pg.zh()) {
    s += "<h2 id=\"commitments\">承诺事项跟踪</h2>\n<p class=\"lede\">逐年列出报告中的下一步工作安排、规划任务和存在问题，"
         "依据后一年报告按评判规则 " + esc(v.rubric) + " 判定其进展，并附所依据的原文段落。</p>\n";
  } else {
    s += "<h2 id=\"commitments\">Commitments and what became of them <span class=\"zh\">承诺事项跟踪</span></h2>\n";
    s += "<p class=\"lede\">Each year's next steps (下一步), plan and admitted problems (存在问题), judged by the "
         "following year's report under rubric " + esc(v.rubric) + ", with the passages the verdict rests on.</p>\n";
  }
  if (v.commitments.empty())
    s += pg.t("<p class=\"lede\">The store holds no two consecutive years of this jurisdiction, so no commitment "
              "could be followed yet.</p>\n",
              "<p class=\"lede\">数据库中尚无该地区连续两年的报告，暂无法跟踪承诺事项。</p>\n");
  for (std::size_t i = 0; i < v.commitments.size();) {
    const int ey = v.commitments[i].earlier_year, ly = v.commitments[i].later_year;
    std::size_t j = i;
    std::map<std::string, std::size_t> counts;
    while (j < v.commitments.size() && v.commitments[j].earlier_year == ey && v.commitments[j].later_year == ly)
      ++counts[std::string(to_string(v.commitments[j++].status))];
    s += "<div class=\"pair\"><h3>" + std::to_string(ey) + (pg.zh() ? "年 → " : " → ") + std::to_string(ly) +
         (pg.zh() ? "年" : "") + "</h3><div class=\"counts\">";
    for (const auto& [st, n] : counts) s += chip(st, std::to_string(n), pg.lang);
    s += "</div></div>\n<div class=\"card tbl\"><table><thead><tr><th>" +
         (pg.zh() ? std::to_string(ey) + "年承诺事项</th><th>进展</th><th>" + std::to_string(ly) + "年报告中的依据"
                  : std::to_string(ey) + " commitment</th><th>status</th><th>evidence in the " + std::to_string(ly) + " report") +
         "</th></tr></thead><tbody>";
    for (; i < j; ++i) commitment_row(v.commitments[i], s, pg);
    s += "</tbody></table></div>\n";
  }
}

/// The Chinese page's evidence list: every quoted sentence, with its place and source.
void html_evidence(const jurisdiction_view& v, std::string& s) {
  s += "<h2 id=\"evidence\">依据原文</h2>\n<p class=\"lede\">上文各项结论和进展所依据的报告原句，标黄部分为所涉数据或段落；"
       "每条注明所在部分和项目、来源文件及其SHA-256校验值，可据此核对原件。</p>\n";
  if (v.quotes.empty()) {
    s += "<p class=\"lede\">无。</p>\n";
    return;
  }
  s += "<ol class=\"quotes\">";
  for (const auto& q : v.quotes) {
    s += "<li class=\"quote\" id=\"" + esc(q.id) + "\"><div class=\"where\">" + esc(where_text(q, report_lang::zh));
    if (!q.section_heading.empty()) s += " · " + esc(truncate(q.section_heading, 30));
    if (!q.item_title.empty()) s += " · " + esc(truncate(q.item_title, 30));
    s += "</div><blockquote>" + esc(q.before) + "<mark>" + esc(q.marked) + "</mark>" + esc(q.after) +
         "</blockquote><div class=\"src\">来源：" + esc(q.source_name) + " · SHA-256 <span class=\"mono\">" + esc(q.sha256) +
         "</span></div></li>";
  }
  s += "</ol>\n";
}

/// The reports the view reads.
void html_reports(const jurisdiction_view& v, std::string& s, const page& pg) {
  s += pg.t("<h2 id=\"reports\">Reports in the store <span class=\"zh\">报告</span></h2>\n", "<h2 id=\"reports\">所用报告</h2>\n");
  s += pg.t("<div class=\"card tbl\"><table><thead><tr><th>year</th><th>title</th><th>published</th><th class=\"n\">"
            "figures</th><th class=\"n\">changes</th><th class=\"n\">commitments</th><th>sha256</th></tr></thead><tbody>",
            "<div class=\"card tbl\"><table><thead><tr><th>年度</th><th>标题</th><th>发布日期</th><th class=\"n\">"
            "数据</th><th class=\"n\">增幅表述</th><th class=\"n\">承诺事项</th><th>SHA-256</th></tr></thead><tbody>");
  for (const auto& r : v.reports) {
    std::string published = r.published ? r.published->to_iso() : std::string("—");
    if (pg.zh() && r.published && published.size() == 10)
      published = published.substr(0, 4) + "年" + std::to_string(std::stoi(published.substr(5, 2))) + "月" +
                  std::to_string(std::stoi(published.substr(8, 2))) + "日";
    s += "<tr><td>" + (r.year ? std::to_string(r.year->value()) : std::string("—")) + "</td><td><span class=\"t\">" +
         esc(r.title) + "</span><span class=\"x\">" + esc(r.issuer.value_or("")) +
         (r.source_name.empty() ? "" : " · " + esc(r.source_name)) + "</span></td><td>" + published +
         "</td><td class=\"n\">" + std::to_string(r.facts) + "</td><td class=\"n\">" + std::to_string(r.changes) +
         "</td><td class=\"n\">" + std::to_string(r.commitments) + "</td><td class=\"mono\" title=\"" + esc(r.sha256) + "\">" +
         esc(r.sha256.substr(0, 12)) + "</td></tr>";
  }
  s += "</tbody></table></div>\n";
}

/// The footer: generator, rubric, what a verdict means.
void html_footer(const jurisdiction_view& v, std::string& s, const page& pg) {
  const std::string generator = esc(v.generator.empty() ? std::string("annals") : v.generator);
  s += pg.t("<footer>Generated ", "<footer>本页由 " + generator + " 生成");
  if (!v.generated_at.empty())
    s += pg.zh() ? "于<time class=\"generated\">" + esc(v.generated_at) + "</time>"
                 : "<time class=\"generated\">" + esc(v.generated_at) + "</time> ";
  if (pg.zh())
    s += " · 评判规则 " + esc(v.rubric) + " · 增幅按报告所写数值精确计算；若两处表述所允许的某组数值能得出报告所称的变化，"
         "即判定为“一致”。</footer>\n";
  else
    s += "by " + generator + " · rubric " + esc(v.rubric) +
         " · growth is computed exactly from the written figures; a verdict is consistent when some pair of values "
         "the two statements allow gives the stated change.</footer>\n";
  s += "</div>\n</body>\n</html>\n";
}

}  // namespace

std::string to_html(const jurisdiction_view& v, const html_options& o) {
  page pg;
  pg.lang = o.lang;
  for (const auto& q : v.quotes) pg.quotes.emplace(q.id, &q);
  std::string s;
  s.reserve(size_hint(v));
  const std::string years = year_span(v);
  html_head(v, years, s, pg);
  html_header(v, years, s, pg);
  html_stats(v, years, s, pg);
  html_inconsistencies(v, s, pg);
  html_growth(v, s, pg);
  html_charts(v, s, pg);
  html_commitments(v, s, pg);
  if (pg.zh()) html_evidence(v, s);
  html_reports(v, s, pg);
  html_footer(v, s, pg);
  return s;
}

}  // namespace annals
