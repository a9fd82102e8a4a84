"""A self-contained page written to a folder and printed to an A4 PDF by this machine's own Chromium.

Printing is from a file with Chromium's headless print, so no request leaves the computer; a few
prints at a time share this computer (PRINT_SLOTS), and a page that cannot be printed is kept.
"""
from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .language import _


class PrintError(RuntimeError):
    """Why a page could not be printed, and what to do instead, in words for a teacher or pupil."""


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


#: Books printing at once on this computer: each print is a Chromium (about 150 MB for a second or two), and a
#: class pressing "Make our book" together must not start thirty of them beside thirty kernels.
PRINT_SLOTS = 2


@contextmanager
def print_slot(wait: float = 120, folder=None):
    """One of PRINT_SLOTS places to print, shared by every kernel on this computer (a lock file each)."""
    folder = Path(folder or tempfile.gettempdir())
    files = [open(folder / f"classlab-print-{os.getuid()}-{i}.lock", "a") for i in range(PRINT_SLOTS)]
    try:
        deadline = time.monotonic() + wait
        while True:
            for f in files:
                try:
                    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue
                try:
                    yield
                finally:
                    fcntl.flock(f, fcntl.LOCK_UN)
                return
            if time.monotonic() >= deadline:
                raise PrintError(_("This computer is busy printing other books. Please try again in a minute."))
            threading.Event().wait(0.2)
    finally:
        for f in files:
            f.close()


def print_pdf(html_path, pdf_path, chromium: str | None = None, timeout: float = 120, wait: float = 120) -> Path:
    """Print an HTML file to an A4 PDF with Chromium's own headless print (a file: page; nothing fetched).

    Waits up to `wait` seconds for a print slot (PRINT_SLOTS prints at once on this computer)."""
    chromium = chromium or find_chromium()
    if not chromium:
        # Translators: {command} is the command that installs Chromium; keep it as it is.
        raise PrintError(_("To make the PDF, this computer needs Chromium ({command}). "
                           "The web page is ready: open it in a browser and print it.").format(
                               command="sudo apt-get install chromium"))
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    partial = pdf_path.with_name(pdf_path.name + ".part")
    with print_slot(wait), tempfile.TemporaryDirectory(prefix="classlab-print-") as profile:
        args = [chromium, "--headless", "--disable-gpu", "--no-first-run", "--disable-sync", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-quic",
                # Chromium still looks up Google's update and sign-in servers while it prints; a file: page needs
                # no name looked up, so every look-up fails here, on this computer, and nothing is asked of the network.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--disable-default-apps", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                f"--user-data-dir={profile}", f"--print-to-pdf={partial}", html_path.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to start its sandbox as root
        try:
            done = subprocess.run(args, capture_output=True, timeout=timeout, env={**os.environ, "HOME": profile})
        except subprocess.TimeoutExpired:
            partial.unlink(missing_ok=True)
            raise PrintError(_("Printing the book took too long. Please try again in a moment.")) from None
    if done.returncode != 0 or not partial.exists() or partial.read_bytes()[:5] != b"%PDF-":
        partial.unlink(missing_ok=True)
        raise PrintError(_("Chromium could not print the book. The web page is ready: open it in a browser and print it."))
    os.replace(partial, pdf_path)
    return pdf_path


def slug(text: str) -> str:
    """A file name part from a group's name: letters and digits only (a name is pupils' text)."""
    s = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return s[:40] or "group"


@dataclass
class BookFiles:
    html: Path
    pdf: Path | None
    problem: str = ""  # why there is no PDF, when there isn't one


def write_book(html_text: str, folder, stem: str, pdf: bool = True) -> BookFiles:
    """Write the page, then print it; a PDF that can't be made leaves the page and says why."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    html_path = folder / f"{stem}.html"
    html_path.write_text(html_text, encoding="utf-8")
    if not pdf:
        return BookFiles(html_path, None)
    try:
        return BookFiles(html_path, print_pdf(html_path, folder / f"{stem}.pdf"))
    except PrintError as problem:
        return BookFiles(html_path, None, str(problem))
