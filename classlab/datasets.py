"""Datasets shipped with ClassLab: a CSV in tidy form plus a JSON metadata entry beside it.

The metadata says what the data is, and honestly whether it was counted or generated (and if
generated, by which script, seed and published facts), so a teacher can tell the class. Its rules
live only here: `load` applies them, and `classlab check` calls `load` to check a lab's datasets.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import settings
from .categories import Categories
from .language import _
from .lab_format.messages import did_you_mean, shown_path
from .tally import TallyBook

REQUIRED_META = ("title", "description", "provenance", "columns")
#: What every dataset's metadata must say, beyond REQUIRED_META: under what licence it may be used.
LICENCE = "licence"
#: A dataset a computer made must also say how (the script and seed, the facts it follows).
GENERATED_NEEDS = ("how",)
PROVENANCES = ("counted", "generated")
_EXAMPLE = "datasets/smarties_29_tubes.json"


class DatasetError(ValueError):
    """A dataset that can't be used: what is wrong with its files, and how to put it right.

    `columns` is what its metadata says the columns are, when the metadata was fine and the CSV was not,
    so a lab check can say first that the dataset doesn't fit the lab at all.
    """

    def __init__(self, what: str, fix: str = "", columns: list[str] | None = None):
        self.what, self.fix, self.columns = what, fix, columns
        super().__init__(f"{what} {fix}".strip())


class DatasetMissing(DatasetError, FileNotFoundError):
    """No dataset of that name (its CSV or its metadata is not there)."""


@dataclass
class Dataset:
    name: str
    meta: dict
    frame: pd.DataFrame

    @property
    def provenance(self) -> str:
        return self.meta["provenance"]


def available(folder=None) -> list[str]:
    folder = Path(folder or settings.datasets_folder())
    return sorted(p.stem for p in folder.glob("*.json") if (folder / f"{p.stem}.csv").is_file())


def _read_csv(path: Path) -> pd.DataFrame:
    """Every cell as written, then whole-number columns as numbers: a bad cell stays as it was, so its message names it."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in frame.columns:
        if frame[column].str.fullmatch(r"-?\d+").all():
            frame[column] = frame[column].astype(int)
    return frame


def load(name: str, folder=None) -> Dataset:
    """Read a dataset and its metadata, checked first: a DatasetError says what is wrong and how to fix it."""
    folder = Path(folder or settings.datasets_folder())
    csv_path, meta_path = folder / f"{name}.csv", folder / f"{name}.json"
    missing = [p.name for p in (csv_path, meta_path) if not p.is_file()]
    if missing:
        others = available(folder)
        # Translators: {files} is one file name or two joined by " and " (smarties.csv and smarties.json).
        raise DatasetMissing(_("The dataset '{name}' is not in {folder}/ ({files} missing).").format(
                                 name=name, folder=shown_path(folder), files=_(" and ").join(missing)),
                             _("Add {name}.csv and {name}.json there, or use one that is: {names}.").format(
                                 name=name, names=", ".join(others) or _("there are none yet"))
                             + did_you_mean(name, others))
    where = shown_path(meta_path)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise DatasetError(_("The dataset '{name}': {file}:{line} is not valid JSON.").format(
                               name=name, file=where, line=getattr(e, "lineno", 1)),
                           _("Check its commas, quotes and brackets against {example}.").format(example=_EXAMPLE)) from None
    if not isinstance(meta, dict):
        # Translators: {{...}} is written as it is, {...}: a JSON object's braces.
        raise DatasetError(_("The dataset '{name}': {file} should hold one {{...}} object.").format(name=name, file=where),
                           _("Copy {example} and edit it.").format(example=_EXAMPLE))
    gaps = [k for k in (*REQUIRED_META, LICENCE) if not meta.get(k)]
    if meta.get("provenance") == "generated":
        gaps += [k for k in GENERATED_NEEDS if not meta.get(k)]
    if gaps:
        # Translators: {keys} are the metadata's keys as written in the file (title, licence): keep them in English.
        raise DatasetError(_("The dataset '{name}': {file} is missing {keys}.").format(
                               name=name, file=where, keys=", ".join(gaps)),
                           _("Add them: a dataset must say what it is, where it came from and whether it was "
                             "counted or generated (and how). See {example}.").format(example=_EXAMPLE))
    if meta["provenance"] not in PROVENANCES:
        raise DatasetError(_("The dataset '{name}': provenance is {value} in {file}.").format(
                               name=name, value=repr(meta["provenance"]), file=where),
                           # Translators: "counted" and "generated" are written in the file as they are: keep them.
                           _('Write "counted" (real people counted it) or "generated" (a computer made it).'))
    try:
        frame = _read_csv(csv_path)
    except Exception as e:  # pandas says what it can't read; pass it on with the file's name
        raise DatasetError(_("The dataset '{name}': {file} can't be read ({problem}).").format(
                               name=name, file=shown_path(csv_path), problem=e),
                           _("Open it in a spreadsheet and save it again as CSV (UTF-8)."), list(meta["columns"])) from None
    if list(frame.columns) != list(meta["columns"]):
        raise DatasetError(_("The dataset '{name}': the first line of {file} is {columns}.").format(
                               name=name, file=shown_path(csv_path), columns=",".join(map(str, frame.columns))),
                           _("Make it {columns}, as its metadata says.").format(columns=",".join(map(str, meta["columns"]))),
                           list(meta["columns"]))
    return Dataset(name, meta, frame)


def load_into(book: TallyBook, name: str) -> Dataset:
    """Fill a tally book with a shipped dataset (checked first: all or nothing)."""
    data = load(name)
    book.load_frame(data.frame)
    return data


def tally_from(name: str, categories: Categories, **kwargs) -> TallyBook:
    """A new book holding a shipped dataset, speaking the dataset's words (its column names) unless told others."""
    data = load(name)
    sample, category = data.frame.columns[:2]
    book = TallyBook(categories, **{"sample_label": sample, "category_label": category, **kwargs})
    book.load_frame(data.frame)
    return book
