"""The class store's figures, as ratios to baselines measured in the same run (printed by `make bench`).

- Class board refresh: `class_counts` for 32 groups of 29 tubes in 8 colours, against the same query
  for one group (`group_counts`). Read in one query and replayed, it should cost about 32 groups'
  worth, not 32 round trips more. The board's cheap poll (`last_change_id`) is set beside it.
- Saves per second the SQLite store sustains with 32 writer processes (32 pupils' kernels), against
  one writer; and how long one save waits when all 32 are saving.
Not asserted and not part of pytest. Run alone: `.venv/bin/python benchmarks/store_bench.py`.
"""
from __future__ import annotations

import json
import multiprocessing
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

from classlab import SMARTIES, TallyChange
from classlab.datasets import tally_from
from classlab.store import ClassStore

HERE = Path(__file__).resolve().parent
GROUPS, REFRESHES = 32, 15
SAVES_EACH_OF_32, SAVES_ONE_WRITER = 150, 1000


def _sample_clicks(matrix) -> list[TallyChange]:
    """One group counting the 29 real tubes as pupils do: a new tube, then one click per sweet."""
    changes = []
    for t, row in enumerate(matrix):
        if t:
            changes.append(TallyChange(t, "", "new_sample"))
        for name, n in zip(SMARTIES.names, row):
            changes += [TallyChange(t, name, "add")] * int(n)
    return changes


def board_refresh(folder: Path) -> dict:
    store = ClassStore(f"sqlite:///{folder / 'board.sqlite'}")
    code = store.start_session("smarties", "bench", categories=SMARTIES).code
    clicks = _sample_clicks(tally_from("smarties_29_tubes", SMARTIES).matrix())
    groups = [store.join(code, f"Group {i + 1}") for i in range(GROUPS)]
    for g in groups:
        store.record_many(g.id, clicks)

    def median_ms(fn) -> float:
        fn()  # warm-up
        runs = []
        for _ in range(REFRESHES):
            start = time.perf_counter()
            fn()
            runs.append(time.perf_counter() - start)
        return statistics.median(runs) * 1000

    result = {
        "changes_per_group": len(clicks),
        "class_ms": median_ms(lambda: store.class_counts(code)),
        "group_ms": median_ms(lambda: store.group_counts(groups[0].id)),
        "poll_ms": median_ms(lambda: store.last_change_id(code)),
        "rows": len(store.class_counts(code)),
    }
    store.dispose()
    return result


def writer(url: str, code: str, name: str, n: int, ready, start, results) -> None:
    """One pupil's kernel: join, wait for the starting gun, save n changes, report the timings."""
    store = ClassStore(url)
    group = store.join(code, name)
    ready.put(name)
    start.wait(300)
    waits, problems = [], 0
    begun = time.perf_counter()
    for i in range(n):
        t0 = time.perf_counter()
        try:
            store.record(group.id, TallyChange(i % 29, SMARTIES.names[i % 8], "add"))
        except Exception:  # noqa: BLE001 - counted and printed
            problems += 1
        waits.append(time.perf_counter() - t0)
    results.put((begun, time.perf_counter(), waits, problems))
    store.dispose()


def saves_per_second(folder: Path, writers: int, each: int) -> dict:
    ctx = multiprocessing.get_context("spawn")
    url = f"sqlite:///{folder / f'saves-{writers}.sqlite'}"
    store = ClassStore(url)
    code = store.start_session("smarties", "bench", categories=SMARTIES).code
    ready, start, results = ctx.Queue(), ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=writer, args=(url, code, f"Group {i + 1}", each, ready, start, results))
             for i in range(writers)]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get(timeout=300)  # every kernel started and joined: only saving is timed
    start.set()
    reports = [results.get(timeout=600) for _ in procs]
    for p in procs:
        p.join(60)
    saved = store.class_counts(code)["count"].sum()
    store.dispose()
    first, last = min(r[0] for r in reports), max(r[1] for r in reports)
    waits = sorted(w for r in reports for w in r[2])
    return {
        "writers": writers, "saves": writers * each, "seconds": last - first,
        "per_second": writers * each / (last - first), "problems": sum(r[3] for r in reports),
        "exact": int(saved) == writers * each,
        "wait_ms_median": statistics.median(waits) * 1000,
        "wait_ms_p95": waits[int(0.95 * (len(waits) - 1))] * 1000, "wait_ms_max": waits[-1] * 1000,
    }


def report(r: dict) -> None:
    b, one, many = r["board"], r["one_writer"], r["many_writers"]
    rows = [
        (f"Board refresh: class_counts, {GROUPS} groups", f"{b['class_ms']:.1f} ms",
         f"{b['group_ms']:.2f} ms one group", b["class_ms"] / b["group_ms"]),
        ("Board poll: last_change_id", f"{b['poll_ms']:.2f} ms", f"{b['class_ms']:.1f} ms full refresh",
         b["poll_ms"] / b["class_ms"]),
        (f"Saves/s, {many['writers']} writer processes", f"{many['per_second']:.0f} /s",
         f"{one['per_second']:.0f} /s one writer", many["per_second"] / one["per_second"]),
        (f"One save's wait, {many['writers']} writers (median)", f"{many['wait_ms_median']:.1f} ms",
         f"{one['wait_ms_median']:.2f} ms one writer", many["wait_ms_median"] / one["wait_ms_median"]),
    ]
    print("\nClass store (SQLite, WAL, synchronous=FULL): one run on this machine; ratios to baselines from the same run\n")
    widths = (44, 12, 32)
    print(f"{'measure':<{widths[0]}} {'ClassLab':>{widths[1]}}  {'baseline':<{widths[2]}} {'ratio':>6}")
    print("-" * (sum(widths) + 10))
    for name, ours, base, ratio in rows:
        print(f"{name:<{widths[0]}} {ours:>{widths[1]}}  {base:<{widths[2]}} {ratio:>6.2f}")
    print(f"\n  Board: {GROUPS} groups x 29 tubes x 8 colours ({b['rows']:,} rows), each group's tubes saved as "
          f"{b['changes_per_group']:,} changes\n  (one per sweet, as pupils click); medians of {REFRESHES} reads."
          f" Saves: {many['saves']:,} in {many['seconds']:.1f} s by {many['writers']} processes"
          f" (95th percentile wait {many['wait_ms_p95']:.0f} ms,\n  longest {many['wait_ms_max']:.0f} ms);"
          f" errors reaching a page: {many['problems'] + one['problems']}; totals exact: "
          f"{'yes' if many['exact'] and one['exact'] else 'NO'}.")


def main() -> int:
    results: dict = {"when": datetime.now().isoformat(timespec="seconds")}
    with tempfile.TemporaryDirectory(prefix="classlab-store-bench-") as tmp:
        folder = Path(tmp)
        print(f"Class store: board refresh for {GROUPS} groups ...", flush=True)
        results["board"] = board_refresh(folder)
        print(f"Class store: saves with 1 and {GROUPS} writer processes ...", flush=True)
        results["one_writer"] = saves_per_second(folder, 1, SAVES_ONE_WRITER)
        results["many_writers"] = saves_per_second(folder, GROUPS, SAVES_EACH_OF_32)
    report(results)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    path = out / f"store-bench-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(results, indent=2))
    print(f"\nWritten to {path.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
