"""DataFrames: Decimal columns are object dtype; numeric=True gives float64."""
from decimal import Decimal

import annals
import pytest

pd = pytest.importorskip("pandas", reason="pandas is not installed (Debian: apt-get install python3-pandas)")


@pytest.fixture(scope="module")
def store(tmp_path_factory, data):
    with annals.Store(tmp_path_factory.mktemp("frames") / "f.db") as s:
        s.ingest(data)
        yield s


def test_yoy_frame_dtypes(store):
    df = store.yoy_frame()
    from annals._frames import YOY_COLUMNS, YOY_DECIMALS
    assert list(df.columns) == YOY_COLUMNS
    for c in YOY_DECIMALS:
        assert df[c].dtype == object, c
        assert all(v is None or isinstance(v, Decimal) for v in df[c]), c
    assert df["year"].dtype.kind == "i"
    row = df[(df.metric == "新收行政复议案件|件") & (df.year == 2024)].iloc[0]
    assert row.value == Decimal("11100") and row.stated_value == Decimal("89.6")

    num = store.yoy_frame(numeric=True)
    for c in YOY_DECIMALS:
        assert num[c].dtype == "float64", c
    row = num[(num.metric == "新收行政复议案件|件") & (num.year == 2024)].iloc[0]
    assert row.value == 11100.0 and row.stated_value == pytest.approx(89.6)
    assert num["growth_pct"].isna().sum() == df["growth_pct"].isna().sum()


def test_other_frames(store):
    s = store.series_frame("成都市", "新收行政复议案件|件")
    assert list(s.year) == [2023, 2024, 2025] and s.value.dtype == object
    assert list(s.value) == [Decimal(5870), Decimal(11100), Decimal(13500)]
    assert store.series_frame("成都市", "新收行政复议案件|件", numeric=True).value.dtype == "float64"
    p = store.panel_frame()
    assert list(p.columns) == ["jurisdiction", "metric", "year", "value"] and p.value.dtype == object
    assert store.panel_frame(numeric=True).value.dtype == "float64"
    r = store.reports_frame()
    assert list(r.year) == [2023, 2024, 2025] and str(r.year.dtype) == "Int64"
    empty = store.series_frame("成都市", "no such metric")
    assert len(empty) == 0 and empty.value.dtype == object


def test_check_frame(data):
    c = annals.check(data / "chengdu-2025.txt", prior=data / "chengdu-2024.txt")
    df = c.frame()
    assert len(df) == len(c.changes) and "verdict" in df.columns
