#!/usr/bin/env python3
"""vary_sample.py SAMPLE N OUT — N copies of a report, each with its figures' digits varied.

The corpus of issue 15's measurements: sample-sized reports, one per file, with distinct bytes
(so distinct sha256) and the sample's layout. Every run of digits that is not a year (a run
before 年, or 20xx) gets random digits of the same length (seeded by the copy's number); the
text stays the sample's.
Written as OUT/sample-NNNNN.txt. Deterministic.
"""
import os
import random
import re
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: vary_sample.py SAMPLE N OUT")
    sample, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    text = open(sample, encoding="utf-8").read()
    os.makedirs(out, exist_ok=True)
    figure = re.compile(r"\d+(?!\d)(?!年)")
    for i in range(n):
        rng = random.Random(i)
        def vary(m, rng=rng):
            s = m.group(0)
            if len(s) == 4 and s.startswith("20"):
                return s  # a year written without 年 (2024-2025)
            # the first digit stays non-zero so that the figure keeps its length
            return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in s[1:])
        with open(os.path.join(out, "sample-%05d.txt" % i), "w", encoding="utf-8") as f:
            f.write(figure.sub(vary, text))


if __name__ == "__main__":
    main()
