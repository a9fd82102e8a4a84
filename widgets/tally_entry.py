"""Tally entry: count one tube at a time, by clicking, by keyboard or by typing a number."""
from __future__ import annotations

import ipywidgets as w

from classlab import CountError, TallyBook, tally_gates

from classlab.categories import plural
from classlab.language import _, capitalised, lab_word

from ._accessible import message_area, say
from ._common import esc
from .tally_row import TallyRow


class TallyEntry(w.VBox):
    """A view over a `TallyBook`: one row per category, tube navigation and the tube's total."""

    def __init__(self, book: TallyBook, **kwargs):
        self.book = book
        noun = lab_word(book.sample_label)  # in the page's language (tiwb)
        self.rows = {
            c.name: TallyRow(name=c.name, label=c.shown, colour=c.colour) for c in book.categories
        }
        for name, row in self.rows.items():
            row.on_msg(lambda _w, content, _b, name=name: self.request(name, content))
        wide = lambda: w.Layout(width="auto")  # noqa: E731 - "Next set of throws" must not be cut short
        # Translators: {sample} is what the lab counts in, in the lab's words (tube, bag, set of throws).
        # A button starts with a capital even where the lab's word comes first ("Tube newydd").
        self.previous = w.Button(description=capitalised(_("◀ Previous {sample}").format(sample=noun)), layout=wide())
        self.next = w.Button(description=capitalised(_("Next {sample} ▶").format(sample=noun)), layout=wide())
        self.new = w.Button(description=capitalised(_("New {sample}").format(sample=noun)), button_style="primary",
                            layout=wide())
        self.where = w.HTML()
        self.total = w.HTML()
        self.practice = w.HTML()  # made-up practice data says so, right where the counting is
        self.message = message_area()
        self.previous.on_click(lambda _: self._go(book.previous_sample))
        self.next.on_click(lambda _: self._go(book.next_sample))
        self.new.on_click(lambda _: self._go(book.new_sample))
        nav = w.HBox([self.previous, self.where, self.next, self.new])
        nav.add_class("classlab-sample-nav")
        super().__init__([self.practice, nav, *self.rows.values(), self.total, self.message], **kwargs)
        self.add_class("classlab-tally")
        book.observe(lambda _: self.refresh(), names=["version", "current", "practice", "closed"])
        self.refresh()

    def request(self, category: str, content: dict) -> None:
        """What a row asked for (add, take or set); the engine decides, the row shows the result."""
        row = self.rows[category]
        op = content.get("op") if isinstance(content, dict) else None
        try:
            if op == "add":
                self.book.add(category)
            elif op == "take":
                self.book.take(category)
            elif op == "set":
                self.book.set(category, content.get("value", ""))
            else:
                raise CountError(_("Sorry, that didn't work. Please try again."))
            row.message = ""
        except CountError as problem:
            row.message = str(problem)
        row.revision += 1

    def _go(self, move) -> None:
        try:
            move()
        except CountError as problem:  # a new tube once the class has ended
            say(self.message, str(problem))
            return
        for row in self.rows.values():
            row.message = ""
        say(self.message, "")

    def refresh(self) -> None:
        counts = self.book.counts()
        for name, row in self.rows.items():
            with row.hold_sync():  # the count, its marks and what they say arrive together
                row.count = counts[name]
                row.gates = tally_gates(counts[name])
        noun = esc(lab_word(self.book.sample_label))
        n, i = self.book.n_samples, self.book.current
        where = _("<b>{sample} {number}</b> of {count}").format(sample=noun.capitalize(), number=i + 1, count=n)
        self.where.value = f'<span class="classlab-where">{where}</span>'
        total = _("Total in this {sample}: <b>{total}</b>").format(sample=noun, total=self.book.total())
        self.total.value = f'<span class="classlab-total">{total}</span>'
        self.previous.disabled = i == 0
        self.next.disabled = i == n - 1
        self.new.disabled = bool(self.book.closed)
        for row in self.rows.values():
            row.disabled = bool(self.book.closed)
        if self.book.practice:
            button = _("Start with our own empty {samples}").format(samples=plural(self.book.sample_label))
            words = _("<b>Practice data</b>: made up by a computer, so it stays out of the class's data. "
                      "To count your own, press “{button}”.").format(button=esc(button))
            self.practice.value = f'<p class="classlab-flag classlab-practice" role="status">{words}</p>'
        else:
            self.practice.value = ""
