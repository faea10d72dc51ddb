"""examples/python/yoy_plot.py runs end to end and writes a PNG."""
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_yoy_plot_example(tmp_path, data):
    pytest.importorskip("pandas", reason="pandas is not installed (Debian: apt-get install python3-pandas)")
    pytest.importorskip("matplotlib", reason="matplotlib is not installed (Debian: apt-get install python3-matplotlib)")
    out = tmp_path / "history.png"
    table = tmp_path / "yoy.csv"
    p = subprocess.run([sys.executable, str(ROOT / "examples/python/yoy_plot.py"), str(data), "--out", str(out),
                        "--csv", str(table)], capture_output=True, text=True, env=dict(os.environ, MPLBACKEND="Agg"))
    assert p.returncode == 0, p.stderr
    assert "ingested 3 files" in p.stdout and "超1.11万件" in p.stdout
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 5000
    assert "89.6" in table.read_text(encoding="utf-8")
