"""The accessible parts every view shares: one live region per widget, a named radio group, a spotlight that
keeps focus, and a chart named for a screen reader. Each is a small anywidget whose JavaScript is in static/."""
from __future__ import annotations

from pathlib import Path

import anywidget
import ipywidgets as w
from traitlets import Any, Bool, List, TraitError, Unicode, default, validate

from classlab.language import _

from ._common import esc


class LiveRegion(anywidget.AnyWidget):
    """A widget's one live region: it stays on the page and its words change, so each change is announced.

    `value` is HTML, as with `ipywidgets.HTML` (escape pupils' words with `esc`); a box inside that calls itself
    a status is folded into this one region.
    """

    _esm = Path(__file__).parent / "static" / "live_region.js"
    value = Unicode("", help="What the region says now (HTML).").tag(sync=True)
    wrong = List(Unicode(), help="Classes of the text boxes whose mistake the region says now: each is aria-invalid "
                                 "and described by the region until the words change.").tag(sync=True)

    def part(self, css: str = "") -> "Part":
        """Another piece of this region (a status line beside the messages): still one live region on the page."""
        if not hasattr(self, "_parts"):
            self._parts = []
        piece = Part(self, css)
        self._parts.append(piece)
        return piece

    def _compose(self) -> None:
        self.value = "".join(f'<div class="{p.css}">{p.value}</div>' if p.css else p.value
                             for p in self._parts if p.value)
        self.wrong = [name for p in self._parts if p.value for name in p.wrong]


class Part:
    """One piece of a LiveRegion: `value` (HTML) and `wrong` as on the region, shown in the region in order."""

    def __init__(self, region: LiveRegion, css: str = ""):
        self.region, self.css, self._value, self.wrong = region, css, "", []

    @property
    def value(self) -> str:
        return self._value

    @value.setter
    def value(self, html: str) -> None:
        self._value = html
        self.region._compose()

    def focus(self) -> None:
        """Focus lands on the region the words are in."""
        self.region.focus()


def message_area() -> LiveRegion:
    """A place for kind messages, announced to screen readers (one live region whose words change)."""
    area = LiveRegion()
    area.add_class("classlab-say")
    return area


def field_name(box: w.Widget) -> str:
    """A class that names one text box on the page, so a live region can point at it."""
    name = f"classlab-field-{box.model_id}"
    if name not in box._dom_classes:
        box.add_class(name)
    return name


def say(area: LiveRegion | Part, text: str, wrong: w.Widget | None = None, news: bool = False) -> None:
    """Say `text` in a widget's live region. With `wrong` (the text box the mistake is in), that box is
    aria-invalid and described by the message until the next words (a fix clears it, saying "" or good news).

    Messages are in dark red, as something to put right; `news` (saved, shared, ready) is said in a green box
    instead, so a pupil never takes "Shared!" for a mistake."""
    wrong_names = [field_name(wrong)] if text and wrong is not None else []
    if isinstance(area, Part):
        area.wrong = wrong_names
    kind = ' class="classlab-good"' if news else ""
    area.value = f'<div role="status" aria-live="polite"{kind}>{esc(text)}</div>' if text else ""
    if isinstance(area, LiveRegion):
        area.wrong = wrong_names


class DialogKeeper(anywidget.AnyWidget):
    """Keeps keyboard focus with a box that covers the page while `showing` (a spotlight, say).

    Focus moves into the box, the rest of the page is inert, Escape asks Python to close it (`on_close`), and focus
    returns to the button that opened it. It shows nothing itself: put it anywhere inside `scope`.
    """

    _esm = Path(__file__).parent / "static" / "dialog_keeper.js"
    showing = Bool(False, help="The box is showing: focus is kept inside it.").tag(sync=True)
    selector = Unicode(help="CSS selector of the box, looked up inside `scope`.").tag(sync=True)
    scope = Unicode(".classlab-board", help="CSS selector of the part of the page the box belongs to.").tag(sync=True)
    label = Unicode(help="What a screen reader calls the box (\"Spotlight\" unless given).").tag(sync=True)

    @default("label")
    def _spotlight(self) -> str:
        return _("Spotlight")  # said when the box is made, in the page's language

    def on_close(self, callback) -> None:
        """`callback()` when a pupil or teacher presses Escape in the box."""
        self.on_msg(lambda _w, content, _b: callback() if isinstance(content, dict) and content.get("op") == "close" else None)


class ChartName(anywidget.AnyWidget):
    """Names a chart for a screen reader: one image ("Bar chart: Our tubes"), described by its "in words" text.

    bqplot draws an SVG whose axis numbers a screen reader would read one by one; this makes the chart one image
    with `name`, and points it at the text that says it in words. It shows nothing itself: put it inside `scope`.
    """

    _esm = Path(__file__).parent / "static" / "chart_name.js"
    _css = Path(__file__).parent / "static" / "chart_name.css"
    name = Unicode(help="What the chart shows, said in words.").tag(sync=True)
    scope = Unicode(".classlab-chart-builder", help="CSS selector of the part of the page holding the chart.").tag(sync=True)
    chart = Unicode(".classlab-chart", help="CSS selector of the chart, inside `scope`.").tag(sync=True)
    words = Unicode(".classlab-words", help="CSS selector of the chart's text in words, inside `scope`.").tag(sync=True)


class RadioGroup(anywidget.AnyWidget):
    """Pick exactly one (Show, Chart, Decimal places, the sampler's goal): a named radio group with arrow keys.

    ipywidgets' ToggleButtons are plain buttons to a screen reader, with no group and no "selected". This keeps
    their Python side (`options` as (label, value) pairs, `value`, `description`), so it links like one.
    """

    _esm = Path(__file__).parent / "static" / "radio_group.js"
    _css = Path(__file__).parent / "static" / "radio_group.css"
    options = List(help="The choices, as (label, value) pairs, in the order shown.").tag(sync=True)
    value = Any(None, help="The value of the choice picked; always one of the options' values.").tag(sync=True)
    description = Unicode("", help="The group's name, shown before its choices.").tag(sync=True)
    disabled = Bool(False, help="No choosing for now.").tag(sync=True)

    def __init__(self, options=(), value=None, **kwargs):
        options = [[label, v] for label, v in options]
        super().__init__(options=options, value=options[0][1] if value is None and options else value, **kwargs)

    @validate("value")
    def _one_of_the_options(self, proposal):
        """A value sent by the page is untrusted: it must be one of the choices."""
        values = [v for _, v in self.options]
        if values and proposal["value"] not in values:
            raise TraitError(f"{proposal['value']!r} is not one of the choices {values}")
        return proposal["value"]

    @property
    def label(self) -> str:
        """The words of the choice picked."""
        return next((label for label, v in self.options if v == self.value), "")
