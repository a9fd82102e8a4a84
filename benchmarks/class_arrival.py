"""A class arriving at once, the server's side: 32 page requests at the same moment.

Each request is a plain HTTP GET of a lab page, which makes Voila start a kernel and run the
notebook (the pupils' own devices then draw the page: that part is theirs, not the server's).
Measured for the Smarties lab and, as the floor, a bare one-button page (benchmarks/pages/bare.ipynb):
time until all 32 have answered, failures, and the kernels' total memory. Printed as figures and
ratios by `make bench`; never asserted.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

from classlab.serve import any_free_port, descendants, pool_sizes, stop, voila_command, wait_until_answering

REPO = Path(__file__).resolve().parent.parent
PUPILS = int(os.environ.get("CLASSLAB_BENCH_PUPILS", 32))


def kernels(server_pid: int) -> list[psutil.Process]:
    """The kernels a Voila server is running now."""
    found = []
    for pid in descendants(server_pid):
        try:
            proc = psutil.Process(pid)
            if any("ipykernel" in part for part in proc.cmdline()):
                found.append(proc)
        except psutil.Error:
            pass
    return found


def kernels_rss_mb(server_pid: int) -> list[float]:
    sizes = []
    for proc in kernels(server_pid):
        try:
            sizes.append(proc.memory_info().rss / 2**20)
        except psutil.Error:
            pass
    return sizes


def settled(server_pid: int, count: int, timeout: float = 120) -> bool:
    """Wait until the server runs exactly `count` kernels and they are all idle (a pool's labs have run)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        running = kernels(server_pid)
        if len(running) == count:
            try:
                if all(p.cpu_percent(interval=0.3) < 5 for p in running):
                    return True
            except psutil.Error:
                pass
        threading.Event().wait(0.2)
    return False


def requests_at_once(url: str, server_pid: int, headers: dict | None = None) -> dict:
    """PUPILS requests for `url` let go at the same moment: when each answered, failures, kernels' memory."""
    gate = threading.Barrier(PUPILS + 1)
    answered: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def pupil():
        gate.wait()
        try:
            request = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(request, timeout=600) as response:
                body = response.read().decode("utf-8", "replace")
            ok = response.status == 200 and "kernelId" in body and "There was an error" not in body
            outcome = None if ok else f"HTTP {response.status}, page incomplete"
        except Exception as error:  # noqa: BLE001 - any failure is counted, never raised (a cut-off page too)
            outcome = repr(error)
        with lock:
            if outcome is None:
                answered.append(time.perf_counter() - start)
            else:
                failures.append(outcome)

    threads = [threading.Thread(target=pupil) for _ in range(PUPILS)]
    for thread in threads:
        thread.start()
    start = time.perf_counter()
    gate.wait()
    for thread in threads:
        thread.join()
    all_done = time.perf_counter() - start
    sizes = kernels_rss_mb(server_pid)
    return {"all": all_done, "median": statistics.median(answered) if answered else float("nan"),
            "ok": len(answered), "failures": failures, "kernels": len(sizes), "rss_total": sum(sizes),
            "rss_each": statistics.mean(sizes) if sizes else float("nan")}


def arrive(folder: Path, notebook: str, log: Path, env: dict, preheat: int = 0,
           preheat_labs: dict | None = None) -> dict:
    """Start a server over `folder`, send PUPILS requests for `notebook` at once, measure, stop it.

    With `preheat`, the server keeps that many kernels ready for each lab (`classlab serve --preheat`),
    and `preheat_labs` one lab's own number (`--preheat-lab smarties=32`); the requests go once the
    pool's kernels have run their labs, and the pool's refilling afterwards is timed too.
    """
    port = any_free_port()
    # Room for the whole class, and no kernel freed while we measure: this is about arriving.
    pool = sum(pool_sizes(folder, preheat, preheat_labs).values())
    cmd = voila_command(folder, port, max_pages=PUPILS + 8, unopened_page_grace=900, preheat=preheat,
                        preheat_labs=preheat_labs)
    proc = subprocess.Popen(cmd, stdout=open(log, "wb"), stderr=subprocess.STDOUT, start_new_session=True,
                            env={**os.environ, **env})
    try:
        if not wait_until_answering(port, proc, timeout=90):
            raise SystemExit(f"Voila did not start over {folder}; see {log}")
        begun = time.monotonic()
        if pool and not settled(proc.pid, pool, timeout=600):
            print(f"  (the pool of {pool} kernels did not settle in time; measuring anyway)", file=sys.stderr)
        filled, waiting_mb = time.monotonic() - begun, sum(kernels_rss_mb(proc.pid))
        result = requests_at_once(f"http://127.0.0.1:{port}/voila/render/{notebook}", proc.pid)
        result["pool"] = pool
        result["from_pool"] = log.read_text(errors="replace").count("Using pre-heated kernel")
        if pool:
            # Voila refills what the class took, a second later: kernels starting while pupils use their pages.
            begun = time.monotonic()
            settled(proc.pid, pool + result["ok"], timeout=600)  # every page's kernel, and a full pool again
            result.update(filled_s=filled, refilled_s=time.monotonic() - begun, pool_mb=waiting_mb)
        return result
    finally:
        stop(proc)


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="classlab-class-arrival-"))
    env = {"CLASSLAB_DATABASE_URL": f"sqlite:///{tmp / 'class.sqlite'}"}
    cores = os.cpu_count()
    print(f"A class arriving at once: {PUPILS} page requests at the same moment ({cores} cores). "
          "Figures only, never asserted.")
    bare = arrive(REPO / "benchmarks" / "pages", "bare.ipynb", tmp / "bare.log", env)
    smarties = arrive(REPO / "labs", "smarties.ipynb", tmp / "smarties.log", env)
    pooled = arrive(REPO / "labs", "smarties.ipynb", tmp / "smarties-preheat.log", env, preheat=1)
    lesson = arrive(REPO / "labs", "smarties.ipynb", tmp / "smarties-lesson.log", env, preheat=1,
                    preheat_labs={"smarties": PUPILS})
    for name, r in (("bare one-button page", bare), ("Smarties lab", smarties), ("Smarties, --preheat 1", pooled),
                    (f"Smarties, class pool {PUPILS}", lesson)):
        print(f"  {name:21s}: all {r['ok']}/{PUPILS} answered after {r['all']:.1f} s (median {r['median']:.1f} s), "
              f"{len(r['failures'])} failed; {r['kernels']} kernels, {r['rss_total']:.0f} MB in all "
              f"({r['rss_each']:.0f} MB each)")
        for failure in r["failures"][:3]:
            print(f"      failed: {failure}")
    print(f"  Smarties / bare: time until all answered x{smarties['all'] / bare['all']:.2f}, "
          f"kernel memory x{smarties['rss_total'] / bare['rss_total']:.2f}" if bare["rss_total"] else "")
    print(f"  Logs in {tmp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
