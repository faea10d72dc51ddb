#!/usr/bin/env python3
"""Ingest the bundled reports, build the year-over-year table as a DataFrame, and draw one
metric's history to a PNG with matplotlib (Agg backend: no display needed).

    PYTHONPATH=build/py/python python3 examples/python/yoy_plot.py data/ --out history.png

Prints the YoY table (exact Decimals), then writes the chart: the metric's values per year, each
point labelled as the report writes it (超1.11万件), with the computed and the stated growth.
"""
import argparse
import os
import sys
import tempfile

import annals


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=["data"], help="report files or folders (default: data)")
    ap.add_argument("--db", help="the store (default: a temporary one)")
    ap.add_argument("--metric", default="新收行政复议案件|件", help="the metric to draw (a key of the catalogue)")
    ap.add_argument("--out", default="annals-history.png", help="the PNG to write")
    ap.add_argument("--csv", help="also write the YoY table as CSV here")
    a = ap.parse_args()

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    with tempfile.TemporaryDirectory() as tmp, annals.Store(a.db or os.path.join(tmp, "annals.db")) as db:
        summary = db.ingest(a.paths)  # files read in parallel, one transaction per report
        print(summary)
        for source, why in summary.failures:
            print(f"annals: {why}", file=sys.stderr)

        yoy = db.yoy_frame()  # Decimal columns: exact
        cols = ["jurisdiction", "label", "unit", "year", "text", "value", "growth_pct", "change_pp", "stated_value", "verdict"]
        with_growth = yoy[yoy.growth_pct.notna() | yoy.change_pp.notna() | yoy.stated_value.notna()]
        print(with_growth[cols].to_string(index=False))
        if a.csv:
            yoy.to_csv(a.csv, index=False)  # Decimals are written as their exact text

        jurisdiction = yoy.jurisdiction.iloc[0] if len(yoy) else None
        hist = yoy[(yoy.metric == a.metric) & (yoy.jurisdiction == jurisdiction)]
        if hist.empty:
            print(f"annals: no metric {a.metric!r} in the store (see db.metrics())", file=sys.stderr)
            return 1
        plot = db.yoy_frame(jurisdiction, numeric=True)  # float64 columns, for matplotlib only
        plot = plot[plot.metric == a.metric]

    # a CJK font when one is installed (fonts-noto-cjk), so the labels are not boxes
    for name in ("Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei", "AR PL UMing CN"):
        if any(f.name == name for f in font_manager.fontManager.ttflist):
            plt.rcParams["font.family"] = name
            break

    fig, ax = plt.subplots(figsize=(7, 4), dpi=120)
    ax.plot(plot.year, plot.value, marker="o", color="#1f5f99")
    for (_, row), (_, exact) in zip(plot.iterrows(), hist.iterrows()):
        note = exact.text
        pct, pp = exact.growth_pct, exact.change_pp
        if pct is not None or pp is not None:
            note += (f"\n{pct:+}%" if pct is not None else f"\n{pp:+} pp") + (
                f" (stated {exact.stated_text}: {exact.verdict})" if exact.stated_text else "")
        ax.annotate(note, (row.year, row.value), textcoords="offset points", xytext=(0, 8), ha="center", fontsize=8)
    label, unit = hist.label.iloc[0], hist.unit.iloc[0]
    ax.set_title(f"{jurisdiction}: {label}")
    ax.set_ylabel(unit)
    ax.set_xticks(list(plot.year))
    ax.margins(x=0.15, y=0.25)
    fig.tight_layout()
    fig.savefig(a.out)
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
