"""Give the browser a file made in the kernel (exports), without serving any folder."""
from __future__ import annotations

from pathlib import Path

import anywidget


class Downloader(anywidget.AnyWidget):
    """Invisible: `send_file(name, data)` makes the browser download `data` as `name`."""

    _esm = Path(__file__).parent / "static" / "download.js"

    def send_file(self, filename: str, data: bytes, mime: str = "application/octet-stream") -> None:
        self.send({"kind": "download", "filename": filename, "mime": mime}, buffers=[data])
