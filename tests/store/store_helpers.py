"""Shared by the class store tests: hostile text, a check that messages are kind, and the worker
processes that stand in for pupils' kernels (they must live in an importable module for spawn)."""
from __future__ import annotations

import time
import traceback
from datetime import datetime, timezone

from classlab import SMARTIES, TallyChange
from classlab.store import ClassStore

NAMES = SMARTIES.names

# Stored and returned exactly as typed (showing them safely is the views' job).
HOSTILE_NAMES = [
    "<img src=x onerror=alert(1)>",
    "<script>alert('hi')</script>",
    "Robert'); DROP TABLE groups;--",
    "🦄🍫🌈 Team Rainbow",
    "👩🏽‍🔬👨🏻‍🔬",
    "فريق الشوكولاتة",
    "צוות כתום",
    "\u202eTeam Reversed\u202c",
    "Ünïcödé Ⅻ ß",
    "% _ \\ ' \" ;",
]
HOSTILE_TEXTS = HOSTILE_NAMES + [
    '"><svg/onload=alert(document.cookie)>',
    "Line one\nline two\n\n<b>bold?</b>",
    "=HYPERLINK(\"http://example.com\",\"click\")",
    "orange is always the rarest 🍊 " * 50,
    "البرتقالي هو الأندر دائما. Orange is rarest. הכתום הכי נדיר.",
]


def class_saved_by_an_older_store(url: str, code: str, groups: list[str], title: str = "") -> list[int]:
    """A class and its groups written with plain SQL into a store at an older schema, as that schema's
    tables stand (the store's own code speaks only the newest); the groups' ids."""
    import sqlalchemy as sa

    when = datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc)
    engine = sa.create_engine(url)
    try:
        meta = sa.MetaData()
        meta.reflect(engine)
        sessions, groups_table = meta.tables["class_sessions"], meta.tables["groups"]
        with engine.begin() as conn:
            conn.execute(sessions.insert().values(code=code, lab="smarties", title=title, categories=list(NAMES),
                                                  started_at=when, ended_at=None))
            return [conn.execute(groups_table.insert().returning(groups_table.c.id).values(
                session_code=code, name=name, name_key=name.casefold(), joined_at=when)).scalar_one() for name in groups]
    finally:
        engine.dispose()


def assert_kind(message) -> None:
    """Short, says something, and sounds like a person rather than a database."""
    text = str(message)
    assert text.strip(), "the message must say something"
    assert len(text) <= 200, f"too long for a pupil: {text!r}"
    for unkind in ("Traceback", "Error", "sqlite", "psycopg", "IntegrityError", "constraint", "NULL", "None"):
        assert unkind not in text, f"{unkind!r} in {text!r}"
    for american in ("color", "favorite", "behavior", "center "):
        assert american not in text.lower()


def add(sample: int, i: int) -> TallyChange:
    return TallyChange(sample, NAMES[i % len(NAMES)], "add")


def pattern(i: int) -> TallyChange:
    """The i-th change a worker group makes: adds spread over 29 tubes and 8 colours."""
    return TallyChange(i % 29, NAMES[(i // 29) % len(NAMES)], "add")


def save_many(url: str, code: str, name: str, n: int, start, results) -> None:
    """One group's kernel: join, wait for the starting gun, save n changes as fast as it can.

    Every exception is counted and sent back: the test requires none (no "database is locked").
    """
    problems: list[str] = []
    ids: list[int] = []
    group_id = None
    try:
        store = ClassStore(url)
        group_id = store.join(code, name).id
        start.wait(120)
        for i in range(n):
            try:
                ids.append(store.record(group_id, pattern(i)))
            except Exception as e:  # noqa: BLE001 - counted, and failed on in the test
                problems.append(f"{type(e).__name__}: {e}")
        store.dispose()
    except Exception:  # noqa: BLE001
        problems.append(traceback.format_exc())
    results.put((name, group_id, ids, problems, time.perf_counter()))


def save_until_killed(url: str, group_id: int, pipe) -> None:
    """A kernel saving in batches of three until it is killed; reports each batch's ids once committed."""
    store = ClassStore(url)
    i = 0
    while True:
        ids = store.record_many(group_id, [pattern(i), pattern(i + 1), pattern(i + 2)])
        pipe.send(ids)
        i += 3
