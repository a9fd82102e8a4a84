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
from classlab.language import _, lab_word

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
    return what_is_there_in(book.matrix().tolist(), book)


def _has_counts(book: TallyBook) -> bool:
    return book.n_samples > 1 or int(book.matrix().sum()) > 0


class DataStart(w.VBox):
    """Two big buttons: start with empty tubes, or load a shipped dataset (and say honestly what it is)."""

    def __init__(self, book: TallyBook, dataset: str, **kwargs):
        self.book, self.dataset = book, dataset
        noun = book.sample_label
        self.empty = w.Button(description=_("Start with our own empty {samples}").format(samples=plural(noun)),
                              layout=w.Layout(width="auto"))
        self.load = w.Button(description=_("Load the class's data"), button_style="primary", layout=w.Layout(width="auto"))
        self.about = w.HTML()
        # One live region: the "Are you sure?" question first (shown before anything the group counted is
        # replaced), then what happened.
        self.message = message_area()
        self.question = self.message.part("classlab-next")
        self.said = self.message.part()
        self.yes = w.Button(description=_("Yes, replace them"), button_style="warning", layout=w.Layout(width="auto"))
        self.no = w.Button(description=_("No, keep our counts"), layout=w.Layout(width="auto"))
        self.ask = w.VBox([w.HBox([self.yes, self.no])])
        self.ask.add_class("classlab-ask")
        self.ask.layout.display = "none"
        self.undo_button = w.Button(description=_("Undo"), layout=w.Layout(width="auto", display="none"))
        self._then = None  # what "Yes" does
        self._before: _Before | None = None
        self.empty.on_click(lambda _: self.start_empty())
        self.load.on_click(lambda _: self.load_dataset())
        self.yes.on_click(lambda _: self._sure())
        self.no.on_click(lambda _: self._not_sure())
        self.undo_button.on_click(lambda _: self.undo())
        super().__init__([w.HBox([self.empty, self.load]), self.message, self.ask, self.about, self.undo_button], **kwargs)
        self.add_class("classlab-start")
        book.observe(self._book_changed, names=["version", "practice", "closed"])
        self._book_changed()

    # --- asking first ------------------------------------------------------------------------
    def _ask(self, instead: str, then) -> None:
        self._then = then
        # Translators: {what} is what the group has counted ("3 sweets in 1 tube"); {instead} is "one empty tube"
        # or "29 tubes of made-up practice data".
        words = _("This will replace your {what} with {instead}. Are you sure?").format(
            what=esc(what_is_there(self.book)), instead=esc(instead))
        say(self.said, "")
        self.question.value = f"<p>{words}</p>"
        self.yes.description = _("Yes, replace them")
        self.ask.layout.display = None

    def _sure(self) -> None:
        then, self._then = self._then, None
        self.ask.layout.display = "none"
        self.question.value = ""
        if then is not None:
            then()

    def _not_sure(self) -> None:
        self._then = None
        self.ask.layout.display = "none"
        self.question.value = ""
        say(self.said, _("Nothing changed: your counts are just as they were."), news=True)

    # --- the two starts ------------------------------------------------------------------------
    def start_empty(self, sure: bool = False) -> None:
        """Back to one empty tube of our own (and no longer practice data); asks first if there are counts."""
        if not sure and _has_counts(self.book):
            self._ask(_("one empty {sample}").format(sample=lab_word(self.book.sample_label)), lambda: self.start_empty(sure=True))
            return
        before = self._remember()
        try:
            self.book.clear()
        except CountError as problem:
            say(self.said, str(problem))
            return
        self.book.practice = False  # our own counting from here: the practice mark goes
        self._replaced(before)
        fresh = _("A fresh, empty {sample}. Happy counting!").format(sample=esc(lab_word(self.book.sample_label)))
        self.about.value = f"<p>{fresh}</p>"

    def load_dataset(self, sure: bool = False) -> None:
        """Load the lab's dataset; made-up data is marked as practice. Asks first if there are counts."""
        try:
            data = load(self.dataset)
        except (CountError, ValueError, FileNotFoundError) as problem:
            say(self.said, _("Sorry, the class's data could not be loaded: {problem}").format(problem=problem))
            return
        made_up = data.provenance == "generated"
        if not sure and _has_counts(self.book):
            n = int(data.frame[self.book.sample_label].nunique()) if self.book.sample_label in data.frame else 0
            samples = f"{n} {plural(self.book.sample_label, n)}"
            if made_up:
                instead = (_("{samples} of made-up practice data").format(samples=samples) if n
                           else _("made-up practice data"))
            else:
                instead = _("{samples} of the class data").format(samples=samples) if n else _("the class data")
            self._ask(instead, lambda: self.load_dataset(sure=True))
            return
        before = self._remember()
        try:
            self.book.load_frame(data.frame, practice=made_up)  # marked before the counts arrive
        except (CountError, ValueError) as problem:
            say(self.said, _("Sorry, the class's data could not be loaded: {problem}").format(problem=problem))
            return
        self._replaced(before)
        # One plain sentence for pupils (the dataset's pupil_note); how it was made is in the teacher's guide.
        honest = data.meta.get("pupil_note") or (
            _("These numbers were made up by a computer.") if made_up else _("These numbers were counted by real people."))
        practice = " " + _("It is <b>practice data</b>: it stays out of the class's data.") if made_up else ""
        self.about.value = f"<p><b>{esc(data.meta['title'])}</b>. {esc(honest)}{practice}</p>"

    # --- undo ---------------------------------------------------------------------------------
    def _remember(self) -> _Before:
        return _Before(self.book.matrix().tolist(), self.book.current, self.book.practice)

    def _replaced(self, before: _Before) -> None:
        if _has_counts_in(before.counts):
            before.version = self.book.version
            self._before = before
            self.undo_button.description = _("Undo: put our {what} back").format(what=what_is_there_in(before.counts, self.book))
            self.undo_button.layout.display = None
        else:
            self._forget()
        say(self.said, "")

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
            say(self.said, str(problem))
            return
        self.book.current = min(before.current, self.book.n_samples - 1)
        self._forget()
        self.about.value = ""
        say(self.said, _("Your counts are back: {what}.").format(what=what_is_there(self.book)), news=True)

    def _book_changed(self, _=None) -> None:
        """Undo only while nothing else has changed; no starting again once the class has ended."""
        if self._before is not None and self.book.version != self._before.version:
            self._forget()
        closed = bool(self.book.closed)
        self.empty.disabled = self.load.disabled = self.yes.disabled = closed


def _has_counts_in(counts) -> bool:
    return len(counts) > 1 or sum(map(sum, counts)) > 0


def what_is_there_in(counts, book: TallyBook) -> str:
    """ "3 sweets in 1 tube" for a table of counts, in the lab's own words."""
    total, samples = int(sum(map(sum, counts))), len(counts)
    # Translators: {things} is a number and the lab's word ("3 sweets"), {samples} the same ("1 tube").
    return _("{things} in {samples}").format(things=f"{total:,} {plural(book.thing_label, total)}",
                                             samples=f"{samples:,} {plural(book.sample_label, samples)}")
