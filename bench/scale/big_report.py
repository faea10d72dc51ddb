#!/usr/bin/env python3
"""big_report.py SAMPLE COPIES OUT — one large report: the sample's title and opening, its body
sections repeated COPIES times, then its closing (problems, next steps, date). The reader finds
the figures of every copy (the sample's 63 facts × about COPIES), unlike a plain repetition of
the whole file, whose second title ends the report. COPIES=5200 on data/chengdu-2024.txt gives
43 MB, the size of issue 15's large report.
"""
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: big_report.py SAMPLE COPIES OUT")
    lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
    # lines 7-18 of the sample are its six sections; what follows is the closing
    head, body, tail = lines[:6], lines[6:18], lines[18:]
    with open(sys.argv[3], "w", encoding="utf-8") as f:
        f.write("\n".join(head) + "\n")
        block = "\n".join(body) + "\n"
        for _ in range(int(sys.argv[2])):
            f.write(block)
        f.write("\n".join(tail))


if __name__ == "__main__":
    main()
