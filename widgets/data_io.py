"""Data in and out: import a CSV or Excel file into a lab, and download the lab's counts as CSV or Excel.

The view only hands bytes to the engine (`classlab.io`), which checks the whole file before it
changes anything; a bad file gets the engine's kind message and the counts stay as they were.
"""
from __future__ import annotations

import secrets

import anywidget
import ipywidgets as w
from traitlets import Dict, Int, Unicode

from classlab import TallyBook
from classlab.categories import plural
from classlab.language import N_, _, lab_word
from classlab.io import (ALL_TOGETHER, CSV_MIME, EACH_ROW, EXCEL_MIME, MAX_BYTES, Choices, ImportProblem, check_size,
                         import_into, to_csv_bytes, to_excel_bytes)

from ._accessible import message_area, say
from ._common import esc
from .downloads import Downloader

#: The buttons' words in English: said with `_()` in the page's language when drawn.
IMPORT_LABEL = N_("Import a CSV or Excel file")
CHOOSE_LABEL = N_("Choose the sheet and columns")
HIDE_LABEL = N_("Hide the sheet and column choices")
AGAIN_LABEL = N_("Import again with these choices")
#: The dropdowns' first option: let the engine find the column by its name or what is in it.
FIND = N_("(find it for me)")
# FileUpload is not a .widget-button, so the lab's big-button look is given here; its own text ends in a
# file count, "(0)", that means nothing to a pupil: the words are drawn by CSS and named by aria-label.
_LOOK = """<style>
.classlab-data-io .widget-upload {{ min-height: 40px; font-size: 0; border-radius: 8px; padding: 0 14px; }}
.classlab-data-io .widget-upload i {{ font-size: 16px; margin-right: 6px; }}
.classlab-data-io .widget-upload::after {{ content: "{label}"; font-size: 16px; }}
</style>"""


def _look() -> str:
    """The upload button's look, its words in the page's language (a CSS string: quotes and backslashes escaped)."""
    label = _(IMPORT_LABEL).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return _LOOK.format(label=label)


class _UploadHelper(anywidget.AnyWidget):
    """Invisible: gives the upload button its accessible name, and stops an over-large file in the page.

    ipywidgets' FileUpload writes "Import a CSV or Excel file (0)" into its button, a count a screen
    reader would read out as part of the name: aria-label gives the words alone. And FileUpload
    sends a whole file over the page's connection, which closes on a message over 10 MB (the page
    reconnects, the file never arrives and nothing is said): a file over the engine's limit is taken
    back before it is sent, and only its name and size come to the kernel, which says why.
    """

    _esm = """
    async function render({ model, el }) {
      el.style.display = "none";
      const name = () => {
        const buttons = document.querySelectorAll("button." + model.get("token"));
        buttons.forEach((b) => b.setAttribute("aria-label", model.get("label")));
        return buttons.length > 0;
      };
      if (!name()) {
        const watch = new MutationObserver(() => { if (name()) watch.disconnect(); });
        watch.observe(document.body, { childList: true, subtree: true });
      }
      const upload = await model.widget_manager.get_model(model.get("upload_id"));
      upload.on("change:value", () => {
        const big = (upload.get("value") || []).find((f) => f.size > model.get("most_bytes"));
        if (!big) return;
        upload.set("value", []);  // taken back before FileUpload sends it
        model.set("refused", { name: String(big.name), size: big.size, at: Date.now() });
        model.save_changes();
      });
    }
    export default { render };
    """
    token = Unicode(help="The class that marks this lab's upload button.").tag(sync=True)
    label = Unicode(help="The upload button's accessible name.").tag(sync=True)
    upload_id = Unicode(help="The FileUpload's model id, so the page can find it.").tag(sync=True)
    most_bytes = Int(MAX_BYTES, help="Files bigger than this are stopped in the page.").tag(sync=True)
    refused = Dict(help="The name and size of a file stopped in the page (sent by the page).").tag(sync=True)


class DataInOut(w.VBox):
    """Bring counts in from a spreadsheet file, or take them home as CSV or Excel."""

    def __init__(self, book: TallyBook, filename_stem: str = "our-counts", **kwargs):
        self.book, self.filename_stem = book, filename_stem
        samples = plural(book.sample_label)
        sample, category = lab_word(book.sample_label), lab_word(book.category_label)  # as pupils read them (tiwb, lliw)
        token = f"classlab-import-{secrets.token_hex(4)}"
        # Translators: {samples} is the lab's word for what is counted in, plural (tubes, throws).
        self.upload = w.FileUpload(
            description=_(IMPORT_LABEL), accept=".csv,.xlsx", multiple=False, layout=w.Layout(width="auto"),
            tooltip=_("Replace our {samples} with the counts in a CSV or Excel file").format(samples=samples))
        self.upload.add_class("classlab-import")
        self.upload.add_class(token)
        self.to_csv = w.Button(description=_("Download as CSV"), layout=w.Layout(width="auto"),
                               tooltip=_("Download our {samples} as a CSV file").format(samples=samples))
        self.to_excel = w.Button(description=_("Download as Excel"), layout=w.Layout(width="auto"),
                                 tooltip=_("Download our {samples} as an Excel file").format(samples=samples))
        # Translators: {sample} and {category} are the lab's words (tube, colour), already in bold where they
        # name a column; {samples} is {sample} in the plural. "count", "Freq" and "n" are column names a file may have.
        hint = _("A file can have the columns {sample_column}, {category_column} and <b>count</b> (or Freq, n, …), "
                 "or one row for each {sample} and one column for each {category}. Importing replaces the {samples} "
                 "you have now; you can choose the sheet and which column is which after choosing a file.").format(
            sample_column=f"<b>{esc(sample)}</b>", category_column=f"<b>{esc(category)}</b>",
            sample=esc(sample), category=esc(category), samples=esc(samples))
        self.hint = w.HTML(f'{_look()}<p class="classlab-hint">{hint}</p>')
        self.message = message_area()
        self.downloader = Downloader()
        self._helper = _UploadHelper(token=token, label=_(IMPORT_LABEL), upload_id=self.upload.model_id)
        # Choosing the sheet and which column is which, for a file whose names don't say (kept to import again).
        self._file: tuple[str, bytes] | None = None
        self._used: Choices | None = None
        wide = {"description_width": "initial"}
        self.sheet = w.Dropdown(description=_("Sheet to use"), style=wide, layout=w.Layout(width="auto"))
        # Translators: {name} is the lab's word (tube, colour).
        self.sample_column = w.Dropdown(description=_("Which column says the {name}").format(name=sample),
                                        style=wide, layout=w.Layout(width="auto"))
        self.category_column = w.Dropdown(description=_("Which column says the {name}").format(name=category),
                                          style=wide, layout=w.Layout(width="auto"))
        self.count_column = w.Dropdown(description=_("Which column has the counts"), style=wide,
                                       layout=w.Layout(width="auto"))
        self.again = w.Button(description=_(AGAIN_LABEL), layout=w.Layout(width="auto"),
                              tooltip=_("Import the same file again, using the sheet and columns chosen here"))
        self.choose = w.Button(description=_(CHOOSE_LABEL), layout=w.Layout(width="auto", display="none"),
                               tooltip=_("Say which sheet to use and which column is which"))
        # What Import again will use, said back in words once the page has it (and heard by screen readers).
        self.chosen = w.HTML()
        self.chosen.add_class("classlab-import-chosen")
        self.choices = w.VBox([self.sheet, self.sample_column, self.category_column, self.count_column, self.chosen,
                               self.again], layout=w.Layout(display="none"))
        self.choices.add_class("classlab-import-choices")
        self.upload.observe(self._uploaded, names="value")
        self._helper.observe(self._refused_in_page, names="refused")
        self.to_csv.on_click(lambda _: self.download("csv"))
        self.to_excel.on_click(lambda _: self.download("excel"))
        self.choose.on_click(lambda _: self._show_choices(self.choices.layout.display == "none"))
        self.again.on_click(lambda _: self.import_again())
        for dropdown in (self.sheet, self.sample_column, self.category_column, self.count_column):
            dropdown.observe(lambda _: self._say_chosen(), names="value")
        super().__init__([w.HBox([self.upload, self.to_csv, self.to_excel, self.choose],
                                 layout=w.Layout(flex_flow="row wrap")),
                          self.hint, self.message, self.choices, self.downloader, self._helper], **kwargs)
        self.add_class("classlab-data-io")

    def _uploaded(self, change) -> None:
        files = change["new"]
        if not files:
            return
        try:
            try:
                name, data = str(files[0]["name"]), bytes(files[0]["content"])
            except (KeyError, TypeError, ValueError, IndexError):  # a page's message is untrusted input
                say(self.message, _("That file couldn't be read. Please try choosing it again."))
                return
            self.import_file(name, data)
        finally:
            # Ready for the next file (the same one again, too), and the button shows no count.
            self.upload.value = ()

    def _refused_in_page(self, change) -> None:
        """The page stopped a file too big to send: say so in the engine's words (name and size are untrusted)."""
        refused = change["new"] or {}
        try:
            size = int(refused.get("size", 0))
            check_size(str(refused.get("name", ""))[:200], size)
        except ImportProblem as problem:
            say(self.message, str(problem))
        except (TypeError, ValueError):
            pass

    def import_file(self, filename: str, data: bytes, **choose) -> bool:
        """Import one file's bytes; say what happened. False (and nothing changed) for a bad file.

        `choose` is passed to `import_into` (sheet, sample_column, category_column, count_column). The
        file is kept, so the sheet and columns can be chosen and it imported again without a new upload.
        """
        self._file = (filename, bytes(data))
        try:
            done = import_into(self.book, data, filename, **choose)
        except ImportProblem as problem:
            # The choices first, then the words that ask for them: a pupil (or a screen reader) who acts on
            # "Please choose it" at once finds the lists filled, not filled again under their keys.
            choices = problem.choices
            self._offer(choices, show=bool(choices and (choices.unclear or len(choices.sheets) > 1)))
            say(self.message, str(problem))
            return False
        self._offer(done.choices, show=bool(done.choices and len(done.choices.sheets) > 1))
        self._good(done.message)
        return True

    def import_again(self) -> bool:
        """Import the last file again with the sheet and columns chosen in the dropdowns."""
        if self._file is None:
            say(self.message, _("Please choose a file to import first."))
            return False
        used = self._used or Choices()
        sheet = self.sheet.value if len(used.sheets) > 1 else None
        choose = {"sheet": sheet}
        if sheet is None or sheet == used.sheet:  # another sheet has other columns: find them afresh
            choose.update(sample_column=self.sample_column.value or None,  # "" is FIND: let the engine look
                          category_column=self.category_column.value or None,
                          count_column=self.count_column.value or None)
        return self.import_file(*self._file, **choose)

    def _offer(self, choices: Choices | None, show: bool) -> None:
        """Fill the dropdowns with this file's sheets and columns, set to what was used; open them if needed."""
        self._used = choices
        if choices is None or not (choices.columns or len(choices.sheets) > 1):
            self.choose.layout.display = "none"
            self._show_choices(False)
            return
        columns = [(c, c) for c in choices.columns]
        find = _(FIND)
        # Translators: {name} is the lab's word (tube): every row belongs to one and the same.
        together = _("(all one {name})").format(name=lab_word(self.book.sample_label))
        fill = [
            (self.sheet, [(t, t) for t in choices.sheets], choices.sheet),
            (self.sample_column, [(find, ""), (together, ALL_TOGETHER), *columns], choices.sample_column),
            (self.category_column, [(find, ""), *columns], choices.category_column),
            (self.count_column, [(find, ""), (_("(each row is one)"), EACH_ROW), *columns], choices.count_column),
        ]
        for dropdown, options, value in fill:
            dropdown.options = options
            values = [v for _, v in options]
            dropdown.value = value if value in values else (values[0] if values else None)
        self.sheet.layout.display = "" if len(choices.sheets) > 1 else "none"
        for dropdown in (self.sample_column, self.category_column, self.count_column):
            dropdown.layout.display = "" if choices.columns else "none"
        self.choose.layout.display = ""
        if show:
            self._show_choices(True)

    def _say_chosen(self) -> None:
        """'Import again will use: the home from “Garden”, …', so nobody presses it unsure of what it will do."""
        find = _(FIND)

        def words(dropdown, what):
            label = next((text for text, value in dropdown.options if value == dropdown.value), find)
            # Translators: {what} is "the sheet", "the tube" or "the counts"; {label} the column or sheet chosen.
            return _("{what}: {label}").format(what=what, label=_("found for you") if label == find else label)

        # Translators: {name} is the lab's word (tube, colour).
        parts = [words(self.sample_column, _("the {name}").format(name=lab_word(self.book.sample_label))),
                 words(self.category_column, _("the {name}").format(name=lab_word(self.book.category_label))),
                 words(self.count_column, _("the counts"))]
        if len(self.sheet.options) > 1:
            parts.insert(0, words(self.sheet, _("the sheet")))
        # Not a live region (the widget's one is its message): each dropdown is read out as it changes anyway.
        # Translators: {choices} lists what Import again will use, e.g. "the tube: Tube · the counts: found for you".
        said = _("Import again will use {choices}.").format(choices=esc(" · ".join(parts)))
        self.chosen.value = f'<p class="classlab-hint">{said}</p>'

    def _show_choices(self, show: bool) -> None:
        """Open or close the dropdowns; the button says which it will do next."""
        self.choices.layout.display = "" if show else "none"
        self.choose.description = _(HIDE_LABEL) if show else _(CHOOSE_LABEL)

    def download(self, kind: str) -> None:
        """Ask the browser to download the counts, made fresh from the book."""
        if kind == "excel":
            name, data, mime = f"{self.filename_stem}.xlsx", to_excel_bytes(self.book), EXCEL_MIME
        else:
            name, data, mime = f"{self.filename_stem}.csv", to_csv_bytes(self.book), CSV_MIME
        self.downloader.send_file(name, data, mime)
        # Translators: {name} is the file's name (our-counts.csv).
        self._good(_("Saved as {name} in your downloads.").format(name=name))

    def _good(self, text: str) -> None:
        """Good news in green, announced like every message."""
        say(self.message, text, news=True)
