"""Data in and out of a lab: a pupil's CSV or Excel file into a `TallyBook`, and the book back out.

A file from home or another program is untrusted: every cell is checked here first, and only when
the whole file is good is it loaded at once with `book.load_frame` (so a class store sees it as
ordinary changes). A bad file gets one short, specific message and changes nothing.

Two layouts are read, because pupils' spreadsheets look like both:
- long (tidy): one row per tube and colour, columns `tube`, `colour`, `count`;
- wide: one row per tube, one column per colour (a `tube` column is optional, a `Total` is ignored).
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import pandas as pd

from .categories import plural
from .tally import MAX_SAMPLES, CountError, TallyBook

#: A lab's counts fit in a few kilobytes; anything bigger is almost surely the wrong file.
MAX_BYTES = 5 * 1024 * 1024
#: The most rows a file may have under its column names (the same as the most tubes a book holds).
MAX_ROWS = MAX_SAMPLES
#: No lab counts more kinds of thing than this: stops a sheet of 16,384 columns eating the memory.
MAX_COLUMNS = 200
#: An .xlsx is a zip: refuse one that would unpack to more than this (a "zip bomb").
MAX_UNPACKED = 50 * 1024 * 1024

CSV_MIME = "text/csv"
EXCEL_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_COUNT_NAMES = ("count", "frequency")
_TOTAL_NAMES = ("total", "totals")
#: A spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_WHOLE = re.compile(r"^[+-]?\d+(?:\.0*)?$")
_DECIMAL = re.compile(r"^[+-]?(?:\d+[.,]\d*|[.,]\d+)$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# The first bytes of files pupils might pick by mistake, and what to call them.
_NOT_SPREADSHEETS = [
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG photo"),
    (b"GIF8", "a GIF picture"),
    (b"%PDF", "a PDF document"),
]


class ImportProblem(ValueError):
    """A file that can't be imported; the message is short, kind, and meant to be shown to pupils."""


@dataclass(frozen=True)
class Imported:
    """What an import did, in words a pupil can read."""

    tubes: int
    layout: str  # "long" or "wide"
    sample_label: str = "tube"

    @property
    def message(self) -> str:
        return f"Imported {self.tubes:,} {plural(self.sample_label, self.tubes)}."


# --- reading bytes into rows of cells ------------------------------------------------------
@dataclass
class _Sheet:
    """Rows of cells as a spreadsheet shows them: (row number, cells), blank rows left out."""

    rows: list[tuple[int, list]]


def _that(filename: str) -> str:
    """How a message names the file: by its own name, so a pupil knows which one we mean."""
    name = PurePath(str(filename or "")).name.strip()
    return f"“{_shown(name, 40)}”" if name else "that file"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _what_binary(data: bytes) -> str | None:
    """Say what a non-text file is (a picture, a PDF, a Word file), or None if it may be text."""
    for magic, name in _NOT_SPREADSHEETS:
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP picture"
    if data[4:8] == b"ftyp":
        return "a photo or video"
    if data[:2] == b"BM" and len(data) > 26 and int.from_bytes(data[2:6], "little") == len(data):
        return "a BMP picture"
    return None


def _sniff(data: bytes, that: str) -> str:
    """'excel' or 'csv', judged by what is inside (a renamed file is judged by its content)."""
    if not data.strip():
        raise ImportProblem(f"{_cap(that)} is empty: there's nothing in it to import.")
    if data[:4] == b"PK\x03\x04":
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            raise ImportProblem("That Excel file is damaged, so it can't be read. "
                                "Try saving it again from your spreadsheet.") from None
        if "xl/workbook.xml" in names:
            return "excel"
        if any(n.startswith("word/") for n in names):
            what = "a Word document"
        elif any(n.startswith("ppt/") for n in names):
            what = "a PowerPoint file"
        elif "mimetype" in names or "content.xml" in names:
            what = "an OpenDocument file (.ods)"
        elif any(n.startswith("Index/") for n in names):
            what = "an Apple Numbers file"
        else:
            what = "a zip of other files"
        raise ImportProblem(f"{_cap(that)} isn't a CSV or Excel file: it is {what}. "
                            "In your spreadsheet choose Save As → CSV or Excel Workbook (.xlsx), then import that.")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportProblem(f"{_cap(that)} is an old-style Excel file (.xls) or one with a password. "
                            "In your spreadsheet choose Save As → Excel Workbook (.xlsx) or CSV, then import that.")
    what = _what_binary(data)
    if what:
        raise ImportProblem(f"{_cap(that)} isn't a CSV or Excel file: it looks like {what}. "
                            "Please choose a .csv or .xlsx file.")
    return "csv"


def _decode(data: bytes, that: str = "that file") -> str:
    """Text from a CSV's bytes: UTF-8 (with or without BOM), UTF-16, then Windows (cp1252) and Latin-1.

    Excel on Windows saves "CSV (Comma delimited)" in cp1252, so "£" and "é" arrive as single bytes.
    """
    attempts: list[str] = []
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        attempts.append("utf-32")
    elif data.startswith(b"\xef\xbb\xbf"):
        attempts.append("utf-8-sig")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        attempts.append("utf-16")
    else:
        attempts.append("utf-8")
        head = data[:4096]
        if b"\x00" in head:
            # UTF-16 or UTF-32 saved without a BOM: plain letters come with zero bytes beside them.
            zeros = [head[i::4].count(0) for i in range(4)]
            if min(zeros[0], zeros[1]) > len(head) // 8 or min(zeros[2], zeros[3]) > len(head) // 8:
                attempts.append("utf-32-le" if zeros[3] > zeros[0] else "utf-32-be")
            else:
                attempts.append("utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be")
        attempts += ["cp1252", "latin-1"]
    for encoding in attempts:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        text = text.rstrip("\x1a")  # old DOS programs end a file with Ctrl-Z
        if len(_CONTROL.findall(text)) > len(text) // 200:
            continue
        if encoding in ("cp1252", "latin-1"):
            # A Windows CSV is mostly plain letters with the odd "£" or "é"; mostly accents is a wrong guess.
            letters = [ch for ch in text if not ch.isspace()]
            if sum(ord(ch) > 127 for ch in letters) > len(letters) * 0.3:
                continue
        return text
    head = data[:4096]
    if sum(head.count(b) for b in set(range(32)) - {9, 10, 12, 13, 26}) > len(head) // 50:
        # Control bytes are in programs, pictures and sound, never in a table of counts in any encoding.
        raise ImportProblem(f"{_cap(that)} isn't a CSV or Excel file we can read. Please choose a .csv or .xlsx file.")
    raise ImportProblem(f"We couldn't read the letters in {that}. In your spreadsheet choose "
                        "Save As → “CSV UTF-8”, then import that.")


def _csv_rows(data: bytes, that: str) -> _Sheet:
    text = _decode(data, that)
    first = next((line for line in text.splitlines() if line.strip(" ,;\t")), "")
    # Excel in much of Europe separates with ";"; a tab-separated file is a CSV to a pupil too.
    delimiter = max([",", ";", "\t"], key=first.count) if first else ","
    rows: list[tuple[int, list]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            if len(rows) > MAX_ROWS + 10:
                break
            if any(cell.strip() for cell in record):
                rows.append((number, record))
    except csv.Error:
        raise ImportProblem(f"Row {number + 1} of that CSV file is muddled (a quote mark \" that never ends?). "
                            "Please check it in a spreadsheet and save it again.") from None
    return _Sheet(rows)


def _excel_sheets(data: bytes) -> list[_Sheet]:
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        unpacked = sum(i.file_size for i in z.infolist())
    if unpacked > MAX_UNPACKED:
        raise ImportProblem(f"That Excel file is too big to import: it unpacks to {_megabytes(unpacked)}, "
                            f"and the most is {_megabytes(MAX_UNPACKED)}.")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise ImportProblem("That Excel file is damaged, so it can't be read. "
                            "Try saving it again from your spreadsheet.") from None
    sheets = []
    try:
        for sheet in workbook.worksheets[:20]:
            if not hasattr(sheet, "iter_rows"):
                continue  # a chart sheet
            sheet.reset_dimensions()  # some programs write wrong sizes; read what is really there
            rows: list[tuple[int, list]] = []
            for cells in sheet.iter_rows(max_col=MAX_COLUMNS + 1):
                values = [c.value for c in cells]
                if any(v is not None and str(v).strip() for v in values):
                    row = next(c.row for c in cells if getattr(c, "row", None))
                    rows.append((row, values))
                    if len(rows) > MAX_ROWS + 10:
                        break
            sheets.append(_Sheet(rows))
    except ImportProblem:
        raise
    except Exception:
        raise ImportProblem("That Excel file is damaged, so it can't be read. "
                            "Try saving it again from your spreadsheet.") from None
    finally:
        workbook.close()
    return sheets


# --- making sense of the cells -------------------------------------------------------------
def _text(value) -> str:
    """A cell as the words a spreadsheet shows (1.0 from Excel is "1")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _key(value) -> str:
    """How column names and categories are matched: case-insensitive, spaces trimmed and squeezed."""
    return " ".join(_text(value).split()).casefold()


def _shown(value, most: int = 24) -> str:
    s = _text(value)
    return s if len(s) <= most else s[: most - 1] + "…"


def _looks_like_formula(text: str) -> bool:
    return text[:1] in ("=", "@") or (text[:1] in ("+", "-") and text[1:2].isalpha())


def _unquote(text: str) -> str:
    """A cell we (or a careful spreadsheet) exported as '=… is the words =…: take the apostrophe off."""
    return text[1:] if text[:1] == "'" and text[1:2] in _FORMULA_START else text


def _listed(names: list[str]) -> str:
    names = [str(n) for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass
class _Shape:
    """Where things are in a sheet: its layout and the column of each part."""

    kind: str  # "long" or "wide"
    sample: int | None  # the tube column (optional in a wide sheet)
    category: int | None = None  # long: the colour column
    count: int | None = None  # long: the count column
    columns: dict[int, str] | None = None  # wide: column -> the lab's name for it
    unknown: list[str] | None = None  # wide: columns that name no category of this lab


class _Reader:
    """Turns rows of cells into a checked tidy table for one book, or raises one ImportProblem."""

    def __init__(self, book: TallyBook):
        self.book = book
        self.sample, self.category = book.sample_label, book.category_label
        self.samples, self.kinds = plural(self.sample), plural(self.category)
        self.sample_names = self._spellings(self.sample) | {"sample"}
        self.category_names = self._spellings(self.category) | {"category"}
        self.by_key: dict[str, list[str]] = {}
        for name in book.categories.names:
            self.by_key.setdefault(_key(name), []).append(name)

    @staticmethod
    def _spellings(label: str) -> set[str]:
        forms = {_key(label), _key(plural(label))}
        return forms | {f.replace("colour", "color") for f in forms}

    def category_of(self, value) -> str | None:
        """The lab's own name for what a cell says (Red, ' red ' and 'red' are all red)."""
        for text in dict.fromkeys([_text(value), _unquote(_text(value))]):
            if text in self.book.categories.names:
                return text
            found = self.by_key.get(_key(text), [])
            if len(found) == 1:
                return found[0]
        return None

    # header: which layout, and which column holds what
    def layout(self, header: list) -> _Shape | None:
        keys = [_key(h) for h in header]
        find = lambda names: next((i for i, k in enumerate(keys) if k in names), None)  # noqa: E731
        sample, category, count = find(self.sample_names), find(self.category_names), find(_COUNT_NAMES)
        if sample is not None and category is not None and count is not None:
            return _Shape("long", sample, category=category, count=count)
        if category is not None or count is not None:
            return None
        known: dict[int, str] = {}
        unknown: list[str] = []
        for i, h in enumerate(header):
            if i == sample or keys[i] in _TOTAL_NAMES or not keys[i]:
                continue  # a Total column is worked out, and a column with no name is a note
            name = self.category_of(h)
            if name is None:
                unknown.append(_shown(h))
            elif name in known.values():
                raise ImportProblem(f"The {self.category} {_shown(h)} has two columns. Please keep just one.")
            else:
                known[i] = name
        if known and (sample is not None or not unknown):
            return _Shape("wide", sample, columns=known, unknown=unknown)
        return None

    def wrong_columns(self, header: list) -> ImportProblem:
        found = [_shown(h, 20) for h in header if _text(h)]
        keys = {_key(h) for h in header}
        missing = [label for label, names in [(self.sample, self.sample_names), (self.category, self.category_names),
                                              ("count", set(_COUNT_NAMES))] if not keys & names]
        shown = _listed(found[:8]) + (f" and {len(found) - 8} more" if len(found) > 8 else "")
        return ImportProblem(
            f"The columns don't fit this lab. It needs {self.sample}, {self.category} and count "
            f"(or a {self.sample} column and one column for each {self.category}). "
            f"Missing: {_listed(missing)}. Found: {shown}.")

    # one cell at a time
    def tube_number(self, value, row: int) -> int:
        numbered = f"{self.samples.capitalize()} are numbered 1, 2, 3, … (up to {MAX_SAMPLES:,})."
        text = _text(value)
        if text == "":
            raise ImportProblem(f"Row {row} has no {self.sample} number. {numbered}")
        if isinstance(value, bool):
            raise ImportProblem(f"Row {row}: “{_shown(value)}” isn't a {self.sample} number. {numbered}")
        m = re.match(rf"^(?:{re.escape(self.sample)}\s*)?(?:no\.?\s*|#\s*)?(\d{{1,9}})(?:\.0*)?$", text, re.IGNORECASE)
        if not m or not 1 <= int(m.group(1)) <= MAX_SAMPLES:
            raise ImportProblem(f"Row {row}: “{_shown(value)}” isn't a {self.sample} number. {numbered}")
        return int(m.group(1))

    def count(self, value, row: int, name: str, tube: int | None) -> int:
        where = f"{name} in {self.sample} {tube}" if tube is not None else name
        text = _text(value)
        if text == "":
            raise ImportProblem(f"Row {row} has no count for {where}. Type 0 if there were none.")
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ImportProblem(f"Row {row}: “{_shown(value)}” isn't a number (the count for {where}).")
        if isinstance(value, str):
            if text.startswith("="):
                raise ImportProblem(f"Row {row} has a formula ({_shown(text)}) where the count for {where} goes. "
                                    "Please type the number itself.")
            if _WHOLE.match(text) and len(text.lstrip("+-0")) <= 12:
                number = float(text) if "." in text else int(text)
            elif _DECIMAL.match(text) or _WHOLE.match(text):
                number = float(text.replace(",", "."))
            else:
                raise ImportProblem(f"Row {row}: “{_shown(value)}” isn't a number (the count for {where}). "
                                    "Counts are whole numbers, like 7.")
        else:
            number = value
        if number < 0:
            raise ImportProblem(f"Row {row}: the count for {where} is {_shown(value)}, "
                                "but a count can't be less than zero.")
        if number != int(number):
            raise ImportProblem(f"Row {row}: {_shown(value)} isn't a whole number (the count for {where}). "
                                "You can't count part of one.")
        number = int(number)
        if number > self.book.limit:
            raise ImportProblem(f"Row {row}: {number:,} {name} in one {self.sample} is a lot! "
                                f"The most we allow is {self.book.limit:,}: please check it.")
        return number

    # the whole sheet
    def read(self, sheets: list[_Sheet]) -> tuple[pd.DataFrame, str]:
        if not any(s.rows for s in sheets):
            raise ImportProblem("The file is empty: there's nothing in it to import.")
        for sheet in sheets:
            for position, (_, cells) in enumerate(sheet.rows[:10]):
                shape = self.layout(cells)
                if shape:
                    return self.table(shape, sheet.rows[position + 1:])
        first = next(s for s in sheets if s.rows)
        raise self.wrong_columns(first.rows[0][1])

    def table(self, shape: _Shape, rows) -> tuple[pd.DataFrame, str]:
        s = shape.sample
        if shape.kind == "wide" and s is not None:
            rows = [(n, cells) for n, cells in rows if _key(_cell(cells, s)) not in _TOTAL_NAMES]
        if not rows:
            raise ImportProblem("The file has column names but no counts under them.")
        if len(rows) > MAX_ROWS:
            raise ImportProblem(f"The file has more than {MAX_ROWS:,} rows: the most we can import is {MAX_ROWS:,}.")
        counts: dict[tuple[int, str], int] = {}
        seen_on: dict = {}
        if shape.kind == "long":
            c, k = shape.category, shape.count
            unknown: dict[str, int] = {}
            for row, cells in rows:
                if not any(_text(_cell(cells, i)) for i in (s, c, k)):
                    continue  # a note in another column: not a count
                raw = _cell(cells, c)
                name = self.category_of(raw)
                if name is None:
                    text = _text(raw)
                    if _looks_like_formula(text):
                        raise ImportProblem(f"Row {row} has a formula ({_shown(text)}) where a {self.category} goes. "
                                            f"Please type the {self.category}'s name instead.")
                    if text == "":
                        raise ImportProblem(f"Row {row} has no {self.category}. Please write which {self.category} it is.")
                    unknown.setdefault(_shown(text), row)
                    continue
                tube = self.tube_number(_cell(cells, s), row)
                if (tube, name) in seen_on:
                    raise ImportProblem(f"{self.sample.capitalize()} {tube}'s {name} is in the file twice "
                                        f"(rows {seen_on[tube, name]} and {row}). Please keep just one.")
                seen_on[tube, name] = row
                counts[tube, name] = self.count(_cell(cells, k), row, name, tube)
            if unknown:
                raise self.unknown(unknown)
        else:
            if shape.unknown:
                raise self.unknown(dict.fromkeys(shape.unknown, 1), rows=False)
            for position, (row, cells) in enumerate(rows, start=1):
                # With no tube column, the rows are the tubes in order.
                tube = self.tube_number(_cell(cells, s), row) if s is not None else position
                if tube in seen_on:
                    raise ImportProblem(f"{self.sample.capitalize()} {tube} is in the file twice "
                                        f"(rows {seen_on[tube]} and {row}). Please keep just one.")
                seen_on[tube] = row
                for i, name in shape.columns.items():
                    counts[tube, name] = self.count(_cell(cells, i), row, name, tube)
        if not counts:
            raise ImportProblem("The file has column names but no counts under them.")
        return self.frame(counts), shape.kind

    def unknown(self, unknown: dict[str, int], rows: bool = True) -> ImportProblem:
        listed = [f"{name} (row {row})" if rows else name for name, row in list(unknown.items())[:5]]
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        return ImportProblem(
            f"The file has {self.kinds} this lab doesn't count: {', '.join(listed)}{more}. "
            f"This lab counts {_listed(self.book.categories.names)}. Please check the spelling.")

    def frame(self, counts: dict[tuple[int, str], int]) -> pd.DataFrame:
        tubes = max(t for t, _ in counts)
        rows = [(t, name, counts.get((t, name), 0)) for t in range(1, tubes + 1) for name in self.book.categories.names]
        return pd.DataFrame(rows, columns=[self.sample, self.category, "count"]).astype(
            {self.sample: "int64", "count": "int64"})


def _cell(cells: list, i: int | None):
    return cells[i] if i is not None and i < len(cells) else None


# --- the public face -----------------------------------------------------------------------
def check_size(filename: str, size: int) -> None:
    """Refuse a file over MAX_BYTES before reading it (a page checks this too, before sending it)."""
    if size > MAX_BYTES:
        raise ImportProblem(f"{_cap(_that(filename))} is too big to import ({_megabytes(size)}): the most is "
                            f"{_megabytes(MAX_BYTES)}. Is it the right file?")


def read_table(book: TallyBook, data: bytes, filename: str = "") -> tuple[pd.DataFrame, str]:
    """Check a whole file against a book's lab and return its tidy table and layout; changes nothing."""
    data, that = bytes(data), _that(filename)
    check_size(filename, len(data))
    kind = _sniff(data, that)
    sheets = _excel_sheets(data) if kind == "excel" else [_csv_rows(data, that)]
    return _Reader(book).read(sheets)


def import_into(book: TallyBook, data: bytes, filename: str = "") -> Imported:
    """Replace a book's counts with a file's, all at once, or raise ImportProblem and change nothing."""
    frame, layout = read_table(book, data, filename)
    try:
        book.load_frame(frame)
    except CountError as problem:  # load_frame checks before it changes anything
        raise ImportProblem(str(problem)) from None
    return Imported(book.n_tubes, layout, book.sample_label)


# --- out: CSV and Excel --------------------------------------------------------------------
def _safe_text(value):
    """Text a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in _FORMULA_START:
        return "'" + value
    return value


def to_csv_bytes(book: TallyBook) -> bytes:
    """The tidy table as CSV in UTF-8 with a BOM, so Excel shows "£" and "é" as they are."""
    frame = book.to_frame()
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_safe_text(c) for c in frame.columns])
    for tube, name, count in frame.itertuples(index=False):
        writer.writerow([int(tube), _safe_text(name), int(count)])
    return out.getvalue().encode("utf-8-sig")


def wide_frame(book: TallyBook) -> pd.DataFrame:
    """One row per tube and one column per category, with a Total column and a Total row."""
    names = book.categories.names
    m = book.matrix()
    frame = pd.DataFrame(m, columns=names)
    frame.insert(0, book.sample_label, range(1, len(m) + 1))
    frame["Total"] = m.sum(axis=1)
    totals = ["Total", *m.sum(axis=0).tolist(), int(m.sum())]
    return pd.concat([frame.astype(object), pd.DataFrame([totals], columns=frame.columns)], ignore_index=True)


def _sheet_title(text: str, taken: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\']", "", text).strip()[:31] or "Table"
    while title.casefold() in {t.casefold() for t in taken}:
        title = (title[:28] + " 2") if not title.endswith(" 2") else title[:-2] + " 3"
    return title


def append_as_text(sheet, values) -> None:
    """Add a row to an openpyxl sheet with every text cell kept as text, never run as a formula.

    openpyxl would make "=..." a formula; pupils' words (a group name, a category, a finding) must
    stay words, so each is stored as text with Excel's quote prefix. Shared by every export.
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    row = []
    for v in values:
        if hasattr(v, "item"):
            v = v.item()  # numpy numbers to plain Python
        if isinstance(v, str):
            v = ILLEGAL_CHARACTERS_RE.sub("", v)
        row.append(v)
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if cell.value[:1] in _FORMULA_START:
                cell.quotePrefix = True  # and Excel keeps it text when the cell is edited


def to_excel_bytes(book: TallyBook) -> bytes:
    """A workbook: "Counts" (the tidy table, read back by `import_into`) and a sheet of the wide table with totals.

    Every text cell is stored as text (data type "s", with Excel's quote prefix), so a category
    called "=HYPERLINK(...)" in a custom lab is shown as words and never run as a formula.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    wide_title = _sheet_title(plural(book.sample_label).capitalize(), {"Counts"})
    for title, frame in [("Counts", book.to_frame()), (wide_title, wide_frame(book))]:
        sheet = workbook.create_sheet(title)
        for values in [list(frame.columns), *frame.itertuples(index=False)]:
            append_as_text(sheet, values)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        if title != "Counts":
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for column, name in zip(sheet.columns, frame.columns):
            widest = max([len(str(name))] + [len(str(c.value or "")) for c in column[:200]])
            sheet.column_dimensions[column[0].column_letter].width = min(40, widest + 2)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
