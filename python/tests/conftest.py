"""Shared fixtures: the bundled data, the `annals` tool of the same build (ANNALS_CLI)."""
import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def data() -> pathlib.Path:
    return DATA


@pytest.fixture(scope="session")
def sample() -> pathlib.Path:
    return DATA / "chengdu-2024.txt"


class Cli:
    """Runs the annals tool; returns (exit code, stdout, stderr)."""

    def __init__(self, path: str):
        self.path = path

    def run(self, *args, cwd=None):
        p = subprocess.run([self.path, *map(str, args)], capture_output=True, text=True, cwd=cwd)
        return p.returncode, p.stdout, p.stderr

    def json(self, *args, ok=(0,)):
        code, out, err = self.run(*args)
        assert code in ok, err
        return json.loads(out)


@pytest.fixture(scope="session")
def cli() -> Cli:
    path = os.environ.get("ANNALS_CLI", "")
    if not path:
        pytest.skip("ANNALS_CLI is not set (the annals tool was not built in this tree)")
    assert os.access(path, os.X_OK), f"ANNALS_CLI={path} is not an executable: build the annals_cli target"
    return Cli(path)
