#!/usr/bin/env python3
"""rounds.py — whole-process timings of commands in alternated rounds, read against a gauge.

usage: rounds.py [-n ROUNDS] [--before SHELL] [--gauge LABEL ...] [--usual FACTOR]
                 [--under LABEL=SECONDS ...] [--rss] [--json FILE] LABEL=SHELL ...

Each round runs every command once, in the order given (so a slow stretch of the machine falls on
all of them alike), each through /bin/sh -c with its standard output thrown away. `--before`
runs before each command, untimed (e.g. removing the store an ingest creates). For each command:
the wall time's median, quartiles, fastest and slowest run and the median CPU time (user +
system of the command and its children); `--under L=S` counts L's runs faster than S seconds (a
target). `--rss` adds the largest peak RSS, taken by running each command under /usr/bin/time
(Debian's `time`): that launcher adds about 4 ms to every wall time on this machine, so short
commands are timed without it unless asked.

Gauges. On a shared virtual machine one virtual CPU, or both, can run the same work 1.5-1.7
times slower for seconds to minutes at a time (bench/README.md, "Reading a figure on this
machine"). `--gauge L` (repeatable) names a command whose time depends on one CPU alone; the
gauges are the same work pinned to each CPU in turn, e.g. `taskset -c K annals extract --jobs 1
… > /dev/null`. A round in which every gauge ran within FACTOR of the fastest gauge run of all
is "at the usual speed" (every CPU ran about as fast as the fastest did), and every figure is
given a second time over those rounds alone. FACTOR (default 1.25) sits between the usual
spread of a gauge (under 1.15) and a slowed CPU (1.5 and more), so that one lucky run does not
push the usual ones out. Both sets are printed; neither replaces the other. A stretch in which
a CPU stays slowed for the whole run has no round at the usual speed: the gauges' medians show
it (one CPU's gauge 1.5 times the other's).

A command that fails stops the run: "rounds: LABEL: exit N: <its first line on stderr>", exit 1.
Bad arguments: a one-line message, exit 2. Only the Python standard library is used.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HAVE_TIME = os.access("/usr/bin/time", os.X_OK)


class usage_error(Exception):
    pass


def labelled(text, what):
    label, sep, value = text.partition("=")
    if not sep or not label or not value:
        raise usage_error(f"{what} '{text}': expected LABEL=VALUE")
    return label, value


def run_once(shell, before, rss_wanted):
    """One timed run: (wall seconds, CPU seconds, peak RSS in MB or None); raises on a non-zero exit.

    With `rss`, the peak RSS comes from /usr/bin/time, which forks from a small process: a child
    forked from this Python process would count Python's own pages as its peak (Linux carries
    the pre-exec peak across exec)."""
    if before:
        subprocess.run(["/bin/sh", "-c", before], check=True, stdout=subprocess.DEVNULL)
    argv = ["/bin/sh", "-c", shell]
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss:
        if rss_wanted:
            argv = ["/usr/bin/time", "-q", "-f", "%M", "-o", rss.name] + argv
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            first = err.read().decode("utf-8", "replace").strip().splitlines()
            raise RuntimeError(f"exit {code}: {first[0] if first else '(nothing on stderr)'}")
        peak = float(rss.read().split()[-1]) / 1024 if rss_wanted else None
    return wall, usage.ru_utime + usage.ru_stime, peak


def quantile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(p * len(sorted_values)))]


def summary(runs, under):
    walls = sorted(r[0] for r in runs)
    line = {
        "runs": len(runs),
        "median": statistics.median(walls),
        "p25": quantile(walls, 0.25),
        "p75": quantile(walls, 0.75),
        "min": walls[0],
        "max": walls[-1],
        "cpu": statistics.median(r[1] for r in runs),
        "rss_mb": max(r[2] for r in runs) if runs[0][2] is not None else None,
    }
    if under is not None:
        line["under"] = sum(1 for w in walls if w < under)
    return line


def print_table(title, labels, stats, unders):
    print(title)
    print(f"  {'command':<12} {'median':>8} {'p25':>8} {'p75':>8} {'min':>8} {'max':>8} {'cpu':>8} {'rss MB':>8}  under")
    for label in labels:
        s = stats[label]
        if s is None:
            print(f"  {label:<12} (no round)")
            continue
        rss = f"{s['rss_mb']:.1f}" if s["rss_mb"] is not None else "-"
        target = f"{s['under']}/{s['runs']} < {unders[label]:.3f} s" if label in unders else ""
        print(f"  {label:<12} {s['median']:8.3f} {s['p25']:8.3f} {s['p75']:8.3f} {s['min']:8.3f} {s['max']:8.3f}"
              f" {s['cpu']:8.3f} {rss:>8}  {target}")


def main(argv):
    p = argparse.ArgumentParser(prog="rounds.py", add_help=True,
                                description="whole-process timings in alternated rounds, read against a gauge")
    p.add_argument("-n", "--rounds", type=int, default=21)
    p.add_argument("--before", default="")
    p.add_argument("--gauge", action="append", default=[])
    p.add_argument("--usual", type=float, default=1.25)
    p.add_argument("--under", action="append", default=[])
    p.add_argument("--rss", action="store_true")
    p.add_argument("--json", default="")
    p.add_argument("commands", nargs="+")
    try:
        a = p.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    try:
        if a.rounds < 1:
            raise usage_error(f"--rounds {a.rounds}: must be at least 1")
        if a.rss and not HAVE_TIME:
            raise usage_error("--rss: /usr/bin/time is not installed (Debian package time)")
        if a.usual < 1:
            raise usage_error(f"--usual {a.usual}: must be at least 1")
        commands = [labelled(c, "command") for c in a.commands]
        labels = [l for l, _ in commands]
        if len(set(labels)) != len(labels):
            raise usage_error("two commands have the same label")
        unders = {}
        for u in a.under:
            label, seconds = labelled(u, "--under")
            if label not in labels:
                raise usage_error(f"--under {u}: no command is labelled '{label}'")
            try:
                unders[label] = float(seconds)
            except ValueError:
                raise usage_error(f"--under {u}: '{seconds}' is not a number of seconds") from None
        for g in a.gauge:
            if g not in labels:
                raise usage_error(f"--gauge {g}: no command is labelled '{g}'")
    except usage_error as e:
        print(f"rounds: {e}", file=sys.stderr)
        return 2

    rounds = []  # rounds[k][label] = (wall, cpu, rss)
    for _ in range(a.rounds):
        this = {}
        for label, shell in commands:
            try:
                this[label] = run_once(shell, a.before, a.rss)
            except (RuntimeError, subprocess.CalledProcessError) as e:
                print(f"rounds: {label}: {e}", file=sys.stderr)
                return 1
        rounds.append(this)

    all_stats = {l: summary([r[l] for r in rounds], unders.get(l)) for l in labels}
    print(f"rounds: {a.rounds} alternated rounds, {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print_table("every round (seconds):", labels, all_stats, unders)
    if a.gauge:
        fastest = min(r[g][0] for r in rounds for g in a.gauge)
        usual = [r for r in rounds if all(r[g][0] <= a.usual * fastest for g in a.gauge)]
        usual_stats = {l: summary([r[l] for r in usual], unders.get(l)) if usual else None for l in labels}
        print_table(f"rounds at the usual speed: {len(usual)}/{len(rounds)} (every gauge within {a.usual:.2f} × the "
                    f"fastest gauge run, {fastest:.3f} s):", labels, usual_stats, unders)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"commands": dict(commands), "rounds": rounds, "gauge": a.gauge, "usual": a.usual}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
