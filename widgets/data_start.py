"""Where the counting starts: our own empty tubes, or a dataset the class can share.

Replacing a group's counts always asks first and says what will go, and can be undone; made-up
data is marked as practice (the class store keeps it out of the class's data).
"""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w

from classlab import CountError, TallyBook
from classlab.categories import plural
from classlab.datasets import load

from ._accessible import message_area, say
from ._common import esc


@dataclass
class _Before:
    """The group's counts before a replacement, for Undo."""

    counts: list[list[int]]
    current: int
    practice: bool
    version: int = -1  # the book's version just after the replacement: any later change ends Undo


def what_is_there(book: TallyBook) -> str:
    """ "3 sweets in 1 tube": what a replacement would take away, in the lab's own words."""
    total, samples = int(book.matrix().sum()), book.n_samples
    return (f"{total:,} {plural(book.thing_label, total)} in {samples:,} "
            f"{plural(book.sample_label, samples)}")


def _has_counts(book: TallyBook) -> bool:
    return book.n_samples > 1 or int(book.matrix().sum()) > 0


class DataStart(w.VBox):
    """Two big buttons: start with empty tubes, or load a shipped dataset (and say honestly what it is)."""

    def __init__(self, book: TallyBook, dataset: str, **kwargs):
        self.book, self.dataset = book, dataset
        noun = book.sample_label
        self.empty = w.Button(description=f"Start with our own empty {plural(noun)}", layout=w.Layout(width="auto"))
        self.load = w.Button(description="Load the class's data", button_style="primary", layout=w.Layout(width="auto"))
        self.about = w.HTML()
        self.message = message_area()
        # "Are you sure?": shown before anything the group counted is replaced.
        self.question = w.HTML()
        self.yes = w.Button(description="Yes, replace them", button_style="warning", layout=w.Layout(width="auto"))
        self.no = w.Button(description="No, keep our counts", layout=w.Layout(width="auto"))
        self.ask = w.VBox([self.question, w.HBox([self.yes, self.no])])
        self.ask.add_class("classlab-ask")
        self.ask.layout.display = "none"
        self.undo_button = w.Button(description="Undo", layout=w.Layout(width="auto", display="none"))
        self._then = None  # what "Yes" does
        self._before: _Before | None = None
        self.empty.on_click(lambda _: self.start_empty())
        self.load.on_click(lambda _: self.load_dataset())
        self.yes.on_click(lambda _: self._sure())
        self.no.on_click(lambda _: self._not_sure())
        self.undo_button.on_click(lambda _: self.undo())
        super().__init__([w.HBox([self.empty, self.load]), self.ask, self.about, self.undo_button, self.message], **kwargs)
        self.add_class("classlab-start")
        book.observe(self._book_changed, names=["version", "practice", "closed"])
        self._book_changed()

    # --- asking first ------------------------------------------------------------------------
    def _ask(self, instead: str, then) -> None:
        self._then = then
        self.question.value = (f'<p class="classlab-next" role="status">This will replace your '
                               f'{esc(what_is_there(self.book))} with {esc(instead)}. Are you sure?</p>')
        self.yes.description = "Yes, replace them"
        self.ask.layout.display = None
        say(self.message, "")

    def _sure(self) -> None:
        then, self._then = self._then, None
        self.ask.layout.display = "none"
        if then is not None:
            then()

    def _not_sure(self) -> None:
        self._then = None
        self.ask.layout.display = "none"
        say(self.message, "Nothing changed: your counts are just as they were.")

    # --- the two starts ------------------------------------------------------------------------
    def start_empty(self, sure: bool = False) -> None:
        """Back to one empty tube of our own (and no longer practice data); asks first if there are counts."""
        if not sure and _has_counts(self.book):
            self._ask(f"one empty {self.book.sample_label}", lambda: self.start_empty(sure=True))
            return
        before = self._remember()
        try:
            self.book.clear()
        except CountError as problem:
            say(self.message, str(problem))
            return
        self.book.practice = False  # our own counting from here: the practice mark goes
        self._replaced(before)
        self.about.value = f"<p>A fresh, empty {esc(self.book.sample_label)}. Happy counting!</p>"

    def load_dataset(self, sure: bool = False) -> None:
        """Load the lab's dataset; made-up data is marked as practice. Asks first if there are counts."""
        try:
            data = load(self.dataset)
        except (CountError, ValueError, FileNotFoundError) as problem:
            say(self.message, f"Sorry, the class's data could not be loaded: {problem}")
            return
        made_up = data.provenance == "generated"
        if not sure and _has_counts(self.book):
            n = int(data.frame[self.book.sample_label].nunique()) if self.book.sample_label in data.frame else 0
            what = f"{n} {plural(self.book.sample_label, n)} of " if n else ""
            self._ask(f"{what}{'made-up practice data' if made_up else 'the class data'}",
                      lambda: self.load_dataset(sure=True))
            return
        before = self._remember()
        try:
            self.book.load_frame(data.frame, practice=made_up)  # marked before the counts arrive
        except (CountError, ValueError) as problem:
            say(self.message, f"Sorry, the class's data could not be loaded: {problem}")
            return
        self._replaced(before)
        # One plain sentence for pupils (the dataset's pupil_note); how it was made is in the teacher's guide.
        honest = data.meta.get("pupil_note") or (
            "These numbers were made up by a computer." if made_up else "These numbers were counted by real people.")
        practice = " It is <b>practice data</b>: it stays out of the class's data." if made_up else ""
        self.about.value = f"<p><b>{esc(data.meta['title'])}</b>. {esc(honest)}{practice}</p>"

    # --- undo ---------------------------------------------------------------------------------
    def _remember(self) -> _Before:
        return _Before(self.book.matrix().tolist(), self.book.current, self.book.practice)

    def _replaced(self, before: _Before) -> None:
        if _has_counts_in(before.counts):
            before.version = self.book.version
            self._before = before
            self.undo_button.description = f"Undo: put our {what_is_there_in(before.counts, self.book)} back"
            self.undo_button.layout.display = None
        else:
            self._forget()
        say(self.message, "")

    def _forget(self) -> None:
        self._before = None
        self.undo_button.layout.display = "none"

    def undo(self) -> None:
        """Put the group's counts back as they were before the last replacement (saved like any change)."""
        before = self._before
        if before is None:
            return
        try:
            self.book.load_counts(before.counts, practice=before.practice)
        except CountError as problem:
            say(self.message, str(problem))
            return
        self.book.current = min(before.current, self.book.n_samples - 1)
        self._forget()
        self.about.value = ""
        say(self.message, f"Your counts are back: {what_is_there(self.book)}.")

    def _book_changed(self, _=None) -> None:
        """Undo only while nothing else has changed; no starting again once the class has ended."""
        if self._before is not None and self.book.version != self._before.version:
            self._forget()
        closed = bool(self.book.closed)
        self.empty.disabled = self.load.disabled = self.yes.disabled = closed


def _has_counts_in(counts) -> bool:
    return len(counts) > 1 or sum(map(sum, counts)) > 0


def what_is_there_in(counts, book: TallyBook) -> str:
    total, samples = int(sum(map(sum, counts))), len(counts)
    return f"{total:,} {plural(book.thing_label, total)} in {samples:,} {plural(book.sample_label, samples)}"
