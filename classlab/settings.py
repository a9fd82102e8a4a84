"""ClassLab's settings in one place: what a school can set in the environment, with what each is for,
and the fixed choices more than one part of ClassLab must agree on.

Everyone reads them here. Each is read when asked for (not at import), so `classlab serve` and the
tests can set one for the kernels they start.
"""
from __future__ import annotations

import os
from pathlib import Path

# --- the simulation a prediction is tested with (the pupils' page and the class board agree) ---------
#: A prediction is tested by buying 1 to MAX_SAMPLES_TRIED samples, TRIALS times over.
MAX_SAMPLES_TRIED = 30
TRIALS = 10_000

# --- the environment ---------------------------------------------------------------------------------
DATABASE_URL = "CLASSLAB_DATABASE_URL"
DATA = "CLASSLAB_DATA"
TEACHER_KEY = "CLASSLAB_TEACHER_KEY"
PUPILS_URL = "CLASSLAB_PUPILS_URL"
DATASETS = "CLASSLAB_DATASETS"
QUERY_STRING = "QUERY_STRING"
LANGUAGE = "CLASSLAB_LANGUAGE"

#: Every setting in the environment, with what it is for.
HELP = {
    DATABASE_URL: "Where the class store lives: a SQLAlchemy address (postgresql://… for a school server, "
                  "sqlite:///… for one machine). Not set: a SQLite file in CLASSLAB_DATA.",
    DATA: "The folder for the class store's SQLite file when CLASSLAB_DATABASE_URL is not set "
          "(default ~/.local/share/classlab; made readable by its owner only).",
    TEACHER_KEY: "The key in the teacher's address for the class board (`classlab serve` makes one up when "
                 "it is not set).",
    PUPILS_URL: "The address pupils type, shown big with its QR code on the class board (`classlab serve --lan` "
                "sets it for the teacher's pages). Not set: none shown.",
    DATASETS: "The folder of the labs' ready-made data sets (default: datasets/ beside the code).",
    QUERY_STRING: "Set by Voila for each page's kernel: `?class=…&group=…` rejoins a group after a refresh.",
    LANGUAGE: "The language of the pages: en_GB (English, UK; the default) or cy (Welsh, to be checked by a fluent "
              "speaker before classroom use). One page can ask for its own with `?lang=cy` in its address.",
}


def _get(name: str) -> str:
    return os.environ.get(name, "").strip()


def database_url() -> str:
    """CLASSLAB_DATABASE_URL, or "" for the SQLite file in `data_folder()`."""
    return _get(DATABASE_URL)


def data_folder() -> Path:
    """CLASSLAB_DATA, or ~/.local/share/classlab."""
    return Path(_get(DATA) or Path.home() / ".local" / "share" / "classlab")


def teacher_key() -> str:
    """CLASSLAB_TEACHER_KEY, or "" (then `classlab serve` makes one up)."""
    return _get(TEACHER_KEY)


def pupils_url() -> str:
    """CLASSLAB_PUPILS_URL, or "" (no address on the board)."""
    return _get(PUPILS_URL)


def datasets_folder() -> Path:
    """CLASSLAB_DATASETS, or the datasets/ folder beside the code."""
    return Path(os.environ.get(DATASETS) or Path(__file__).resolve().parent.parent / "datasets")


def query_string() -> str:
    """The page's own address query (Voila sets QUERY_STRING for each page's kernel)."""
    return os.environ.get(QUERY_STRING, "")


def language() -> str:
    """CLASSLAB_LANGUAGE, or "" (English, UK); classlab.language checks it and lets `?lang=` win."""
    return _get(LANGUAGE)
