#!/usr/bin/env python3
"""bench/scale/rounds.py (`make bench-tool`): its tables, its gauges and its errors.

Run by ctest as `bench_rounds`: python3 tests/bench_rounds_test.py PATH/TO/rounds.py
The commands timed are `sleep`s of known length, so the figures are known to within the
machine's process start-up (a few ms); the gauges are made fast or slow on purpose.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

ROUNDS = sys.argv.pop(1) if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "bench", "scale", "rounds.py")


def run(*args):
    return subprocess.run([sys.executable, ROUNDS, *args], capture_output=True, text=True, timeout=120)


def row(out, title_start, label):
    """The figures of `label` in the table whose title starts with `title_start`."""
    lines = out.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith(title_start))
    for l in lines[start + 2:]:
        if not l.startswith("  "):
            break
        parts = l.split()
        if parts[0] == label:
            return parts[1:]
    raise AssertionError(f"no row {label} under {title_start!r} in:\n{out}")


class rounds_test(unittest.TestCase):
    def test_each_command_is_timed_in_every_round_and_the_targets_counted(self):
        with tempfile.TemporaryDirectory() as d:
            raw = os.path.join(d, "rounds.json")
            r = run("-n", "3", "--before", f"echo x >> {d}/before", "--under", "slow=0.4", "--json", raw,
                    "fast=sleep 0.02", "slow=sleep 0.5")
            self.assertEqual(r.returncode, 0, r.stderr)
            fast = [float(x) for x in row(r.stdout, "every round", "fast")[:5]]
            slow = row(r.stdout, "every round", "slow")
            self.assertGreaterEqual(fast[0], 0.02, r.stdout)  # the medians: no shorter than the sleeps
            self.assertGreaterEqual(float(slow[0]), 0.5)
            self.assertLess(fast[4], float(slow[3]), "every fast run (max) under every slow one (min)")
            self.assertEqual(slow[-4:], ["0/3", "<", "0.400", "s"], "no sleep of 0.5 s is under 0.4 s")
            with open(raw) as f:
                data = json.load(f)
            self.assertEqual(len(data["rounds"]), 3)
            self.assertEqual(sorted(data["rounds"][0]), ["fast", "slow"])
            with open(os.path.join(d, "before")) as f:
                self.assertEqual(len(f.read().split()), 6, "--before runs before each command of each round")
            self.assertNotIn("usual speed", r.stdout, "no gauge, no second table")

    def test_rounds_with_a_slowed_gauge_are_left_out_of_the_usual_speed(self):
        with tempfile.TemporaryDirectory() as d:
            # the gauge is slow in the rounds after the second (a counter file), as a slowed CPU
            gauge = (f"n=$(cat {d}/n 2>/dev/null || echo 0); echo $((n + 1)) > {d}/n; "
                     f"if [ $n -ge 2 ]; then sleep 0.5; else sleep 0.1; fi")
            # a factor of 2, not the default 1.25: a loaded test machine must not move a fast round
            r = run("-n", "4", "--usual", "2", "--gauge", "g", "g=" + gauge, "work=sleep 0.01")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("rounds at the usual speed: 2/4", r.stdout)
            usual = row(r.stdout, "rounds at the usual speed", "g")
            self.assertLess(float(usual[4]), 0.45, "the slowed rounds are not among the usual ones")
            # every gauge slowed in some round: none at the usual speed is a table of "(no round)"
            r = run("-n", "2", "--usual", "2", "--gauge", "a", "--gauge", "b", "a=sleep 0.05", "b=sleep 0.4")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("rounds at the usual speed: 0/2", r.stdout)
            self.assertIn("(no round)", r.stdout)

    def test_a_failing_command_stops_the_run_with_its_first_line(self):
        r = run("-n", "2", "ok=true", "bad=echo 'no such input' >&2; echo more >&2; exit 3")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr, "rounds: bad: exit 3: no such input\n")
        self.assertEqual(r.stdout, "", "nothing is printed for a run that did not finish")
        r = run("quiet=exit 4")
        self.assertEqual(r.stderr, "rounds: quiet: exit 4: (nothing on stderr)\n")

    def test_bad_arguments_are_one_line_and_exit_2(self):
        cases = {
            ("nolabel",): "rounds: command 'nolabel': expected LABEL=VALUE\n",
            ("a=true", "a=true"): "rounds: two commands have the same label\n",
            ("--under", "b=1", "a=true"): "rounds: --under b=1: no command is labelled 'b'\n",
            ("--under", "a=soon", "a=true"): "rounds: --under a=soon: 'soon' is not a number of seconds\n",
            ("--gauge", "g", "a=true"): "rounds: --gauge g: no command is labelled 'g'\n",
            ("-n", "0", "a=true"): "rounds: --rounds 0: must be at least 1\n",
            ("--usual", "0.5", "a=true"): "rounds: --usual 0.5: must be at least 1\n",
        }
        for args, message in cases.items():
            r = run(*args)
            self.assertEqual((r.returncode, r.stderr, r.stdout), (2, message, ""), args)
        r = run()
        self.assertEqual(r.returncode, 2)


if __name__ == "__main__":
    unittest.main()
