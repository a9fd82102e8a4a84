"""Datasets shipped with ClassLab: a CSV in tidy form plus a JSON metadata entry beside it.

The metadata says what the data is, and honestly whether it was counted or generated (and if
generated, by which script, seed and published facts), so a teacher can tell the class.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .categories import Categories
from .tally import TallyBook

DATASETS_DIR = Path(os.environ.get("CLASSLAB_DATASETS", Path(__file__).resolve().parent.parent / "datasets"))
REQUIRED_META = ("title", "description", "provenance", "columns")


@dataclass
class Dataset:
    name: str
    meta: dict
    frame: pd.DataFrame

    @property
    def provenance(self) -> str:
        return self.meta["provenance"]


def available() -> list[str]:
    return sorted(p.stem for p in DATASETS_DIR.glob("*.json") if (DATASETS_DIR / f"{p.stem}.csv").exists())


def load(name: str) -> Dataset:
    """Read a dataset and its metadata; a missing or incomplete metadata entry is an error."""
    meta_path, csv_path = DATASETS_DIR / f"{name}.json", DATASETS_DIR / f"{name}.csv"
    if not csv_path.exists() or not meta_path.exists():
        raise FileNotFoundError(f"No dataset called {name!r} in {DATASETS_DIR.name}/.")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise ValueError(f"{meta_path.name} is not valid JSON ({e.msg}, line {e.lineno}).") from None
    if not isinstance(meta, dict):
        raise ValueError(f"{meta_path.name} should hold one JSON object {{...}} with {', '.join(REQUIRED_META)}.")
    missing = [k for k in REQUIRED_META if k not in meta]
    if missing:
        raise ValueError(f"{meta_path.name} is missing {', '.join(missing)}.")
    if meta["provenance"] not in ("counted", "generated"):
        raise ValueError(f"{meta_path.name}: provenance must be 'counted' or 'generated'.")
    frame = pd.read_csv(csv_path)
    if list(frame.columns) != list(meta["columns"]):
        raise ValueError(f"{csv_path.name} has columns {list(frame.columns)}, its metadata says {meta['columns']}.")
    return Dataset(name, meta, frame)


def load_into(book: TallyBook, name: str) -> Dataset:
    """Fill a tally book with a shipped dataset (checked first: all or nothing)."""
    data = load(name)
    book.load_frame(data.frame)
    return data


def tally_from(name: str, categories: Categories, **kwargs) -> TallyBook:
    book = TallyBook(categories, **kwargs)
    load_into(book, name)
    return book
