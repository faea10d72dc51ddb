// to_html(jurisdiction_view): the self-contained HTML report. Inline CSS, inline SVG charts, no
// script and nothing fetched (a Content-Security-Policy says so). Every piece of report text goes
// through html_escape().

#include "analyze/render_detail.hpp"

#include <annals/html_report.hpp>
#include <annals/range_text.hpp>
#include <annals/text.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
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

std::string chip(std::string_view status, std::string_view suffix = {}) {
  return "<span class=\"chip s-" + esc(status) + "\">" + esc(status_label(status)) +
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
void line_chart(std::string& s, const metric_history& m) {
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
        num(bottom + 4), "l6 -8\" stroke=\"#5d6778\" stroke-width=\"1.4\" fill=\"none\"><title>the axis starts at ");
    put_esc(s, compact_number(ax.lo));
    s += ", not 0</title></path>";
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
        "\" stroke=\"", bad ? "#c62f2f" : "#2f5bd3", "\" stroke-width=\"2\"><title>", std::to_string(p.year), ": ");
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

void write_growth_rows(std::string& s, const std::vector<growth_row>& rows, const bar_scale& sc) {
  for (const auto& r : rows) {
    const auto& p = *r.p;
    const bool bad = p.verdict && *p.verdict == metric_verdict::inconsistent;
    s += bad ? "<div class=\"grow-row bad\">" : "<div class=\"grow-row\">";
    s += "<div class=\"lbl\"><b>";
    put_esc(s, r.m->label);
    s += "</b><small>";
    if (r.prev_year) {
      put(s, std::to_string(r.prev_year), " ");
      put_esc(s, r.prev_text);
      s += " → ";
    }
    put(s, std::to_string(p.year), " ");
    put_esc(s, p.text);
    s += "</small></div>";
    s += "<div class=\"bar-cell\">";
    growth_bar(s, p, sc);
    s += "</div>";
    s += "<div class=\"vals\">";
    const bool pp = p.stated_kind == change_kind::pp;
    if (p.growth_pct) {
      s += "computed <b>";
      put_esc(s, signed_fixed(*p.growth_pct, 2));
      put(s, p.in_pp ? " pp" : "%", "</b>");
    }
    if (p.stated) {
      if (p.growth_pct) s += "<br>";
      s += "stated <b>";
      put_esc(s, signed_plain(*p.stated));
      put(s, pp ? " pp" : "%", "</b>");
    }
    if (wide_range(p)) {
      s += "<br><span title=\"growth the two figures allow\">allowed ";
      put_esc(s, range_text(p.growth_lo, p.growth_hi, p.in_pp ? " pp" : "%", range_in_words));
      s += "</span>";
    }
    s += "</div><div class=\"chipcell\">";
    if (p.verdict) s += chip(to_string(*p.verdict));
    s += "</div>";
    std::string why = p.reason;
    if (p.implied_prior_lo || p.implied_prior_hi)
      why += (why.empty() ? "" : " · ") + std::string("implies ") + std::to_string(p.year - 1) + " ≈ " +
             range_text(p.implied_prior_lo, p.implied_prior_hi, r.m->unit, range_in_words);
    if (!p.stated_text.empty()) why = "“" + p.stated_text + "”" + (why.empty() ? "" : " — " + why);
    if (!why.empty()) {
      s += "<div class=\"why\">";
      put_esc(s, why);
      s += "</div>";
    }
    s += "</div>";
  }
}

std::string kind_label(const timeline_entry& e) {
  switch (e.kind) {
    case commitment_kind::next_step: return "下一步";
    case commitment_kind::plan: return "plan";
    case commitment_kind::problem: return "problem";
    case commitment_kind::target: return "target";
  }
  return "";
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
  return n;
}

}  // namespace

namespace {

/// The document head: the policy that nothing is fetched, the title, the CSS.
void html_head(const jurisdiction_view& v, const std::string& years, std::string& s) {
  s += "<!doctype html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n";
  s += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
       "img-src data:\">\n";
  s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  s += "<meta name=\"generator\" content=\"" + esc(v.generator) + "\">\n";
  s += "<title>" + esc(v.jurisdiction) + " · 法治政府建设 " + esc(years) + " · annals</title>\n";
  s += "<style>";
  s += css;
  s += "</style>\n</head>\n<body>\n<div class=\"wrap\">\n";
}

/// The title, and one chip per report year.
void html_header(const jurisdiction_view& v, const std::string& years, std::string& s) {
  s += "<header class=\"top\"><div><p class=\"eyebrow\">annals · year-over-year report</p><h1>" +
       esc(v.jurisdiction) + "<small>法治政府建设情况报告 " + esc(years) + "</small></h1></div>";
  s += "<div class=\"years\">";
  for (const auto& r : v.reports)
    s += "<span class=\"year\" title=\"" + esc(r.title) + "\">" +
         (r.year ? std::to_string(r.year->value()) : std::string("?")) + " · " + std::to_string(r.facts) +
         " figures</span>";
  s += "</div></header>\n";
}

/// The five numbers at the top.
void html_stats(const jurisdiction_view& v, const std::string& years, std::string& s) {
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
  s += "<div class=\"stat\"><b>" + std::to_string(v.reports.size()) + "</b><span>reports, " + esc(years) +
       "</span></div>";
  s += "<div class=\"stat\"><b>" + std::to_string(across) + "</b><span>metrics stated in two or more years</span></div>";
  s += "<div class=\"stat\"><b>" + std::to_string(checked) + "</b><span>stated changes checked against the figures</span></div>";
  s += std::string("<div class=\"stat") + (v.inconsistencies.empty() ? "" : " alert") + "\"><b>" +
       std::to_string(v.inconsistencies.size()) + "</b><span>inconsistencies</span></div>";
  s += "<div class=\"stat\"><b>" + std::to_string(done) + " / " + std::to_string(v.commitments.size()) +
       "</b><span>commitments fulfilled or problems addressed</span></div>";
  s += "</section>\n";
}

/// What the reports contradict themselves on, first.
void html_inconsistencies(const jurisdiction_view& v, std::string& s) {
  s += "<h2 id=\"inconsistencies\">Inconsistencies <span class=\"zh\">前后不一致</span></h2>\n";
  if (v.inconsistencies.empty()) {
    s += "<p class=\"ok-note\">No stated change contradicts the figures of the years the store holds.</p>\n";
  } else {
    s += "<p class=\"lede\">Stated changes that no reading of the figures allows, after allowing for the "
         "qualifiers (超, 余, 以上…), the written precision and rounding or truncation of the stated value.</p>\n";
    s += "<div class=\"findings\">";
    for (const auto& f : v.inconsistencies) {
      s += "<div class=\"finding\"><div class=\"meta\">" + std::to_string(f.year) + " report · " + esc(f.kind) +
           "</div><div class=\"what\">" + esc(f.label) + "</div><div class=\"nums\">";
      if (!f.stated.empty()) s += "<span><em>stated</em>" + esc(f.stated) + "</span>";
      if (!f.found.empty()) s += "<span><em>the figures give</em>" + esc(f.found) + "</span>";
      s += "</div>";
      if (!f.reason.empty()) s += "<div class=\"meta\">" + esc(f.reason) + "</div>";
      s += "</div>";
    }
    s += "</div>\n";
  }
}

/// Growth, computed and stated: the checked ones first, the rest folded away.
void html_growth(const jurisdiction_view& v, std::string& s) {
  std::vector<growth_row> rows_pct, rows_pp;
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
  auto order = [](const growth_row& a, const growth_row& b) {
    const int sa = severity(a.p->verdict), sb = severity(b.p->verdict);
    if (sa != sb) return sa < sb;
    if (a.p->year != b.p->year) return a.p->year > b.p->year;
    return a.m->label < b.m->label;
  };
  std::stable_sort(rows_pct.begin(), rows_pct.end(), order);
  std::stable_sort(rows_pp.begin(), rows_pp.end(), order);
  s += "<h2 id=\"growth\">Growth, computed and stated <span class=\"zh\">同比增长核验</span></h2>\n";
  s += "<p class=\"lede\">For every metric stated in consecutive years: the growth computed from the two "
       "figures, the range their qualifiers and precision allow, and the growth the later report states.</p>\n";
  s += "<div class=\"legend\"><span><i class=\"k-range\"></i>growth the figures allow</span><span><i "
       "class=\"k-comp\"></i>computed from the written values</span><span><i class=\"k-stated\"></i>stated in "
       "the report</span></div>\n";
  if (rows_pct.empty() && rows_pp.empty()) {
    s += "<p class=\"lede\">No metric is stated in two consecutive years, and no growth is stated.</p>\n";
  } else {
    // Stated changes (checked) first; growth computed where nothing is stated, folded away.
    auto block = [&s](const std::vector<growth_row>& rows, const std::string& title) {
      if (rows.empty()) return;
      const bar_scale sc = scale_for(rows);
      std::vector<growth_row> stated, quiet;
      for (const auto& r : rows)
        (r.p->verdict && *r.p->verdict == metric_verdict::not_stated ? quiet : stated).push_back(r);
      if (!title.empty()) s += "<h3 class=\"sub-h\">" + title + "</h3>\n";
      if (!stated.empty()) {
        s += "<div class=\"card growth\">";
        write_growth_rows(s, stated, sc);
        s += "</div>\n";
      }
      if (!quiet.empty()) {
        s += "<details class=\"more\"><summary>" + std::to_string(quiet.size()) +
             (quiet.size() == 1 ? " growth" : " growths") +
             " computed where the report states no change</summary><div class=\"card growth\">";
        write_growth_rows(s, quiet, sc);
        s += "</div></details>\n";
      }
    };
    block(rows_pct, "");
    block(rows_pp, "Percentages, in percentage points");
  }
}

/// One chart per metric stated in two or more years; the others listed.
void html_charts(const jurisdiction_view& v, std::string& s) {
  std::vector<const metric_history*> charted, single;
  for (const auto& m : v.metrics) (m.points.size() >= 2 ? charted : single).push_back(&m);
  std::stable_sort(charted.begin(), charted.end(), [](const metric_history* a, const metric_history* b) {
    return severity(a->worst_verdict()) < severity(b->worst_verdict());
  });
  s += "<h2 id=\"metrics\">Metrics across the years <span class=\"zh\">指标走势</span></h2>\n";
  s += "<p class=\"lede\">Each point is the figure as written; the light bar is the interval of values it "
       "allows (超1.11万 is anything between 11,100 and 11,200).</p>\n";
  if (charted.empty()) {
    s += "<p class=\"lede\">No metric appears in more than one year yet.</p>\n";
  } else {
    s += "<div class=\"charts\">";
    for (const auto* m : charted) {
      s += "<div class=\"card chart\"><h3>" + esc(m->label) + "</h3><div class=\"sub\"><span>" +
           (m->unit.empty() ? std::string("count") : esc(m->unit)) + " · " +
           std::to_string(m->points.front().year) + "–" + std::to_string(m->points.back().year) + "</span>";
      if (const auto w = m->worst_verdict(); w && *w != metric_verdict::not_stated) s += chip(to_string(*w));
      s += "</div>";
      line_chart(s, *m);
      s += "</div>";
    }
    s += "</div>\n";
  }
  if (!single.empty()) {
    s += "<details style=\"margin-top:12px\"><summary>" + std::to_string(single.size()) +
         " more metrics stated in one year only</summary><ul class=\"single\">";
    for (const auto* m : single)
      s += "<li><b>" + esc(m->label) + "</b> " + std::to_string(m->points.front().year) + ": " +
           esc(m->points.front().text) + "</li>";
    s += "</ul></details>\n";
  }
}

/// Each pair of years: the earlier commitments with their status and evidence.
void html_commitments(const jurisdiction_view& v, std::string& s) {
  s += "<h2 id=\"commitments\">Commitments and what became of them <span class=\"zh\">承诺事项跟踪</span></h2>\n";
  s += "<p class=\"lede\">Each year's next steps (下一步), plan and admitted problems (存在问题), judged by the "
       "following year's report under rubric " +
       esc(v.rubric) + ", with the passages the verdict rests on.</p>\n";
  if (v.commitments.empty()) {
    s += "<p class=\"lede\">The store holds no two consecutive years of this jurisdiction, so no commitment "
         "could be followed yet.</p>\n";
  }
  for (std::size_t i = 0; i < v.commitments.size();) {
    const int ey = v.commitments[i].earlier_year, ly = v.commitments[i].later_year;
    std::size_t j = i;
    std::map<std::string, std::size_t> counts;
    while (j < v.commitments.size() && v.commitments[j].earlier_year == ey && v.commitments[j].later_year == ly)
      ++counts[std::string(to_string(v.commitments[j++].status))];
    s += "<div class=\"pair\"><h3>" + std::to_string(ey) + " → " + std::to_string(ly) + "</h3><div class=\"counts\">";
    for (const auto& [st, n] : counts) s += chip(st, std::to_string(n));
    s += "</div></div>\n<div class=\"card tbl\"><table><thead><tr><th>" + std::to_string(ey) +
         " commitment</th><th>status</th><th>evidence in the " + std::to_string(ly) +
         " report</th></tr></thead><tbody>";
    for (; i < j; ++i) {
      const auto& c = v.commitments[i];
      s += "<tr><td style=\"width:42%\"><span class=\"k\">" + esc(kind_label(c)) + " · " + esc(c.commitment) +
           "</span><span class=\"t\" style=\"display:block\">" + esc(c.title.empty() ? truncate(c.text, 40) : c.title) +
           "</span>";
      if (!c.title.empty() && c.text != c.title) s += "<span class=\"x\">" + esc(truncate(c.text, 110)) + "</span>";
      s += "</td><td>" + chip(to_string(c.status)) + "<span class=\"k\" style=\"display:block;margin-top:4px\">match " +
           esc(fixed2(c.score)) + "</span></td><td>";
      if (c.evidence.empty()) {
        s += "<span class=\"x\">—</span>";
      } else {
        s += "<blockquote>" + esc(truncate(c.evidence.front().text, 120)) + "</blockquote>";
        if (c.evidence.size() > 1) {
          s += "<details><summary>" + std::to_string(c.evidence.size() - 1) + " more</summary>";
          for (std::size_t k = 1; k < c.evidence.size(); ++k)
            s += "<blockquote>" + esc(truncate(c.evidence[k].text, 160)) + "</blockquote>";
          s += "</details>";
        }
      }
      s += "</td></tr>";
    }
    s += "</tbody></table></div>\n";
  }
}

/// The reports the view reads.
void html_reports(const jurisdiction_view& v, std::string& s) {
  s += "<h2 id=\"reports\">Reports in the store <span class=\"zh\">报告</span></h2>\n";
  s += "<div class=\"card tbl\"><table><thead><tr><th>year</th><th>title</th><th>published</th><th class=\"n\">"
       "figures</th><th class=\"n\">changes</th><th class=\"n\">commitments</th><th>sha256</th></tr></thead><tbody>";
  for (const auto& r : v.reports) {
    s += "<tr><td>" + (r.year ? std::to_string(r.year->value()) : std::string("—")) + "</td><td><span class=\"t\">" +
         esc(r.title) + "</span><span class=\"x\">" + esc(r.issuer.value_or("")) +
         (r.source_name.empty() ? "" : " · " + esc(r.source_name)) + "</span></td><td>" +
         (r.published ? r.published->to_iso() : std::string("—")) + "</td><td class=\"n\">" + std::to_string(r.facts) +
         "</td><td class=\"n\">" + std::to_string(r.changes) + "</td><td class=\"n\">" +
         std::to_string(r.commitments) + "</td><td class=\"mono\" title=\"" + esc(r.sha256) + "\">" +
         esc(r.sha256.substr(0, 12)) + "</td></tr>";
  }
  s += "</tbody></table></div>\n";
}

/// The footer: generator, rubric, what a verdict means.
void html_footer(const jurisdiction_view& v, std::string& s) {
  s += "<footer>Generated ";
  if (!v.generated_at.empty()) s += "<time class=\"generated\">" + esc(v.generated_at) + "</time> ";
  s += "by " + esc(v.generator.empty() ? std::string("annals") : v.generator) + " · rubric " + esc(v.rubric) +
       " · growth is computed exactly from the written figures; a verdict is consistent when some pair of values "
       "the two statements allow gives the stated change.</footer>\n";
  s += "</div>\n</body>\n</html>\n";
}

}  // namespace

std::string to_html(const jurisdiction_view& v) {
  std::string s;
  s.reserve(size_hint(v));
  const std::string years = year_span(v);
  html_head(v, years, s);
  html_header(v, years, s);
  html_stats(v, years, s);
  html_inconsistencies(v, s);
  html_growth(v, s);
  html_charts(v, s);
  html_commitments(v, s);
  html_reports(v, s);
  html_footer(v, s);
  return s;
}

}  // namespace annals
