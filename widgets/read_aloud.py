"""'Read this to me': a section's instructions read aloud by the browser's own voice, for pupils who read slowly.

The browser's speechSynthesis speaks on the pupil's own device: no words leave the machine. The button is
hidden where a browser has no voice to speak with.
"""
from __future__ import annotations

import re
from pathlib import Path

import anywidget
from traitlets import Unicode, default

from classlab.language import N_, _

_STATIC = Path(__file__).parent / "static"

#: Pupils' words for the button, marked for the catalogues and said with _() when a button is made.
READ = N_("Read this to me")
STOP = N_("Stop reading")


def plain_words(text: str) -> str:
    """An author's intro as it is read aloud: **bold** marks and extra spaces gone."""
    return " ".join(re.sub(r"\*\*(.+?)\*\*", r"\1", text).split())


class ReadAloud(anywidget.AnyWidget):
    """A 44 px button that reads `text` aloud (and becomes Stop while it speaks), described by its section's heading.

    Put it inside a `.classlab-section`: the heading it is described by is that section's `h2`."""

    _esm = _STATIC / "read_aloud.js"
    _css = _STATIC / "read_aloud.css"
    text = Unicode(help="What is read aloud: the section's heading and instructions, in plain words.").tag(sync=True)
    read_words = Unicode(help="The button's words.").tag(sync=True)
    stop_words = Unicode(help="The button's words while it speaks.").tag(sync=True)
    # The language of `text`, not of the button: a lab's own words are English (UK) until labs are translated,
    # so a Welsh page still reads them in an English voice. Whoever gives the text says its language.
    lang = Unicode("en-GB", help="The language the words are in, so the browser picks a voice for it.").tag(sync=True)

    # The button's words are said when it is made (never at import), so each page's button speaks its language.
    @default("read_words")
    def _read_words(self):
        return _(READ)

    @default("stop_words")
    def _stop_words(self):
        return _(STOP)
