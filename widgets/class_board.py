"""The teacher's class board: every group's work live, the class's pooled data, and sorting findings.

Made for the projector. It reads the class store every few seconds and redraws only what changed;
every group name and finding is pupils' text, so it is shown escaped or in plain-text widgets.
"""
from __future__ import annotations

import io
import tempfile
import threading
import zipfile
from datetime import datetime
from pathlib import Path

import bqplot as bq
import ipywidgets as w

from classlab import Categories, ChartSpec, whole_number_ticks
from classlab.board import STATUSES, check_predictions, group_books, pool, tubes_that_differ
from classlab.sync import Heartbeat

from ._common import esc, message_area, say
from .chart_builder import ChartBuilder
from .downloads import Downloader
from .percentage_explorer import PercentageExplorer


def _bars(categories: Categories, height: str, title: str = "", names: bool = True):
    xs, ys = bq.OrdinalScale(domain=categories.names), bq.LinearScale(min=0, max=10)
    bars = bq.Bars(x=categories.names, y=[0] * len(categories), colors=categories.colours, stroke="#333",
                   scales={"x": xs, "y": ys}, padding=0.15)
    y_axis = bq.Axis(scale=ys, side="left", tick_format="d", tick_values=[0, 5, 10])
    # Small multiples are read by colour; their names would only crowd each other.
    x_axis = bq.Axis(scale=xs, tick_style={} if names else {"display": "none"})
    fig = bq.Figure(marks=[bars], axes=[x_axis, y_axis], title=title, animation_duration=0,
                    fig_margin={"top": 35, "bottom": 30, "left": 40, "right": 10},
                    layout=w.Layout(width="100%", height=height))
    return fig, bars, ys, y_axis


def _show(bars, ys, y_axis, counts: list[int]) -> None:
    ticks = whole_number_ticks(max(counts + [1]), most=5)
    with bars.hold_sync():
        ys.max = ticks[-1]
        y_axis.tick_values = ticks
        bars.y = counts


class GroupCard(w.VBox):
    """One group in the small multiples: its name, its tubes pooled, a spotlight button."""

    def __init__(self, name: str, categories: Categories, spotlight):
        self.name = name
        self.label = w.Label(name)  # a Label shows pupils' text as text, never as HTML
        self.label.add_class("classlab-group-name")
        self.figure, self.bars, self.ys, self.y_axis = _bars(categories, "190px", names=False)
        self.figure.add_class("classlab-group-chart")
        self.about = w.Label("")
        self.spot = w.Button(description="Spotlight", tooltip=f"Show group {name}'s chart big",
                             layout=w.Layout(width="auto"))
        self.spot.on_click(lambda _: spotlight(name))
        super().__init__([self.label, self.figure, w.HBox([self.about, self.spot])],
                         layout=w.Layout(border="1px solid #bbb", padding="4px", width="300px"))
        self.add_class("classlab-group-card")

    def show(self, book) -> None:
        counts = book.matrix().sum(axis=0).tolist()
        _show(self.bars, self.ys, self.y_axis, counts)
        n = len(book.counted_tubes())
        self.about.value = f"{n} {book.sample_label}{'' if n == 1 else 's'} · {sum(counts)} counted"


class FindingCard(w.VBox):
    """One group's finding, and the class's decision about it."""

    def __init__(self, finding, board):
        self.finding_id, self.board = finding.id, board
        self.words = w.HTML()
        self.status = w.ToggleButtons(options=[(label, key) for key, label in STATUSES.items()],
                                      value=finding.status, description="The class says",
                                      style={"description_width": "initial"})
        self.evidence = w.Text(value=finding.evidence, description="Evidence", continuous_update=False,
                               placeholder="What in our data shows it?", layout=w.Layout(width="40em"))
        self.link_chart = w.Button(description="Link the pooled chart", layout=w.Layout(width="auto"),
                                   tooltip="Use the class's pooled chart as the evidence")
        self.status.observe(lambda _: self._sorted(), names="value")
        self.evidence.observe(lambda _: self._sorted(), names="value")
        self.link_chart.on_click(lambda _: self._link())
        super().__init__([self.words, self.status, w.HBox([self.evidence, self.link_chart])],
                         layout=w.Layout(border="1px solid #ccc", padding="6px", margin="4px 0"))
        self.add_class("classlab-finding")
        self.show(finding)

    def show(self, finding) -> None:
        links = []
        if finding.continued_from:
            links.append(f"continues from finding {finding.continued_from}")
        later = self.board.continued_by.get(finding.id, [])
        if later:
            links.append("continued by " + ", ".join(esc(g) for g in later))
        extra = f' <small>({"; ".join(links)})</small>' if links else ""
        self.words.value = (
            f'<p><b>{esc(finding.group_name)}</b> <small>finding {finding.id}, about: {esc(finding.question)}</small><br>'
            f'“{esc(finding.text)}”{extra}</p>'
        )

    def _sorted(self) -> None:
        self.board.sort(self.finding_id, self.status.value, self.evidence.value)

    def _link(self) -> None:
        self.evidence.value = f"The pooled chart: {self.board.pooled_spec.title}"[:500]


class ClassBoard(w.VBox):
    """The teacher's view of one class session, live."""

    def __init__(self, categories: Categories, lab: str = "smarties", store=None, every: float = 1.0,
                 sample_label: str = "tube", category_label: str = "colour", **kwargs):
        self.categories, self.lab, self.every = categories, lab, every
        self.book_kwargs = {"sample_label": sample_label, "category_label": category_label}
        if store is None:
            from classlab.store import ClassStore

            store = ClassStore()
        self.store = store
        self.code: str | None = None
        self._lock = threading.RLock()
        self._seen = None
        self.continued_by: dict[int, list[str]] = {}

        self.heading = w.HTML()
        self.pick = w.Dropdown(description="Class", style={"description_width": "initial"})
        self.start = w.Button(description="Start a new class", button_style="primary", layout=w.Layout(width="auto"))
        self.end = w.Button(description="End this class", layout=w.Layout(width="auto"))
        self.csv = w.Button(description="Export CSV", layout=w.Layout(width="auto"))
        self.excel = w.Button(description="Export Excel", layout=w.Layout(width="auto"))
        self.sure = w.Checkbox(description="Yes, delete this class's data for good", indent=False)
        self.delete = w.Button(description="Delete for good", button_style="danger", layout=w.Layout(width="auto"))
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
        self.grid = w.GridBox(layout=w.Layout(grid_template_columns="repeat(auto-fill, 310px)", grid_gap="8px"))
        self.spot_figure, self.spot_bars, self.spot_ys, self.spot_axis = _bars(categories, "520px")
        self.spot_figure.add_class("classlab-spotlight-chart")
        self.spot_close = w.Button(description="Close the spotlight", button_style="primary", layout=w.Layout(width="auto"))
        self.spot_close.on_click(lambda _: self.spotlight(None))
        self.spot_name: str | None = None
        # The spotlight fills the screen (for the projector) until it is closed.
        self.spot_box = w.VBox([self.spot_close, self.spot_figure], layout=w.Layout(display="none"))
        self.spot_box.add_class("classlab-spotlight")

        from classlab import TallyBook

        self.class_book = TallyBook(categories, **self.book_kwargs)
        self.pooled_spec = ChartSpec(view="pooled", title="All our tubes together")
        self.pooled_chart = ChartBuilder(self.class_book, self.pooled_spec, filename="class-chart.png")
        self.pooled_percentages = PercentageExplorer(self.class_book)
        self.odd = w.HTML()
        self.predictions = w.HTML()
        self.findings_box = w.VBox()
        self.finding_cards: dict[int, FindingCard] = {}

        h = lambda text: w.HTML(f"<h2>{text}</h2>")  # noqa: E731
        controls = w.HBox([self.pick, self.start, self.end, self.csv, self.excel, self.sure, self.delete],
                          layout=w.Layout(flex_flow="row wrap"))
        super().__init__([
            self.heading, controls, self.message, self.updated, self.downloader,
            h("Every group"), self.spot_box, self.grid,
            h("The whole class"), self.pooled_chart, self.pooled_percentages,
            h("The tubes that differ most"), self.odd,
            h("Predictions beside the class's data"), self.predictions,
            h("Findings: what do we agree on?"), self.findings_box,
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
        from classlab.authoring import chosen_categories, read

        lab = read(path)
        counting = lab.description.counting
        categories = lab.categories if answers is None else chosen_categories(answers)
        if categories is None:
            raise ValueError(f"The class chooses the {counting.category}s in {lab.name}: give the board them as answers=[...].")
        return cls(categories, lab=lab.name, sample_label=counting.sample, category_label=counting.category, **kwargs)

    # --- the session -------------------------------------------------------------------------
    def _list_sessions(self, keep: str | None = None) -> None:
        sessions = [s for s in self.store.sessions() if s.lab == self.lab]
        options = [(f"{s.code}{' (ended)' if s.ended_at else ''} · {s.started_at:%d %b %H:%M}", s.code) for s in sessions]
        self.pick.options = options
        wanted = keep or (options[0][1] if options else None)
        if wanted and self.pick.value != wanted:
            self.pick.value = wanted
        elif not options:
            self.heading.value = "<h1>No class yet</h1><p>Press <b>Start a new class</b> to get a class code.</p>"

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
            self.finding_cards.clear()
            self.findings_box.children = []
            self.spotlight(None)
            session = self.store.session(code)
            state = "This class has ended." if session.ended_at else "Groups join with this code."
            self.heading.value = (f'<h1 class="classlab-class-code">Class code: <span>{esc(code)}</span></h1>'
                                  f"<p>{state}</p>")
            self.refresh(force=True)

    def end_class(self) -> None:
        if self.code:
            self.store.end_session(self.code)
            self._list_sessions(keep=self.code)
            self.show_class(self.code)
            say(self.message, "The class has ended: no more joining or changes. You can still export it.")

    def delete_class(self) -> None:
        if not self.code:
            return
        if not self.sure.value:
            say(self.message, "Tick the box first if you really want to delete this class's data for good.")
            return
        code = self.code
        self.store.delete_session(code)
        self.sure.value = False
        self.code = None
        self._list_sessions()
        say(self.message, f"Class {code} and all its data have been deleted.")

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
        say(self.message, f"Exported as {name}.")

    # --- live ----------------------------------------------------------------------------------
    def tick(self) -> None:
        if self.code:
            self.refresh()

    def refresh(self, force: bool = False) -> None:
        """Redraw from the store when anything changed (tallies, findings or predictions)."""
        with self._lock:
            code = self.code
            if not code:
                return
            try:
                seen = self.store.activity(code)  # one small query: has anything changed since last time?
                if not force and seen == self._seen:
                    return
                groups = self.store.groups(code)
                states = {g.name: self.store.state(g.id) for g in groups}
                findings = self.store.findings(code)
            except Exception:
                return
            frame = self.store.class_counts(code, self.categories)
            books = group_books(frame, self.categories, **self.book_kwargs)
            for g in groups:
                if g.name not in self.cards:
                    self.cards[g.name] = GroupCard(g.name, self.categories, self.spotlight)
                    self.grid.children = list(self.grid.children) + [self.cards[g.name]]
                book = books.get(g.name)
                if book is not None:
                    self.cards[g.name].show(book)
            if self.spot_name in books:
                self._show_spot(books[self.spot_name])
            data = pool(frame, self.categories, **self.book_kwargs)
            self.class_book.replace_counts(data.book.matrix())
            self._show_odd(data)
            self._show_predictions(states, data)
            self._show_findings(findings)
            self.updated.value = (f'<p class="classlab-hint">Live: {len(groups)} group{"s" if len(groups) != 1 else ""}, '
                                  f'updated {datetime.now():%H:%M:%S}.</p>')
            self._seen = seen  # only now: a refresh that failed half way is tried again next time

    def spotlight(self, name: str | None) -> None:
        self.spot_name = name
        self.spot_box.layout.display = None if name else "none"
        if name and self.code:
            books = group_books(self.store.class_counts(self.code, self.categories), self.categories, **self.book_kwargs)
            if name in books:
                self._show_spot(books[name])

    def _show_spot(self, book) -> None:
        self.spot_figure.title = f"Group {self.spot_name}: all their {book.sample_label}s"
        _show(self.spot_bars, self.spot_ys, self.spot_axis, book.matrix().sum(axis=0).tolist())

    def _show_odd(self, data) -> None:
        odd = tubes_that_differ(data)
        if not odd:
            self.odd.value = "<p>When two or more tubes are counted, the odd ones out appear here.</p>"
            return
        rows = "".join(f"<tr><td>{esc(o.group)}</td><td>{o.tube}</td><td>{esc(o.words)}</td>"
                       f"<td>{round(100 * o.difference)} %</td></tr>" for o in odd)
        self.odd.value = ('<table class="classlab-table" aria-label="Tubes that differ most"><thead><tr>'
                          '<th scope="col">Group</th><th scope="col">Tube</th><th scope="col">What stands out</th>'
                          f'<th scope="col">How different</th></tr></thead><tbody>{rows}</tbody></table>')

    def _show_predictions(self, states, data) -> None:
        checks = check_predictions(states, data, self.categories)
        if not checks:
            self.predictions.value = "<p>No predictions yet.</p>"
            return
        def answer(c):
            return "not enough data yet" if c.chance is None and c.class_answer is None else (
                f"more than 30" if c.class_answer is None else str(c.class_answer))
        rows = "".join(
            f"<tr><td>{esc(c.group)}</td><td>{esc(c.said)}</td><td>{c.predicted}</td><td>{esc(answer(c))}</td>"
            f"<td>{'' if c.chance is None else str(round(100 * c.chance)) + ' times out of 100'}</td></tr>"
            for c in checks)
        self.predictions.value = ('<table class="classlab-table" aria-label="Predictions"><thead><tr>'
                                  '<th scope="col">Group</th><th scope="col">Wanted</th><th scope="col">Predicted tubes</th>'
                                  '<th scope="col">The class\'s data says</th><th scope="col">Their guess worked</th>'
                                  f'</tr></thead><tbody>{rows}</tbody></table>')

    def _show_findings(self, findings) -> None:
        by_id = {f.id: f for f in findings}
        self.continued_by = {}
        for f in findings:
            if f.continued_from in by_id:
                self.continued_by.setdefault(f.continued_from, []).append(f.group_name)
        for f in findings:
            card = self.finding_cards.get(f.id)
            if card is None:
                card = self.finding_cards[f.id] = FindingCard(f, self)
            else:
                card.show(f)
        gone = set(self.finding_cards) - set(by_id)
        for i in gone:
            del self.finding_cards[i]
        self.findings_box.children = [self.finding_cards[f.id] for f in findings] or [
            w.HTML("<p>No findings shared yet.</p>")]

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
        self.note = w.HTML("<p>Type the question the class agreed on and its answers, then start the board.</p>")
        super().__init__([self.note, self.chooser], **kwargs)
        self.add_class("classlab-survey-board")

    def _chosen(self, categories, question: str) -> None:
        self.board = ClassBoard.from_lab(self.path, answers=[c.name for c in categories])
        heading = f"<h2>Our question: {esc(question)}</h2>" if question else ""
        self.children = [w.HTML(heading), self.board]
