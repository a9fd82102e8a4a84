"""One row of the tally entry as an anywidget, so every button and box has a proper accessible name.

ipywidgets' icon buttons have no accessible name in Chromium (the icon glyph hides the tooltip),
and pupils on a whiteboard need big targets: this small custom view gives both.
"""
from __future__ import annotations

from pathlib import Path

import anywidget
from traitlets import Bool, Int, List, Unicode

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
