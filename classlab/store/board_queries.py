"""What the class board reads: every group's counts in one query, and whether anything changed."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd
from sqlalchemy import Connection, case, func, select

from ..tally import replay
from .checks import _category_names, _code
from .models import CHANGES, FINDINGS, GROUPS, SESSIONS, STATES
from .records import ClassSession, Finding, Group


COUNT_COLUMNS = ["group", "sample", "category", "count"]


class Activity(NamedTuple):
    """A class's activity mark (`BoardQueries.activity`): compared whole between polls, and by part so a board
    reads again only the saved work or findings that changed. Every part only grows (or flips, for the last
    three) while the class exists: nothing but deleting the whole class removes a change, state or finding."""

    changes: int  # the newest change id
    groups: int
    findings: int
    finding_revisions: int
    states: int
    state_revisions: int
    ended_at: object
    practice: int  # the sum of the practice groups' ids
    count_practice: bool


@dataclass(frozen=True)
class BoardRead:
    """One look at a class for the board, read in one transaction (`BoardQueries.board_read`)."""

    session: ClassSession
    groups: list[Group]  # in the order they joined
    changes: list[tuple]  # (id, group id, sample, category, op, value) with an id above `after`, in id order
    last_change: int  # the class's newest change id (0 if none); below `after`: the store was put back from a copy
    states: dict[str, dict[str, dict]] | None  # every group's saved work by group name ({} if none); None: not read
    findings: list[Finding] | None  # None: not read


def _counts_frame(groups: list[tuple[str, list[list[int]]]], names: list[str], practice=None,
                  count_practice: bool = False) -> pd.DataFrame:
    """Tidy counts; column `practice` says which rows are a group's made-up practice data, and
    `attrs["count_practice"]` whether the teacher lets practice data into the class's data."""
    k = len(names)
    group_col: list[str] = []
    samples, cats, counts, marks = [], [], [], []
    practice = practice or set()
    for name, matrix in groups:
        m = np.asarray(matrix, dtype=np.int64).reshape(-1, k)
        n = m.shape[0]
        group_col.extend([name] * (n * k))
        marks.extend([name in practice] * (n * k))
        samples.append(np.repeat(np.arange(1, n + 1, dtype=np.int64), k))
        cats.extend(names * n)
        counts.append(m.reshape(-1))
    frame = pd.DataFrame({
        "group": pd.Series(group_col, dtype=object),
        "sample": np.concatenate(samples) if samples else np.array([], dtype=np.int64),
        "category": pd.Series(cats, dtype=object),
        "count": np.concatenate(counts) if counts else np.array([], dtype=np.int64),
        "practice": np.array(marks, dtype=bool),
    }, columns=COUNT_COLUMNS + ["practice"])
    frame.attrs["count_practice"] = bool(count_practice)
    return frame


def _saved_work(conn: Connection, code: str) -> dict[str, dict[str, dict]]:
    """Every group's saved work by group name, in one query; a group that has saved nothing has {}."""
    found: dict[str, dict[str, dict]] = {}
    for name, key, value in conn.execute(
            select(GROUPS.c.name, STATES.c.key, STATES.c.value)
            .select_from(GROUPS.outerjoin(STATES, STATES.c.group_id == GROUPS.c.id))
            .where(GROUPS.c.session_code == code).order_by(GROUPS.c.id, STATES.c.key)):
        saved = found.setdefault(name, {})
        if key is not None:
            saved[key] = value
    return found


class BoardQueries:
    """What the class board reads: every group's counts in one query, and whether anything changed."""

    def _counts(self, conn: Connection, where, categories, session_categories, count_practice=False) -> pd.DataFrame:
        practice = {r.name for r in conn.execute(select(GROUPS.c.name).where(where, GROUPS.c.practice == True))}  # noqa: E712
        rows = conn.execute(
            select(GROUPS.c.id, GROUPS.c.name, CHANGES.c.id, CHANGES.c.sample, CHANGES.c.category, CHANGES.c.op, CHANGES.c.value)
            .select_from(GROUPS.outerjoin(CHANGES, CHANGES.c.group_id == GROUPS.c.id)).where(where).order_by(GROUPS.c.id, CHANGES.c.id)
        ).all()
        if categories is not None:
            names = list(_category_names(categories))
        elif session_categories:
            names = list(session_categories)
        else:  # nothing said what the class counts: the categories its changes name, in the order first saved
            first: dict[str, int] = {}
            for _, _, change_id, _, category, op, _ in rows:
                if change_id is not None and op in ("add", "take", "set") and change_id < first.get(category, change_id + 1):
                    first[category] = change_id
            names = sorted(first, key=first.__getitem__)
        index = {name: i for i, name in enumerate(names)}
        groups: list[tuple[str, list]] = []
        changes: list = []
        last = None
        for gid, name, change_id, sample, category, op, value in rows:  # one group's rows follow each other
            if gid != last:
                last, changes = gid, []
                groups.append((name, changes))
            if change_id is not None:
                changes.append((sample, category, op, value))
        return _counts_frame([(name, replay(changes, index)) for name, changes in groups], names, practice,
                             count_practice)

    def class_counts(self, code, categories=None) -> pd.DataFrame:
        """Every group's current counts (group, tube from 1, category, count), read in one query and replayed.

        `categories` (optional, an addition) overrides the session's; tubes with nothing counted are kept.
        Column `practice` marks a group's made-up practice data; `attrs["count_practice"]` is the teacher's
        choice whether it counts (`classlab.board.pool` follows it).
        """
        code = _code(code)

        def read(conn):
            session = self._session_row(conn, code)
            return self._counts(conn, GROUPS.c.session_code == code, categories, session.categories, session.count_practice)

        return self._read(read)

    def group_counts(self, group_id: int, categories=None) -> pd.DataFrame:
        """One group's current counts, in the same columns as `class_counts`."""
        def read(conn):
            group = self._group_row(conn, group_id)
            return self._counts(conn, GROUPS.c.id == group.id, categories, group.categories)

        return self._read(read)

    def states(self, code) -> dict[str, dict[str, dict]]:
        """Every group's saved work (chart, prediction, findings...) by group name, in ONE query for the class:
        a board refresh for 32 groups must not ask 32 times. A group that has saved nothing has {}."""
        code = _code(code)

        def read(conn):
            self._session_row(conn, code)
            return _saved_work(conn, code)

        return self._read(read)

    def board_read(self, code, after: int = 0, states: bool = True, findings: bool = True) -> BoardRead:
        """Everything a board refresh needs, in ONE read transaction: the session, its groups, their saved work,
        the findings, and only the tally changes with an id above `after` (the board keeps what it has replayed).
        `states` / `findings` False: not read (the board still has them, and the activity mark says they are the same).

        The changes are read before the groups, so on PostgreSQL (each statement its own snapshot) every
        change read belongs to a group read; change ids of a class commit in order (`_lock_class`).
        """
        code = _code(code)
        after = int(after)

        def read(conn):
            session = self._session_from(self._session_row(conn, code))
            changes = conn.execute(
                select(CHANGES.c.id, CHANGES.c.group_id, CHANGES.c.sample, CHANGES.c.category, CHANGES.c.op,
                       CHANGES.c.value)
                .where(CHANGES.c.session_code == code, CHANGES.c.id > after).order_by(CHANGES.c.id)).all()
            last = conn.execute(select(func.coalesce(func.max(CHANGES.c.id), 0))
                                .where(CHANGES.c.session_code == code)).scalar_one()
            groups = [self._group_from(r) for r in conn.execute(
                select(GROUPS).where(GROUPS.c.session_code == code).order_by(GROUPS.c.id))]
            saved = _saved_work(conn, code) if states else None
            found = None if not findings else [self._finding_from(r) for r in conn.execute(
                self._findings_query().where(FINDINGS.c.session_code == code).order_by(FINDINGS.c.id))]
            return session, [tuple(r) for r in changes], int(last), groups, saved, found

        session, changes, last, groups, saved, found = self._read(read)
        return BoardRead(session, groups, changes, last, saved, found)

    def last_change_id(self, code) -> int:
        """The newest tally change in a class (0 if none): cheap, for a board to poll."""
        code = _code(code)
        return self._read(lambda conn: conn.execute(
            select(func.max(CHANGES.c.id)).where(CHANGES.c.session_code == code)).scalar()) or 0

    def activity(self, code) -> Activity:
        """A mark that changes whenever anything in the class changes (tallies, groups, state, findings,
        sorting, ending, practice marks and whether practice counts). An addition: compare it for equality between polls; one small query."""
        code = _code(code)
        groups = select(GROUPS.c.id).where(GROUPS.c.session_code == code).scalar_subquery()
        stmt = select(
            select(func.coalesce(func.max(CHANGES.c.id), 0)).where(CHANGES.c.session_code == code).scalar_subquery(),
            select(func.count()).select_from(GROUPS).where(GROUPS.c.session_code == code).scalar_subquery(),
            select(func.count()).select_from(FINDINGS).where(FINDINGS.c.session_code == code).scalar_subquery(),
            select(func.coalesce(func.sum(FINDINGS.c.revision), 0)).where(FINDINGS.c.session_code == code).scalar_subquery(),
            select(func.count()).select_from(STATES).where(STATES.c.group_id.in_(groups)).scalar_subquery(),
            select(func.coalesce(func.sum(STATES.c.revision), 0)).where(STATES.c.group_id.in_(groups)).scalar_subquery(),
            select(SESSIONS.c.ended_at).where(SESSIONS.c.code == code).scalar_subquery(),
            # practice marks and the teacher's choice about them change what the class's data holds
            select(func.coalesce(func.sum(case((GROUPS.c.practice == True, GROUPS.c.id), else_=0)), 0))  # noqa: E712
            .where(GROUPS.c.session_code == code).scalar_subquery(),
            select(SESSIONS.c.count_practice).where(SESSIONS.c.code == code).scalar_subquery(),
        )
        return Activity(*self._read(lambda conn: conn.execute(stmt).one()))
