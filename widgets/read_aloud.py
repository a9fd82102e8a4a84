"""'Read this to me': a section's instructions read aloud by the browser's own voice, for pupils who read slowly.

The browser's speechSynthesis speaks on the pupil's own device: no words leave the machine. The button is
hidden where a browser has no voice to speak with.
"""
from __future__ import annotations

import re
from pathlib import Path

import anywidget
from traitlets import Unicode

_STATIC = Path(__file__).parent / "static"

#: Pupils' words for the button, in one place (to move into the translation catalogues).
READ = "Read this to me"
STOP = "Stop reading"


def plain_words(text: str) -> str:
    """An author's intro as it is read aloud: **bold** marks and extra spaces gone."""
    return " ".join(re.sub(r"\*\*(.+?)\*\*", r"\1", text).split())


class ReadAloud(anywidget.AnyWidget):
    """A 44 px button that reads `text` aloud (and becomes Stop while it speaks), described by its section's heading.

    Put it inside a `.classlab-section`: the heading it is described by is that section's `h2`."""

    _esm = _STATIC / "read_aloud.js"
    _css = _STATIC / "read_aloud.css"
    text = Unicode(help="What is read aloud: the section's heading and instructions, in plain words.").tag(sync=True)
    read_words = Unicode(READ, help="The button's words.").tag(sync=True)
    stop_words = Unicode(STOP, help="The button's words while it speaks.").tag(sync=True)
    lang = Unicode("en-GB", help="The language the words are in, so the browser picks a voice for it.").tag(sync=True)
