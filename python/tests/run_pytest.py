#!/usr/bin/env python3
"""The ctest `python`: runs pytest on python/tests against the annals module of a build tree.

Exit 77 (ctest SKIP_RETURN_CODE) with "skipped: <reason>" when pytest is not installed for this
interpreter, so a missing tool never passes as a success.
"""
import argparse
import os
import subprocess
import sys


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pythonpath", required=True, help="the folder holding the annals package (<build>/python)")
    ap.add_argument("--cli", default="", help="the annals tool of the same build, for the comparisons")
    ap.add_argument("--work", required=True, help="a scratch folder")
    ap.add_argument("tests")
    a = ap.parse_args()
    try:
        import pytest  # noqa: F401
    except ImportError:
        print(f"skipped: pytest is not installed for {sys.executable} (Debian: apt-get install python3-pytest)")
        return 77
    os.makedirs(a.work, exist_ok=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = a.pythonpath + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["ANNALS_CLI"] = a.cli
    env["MPLBACKEND"] = "Agg"
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # no __pycache__ in the source tree
    cmd = [sys.executable, "-m", "pytest", "-v", "-rs", "-p", "no:cacheprovider", a.tests]
    print("PYTHONPATH=" + a.pythonpath, " ".join(cmd), flush=True)
    return subprocess.call(cmd, env=env, cwd=a.work)


if __name__ == "__main__":
    sys.exit(main())
