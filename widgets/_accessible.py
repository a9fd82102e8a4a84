"""The accessible parts every view shares: one live region per widget, a named radio group, a spotlight that
keeps focus, and a chart named for a screen reader. Each is a small anywidget whose JavaScript is in static/."""
from __future__ import annotations

from pathlib import Path

import anywidget
import ipywidgets as w
from traitlets import Any, Bool, List, TraitError, Unicode, validate

from ._common import esc


class LiveRegion(anywidget.AnyWidget):
    """A widget's one live region: it stays on the page and its words change, so each change is announced.

    `value` is HTML, as with `ipywidgets.HTML` (escape pupils' words with `esc`); a box inside that calls itself
    a status is folded into this one region.
    """

    _esm = Path(__file__).parent / "static" / "live_region.js"
    value = Unicode("", help="What the region says now (HTML).").tag(sync=True)


def message_area() -> LiveRegion:
    """A place for kind messages, announced to screen readers (one live region whose words change)."""
    area = LiveRegion()
    area.add_class("classlab-say")
    return area


def say(area: w.HTML, text: str) -> None:
    area.value = f'<div role="status" aria-live="polite">{esc(text)}</div>' if text else ""


class DialogKeeper(anywidget.AnyWidget):
    """Keeps keyboard focus with a box that covers the page while `showing` (a spotlight, say).

    Focus moves into the box, the rest of the page is inert, Escape asks Python to close it (`on_close`), and focus
    returns to the button that opened it. It shows nothing itself: put it anywhere inside `scope`.
    """

    _esm = Path(__file__).parent / "static" / "dialog_keeper.js"
    showing = Bool(False, help="The box is showing: focus is kept inside it.").tag(sync=True)
    selector = Unicode(help="CSS selector of the box, looked up inside `scope`.").tag(sync=True)
    scope = Unicode(".classlab-board", help="CSS selector of the part of the page the box belongs to.").tag(sync=True)
    label = Unicode("Spotlight", help="What a screen reader calls the box.").tag(sync=True)

    def on_close(self, callback) -> None:
        """`callback()` when a pupil or teacher presses Escape in the box."""
        self.on_msg(lambda _w, content, _b: callback() if isinstance(content, dict) and content.get("op") == "close" else None)


class ChartName(anywidget.AnyWidget):
    """Names a chart for a screen reader: one image ("Bar chart: Our tubes"), described by its "in words" text.

    bqplot draws an SVG whose axis numbers a screen reader would read one by one; this makes the chart one image
    with `name`, and points it at the text that says it in words. It shows nothing itself: put it inside `scope`.
    """

    _esm = Path(__file__).parent / "static" / "chart_name.js"
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
