"""Issue 9's aims in one run (`make bench`): each figure beside its baseline from the same run, its aim, pass or miss.

- Smarties lab ready: navigation until its "Add one orange" button is there in Chromium, against a
  bare one-button Voila page; without a pool, and from `classlab serve`'s preheated pool (--preheat 1).
- Its kernel's memory against a bare ipywidgets kernel's.
- A click to its orange bar's new height, median and 95th percentile (baseline: a bare button to its label).
- 32 page requests at once: all answered, how long, failures; without and with preheat (baseline: the bare page).
- A class board refresh for 32 groups against one group (the engine's `ClassReader.read` after a tally).
- A pupil's tally reaching the teacher's board (median), against the same tally reaching the pupil's page.
Figures only, never asserted; written to benchmarks/results/. Takes about 10 minutes on 2 cores.
CLASSLAB_BENCH_ONLY=board (or pages, tally, arrival; several with commas) runs only those parts.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
import traceback
from datetime import datetime
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import class_arrival  # noqa: E402 - benchmarks/ is on the path
import class_bench  # noqa: E402
import run  # noqa: E402
from store_bench import _sample_clicks  # noqa: E402

from classlab import SMARTIES  # noqa: E402
from classlab.board import ClassReader  # noqa: E402
from classlab.datasets import tally_from  # noqa: E402
from classlab.serve import pooled_labs, stop  # noqa: E402
from classlab.store import ClassStore  # noqa: E402

REPO = HERE.parent
run.CLICKS = 40  # enough clicks for a 95th percentile
GROUPS, REFRESHES = 32, 15
if os.environ.get("CLASSLAB_BENCH_QUICK"):  # a try-out of the whole run in a minute or two: figures meaningless
    run.LOADS, run.CLICKS, class_bench.TALLIES, REFRESHES = 1, 5, 2, 3
PARTS = ("pages", "board", "tally", "arrival")
#: Only some parts (CLASSLAB_BENCH_ONLY=board): a change to one figure is measured without the ten-minute run.
ONLY = [p.strip() for p in os.environ.get("CLASSLAB_BENCH_ONLY", "").split(",") if p.strip()] or list(PARTS)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[round(q * (len(ordered) - 1))] if ordered else float("nan")


def med(values) -> float:
    return statistics.median(values) if values else float("nan")


def pool_loads(browser, server: run.Server, pool: int) -> tuple[list[float], list[float]]:
    """The lab loaded as run.load_times does, each time from a refilled, settled pool; and the pool kernels' memory."""
    if not class_arrival.settled(server.proc.pid, pool):
        print("  (the pool did not settle; measuring anyway)", file=sys.stderr)
    sizes = [k.memory_info().rss / 2**20 for k in class_arrival.kernels(server.proc.pid)]
    times = []
    for i in range(run.LOADS + 1):  # the first is a warm-up, as in run.load_times
        context, _, seconds = run.open_page(browser, server, run.LAB, run.LAB_READY)
        if i:
            times.append(seconds[-1])
        context.close()
        # The page's kernel culled, the pool refilled and its lab run: the next pupil finds it ready.
        if not class_arrival.settled(server.proc.pid, pool):
            print("  (the pool did not settle between loads; carrying on)", file=sys.stderr)
    return times, sizes


#: A bare button among as many widget models as the Smarties page makes (574, counted in its kernel).
WEIGHT, WEIGHT_MODELS = "many_widgets.ipynb", 575


def pages(logs: Path, r: dict) -> dict:
    """Load times, kernel memory and click times in Chromium, each server in turn (the machine holds one at a time).

    Each figure goes into `r` as soon as it is measured, so a later failure loses only what follows it.
    """
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=run.CHROMIUM_ARGS)
        for name, folder, notebook, ready, clicks in (
                ("bare", HERE / "pages", run.BARE, run.BARE_READY, run.bare_clicks),
                ("lab", REPO / "labs", run.LAB, run.LAB_READY, run.lab_clicks)):
            server = run.Server(folder, logs / f"{name}.log")
            try:
                print(f"Loading the {name} page {run.LOADS} times, its kernel's memory, {run.CLICKS} clicks ...",
                      flush=True)
                r[f"{name}_load_s"] = [t[-1] for t in run.load_times(browser, server, notebook, ready)]
                r[f"{name}_rss_mb"] = run.kernel_rss(browser, server, notebook, ready)
                r[f"{name}_click_ms"] = clicks(browser, server)
                if name == "bare":  # the same button among as many widgets as the lab has: the page's weight
                    r["weight_load_s"] = [t[-1] for t in run.load_times(browser, server, WEIGHT, run.BARE_READY)]
                    r["bar_click_ms"] = run.bare_bar_clicks(browser, server)  # and drawing one bqplot bar
                    r["bar_rss_mb"] = run.kernel_rss(browser, server, run.BARE_BAR, (".bare-chart .bargroup rect",))
            finally:
                stop(server.proc)
        server = run.Server(REPO / "labs", logs / "lab-preheat.log", preheat=1)
        try:
            pool = len(pooled_labs(REPO / "labs"))
            print(f"Loading the Smarties lab {run.LOADS} times from the pool (--preheat 1: {pool} kernels) ...",
                  flush=True)
            r["pool_load_s"], r["pool_rss_mb"] = pool_loads(browser, server, pool)
            r["pool_used"] = server.log.read_text(errors="replace").count("Using pre-heated kernel")
        finally:
            stop(server.proc)
        browser.close()
    return r


def board_refresh(folder: Path) -> dict:
    """ms for the board's refresh after one group's tally: a class of GROUPS groups (29 tubes each) and of one.

    The refresh is the board's own reader kept between refreshes (it reads only the changes it has not
    replayed); where its time goes: the activity mark (the board's one small poll), the refresh's one read
    transaction, and a full read (a new reader: what the board's first look at a class costs)."""
    clicks = _sample_clicks(tally_from("smarties_29_tubes", SMARTIES).matrix())
    result = {}
    for groups in (GROUPS, 1):
        store = ClassStore(f"sqlite:///{folder / f'board-{groups}.sqlite'}")
        code = store.start_session("smarties", "bench", categories=SMARTIES).code
        joined = [store.join(code, f"Group {i + 1}") for i in range(groups)]
        for g in joined:
            store.record_many(g.id, clicks)
        reader = ClassReader(store, SMARTIES)
        reader.read(code)  # warm-up
        runs, marks, queries, full = [], [], [], []
        for i in range(REFRESHES):
            store.record_many(joined[i % groups].id, clicks[-1:])  # a pupil's tally, not timed
            after = max(reader._kept[code].last_change, 0)  # what the reader has replayed, for the query alone
            start = time.perf_counter()
            reader.read(code)
            runs.append(1000 * (time.perf_counter() - start))
            start = time.perf_counter()
            store.activity(code)
            marks.append(1000 * (time.perf_counter() - start))
            start = time.perf_counter()
            store.board_read(code, after)
            queries.append(1000 * (time.perf_counter() - start))
            start = time.perf_counter()
            ClassReader(store, SMARTIES).read(code)
            full.append(1000 * (time.perf_counter() - start))
        result[groups] = (med(runs), med(marks), med(queries), med(full))
        store.dispose()
    (class_ms, mark_ms, query_ms, full_ms), (group_ms, _, _, _) = result[GROUPS], result[1]
    return {"class_ms": class_ms, "group_ms": group_ms, "mark_ms": mark_ms, "query_ms": query_ms,
            "full_ms": full_ms, "changes_per_group": len(clicks)}


def arrivals(logs: Path) -> dict:
    env = {"CLASSLAB_DATABASE_URL": f"sqlite:///{logs / 'arrival.sqlite'}"}
    n = class_arrival.PUPILS
    print(f"{n} page requests at once: the bare page, the Smarties lab, with --preheat 1, with "
          f"--preheat-lab smarties={n} ...", flush=True)
    return {
        "bare": class_arrival.arrive(HERE / "pages", "bare.ipynb", logs / "arrival-bare.log", env),
        "lab": class_arrival.arrive(REPO / "labs", "smarties.ipynb", logs / "arrival-lab.log", env),
        "pool": class_arrival.arrive(REPO / "labs", "smarties.ipynb", logs / "arrival-pool.log", env, preheat=1),
        # The teacher keeps the lesson's lab ready for the whole class (`--preheat-lab smarties=N`).
        "lesson": class_arrival.arrive(REPO / "labs", "smarties.ipynb", logs / "arrival-lesson.log", env,
                                       preheat=1, preheat_labs={"smarties": n}),
    }


def seconds(s: float) -> str:
    """A time for the table: tenths, or hundredths under a second (a pool answers in hundredths)."""
    return f"{s:.2f} s" if s < 1 else f"{s:.1f} s"


def row(name, measured, baseline, aim_text, ok) -> tuple:
    return name, measured, baseline, aim_text, "pass" if ok else "MISS"


def report(r: dict) -> str:
    """The aims table; a figure that could not be measured says so (and why) instead of stopping the rest."""
    n = class_arrival.PUPILS
    bare_load = lambda: med(r["bare_load_s"])  # noqa: E731
    lab_load = lambda: med(r["lab_load_s"])  # noqa: E731
    pool_load = lambda: med(r["pool_load_s"])  # noqa: E731
    arrival = lambda key: r["arrival"][key]  # noqa: E731
    b = lambda: r["board"]  # noqa: E731
    tally = lambda: med(r["tally"]["board_ms"])  # noqa: E731

    def arrived(a):
        return f"{a['ok']}/{n} in {seconds(a['all'])}, {len(a['failures'])} failed"

    def all_in_time(a):
        return a["ok"] == n and not a["failures"] and a["all"] <= 15

    makers = [
        ("Smarties lab ready (button there)", lambda: row(
            "Smarties lab ready (button there)", f"{lab_load():.2f} s", f"{bare_load():.2f} s bare page",
            f"{lab_load() / bare_load():.2f} x, aim <= 1.0 x", lab_load() <= bare_load())),
        ("... from the pool (--preheat 1)", lambda: row(
            "... from the pool (--preheat 1)", f"{pool_load():.2f} s", f"{bare_load():.2f} s bare page",
            f"{pool_load() / bare_load():.2f} x, aim <= 1.0 x", pool_load() <= bare_load())),
        ("Its kernel's memory (RSS, ready)", lambda: row(
            "Its kernel's memory (RSS, ready)", f"{r['lab_rss_mb']:.0f} MB", f"{r['bare_rss_mb']:.0f} MB bare kernel",
            f"{r['lab_rss_mb'] / r['bare_rss_mb']:.2f} x, aim <= 1.3 x", r["lab_rss_mb"] / r["bare_rss_mb"] <= 1.3)),
        ("Click to orange bar, median", lambda: row(
            f"Click to orange bar, median ({len(r['lab_click_ms'])})", f"{med(r['lab_click_ms']):.0f} ms",
            f"{med(r['bare_click_ms']):.0f} ms bare button", f"{med(r['lab_click_ms']):.0f} ms, aim <= 50 ms",
            med(r["lab_click_ms"]) <= 50)),
        ("Click to orange bar, 95th percentile", lambda: row(
            "Click to orange bar, 95th percentile", f"{percentile(r['lab_click_ms'], 0.95):.0f} ms",
            f"{percentile(r['bare_click_ms'], 0.95):.0f} ms bare button",
            f"{percentile(r['lab_click_ms'], 0.95):.0f} ms, aim <= 100 ms", percentile(r["lab_click_ms"], 0.95) <= 100)),
        (f"{n} lab requests at once", lambda: row(
            f"{n} lab requests at once", arrived(arrival("lab")), f"{arrival('bare')['all']:.1f} s bare page",
            f"{arrival('lab')['all']:.1f} s, aim all in <= 15 s, 0 failed", all_in_time(arrival("lab")))),
        ("... with --preheat 1", lambda: row(
            f"... with --preheat 1 ({arrival('pool')['from_pool']} from the pool)", arrived(arrival("pool")),
            f"{arrival('bare')['all']:.1f} s bare page", f"{arrival('pool')['all']:.1f} s, aim all in <= 15 s, 0 failed",
            all_in_time(arrival("pool")))),
        (f"... with --preheat-lab smarties={n}", lambda: row(
            f"... --preheat-lab smarties={n} ({arrival('lesson')['from_pool']} used)", arrived(arrival("lesson")),
            f"{arrival('bare')['all']:.1f} s bare page",
            f"{seconds(arrival('lesson')['all'])}, aim all in <= 15 s, 0 failed", all_in_time(arrival("lesson")))),
        (f"Board refresh, {GROUPS} groups", lambda: row(
            f"Board refresh, {GROUPS} groups", f"{b()['class_ms']:.1f} ms", f"{b()['group_ms']:.1f} ms one group",
            f"{b()['class_ms']:.1f} ms, aim <= 20 ms", b()["class_ms"] <= 20)),
        ("A tally reaching the board, median", lambda: row(
            "A tally reaching the board, median", f"{tally():.0f} ms",
            f"{med(r['tally']['local_ms']):.0f} ms pupil's own page", f"{tally():.0f} ms, aim <= 1000 ms",
            tally() <= 1000)),
    ]
    parts = ["pages"] * 5 + ["arrival"] * 3 + ["board", "tally"]  # which part measures each row, in order
    rows = []
    for (name, make), part in zip(makers, parts):
        if part not in ONLY:
            continue
        try:
            rows.append(make())
        except Exception:  # noqa: BLE001 - a figure that failed is reported as such
            rows.append((name, "not measured", "(see the error above)", "", "-"))
    widths = (40, 27, 26, 36)
    lines = [
        f"\nIssue 9's aims: one run on this machine ({os.cpu_count()} cores, load {r['load'][0]:.1f} at the start), "
        "baselines from the same run",
        f"{'figure':<{widths[0]}} {'measured':<{widths[1]}} {'baseline':<{widths[2]}} {'against the aim':<{widths[3]}} word",
        "-" * (sum(widths) + 8),
    ]
    lines += [f"{a:<{widths[0]}} {m:<{widths[1]}} {base:<{widths[2]}} {aim:<{widths[3]}} {word}"
              for a, m, base, aim, word in rows]
    lines.append("")
    notes = [
        lambda: f"  Loads: median of {len(r['lab_load_s'])} (after a warm-up), a fresh browser context each; 'ready' is the first"
                " button a pupil presses attached.",
        lambda: f"  Lab ready: {lab_load() - pool_load():.2f} s of its {lab_load():.2f} s is starting a kernel and "
                "running the lab (what the pool saves); the rest is the page's own loading and drawing in the browser.",
        lambda: f"  Weight: the bare page's button among about {WEIGHT_MODELS} widget models, as many as the lab's "
                f"page makes ({WEIGHT}, nothing of ClassLab's): {med(r['weight_load_s']):.2f} s, "
                f"{med(r['weight_load_s']) / bare_load():.2f} x the bare page: the browser drawing that many widgets.",
        lambda: f"  Memory: the bare page with one bqplot chart ({run.BARE_BAR}): its kernel holds {r['bar_rss_mb']:.0f} MB, "
                f"{r['bar_rss_mb'] / r['bare_rss_mb']:.2f} x the bare kernel, before anything of ClassLab's (bqplot loads numpy and pandas).",
        lambda: f"  Click: the bare page's button drawing one bqplot bar ({run.BARE_BAR}, nothing of ClassLab's): "
                f"{med(r['bar_click_ms']):.0f} ms median, against {med(r['bare_click_ms']):.0f} ms for its label and "
                f"{med(r['lab_click_ms']):.0f} ms for the lab's orange bar.",
        lambda: f"  Pool: {len(r['pool_rss_mb'])} kernels kept ready (one for each lab), "
                f"{statistics.mean(r['pool_rss_mb']):.0f} MB each on average ({sum(r['pool_rss_mb']):.0f} MB in all) "
                f"while nobody needs them; {r['pool_used']} of the lab loads came from it.",
        lambda: f"  {n} at once: plain HTTP requests let go together (the server's side); kernels' memory then: "
                f"bare {arrival('bare')['rss_total']:.0f} MB, lab {arrival('lab')['rss_total']:.0f} MB, "
                f"lab with pool {arrival('pool')['rss_total']:.0f} MB.",
        lambda: f"  The lesson's pool (--preheat 1 --preheat-lab smarties={n}): {arrival('lesson')['pool']} kernels took "
                f"{arrival('lesson')['filled_s']:.0f} s to start and run their labs (before the lesson: nobody waits), "
                f"holding {arrival('lesson')['pool_mb']:.0f} MB "
                f"while they wait; after the class arrived, Voila refilled it in {arrival('lesson')['refilled_s']:.0f} s "
                "of both cores while the pupils' pages were open.",
        lambda: f"  Board: {GROUPS} groups x 29 tubes ({b()['changes_per_group']:,} changes each); median of {REFRESHES} "
                "refreshes, each after one tally; no predictions set (simulations are cached until data or goal change).\n"
                f"  Of the {GROUPS}-group refresh: the activity mark {b()['mark_ms']:.1f} ms, its one read (new changes, "
                f"groups, saved work, findings) {b()['query_ms']:.1f} ms, the rest replaying, pooling and scoring; "
                f"a full read (the board's first look at the class) {b()['full_ms']:.1f} ms.",
        lambda: f"  Tally: {len(r['tally']['board_ms'])} oranges added one at a time, each at a random moment of the board's "
                f"1 s poll (as pupils click); range {min(r['tally']['board_ms']):.0f}-{max(r['tally']['board_ms']):.0f} ms. "
                f"Clicked straight after the board showed the last one (a whole poll's wait, the worst case): "
                f"{med(r['tally']['at_once_ms']):.0f} ms median of {len(r['tally']['at_once_ms'])}.",
    ]
    for note in notes:
        try:
            lines.append(note())
        except Exception:  # noqa: BLE001 - its figure was not measured
            pass
    for name in ("lab", "pool", "lesson"):
        for failure in (r.get("arrival", {}).get(name) or {}).get("failures", [])[:3]:
            lines.append(f"  {name} request failed: {failure}")
    for key, value in r.items():
        if isinstance(value, dict) and "error" in value:
            lines.append(f"  Not measured ({key}): {value['error']}")
    return "\n".join(lines)


def attempt(results: dict, key: str, measure) -> None:
    """Run one part of the benchmark; if it fails, say so and carry on with the others."""
    try:
        value = measure()
    except Exception as error:  # noqa: BLE001 - one broken part must not lose every other figure
        traceback.print_exc()
        results[key] = {"error": f"{type(error).__name__}: {error}"}
        return
    if key == "pages":
        results.update(value)
    else:
        results[key] = value


def main() -> int:
    started = time.monotonic()
    logs = Path(tempfile.mkdtemp(prefix="classlab-aims-"))
    results: dict = {"when": datetime.now().isoformat(timespec="seconds"), "load": os.getloadavg(),
                     "cores": os.cpu_count(), "memory_mb": psutil.virtual_memory().total / 2**20}
    print(f"ClassLab's speed against issue 9's aims: one run, about 10 minutes. Logs in {logs}", flush=True)
    if ONLY != list(PARTS):
        print(f"  Only: {', '.join(ONLY)} (CLASSLAB_BENCH_ONLY)", flush=True)
    results["only"] = ONLY
    if "pages" in ONLY:
        attempt(results, "pages", lambda: pages(logs, results))
    if "board" in ONLY:
        print(f"Board refresh for {GROUPS} groups and for one ...", flush=True)
        attempt(results, "board", lambda: board_refresh(logs))
    if "tally" in ONLY:
        print("A pupil's tally to the class board, in Chromium ...", flush=True)
        attempt(results, "tally", class_bench.measure)
    if "arrival" in ONLY:
        attempt(results, "arrival", lambda: arrivals(logs))
    results["minutes"] = (time.monotonic() - started) / 60
    table = report(results)
    print(table)
    print(f"\n  The whole run took {results['minutes']:.1f} minutes.")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    path = out / f"aims-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(results, indent=2, default=str))
    print(f"  Written to {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
