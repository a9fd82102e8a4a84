"""One row of the tally entry as an anywidget, so every button and box has a proper accessible name.

ipywidgets' icon buttons have no accessible name in Chromium (the icon glyph hides the tooltip),
and pupils on a whiteboard need big targets: this small custom view gives both. Its words come from
the catalogues (classlab.language) as traits, so the JavaScript holds none of its own.
"""
from __future__ import annotations

from pathlib import Path

import anywidget
from traitlets import Bool, Int, List, Unicode, observe

from classlab.language import _, html_lang, ngettext

_STATIC = Path(__file__).parent / "static"


class TallyRow(anywidget.AnyWidget):
    _esm = _STATIC / "tally_row.js"
    _css = _STATIC / "tally_row.css"

    name = Unicode(help="The category, as pupils say it.").tag(sync=True)
    label = Unicode(help="The name shown on the row.").tag(sync=True)
    colour = Unicode("#7f7f7f", help="The swatch colour (#rrggbb, checked by the engine).").tag(sync=True)
    count = Int(0, help="The count shown, always the engine's.").tag(sync=True)
    gates = List(Int(), help="Tally marks in gates of five, from the engine.").tag(sync=True)
    message = Unicode("", help="A kind message about the last entry, or nothing.").tag(sync=True)
    revision = Int(0, help="Bumped after every request, so the box shows the engine's count again.").tag(sync=True)
    disabled = Bool(False, help="No more changes (the class has ended): the buttons and box are greyed out.").tag(sync=True)
    # The row's words, in the page's language: what a screen reader says for each part.
    lang = Unicode("en-GB", help="The language of the row's words, as HTML writes it (en-GB, cy).").tag(sync=True)
    add_label = Unicode(help="The name of the add-one button.").tag(sync=True)
    take_label = Unicode(help="The name of the take-one button.").tag(sync=True)
    count_label = Unicode(help="The name of the count box.").tag(sync=True)
    marks_label = Unicode(help="What the tally marks say, for the count shown.").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._name_parts()

    @observe("name", "label")
    def _name_parts(self, _change=None) -> None:
        name = self.label or self.name  # what pupils read (coch); `name` is the key the engine counts by
        self.lang = html_lang()
        # Translators: {name} is one thing being counted, as the lab names it (red, 6, robin). These name the
        # buttons, the box and the marks for a screen reader; the row shows only "+", "−" and the marks.
        self.add_label = _("Add one {name}").format(name=name)
        self.take_label = _("Take one {name} away").format(name=name)
        self.count_label = _("Number of {name}").format(name=name)
        self._say_marks()

    @observe("count")
    def _say_marks(self, _change=None) -> None:
        # Translators: {n} is a number, written in digits.
        self.marks_label = ngettext("{n} tally mark for {name}", "{n} tally marks for {name}", self.count).format(
            n=self.count, name=self.label or self.name)
