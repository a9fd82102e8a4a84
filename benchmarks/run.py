"""ClassLab's benchmarks: figures for one run on one machine, as ratios to baselines from the same run.

Absolute times depend on the machine; a ratio to a floor measured alongside (a bare one-button
Voila page, a bare ipywidgets kernel, a plain Python loop) says what ClassLab itself costs.
Printed, written to benchmarks/results/, never asserted: `make bench`, not `make test`.
"""
from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

import classlab
from classlab.datasets import tally_from
from classlab.sampler import FAIR_MARGIN, Prediction, simulate
from classlab.serve import any_free_port, descendants, stop, voila_command, wait_until_answering

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
LOADS, CLICKS = 5, 20
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
# What "ready" means on each page (every selector attached). The lab opens with empty tubes, whose
# bars are drawn at height zero (attached, not visible); the tally's buttons must be there too, or a
# pupil cannot start.
ORANGE = '.classlab-tally [title="Add one orange"]'
LAB, LAB_READY = "smarties.ipynb", (".classlab-chart .bargroup rect", ORANGE)
BARE, BARE_READY = "bare.ipynb", ("button:has-text('Press me')",)

# Clicks `selector` and resolves with the ms until `changed()` turns true (null after 10 s).
CLICK_JS = """([selector, watch, probe]) => new Promise(resolve => {
  const read = new Function(probe);
  const before = read();
  const root = document.querySelector(watch);
  let t0 = 0;
  const done = (value) => { obs.disconnect(); clearTimeout(timer); resolve(value); };
  const obs = new MutationObserver(() => { if (read() !== before) done(performance.now() - t0); });
  obs.observe(root, {subtree: true, attributes: true, characterData: true, childList: true});
  const timer = setTimeout(() => done(null), 10000);
  t0 = performance.now();
  document.querySelector(selector).click();
})"""
# The orange bar's height: its bar group sits where "orange" sits among the x axis's ticks.
ORANGE_HEIGHT = """
  const chart = document.querySelector('.classlab-chart');
  for (const axis of chart.querySelectorAll('.axis')) {
    const names = Array.from(axis.querySelectorAll('.tick text')).map(t => t.textContent.trim().toLowerCase());
    const i = names.indexOf('orange');
    if (i >= 0) {
      const bar = chart.querySelectorAll('.bargroup')[i];
      return bar ? bar.querySelector('rect').getAttribute('height') : null;
    }
  }
  return null;"""
LABEL_TEXT = "return document.querySelector('.bare-label').textContent;"


def wait_for(condition, timeout: float) -> bool:
    """Bounded polling on a condition; no fixed sleeps."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        threading.Event().wait(0.1)
    return bool(condition())


class Server:
    """Voila over one folder, configured as the classroom server is, a closed page's kernel freed at once.

    `options`: more of `voila_command`'s settings, such as `preheat=1` for a pool of ready kernels.
    """

    def __init__(self, folder: Path, log: Path, **options):
        self.port = any_free_port()
        self.log = log
        self.proc = subprocess.Popen(
            # A closed page's kernel goes a second after its page (the classroom guard), never one still
            # loading: idle culling that quick shut down kernels whose page had not connected yet on a busy machine.
            voila_command(folder, self.port, closed_page_grace=1, **options),
            stdout=open(log, "wb"), stderr=subprocess.STDOUT, start_new_session=True,
        )
        if not wait_until_answering(self.port, self.proc, timeout=90):
            stop(self.proc)
            raise SystemExit(f"Voila did not start over {folder}; see {log}")

    def url(self, notebook: str) -> str:
        return f"http://127.0.0.1:{self.port}/voila/render/{notebook}"

    def kernels(self) -> list[psutil.Process]:
        found = []
        for pid in descendants(self.proc.pid):
            try:
                p = psutil.Process(pid)
                if any("ipykernel" in part for part in p.cmdline()):
                    found.append(p)
            except psutil.Error:
                pass
        return found


def open_page(browser, server: Server, notebook: str, ready: tuple[str, ...]):
    """Navigate in a fresh context; seconds from navigation until each `ready` selector is attached, in turn."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(server.url(notebook), wait_until="commit", timeout=120_000)
    seconds = []
    for selector in ready:
        page.wait_for_selector(selector, state="attached", timeout=120_000)
        seconds.append(time.perf_counter() - start)
    return context, page, seconds


def quiet(server: Server) -> None:
    """Wait until the closed pages' kernels are culled, so each load starts on a quiet machine."""
    if not wait_for(lambda: not server.kernels(), timeout=30):
        print("  (a kernel was not culled within 30 s; carrying on)", file=sys.stderr)


def load_times(browser, server: Server, notebook: str, ready: tuple[str, ...]) -> list[list[float]]:
    context, _, _ = open_page(browser, server, notebook, ready)  # warm-up: caches, bytecode
    context.close()
    quiet(server)
    times = []
    for _ in range(LOADS):
        context, _, seconds = open_page(browser, server, notebook, ready)
        times.append(seconds)
        context.close()
        quiet(server)
    return times


def kernel_rss(browser, server: Server, notebook: str, ready: tuple[str, ...]) -> float:
    """Resident memory (MB) of the page's kernel, once the page is ready."""
    context, _, _ = open_page(browser, server, notebook, ready)
    kernels = server.kernels()
    rss = sum(k.memory_info().rss for k in kernels) / 2**20 if len(kernels) == 1 else float("nan")
    context.close()
    quiet(server)
    return rss


def click_latencies(page, selector: str, watch: str, probe: str) -> list[float]:
    values = [page.evaluate(CLICK_JS, [selector, watch, probe]) for _ in range(CLICKS)]
    return [v for v in values if v is not None]


def lab_clicks(browser, server: Server) -> list[float]:
    """Add one orange, 20 times: ms from the click to the orange bar's new height."""
    context, page, _ = open_page(browser, server, LAB, LAB_READY)
    # A tall red bar first, so the scale stays put and each orange sweet really changes its bar.
    box = page.locator('.classlab-tally [aria-label="Number of red"]')
    box.fill("50")
    box.press("Enter")
    page.wait_for_selector(".classlab-chart .bargroup rect", state="attached", timeout=30_000)
    page.evaluate(CLICK_JS, [ORANGE, ".classlab-chart", ORANGE_HEIGHT])  # warm-up
    values = click_latencies(page, ORANGE, ".classlab-chart", ORANGE_HEIGHT)
    context.close()
    quiet(server)
    return values


def button_clicks(browser, server: Server, notebook: str, ready: tuple[str, ...], watch: str, probe: str) -> list[float]:
    """Press a bare page's one button, 20 times: ms from the click until `probe` (JS, read under `watch`) changes."""
    context, page, _ = open_page(browser, server, notebook, ready)
    button = "button.jupyter-button"
    page.evaluate(CLICK_JS, [button, watch, probe])  # warm-up
    values = click_latencies(page, button, watch, probe)
    context.close()
    quiet(server)
    return values


def bare_clicks(browser, server: Server) -> list[float]:
    """The bare page's button: ms from the click to its label's new text."""
    return button_clicks(browser, server, BARE, (*BARE_READY, ".bare-label"), ".bare-label", LABEL_TEXT)


BARE_BAR = "bare_bar.ipynb"
# The bare chart's second bar's height.
BAR_HEIGHT = ("const bars = document.querySelectorAll('.bare-chart .bargroup rect');"
              "return bars.length > 1 ? bars[1].getAttribute('height') : null;")


def bare_bar_clicks(browser, server: Server) -> list[float]:
    """The bare chart page's button: ms from the click to its bar's new height."""
    return button_clicks(browser, server, BARE_BAR, (".bare-chart .bargroup rect",), ".bare-chart", BAR_HEIGHT)


def python_loop(matrix, index: int, trials: int, max_samples: int = 30, seed: int = 2004):
    """The sampler's work as plain Python: buy tubes one at a time, score the fair-share goal."""
    rows = [list(map(int, r)) for r in matrix if sum(r) > 0]
    colour, totals = [r[index] for r in rows], [sum(r) for r in rows]
    goal = FAIR_MARGIN / len(matrix[0])
    rng = random.Random(seed)
    met = [0] * max_samples
    shares = [[0.0] * trials for _ in range(max_samples)]
    for t in range(trials):
        c = n = 0
        for k in range(max_samples):
            j = rng.randrange(len(rows))
            c, n = c + colour[j], n + totals[j]
            shares[k][t] = 100 * c / n
            met[k] += c / n >= goal
    middles = [statistics.quantiles(col, n=10)[4] for col in shares]
    return [m / trials for m in met], middles


def sampler_times() -> dict:
    matrix = tally_from("smarties_29_tubes", classlab.SMARTIES).matrix()
    prediction = Prediction(category="orange")
    simulate(matrix, 1, prediction, trials=10_000)  # warm-up
    numpy_runs = []
    for _ in range(5):
        start = time.perf_counter()
        result = simulate(matrix, 1, prediction, trials=10_000)
        numpy_runs.append(time.perf_counter() - start)
    loop_trials, loop_runs = 1_000, []
    for _ in range(3):
        start = time.perf_counter()
        chance, _ = python_loop(matrix, 1, loop_trials)
        loop_runs.append(time.perf_counter() - start)
    loop_scaled = statistics.median(loop_runs) * 10_000 / loop_trials
    loop_answer = next((k + 1 for k, c in enumerate(chance) if c >= 0.9), None)
    return {
        "numpy_s": statistics.median(numpy_runs), "loop_s_scaled": loop_scaled, "loop_trials": loop_trials,
        "answer_numpy": result.answer, "answer_loop": loop_answer,
    }


def main() -> int:
    results: dict = {"when": datetime.now().isoformat(timespec="seconds"), "loads": LOADS, "clicks": CLICKS}
    lab_exists = (REPO / "labs" / LAB).exists()
    print("Sampler: 10,000 trials ...", flush=True)
    results["sampler"] = sampler_times()
    logs = Path(tempfile.mkdtemp(prefix="classlab-bench-"))
    bare_server = Server(HERE / "pages", logs / "bare.log")
    lab_server = Server(REPO / "labs", logs / "lab.log") if lab_exists else None
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
            print(f"Loading the bare page {LOADS} times ...", flush=True)
            results["bare_load_s"] = load_times(browser, bare_server, BARE, BARE_READY)
            results["bare_rss_mb"] = kernel_rss(browser, bare_server, BARE, BARE_READY)
            print(f"Pressing the bare page's button {CLICKS} times ...", flush=True)
            results["bare_click_ms"] = bare_clicks(browser, bare_server)
            if lab_server:
                print(f"Loading the Smarties lab {LOADS} times ...", flush=True)
                results["lab_load_s"] = load_times(browser, lab_server, LAB, LAB_READY)
                results["lab_rss_mb"] = kernel_rss(browser, lab_server, LAB, LAB_READY)
                print(f"Adding one orange {CLICKS} times ...", flush=True)
                results["lab_click_ms"] = lab_clicks(browser, lab_server)
            browser.close()
    finally:
        for server in (bare_server, lab_server):
            if server:
                stop(server.proc)
    report(results)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    path = out / f"bench-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(results, indent=2))
    print(f"\nWritten to {path.relative_to(REPO)}; Voila logs in {logs}")
    return 0


def report(r: dict) -> None:
    med = lambda xs: statistics.median(xs) if xs else float("nan")  # noqa: E731
    s = r["sampler"]
    rows = []
    bare = med([t[-1] for t in r["bare_load_s"]])
    if "lab_load_s" in r:
        chart, tally = med([t[0] for t in r["lab_load_s"]]), med([t[-1] for t in r["lab_load_s"]])
        rows.append(("Smarties lab: navigation to chart drawn", f"{chart:.2f} s", f"{bare:.2f} s bare page", chart / bare))
        rows.append(("Smarties lab: ... and tally buttons there", f"{tally:.2f} s", f"{bare:.2f} s bare page", tally / bare))
        rows.append(("Kernel memory (RSS) once ready", f"{r['lab_rss_mb']:.0f} MB", f"{r['bare_rss_mb']:.0f} MB bare kernel",
                     r["lab_rss_mb"] / r["bare_rss_mb"]))
        lab_c, bare_c = med(r["lab_click_ms"]), med(r["bare_click_ms"])
        rows.append((f"Click to orange bar update ({len(r['lab_click_ms'])} clicks)", f"{lab_c:.0f} ms",
                     f"{bare_c:.0f} ms button to label", lab_c / bare_c))
    else:
        rows.append(("Bare page: navigation to button", f"{bare:.2f} s", "(no labs/smarties.ipynb)", float("nan")))
    rows.append(("10,000 sampler trials (numpy)", f"{s['numpy_s'] * 1000:.1f} ms",
                 f"{s['loop_s_scaled']:.2f} s Python loop* ({s['loop_s_scaled'] / s['numpy_s']:.0f}x)",
                 s["numpy_s"] / s["loop_s_scaled"]))
    print(f"\nClassLab benchmarks: one run on this machine; ratios against baselines measured in the same run"
          f"\n(medians: {r['loads']} loads each, fresh browser context per load; {r['clicks']} clicks)\n")
    widths = (44, 12, 32)
    print(f"{'measure':<{widths[0]}} {'ClassLab':>{widths[1]}}  {'baseline':<{widths[2]}} {'ratio':>6}")
    print("-" * (sum(widths) + 10))
    for name, ours, base, ratio in rows:
        print(f"{name:<{widths[0]}} {ours:>{widths[1]}}  {base:<{widths[2]}} {ratio:>6.2f}")
    print(f"\n* the Python loop ran {s['loop_trials']:,} trials (median of 3), timed and scaled to 10,000. Tubes for a fair share of"
          f" orange: {s['answer_numpy']} (numpy, 10,000 trials), {s['answer_loop']} (loop, its own random draws).")
    print("  'Chart drawn' is the lab chart's first bar attached (empty tubes: bars of height zero); the bare\n"
          "  page is ready when its button is there. Click: from just before the click to the\n"
          "  orange bar's new height (after typing 50 red, so the scale stays put) or the label's new text.")


if __name__ == "__main__":
    status = main()
    import store_bench  # the class store's figures, printed after these (benchmarks/store_bench.py)

    sys.exit(status or store_bench.main())
