"""DataFrames for annals (pandas is optional: imported only when a *_frame method is called).

Decimal columns stay decimal.Decimal (object dtype) unless numeric=True, which gives float64
columns (NaN for a missing value) for plotting and statistics; years are integers (the nullable
Int64 when a year may be missing).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Iterable, List, NamedTuple, Optional, Sequence


class FailedRow(NamedTuple):
    """An input Store.ingest could not use before reading it (missing path, unlistable folder)."""

    source: str
    error: str
    status: str = "failed"
    id: Optional[int] = None
    counts: None = None


def pandas():
    try:
        import pandas as pd  # noqa: PLC0415 (lazy on purpose: no hard dependency)
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("annals: DataFrames need pandas (pip install pandas, or apt-get install python3-pandas)") from e
    return pd


def decimal_text(d: Decimal) -> str:
    """The library's canonical text of a decimal: no exponent, no trailing fractional zeros."""
    t = format(d, "f")
    if "." in t:
        t = t.rstrip("0").rstrip(".")
    return "0" if t in ("-0", "") else t


def _float_column(values: Sequence) -> List[float]:
    return [float("nan") if v is None else float(v) for v in values]


def frame(rows: List[dict], decimal_columns: Iterable[str], numeric: bool, columns: Optional[List[str]] = None,
          int_columns: Iterable[str] = ()):
    """A DataFrame of `rows`: decimal columns object (Decimal/None) or, with numeric, float64."""
    pd = pandas()
    df = pd.DataFrame(rows, columns=columns)
    for c in decimal_columns:
        if numeric:
            df[c] = pd.Series(_float_column(list(df[c])), index=df.index, dtype="float64")
        else:
            df[c] = pd.Series(list(df[c]), index=df.index, dtype="object")
    for c in int_columns:
        df[c] = pd.Series(list(df[c]), index=df.index, dtype="Int64")
    return df


def reports_frame(reports) -> "object":
    cols = ["id", "jurisdiction", "year", "title", "issuer", "published", "recipient", "facts", "changes",
            "commitments", "source_name", "sha256", "ingested_at"]
    rows = [{c: getattr(r, c) for c in cols} for r in reports]
    return frame(rows, [], False, columns=cols, int_columns=["year"])


def series_frame(series, numeric: bool):
    cols = ["jurisdiction", "metric", "year", "value", "text", "lo", "hi", "fact", "report", "changes"]
    rows = []
    for p in series.points:
        rows.append({"jurisdiction": series.jurisdiction, "metric": series.metric, "year": p.year, "value": p.value,
                     "text": p.text, "lo": p.fact.lo, "hi": p.fact.hi, "fact": p.fact.id, "report": p.report,
                     "changes": "; ".join(c.text for c in p.changes)})
    return frame(rows, ["value", "lo", "hi"], numeric, columns=cols)


# The tool's output contract (docs/cli.md, Output formats): a growth in percent is growth_pct*, a
# change of a percentage in points is change_pp*; never one column meaning both.
YOY_COLUMNS = ["jurisdiction", "metric", "label", "unit", "year", "fact", "text", "value", "lo", "hi", "growth_kind",
               "growth_pct", "growth_pct_lo", "growth_pct_hi", "change_pp", "change_pp_lo", "change_pp_hi",
               "stated_kind", "stated_value", "stated_text", "verdict", "reason", "implied_prior_lo",
               "implied_prior_hi"]
YOY_DECIMALS = ["value", "lo", "hi", "growth_pct", "growth_pct_lo", "growth_pct_hi", "change_pp", "change_pp_lo",
                "change_pp_hi", "stated_value", "implied_prior_lo", "implied_prior_hi"]


def yoy_rows(histories) -> List[dict]:
    """One dict per metric-year, the columns of `annals yoy --db DB --format csv`."""
    rows = []
    for m in histories:
        for p in m.points:
            rows.append({
                "jurisdiction": m.jurisdiction, "metric": m.metric, "label": m.label, "unit": m.unit,
                "year": p.year, "fact": p.fact, "text": p.text, "value": p.value, "lo": p.lo, "hi": p.hi,
                "growth_kind": "pp" if p.in_pp else "pct",
                "growth_pct": p.growth_pct, "growth_pct_lo": p.growth_pct_lo, "growth_pct_hi": p.growth_pct_hi,
                "change_pp": p.change_pp, "change_pp_lo": p.change_pp_lo, "change_pp_hi": p.change_pp_hi,
                "stated_kind": p.stated_kind, "stated_value": p.stated,
                "stated_text": p.stated_text, "verdict": p.verdict, "reason": p.reason,
                "implied_prior_lo": p.implied_prior_lo, "implied_prior_hi": p.implied_prior_hi,
            })
    return rows


def yoy_frame(histories, numeric: bool):
    return frame(yoy_rows(histories), YOY_DECIMALS, numeric, columns=YOY_COLUMNS)


def _unneutralise(field: str) -> str:
    # annals CSV writers put a ' before a text field starting with = + - @ (tab, CR): take it off
    if len(field) >= 2 and field[0] == "'" and field[1] in "=+-@\t\r":
        return field[1:]
    return field


def parse_panel(text: str, row_type):
    """The rows of store::panel_csv (header jurisdiction,metric,year,value)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header != ["jurisdiction", "metric", "year", "value"]:
        raise ValueError(f"annals: unexpected panel header {header!r}")
    return [row_type(_unneutralise(j), _unneutralise(m), int(y), Decimal(v)) for j, m, y, v in reader]
