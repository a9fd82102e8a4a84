"""The teacher's class board: every group's work live, the class's pooled data, and sorting findings.

Made for the projector. It reads the class store every few seconds and redraws only what changed;
every group name and finding is pupils' text, so it is shown escaped or in plain-text widgets.
The board speaks its own page's language (`?lang=`, else the server's); the class's language it sets is for pupils.
"""
from __future__ import annotations

import io
import logging
import tempfile
import threading
import zipfile
from datetime import datetime
from pathlib import Path

import bqplot as bq
from babel.dates import format_datetime
import ipywidgets as w

from classlab import Categories, ChartSpec, TallyBook, whole_number_ticks
from classlab.board import ClassReader
from classlab.categories import plural
from classlab.charts import axis_labels
from classlab.findings import STATUS_WORDS
from classlab import language, settings
from classlab.language import _, lab_word, ngettext
from classlab.sync import Heartbeat, keep_every_message, kernel_caller, kernel_store

from ._accessible import DialogKeeper, message_area, say
from ._common import count_axis, esc, figure
from .chart_builder import ChartBuilder
from .book_button import ClassBookButtons
from .downloads import Downloader
from .peer_feedback import ClassStars
from .percentage_explorer import PercentageExplorer
from .reflection import VoiceBoard
from .shared_misconceptions import SharedMisconceptions

#: The board's own look, for the projector (big text; the class code biggest of all).
BOARD_CSS = (Path(__file__).parent / "static" / "class_board.css").read_text(encoding="utf-8")


def _bars(categories: Categories, height: str, title: str = "", names: bool = True, ys=None):
    """A bar chart of one set of counts; `ys` shares one count scale between charts (the group cards)."""
    xs, ys = bq.OrdinalScale(domain=categories.shown), ys if ys is not None else bq.LinearScale(min=0, max=10)
    bars = bq.Bars(x=categories.shown, y=[0] * len(categories), colors=categories.colours, stroke="#333",
                   scales={"x": xs, "y": ys}, padding=0.15)
    y_axis = bq.Axis(scale=ys, side="left", tick_format="d", tick_values=[0, 5, 10], tick_style={"font-size": "16px"})
    # Small multiples are read by colour; their names would only crowd each other.
    x_axis = bq.Axis(scale=xs, tick_style={} if names else {"display": "none"})
    fig = figure([bars], [x_axis, y_axis], title=title,
                 margin={"top": 35 if title or names else 12, "bottom": 30, "left": 40, "right": 10},
                 layout=w.Layout(width="100%", height=height))
    return fig, bars, ys, y_axis


def _show(bars, ys, y_axis, counts: list[int]) -> None:
    with bars.hold_sync():
        count_axis(ys, y_axis, max(counts, default=0), most=5)
        bars.y = counts


def board_table(name: str, headings: list, rows: str) -> str:
    """A named table of the board's: each heading is its words, or (words, a class for a text column); `rows` is
    its body's HTML, already escaped."""
    cells = "".join(f'<th scope="col" class="{h[1]}">{h[0]}</th>' if isinstance(h, tuple) else f'<th scope="col">{h}</th>'
                    for h in headings)
    return f'<table class="classlab-table" aria-label="{name}"><thead><tr>{cells}</tr></thead><tbody>{rows}</tbody></table>'


def qr_svg(url: str) -> str:
    """The address as a QR code, inline SVG made here by segno (no request leaves the machine)."""
    import segno

    return segno.make(url, error="m", micro=False).svg_inline(scale=6, border=2, dark="#000", light="#fff", omitsize=True)


def pupils_language() -> str:
    """The language pupils' pages open in when their class has chosen none: the server's, not the board's own page's."""
    return language.choose("")


def board_top(code: str, ended: bool, pupils_url: str = "", title: str = "") -> str:
    """The top of the board: the class code, biggest of all, and beside it the address pupils type (with its QR code)."""
    state = _("This class has ended.") if ended else _("Groups type this code, and a name for their group.")
    address = ""
    if pupils_url:
        go_to = _("Pupils go to")
        # Translators: {address} is the web address pupils type, read out by a screen reader for the QR code.
        qr_name = esc(_("QR code of {address}").format(address=pupils_url))
        address = (f'<div class="classlab-pupils-address"><div><p>{go_to}</p>'
                   f'<p class="classlab-address">{esc(pupils_url)}</p></div>'
                   f'<div class="classlab-qr" role="img" aria-label="{qr_name}">{qr_svg(pupils_url)}</div>'
                   "</div>")
    lab = f"{esc(title)} · " if title else ""
    class_code = _("Class code")
    return (f'<div class="classlab-top-row"><div class="classlab-code-box">'
            f'<h1 class="classlab-class-code"><small>{class_code}</small> <span>{esc(code)}</span></h1></div>'
            f'{address}</div><p class="classlab-code-state">{lab}{state}</p>')


def how_to_run(samples: str) -> str:
    """The teacher's instructions, folded so the class code and the groups' work fill the projector."""
    steps = [
        # Translators: the teacher's instructions; each bold word is a button's or a heading's words on the board.
        _("<b>Start a new class</b> gives a class code. Each group opens the lab, types the code and a group "
          "name of its own (a team name, not real names), and presses Join."),
        # Translators: {samples} is the lab's word for what groups count, in the plural (tubes, throws).
        _("<b>Every group</b>: each group's {samples} in small charts, all on one scale. "
          "<i>Spotlight</i> shows one big for the class to discuss.").format(samples=esc(samples)),
        # Translators: {samples} is the lab's word for what groups count, in the plural (tubes, throws).
        _("<b>The whole class</b>: everyone's {samples} pooled, with its chart and percentages.").format(samples=esc(samples)),
        # Translators: {samples} is the lab's word for what groups count, in the plural (tubes, throws).
        _("<b>The {samples} that differ most</b> and <b>predictions beside the class's data</b>: starting "
          "points for talk.").format(samples=esc(samples)),
        _("<b>Findings</b>: sort each group's claim with the class: <i>we agree, and here is the evidence</i>, "
          "<i>we need to check</i>, or <i>true, but not about our question</i>."),
        _("Export the class's data and findings as CSV or Excel; end the class when the lesson is over; "
          "delete it for good when you no longer need it."),
    ]
    summary = _("How to run the class (for the teacher)")
    return (f'<details class="classlab-how-to"><summary>{summary}</summary><ul>'
            + "".join(f"<li>{step}</li>" for step in steps) + "</ul></details>")


def stands_out(name: str, count: int, expected: float, category: str = "category", thing: str = "thing",
               sample: str = "sample") -> str:
    """One odd sample's most different category, said kindly and plainly, in the lab's words (given as the lab writes them)."""
    about = round(expected)
    # Translators: {n} is a number, {things} the lab's word for what is counted (sweets, throws), as the lab gives it.
    expect = _("almost none") if about == 0 else _("about {n} {things}").format(n=about, things=plural(thing, about))
    # Translators: {category} is the lab's word for a kind (Colour, Face), {name} one of them (orange), {sample} one
    # sample (tube); {expect} is "about 3 sweets" or "almost none".
    return _("{category} {name}: {count} {things} in this {sample}. With the whole class's mix, we'd expect {expect}.").format(
        category=lab_word(category).capitalize(), name=lab_word(name), count=count, things=plural(thing, count),
        sample=lab_word(sample), expect=expect)


class GroupCard(w.VBox):
    """One group in the small multiples: its name, its samples pooled, a spotlight button.

    Every card draws on the board's one count scale (`ys`), so 43 looks smaller than 119. A name too
    long for the card ends in "…" and shows whole on hover and keyboard focus (its title, and CSS).
    """

    def __init__(self, name: str, categories: Categories, spotlight, ys=None):
        self.name = name
        # Escaped: pupils' text is never HTML. Focusable, with the whole name as its title (hover and focus show it).
        self.label = w.HTML(f'<div class="classlab-group-name" tabindex="0" title="{esc(name)}">{esc(name)}</div>')
        self.figure, self.bars, self.ys, self.y_axis = _bars(categories, "190px", names=False, ys=ys)
        self.figure.add_class("classlab-group-chart")
        self.about = w.Label("")
        # Translators: {name} is a group's own name.
        self.spot = w.Button(description=_("Spotlight"), layout=w.Layout(width="auto"),
                             tooltip=_("Show the chart of group {name}, big").format(name=name))  # no "Reds's"
        self.spot.on_click(lambda _: spotlight(name))
        # The counts' words and the button wrap rather than cut each other off on a narrow card.
        super().__init__([self.label, self.figure, w.HBox([self.about, self.spot],
                                                          layout=w.Layout(flex_flow="row wrap", align_items="center"))],
                         layout=w.Layout(border="1px solid #bbb", padding="4px", width="300px"))
        self.add_class("classlab-group-card")

    def show(self, book, ticks: list[int] | None = None) -> None:
        """The group's counts; `ticks` are the shared scale's (the board sets its max for every card)."""
        counts = book.matrix().sum(axis=0).tolist()
        if ticks is None:
            _show(self.bars, self.ys, self.y_axis, counts)
        else:
            with self.bars.hold_sync():
                self.y_axis.tick_values = ticks
                self.bars.y = counts
        n = len(book.counted_samples())
        practice = " · " + _("practice") if getattr(book, "practice", False) else ""  # made-up data, marked (classlab.board)
        # Translators: {samples} is the lab's word for what groups count (tube or tubes, as the lab gives it).
        self.about.value = _("{n} {samples} · {total} counted").format(
            n=n, samples=plural(book.sample_label, n), total=sum(counts)) + practice


class FindingCard(w.VBox):
    """One group's finding, and the class's decision about it."""

    def __init__(self, finding, board):
        self.finding_id, self.board = finding.id, board
        self._quiet = False  # True while the card shows what the store says (not the teacher sorting)
        self.words = w.HTML()
        self.status = w.ToggleButtons(options=[(_(STATUS_WORDS[key]), key) for key in SORT_ORDER],
                                      value=finding.status, description=_("Sort as"),
                                      style={"description_width": "initial"})
        self.status.add_class("classlab-sort")
        self.sorted_words = w.HTML()  # how the class sorted it, in words, not only as a pressed button
        self.evidence = w.Text(value=finding.evidence, description=_("Evidence"), continuous_update=False,
                               style={"description_width": "initial"},
                               placeholder=_("What in our data shows it?"), layout=w.Layout(width="40em"))
        self.link_chart = w.Button(description=_("Link the pooled chart"), layout=w.Layout(width="auto"),
                                   tooltip=_("Use the class's pooled chart as the evidence"))
        self.status.observe(lambda _: self._sorted(), names="value")
        self.evidence.observe(lambda _: self._sorted(), names="value")
        self.link_chart.on_click(lambda _: self._link())
        super().__init__([self.words, self.sorted_words, self.status, w.HBox([self.evidence, self.link_chart])],
                         layout=w.Layout(border="1px solid #ccc", padding="6px", margin="4px 0"))
        self.add_class("classlab-finding")
        self.show(finding)
        self._say_sorted()

    def _say_sorted(self) -> None:
        key = self.status.value
        word = STATUS_WORDS.get(key)
        sorted_as = esc(_(word)) if word else ""
        # Translators: {sorted} is how the class sorted a finding, in bold ("We need to check").
        says = _("The class says: {sorted}").format(sorted=f"<b>{sorted_as}</b>")
        self.sorted_words.value = f'<p class="classlab-sorted classlab-sorted-{esc(key)}">{says}</p>'

    def show(self, finding) -> None:
        links = []
        if finding.continued_from:
            # Translators: {n} is the number of the finding this one carries on.
            links.append(_("continues from finding {n}").format(n=finding.continued_from))
        later = self.board.continued_by.get(finding.id, [])
        if later:
            # Translators: {groups} are the groups' own names, with commas between.
            links.append(_("continued by {groups}").format(groups=", ".join(esc(g) for g in later)))
        extra = f' <small>({"; ".join(links)})</small>' if links else ""
        # Translators: {n} is the finding's number, {question} the lab's question it answers.
        about = _("finding {n}, about: {question}").format(n=finding.id, question=esc(lab_word(finding.question)))
        self.words.value = (
            f'<p><b>{esc(finding.group_name)}</b> <small>{about}</small><br>'
            f'“{esc(finding.text)}”{extra}</p>'
        )
        # A finding sorted on another screen, or rewritten by its group (back to "not sorted yet"), shows so here.
        if finding.status in STATUS_WORDS and (finding.status, finding.evidence) != (self.status.value, self.evidence.value):
            self._quiet = True
            try:
                self.status.value, self.evidence.value = finding.status, finding.evidence
            finally:
                self._quiet = False
            self._say_sorted()

    def _sorted(self) -> None:
        if self._quiet:
            return
        self._say_sorted()
        self.board.sort(self.finding_id, self.status.value, self.evidence.value)
        self.board.arrange_findings()

    def _link(self) -> None:
        self.evidence.value = _("The pooled chart: {title}").format(title=self.board.pooled_spec.title)[:500]


#: The sort buttons' order, and the order of the headed groups of findings on the board.
SORT_ORDER = ["new", "agreed", "check", "off_question"]
GROUP_ORDER = ["agreed", "check", "off_question", "new"]


class ClassBoard(w.VBox):
    """The teacher's view of one class session, live."""

    def __init__(self, categories: Categories, lab: str, store=None, every: float = 1.0,
                 sample_label: str = "sample", category_label: str = "category", thing_label: str = "thing",
                 title: str = "", pupils_url: str | None = None, page_size: int = 60, **kwargs):
        self.categories, self.lab, self.every = categories, lab, every
        self.title = title
        self.book_kwargs = {"sample_label": sample_label, "category_label": category_label, "thing_label": thing_label}
        self.samples = plural(sample_label)
        # The address pupils type, set by `classlab serve --lan`; nothing is shown without it.
        self.pupils_url = (settings.pupils_url() if pupils_url is None else pupils_url).strip()
        self.store = store = kernel_store() if store is None else store
        self.reader = ClassReader(store, categories, **self.book_kwargs)
        self.code: str | None = None
        self._lock = threading.RLock()
        self._ui = kernel_caller() or (lambda f: f())  # where widgets are touched: the kernel's thread
        self._seen = None
        self.continued_by: dict[int, list[str]] = {}

        self.heading = w.HTML()
        self.heading.add_class("classlab-board-top")
        self.how_to = w.HTML(how_to_run(self.samples))
        self.pick = w.Dropdown(description=_("Class"), style={"description_width": "initial"})
        self.start = w.Button(description=_("Start a new class"), button_style="primary", layout=w.Layout(width="auto"))
        self.end = w.Button(description=_("End this class"), layout=w.Layout(width="auto"))
        self.csv = w.Button(description=_("Export CSV"), layout=w.Layout(width="auto"))
        self.excel = w.Button(description=_("Export Excel"), layout=w.Layout(width="auto"))
        self.sure = w.Checkbox(description=_("Yes, delete this class's data for good"), indent=False)
        self.delete = w.Button(description=_("Delete for good"), button_style="danger", layout=w.Layout(width="auto"))
        # The teacher's choice: groups' made-up practice data stays out of the class's data unless this is ticked.
        self.count_practice = w.Checkbox(description=_("Count practice data in the class's data"), indent=False)
        self.count_practice.observe(lambda c: self._count_practice(c["new"]), names="value")
        # The language the class's pages speak (pages that join from now on; a page's own ?lang= still wins).
        # The board itself speaks its own page's language; this choice is for pupils only.
        self.language = w.Dropdown(description=_("Pupils' pages in"), style={"description_width": "initial"},
                                   options=[(language.name(code), code) for code in language.languages()],
                                   value=pupils_language(), layout=w.Layout(width="auto"))
        self.language.observe(lambda c: self._class_language(c["new"]), names="value")
        self.message = message_area()
        self.updated = w.HTML()
        self.downloader = Downloader()
        self.start.on_click(lambda _: self.start_class())
        self.end.on_click(lambda _: self.end_class())
        self.csv.on_click(lambda _: self.export("csv"))
        self.excel.on_click(lambda _: self.export("excel"))
        self.delete.on_click(lambda _: self.delete_class())
        self.pick.observe(lambda c: c["new"] and self.show_class(c["new"]), names="value")

        self.cards: dict[str, GroupCard] = {}
        self.card_scale = bq.LinearScale(min=0, max=10)  # one count scale for every group's card
        self.card_ticks: list[int] = [0, 5, 10]
        self.group_names: list[str] = []
        self._books: dict = {}
        self.page, self.page_size = 0, page_size
        self.previous_page = w.Button(description=_("Previous groups"), layout=w.Layout(width="auto"),
                                      tooltip=_("Show the previous page of groups"))
        self.next_page = w.Button(description=_("Next groups"), layout=w.Layout(width="auto"),
                                  tooltip=_("Show the next page of groups"))
        self.previous_page.on_click(lambda _: self.turn_page(-1))
        self.next_page.on_click(lambda _: self.turn_page(1))
        self.page_words = w.HTML()
        self.pager = w.HBox([self.previous_page, self.page_words, self.next_page], layout=w.Layout(display="none"))
        self.pager.add_class("classlab-pager")
        self.grid = w.GridBox(layout=w.Layout(grid_template_columns="repeat(auto-fill, 310px)", grid_gap="8px"))
        self.spot_figure, self.spot_bars, self.spot_ys, self.spot_axis = _bars(categories, "520px")
        self.spot_figure.add_class("classlab-spotlight-chart")
        self.spot_close = w.Button(description=_("Close the spotlight"), button_style="primary", layout=w.Layout(width="auto"))
        self.spot_close.on_click(lambda _: self.spotlight(None))
        self.spot_name: str | None = None
        # The spotlight fills the screen (for the projector) until it is closed.
        self.class_stars = ClassStars(store, code=lambda: self.code)  # the class's two stars and a wish, agreed together
        self.spot_box = w.VBox([self.spot_close, self.spot_figure, self.class_stars], layout=w.Layout(display="none"))
        self.spot_box.add_class("classlab-spotlight")
        self.spot_keeper = DialogKeeper(selector=".classlab-spotlight", label=_("Spotlight on one group's chart"))
        self.spot_keeper.on_close(lambda: self.spotlight(None))  # Escape

        self.class_book = TallyBook(categories, **self.book_kwargs)
        x_label, y_label = axis_labels(category_label, thing_label)
        # Translators: {samples} is the lab's word for what groups count, in the plural (tubes, throws).
        self.pooled_spec = ChartSpec(view="pooled", title=_("All our {samples} together").format(samples=self.samples),
                                     x_label=x_label,
                                     y_label=y_label)
        self.pooled_chart = ChartBuilder(self.class_book, self.pooled_spec, filename="class-chart.png")
        self.pooled_percentages = PercentageExplorer(self.class_book)
        self.odd = w.HTML()
        self.predictions = w.HTML()
        for table in (self.odd, self.predictions):  # a wide table scrolls inside itself on a phone, not the page
            table.add_class("classlab-scroll-x")
        self.findings_box = w.VBox()
        self.finding_cards: dict[int, FindingCard] = {}
        self._finding_headings: dict[str, w.HTML] = {}

        # Misconceptions several groups share, and the class book and page for parents (issue 11).
        self.misconceptions = SharedMisconceptions(store, code=lambda: self.code)
        self.class_books = ClassBookButtons(store, code=lambda: self.code)
        # Pupils' voice: every group's question (also on its card), feedback between groups to release or hide, looking back.
        self.voice = VoiceBoard(store, cards=self.cards)

        h = lambda text: w.HTML(f"<h2>{text}</h2>")  # noqa: E731
        controls = w.HBox([self.pick, self.start, self.end, self.csv, self.excel, self.count_practice, self.language,
                           self.sure, self.delete],
                          layout=w.Layout(flex_flow="row wrap"))
        super().__init__([
            w.HTML(f"<style>{BOARD_CSS}</style>"), self.heading, self.how_to, controls, self.message, self.updated, self.downloader,
            h(_("Every group")), self.spot_box, self.spot_keeper, self.pager, self.grid,
            h(_("The whole class")), self.pooled_chart, self.pooled_percentages,
            h(_("The {samples} that differ most").format(samples=esc(self.samples))), self.odd,
            h(_("Predictions beside the class's data")), self.predictions,
            h(_("Findings: what do we agree on?")), self.findings_box, self.voice,
            h(_("Misconceptions several groups share")), self.misconceptions,
            h(_("The class book and a page for parents")), self.class_books,
        ], **kwargs)
        self.add_class("classlab-board")
        self._list_sessions()
        self.heartbeat = Heartbeat(self.tick, every=every)

    @classmethod
    def from_lab(cls, path, answers=None, **kwargs) -> "ClassBoard":
        """The board for the lab described in `path` (like "../labs/dice.lab.yaml"): its name, categories and words.

        For a class survey (categories chosen by the class), `answers` are the ones the class agreed on:
        classes started here give them to every group's page.
        """
        from classlab.lab_format import chosen_categories, read

        lab = read(path)
        language.use_labs(lab.path.parent)  # the lab's own words, in the board's language
        counting = lab.description.counting
        categories = lab.categories if answers is None else chosen_categories(answers)
        if categories is None:
            # Translators: {categories} is the lab's word for its kinds of answer (answers), {lab} the lab's name.
            raise ValueError(_("The class chooses the {categories} in {lab}: give the board them as answers=[...].").format(
                categories=plural(counting.category), lab=lab.name))
        kwargs.setdefault("title", lab_word(lab.description.title))
        return cls(categories, lab=lab.name, sample_label=counting.sample, category_label=counting.category,
                   thing_label=counting.thing, **kwargs)

    # --- the session -------------------------------------------------------------------------
    def _list_sessions(self, keep: str | None = None) -> None:
        sessions = [s for s in self.store.sessions() if s.lab == self.lab]
        ended = " " + _("(ended)")
        # The date as the board's language writes it (2 Rhag 14:05): babel knows each language's month names.
        when = lambda s: format_datetime(s.started_at, "d MMM HH:mm", locale=language.current())  # noqa: E731
        options = [(f"{s.code}{ended if s.ended_at else ''} · {when(s)}", s.code) for s in sessions]
        self.pick.options = options
        wanted = keep or (options[0][1] if options else None)
        if wanted and self.pick.value != wanted:
            self.pick.value = wanted
        elif not options:
            no_class, press = _("No class yet"), _("Press <b>Start a new class</b> to get a class code.")
            self.heading.value = f'<h1 class="classlab-no-class">{no_class}</h1><p>{press}</p>'

    def start_class(self) -> str:
        session = self.store.start_session(self.lab, categories=self.categories)
        self._list_sessions(keep=session.code)
        say(self.message, "")
        return session.code

    def show_class(self, code: str) -> None:
        with self._lock:
            self.code, self._seen = code, None
            self.cards.clear()
            self.grid.children = []
            self.group_names, self._books, self.page = [], {}, 0
            self.finding_cards.clear()
            self.findings_box.children = []
            self.spotlight(None)
            self.misconceptions.clear()
            session = self.store.session(code)
            self._showing_practice = True
            self.count_practice.value = session.count_practice
            self.language.value = session.language or pupils_language()
            self._showing_practice = False
            self.heading.value = board_top(code, bool(session.ended_at), self.pupils_url, self.title)
            self.refresh(force=True)
            self.voice.show_class(code)

    def _count_practice(self, count: bool) -> None:
        """Practice data into the class's data, or out again (classlab.board.pool follows the store)."""
        if getattr(self, "_showing_practice", False) or not self.code:
            return
        self.store.set_count_practice(self.code, bool(count))
        self.refresh(force=True)

    def _class_language(self, code: str) -> None:
        """The teacher chose the class's language: pages that join from now on open in it."""
        if getattr(self, "_showing_practice", False) or not self.code:
            return
        self.store.set_language(self.code, code)
        # Translators: {language} is the language's own name (Cymraeg, English (United Kingdom)).
        say(self.message, _("Pupils' pages that join class {code} from now on open in {language}. "
                            "A page already open changes when it is refreshed.").format(
                                code=self.code, language=language.name(code)), news=True)

    def end_class(self) -> None:
        if self.code:
            self.store.end_session(self.code)
            self._list_sessions(keep=self.code)
            self.show_class(self.code)
            say(self.message, _("The class has ended: no more joining or changes. You can still export it."), news=True)

    def delete_class(self) -> None:
        if not self.code:
            return
        if not self.sure.value:
            say(self.message, _("Tick the box first if you really want to delete this class's data for good."))
            return
        code = self.code
        self.store.delete_session(code)
        self.sure.value = False
        self.code = None
        self._list_sessions()
        say(self.message, _("Class {code} and all its data have been deleted.").format(code=code), news=True)

    def export(self, kind: str) -> None:
        if not self.code:
            return
        stamp = datetime.now().strftime("%Y-%m-%d")
        with tempfile.TemporaryDirectory() as tmp:
            if kind == "excel":
                path = self.store.export_excel(self.code, Path(tmp) / f"class-{self.code}-{stamp}.xlsx")
                data, name = path.read_bytes(), path.name
                mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            else:
                paths = self.store.export_csv(self.code, Path(tmp))
                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, "w") as z:
                    for p in paths:
                        z.write(p, p.name)
                data, name, mime = buffer.getvalue(), f"class-{self.code}-{stamp}-csv.zip", "application/zip"
        self.downloader.send_file(name, data, mime)
        # Translators: {name} is the file's name (class-K7PQ2M-2026-12-02.xlsx).
        say(self.message, _("Exported as {name}.").format(name=name), news=True)

    # --- live ----------------------------------------------------------------------------------
    def tick(self) -> None:
        if self.code:
            self.refresh()
            self.voice.refresh()

    def refresh(self, force: bool = False) -> None:
        """Redraw from the store when anything changed (tallies, findings or predictions)."""
        with self._lock:
            code = self.code
            if not code:
                return
            try:
                seen = self.reader.changed(code, None if force else self._seen)  # one small query
                if seen is None:
                    return
                snapshot = self.reader.read(code, seen)
            except Exception:  # a busy store: the next beat tries again, and the log says why
                logging.getLogger("classlab").exception("the board could not read class %s", code)
                return
            self._seen = seen
        # Read here (the heartbeat's thread: the store may be slow); drawn on the kernel's own thread, where
        # widgets may be touched, as a pupil's page does (classlab.sync.kernel_caller).
        self._ui(lambda: self._draw_if_showing(code, snapshot))

    def _draw_if_showing(self, code: str, snapshot) -> None:
        with self._lock:
            if self.code == code:  # the teacher may have opened another class meanwhile
                self.draw(snapshot)

    def draw(self, snapshot) -> None:
        """Lay out one `classlab.board.ClassSnapshot`: every sum is already done."""
        self.group_names = snapshot.groups
        # One scale for every card: its top fits the biggest count of any group (on any page).
        self.card_ticks = whole_number_ticks(max(snapshot.biggest, 1), most=5)
        self.card_scale.max = self.card_ticks[-1]
        self._books = snapshot.books
        self._show_page()
        if self.spot_name in snapshot.books:
            self._show_spot(snapshot.books[self.spot_name])
        self.class_book.replace_counts(snapshot.data.book.matrix())
        self._show_odd(snapshot.data, snapshot.odd)
        self._show_predictions(snapshot.predictions)
        self._show_findings(snapshot.findings, snapshot.continued_by)
        n = len(snapshot.groups)
        # Translators: {time} is the time of the last update (14:05:09).
        live = ngettext("Live: {n} group, updated {time}.", "Live: {n} groups, updated {time}.", n).format(
            n=n, time=f"{datetime.now():%H:%M:%S}")
        self.updated.value = f'<p class="classlab-hint">{live}</p>'

    # --- the groups' cards, a page at a time ------------------------------------------------------
    @property
    def pages(self) -> int:
        return max(1, -(-len(self.group_names) // self.page_size))

    def _show_page(self) -> None:
        """The cards of this page only: a page never holds more than `page_size` charts, however big the class."""
        self.page = min(max(self.page, 0), self.pages - 1)
        first = self.page * self.page_size
        names = self.group_names[first:first + self.page_size]
        if any(name not in self.cards for name in names):
            keep_every_message()  # up to 60 new cards: about 1,300 widgets at once, none to be dropped
        for name in names:
            card = self.cards.get(name)
            if card is None:
                card = self.cards[name] = GroupCard(name, self.categories, self.spotlight, ys=self.card_scale)
            book = self._books.get(name)
            if book is not None:
                card.show(book, self.card_ticks)
            else:
                card.y_axis.tick_values = self.card_ticks
        shown = [self.cards[n] for n in names]
        if list(self.grid.children) != shown:
            self.grid.children = shown
        many = len(self.group_names) > self.page_size
        self.pager.layout.display = None if many else "none"
        self.previous_page.disabled = self.page == 0
        self.next_page.disabled = self.page >= self.pages - 1
        if many:
            where = _("Groups {first} to {last} of {count} (page {page} of {pages})").format(
                first=first + 1, last=first + len(names), count=len(self.group_names), page=self.page + 1, pages=self.pages)
            self.page_words.value = f'<p class="classlab-page-words" role="status">{where}</p>'

    def turn_page(self, step: int) -> None:
        with self._lock:
            self.page += step
            self._show_page()

    def spotlight(self, name: str | None) -> None:
        self.spot_name = name
        self.spot_box.layout.display = None if name else "none"
        self.spot_keeper.showing = bool(name)  # focus into the spotlight, and back to its button after
        self.class_stars.aim_at(name)
        if name:  # the last snapshot's books: no second read of the class (a group that counted nothing: empty bars)
            self._show_spot(self._books.get(name) or TallyBook(self.categories, **self.book_kwargs))

    def _show_spot(self, book) -> None:
        # Translators: {name} is the group's own name, {samples} the lab's word for what it counted (tubes).
        self.spot_figure.title = _("Group {name}: all their {samples}").format(name=self.spot_name,
                                                                              samples=plural(book.sample_label))
        _show(self.spot_bars, self.spot_ys, self.spot_axis, book.matrix().sum(axis=0).tolist())

    def _show_odd(self, data, odd) -> None:
        samples, sample = esc(self.samples), esc(lab_word(self.book_kwargs["sample_label"]))
        if not odd:
            empty = _("When two or more {samples} are counted, the odd ones out appear here.").format(samples=samples)
            self.odd.value = f"<p>{empty}</p>"
            return
        rows = "".join(f"<tr><td>{esc(o.group)}</td><td>{o.sample}</td><td class='classlab-text'>{esc(self._stands_out(data, o))}</td>"
                       f"<td>{round(100 * o.difference)} %</td></tr>" for o in odd)
        # Translators: the table's name, read out by a screen reader; {samples} is the lab's word (tubes).
        name = language.capitalised(_("{samples} that differ most").format(samples=samples))
        group, stands, how = _("Group"), _("What stands out"), _("How different")
        self.odd.value = board_table(name, [group, sample.capitalize(), (stands, "classlab-text"), how], rows)

    def _stands_out(self, data, odd) -> str:
        """What stands out in one odd sample, in the lab's words: "Colour orange: 1 sweet. The class's mix would give none"."""
        m = data.book.matrix()
        i = data.owners.index((odd.group, odd.sample))
        total, class_total = m[i].sum(), m.sum()
        shares, class_share = m[i] / max(total, 1), m.sum(axis=0) / max(class_total, 1)
        j = int(abs(shares - class_share).argmax())
        return stands_out(self.categories.names[j], int(m[i, j]), float(class_share[j] * total),
                          self.book_kwargs["category_label"], self.book_kwargs["thing_label"],
                          self.book_kwargs["sample_label"])

    def _show_predictions(self, checks) -> None:
        if not checks:
            self.predictions.value = "<p>" + _("No predictions yet.") + "</p>"
            return
        def answer(c):
            return _("not enough data yet") if c.chance is None and c.class_answer is None else (
                _("more than {n}").format(n=settings.MAX_SAMPLES_TRIED) if c.class_answer is None else str(c.class_answer))
        def worked(c):
            return "" if c.chance is None else _("{n} times out of 100").format(n=round(100 * c.chance))
        rows = "".join(
            f"<tr><td>{esc(c.group)}</td><td class='classlab-text'>{esc(c.said)}</td><td>{c.predicted}</td><td>{esc(answer(c))}</td>"
            f"<td>{worked(c)}</td></tr>"
            for c in checks)
        # Translators: {samples} is the lab's word for what groups count, in the plural (tubes).
        group, wanted, predicted = _("Group"), _("Wanted"), _("Predicted {samples}").format(samples=esc(self.samples))
        says, worked_out, table_name = _("The class's data says"), _("Their guess worked"), _("Predictions")
        self.predictions.value = board_table(table_name, [group, (wanted, "classlab-text"), predicted, says, worked_out],
                                             rows)

    def _show_findings(self, findings, continued_by) -> None:
        by_id = {f.id: f for f in findings}
        self.continued_by = continued_by
        for f in findings:
            card = self.finding_cards.get(f.id)
            if card is None:
                card = self.finding_cards[f.id] = FindingCard(f, self)
            else:
                card.show(f)
        gone = set(self.finding_cards) - set(by_id)
        for i in gone:
            self.finding_cards.pop(i).close()
        self._finding_order = [f.id for f in findings]
        self.arrange_findings()

    def arrange_findings(self) -> None:
        """Findings in headed groups, as the class sorted them: agreed, to check, not about our question, not sorted yet."""
        order = [i for i in getattr(self, "_finding_order", []) if i in self.finding_cards]
        if not order:
            if getattr(self, "_no_findings", None) is None:  # made once: a refresh every second must not leave widgets behind
                self._no_findings = w.HTML("<p>" + _("No findings shared yet.") + "</p>")
            if list(self.findings_box.children) != [self._no_findings]:
                self.findings_box.children = [self._no_findings]
            return
        parts = []
        for key in GROUP_ORDER:
            cards = [self.finding_cards[i] for i in order if self.finding_cards[i].status.value == key]
            if not cards:
                continue
            if key not in self._finding_headings:
                self._finding_headings[key] = w.HTML()
                self._finding_headings[key].add_class("classlab-findings-group")
            heading = esc(_(STATUS_WORDS[key]))
            self._finding_headings[key].value = (f'<h3 class="classlab-findings-{esc(key)}">{heading} '
                                                 f"<small>({len(cards)})</small></h3>")
            parts += [self._finding_headings[key], *cards]
        if list(self.findings_box.children) != parts:
            self.findings_box.children = parts

    def sort(self, finding_id: int, status: str, evidence: str) -> None:
        try:
            self.store.sort_finding(finding_id, status, evidence)
            say(self.message, "")
        except ValueError as problem:
            say(self.message, str(problem))

    def close(self):
        self.heartbeat.stop()
        super().close()


class SurveyBoard(w.VBox):
    """The board for a class survey: the teacher types the class's agreed question and answers first.

    Classes started from here give every joining group exactly those answers to count.
    """

    def __init__(self, path, **kwargs):
        from .choose_categories import ChooseCategories

        self.path, self.board = path, None
        self.chooser = ChooseCategories(self._chosen)
        self.note = w.HTML("<p>" + _("Type the question the class agreed on and its answers, then start the board.") + "</p>")
        super().__init__([self.note, self.chooser], **kwargs)
        self.add_class("classlab-survey-board")

    def _chosen(self, categories, question: str) -> None:
        # The class's question goes under the class code (the code stays the first and biggest thing).
        # Translators: {question} is the question the class agreed on, as typed.
        extra = {"title": _("Our question: {question}").format(question=question)} if question else {}
        self.board = ClassBoard.from_lab(self.path, answers=[c.name for c in categories], **extra)
        self.children = [self.board]
