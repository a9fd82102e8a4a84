"""The class board's arithmetic: every group's tubes pooled, the odd ones out, and predictions checked.

The board turns each group's own counts into something the whole class can talk about; this
module does the sums so the teacher's page only lays them out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .categories import Categories
from .language import _, lab_word
from .sampler import Prediction, simulate
from .settings import MAX_SAMPLES_TRIED, TRIALS
from .tally import TallyBook, replay


def _matrix(frame: pd.DataFrame, categories: Categories) -> np.ndarray:
    """Counts as tubes × categories (tubes in their order; unknown categories ignored)."""
    if frame.empty:
        return np.zeros((0, len(categories)), dtype=np.int64)
    # numpy, not pivot_table: a board of 300 groups calls this 600 times a refresh (12 ms each with pandas).
    samples, row = np.unique(frame["sample"].to_numpy(), return_inverse=True)
    column = frame["category"].map({name: i for i, name in enumerate(categories.names)})
    known = column.notna().to_numpy()
    m = np.zeros((len(samples), len(categories)), dtype=np.int64)
    np.add.at(m, (row[known], column[known].to_numpy(dtype=np.int64)), frame["count"].to_numpy(dtype=np.int64)[known])
    return m


def group_books(frame: pd.DataFrame, categories: Categories, **book_kwargs) -> dict[str, TallyBook]:
    """One tally book per group, as the group counted it (`book.practice` marks made-up practice data)."""
    books = {}
    marked = practice_groups(frame)
    for group, rows in frame.groupby("group", sort=False):
        book = TallyBook(categories, **book_kwargs)
        book.practice = str(group) in marked
        m = _matrix(rows, categories)
        if len(m):
            book.replace_counts(m)
        books[str(group)] = book
    return books


@dataclass
class ClassData:
    """Every counted tube in the class, in one book, and which group counted each."""

    book: TallyBook
    owners: list[tuple[str, int]]  # (group, the group's own tube number) for each tube in `book`


def practice_groups(frame: pd.DataFrame) -> set[str]:
    """The groups whose counts are made-up practice data (the store's `practice` column)."""
    if "practice" not in frame.columns or frame.empty:
        return set()
    return {str(g) for g in frame.loc[frame["practice"].astype(bool), "group"].unique()}


def counts_practice(frame: pd.DataFrame) -> bool:
    """The teacher's choice, as the store read it: does practice data go into the class's data?"""
    return bool(frame.attrs.get("count_practice", False))


def pool(frame: pd.DataFrame, categories: Categories, practice: bool | None = None, **book_kwargs) -> ClassData:
    """The class's pooled data: every group's counted tubes (empty ones left out) in one book.

    Made-up practice data is left out unless `practice` is True; None follows the teacher's choice as
    the store read it (`frame.attrs["count_practice"]`), so practice data never slips in by default.
    """
    if practice is None:
        practice = counts_practice(frame)
    return pool_books(group_books(frame, categories), categories, practice, **book_kwargs)


def pool_books(books: dict[str, TallyBook], categories: Categories, practice: bool = False, **book_kwargs) -> ClassData:
    """The groups' books pooled into one (practice books only if `practice`): the frame is pivoted once, by `group_books`."""
    parts, owners = [], []
    for group, book in books.items():
        if getattr(book, "practice", False) and not practice:
            continue
        counted = book.counted_samples()
        if counted:
            parts.append(book.matrix()[counted])  # a group's tubes at once, not row by row
            owners.extend((group, t + 1) for t in counted)
    class_book = TallyBook(categories, **book_kwargs)
    if parts:  # plain lists: a book takes them without converting each number (a third of a 32-group refresh)
        class_book.replace_counts(np.concatenate(parts).tolist())
    return ClassData(class_book, owners)


@dataclass
class OddSample:
    group: str
    sample: int
    difference: float  # 0 (just like the class) .. 1 (nothing in common)
    words: str


def samples_that_differ(data: ClassData, top: int = 3) -> list[OddSample]:
    """The tubes whose mix of colours is furthest from the class's mix (half the sum of share differences)."""
    m = data.book.matrix()
    totals = m.sum(axis=1)
    if len(m) < 2 or totals.sum() == 0:
        return []
    class_share = m.sum(axis=0) / totals.sum()
    shares = m / np.maximum(totals, 1)[:, None]
    distance = 0.5 * np.abs(shares - class_share).sum(axis=1)
    names = data.book.categories.shown  # the names pupils read (coch)
    out = []
    for i in np.argsort(-distance, kind="stable")[:top]:
        j = int(np.argmax(np.abs(shares[i] - class_share)))
        expected = class_share[j] * totals[i]
        # Translators: {count} and {expected} are numbers, {name} one of the lab's categories (red, 6), as the lab gives it.
        words = _("{count} {name}, where the class's mix would give about {expected}").format(
            count=int(m[i, j]), name=names[j], expected=f"{expected:.0f}")
        group, sample = data.owners[i]
        out.append(OddSample(group, sample, float(distance[i]), words))
    return out


@dataclass
class PredictionCheck:
    group: str
    said: str
    predicted: int | None
    class_answer: int | None
    chance: float | None  # how often the group's number of tubes worked, using the class's data


def check_predictions(states: dict[str, dict], data: ClassData, categories: Categories,
                      max_samples: int = MAX_SAMPLES_TRIED, trials: int = TRIALS, seed: int = 2004,
                      cache: dict | None = None) -> list[PredictionCheck]:
    """Each group's saved prediction beside what the whole class's data says.

    Groups with the same goal share one simulation; with `cache` (kept between refreshes) a simulation
    is only run again when that goal is new or the class's data changed.
    """
    m = data.book.matrix()
    out = []
    results = {} if cache is None else cache
    data_key = (m.shape, m.tobytes())
    for group, state in states.items():
        saved = state.get("prediction") or {}
        p = Prediction()
        try:
            p.category = saved.get("category", p.category)
            p.goal = saved.get("goal", p.goal)
            p.amount = int(saved.get("amount", p.amount))
            p.samples = saved.get("samples")
        except Exception:
            continue
        if p.category not in categories.names or p.samples is None:
            continue
        # Translators: what a group wanted, in the board's table of predictions; {name} is one of the lab's
        # categories (red, 6), as the lab gives it.
        said = (_("a fair share of {name}") if p.goal == "fair_share" else _("at least {n} {name}")).format(
            n=p.amount, name=lab_word(p.category))
        if m.sum() == 0:
            out.append(PredictionCheck(group, said, p.samples, None, None))
            continue
        key = (p.category, p.goal, p.amount, max_samples, trials, seed, data_key)
        if key not in results:
            results[key] = simulate(m, categories.index(p.category), p, max_samples=max_samples, trials=trials, seed=seed,
                                    spread=False)  # the board shows the chance and the answer, not the spread
        result = results[key]
        out.append(PredictionCheck(group, said, p.samples, result.answer, result.chance_for(p.samples)))
    if cache is not None:  # only the class's data as it is now is worth keeping
        for key in [k for k in cache if k[-1] != data_key]:
            del cache[key]
    return out


def continued_by(findings) -> dict[int, list[str]]:
    """For each finding, the groups that carried it on (their findings' `continued_from`), worked out once."""
    ids = {f.id for f in findings}
    later: dict[int, list[str]] = {}
    for f in findings:
        if f.continued_from in ids:
            later.setdefault(f.continued_from, []).append(f.group_name)
    return later


@dataclass
class ClassSnapshot:
    """Everything the class board shows about one class at one moment, worked out here so the board only draws it."""

    code: str
    seen: tuple  # the store's activity mark this snapshot was read at
    groups: list[str]  # the groups' names, in the order they joined
    books: dict[str, TallyBook]  # each group's own book (`book.practice` marks practice data)
    data: ClassData  # the class's pooled data (practice data only if the teacher counts it)
    odd: list[OddSample]
    predictions: list[PredictionCheck]
    findings: list  # the store's findings, in order
    continued_by: dict[int, list[str]]

    @property
    def biggest(self) -> int:
        """The biggest count of any category in any group: the top of the one scale every group's card shares."""
        return max((int(b.matrix().sum(axis=0).max(initial=0)) for b in self.books.values()), default=0)


def _part(seen, *names) -> tuple | None:
    """Part of the store's activity mark (`classlab.store.board_queries.Activity`), or None from any other mark."""
    try:
        return tuple(getattr(seen, name) for name in names)
    except AttributeError:
        return None


@dataclass
class _Kept:
    """What a reader has read of one class: the last change replayed, and each group's counts and book."""

    started_at: object  # the session's start: a class deleted and started again under its code is another class
    last_change: int = 0
    counts: dict = field(default_factory=dict)  # group id -> counts replayed so far (rows of tubes)
    names: dict = field(default_factory=dict)  # group id -> name
    books: dict = field(default_factory=dict)  # group id -> the book last handed out (never changed once handed out)
    states: dict | None = None  # every group's saved work, as last read ...
    findings: list | None = None
    states_mark: tuple | None = None  # ... and the activity mark's part for each, taken before it was read
    findings_mark: tuple | None = None


class ClassReader:
    """Reads a class from the store into a `ClassSnapshot`, incrementally: it keeps what it has read and on
    each refresh reads only the tally changes with a higher id (one transaction for the whole refresh),
    replaying them onto each group's counts by the tally's one rule (`classlab.tally.replay`).

    A refresh starts again from nothing when the store holds something new changes cannot express (the class
    deleted and started again, the store put back from a copy, a group gone or renamed, a change from a group
    not read), so a snapshot is always the one a full read gives. Practice marks and the teacher's "count
    practice" choice are read afresh every time (they change no counts); the store removes changes only with
    their whole class, and Undo is saved as new changes. Groups' saved work and the findings are read again only
    when their part of the activity mark moved. Simulations are kept until a goal or the class's data changes.
    """

    def __init__(self, store, categories: Categories, **book_kwargs):
        self.store, self.categories, self.book_kwargs = store, categories, book_kwargs
        self._simulations: dict = {}
        self._kept: dict[str, _Kept] = {}  # by class code: a board shows one class at a time
        self._index = {name: i for i, name in enumerate(categories.names)}
        self._limit = TallyBook(categories, **book_kwargs).limit  # the books' own limit, for replaying
        self.full_reads = 0  # how many refreshes started from nothing (the tests check the incremental path is taken)

    def changed(self, code: str, since: tuple | None) -> tuple | None:
        """The class's activity mark if anything changed since `since` (one small query), else None."""
        seen = self.store.activity(code)
        return None if seen == since else seen

    def read(self, code: str, seen: tuple | None = None) -> ClassSnapshot:
        """The class now: one read transaction, only the changes not yet replayed (all of them the first time)."""
        if seen is None:
            seen = self.store.activity(code)
        kept = self._kept.get(code)
        states_mark = _part(seen, "states", "state_revisions")
        findings_mark = _part(seen, "findings", "finding_revisions")
        try:
            got = self.store.board_read(
                code, kept.last_change if kept else 0,
                states=kept is None or states_mark is None or states_mark != kept.states_mark,
                findings=kept is None or findings_mark is None or findings_mark != kept.findings_mark)
            if kept is not None and not self._continues(kept, got):
                kept = None
                got = self.store.board_read(code, 0)
            if kept is None:
                self.full_reads += 1
                self._kept = {code: (kept := _Kept(got.session.started_at))}  # one class at a time
            books = self._apply(kept, got)
            if got.states is not None:
                kept.states, kept.states_mark = got.states, states_mark
            if got.findings is not None:
                kept.findings, kept.findings_mark = got.findings, findings_mark
            if not self._all_known(got):  # the class went while it was read: nothing half read is kept
                self._kept.pop(code, None)
        except BaseException:
            self._kept.pop(code, None)  # half applied is never kept: the next read starts from nothing
            raise
        data = pool_books(books, self.categories, got.session.count_practice, **self.book_kwargs)
        states = {g.name: kept.states.get(g.name, {}) for g in got.groups}
        return ClassSnapshot(
            code=code, seen=seen, groups=[g.name for g in got.groups], books=books, data=data,
            odd=samples_that_differ(data),
            predictions=check_predictions(states, data, self.categories, cache=self._simulations),
            findings=kept.findings, continued_by=continued_by(kept.findings))

    @staticmethod
    def _continues(kept: _Kept, got) -> bool:
        """Can the new changes simply be replayed onto what was kept?"""
        if got.session.started_at != kept.started_at:
            return False  # another class under the same code
        if got.last_change < kept.last_change:
            return False  # the store was put back from an older copy (the store itself only removes a whole class)
        names = {g.id: g.name for g in got.groups}
        if any(names.get(gid) != name for gid, name in kept.names.items()):
            return False  # a group went, or has another name
        return ClassReader._all_known(got)

    @staticmethod
    def _all_known(got) -> bool:
        """Every change read belongs to a group read (the store reads changes first, so only a class deleted
        between the two can break this)."""
        ids = {g.id for g in got.groups}
        return all(change[1] in ids for change in got.changes)

    def _apply(self, kept: _Kept, got) -> dict[str, TallyBook]:
        """Replay the new changes onto each group's kept counts; a book is made again only for a group whose
        counts or practice mark changed, so the books of an earlier snapshot are never changed under it."""
        new: dict[int, list] = {}
        for _change_id, gid, sample, category, op, value in got.changes:
            new.setdefault(gid, []).append((sample, category, op, value))
        books = {}
        for g in got.groups:
            counts = kept.counts.get(g.id)
            if counts is None or g.id in new:
                counts = kept.counts[g.id] = replay(new.get(g.id, ()), self._index, self._limit, counts=counts)
            book = kept.books.get(g.id)
            if book is None or g.id in new or book.practice != g.practice:
                book = TallyBook(self.categories, **self.book_kwargs)
                book.practice = g.practice
                book.replace_counts(counts)
                kept.books[g.id] = book
            kept.names[g.id] = g.name
            books[g.name] = book
        if got.changes:
            kept.last_change = got.changes[-1][0]
        return books
