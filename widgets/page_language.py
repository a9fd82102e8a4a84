"""The page's language on `<html lang>`, said by the kernel that speaks it (see static/page_language.js)."""
from __future__ import annotations

from pathlib import Path

import anywidget
from traitlets import Unicode

from classlab.language import html_lang


class PageLanguage(anywidget.AnyWidget):
    """Sets `<html lang>` to the language this page's kernel speaks ("en-GB", "cy"), so a screen reader reads it
    in the right voice. Voila draws a pooled page before anyone asks for it, so only the kernel knows the language
    its address chose (`?lang=cy`). It shows nothing itself: put it anywhere on the page."""

    _esm = Path(__file__).parent / "static" / "page_language.js"
    lang = Unicode(help="The page's language as HTML writes it.").tag(sync=True)

    def __init__(self, code: str | None = None, **kwargs):
        super().__init__(lang=html_lang(code), **kwargs)
