"""Bad input and bad stores raise annals exceptions carrying the tool's messages."""
import os

import annals
import pytest


def tool_message(cli, *args):
    code, out, err = cli.run(*args)
    assert out == "" and err.startswith("annals: "), (code, err)
    return code, err[len("annals: "):].rstrip("\n")


def test_missing_file(cli, tmp_path):
    path = str(tmp_path / "nope.txt")
    with pytest.raises(annals.InputError) as e:
        annals.read_report(path)
    assert isinstance(e.value, ValueError) and isinstance(e.value, annals.Error)
    code, msg = tool_message(cli, "extract", path)
    assert str(e.value) == msg == f"{path}: no such file"
    assert code == annals.InputError.exit_code == 3


def test_binary_garbage(cli, tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(annals.InputError) as e:
        annals.read_report(str(path))
    code, msg = tool_message(cli, "extract", path)
    assert str(e.value) == msg and "not a text document (binary data)" in msg
    with pytest.raises(annals.InputError, match=r"^\(bytes\): not a text document"):
        annals.read_report(path.read_bytes())


def test_empty_text():
    with pytest.raises(annals.InputError, match="empty"):
        annals.read_text("   \n ", "blank")


def test_directory(cli, tmp_path):
    with pytest.raises(annals.InputError) as e:
        annals.read_report(str(tmp_path))
    _, msg = tool_message(cli, "extract", tmp_path)
    assert str(e.value) == msg == f"{tmp_path}: is a directory"


def test_bad_store_path(cli, tmp_path, sample):
    not_a_db = tmp_path / "not-a-db.db"
    not_a_db.write_bytes(b"this is not an SQLite database, just text\n" * 100)
    with pytest.raises(annals.StoreError) as e:
        annals.Store(not_a_db)
    assert isinstance(e.value, OSError)
    code, msg = tool_message(cli, "ingest", "--db", not_a_db, sample)
    assert str(e.value) == msg and code == annals.StoreError.exit_code == 4
    missing_folder = tmp_path / "no" / "such" / "folder" / "a.db"
    with pytest.raises(annals.StoreError) as e:
        annals.Store(missing_folder)
    code, msg = tool_message(cli, "ingest", "--db", missing_folder, sample)
    assert str(e.value) == msg and code == 4


def test_ingest_reports_failures_like_the_tool(cli, tmp_path, sample):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 500)
    missing = tmp_path / "missing.txt"
    db = tmp_path / "a.db"
    with annals.Store(db) as s:
        summary = s.ingest([sample, bad, missing], jobs=2)
    # binary data is a format annals does not read (unsupported); a missing file failed
    assert (summary.added, summary.skipped, summary.failed, summary.unsupported) == (1, 0, 1, 1)
    code, out, err = cli.run("ingest", "--db", tmp_path / "b.db", sample, bad, missing)
    assert code == 3
    lines = [l[len("annals: "):] for l in err.splitlines()]
    assert [m for _, m in summary.unsupported_inputs] == lines[:1]
    assert [m for _, m in summary.failures] == lines[1:2]
    assert str(summary).replace(str(db), "DB") == lines[2].replace(str(tmp_path / "b.db"), "DB")


def test_closed_store_and_bad_arguments(tmp_path, sample):
    s = annals.Store(tmp_path / "c.db")
    s.close()
    s.close()
    with pytest.raises(annals.UsageError, match="the store is closed"):
        s.reports()
    with annals.Store() as m:
        with pytest.raises(annals.UsageError):
            m.load_report(12345)
        with pytest.raises(annals.UsageError, match="jobs"):
            m.ingest([sample], jobs=0)
    with pytest.raises(TypeError):
        annals.growth(1.5, 2)  # floats are refused: figures are exact
    with pytest.raises(TypeError):
        annals.read_report(12)
