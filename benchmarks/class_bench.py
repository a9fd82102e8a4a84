"""How long a pupil's tally takes to reach the teacher's class board, in a real browser.

Baseline, measured in the same run: the same click reaching the pupil's own page (its count box).
The board learns of changes by polling the store every second, so its figure is mostly that wait. Pupils
click at any moment of the board's second, so each measured click waits a random part of a poll first
(seeded, the same every run); clicking straight after the board showed the last tally (as runs before
2026-12-02 did) always waits a whole poll, the worst case, measured too.
Printed by `make bench`; never asserted.
"""
from __future__ import annotations

import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from classlab.serve import any_free_port, stop, voila_command, wait_until_answering

REPO = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
TALLIES = 20
POLL = 1.0  # the board's poll (ClassBoard's `every`): a click comes at any moment of it
AT_ONCE = 5  # then this many clicks straight after the board showed the last: a whole poll's wait


def start(folder: Path, env: dict, log: Path, token: str | None = None):
    port = any_free_port()
    proc = subprocess.Popen(voila_command(folder, port, token=token), stdout=open(log, "wb"),
                            stderr=subprocess.STDOUT, start_new_session=True, env={**os.environ, **env})
    if not wait_until_answering(port, proc, timeout=90):
        stop(proc)
        raise SystemExit(f"Voila did not start over {folder}; see {log}")
    return port, proc


def measure() -> dict:
    """A pupil adds TALLIES oranges one by one: ms until each reached their own page and the class board."""
    tmp = Path(tempfile.mkdtemp(prefix="classlab-class-bench-"))
    env = {"CLASSLAB_DATABASE_URL": f"sqlite:///{tmp / 'class.sqlite'}"}
    key = secrets.token_urlsafe(12)
    pupils_port, pupils = start(REPO / "labs", env, tmp / "pupils.log")
    teacher_port, teacher = start(REPO / "teacher_guides", env, tmp / "teacher.log", token=key)
    local, board_ms, at_once_ms = [], [], []
    moment = random.Random(2004)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
            board = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
            board.goto(f"http://127.0.0.1:{teacher_port}/voila/render/class_board.ipynb?token={key}")
            board.get_by_role("button", name="Start a new class").click()  # a fresh store: this is its only class
            board.wait_for_function("() => { const s = document.querySelector('.classlab-class-code span');"
                                    " return s && /^[A-Z0-9]{6}$/.test(s.textContent.trim()); }", timeout=60_000)
            code = board.locator(".classlab-class-code span").inner_text().strip()
            pupil = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
            pupil.goto(f"http://127.0.0.1:{pupils_port}/voila/render/smarties.ipynb?class={code}&group=Bench")
            pupil.wait_for_selector(".classlab-save-status", timeout=60_000)
            add = pupil.get_by_role("button", name="Add one orange")
            for i in range(1, TALLIES + AT_ONCE + 1):
                if i <= TALLIES:
                    time.sleep(moment.uniform(0, POLL))  # a pupil's click, at any moment of the board's poll
                t0 = time.perf_counter()
                add.click()
                pupil.wait_for_function(f"() => document.querySelector('[aria-label=\"Number of orange\"]').value === '{i}'")
                local.append(1000 * (time.perf_counter() - t0))
                board.wait_for_function(
                    "(n) => Array.from(document.querySelectorAll('.classlab-group-card'))"
                    ".some(c => c.textContent.includes(n + ' counted'))", arg=i, timeout=30_000)
                (board_ms if i <= TALLIES else at_once_ms).append(1000 * (time.perf_counter() - t0))
            browser.close()
    finally:
        stop(pupils)
        stop(teacher)
    return {"board_ms": board_ms, "local_ms": local, "at_once_ms": at_once_ms, "logs": str(tmp)}


def main() -> int:
    r = measure()
    board_ms, b, l = r["board_ms"], statistics.median(r["board_ms"]), statistics.median(r["local_ms"])
    print(f"\nClass board: a pupil's tally to the board ({TALLIES} tallies, median; the board polls every second)")
    print(f"{'tally reaches the class board':<44} {b:>9.0f} ms  {l:.0f} ms to the pupil's own page       {b / l:>6.1f}")
    print(f"  (range on the board: {min(board_ms):.0f}-{max(board_ms):.0f} ms; clicked straight after the board showed "
          f"the last: {statistics.median(r['at_once_ms']):.0f} ms median; logs in {r['logs']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
