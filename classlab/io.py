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
from dataclasses import dataclass, replace
from pathlib import PurePath

import pandas as pd

from .categories import english_plural, plural
from .counts import MAX_DIGITS, NotACount, read_whole
from .language import N_, _, lab_word, listed, ngettext
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

#: What teachers' spreadsheets call the count column ("Freq" from a pivot table, "n" from R), matched in any case.
_COUNT_NAMES = {"count", "counts", "frequency", "frequencies", "freq", "freq.", "n", "no", "no.", "number", "numbers",
                "tally", "tallies", "amount", "how many", "how much", "quantity", "qty"}
_COUNT_STARTS = ("number of ", "no. of ", "count of ", "sum of ", "how many ", "amount of ", "total number",
                 "number seen", "number counted")
_TOTAL_NAMES = ("total", "totals", "grand total", "sum")
#: `count_column=EACH_ROW`: the file has no counts, each row is one thing (one penguin, one pupil's answer).
EACH_ROW = "(each row is one)"
#: A spreadsheet runs a cell starting with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# The first bytes of files pupils might pick by mistake, and what to call them.
_NOT_SPREADSHEETS = [
    (b"\x89PNG", N_("a PNG picture")),
    (b"\xff\xd8\xff", N_("a JPEG photo")),
    (b"GIF8", N_("a GIF picture")),
    (b"%PDF", N_("a PDF document")),
]


class ImportProblem(ValueError):
    """A file that can't be imported; the message is short, kind, and meant to be shown to pupils.

    `choices` (when the file could be read at all) says what a person could choose to put it right:
    the sheet, and which column is the sample, the category and the count, so a page can offer them.
    """

    def __init__(self, message: str, choices: "Choices | None" = None):
        super().__init__(message)
        self.choices = choices


@dataclass(frozen=True)
class Choices:
    """What can be chosen about one file: its sheets, its columns, and what was used (or is unclear)."""

    sheets: tuple[str, ...] = ()  # an Excel workbook's sheets (empty for a CSV)
    sheet: str | None = None  # the sheet read
    columns: tuple[str, ...] = ()  # the names of that sheet's columns, as a person sees them
    sample_column: str | None = None
    category_column: str | None = None
    count_column: str | None = None  # EACH_ROW when every row is one thing
    unclear: tuple[str, ...] = ()  # which of "sample", "category", "count" the file doesn't make clear


@dataclass(frozen=True)
class Imported:
    """What an import did, in words a pupil can read."""

    samples: int
    layout: str  # "long" or "wide"
    sample_label: str = "sample"
    sheet: str | None = None  # named when a workbook has more than one sheet, so nobody wonders which
    sample_names: tuple[str, ...] = ()  # places or names in the sample column, in the order they were numbered
    added_over: tuple[str, ...] = ()  # columns whose rows were added up into one count
    each_row: bool = False  # no count column: every row was one thing counted
    choices: Choices | None = None

    @property
    def message(self) -> str:
        # Translators: {n} is a number, {samples} the lab's word for what was counted (tube or tubes).
        words = _("Imported {n} {samples}").format(n=f"{self.samples:,}", samples=plural(self.sample_label, self.samples))
        if self.sample_names:
            named = ", ".join(f"{i} {_shown(name, 30)}" for i, name in enumerate(self.sample_names[:5], start=1))
            if len(self.sample_names) > 5:
                named = _more(named, len(self.sample_names) - 5)
            words += f" ({named})"
        words += "."
        if self.each_row:
            words += " " + _("Each row counted as one.")
        if self.added_over:
            # Translators: {columns} names the file's columns whose rows were added up into one count.
            words += " " + _("Added up over {columns}.").format(columns=listed(list(self.added_over)))
        if self.sheet is not None:
            words += " " + _("Used the sheet “{sheet}”.").format(sheet=_shown(self.sheet, 31))
        return words


# --- reading bytes into rows of cells ------------------------------------------------------
@dataclass
class _Sheet:
    """Rows of cells as a spreadsheet shows them: (row number, cells), blank rows left out."""

    rows: list[tuple[int, list]]
    name: str | None = None  # the sheet's tab name (None for a CSV)


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[ >/]")


class _Formula(str):
    """An Excel cell holding a formula saved without its answer (openpyxl and some apps save none)."""


def _that(filename: str) -> str:
    """How a message names the file: by its own name, so a pupil knows which one we mean."""
    name = PurePath(str(filename or "")).name.strip()
    return f"“{_shown(name, 40)}”" if name else _("that file")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _what_binary(data: bytes) -> str | None:
    """Say what a non-text file is (a picture, a PDF, a Word file), or None if it may be text."""
    for magic, name in _NOT_SPREADSHEETS:
        if data.startswith(magic):
            return _(name)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _("a WebP picture")
    if data[4:8] == b"ftyp":
        return _("a photo or video")
    if data[:2] == b"BM" and len(data) > 26 and int.from_bytes(data[2:6], "little") == len(data):
        return _("a BMP picture")
    return None


def _twice(whose: str, first: int, again: int) -> str:
    """A sample or a count that is in the file twice, said with a capital ("Tube 3's red is in the file twice …")."""
    # Translators: {whose} is "tube 3", "tube 3's red" or "red"; {first} and {again} are row numbers.
    return _cap(_("{whose} is in the file twice (rows {first} and {again}). Please keep just one.").format(
        whose=whose, first=first, again=again))


def _damaged() -> ImportProblem:
    return ImportProblem(_("That Excel file is damaged, so it can't be read. Try saving it again from your spreadsheet."))


def _sniff(data: bytes, that: str) -> str:
    """'excel' or 'csv', judged by what is inside (a renamed file is judged by its content)."""
    if not data.strip():
        # Translators: {file} is the file's name in quotation marks, or "that file"; the message starts with a capital.
        raise ImportProblem(_cap(_("{file} is empty: there's nothing in it to import.").format(file=that)))
    if data[:4] == b"PK\x03\x04":
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            raise _damaged() from None
        if "xl/workbook.xml" in names:
            return "excel"
        if any(n.startswith("word/") for n in names):
            what = _("a Word document")
        elif any(n.startswith("ppt/") for n in names):
            what = _("a PowerPoint file")
        elif "mimetype" in names or "content.xml" in names:
            what = _("an OpenDocument file (.ods)")
        elif any(n.startswith("Index/") for n in names):
            what = _("an Apple Numbers file")
        else:
            what = _("a zip of other files")
        # Translators: {what} is the kind of file it is ("a Word document").
        raise ImportProblem(_cap(_("{file} isn't a CSV or Excel file: it is {what}. In your spreadsheet choose Save As → "
                                   "CSV or Excel Workbook (.xlsx), then import that.").format(file=that, what=what)))
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportProblem(_cap(_("{file} is an old-style Excel file (.xls) or one with a password. In your spreadsheet "
                                   "choose Save As → Excel Workbook (.xlsx) or CSV, then import that.").format(file=that)))
    what = _what_binary(data)
    if what:
        # Translators: {what} is the kind of file it looks like ("a PNG picture").
        raise ImportProblem(_cap(_("{file} isn't a CSV or Excel file: it looks like {what}. Please choose a .csv or "
                                   ".xlsx file.").format(file=that, what=what)))
    return "csv"


def _decode(data: bytes, that: str | None = None) -> str:
    """Text from a CSV's bytes: UTF-8 (with or without BOM), UTF-16, then Windows (cp1252) and Latin-1.

    Excel on Windows saves "CSV (Comma delimited)" in cp1252, so "£" and "é" arrive as single bytes.
    """
    that = _that("") if that is None else that
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
        raise ImportProblem(_cap(_("{file} isn't a CSV or Excel file we can read. Please choose a .csv or .xlsx file.").format(
            file=that)))
    raise ImportProblem(_("We couldn't read the letters in {file}. In your spreadsheet choose Save As → “CSV UTF-8”, "
                          "then import that.").format(file=that))


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
        raise ImportProblem(_("Row {row} of that CSV file is muddled (a quote mark \" that never ends?). Please check it "
                              "in a spreadsheet and save it again.").format(row=number + 1)) from None
    return _Sheet(rows)


def _excel_sheets(data: bytes) -> list[_Sheet]:
    """Every worksheet's rows (up to 20 sheets), each formula cell as the answer Excel saved with it.

    A formula's answer is kept in the file by Excel and LibreOffice (openpyxl's data_only reads it);
    a file written by a program that saves no answers gives a `_Formula` instead, so the message can
    say "is a formula" rather than "has no count".
    """
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        unpacked = sum(i.file_size for i in z.infolist())
        if unpacked > MAX_UNPACKED:
            # Translators: {size} and {most} are sizes, like "51.2 MB".
            raise ImportProblem(_("That Excel file is too big to import: it unpacks to {size}, and the most is {most}.").format(
                size=_megabytes(unpacked), most=_megabytes(MAX_UNPACKED)))
        try:  # read formulas a second time only when a sheet has any (that doubles the time)
            has_formulas = any(_FORMULA_TAG.search(z.read(i)) for i in z.namelist()
                               if i.startswith("xl/worksheets/") and i.endswith(".xml"))
        except Exception:
            has_formulas = True  # let openpyxl say whether the file is damaged
    try:
        answers = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False) if has_formulas else None
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise _damaged() from None
    sheets = []
    try:
        written_sheets = formulas.worksheets if formulas is not None else [None] * len(answers.worksheets)
        for sheet, written in list(zip(answers.worksheets, written_sheets))[:20]:
            if not hasattr(sheet, "iter_rows"):
                continue  # a chart sheet
            sheet.reset_dimensions()  # some programs write wrong sizes; read what is really there
            typed_rows = iter(())
            if written is not None:
                written.reset_dimensions()
                typed_rows = written.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
            rows: list[tuple[int, list]] = []
            for row, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True), start=1):
                values = list(cells)
                typed = next(typed_rows, ())
                for i, formula in enumerate(typed[:len(values)]):
                    formula = getattr(formula, "text", formula)  # an array formula keeps its text in .text
                    if values[i] is None and isinstance(formula, str) and formula.startswith("="):
                        values[i] = _Formula(formula)
                while values and (values[-1] is None or not str(values[-1]).strip()):
                    values.pop()  # openpyxl fills a row out with empty cells to the widest row
                if values:
                    rows.append((row, values))
                    if len(rows) > MAX_ROWS + 10:
                        break
            sheets.append(_Sheet(rows, sheet.title))
    except ImportProblem:
        raise
    except Exception:
        raise _damaged() from None
    finally:
        answers.close()
        if formulas is not None:
            formulas.close()
    return sheets


# --- making sense of the cells -------------------------------------------------------------
def _cell_words(value) -> str:
    """A cell as the words a spreadsheet shows (1.0 from Excel is "1")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _key(value) -> str:
    """How column names and categories are matched: case-insensitive, spaces trimmed and squeezed."""
    return " ".join(_cell_words(value).split()).casefold()


def _shown(value, most: int = 24) -> str:
    s = _cell_words(value)
    return s if len(s) <= most else s[: most - 1] + "…"


def _looks_like_formula(text: str) -> bool:
    return text[:1] in ("=", "@") or (text[:1] in ("+", "-") and text[1:2].isalpha())


def _unquote(text: str) -> str:
    """A cell we (or a careful spreadsheet) exported as '=… is the words =…: take the apostrophe off."""
    return text[1:] if text[:1] == "'" and text[1:2] in _FORMULA_START else text


def _more(names: str, n: int) -> str:
    """A list cut short: "red, blue and 3 more"."""
    # Translators: a list cut short; {names} are the first few, with commas between, and {n} how many are left out.
    return _("{names} and {n} more").format(names=names, n=n)


def _a(word: str) -> str:
    """"a tube", "an island", "a unicorn": the article a word takes when it is said aloud."""
    said = word.strip().casefold()
    vowel = said[:1] in "aeiou" and not said.startswith(("one", "once", "uni", "use", "usu", "eu", "ewe", "ure"))
    # Translators: "a tube", "an island": English's word for one, before a lab's word. A language with no such
    # word (Welsh) writes just {word}.
    return (_("an {word}") if vowel or said.startswith(("hour", "honest", "honour", "heir")) else _("a {word}")).format(word=word)


def _letter(i: int) -> str:
    """A column's letter as a spreadsheet shows it: 0 is A, 26 is AA."""
    out, i = "", i + 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def _column_names(header: list) -> list[str]:
    """Each column's name as a person would pick it: a blank one is "column C", a repeated one gets "(2)"."""
    names: list[str] = []
    header = list(header)
    while header and not _cell_words(header[-1]):
        header.pop()  # empty cells after the last name are no columns
    for i, h in enumerate(header):
        name = " ".join(_cell_words(h).split())[:60] or f"column {_letter(i)}"
        base, n = name, 2
        while name.casefold() in {x.casefold() for x in names}:
            name, n = f"{base} ({n})", n + 1
        names.append(name)
    return names


def _numberish(value) -> bool:
    """A cell holding a number (4, 2.5, "1,000"): a column of counts is mostly these."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    try:
        read_whole(_cell_words(value), decimals=True)
    except NotACount as problem:
        return problem.reason == "part"  # 2.5 is a number, just not a count
    return True


@dataclass
class _Shape:
    """Where things are in a wide sheet: the sample column and each category's column."""

    sample: int | None  # the tube column (optional in a wide sheet)
    columns: dict[int, str]  # column -> the lab's name for it
    unknown: dict[int, str]  # columns that name no category of this lab (a colour we don't count, or notes)


#: `sample_column=ALL_TOGETHER`: the file is one sample (one tube, one home), whatever else it has.
ALL_TOGETHER = "(all together)"
_NOT_COLUMNS = (EACH_ROW, ALL_TOGETHER)


class _Reader:
    """Turns rows of cells into a checked tidy table for one book, or raises one ImportProblem.

    `now` is what has been found so far (sheet, columns, and which column is what), so a problem can
    carry it to a page that offers the choices.
    """

    def __init__(self, book: TallyBook):
        self.book = book
        # The lab's words as keys (the table's columns, always English) and as pupils read them (tiwb, lliw).
        self.sample, self.category = book.sample_label, book.category_label
        self.said_sample, self.said_category = lab_word(self.sample), lab_word(self.category)
        self.samples, self.kinds = plural(self.sample), plural(self.category)
        forms = self._spellings(self.sample) | self._spellings(self.sample.partition(" of ")[0])  # "Set" for sets of throws
        self.sample_names = forms | {"sample"} | {f"{f} {n}" for f in forms for n in ("number", "no", "no.", "#")}
        self.category_names = self._spellings(self.category) | {"category"}
        self.by_key: dict[str, list[str]] = {}
        for name in book.categories.names:
            for said in dict.fromkeys([name, lab_word(name)]):  # red, and coch from a Welsh page
                if name not in self.by_key.get(_key(said), []):
                    self.by_key.setdefault(_key(said), []).append(name)
        # A sample's number may follow its word in either language ("tube 3", "tiwb 3").
        self.sample_words = "|".join(re.escape(w) for w in dict.fromkeys([self.sample, self.said_sample]))
        self.now = Choices()

    @staticmethod
    def _spellings(label: str) -> set[str]:
        """A column's names in English (a file's usual ones) and in the page's language (tiwb, tiwbiau)."""
        forms = {_key(label), _key(english_plural(label)), _key(lab_word(label)), _key(plural(label))}
        return forms | {f.replace("colour", "color") for f in forms}

    def category_of(self, value) -> str | None:
        """The lab's own name for what a cell says (Red, ' red ' and 'red' are all red)."""
        if isinstance(value, _Formula):
            return None
        for text in dict.fromkeys([_cell_words(value), _unquote(_cell_words(value))]):
            if text in self.book.categories.names:
                return text
            found = self.by_key.get(_key(text), [])
            if len(found) == 1:
                return found[0]
        return None

    # --- the header: which row, and which column is what ---------------------------------------
    def roles(self, header: list) -> dict[str, int | None]:
        """The columns named as this lab's sample, category and count ("Freq", "n", "Total", …)."""
        keys = [_key(h) if self.category_of(h) is None else "" for h in header]  # a column "No" may be an answer
        find = lambda names: next((i for i, k in enumerate(keys) if k in names), None)  # noqa: E731
        sample, category = find(self.sample_names), find(self.category_names)
        counts = [i for i, k in enumerate(keys) if i not in (sample, category) and k and
                  (k in _COUNT_NAMES or k.startswith(_COUNT_STARTS))]
        totals = [i for i, k in enumerate(keys) if i not in (sample, category) and k in _TOTAL_NAMES]
        return {"sample": sample, "category": category, "count": (counts or totals or [None])[0]}

    def wide_shape(self, header: list, sample: int | None, strict: bool) -> _Shape | None:
        """One column per category? Other columns are allowed when a sample column is named or two categories are
        (a row of data in a long table names one category, never two)."""
        keys = [_key(h) for h in header]
        known: dict[int, str] = {}
        unknown: dict[int, str] = {}
        for i, h in enumerate(header):
            if i == sample or keys[i] in _TOTAL_NAMES or not keys[i]:
                continue  # a Total column is worked out, and a column with no name is a note
            name = self.category_of(h)
            if name is None:
                unknown[i] = _shown(h)
            elif name in known.values():
                if strict and sample is not None:
                    # Translators: {category} is the lab's word for a kind (colour), {name} one of them (red).
                    raise ImportProblem(_("The {category} {name} has two columns. Please keep just one.").format(
                        category=self.said_category, name=_shown(h)))
                return None  # more likely a row of data than a header
            else:
                known[i] = name
        loose = len(known) >= 2 and not any(_numberish(header[i]) for i in unknown)  # numbers there: a row of data
        if known and (sample is not None or not unknown or loose):
            return _Shape(sample, known, unknown)
        return None

    def header(self, sheet: _Sheet, wanted: dict[str, str]) -> int | None:
        """Which of the first rows names the columns (a title, blank rows, or a pivot table's caption may come first).

        The first row naming the category or the sample, or with one column per category, is it; a row
        naming only a count ("Count of Colour", a pivot table's caption) is taken if no such row follows.
        """
        fallback = None
        for position, (_row_number, cells) in enumerate(sheet.rows[:10]):
            filled = [c for c in cells if _cell_words(c)]
            if wanted:
                names = {_key(n) for n in _column_names(cells)}
                if all(_key(n) in names for n in wanted.values() if n not in _NOT_COLUMNS):
                    return position
                continue
            roles = self.roles(cells)
            if roles["category"] is not None or (len(filled) >= 2 and roles["sample"] is not None):
                return position
            wide = self.wide_shape(cells, roles["sample"], strict=False)
            # After a caption, a row of numbers only (a dice lab's faces 1 to 6) is data, not the names.
            if wide and (fallback is None or not all(_numberish(c) for c in filled)):
                return position
            if fallback is None and len(filled) >= 2 and roles["count"] is not None:
                fallback = position  # "Count of Colour": the names, unless the next rows name the colours
        return fallback

    def wrong_columns(self, header: list) -> ImportProblem:
        found = [_shown(h, 20) for h in header if _cell_words(h)]
        keys = {_key(h) for h in header}
        missing = [label for label, names in [(self.said_sample, self.sample_names), (self.said_category, self.category_names)]
                   if not keys & names]
        if not any(k in _COUNT_NAMES or k.startswith(_COUNT_STARTS) for k in keys):
            missing.append("count")
        shown = listed(found[:8]) if len(found) <= 8 else _more(listed(found[:8]), len(found) - 8)
        words = {"sample": self.said_sample, "category": self.said_category, "a_sample": _a(self.said_sample),
                 "missing": listed(missing or ["count"]), "found": shown}
        # In a workbook of several sheets, say which was looked at, so the pupil can choose another.
        if len(self.now.sheets) > 1:
            # Translators: {sample} and {category} are the lab's words (tube, colour), {a_sample} "a tube"; "count"
            # is the column's name as a file writes it. {missing} and {found} list the file's columns.
            return ImportProblem(_("In the sheet “{sheet}”, the columns don't fit this lab. It needs {sample}, {category} "
                                   "and count (or {a_sample} column and one column for each {category}). Missing: {missing}. "
                                   "Found: {found}.").format(sheet=_shown(self.now.sheet, 31), **words))
        return ImportProblem(_("The columns don't fit this lab. It needs {sample}, {category} and count (or {a_sample} "
                               "column and one column for each {category}). Missing: {missing}. Found: {found}.").format(**words))

    def unclear(self, what: list[str], columns: list[str], used: dict) -> ImportProblem:
        """Ask which column is which, when the file doesn't say (the page shows a dropdown for each)."""
        questions = {"sample": _("which column says which {sample} each row is").format(sample=self.said_sample),
                     "category": _("which column says the {category}").format(category=self.said_category),
                     "count": _("which column has the counts")}
        self.now = replace(self.now, unclear=tuple(what), **used)
        # Translators: {questions} asks which column is which ("which column has the counts"), one question or more.
        asked = ngettext("{questions}? Please choose it.", "{questions}? Please choose them.", len(what))
        return ImportProblem(_cap(asked.format(questions=listed([questions[w] for w in what]))), self.now)

    # --- one cell at a time ----------------------------------------------------------------------
    def _formula(self, value, row: int, what: str) -> ImportProblem:
        # Translators: {what} is the lab's word for one sample (tube); {formula} the formula as the file has it.
        return ImportProblem(_("Row {row}'s {what} is a formula ({formula}), and the file has no answer saved for it. "
                               "Please open the file in your spreadsheet, save it, and import it again.").format(
                                   row=row, what=what, formula=_shown(value)))

    def sample_number(self, value, row: int) -> int:
        # Translators: {samples} is the lab's word for what is counted, in the plural (tubes); {most} a number.
        numbered = _cap(_("{samples} are numbered 1, 2, 3, … (up to {most}).").format(
            samples=self.samples, most=f"{MAX_SAMPLES:,}"))
        text = _cell_words(value)
        if isinstance(value, _Formula):
            raise self._formula(value, row, self.said_sample)
        if text == "":
            # Translators: {numbered} is the sentence "Tubes are numbered 1, 2, 3, … (up to 10,000)."
            raise ImportProblem(_("Row {row} has no {sample} number. {numbered}").format(
                row=row, sample=self.said_sample, numbered=numbered))
        # Translators: {value} is what the cell says; {a_sample} "a tube" (the lab's word, with English's "a").
        not_a_number = _("Row {row}: “{value}” isn't {a_sample} number. {numbered}")
        if isinstance(value, bool):
            raise ImportProblem(not_a_number.format(row=row, value=_shown(value), a_sample=_a(self.said_sample), numbered=numbered))
        m = re.match(rf"^(?:(?:{self.sample_words})\s*)?(?:no\.?\s*|#\s*)?(\d{{1,9}})(?:\.0*)?$", text, re.IGNORECASE)
        if not m or not 1 <= int(m.group(1)) <= MAX_SAMPLES:
            raise ImportProblem(not_a_number.format(row=row, value=_shown(value), a_sample=_a(self.said_sample), numbered=numbered))
        return int(m.group(1))

    def names_of_samples(self, values: list, chosen: bool) -> dict[str, int] | None:
        """Places or names in the sample column (islands, homes), numbered in the order they come; None for numbers.

        Names are taken when someone chose the column, or when every cell is a name and there are at
        least two (one word alone where a number goes is more likely a slip than a place).
        """
        texts = [_cell_words(v) for v in values if _cell_words(v) and not isinstance(v, _Formula)]
        pattern = re.compile(rf"^(?:(?:{self.sample_words})\s*)?(?:no\.?\s*|#\s*)?\d+(?:\.0*)?$", re.IGNORECASE)
        names = [t for t in texts if not (pattern.match(t) or _numberish(t))]
        if not names or not (chosen or (len(names) == len(texts) and len({_key(t) for t in names}) >= 2)):
            return None
        order: dict[str, int] = {}
        self.shown_names: dict[int, str] = {}
        for t in texts:
            if _key(t) not in order:
                order[_key(t)] = len(order) + 1
                self.shown_names[order[_key(t)]] = t
        if len(order) > MAX_SAMPLES:
            raise ImportProblem(_("The file has more than {most} {samples}: the most we can import is {most}.").format(
                most=f"{MAX_SAMPLES:,}", samples=self.samples))
        return order

    def sample_of(self, value, row: int, named: dict[str, int] | None) -> int:
        if named is None:
            return self.sample_number(value, row)
        if isinstance(value, _Formula):
            raise self._formula(value, row, self.said_sample)
        if not _cell_words(value):
            raise ImportProblem(_("Row {row} has no {what}. Please write which {what} it is.").format(
                row=row, what=self.said_sample))
        return named[_key(value)]

    def place(self, number: int | None, named) -> str | None:
        """How a message names a sample: "tube 3", or its own name ("Biscoe")."""
        if number is None:
            return None
        return self.shown_names[number] if named else f"{self.said_sample} {number}"

    def count(self, value, row: int, name: str, place: str | None) -> int:
        name = lab_word(name)  # said to pupils: "coch" on a Welsh page (the key stays with the caller)
        # Translators: {name} is one of the lab's categories (red), {place} a sample ("tube 3", or a place's name).
        where = _("{name} in {place}").format(name=name, place=place) if place is not None else name
        text = _cell_words(value)
        # Translators: in the messages below {where} says whose count it is ("red in tube 3"), {value} what the cell says.
        if isinstance(value, _Formula):
            raise ImportProblem(_("Row {row}'s count for {where} is a formula ({value}), and the file has no answer saved "
                                  "for it. Please open the file in your spreadsheet, save it, and import it again.").format(
                                      row=row, where=where, value=_shown(value)))
        if text == "":
            raise ImportProblem(_("Row {row} has no count for {where}. Type 0 if there were none.").format(row=row, where=where))
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ImportProblem(_("Row {row}: “{value}” isn't a number (the count for {where}).").format(
                row=row, value=_shown(value), where=where))
        if isinstance(value, str) and text.startswith("="):
            raise ImportProblem(_("Row {row} has a formula ({value}) where the count for {where} goes. Please type the "
                                  "number itself.").format(row=row, value=_shown(text), where=where))
        below_zero = _("Row {row}: the count for {where} is {value}, but a count can't be less than zero.")
        try:
            number = read_whole(value, decimals=True)  # "7.0" is how a spreadsheet often saves 7
        except NotACount as problem:
            if problem.reason != "part":
                raise ImportProblem(_("Row {row}: “{value}” isn't a number (the count for {where}). Counts are whole "
                                      "numbers, like 7.").format(row=row, value=_shown(value), where=where)) from None
            if problem.negative:
                raise ImportProblem(below_zero.format(row=row, where=where, value=_shown(value))) from None
            raise ImportProblem(_("Row {row}: {value} isn't a whole number (the count for {where}). You can't count part "
                                  "of one.").format(row=row, value=_shown(value), where=where)) from None
        if number < 0:
            raise ImportProblem(below_zero.format(row=row, where=where, value=_shown(value)))
        if number > self.book.limit:
            shown = f"{number:,}" if number < 10**MAX_DIGITS else _shown(value)  # read_whole caps very long numbers
            # Translators: {n} and {most} are numbers, {name} one of the lab's categories, {sample} one sample (tube).
            raise ImportProblem(_("Row {row}: {n} {name} in one {sample} is a lot! The most we allow is {most}: please "
                                  "check it.").format(row=row, n=shown, name=name, sample=self.said_sample,
                                                      most=f"{self.book.limit:,}"))
        return number

    # --- the whole file -------------------------------------------------------------------------
    def read(self, sheets: list[_Sheet], sheet: str | None = None, sample_column: str | None = None,
             category_column: str | None = None, count_column: str | None = None) -> tuple[pd.DataFrame, dict]:
        titles = tuple(s.name for s in sheets if s.name is not None)
        self.now = Choices(sheets=titles)
        if sheet is not None and titles:
            picked = [s for s in sheets if s.name == sheet] or [s for s in sheets if _key(s.name) == _key(sheet)]
            if not picked:
                sheet_names = listed([f"“{_shown(t, 31)}”" for t in titles])
                # Translators: {sheet} is the sheet asked for; {sheets} the file's sheets, in quotation marks.
                raise ImportProblem(ngettext("That file has no sheet called “{sheet}”. Its sheet is {sheets}.",
                                             "That file has no sheet called “{sheet}”. Its sheets are {sheets}.",
                                             len(titles)).format(sheet=_shown(sheet, 31), sheets=sheet_names), self.now)
            sheets = picked
            self.now = replace(self.now, sheet=picked[0].name)
        wanted = {role: str(name) for role, name in
                  (("sample", sample_column), ("category", category_column), ("count", count_column)) if name}
        if not any(s.rows for s in sheets):
            if sheet is not None and titles:
                raise ImportProblem(_("The sheet “{sheet}” is empty: there's nothing in it to import.").format(
                    sheet=_shown(sheet, 31)), self.now)
            raise ImportProblem(_("The file is empty: there's nothing in it to import."))
        for s in sheets:
            position = self.header(s, wanted)
            if position is not None:
                return self.table(s, position, wanted)
        tables = [s for s in sheets if any(sum(bool(_cell_words(c)) for c in cells) >= 2 for _, cells in s.rows[:10])]
        first = (tables or [s for s in sheets if s.rows])[0]  # a sheet of notes is never the one meant
        if not wanted:
            # No column has a name we know: the first row of words may still name them ("Bird species", "Garden").
            words = next((p for p, (_, cells) in enumerate(first.rows[:10]) if sum(bool(_cell_words(c)) for c in cells) >= 2
                          and not any(_numberish(c) for c in cells if _cell_words(c))), None)
            if words is not None and words + 1 < len(first.rows):
                return self.table(first, words, wanted)
        position = next((p for p, (_, cells) in enumerate(first.rows[:10]) if sum(bool(_cell_words(c)) for c in cells) >= 2), 0)
        header = first.rows[position][1]
        columns = _column_names(header)
        self.now = replace(self.now, sheet=first.name, columns=tuple(columns),
                           unclear=("sample", "category", "count"))
        missing = [n for n in wanted.values() if n not in _NOT_COLUMNS and _key(n) not in {_key(c) for c in columns}]
        if missing:
            column = _shown(missing[0], 30)
            said = (_("There's no column called “{column}” in the sheet “{sheet}”. Please choose again.")
                    if first.name is not None else _("There's no column called “{column}”. Please choose again."))
            raise ImportProblem(said.format(column=column, sheet=_shown(first.name, 31)), self.now)
        problem = self.wrong_columns(header)
        problem.choices = self.now
        raise problem

    def table(self, sheet: _Sheet, position: int, wanted: dict[str, str]) -> tuple[pd.DataFrame, dict]:
        header = sheet.rows[position][1]
        rows = sheet.rows[position + 1:]
        columns = _column_names(header)
        self.now = replace(self.now, sheet=sheet.name, columns=tuple(columns), unclear=())
        if len(rows) > MAX_ROWS:
            raise ImportProblem(_("The file has more than {most} rows: the most we can import is {most}.").format(
                most=f"{MAX_ROWS:,}"))

        def given(role: str) -> int | None:
            name = wanted.get(role)
            if name is None or name in _NOT_COLUMNS:
                return None
            return next(i for i, c in enumerate(columns) if _key(c) == _key(name))

        chosen = {role: given(role) for role in wanted}
        taken = [i for i in chosen.values() if i is not None]
        if len(taken) != len(set(taken)):
            raise ImportProblem(_("One column can't be two things: please choose a different column for each."), self.now)
        named = self.roles(header)
        role = {r: chosen[r] if r in wanted else (None if named[r] in taken else named[r])
                for r in ("sample", "category", "count")}
        s, c, k = role["sample"], role["category"], role["count"]
        each_row = wanted.get("count") == EACH_ROW
        used = {"sample_column": columns[s] if s is not None else wanted.get("sample")}
        if c is None and "category" not in wanted:
            wide = self.wide_shape(header, s, strict=True)
            if wide:
                return self.wide(wide, rows, columns, used, chosen="sample" in wanted)
            if k is not None:
                used["count_column"] = columns[k]
            c = self.category_by_content(rows, columns, {s, k}, used)
        if c is None:
            problem = self.wrong_columns(header)
            problem.choices = self.now = replace(self.now, unclear=("category",), **used)
            raise problem
        used["category_column"] = columns[c]
        if k is not None:
            used["count_column"] = columns[k]
        # A row of totals at the bottom ("Total", "Grand Total") is worked out, not counted.
        active = [(row, cells) for row, cells in rows
                  if any(_cell_words(_cell(cells, i)) for i in (s, c, k) if i is not None)
                  and not any(_key(_cell(cells, i)) in _TOTAL_NAMES for i in (s, c) if i is not None)]
        if not active:
            raise ImportProblem(_("The file has column names but no counts under them."))
        unclear = []
        if s is None and "sample" not in wanted:
            # A category that comes twice with no sample column: some other column must tell the samples apart.
            seen = [_key(_cell(cells, c)) for _, cells in active]
            others = [i for i in range(len(columns)) if i not in (c, k) and any(_cell_words(_cell(x, i)) for _, x in active)]
            # Or a column filled in on every row whose values come again and again (1, 1, 2, …) may be the samples.
            repeating = [i for i in others if all(_cell_words(_cell(x, i)) for _, x in active)
                         and len({_key(_cell(x, i)) for _, x in active}) < len(active)]
            if (len(seen) != len(set(seen)) and others) or repeating:
                unclear.append("sample")
        if k is None and not each_row:
            numbers = [i for i in range(len(columns)) if i not in (s, c) and self.mostly_numbers(active, i)]
            if numbers:
                unclear.append("count")
            each_row = True
        if unclear:
            raise self.unclear(unclear, columns, used)
        if each_row:
            used["count_column"] = EACH_ROW
        self.now = replace(self.now, **used)
        return self.long(active, columns, s, c, k, each_row, chosen="sample" in wanted)

    @staticmethod
    def mostly_numbers(rows, i: int) -> bool:
        filled = [_cell(cells, i) for _, cells in rows[:500] if _cell_words(_cell(cells, i))]
        return bool(filled) and sum(_numberish(v) for v in filled) * 2 > len(filled)

    def category_by_content(self, rows, columns: list[str], skip: set, used: dict) -> int | None:
        """A column not named "colour" whose cells are mostly this lab's colours is the colour column."""
        found = []
        for i in range(len(columns)):
            if i in skip:
                continue
            filled = [_cell(cells, i) for _, cells in rows[:200] if _cell_words(_cell(cells, i))]
            hits = sum(self.category_of(v) is not None for v in filled)
            if hits and hits * 2 > len(filled):
                found.append(i)
        if len(found) > 1:
            # Two columns of colours (what was counted, and a guess): ask, and about the counts too if they're unclear.
            unclear = ["category"]
            if "count_column" not in used and any(i not in skip and i not in found and self.mostly_numbers(rows, i)
                                                  for i in range(len(columns))):
                unclear.append("count")
            raise self.unclear(unclear, columns, used)
        return found[0] if found else None

    def long(self, rows, columns, s, c, k, each_row: bool, chosen: bool) -> tuple[pd.DataFrame, dict]:
        named = self.names_of_samples([_cell(cells, s) for _, cells in rows], chosen) if s is not None else None
        # Columns filled in on every row (sex, year, class) are what a count is split by: add up over them.
        extras = [i for i in range(len(columns)) if i not in (s, c, k) and all(_cell_words(_cell(x, i)) for _, x in rows)]
        counts: dict[tuple[int, str], int] = {}
        first: dict[tuple[int, str], int] = {}
        variants: dict[tuple[int, str], set] = {}
        unknown: dict[str, int] = {}
        added = False
        for row, cells in rows:
            raw = _cell(cells, c)
            name = self.category_of(raw)
            if name is None:
                text = _cell_words(raw)
                if _looks_like_formula(text):
                    # Translators: {a_category} is "a colour" (the lab's word, with English's "a").
                    raise ImportProblem(_("Row {row} has a formula ({formula}) where {a_category} goes. Please type the "
                                          "{category}'s name instead.").format(row=row, formula=_shown(text),
                                                                              a_category=_a(self.said_category),
                                                                              category=self.said_category))
                if text == "":
                    raise ImportProblem(_("Row {row} has no {what}. Please write which {what} it is.").format(
                        row=row, what=self.said_category))
                unknown.setdefault(_shown(text), row)
                continue
            number = self.sample_of(_cell(cells, s), row, named) if s is not None else 1
            place = self.place(number if s is not None else None, named)
            n = 1 if each_row else self.count(_cell(cells, k), row, name, place)
            extra = tuple(_key(_cell(cells, i)) for i in extras)
            key = (number, name)
            if key not in first:
                first[key], variants[key], counts[key] = row, {extra}, n
                continue
            if not each_row and extra in variants[key]:
                # Translators: {place} is a sample ("tube 3", or a place's name), {name} one of the lab's categories.
                whose = (_("{place}'s {name}").format(place=place, name=lab_word(name)) if place is not None
                         else lab_word(name))
                raise ImportProblem(_twice(whose, first[key], row))
            variants[key].add(extra)
            counts[key] += n
            added = added or not each_row
        if unknown:
            raise self.unknown(unknown)
        for (number, name), n in counts.items():
            if n > self.book.limit:
                where = self.place(number, named) if s is not None else _("one {sample}").format(sample=self.said_sample)
                # Translators: {n} and {most} are numbers, {name} a category (red), {where} "tube 3" or "one tube".
                raise ImportProblem(_("Added up, that makes {n} {name} in {where}, which is a lot! The most we allow is "
                                      "{most}: please check it.").format(n=f"{n:,}", name=lab_word(name), where=where,
                                                                        most=f"{self.book.limit:,}"))
        info = {"layout": "long", "each_row": each_row,
                "added_over": tuple(columns[i] for i in extras) if added else (),
                "sample_names": tuple(self.shown_names[i] for i in sorted(self.shown_names)) if named else ()}
        return self.frame(counts), info

    def wide(self, shape: _Shape, rows, columns: list[str], used: dict, chosen: bool) -> tuple[pd.DataFrame, dict]:
        s = shape.sample
        if s is None and not chosen:  # an Excel pivot table puts the tubes under "Row Labels"
            s = next((i for i, name in shape.unknown.items() if _key(name) == "row labels"), None)
            shape = _Shape(s, shape.columns, {i: n for i, n in shape.unknown.items() if i != s})
        if s is not None:
            rows = [(n, cells) for n, cells in rows if _key(_cell(cells, s)) not in _TOTAL_NAMES]
        if not rows:
            raise ImportProblem(_("The file has column names but no counts under them."))
        # A column of numbers named for no category is a colour this lab doesn't count; words are notes, or the places.
        numbers = {i: name for i, name in shape.unknown.items() if self.mostly_numbers(rows, i)}
        if numbers:
            raise self.unknown(dict.fromkeys(numbers.values(), 1), rows=False)
        if s is None and not chosen:
            places = [i for i in shape.unknown if all(_cell_words(_cell(cells, i)) for _, cells in rows)
                      and self.names_of_samples([_cell(cells, i) for _, cells in rows], chosen=False)]
            if len(places) > 1:
                raise self.unclear(["sample"], columns, used)
            s = places[0] if places else None
            if s is not None:
                rows = [(n, cells) for n, cells in rows if _key(_cell(cells, s)) not in _TOTAL_NAMES]
        self.now = replace(self.now, sample_column=columns[s] if s is not None else used.get("sample_column"))
        named = self.names_of_samples([_cell(cells, s) for _, cells in rows], chosen) if s is not None else None
        pivot = s is not None and _key(columns[s]) == "row labels"
        counts: dict[tuple[int, str], int] = {}
        seen_on: dict[int, int] = {}
        for position, (row, cells) in enumerate(rows, start=1):
            # With no tube column, the rows are the tubes in order.
            number = self.sample_of(_cell(cells, s), row, named) if s is not None else position
            if number in seen_on:
                raise ImportProblem(_twice(self.place(number, named), seen_on[number], row))
            seen_on[number] = row
            for i, name in shape.columns.items():
                if pivot and not _cell_words(_cell(cells, i)):
                    counts[number, name] = 0  # a pivot table leaves a cell blank when there were none
                    continue
                counts[number, name] = self.count(_cell(cells, i), row, name, self.place(number, named))
        info = {"layout": "wide", "each_row": False, "added_over": (),
                "sample_names": tuple(self.shown_names[i] for i in sorted(self.shown_names)) if named else ()}
        return self.frame(counts), info

    def unknown(self, unknown: dict[str, int], rows: bool = True) -> ImportProblem:
        # Translators: {name} is a word from the file that is none of the lab's categories, {row} the row it is in.
        strangers = ", ".join(_("{name} (row {row})").format(name=name, row=row) if rows else name
                           for name, row in list(unknown.items())[:5])
        if len(unknown) > 5:
            strangers = _more(strangers, len(unknown) - 5)
        # Translators: {kinds} is the lab's word for its categories, in the plural (colours); {found} the file's words
        # that are none of them, and {counted} the lab's own (red, orange and blue).
        return ImportProblem(_("The file has {kinds} this lab doesn't count: {found}. This lab counts {counted}. Please "
                               "check the spelling.").format(kinds=self.kinds, found=strangers,
                                                             counted=listed(self.book.categories.shown)))

    def frame(self, counts: dict[tuple[int, str], int]) -> pd.DataFrame:
        n_samples = max(t for t, _ in counts)
        rows = [(t, name, counts.get((t, name), 0)) for t in range(1, n_samples + 1) for name in self.book.categories.names]
        return pd.DataFrame(rows, columns=[self.sample, self.category, "count"]).astype(
            {self.sample: "int64", "count": "int64"})


def _cell(cells: list, i: int | None):
    return cells[i] if i is not None and i < len(cells) else None


# --- the public face -----------------------------------------------------------------------
def check_size(filename: str, size: int) -> None:
    """Refuse a file over MAX_BYTES before reading it (a page checks this too, before sending it)."""
    if size > MAX_BYTES:
        # Translators: {file} is the file's name in quotation marks, or "that file"; {size} and {most} like "5.2 MB".
        raise ImportProblem(_cap(_("{file} is too big to import ({size}): the most is {most}. Is it the right file?").format(
            file=_that(filename), size=_megabytes(size), most=_megabytes(MAX_BYTES))))


def _read(book: TallyBook, data: bytes, filename: str, **choose) -> tuple[pd.DataFrame, dict, Choices]:
    data, that = bytes(data), _that(filename)
    check_size(filename, len(data))
    kind = _sniff(data, that)
    sheets = _excel_sheets(data) if kind == "excel" else [_csv_rows(data, that)]
    reader = _Reader(book)
    try:
        frame, info = reader.read(sheets, **choose)
    except ImportProblem as problem:
        if problem.choices is None and reader.now.columns:
            problem.choices = reader.now  # a wrong cell: the page can still offer other columns or sheets
        raise
    return frame, info, reader.now


def read_table(book: TallyBook, data: bytes, filename: str = "", *, sheet: str | None = None,
               sample_column: str | None = None, category_column: str | None = None,
               count_column: str | None = None) -> tuple[pd.DataFrame, str]:
    """Check a whole file against a book's lab and return its tidy table and layout; changes nothing.

    `sheet` picks an Excel sheet; the `*_column` arguments say which column is which when the file's
    names don't (`count_column=EACH_ROW` when every row is one thing, `sample_column=ALL_TOGETHER`
    when the whole file is one sample). Rows that differ only in other columns are added up.
    """
    frame, info, _ = _read(book, data, filename, sheet=sheet, sample_column=sample_column,
                           category_column=category_column, count_column=count_column)
    return frame, info["layout"]


def import_into(book: TallyBook, data: bytes, filename: str = "", *, sheet: str | None = None,
                sample_column: str | None = None, category_column: str | None = None,
                count_column: str | None = None) -> Imported:
    """Replace a book's counts with a file's, all at once, or raise ImportProblem and change nothing.

    Takes the same choices as `read_table`; the result says what was used (the sheet, named places).
    """
    frame, info, choices = _read(book, data, filename, sheet=sheet, sample_column=sample_column,
                                 category_column=category_column, count_column=count_column)
    try:
        book.load_frame(frame)
    except CountError as problem:  # load_frame checks before it changes anything
        raise ImportProblem(str(problem), choices) from None
    return Imported(book.n_samples, info["layout"], book.sample_label,
                    sheet=choices.sheet if len(choices.sheets) > 1 else None,
                    sample_names=info["sample_names"], added_over=info["added_over"], each_row=info["each_row"],
                    choices=choices)


# --- out: CSV and Excel --------------------------------------------------------------------
def safe_text(value):
    """Text a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe (every CSV export)."""
    if isinstance(value, str) and value[:1] in _FORMULA_START:
        return "'" + value
    return value


def to_csv_bytes(book: TallyBook) -> bytes:
    """The tidy table as CSV in UTF-8 with a BOM, so Excel shows "£" and "é" as they are."""
    frame = book.to_frame()
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_text(c) for c in frame.columns])
    for number, name, count in frame.itertuples(index=False):
        writer.writerow([int(number), safe_text(name), int(count)])
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
    # The file's words stay English whatever the page's language (its columns and values are the lab's keys).
    wide_title = _sheet_title(english_plural(book.sample_label).capitalize(), {"Counts"})
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
