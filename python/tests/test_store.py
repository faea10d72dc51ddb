"""Store: a round trip through SQLite, the queries, and the YoY table against the tool's."""
import csv
import io
from decimal import Decimal

import annals
import pytest


@pytest.fixture()
def store(tmp_path, data):
    with annals.Store(tmp_path / "annals.db") as s:
        summary = s.ingest(data, jobs=2)
        assert (summary.added, summary.skipped, summary.failed) == (3, 0, 0), summary.failures
        yield s


def test_round_trip(tmp_path, data):
    path = tmp_path / "rt.db"
    originals = {r.source.sha256: r for r in annals.read_reports(sorted(data.glob("*.txt")))}
    with annals.Store(path) as s:
        first = s.ingest([data])
        assert first.added == 3 and first.facts == sum(len(r.facts) for r in originals.values())
        again = s.ingest(str(data))
        assert (again.added, again.skipped) == (0, 3) and again.ids == first.ids
        assert s.version >= 4 and s.writable
    assert s.closed
    with annals.Store(path, read_only=True) as ro:
        assert not ro.writable
        stored = ro.reports()
        assert [(r.jurisdiction, r.year) for r in stored] == [("成都市", 2023), ("成都市", 2024), ("成都市", 2025)]
        for summary in stored:
            back = ro.load_report(summary.id)
            orig = originals[summary.sha256]
            assert back.to_dict() == orig.to_dict()
            assert summary.facts == len(orig.facts)
        assert ro.find(stored[1].sha256) == stored[1].id
        with pytest.raises(annals.StoreError):  # read-only: never writes
            ro.ingest(annals.read_text("成都市人民政府关于2026年度法治政府建设情况的报告\n一、工作\n办理案件120件。", "x"))


def test_many_files_are_committed_in_groups_and_all_stored(tmp_path, sample):
    # 150 made-up revisions of the sample (its text with a line of their own): more than two
    # groups of 64, committed as they fill and at the end.
    text = sample.read_text(encoding="utf-8")
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(150):
        (folder / f"r{i:03d}.txt").write_text(text + f"\n（测试用修订稿 {i}）\n", encoding="utf-8")
    (folder / "r075.txt").write_bytes(b"\x00\x01\x02\x03" * 500)  # not a report: only it is left out
    path = tmp_path / "many.db"
    with annals.Store(path) as s:
        summary = s.ingest(folder, jobs=2)
        assert (summary.added, summary.skipped) == (149, 0), summary.failures
        assert summary.failed + summary.unsupported == 1
        assert summary.ids == sorted(summary.ids)
    with annals.Store(path, read_only=True) as ro:  # another connection: everything committed
        assert len(ro.reports()) == 149
        again = annals.Store(path)
        with again:
            assert again.ingest(folder, jobs=2).skipped == 149


def test_report_objects_and_memory_store(sample):
    r = annals.read_report(sample)
    with annals.Store(":memory:") as s:
        out = s.ingest(r)
        assert out.added == 1 and out.rows[0].counts.facts == len(r.facts)
        assert s.ingest([r]).skipped == 1


def test_series_is_exact(store):
    ser = store.series("成都市", "新收行政复议案件|件")
    assert [(p.year, p.value, p.text) for p in ser.points] == [
        (2023, Decimal("5870"), "5870件"), (2024, Decimal("11100"), "超1.11万件"), (2025, Decimal("13500"), "1.35万件")]
    assert all(isinstance(p.value, Decimal) for p in ser.points)
    assert "新收行政复议案件|件" in store.metrics("成都市")
    assert [(j.name, j.reports, j.first_year, j.last_year) for j in store.jurisdictions()] == [("成都市", 3, 2023, 2025)]


def test_panel_matches_series(store):
    rows = store.panel()
    assert rows and all(isinstance(r.value, Decimal) for r in rows)
    mine = [r for r in rows if r.metric == "新收行政复议案件|件"]
    assert [(r.year, r.value) for r in mine] == [(2023, Decimal(5870)), (2024, Decimal(11100)), (2025, Decimal(13500))]
    assert rows == sorted(rows, key=lambda r: (r.jurisdiction.encode(), r.metric.encode(), r.year))


def test_yoy_equals_the_tool_csv(store, cli):
    code, out, err = cli.run("yoy", "--db", store.path, "--format", "csv")
    assert code == 0, err
    assert out.startswith("\ufeff"), "the tool's CSV starts with a UTF-8 BOM (for Excel)"
    expected = list(csv.DictReader(io.StringIO(out[1:])))
    from annals import _frames
    mine = _frames.yoy_rows(store.yoy())
    assert len(mine) == len(expected) > 10

    def text(v):
        if v is None:
            return ""
        if isinstance(v, Decimal):
            return _frames.decimal_text(v)
        return str(v)

    for m, e in zip(mine, expected):
        got = {k: text(v) for k, v in m.items()}
        # the tool prints growth with 2 decimals; the Decimal is the same number
        for k in ("growth_pct", "change_pp"):
            if got[k]:
                got[k] = f"{m[k]:.2f}"
        e = {k: (v[1:] if v[:1] == "'" else v) for k, v in e.items()}
        assert got == e
    growth = [m for m in mine if m["metric"] == "新收行政复议案件|件" and m["year"] == 2024][0]
    assert growth["growth_pct"] == Decimal("89.10") and growth["verdict"] == "consistent"
    assert growth["change_pp"] is None
    assert growth["stated_value"] == Decimal("89.6") and growth["stated_text"] == "同比增长89.6%"


def test_point_attributes_follow_the_contract(store):
    """growth_pct is a percent and change_pp points, never one name for both (issue 13); the old
    name `growth` still answers, with a DeprecationWarning naming the new one."""
    import warnings
    points = [p for h in store.yoy() for p in h.points]
    pct = [p for p in points if p.growth_pct is not None]
    pp = [p for p in points if p.change_pp is not None]
    assert pct and pp, "the sample store has growths in % and changes in points"
    for p in points:
        assert p.growth_pct is None or p.change_pp is None
        assert (p.change_pp is not None) == (p.in_pp and p.change_pp is not None)
    p = pct[0]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert p.growth == p.growth_pct and p.growth_lo == p.growth_pct_lo
    assert [w.category for w in caught] == [DeprecationWarning, DeprecationWarning]
    assert "growth_pct" in str(caught[0].message)
