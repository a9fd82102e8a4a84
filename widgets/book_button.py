"""Make our book: the group's investigation as a PDF and a web page, to download, print or keep.

The book is made in the kernel (classlab.book) from the class store once the group has joined, so it
has the class's agreed findings too; before joining, from the page's own work. It is offered as two
ordinary download links with the file inside them (`data:` addresses): Voila serves no files, and a
link works by keyboard and in every browser.
"""
from __future__ import annotations

import base64
import tempfile

import ipywidgets as w

from classlab import ChartSpec, Prediction
from classlab.book import group_book_html, make_book
from classlab.class_work import BookError, ClassWork, GroupWork, LabWords
from classlab.printing import slug, write_book
from classlab.charts import axis_labels
from classlab.language import N_, _

from ._accessible import message_area, say
from ._common import esc

#: The name a group's book has before the group has joined a class (and so has no name of its own yet).
OUR_GROUP = N_("Our group")


def download_link(data: bytes, filename: str, mime: str, words: str) -> str:
    """A download link with the file inside it (a data: address), named by its words."""
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<a class="classlab-book-link" download="{esc(filename)}" href="data:{mime};base64,{encoded}">'
            f"{esc(words)}</a>")


class BookButton(w.VBox):
    """One button that makes the group's book, then links to download it as a PDF and as a web page."""

    def __init__(self, lab: LabWords, book, chart: ChartSpec | None = None, prediction: Prediction | None = None,
                 findings=None, join=None, labs_dir=None, question=lambda: "", **kwargs):
        self.lab, self.book, self.join, self.labs_dir = lab, book, join, labs_dir
        self.chart, self.prediction, self.findings, self.question = chart, prediction, findings, question
        self.make = w.Button(description=_("Make our book"), button_style="primary", layout=w.Layout(width="auto"),
                             tooltip=_("Make a book of our investigation, to print or keep"))
        self.make.on_click(lambda _: self.make_book())
        self.message = message_area()
        self.links = w.HTML()
        self.links.add_class("classlab-book-links")
        self.pdf: bytes | None = None
        self.html: str | None = None
        super().__init__([self.make, self.message, self.links], **kwargs)
        self.add_class("classlab-book-button")

    def _link(self):
        return getattr(self.join, "link", None)

    def _local_html(self) -> str:
        """The book from this page's work alone (the group has not joined a class)."""
        x_label, y_label = axis_labels(self.book.category_label, self.book.thing_label)
        chart = self.chart if self.chart is not None else ChartSpec(x_label=x_label, y_label=y_label)
        prediction = self.prediction if self.prediction is not None else Prediction(category=self.book.categories.names[0])
        answers = dict(self.findings.answers) if self.findings is not None else {}
        work = GroupWork(_(OUR_GROUP), bool(self.book.practice), self.book, chart, prediction, answers, [],
                         str(self.question() or ""))
        cls = ClassWork("", self.lab.title, self.lab, [work], [], None)
        return group_book_html(cls, _(OUR_GROUP))

    def make_book(self) -> bool:
        """Make the book now (everything saved first), and offer it to download."""
        self.make.disabled = True
        self.links.value = ""
        say(self.message, _("Making your book… this takes a few seconds."), news=True)
        try:
            with tempfile.TemporaryDirectory(prefix="classlab-book-") as folder:
                link = self._link()
                if link is not None:
                    link.push()  # the latest tally and words go in the book too
                    name = link.group.name
                    made = make_book(link.store, link.group.session_code, name, folder, labs_dir=self.labs_dir)
                else:
                    name = _(OUR_GROUP)
                    made = write_book(self._local_html(), folder, "book-our-group")
                self.html = made.html.read_text(encoding="utf-8")
                self.pdf = made.pdf.read_bytes() if made.pdf is not None else None
        except BookError as problem:
            say(self.message, str(problem))
            return False
        except Exception:
            say(self.message, _("Sorry, we couldn't make your book just now. Please try again in a moment."))
            return False
        finally:
            self.make.disabled = False
        stem = f"{slug(name)}-book"
        links = []
        if self.pdf is not None:
            links.append(download_link(self.pdf, f"{stem}.pdf", "application/pdf", _("Download our book (PDF)")))
        links.append(download_link(self.html.encode("utf-8"), f"{stem}.html", "text/html",
                                   _("Download our book (web page)")))
        self.links.value = '<p class="classlab-book-links">' + " · ".join(links) + "</p>"
        say(self.message, _("Your book is ready: download it below.") if self.pdf is not None else
            _("Your book is ready as a web page: download it below, open it and print it."), news=True)
        return True


class ClassBookButtons(w.VBox):
    """For the teacher's board: the class book (a chapter per group) and the page for parents, to download."""

    def __init__(self, store, code=lambda: None, labs_dir=None, **kwargs):
        self.store, self.code, self.labs_dir = store, code, labs_dir
        self.class_book = w.Button(description=_("Make the class book"), layout=w.Layout(width="auto"),
                                   tooltip=_("A book of the class's work: a chapter for each group, then what the class agreed"))
        self.parents = w.Button(description=_("Make the page for parents"), layout=w.Layout(width="auto"),
                                tooltip=_("What the class asked, found and agreed, with no pupil or group names"))
        self.class_book.on_click(lambda _click: self.make("class"))
        self.parents.on_click(lambda _click: self.make("parents"))
        self.message = message_area()
        self.links = w.HTML()
        super().__init__([w.HBox([self.class_book, self.parents]), self.message, self.links], **kwargs)
        self.add_class("classlab-class-books")

    def make(self, which: str) -> bool:
        """Make the class book or the parents' page from the store now, and offer it to download."""
        code = self.code()
        if not code:
            say(self.message, _("Start or choose a class first."))
            return False
        from classlab.parents import make_parents_page

        buttons = (self.class_book, self.parents)
        for b in buttons:
            b.disabled = True
        self.links.value = ""
        say(self.message, _("Making it now… this takes a few seconds."), news=True)
        try:
            with tempfile.TemporaryDirectory(prefix="classlab-book-") as folder:
                if which == "parents":
                    made = make_parents_page(self.store, code, folder, labs_dir=self.labs_dir)
                else:
                    made = make_book(self.store, code, None, folder, labs_dir=self.labs_dir)
                html = made.html.read_bytes()
                pdf = made.pdf.read_bytes() if made.pdf is not None else None
                stem = made.html.stem
        except (BookError, ValueError) as problem:
            say(self.message, str(problem))
            return False
        except Exception:
            say(self.message, _("Sorry, that couldn't be made just now. Please try again in a moment."))
            return False
        finally:
            for b in buttons:
                b.disabled = False
        if which == "parents":
            as_pdf, as_page = _("Download the page for parents (PDF)"), _("Download the page for parents (web page)")
            ready = _("The page for parents is ready: download it below. "
                      "Group names are taken out; read it through before you share it.")
        else:
            as_pdf, as_page = _("Download the class book (PDF)"), _("Download the class book (web page)")
            ready = _("The class book is ready: download it below.")
        links = ([download_link(pdf, f"{stem}.pdf", "application/pdf", as_pdf)] if pdf else [])
        links.append(download_link(html, f"{stem}.html", "text/html", as_page))
        self.links.value = '<p class="classlab-book-links">' + " · ".join(links) + "</p>"
        say(self.message, ready, news=True)
        return True


__all__ = ["BookButton", "ClassBookButtons", "download_link"]
