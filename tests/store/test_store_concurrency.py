"""Many kernels saving at once, and a kernel killed mid-save: nothing lost, nothing half-written.

Each pupil page has its own kernel (a process), so these tests use real processes (spawn), each
with its own connections, exactly as a classroom does.
"""
import multiprocessing
import os
import signal
import sqlite3
import threading
import time
from collections import Counter

import pytest

from classlab import SMARTIES
from classlab.store import ClassStore
from store_helpers import pattern, save_many, save_until_killed

CHANGES_EACH = 300


def _run_groups(url: str, n_groups: int) -> tuple[ClassStore, str, list]:
    """n_groups kernels join one class, wait for a common start, then each saves CHANGES_EACH changes."""
    ctx = multiprocessing.get_context("spawn")
    store = ClassStore(url)
    code = store.start_session("smarties", categories=SMARTIES).code
    start, results = ctx.Event(), ctx.Queue()
    workers = [ctx.Process(target=save_many, args=(url, code, f"Group {i + 1}", CHANGES_EACH, start, results))
               for i in range(n_groups)]
    for w in workers:
        w.start()
    deadline = time.monotonic() + 120
    while len(store.groups(code)) < n_groups and time.monotonic() < deadline and all(w.is_alive() for w in workers):
        threading.Event().wait(0.05)
    start.set()  # every group is in: all save at once
    reports = [results.get(timeout=180) for _ in workers]
    for w in workers:
        w.join(30)
    return store, code, reports


def _check_exact(store: ClassStore, code: str, reports: list, n_groups: int) -> None:
    problems = [p for _, _, _, ps, _ in reports for p in ps]
    assert problems == [], problems[:3]  # not one "database is locked" (or anything else) reached a page
    expected = Counter((pattern(i).sample + 1, pattern(i).category) for i in range(CHANGES_EACH))
    frame = store.class_counts(code)
    assert frame["group"].nunique() == n_groups
    assert frame["count"].sum() == n_groups * CHANGES_EACH
    for name, group_id, ids, _, _ in reports:
        assert len(ids) == CHANGES_EACH and ids == sorted(ids)
        assert [i for i, _ in store.changes(group_id)] == ids
        mine = frame[frame["group"] == name]
        got = Counter({(int(t), c): int(n) for t, c, n in zip(mine["sample"], mine["category"], mine["count"]) if n})
        assert got == expected, name


def test_32_groups_saving_at_once_lose_nothing_on_sqlite(sqlite_url):
    store, code, reports = _run_groups(sqlite_url, 32)
    try:
        _check_exact(store, code, reports, 32)
    finally:
        store.dispose()


def test_8_groups_saving_at_once_lose_nothing_on_postgresql(store_url):
    if not store_url.startswith("postgresql"):
        pytest.skip("SQLite has its own 32-group test above")
    store, code, reports = _run_groups(store_url, 8)
    try:
        _check_exact(store, code, reports, 8)
    finally:
        store.dispose()


def test_a_kernel_killed_mid_save_leaves_every_saved_change_and_no_half_batch(sqlite_url):
    """SIGKILL while saving, three times over: the store opens, passes integrity_check, and holds every
    batch the kernel was told was saved; of the batch in flight, all three changes or none."""
    ctx = multiprocessing.get_context("spawn")
    store = ClassStore(sqlite_url)
    code = store.start_session("smarties", categories=SMARTIES).code
    group_id = store.join(code, "Reds").id
    store.dispose()
    told_saved: list[int] = []
    for _ in range(3):
        receive, send = ctx.Pipe(duplex=False)
        child = ctx.Process(target=save_until_killed, args=(sqlite_url, group_id, send))
        child.start()
        send.close()
        reported = []
        deadline = time.monotonic() + 60
        while len(reported) < 60 and time.monotonic() < deadline and receive.poll(10):
            reported.append(receive.recv())
        os.kill(child.pid, signal.SIGKILL)  # in the middle of the next save
        child.join(30)
        assert child.exitcode == -signal.SIGKILL and len(reported) >= 60
        while True:  # batches reported before it died
            try:
                if not receive.poll(1):
                    break
                reported.append(receive.recv())
            except EOFError:
                break
        told_saved += [i for batch in reported for i in batch]

        raw = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        raw.close()
        with ClassStore(sqlite_url) as reopened:
            saved = [i for i, _ in reopened.changes(group_id)]
            changes = [c for _, c in reopened.changes(group_id)]
        assert set(told_saved) <= set(saved)
        in_flight = sorted(set(saved) - set(told_saved))
        assert len(in_flight) in (0, 3)  # the batch being saved: whole, or not at all
        told_saved += in_flight
        assert all(c.op == "add" and c.category in SMARTIES.names and 0 <= c.sample < 29 for c in changes)
        assert len(saved) % 3 == 0
