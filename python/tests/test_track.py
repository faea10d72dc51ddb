"""track / check / growth arithmetic against the tool and the C++ examples."""
from decimal import Decimal

import annals
import pytest


def test_track_equals_the_tool(cli, data):
    a, b = data / "chengdu-2024.txt", data / "chengdu-2025.txt"
    t = annals.track(annals.read_report(a), annals.read_report(b))
    code, out, err = cli.run("track", a, b, "--format", "json")
    assert code in (0, 1), err
    import json
    assert t.to_dict() == json.loads(out)
    statuses = {c.title: c.status for c in t.commitments}
    assert statuses["坚定践行习近平法治思想"] == "fulfilled"
    assert statuses["持续优化法治化营商环境"] == "in_progress"
    assert t.has_inconsistency
    bad = [m for m in t.metrics if m.verdict == "inconsistent"]
    assert any(m.earlier and m.earlier.value == Decimal(5652) and m.later.value == Decimal(6120) for m in bad)


def test_track_paths_and_order(data):
    with pytest.raises(annals.UsageError):
        annals.track(data / "chengdu-2025.txt", data / "chengdu-2024.txt")


def test_check_equals_the_tool(cli, data):
    a, b = data / "chengdu-2024.txt", data / "chengdu-2025.txt"
    c = annals.check(b, prior=a)
    expected = cli.json("check", b, "--prior", a, "--format", "json", ok=(0, 1))
    assert c.to_dict() == expected
    assert c.inconsistent == expected["inconsistent"] >= 1
    alone = annals.check(annals.read_report(b))
    assert alone.prior is None and all(x.verdict == "unverifiable" for x in alone.changes)
    assert all(isinstance(p.value, Decimal) for p in alone.implied_priors)


def test_growth_arithmetic():
    assert annals.growth(5870, 11100) == Decimal("89.10")
    assert annals.growth(Decimal("373"), Decimal("709")) == Decimal("90.08")
    assert annals.growth("151", "66", 2, "truncate") == Decimal("-56.29")
    assert annals.growth(0, 5) is None and annals.growth(-1, 5) is None
    assert annals.pp("84.2", "86.15") == Decimal("1.95")
    assert annals.pp(Decimal("0.1"), Decimal("0.3")) == Decimal("0.2")  # exact, unlike 0.3 - 0.1 in float
    assert annals.cagr(100, 121, 2) == Decimal("10.00")
    assert annals.cagr(0, 121, 2) is None
    with pytest.raises(annals.UsageError):
        annals.growth(1, 2, 2, "bankers")
    with pytest.raises(annals.UsageError):
        annals.cagr(1, 2, 0)


def test_markdown_is_chinese_unless_english_is_asked_for(data, cli):
    t = annals.track(data / "chengdu-2024.txt", data / "chengdu-2025.txt")
    zh = t.to_markdown()
    assert "## 前后不一致之处" in zh and "## Inconsistencies" not in zh
    code, out, err = cli.run("track", str(data / "chengdu-2024.txt"), str(data / "chengdu-2025.txt"), "--format", "md")
    assert out == zh
    code, out, err = cli.run("track", str(data / "chengdu-2024.txt"), str(data / "chengdu-2025.txt"), "--format", "md",
                             "--lang", "en")
    assert t.to_markdown(lang="en") == out and "## Inconsistencies" in out
    with pytest.raises(annals.UsageError):
        t.to_markdown(lang="fr")
