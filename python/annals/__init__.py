"""annals: read Chinese governments' annual reports (法治政府建设情况报告), keep them in a
multi-year SQLite store, compute growth exactly and track commitments year over year.

A thin Python face on the C++ library (python/README.md)::

    import annals
    r = annals.read_report("data/chengdu-2024.txt")
    f = next(f for f in r.facts if f.text == "超1.11万件")
    f.value                        # Decimal('11100'): figures are exact, never float
    with annals.Store("annals.db") as db:
        print(db.ingest(["data/"]))          # files read in parallel, one transaction per report
        df = db.yoy_frame()                  # pandas, when installed

Figures are ``decimal.Decimal``; ``numeric=True`` on the ``*_frame`` methods gives float64
columns for plotting. Reading, ingesting, querying and tracking run without the GIL. Errors are
:class:`InputError` (a ``ValueError``), :class:`StoreError` (an ``OSError``), :class:`UsageError`
(a ``ValueError``), all :class:`Error`; ``str(e)`` is the message the ``annals`` tool prints
after ``annals:``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, List, NamedTuple, Optional, Sequence, Tuple, Union

from . import _core
from ._core import (  # noqa: F401  (re-exported)
    Change,
    CheckedChange,
    Commitment,
    CommitmentVerdict,
    DateMention,
    Error,
    Evidence,
    Fact,
    ImpliedPrior,
    IngestRow,
    InputError,
    Item,
    JurisdictionSummary,
    MetricComparison,
    MetricHistory,
    MetricSeries,
    MetricSide,
    OutputError,
    Report,
    ReportCounts,
    ReportSummary,
    Section,
    SeriesPoint,
    Source,
    StatedChange,
    StoreError,
    TargetGoal,
    Tracking,
    UsageError,
    Warning,
    YoyPoint,
)
from . import _frames

__version__ = _core.__version__

__all__ = [
    "read_report", "read_text", "read_reports", "report_from_json", "Store", "IngestSummary", "PanelRow",
    "track", "check", "Check", "growth", "pp", "cagr",
    "Error", "InputError", "StoreError", "UsageError", "OutputError",
    "Report", "Fact", "Change", "Commitment", "Tracking",
]

PathLike = Union[str, "os.PathLike[str]"]

# What `annals ingest` reads from a folder (examples/annals/cmd_ingest.cpp).
# The files a folder walk takes, as `annals ingest` does: the formats annals reads, and the
# document formats it does not read (counted as unsupported rather than passed over in silence).
_REPORT_SUFFIXES = (".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".pdf", ".docx", ".docm",
                    ".doc", ".dot", ".dotx", ".wps", ".rtf", ".odt", ".ofd", ".xls", ".xlsx", ".et",
                    ".ppt", ".pptx", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".caj",
                    ".zip", ".rar", ".7z")

Number = Union["Decimal", int, str]  # noqa: F821  (never float)


def growth(earlier: Number, later: Number, digits: int = 2, rounding: str = "half_up") -> Optional["Decimal"]:
    """Year-on-year growth in percent, (later / earlier - 1) * 100, exactly, rounded to `digits`
    decimals (rounding: half_up, half_even, truncate, floor, ceiling). None when earlier <= 0
    (growth from nothing is undefined). Arguments are Decimal, int or str, never float (TypeError):
    growth(5870, 11100) == Decimal('89.10')."""
    return _core.growth(earlier, later, digits, rounding)


def pp(earlier_pct: Number, later_pct: Number) -> "Decimal":
    """The change between two percentages in percentage points, exact:
    pp('84.2', '86.15') == Decimal('1.95')."""
    return _core.pp(earlier_pct, later_pct)


def cagr(earlier: Number, later: Number, years: int, digits: int = 2, rounding: str = "half_up") -> Optional["Decimal"]:
    """Compound annual growth in percent over `years` years, ((later/earlier)^(1/years) - 1) * 100,
    correctly rounded (an exact integer root, no float). None when earlier <= 0 or later < 0;
    UsageError when years < 1."""
    return _core.cagr(earlier, later, years, digits, rounding)


def read_report(source: Union[PathLike, bytes, bytearray, memoryview], name: Optional[str] = None) -> Report:
    """Reads one report: a path (str or os.PathLike) or the raw bytes of a file.

    Bytes may be UTF-8, GB18030, UTF-16 or a saved HTML page, as for the tool; `name` is then
    the source name (default "(bytes)"). Raises InputError with the tool's message
    ("<path>: no such file", "<name>: not a text document (binary data)", …).
    The GIL is released while reading.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _core.read_report_bytes(bytes(source), "(bytes)" if name is None else name)
    if isinstance(source, (str, os.PathLike)):
        return _core.read_report_path(os.fspath(source))
    raise TypeError(f"read_report: expected a path or bytes, got {type(source).__name__}")


def read_text(text: str, name: str = "") -> Report:
    """Reads a report from its decoded text (a str). source.sha256 is the SHA-256 of the text's
    UTF-8 bytes, so the report can be stored. Raises InputError for an empty text."""
    if not isinstance(text, str):
        raise TypeError(f"read_text: expected str, got {type(text).__name__}")
    return _core.read_text(text, name)


def read_reports(paths: Iterable[PathLike], jobs: Optional[int] = None) -> List[Report]:
    """Reads several report files in parallel (`jobs` threads; default: one per core) and
    returns them in the order given. Raises the error of the first file (in that order) that
    cannot be read."""
    return _core.read_reports([os.fspath(p) for p in paths], jobs)


def report_from_json(text: str) -> Report:
    """Parses annals.report/1 JSON (what `annals extract --format json` writes) into a Report."""
    return _core.report_from_json(text)


def _as_report(x: Union[Report, PathLike, bytes]) -> Report:
    return x if isinstance(x, Report) else read_report(x)


def track(earlier: Union[Report, PathLike], later: Union[Report, PathLike], *,
          allow_other_jurisdiction: bool = False) -> Tracking:
    """Tracks an earlier report against a later one (rubric annals-track/1): what became of each
    commitment, and whether the later figures agree with the earlier ones. Reports or paths.

    ``.to_dict()`` is annals.tracking/1, as `annals track --format json` writes it. Raises
    UsageError when the jurisdictions differ (unless allowed) or the years are not in order.
    """
    return _core.track(_as_report(earlier), _as_report(later), allow_other_jurisdiction)


@dataclass
class Check:
    """Every change a report states, with the verdict against the year before (`annals check`)."""

    report: Report
    prior: Optional[Report]
    changes: List[CheckedChange]
    implied_priors: List[ImpliedPrior]
    inconsistent: int

    def to_dict(self) -> dict:
        """The object `annals check --format json` prints (without its "note")."""

        def ident(r: Report) -> dict:
            return {"name": r.source.name, "sha256": r.source.sha256, "jurisdiction": r.jurisdiction, "year": r.year}

        def s(d) -> Optional[str]:
            return None if d is None else _frames.decimal_text(d)

        def n(text: str) -> Optional[str]:  # the output contract: what is missing is null, never ""
            return text or None

        return {
            "schema": "annals.check/1",
            "report": ident(self.report),
            "earlier": ident(self.prior) if self.prior is not None else None,
            "changes": [
                {"change": c.change, "kind": c.kind, "label": c.label, "text": c.text, "earlier": n(c.earlier),
                 "later": n(c.later), "computed": n(c.computed), "allowed": n(c.allowed), "verdict": c.verdict,
                 "reason": n(c.reason)}
                for c in self.changes
            ],
            "implied_priors": [
                {"change": p.change, "fact": p.fact, "label": p.label, "unit": p.unit, "value": s(p.value),
                 "lo": s(p.lo), "hi": s(p.hi)}
                for p in self.implied_priors
            ],
            "inconsistent": self.inconsistent,
        }

    def frame(self):
        """The checked changes as a pandas DataFrame (one row per stated change)."""
        return _frames.frame([self._row(c) for c in self.changes], [], False)

    @staticmethod
    def _row(c: CheckedChange) -> dict:
        return {k: getattr(c, k) for k in ("change", "kind", "label", "text", "earlier", "later", "computed",
                                            "allowed", "verdict", "reason")}


def check(report: Union[Report, PathLike], prior: Union[Report, PathLike, None] = None) -> Check:
    """Checks every change `report` states (同比增长, 个百分点, 由A至B, 连续N年, 倍) against `prior`,
    the report of the year before (a Report or a path; None: nothing to compare with), and lists
    the prior-year intervals its growth statements imply. As `annals check --prior`."""
    r = _as_report(report)
    p = None if prior is None else _as_report(prior)
    res = _core.check(r, p)
    return Check(r, p, list(res.changes), list(res.implied_priors), res.inconsistent)


# ---- the store ---------------------------------------------------------------------------------

class PanelRow(NamedTuple):
    """One row of the panel: a jurisdiction's metric in one year."""

    jurisdiction: str
    metric: str
    year: int
    value: "Decimal"  # noqa: F821


@dataclass
class IngestSummary:
    """What Store.ingest did: one row per input (added, skipped, failed or unsupported, with why)."""

    path: str
    rows: List[IngestRow] = field(default_factory=list)

    @property
    def added(self) -> int:
        return sum(r.status == "added" for r in self.rows)

    @property
    def skipped(self) -> int:
        return sum(r.status == "skipped" for r in self.rows)

    @property
    def failed(self) -> int:
        return sum(r.status == "failed" for r in self.rows)

    @property
    def unsupported(self) -> int:
        """Inputs in a format annals does not read (binary Word or Excel, RTF, images …)."""
        return sum(r.status == "unsupported" for r in self.rows)

    @property
    def unsupported_inputs(self) -> List[Tuple[str, str]]:
        """(input, message) of every unsupported input; the message is the tool's."""
        return [(r.source, r.error) for r in self.rows if r.status == "unsupported"]

    @property
    def facts(self) -> int:
        """Facts of the reports added (not of those skipped)."""
        return sum(r.counts.facts for r in self.rows if r.status == "added")

    @property
    def failures(self) -> List[Tuple[str, str]]:
        """(input, message) of every input that failed; the message is the tool's."""
        return [(r.source, r.error) for r in self.rows if r.status == "failed"]

    @property
    def ids(self) -> List[int]:
        """The store ids of the reports added or skipped, in input order."""
        return [r.id for r in self.rows if r.id is not None]

    def __str__(self) -> str:
        n = len(self.rows)
        return (f"ingested {n} {'file' if n == 1 else 'files'} into {self.path}: {self.added} added "
                f"({self.facts} facts), {self.skipped} skipped (already stored), {self.failed} failed"
                + (f", {self.unsupported} unsupported: {_name_list([s for s, _ in self.unsupported_inputs])}"
                   if self.unsupported else ""))


def _name_list(names: List[str]) -> str:
    """"a.xls, b.doc" — at most five names, then how many more (as the tool writes it)."""
    s = ", ".join(names[:5])
    return s + (f", … ({len(names) - 5} more)" if len(names) > 5 else "")


def _collect(paths: Iterable[Union[PathLike, Report]]) -> list:
    """The inputs of Store.ingest, expanded as `annals ingest` does: files as given, folders
    recursively (the document files `annals ingest` takes, sorted, hidden ones skipped, symbolic links to folders not followed); a missing path
    or a folder that cannot be listed is a failed input with its message."""
    out: list = []
    for given in paths:
        if isinstance(given, Report):
            out.append(given)
            continue
        g = os.fspath(given)
        p = Path(g)
        if not p.exists():
            out.append(("failed", g, f"{g}: no such file or directory"))
            continue
        if not p.is_dir():
            out.append(g)
            continue
        found: List[Path] = []
        unlisted: List[Tuple[Path, str]] = []
        pending = [p]
        while pending:
            folder = pending.pop()
            try:
                with os.scandir(folder) as it:
                    for e in it:
                        if e.name.startswith("."):
                            continue  # .git, .DS_Store, editor files: as the tool
                        if e.is_dir(follow_symlinks=False):
                            pending.append(Path(e.path))
                        elif e.is_file() and Path(e.name).suffix.lower() in _REPORT_SUFFIXES:
                            found.append(Path(e.path))
            except OSError as err:
                why = "permission denied" if isinstance(err, PermissionError) else (
                    "no such folder" if isinstance(err, FileNotFoundError) else (err.strerror or str(err)))
                unlisted.append((folder, f"{folder}: cannot list the folder: {why}"))
        out.extend(str(f) for f in sorted(found, key=lambda f: f.parts))
        out.extend(("failed", str(f), msg) for f, msg in sorted(unlisted, key=lambda u: u[0].parts))
    return out


class Store:
    """A multi-year SQLite store of reports (docs/store.md), a context manager.

    ``Store("annals.db")`` opens or creates the file and migrates an older schema;
    ``Store(path, read_only=True)`` never writes; ``Store(":memory:")`` is private and in memory.
    Raises StoreError ("<db path>: <why>") when the file is not a database, is locked, corrupt …

    One Store is one connection: calls from several Python threads are serialised (each waits
    for the other, without holding the GIL). Open one Store per thread to query in parallel.
    """

    def __init__(self, uri: PathLike = ":memory:", *, read_only: bool = False, timeout: Optional[float] = None):
        self._db = _core.Store(os.fspath(uri), read_only, timeout)

    # -- life cycle --
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Closes the connection; later calls raise UsageError. Closing twice is harmless."""
        self._db.close()

    @property
    def closed(self) -> bool:
        return self._db.closed

    @property
    def path(self) -> str:
        return self._db.path

    @property
    def version(self) -> int:
        """The schema version (PRAGMA user_version)."""
        return self._db.version

    @property
    def writable(self) -> bool:
        return self._db.writable

    def __repr__(self) -> str:
        return f"Store({self.path!r}{', closed' if self.closed else ''})"

    # -- writing --
    def ingest(self, paths: Union[PathLike, Report, Iterable[Union[PathLike, Report]]],
               jobs: Optional[int] = None) -> IngestSummary:
        """Stores report files, folders (read recursively: the document files `annals ingest` takes) or Report objects.

        Files are read in parallel by `jobs` threads (default: one per core) and stored in the
        order given from this thread, each all or nothing, committed in groups as `annals ingest`
        does (every 64 reports or 100 ms, and at the end; docs/store.md, "Ingest groups"); a
        report already stored (same sha256) is skipped. As with `annals ingest`, an unreadable input is recorded as failed
        (see IngestSummary.failures) and the others are still stored; a storage failure raises
        StoreError at once, keeping what was committed before it.
        """
        if isinstance(paths, (str, os.PathLike, Report)):
            paths = [paths]
        summary = IngestSummary(self.path)
        batch: List[str] = []

        def flush() -> None:
            if batch:
                summary.rows.extend(self._db.ingest_files(batch, jobs))
                batch.clear()

        for item in _collect(paths):
            if isinstance(item, str):
                batch.append(item)
                continue
            flush()
            if isinstance(item, Report):
                summary.rows.append(self._db.ingest_report(item))
            else:
                summary.rows.append(_failed_row(item[1], item[2]))
        flush()
        return summary

    # -- reading --
    def reports(self, jurisdiction: Optional[str] = None, year: Optional[int] = None) -> List[ReportSummary]:
        """The stored reports (by jurisdiction, year, id) with their counts."""
        return self._db.reports(jurisdiction, year)

    def reports_frame(self, jurisdiction: Optional[str] = None, year: Optional[int] = None):
        """reports() as a pandas DataFrame."""
        return _frames.reports_frame(self.reports(jurisdiction, year))

    def jurisdictions(self) -> List[JurisdictionSummary]:
        return self._db.jurisdictions()

    def metrics(self, jurisdiction: Optional[str] = None) -> List[str]:
        """The metric keys ("新收行政复议案件|件") stated in any report (of `jurisdiction`)."""
        return self._db.metrics(jurisdiction)

    def series(self, jurisdiction: str, metric: str) -> MetricSeries:
        """One metric (a key or an alias) of one jurisdiction across years, one point per year."""
        return self._db.series(jurisdiction, metric)

    def series_frame(self, jurisdiction: str, metric: str, *, numeric: bool = False):
        """series() as a DataFrame: year, value, text, fact, report, lo, hi, changes."""
        return _frames.series_frame(self.series(jurisdiction, metric), numeric)

    def panel(self) -> List[PanelRow]:
        """Every jurisdiction × metric × year with its value (as store::panel_csv), sorted."""
        return _frames.parse_panel(self._db.panel_csv(), PanelRow)

    def panel_frame(self, *, numeric: bool = False):
        """panel() as a DataFrame: jurisdiction, metric, year, value."""
        return _frames.frame([r._asdict() for r in self.panel()], ["value"], numeric,
                             columns=list(PanelRow._fields))

    def yoy(self, jurisdiction: Optional[str] = None, metric: Optional[str] = None,
            *, use_tracker: bool = True) -> List[MetricHistory]:
        """Every metric across the years (`annals yoy --db`): computed growth (% or pp), stated
        growth and verdict per year. `metric`: only metrics whose key or label contains it."""
        return self._db.yoy(jurisdiction, metric or "", use_tracker)

    def yoy_frame(self, jurisdiction: Optional[str] = None, metric: Optional[str] = None,
                  *, numeric: bool = False, use_tracker: bool = True):
        """yoy() as a DataFrame, one row per metric-year, with the columns of
        `annals yoy --db DB --format csv`."""
        return _frames.yoy_frame(self.yoy(jurisdiction, metric, use_tracker=use_tracker), numeric)

    def load_report(self, report_id: int) -> Report:
        """The report as ingested. UsageError when there is no such id."""
        return self._db.load_report(report_id)

    def find(self, sha256: str) -> Optional[int]:
        """The id of the report with this sha256, if stored."""
        return self._db.find(sha256)


def _failed_row(source: str, message: str) -> IngestRow:
    return _frames.FailedRow(source, message)  # duck-typed like IngestRow
