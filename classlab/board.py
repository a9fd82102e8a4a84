"""The class board's arithmetic: every group's tubes pooled, the odd ones out, and predictions checked.

The board turns each group's own counts into something the whole class can talk about; this
module does the sums so the teacher's page only lays them out.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .categories import Categories
from .sampler import Prediction, simulate
from .tally import TallyBook


def _matrix(frame: pd.DataFrame, categories: Categories) -> np.ndarray:
    """Counts as tubes × categories (tubes in their order; unknown categories ignored)."""
    if frame.empty:
        return np.zeros((0, len(categories)), dtype=np.int64)
    # numpy, not pivot_table: a board of 300 groups calls this 600 times a refresh (12 ms each with pandas).
    tubes, row = np.unique(frame["tube"].to_numpy(), return_inverse=True)
    column = frame["category"].map({name: i for i, name in enumerate(categories.names)})
    known = column.notna().to_numpy()
    m = np.zeros((len(tubes), len(categories)), dtype=np.int64)
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
    if not practice:
        leave_out = practice_groups(frame)
        if leave_out:
            frame = frame[~frame["group"].astype(str).isin(leave_out)]
    rows, owners = [], []
    for group, book in group_books(frame, categories).items():
        for t in book.counted_tubes():
            rows.append(book.matrix([t])[0])
            owners.append((group, t + 1))
    class_book = TallyBook(categories, **book_kwargs)
    if rows:
        class_book.replace_counts(np.vstack(rows))
    return ClassData(class_book, owners)


@dataclass
class OddTube:
    group: str
    tube: int
    difference: float  # 0 (just like the class) .. 1 (nothing in common)
    words: str


def tubes_that_differ(data: ClassData, top: int = 3) -> list[OddTube]:
    """The tubes whose mix of colours is furthest from the class's mix (half the sum of share differences)."""
    m = data.book.matrix()
    totals = m.sum(axis=1)
    if len(m) < 2 or totals.sum() == 0:
        return []
    class_share = m.sum(axis=0) / totals.sum()
    shares = m / np.maximum(totals, 1)[:, None]
    distance = 0.5 * np.abs(shares - class_share).sum(axis=1)
    names = data.book.categories.names
    out = []
    for i in np.argsort(-distance, kind="stable")[:top]:
        j = int(np.argmax(np.abs(shares[i] - class_share)))
        expected = class_share[j] * totals[i]
        words = f"{int(m[i, j])} {names[j]}, where the class's mix would give about {expected:.0f}"
        group, tube = data.owners[i]
        out.append(OddTube(group, tube, float(distance[i]), words))
    return out


@dataclass
class PredictionCheck:
    group: str
    said: str
    predicted: int | None
    class_answer: int | None
    chance: float | None  # how often the group's number of tubes worked, using the class's data


def check_predictions(states: dict[str, dict], data: ClassData, categories: Categories,
                      max_tubes: int = 30, trials: int = 10_000, seed: int = 2004) -> list[PredictionCheck]:
    """Each group's saved prediction beside what the whole class's data says."""
    m = data.book.matrix()
    out, results = [], {}
    for group, state in states.items():
        saved = state.get("prediction") or {}
        p = Prediction()
        try:
            p.category = saved.get("category", p.category)
            p.goal = saved.get("goal", p.goal)
            p.amount = int(saved.get("amount", p.amount))
            p.tubes = saved.get("tubes")
        except Exception:
            continue
        if p.category not in categories.names or p.tubes is None:
            continue
        said = ("a fair share of " if p.goal == "fair_share" else f"at least {p.amount} ") + p.category
        if m.sum() == 0:
            out.append(PredictionCheck(group, said, p.tubes, None, None))
            continue
        key = (p.category, p.goal, p.amount)  # groups with the same goal share one simulation of the class's data
        if key not in results:
            results[key] = simulate(m, categories.index(p.category), p, max_tubes=max_tubes, trials=trials, seed=seed)
        result = results[key]
        out.append(PredictionCheck(group, said, p.tubes, result.answer, result.chance_for(p.tubes)))
    return out
