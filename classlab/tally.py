"""Tallies: counting things, one tube (sample) at a time.

A tally is changed only by `TallyChange`s (add one, take one, set to N). Keeping the change rather
than the whole table lets a later class store merge two devices of the same group without losing
a count, and every change is checked here, because what a page sends is untrusted input.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from traitlets import Bool, HasTraits, Instance, Int, Unicode, validate

from .categories import Categories, plural
from .counts import DEFAULT_LIMIT, CountError, parse_count
from .language import _, capitalised, lab_word

#: The most tubes (samples) a table may hold: a typo like tube 100000 must not fill the memory.
MAX_SAMPLES = 10_000

__all__ = ["DEFAULT_LIMIT", "MAX_SAMPLES", "CountError", "DoesNotFit", "TallyBook", "TallyChange", "next_count", "parse_count",
           "replay", "tally_gates"]


def tally_gates(n: int) -> list[int]:
    """Tally marks in gates of five: 13 -> [5, 5, 3]."""
    n = int(n)
    if n <= 0:
        return []
    return [5] * (n // 5) + ([n % 5] if n % 5 else [])


class DoesNotFit(CountError):
    """A change the rules refuse: `reason` is "limit" (an add past the limit) or "none" (a take from nothing)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def next_count(now: int, op: str, value, limit: int) -> int:
    """The tally's rule for one category: its count after an add, a take or a set; DoesNotFit or CountError if refused."""
    if op == "add":
        if now >= limit:
            raise DoesNotFit("limit")
        return now + 1
    if op == "take":
        if now <= 0:
            raise DoesNotFit("none")
        return now - 1
    if op == "set":
        if type(value) is int and 0 <= value <= limit:  # the common case, already checked by the store
            return value
        return parse_count(value, limit)
    raise CountError(_("That change isn't one we know."))


def replay(changes, index: dict[str, int], limit: int = DEFAULT_LIMIT, counts=None) -> list[list[int]]:
    """Counts (rows of tubes) after saved changes (tube, category, op, value), by the book's rules.

    Changes already saved are replayed, not refused: tubes appear as needed and a change that no
    longer fits (a take below zero, an add past the limit, a category not counted) is skipped.
    Plain lists rather than a TallyBook, so the class board replays a whole class quickly.
    """
    k = len(index)
    counts = [[0] * k] if counts is None else counts
    for sample, category, op, value in changes:
        if op == "clear":
            counts = [[0] * k]
            continue
        try:
            if not 0 <= sample < MAX_SAMPLES:
                continue
            while len(counts) <= sample:
                counts.append([0] * k)
            i = index.get(category)
            if op == "new_sample" or i is None:
                continue
            row = counts[sample]
            row[i] = next_count(row[i], op, value, limit)
        except (CountError, TypeError):
            pass
    return counts


@dataclass(frozen=True)
class TallyChange:
    """One thing a pupil did to a tally: add one, take one, or set a count."""

    sample: int  # 0-based
    category: str
    op: str  # "add", "take", "set"; "new_sample" (sample `sample` exists) or "clear" (back to one empty sample)
    value: int = 1


class TallyBook(HasTraits):
    """A group's counts: one row of categories for each tube (sample) counted."""

    categories = Instance(Categories, help="What is being counted, in display order.")
    category_label = Unicode("category", help="What one category is called in the table: colour, face, answer.")
    sample_label = Unicode("sample", help="What one sample is called: tube, bag, day, set of throws.")
    thing_label = Unicode("thing", help="What one counted thing is called: sweet, throw, answer, bird.")
    limit = Int(DEFAULT_LIMIT, help="The most that can sensibly be in one category of one sample.")
    current = Int(0, help="The sample being counted now (0-based).")
    version = Int(0, help="Goes up by one on every change, so views know to redraw.")
    loading = Bool(False, help="True while a whole table is being passed on, so a store can save it in one go.")
    closed = Unicode("", help="Why no more changes can be made (the class has ended), or '' while open.")
    practice = Bool(False, help="The counts are made-up practice data (loaded, not counted): never pooled as counted.")

    def __init__(self, categories: Categories, **kwargs):
        super().__init__(categories=categories, **kwargs)
        self._counts: list[list[int]] = [[0] * len(categories)]
        self._listeners: list = []

    def on_change(self, callback) -> None:
        """Call `callback(change)` after every change made here, so a class store can save it at once."""
        self._listeners.append(callback)

    def _tell(self, change: "TallyChange") -> None:
        for callback in list(self._listeners):
            callback(change)

    # --- reading -------------------------------------------------------------------------
    @property
    def n_samples(self) -> int:
        return len(self._counts)

    def counts(self, sample: int | None = None) -> dict[str, int]:
        row = self._counts[self.current if sample is None else sample]
        return dict(zip(self.categories.names, row))

    def count(self, category: str, sample: int | None = None) -> int:
        return self.counts(sample)[category]

    def total(self, sample: int | None = None) -> int:
        return sum(self._counts[self.current if sample is None else sample])

    def matrix(self, samples=None) -> np.ndarray:
        """Counts as an array, one row per tube and one column per category."""
        m = np.array(self._counts, dtype=np.int64).reshape(-1, len(self.categories))
        return m if samples is None else m[list(samples)]

    def pooled(self, samples=None) -> dict[str, int]:
        return dict(zip(self.categories.names, self.matrix(samples).sum(axis=0).tolist()))

    def counted_samples(self) -> list[int]:
        """Tubes with at least one thing counted in them."""
        return [i for i, row in enumerate(self._counts) if sum(row) > 0]

    def to_frame(self) -> pd.DataFrame:
        """The tidy table: one row per tube and category (tube numbered from 1 as pupils do)."""
        rows = [
            (t + 1, name, c)
            for t, row in enumerate(self._counts)
            for name, c in zip(self.categories.names, row)
        ]
        return pd.DataFrame(rows, columns=[self.sample_label, self.category_label, "count"]).astype(
            {self.sample_label: "int64", "count": "int64"}
        )

    # --- changing ------------------------------------------------------------------------
    @validate("current")
    def _valid_current(self, proposal):
        value = proposal["value"]
        if not 0 <= value < len(self._counts if hasattr(self, "_counts") else [0]):
            raise CountError(_("There is no such {sample}.").format(sample=lab_word(self.sample_label)))
        return value

    def apply(self, change: TallyChange, quiet: bool = False) -> int:
        """Apply one change after checking it; returns the new count. Raises CountError.

        `quiet` applies a change that came from elsewhere (the class store) without passing it on.
        """
        if self.closed and not quiet:
            raise CountError(self.closed)
        if change.op == "new_sample":
            if not 0 <= change.sample < MAX_SAMPLES:
                raise CountError(_("There is no such {sample}.").format(sample=lab_word(self.sample_label)))
            while self.n_samples <= change.sample:
                self._counts.append([0] * len(self.categories))
            quiet or self._tell(change)  # saved first, then shown: what a page shows is kept
            self.version += 1
            return self.n_samples
        if change.op == "clear":
            self._counts = [[0] * len(self.categories)]
            quiet or self._tell(change)
            self.current = 0
            self.version += 1
            return 0
        if not 0 <= change.sample < self.n_samples:
            raise CountError(_("There is no such {sample}.").format(sample=lab_word(self.sample_label)))
        try:
            i = self.categories.index(change.category)
        except KeyError:
            raise CountError(_("There is no {category} to count here.").format(category=repr(change.category))) from None
        value = self.parse(change.value) if change.op == "set" else change.value  # messages in the lab's words
        try:
            new = next_count(self._counts[change.sample][i], change.op, value, self.limit)
        except DoesNotFit as refused:
            if refused.reason == "limit":
                raise CountError(_("That's more than {limit} in one {sample}: please check your counting.")
                                 .format(limit=self.limit, sample=lab_word(self.sample_label))) from None
            raise CountError(_("There are no {category} ones to take away.").format(category=lab_word(change.category))) from None
        self._counts[change.sample][i] = new
        quiet or self._tell(TallyChange(change.sample, change.category, "set", new) if change.op == "set" else change)
        self.version += 1  # after saving: a count the page shows is one the store has (when it is up)
        return new

    def add(self, category: str) -> int:
        return self.apply(TallyChange(self.current, category, "add"))

    def take(self, category: str) -> int:
        return self.apply(TallyChange(self.current, category, "take"))

    def set(self, category: str, value) -> int:
        """Set a count from what was typed; nothing changes if the value is not a sensible count."""
        return self.apply(TallyChange(self.current, category, "set", self.parse(value)))

    def parse(self, value) -> int:
        """A typed count checked against this lab's limit, with messages in its own words."""
        return parse_count(value, self.limit, self.thing_label, self.sample_label)

    def new_sample(self) -> int:
        """Start counting a new, empty tube (it goes at the end) and make it the current one."""
        self.apply(TallyChange(self.n_samples, "", "new_sample"))
        self.current = self.n_samples - 1
        return self.current

    def next_sample(self) -> int:
        if self.current < self.n_samples - 1:
            self.current += 1
        return self.current

    def previous_sample(self) -> int:
        if self.current > 0:
            self.current -= 1
        return self.current

    def load_frame(self, frame: pd.DataFrame, practice: bool = False) -> None:
        """Replace every count with those in a tidy table (checked first: all or nothing).

        `practice`: the table is made-up practice data (a shipped, generated dataset), not the group's counts.
        """
        need = {self.sample_label, self.category_label, "count"}
        missing = need - set(frame.columns)
        if missing:
            raise CountError(_("The table needs the columns {columns}.").format(columns=", ".join(sorted(need))))
        # Compare names as text: a CSV read back turns the faces "1".."6" of a dice lab into numbers.
        cats = [str(c) for c in frame[self.category_label]]
        unknown = set(cats) - set(self.categories.names)
        if unknown:
            # Translators: {categories} is the lab's word for its kinds (colours); {names} the ones it doesn't count.
            raise CountError(_("The table has {categories} this lab doesn't count: {names}.")
                             .format(categories=plural(self.category_label), names=", ".join(sorted(unknown))))
        # Translators: {samples} is the lab's word for more than one sample (tubes, bags, days).
        numbered = capitalised(_("{samples} are numbered 1, 2, 3, ...").format(samples=plural(self.sample_label)))
        try:
            sample_numbers = [parse_count(t, MAX_SAMPLES) for t in frame[self.sample_label]]
        except CountError:
            raise CountError(numbered) from None
        if not sample_numbers or min(sample_numbers) < 1:
            raise CountError(numbered)
        counts = [[0] * len(self.categories) for _ in range(max(sample_numbers))]
        for t, cat, c in zip(sample_numbers, cats, frame["count"]):
            counts[t - 1][self.categories.index(cat)] = self.parse(c)
        self.load_counts(counts, practice=practice)

    def load_counts(self, counts, practice: bool = False) -> None:
        """Replace every count with a whole table (rows of tubes), passed on as changes so a class store
        keeps it (loading a dataset, or putting a group's own counts back with Undo).

        Practice data is marked before its counts are passed on, and the mark taken off only after the
        group's own counts are: a class store never holds practice data looking counted.
        """
        if self.closed:
            raise CountError(self.closed)
        counts = [[int(c) for c in row] for row in counts] or [[0] * len(self.categories)]
        for row in counts:
            for c in row:
                parse_count(c, self.limit, self.thing_label, self.sample_label)
        if practice:
            self.practice = True
        self.replace_counts(counts)
        self.current = 0
        # Passed on as ordinary changes, so a class store keeps the loaded data like counted data.
        self._pass_on(counts)
        self.practice = bool(practice)

    def _pass_on(self, counts) -> None:
        if self._listeners:
            self.loading = True
            try:
                self._tell(TallyChange(0, "", "clear"))
                for t in range(1, len(counts)):
                    self._tell(TallyChange(t, "", "new_sample"))
                for t, row in enumerate(counts):
                    for name, c in zip(self.categories.names, row):
                        if c:
                            self._tell(TallyChange(t, name, "set", c))
            finally:
                self.loading = False

    def replace_counts(self, counts) -> None:
        """Put a whole table of counts in place without passing changes on (for merging and loading)."""
        rows = [list(map(int, row)) for row in counts] or [[0] * len(self.categories)]
        if any(len(row) != len(self.categories) for row in rows):
            raise CountError(_("That table doesn't fit this lab's categories."))
        self._counts = rows
        self.current = min(self.current, len(rows) - 1)
        self.version += 1

    def clear(self) -> None:
        """Back to one empty tube."""
        self.apply(TallyChange(0, "", "clear"))
