"""A teacher guide (or the home sheet) in another language, the gettext way for documents (as sphinx-intl and mdpo do).

A guide is written in English (UK) as a notebook. Its prose goes into a catalogue of its own,
`<folder>/locale/<language>/LC_MESSAGES/<name>.po`, one entry per block of a markdown cell (a paragraph,
a heading, a whole list or a whole table, so a translator sees each one whole). A translator fills it in
with any .po editor; `translated()` then writes `<name>.<language>.ipynb` beside the English guide.

Run again after the English changes: `classlab translate teacher_guides/smarties.ipynb cy`
keeps every translation whose block is unchanged, drops the blocks that went, adds the new ones
(empty: the Welsh guide shows them in English until someone translates them) and writes the guide.
Nothing here imports ipywidgets: a catalogue is made without a page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import nbformat
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from .language import locale_code

LOCALE = "locale"
#: The id of the cell that makes a translated guide's code speak its language (so the engine's printed words match).
LANGUAGE_CELL = "use-language"

__all__ = ["Block", "blocks", "catalogue", "catalogue_path", "translated", "translated_path", "translation", "update"]

_GAP = re.compile(r"(\n[ \t]*\n(?:[ \t]*\n)*)")  # a blank line or more: where markdown blocks part
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,3}[.)])[ \t]")
_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)


@dataclass(frozen=True)
class Block:
    """One piece of a markdown cell a translator sees whole: its words, and which cell it came from."""

    words: str
    cell: int  # counted from 1, as a reader counts the notebook's cells
    number: int  # its place in the cell, from 1
    kind: str  # heading, list, table, code block or paragraph: a hint for the translator

    @property
    def note(self) -> str:
        return f"Cell {self.cell}, block {self.number}: a {self.kind}. Keep the markdown, links, `code` and numbers."


def _kind(words: str) -> str:
    first = words.lstrip().splitlines()[0]
    if first.startswith("#"):
        return "heading"
    if _FENCE.match(first):
        return "code block"
    if first.startswith("|"):
        return "table"
    if _LIST_ITEM.match(first):
        return "list"
    return "paragraph"


def _pieces(source: str) -> list[str]:
    """A cell's text as [chunk, gap, chunk, gap, ..., chunk], with a list or a fenced code block kept in one chunk.

    Joining the pieces gives the cell back exactly, so only the chunks change when it is translated.
    """
    split = _GAP.split(source)
    pieces = [split[0]]
    for gap, chunk in zip(split[1::2], split[2::2]):
        last = pieces[-1]
        open_fence = len(_FENCE.findall(last)) % 2 == 1
        in_list = _kind(last) == "list" if last.strip() else False
        goes_on = bool(chunk.strip()) and (_LIST_ITEM.match(chunk.lstrip("\n")) or chunk.lstrip("\n")[:1] in (" ", "\t"))
        if open_fence or (in_list and goes_on):
            pieces[-1] = last + gap + chunk  # a loose list's next item, or the rest of a code block: the same block
        else:
            pieces += [gap, chunk]
    return pieces


def _translatable(chunk: str) -> bool:
    """A block with words in it (a rule, `---`, or an empty line has nothing to translate)."""
    return any(ch.isalpha() for ch in chunk)


def _read(notebook) -> nbformat.NotebookNode:
    if isinstance(notebook, nbformat.NotebookNode):
        return notebook
    return nbformat.read(Path(notebook), as_version=4)


def blocks(notebook) -> list[Block]:
    """Every block of the notebook's markdown cells, in reading order (code cells have none: code is not translated)."""
    found = []
    for i, cell in enumerate(_read(notebook).cells, start=1):
        if cell.cell_type != "markdown":
            continue
        chunks = [c for c in _pieces(cell.source)[::2] if _translatable(c)]
        found += [Block(c.strip(), i, n, _kind(c)) for n, c in enumerate(chunks, start=1)]
    return found


def catalogue(notebook, code: str = "cy", name: str | None = None) -> Catalog:
    """A catalogue of the notebook's blocks for `code`, every translation still empty (a block said twice is one entry)."""
    code = locale_code(code)
    name = name or (Path(notebook).stem if not isinstance(notebook, nbformat.NotebookNode) else "guide")
    made = Catalog(locale=code, domain=name, project=f"ClassLab guide: {name}", version="1",
                   copyright_holder="ClassLab's authors", creation_date=datetime.now(timezone.utc), fuzzy=False,
                   header_comment=f"# The words of {name}.ipynb in {Locale.parse(code).english_name}, one entry per "
                                  "paragraph, heading, list or table.\n"
                                  f"# Made and updated by: classlab translate {name}.ipynb {code}\n"
                                  "# Fill in each msgstr; an empty one stays English. Keep the markdown, links, "
                                  "`code` and numbers.")
    for block in blocks(notebook):
        if block.words in made:
            made[block.words].auto_comments.append(block.note)
        else:
            made.add(block.words, string="", auto_comments=[block.note])
    return made


def catalogue_path(notebook_path, code: str) -> Path:
    """`<folder>/locale/<code>/LC_MESSAGES/<name>.po`: beside the guide, as a lab's catalogue is beside the lab."""
    path = Path(notebook_path)
    return path.parent / LOCALE / locale_code(code) / "LC_MESSAGES" / f"{path.stem}.po"


def _load(path: Path, code: str) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=code, domain=path.stem)


def update(notebook_path, code: str) -> Path:
    """Make or update the guide's catalogue for `code`: unchanged blocks keep their words, gone blocks are dropped."""
    code = locale_code(code)
    notebook_path = Path(notebook_path)
    path = catalogue_path(notebook_path, code)
    fresh = catalogue(notebook_path, code)
    if path.is_file():
        kept = _load(path, code)
        fresh.creation_date = kept.creation_date  # the same blocks give the same file: no churn in git
        kept.update(fresh, no_fuzzy_matching=True, update_header_comment=False)
        kept.obsolete.clear()  # blocks the guide no longer has: dropped, not kept commented out
        fresh = kept
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as po:
        write_po(po, fresh, width=110, omit_header=False, sort_output=False)
    return path


def translated_path(notebook_path, code: str) -> Path:
    path = Path(notebook_path)
    return path.with_name(f"{path.stem}.{locale_code(code)}.ipynb")


def translation(notebook_path, code: str) -> nbformat.NotebookNode:
    """The guide in `code`, not yet written: each translated block in place of its English, the rest as it was.

    Code cells are kept (with no outputs); a notebook with code gets a first code cell that speaks the
    language, so what the engine prints (checklists, percentages) is in it too.
    """
    code = locale_code(code)
    notebook_path = Path(notebook_path)
    nb = _read(notebook_path)
    path = catalogue_path(notebook_path, code)
    words = {m.id: m.string for m in _load(path, code) if m.id and m.string and not m.fuzzy} if path.is_file() else {}
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            pieces = _pieces(cell.source)
            for i in range(0, len(pieces), 2):
                chunk = pieces[i]
                english = chunk.strip()
                if english in words:
                    start = chunk.index(english)
                    pieces[i] = chunk[:start] + words[english] + chunk[start + len(english):]
            cell.source = "".join(pieces)
        elif cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    first_code = next((i for i, c in enumerate(cells) if c.cell_type == "code"), None)
    if first_code is not None:
        # the ";" keeps the page from showing use()'s answer ('cy') as the cell's output
        speak = nbformat.v4.new_code_cell(f'from classlab import language\nlanguage.use("{code}");')
        if "id" in cells[first_code]:
            speak.id = LANGUAGE_CELL
        else:
            speak.pop("id", None)  # an nbformat 4.4 notebook has no cell ids: adding one would make it invalid
        cells.insert(first_code, speak)
    nb.cells = cells
    nb.metadata["classlab"] = {"translated_from": notebook_path.name, "language": code,
                               "edit": f"{LOCALE}/{code}/LC_MESSAGES/{notebook_path.stem}.po, then run: "
                                       f"classlab translate {notebook_path.parent.name}/{notebook_path.name} {code}"}
    return nb


def translated(notebook_path, code: str) -> Path:
    """Write `<name>.<code>.ipynb` beside the guide (made again from the catalogue each time: never edit it by hand)."""
    path = translated_path(notebook_path, code)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        nbformat.write(translation(notebook_path, code), out)
    return path
