"""Where the counting starts: our own empty tubes, or a dataset the class can share."""
from __future__ import annotations

import ipywidgets as w

from classlab import CountError, TallyBook
from classlab.categories import plural
from classlab.datasets import load_into

from ._common import esc, message_area, say


class DataStart(w.VBox):
    """Two big buttons: start with empty tubes, or load a shipped dataset (and say honestly what it is)."""

    def __init__(self, book: TallyBook, dataset: str, **kwargs):
        self.book, self.dataset = book, dataset
        noun = book.sample_label
        self.empty = w.Button(description=f"Start with our own empty {plural(noun)}", layout=w.Layout(width="auto"))
        self.load = w.Button(description=f"Load the class's data", button_style="primary", layout=w.Layout(width="auto"))
        self.about = w.HTML()
        self.message = message_area()
        self.empty.on_click(lambda _: self.start_empty())
        self.load.on_click(lambda _: self.load_dataset())
        super().__init__([w.HBox([self.empty, self.load]), self.about, self.message], **kwargs)
        self.add_class("classlab-start")

    def start_empty(self) -> None:
        self.book.clear()
        self.about.value = f"<p>A fresh, empty {esc(self.book.sample_label)}. Happy counting!</p>"

    def load_dataset(self) -> None:
        try:
            data = load_into(self.book, self.dataset)
        except (CountError, ValueError, FileNotFoundError) as problem:
            say(self.message, f"Sorry, the class's data could not be loaded: {problem}")
            return
        say(self.message, "")
        honest = "made up by a computer" if data.provenance == "generated" else "counted by real people"
        self.about.value = (
            f"<p><b>{esc(data.meta['title'])}</b>: {esc(data.meta['description'])} "
            f"These numbers were {honest}. <small>{esc(data.meta.get('how', ''))}</small></p>"
        )
