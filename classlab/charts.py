"""What a chart shows and how, and a friendly critique of the chart a pupil made.

"What makes a good chart work well?" was the Smarties class's own question. The rules below judge
the pupil's choices (not a chart we made for them) and give one next step at a time, because a
list of seven faults helps no 9-year-old.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from traitlets import Bool, Enum, HasTraits, Int, List, Unicode, default, validate

from .categories import plural
from .language import N_, _, lab_word, ngettext
from .tally import TallyBook

# The names are marked for the catalogues here and said with _() when shown: `_(KINDS["bar"])`.
VIEWS = {
    "one": N_("One sample"),
    "side_by_side": N_("Samples side by side"),
    "pooled": N_("All samples together"),
    "chosen": N_("Chosen samples together"),
}
KINDS = {"bar": N_("Bar chart"), "pie": N_("Pie chart"), "dots": N_("Dot plot")}

#: A pie with more slices than this is hard to read.
MAX_PIE_SLICES = 8
#: Dots stop being countable at a glance above this many in one column.
MAX_DOTS = 30
#: Words that say nothing about what a chart shows (English, and the page's language as well: `empty_titles()`).
# Translators: titles that say nothing about a chart, lower case, separated by commas. Keep the English ones
# out: they are always known. A pupil's title of just one of these is not praised.
_EMPTY_TITLES = N_("chart, graph, title, my chart, my graph, bar chart, pie chart, dot plot, untitled")


def empty_titles() -> set[str]:
    """The titles that say nothing, in English and in the page's language (a Welsh "siart" says no more)."""
    return {t.strip().lower() for t in (_EMPTY_TITLES + "," + _(_EMPTY_TITLES)).split(",") if t.strip()}


class ChartSpec(HasTraits):
    """The pupil's choices for one chart. Everything a pupil can change about a chart lives here."""

    view = Enum(list(VIEWS), "one", help="What to show: one sample, samples side by side, all pooled, or a chosen set.")
    kind = Enum(list(KINDS), "bar", help="How to show it.")
    sample = Int(0, help="The sample shown when view is 'one' (0-based).")
    chosen = List(Int(), help="The samples shown side by side or pooled when view is 'side_by_side' or 'chosen'.")
    title = Unicode("", help="The chart's title, written by the pupil.")
    x_label = Unicode(help="The label under the categories.")
    y_label = Unicode(help="The label of the count axis.")
    axis_start = Int(0, help="Where the count axis starts; anything but 0 makes small differences look big.")
    show_legend = Bool(True, help="Whether a key of colours is drawn: on unless a pupil turns it off, so no chart "
                                  "leaves a reader guessing which colour is which.")
    fair_line = Bool(False, help="Whether a dashed line shows what fair would look like: an equal share for each category.")

    @default("x_label")
    def _x_label(self):  # said when the spec is made, so in the page's language
        return _("Colour")

    @default("y_label")
    def _y_label(self):
        return _("Number of things")

    @validate("title", "x_label", "y_label")
    def _short_text(self, proposal):
        # Titles are shown to the class; a pasted essay would break the layout.
        return proposal["value"][:120]

    @validate("axis_start")
    def _sane_start(self, proposal):
        return max(0, min(int(proposal["value"]), 1000))


@dataclass
class ChartData:
    """The numbers behind a chart: one series per tube shown (or one, pooled)."""

    categories: list[str]
    colours: list[str]
    series: list[tuple[str, list[int]]]
    empty_reason: str = ""

    @property
    def top(self) -> int:
        return max((max(v) for _, v in self.series if v), default=0)

    @property
    def is_empty(self) -> bool:
        return bool(self.empty_reason)

    @property
    def non_zero_slices(self) -> int:
        return max((sum(1 for x in v if x) for _, v in self.series), default=0)


def axis_labels(category_label: str = "category", thing_label: str = "thing") -> tuple[str, str]:
    """The axis labels a chart starts with, in the lab's words: ("Face", "Number of throws")."""
    # Translators: {things} is what the lab counts, in the lab's words (sweets, throws).
    return lab_word(category_label).capitalize(), _("Number of {things}").format(things=plural(thing_label))


def example_title(category_label: str = "category", sample_label: str = "sample") -> str:
    """A title worth copying, in the lab's words: "Colours in our tubes", "Faces in our sets of throws"."""
    # Translators: an example title for a chart; {categories} and {samples} are the lab's words (Colours, tubes).
    return _("{categories} in our {samples}").format(categories=plural(category_label).capitalize(),
                                                     samples=plural(sample_label))


def chart_data(book: TallyBook, spec: ChartSpec) -> ChartData:
    """Gather the counts the pupil asked to see."""
    names, colours = book.categories.shown, book.categories.colours  # the names pupils read (coch)
    sample = book.sample_label
    label = lambda t: f"{lab_word(sample).capitalize()} {t + 1}"  # noqa: E731
    chosen = sorted({t for t in spec.chosen if 0 <= t < book.n_samples})
    if spec.view == "one":
        t = min(max(spec.sample, 0), book.n_samples - 1)
        series = [(label(t), book.matrix([t])[0].tolist())]
    elif spec.view == "pooled":
        # Translators: every sample pooled, e.g. "All 29 tubes"; {samples} is the lab's word.
        everything = _("All {n} {samples}").format(n=book.n_samples, samples=plural(sample, book.n_samples))
        series = [(everything, book.matrix().sum(axis=0).tolist())]
    elif not chosen:
        # Translators: {samples} is the lab's word (tubes); {list} is the same word as the list is named (Tubes).
        return ChartData(names, colours, [], _("Choose which {samples} to show first: pick them in the {list} list.")
                         .format(samples=plural(sample), list=plural(sample).capitalize()))
    elif spec.view == "side_by_side":
        series = [(label(t), book.matrix([t])[0].tolist()) for t in chosen]
    else:
        # Translators: some samples pooled, e.g. "3 tubes together"; {samples} is the lab's word.
        together = _("{n} {samples} together").format(n=len(chosen), samples=plural(sample, len(chosen)))
        series = [(together, book.matrix(chosen).sum(axis=0).tolist())]
    if all(sum(v) == 0 for _name, v in series):
        # Translators: {things} is what the lab counts (sweets, throws).
        return ChartData(names, colours, series, _("Nothing counted here yet: add some {things} to the tally first.")
                         .format(things=plural(book.thing_label)))
    return ChartData(names, colours, series)


def fair_level(data: ChartData) -> float | None:
    """What each bar would be if every category had an equal share (one series only; None otherwise).

    "Is it a fair dice?" is answered by comparing bars with this line, not with each other.
    """
    if len(data.series) != 1 or data.is_empty or not data.categories:
        return None
    return sum(data.series[0][1]) / len(data.categories)


def _nice_steps():
    """1, 2, 5, 10, 20, 25, 50, 100, ... without end, so any count gets at most `most` steps."""
    yield from (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500)
    k = 1000
    while True:
        yield from (k, 2 * k, 5 * k)
        k *= 10


def whole_number_ticks(top: int, start: int = 0, most: int = 8) -> list[int]:
    """Whole-number ticks from `start` to at least `top`, with a step pupils know (1, 2, 5, 10, ...)."""
    top = max(int(top), start + 1)
    span = top - start
    for step in _nice_steps():
        if span / step <= most:
            break
    last = start + step * math.ceil(span / step)
    return list(range(start, last + 1, step))


@dataclass
class Check:
    """One line of the checklist: what a good chart does, whether this one does, and how to fix it."""

    rule: str
    ok: bool
    advice: str = ""


@dataclass
class Critique:
    checks: list[Check] = field(default_factory=list)

    @property
    def next_step(self) -> str:
        """One friendly sentence: the first thing to improve, or praise."""
        for c in self.checks:
            if not c.ok:
                return c.advice
        return _("Your chart works well: it has a title, it is clearly labelled and it is easy to compare. Well done!")

    @property
    def passed(self) -> int:
        return sum(c.ok for c in self.checks)


def legend_needed(spec: ChartSpec, data: ChartData) -> bool:
    """A key is needed when colour is the only way to tell the categories apart."""
    if spec.kind == "bar":
        return len(data.series) > 1  # grouped bars: the x-axis names the tubes, not the colours
    if spec.kind == "pie":
        return len(data.series) > 1  # small pies are too small to label every slice
    return False


def critique(spec: ChartSpec, data: ChartData, sample_label: str = "sample", category_label: str = "category") -> Critique:
    """Judge the chart the pupil made against what makes a chart work well.

    An empty chart is never praised: its first step is what to choose or count, so it can show something.
    """
    checks: list[Check] = []
    if data.is_empty:
        checks.append(Check(_("It shows something"), False, data.empty_reason))
    example = example_title(category_label, sample_label)
    words = spec.title.strip().split()
    title_ok = len(words) >= 3 and spec.title.strip().lower() not in empty_titles()
    checks.append(
        Check(
            _("A title that says what it shows"),
            title_ok,
            # Translators: {example} is an example title in the lab's words (Colours in our tubes).
            _("Give your chart a title that says what it shows, like “{example}”.").format(example=example)
            if not words
            else _("Make your title say what the chart shows, like “{example}”: three words or more.").format(
                example=example),
        )
    )
    if spec.kind in ("bar", "dots"):
        checks.append(
            Check(
                _("Both axes are labelled"),
                bool(spec.x_label.strip()) and bool(spec.y_label.strip()),
                _("Label both axes, so a reader knows what the bars and the numbers mean."),
            )
        )
        checks.append(
            Check(
                _("The count axis starts at zero"),
                spec.axis_start == 0,
                _("Start the count axis at 0: starting at {start} makes small differences look big.").format(
                    start=spec.axis_start),
            )
        )
    if spec.kind == "pie":
        checks.append(
            Check(
                _("A pie shows the parts of one whole"),
                spec.view != "side_by_side",
                # Translators: {samples} is the lab's word (tubes).
                _("A pie shows the parts of one whole: to compare {samples}, a bar chart works better.").format(
                    samples=plural(sample_label)),
            )
        )
        checks.append(
            Check(
                _("A pie has only a few slices"),
                data.non_zero_slices <= MAX_PIE_SLICES,
                ngettext("A pie with {n} slice is hard to read: try a bar chart.",
                         "A pie with {n} slices is hard to read: try a bar chart.",
                         data.non_zero_slices).format(n=data.non_zero_slices),
            )
        )
    if spec.kind == "dots":
        checks.append(
            Check(
                _("A dot plot is for small counts"),
                data.top <= MAX_DOTS,
                ngettext("With {n} dot in one column it is hard to count them: try a bar chart.",
                         "With {n} dots in one column it is hard to count them: try a bar chart.",
                         data.top).format(n=data.top),
            )
        )
    needed = legend_needed(spec, data)
    checks.append(
        Check(
            _("A key where one is needed"),
            spec.show_legend or not needed,
            _("Show the key, so a reader knows which colour is which."),
        )
    )
    return Critique(checks)
