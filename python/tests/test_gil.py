"""The GIL is released while reading, ingesting and tracking: another Python thread keeps running.

Not a speed test (that would be flaky on a loaded 2-core machine): a second thread ticks in a
loop while the main thread is inside one long call, and the longest pause between its ticks must
be well under the call's duration. Were the GIL held, the ticker would stop for the whole call
(the pause would equal the duration). Up to three attempts, any one passing.
"""
import threading
import time

import annals


def longest_pause(fn):
    """Runs fn() while another thread ticks; returns (duration of fn, longest pause, ticks)."""
    ticks = []
    stop = threading.Event()
    ready = threading.Event()

    def ticker():
        ready.set()
        while not stop.is_set():
            ticks.append(time.perf_counter())
            sum(range(50))  # a little Python work between ticks

    th = threading.Thread(target=ticker)
    th.start()
    ready.wait()
    time.sleep(0.01)
    t0 = time.perf_counter()
    fn()
    t1 = time.perf_counter()
    stop.set()
    th.join()
    points = [t0] + [t for t in ticks if t0 < t < t1] + [t1]
    return t1 - t0, max(b - a for a, b in zip(points, points[1:])), len(points) - 2


def sized(make, target=0.4):
    """A call of `make(n)` that lasts about `target` seconds here (calibrated)."""
    n = 50
    while True:
        t0 = time.perf_counter()
        make(n)()
        if time.perf_counter() - t0 > target / 4 or n > 200000:
            break
        n *= 2
    return make(n * 4)


def assert_runs_without_gil(fn):
    results = []
    for _ in range(3):
        duration, pause, ticks = longest_pause(fn)
        results.append((round(duration, 3), round(pause, 3), ticks))
        if duration > 0.1 and pause < duration / 2 and ticks > 10:
            return
    raise AssertionError(f"another thread was blocked during the call: (duration s, longest pause s, ticks) = {results}")


def test_read_releases_the_gil(sample):
    fn = sized(lambda n: (lambda: annals.read_reports([sample] * n, jobs=1)))
    assert_runs_without_gil(fn)


def test_read_text_releases_the_gil(sample):
    r = annals.read_report(sample)
    lines = r.text.split("\n")
    body = [ln for ln in lines if "。" in ln]  # prose paragraphs only: no titles, headings, dates

    def make(n):
        text = "\n".join(lines[:8] + body * max(1, n // 10) + lines[-6:])
        return lambda: annals.read_text(text, "long")

    assert_runs_without_gil(sized(make))


def test_ingest_releases_the_gil(tmp_path, data):
    paths = sorted(data.glob("chengdu-20??.txt"))
    counter = iter(range(10**9))

    def make(n):
        def run():
            with annals.Store(tmp_path / f"g{next(counter)}.db") as s:
                s.ingest(paths * n, jobs=2)  # re-ingesting skips: reading dominates
        return run

    assert_runs_without_gil(sized(make))


def test_threads_read_in_parallel_correctly(sample):
    """Python threads reading at once get the same reports as one thread reading alone."""
    expected = annals.read_report(sample).to_dict()
    out = [None] * 4

    def work(i):
        out[i] = [r.to_dict() for r in annals.read_reports([sample] * 20, jobs=2)]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(o == [expected] * 20 for o in out)


def test_one_store_shared_by_threads(tmp_path, data):
    """Calls on one Store from several threads are serialised (one SQLite connection), not racing."""
    with annals.Store(tmp_path / "shared.db") as s:
        s.ingest(data)
        expected = [(m.metric, [(p.year, p.value, p.verdict) for p in m.points]) for m in s.yoy()]
        results, errors = [], []

        def work():
            try:
                for _ in range(5):
                    results.append([(m.metric, [(p.year, p.value, p.verdict) for p in m.points]) for m in s.yoy()])
                    s.ingest(data)  # all skipped: writes and reads interleave safely
            except Exception as e:  # noqa: BLE001
                errors.append(e)

        threads = [threading.Thread(target=work) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors and len(results) == 15 and all(r == expected for r in results)
        assert len(s.reports()) == 3
