"""read_report / read_text: the sample report's facts equal what the C++ tool extracts."""
import json
from decimal import Decimal

import annals
import pytest
from annals._frames import decimal_text


def test_to_dict_equals_the_tool_json(cli, sample):
    expected = cli.json("extract", sample, "--format", "json")
    r = annals.read_report(str(sample))
    assert r.to_dict() == expected
    assert json.loads(r.to_json()) == expected


def test_attributes_equal_the_tool_json(cli, sample):
    """Every fact, change and commitment attribute, as Python values, equals the tool's JSON."""
    expected = cli.json("extract", sample, "--format", "json")
    r = annals.read_report(sample)  # a pathlib.Path works too
    dec = lambda s: None if s is None else Decimal(s)  # noqa: E731
    assert r.source.sha256 == expected["source"]["sha256"]
    assert r.source.encoding == expected["source"]["encoding"]
    meta = expected["report"]
    assert (r.title, r.issuer, r.jurisdiction, r.year, r.recipient) == (
        meta["title"], meta["issuer"], meta["jurisdiction"], meta["year"], meta["recipient"])
    assert (r.published.isoformat() if r.published else None) == meta["published"]
    assert len(r.facts) == len(expected["facts"]) > 50
    for f, e in zip(r.facts, expected["facts"]):
        assert (f.id, f.label, f.text, f.unit, f.qualifier, f.qualifier_text, f.kind, f.section, f.item) == (
            e["id"], e["label"], e["text"], e["unit"], e["qualifier"], e["qualifier_text"], e["kind"],
            e["section"], e["item"])
        assert isinstance(f.value, Decimal)
        assert f.value == Decimal(e["value"]) and decimal_text(f.value) == e["value"]
        assert (f.lo, f.hi, f.lo_closed, f.hi_closed) == (dec(e["lo"]), dec(e["hi"]), e["lo_closed"], e["hi_closed"])
        assert (f.flags, f.last_digit, f.approximate, f.start, f.end) == (
            e["flags"], e["last_digit"], e["approximate"], e["start"], e["end"])
        assert r.text[f.start:f.end] == f.text  # spans are code points of the decoded text
    assert len(r.changes) == len(expected["changes"])
    for c, e in zip(r.changes, expected["changes"]):
        assert (c.id, c.kind, c.label, c.text, c.fact, c.start, c.end) == (
            e["id"], e["kind"], e["label"], e["text"], e["fact"], e["start"], e["end"])
        if "value" in e:
            assert c.value == dec(e["value"])
        if "direction" in e:
            assert c.direction == e["direction"]
        if "from" in e:
            assert (c.from_, c.to) == (dec(e["from"]), dec(e["to"]))
    assert [(k.id, k.kind, k.title, k.text) for k in r.commitments] == [
        (e["id"], e["kind"], e.get("title", ""), e["text"]) for e in expected["commitments"]]
    assert [(s.ordinal, s.heading, len(s.items)) for s in r.sections] == [
        (e["ordinal"], e["heading"], len(e["items"])) for e in expected["sections"]]


def test_decimals_are_exact(sample):
    r = annals.read_report(sample)
    f = next(f for f in r.facts if f.text == "超1.11万件")
    assert isinstance(f.value, Decimal) and f.value == Decimal("11100") and str(f.value) == "11100"
    assert f.qualifier == "more_than" and f.lo == Decimal("11100") and f.lo_closed is False
    c = next(c for c in r.changes if c.fact == f.id and c.kind == "growth_pct")
    assert isinstance(c.value, Decimal) and str(c.value) == "89.6"  # not 89.59999999999999
    assert annals.growth(5870, 11100) == Decimal("89.10") and str(annals.growth(5870, 11100)) == "89.10"
    assert c.direction == "up" and c.basis == "yoy"


def test_bytes_and_text(sample):
    raw = sample.read_bytes()
    a = annals.read_report(str(sample))
    b = annals.read_report(raw, name=str(sample))
    assert b.to_dict() == a.to_dict()
    assert annals.read_report(raw).source.name == "(bytes)"
    # GB18030 bytes decode to the same facts
    g = annals.read_report(raw.decode("utf-8").encode("gb18030"), name="gb.txt")
    assert g.source.encoding == "gb18030"
    assert [(f.text, f.value) for f in g.facts] == [(f.text, f.value) for f in a.facts]
    t = annals.read_text(a.text, "text")
    assert [(f.label, f.value) for f in t.facts] == [(f.label, f.value) for f in a.facts]
    assert len(t.source.sha256) == 64


def test_read_reports_in_parallel_keeps_order(data):
    paths = sorted(data.glob("chengdu-20??.txt"))
    one = [r.to_dict() for r in annals.read_reports(paths, jobs=1)]
    many = [r.to_dict() for r in annals.read_reports(paths * 4, jobs=3)]
    assert many == one * 4
    assert [r["report"]["year"] for r in one] == [2023, 2024, 2025]


def test_report_json_round_trip(sample):
    r = annals.read_report(sample)
    assert annals.report_from_json(r.to_json()).to_dict() == r.to_dict()
