# read_python.py — the Python side of the comparison with the C++ library (issue 18,
# bench/README.md "Python"):  PYTHONPATH=BUILD/python python3 bench/compare/read_python.py DIR [PASSES]
# The same files as annals_read_bytes, preloaded as bytes; annals.read_report(bytes) over all of
# them, best of PASSES (default 5), one thread; then the same touching every report's facts
# (which builds their Python objects).
import os, sys, time, annals
d = sys.argv[1]; passes = int(sys.argv[2]) if len(sys.argv) > 2 else 5
files = [(f, open(os.path.join(d, f), 'rb').read()) for f in sorted(os.listdir(d)) if f.endswith('.txt')]
total = sum(len(b) for _, b in files)
def run(touch):
    best = 1e9
    for _ in range(passes):
        t0 = time.perf_counter()
        for f, b in files:
            r = annals.read_report(b, f)
            if touch: len(r.facts)
        best = min(best, time.perf_counter() - t0)
    return best
for touch in (False, True):
    best = run(touch)
    print('{"files": %d, "bytes": %d, "touch_facts": %s, "best_s": %.4f, "mb_s": %.2f}' % (len(files), total, str(touch).lower(), best, total / 1e6 / best))
