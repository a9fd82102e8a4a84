"""Percentage explorer: frequency, fraction, percentage, and why the spreadsheet's total may not be 100."""
from __future__ import annotations

import ipywidgets as w

from classlab import TallyBook, adds_up, explain, share_table
from classlab.categories import plural
from classlab.language import _, lab_word, ngettext
from classlab.percentages import fmt, largest_remainder_units, spreadsheet_units

from ._accessible import LiveRegion, RadioGroup
from ._common import esc, scroll_box, swatch


class PercentageExplorer(w.VBox):
    """A view over a `TallyBook`'s counts for one tube or all of them together."""

    def __init__(self, book: TallyBook, **kwargs):
        self.book = book
        # Translators: which counts the table shows: all the samples together, or one of them.
        self.which = w.Dropdown(description=_("Which"), style={"description_width": "initial"})
        places = [(ngettext("{n} decimal place", "{n} decimal places", n).format(n=n), n) for n in (0, 1, 2)]
        self.places = RadioGroup(options=places, value=0, description=_("Decimal places"))
        self.table = w.HTML()
        self.note = LiveRegion()  # the note changes its words in one live region, so it is announced
        self.which.observe(lambda _: self.refresh(), names="value")
        self.places.observe(lambda _: self.refresh(), names="value")
        super().__init__([w.HBox([self.which, self.places]), self.table, self.note], **kwargs)
        self.add_class("classlab-percentages")
        book.observe(lambda _: self._book_changed(), names=["version"])
        self._book_changed()

    def _book_changed(self):
        noun = self.book.sample_label
        everything = _("All {samples} together").format(samples=plural(noun))
        options = [(everything, -1)] + [(f"{lab_word(noun).capitalize()} {i + 1}", i) for i in range(self.book.n_samples)]
        if list(self.which.options) != options:
            keep = self.which.value if self.which.value is not None and self.which.value < self.book.n_samples else -1
            self.which.options = options
            self.which.value = keep
        self.refresh()

    def counts(self) -> dict[str, int]:
        i = self.which.value
        return self.book.pooled() if i is None or i < 0 else self.book.counts(i)

    def refresh(self) -> None:
        counts, places = self.counts(), self.places.value
        table = share_table(counts, places)
        total = sum(counts.values())
        sheet_total = fmt(sum(spreadsheet_units(counts, places).values()), places)
        fair_total = fmt(sum(largest_remainder_units(counts, places).values()), places) if total else "0"
        ok = adds_up(counts, places)
        colours = dict(zip(self.book.categories.names, self.book.categories.colours))
        label = lab_word(self.book.category_label).capitalize()
        body = "".join(
            f"<tr><td>{swatch(colours[r.category])}{esc(lab_word(r.category))}</td><td>{r.frequency}</td>"
            f"<td>{esc(r.fraction)}</td><td>{esc(r.spreadsheet)} %</td><td>{esc(r.largest_remainder)} %</td></tr>"
            for r in table.itertuples()
        )
        named, frequency, fraction, percentage = _("Percentages"), _("Frequency"), _("Fraction"), _("Percentage")
        each, always, total_word = (_("(each rounded on its own, like a spreadsheet)"), _("(always adds up to 100)"),
                                    _("Total"))
        self.table.value = scroll_box(  # a phone scrolls the table sideways, never the page
            f'<table class="classlab-table" aria-label="{esc(named)}"><thead><tr><th scope="col">{esc(label)}</th>'
            f'<th scope="col">{frequency}</th><th scope="col">{fraction}</th>'
            f'<th scope="col">{percentage}<br><small>{each}</small></th>'
            f'<th scope="col">{percentage}<br><small>{always}</small></th></tr></thead>'
            f"<tbody>{body}</tbody><tfoot><tr><td>{total_word}</td><td>{total}</td><td>{total}/{total}</td>"
            f'<td class="{"" if ok else "off"}">{esc(sheet_total)} %</td><td>{esc(fair_total)} %</td></tr></tfoot></table>',
            _("Percentages table"))
        css = "classlab-good" if ok else "classlab-flag"
        head = "" if ok or not total else "<b>{}</b> ".format(_("These don't add up to 100!"))
        self.note.value = f'<div class="{css}">{head}{esc(explain(counts, places, plural(self.book.thing_label)))}</div>'
