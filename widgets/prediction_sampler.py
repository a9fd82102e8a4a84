"""Prediction sampler: write a prediction, then test it by pretending to buy tubes thousands of times."""
from __future__ import annotations

import bqplot as bq
import ipywidgets as w
import numpy as np

from classlab import (CountError, Prediction, SamplerError, TallyBook, answers_by_data, running_share, verdict,
                      whole_number_ticks)
from classlab.categories import plural
from classlab.language import N_, _, lab_word
from classlab.sampler import CONFIDENT, FAIR_MARGIN, goal_text, test_prediction

from classlab.settings import MAX_SAMPLES_TRIED, TRIALS

from ._accessible import LiveRegion, RadioGroup, say
from ._common import esc, figure, scroll_box

#: The words of the Smarties story (pretend shoppers buying tubes); other labs give their own. Said with _() when drawn.
# Translators: "bought" follows the lab's word for its samples, as an axis label: "Tubes bought".
SHOP_WORDS = {"taken": N_("bought"), "again": N_("Try again with other shops"),
              "spread": N_("The spread: most shoppers got this much")}
#: The predicted bar is drawn in a colour no category has (near black, else white with a thick outline).
PREDICTION_COLOURS = ["#111111", "#ffffff"]


def prediction_colour(colours) -> str:
    """A fill for "your prediction" that no category uses, so it is never mistaken for one (Smarties blue)."""
    used = {c.lower() for c in colours}
    return next(c for c in PREDICTION_COLOURS if c not in used)


def _small_figure(title: str, x_label: str, y_label: str, x_scale, y_scale, marks):
    """A results chart that fits a tablet: two side by side where there is room, else one under the other."""
    axes = [bq.Axis(scale=x_scale, label=x_label, tick_format="d", tick_values=[1, *range(5, MAX_SAMPLES_TRIED + 1, 5)]),
            bq.Axis(scale=y_scale, label=y_label, side="left", tick_format="d")]
    return figure(marks, axes, title=title, title_style={"font-size": "17px"}, legend_location="top-left",
                  margin={"top": 50, "bottom": 55, "left": 60, "right": 20},
                  layout=w.Layout(width="520px", max_width="100%", min_width="min(440px, 100%)", height="320px",
                                  flex="1 1 440px"))


class PredictionSampler(w.VBox):
    """A view over a `Prediction` and a `TallyBook`: predict first, then see what happened.

    `words` tells the lab's story: what happens to one more sample ("bought", "thrown"), the button
    for a fresh run, and the spread chart's title; the Smarties shop story is the default.
    """

    def __init__(self, book: TallyBook, prediction: Prediction | None = None, seed: int = 2004,
                 words: dict | None = None, **kwargs):
        self.book, self.seed = book, seed
        self.words = {**{key: _(said) for key, said in SHOP_WORDS.items()}, **(words or {})}  # a lab's own words win
        names = book.categories.names
        self.prediction = prediction or Prediction(category=names[0])  # the lab says which to start with
        nouns = plural(book.sample_label)
        taken = f"{nouns.capitalize()} {self.words['taken']}"
        self.colour = w.Dropdown(options=[(c.shown, c.name) for c in book.categories], value=self.prediction.category, description=_("My favourite"),
                                 style={"description_width": "initial"})
        self.goal = RadioGroup(options=[(_("A fair share"), "fair_share"), (_("At least this many"), "at_least")],
                               value=self.prediction.goal, description=_("I want"))
        self.amount = w.Text(value=str(self.prediction.amount), description=_("How many I want"),
                             style={"description_width": "initial"}, continuous_update=False)
        # Translators: {samples} is the lab's word (tubes, sets of throws).
        self.guess = w.Text(description=_("My prediction: I need this many {samples}").format(samples=nouns),
                            placeholder=_("e.g. 6"), style={"description_width": "initial"}, continuous_update=True,
                            layout=w.Layout(width="26em"))
        self.run = w.Button(description=_("Test my prediction"), button_style="primary", disabled=True,
                            layout=w.Layout(width="auto"))
        self.again = w.Button(description=self.words["again"], disabled=True, layout=w.Layout(width="auto"))
        self.goal_words = w.HTML()
        # ONE live region: the verdict and the kind messages are its parts, so each change is announced once.
        self.region = LiveRegion()
        self.region.add_class("classlab-sampler-say")
        self.outcome = self.region.part()
        self.message = self.region.part("classlab-say")
        self.more_data = w.HTML()

        ts, cs = bq.LinearScale(min=0.5, max=MAX_SAMPLES_TRIED + 0.5), bq.LinearScale(min=0, max=100)
        self.chance_bars = bq.Bars(x=[], y=[], scales={"x": ts, "y": cs}, colors=["#999"], padding=0.2)
        # The predicted bar is filled in a colour no category has; a marker over it is "Your prediction" in the key.
        self.mark_colour = prediction_colour(book.categories.colours)
        self.predicted_bar = bq.Scatter(x=[], y=[], scales={"x": ts, "y": cs}, marker="triangle-down",
                                        colors=[self.mark_colour], stroke="#000", default_size=140,
                                        labels=[_("Your prediction")], display_legend=True)
        self.line90 = bq.Lines(x=[0.5, MAX_SAMPLES_TRIED + 0.5], y=[100 * CONFIDENT] * 2, scales={"x": ts, "y": cs},
                               colors=["#1a5fb4"], line_style="dashed", labels=[_("9 times out of 10")], display_legend=True)
        self.chance_figure = _small_figure(_("How often did it work?"), taken,
                                           _("Times out of 100"), ts, cs, [self.chance_bars, self.predicted_bar, self.line90])
        ss, vs = bq.LinearScale(min=1, max=MAX_SAMPLES_TRIED), bq.LinearScale(min=0)
        self.spread = bq.Lines(x=[], y=[], scales={"x": ss, "y": vs}, fill="between", fill_opacities=[0.25],
                               colors=["#ff8c00"], stroke_width=1)
        self.middle = bq.Lines(x=[], y=[], scales={"x": ss, "y": vs}, colors=["#333"], stroke_width=2)
        self.target = bq.Lines(x=[], y=[], scales={"x": ss, "y": vs}, colors=["#1a5fb4"], line_style="dashed")
        self.spread_figure = _small_figure(self.words["spread"], taken,
                                           "", ss, vs, [self.spread, self.middle, self.target])
        rs, ps = bq.LinearScale(min=1), bq.LinearScale(min=0)
        self.running = bq.Lines(x=[], y=[], scales={"x": rs, "y": ps}, colors=["#ff8c00"], stroke_width=3, marker="circle",
                                marker_size=20)
        self.fair = bq.Lines(x=[], y=[], scales={"x": rs, "y": ps}, colors=["#1a5fb4"], line_style="dashed")
        # Translators: an axis label; {samples} is the lab's word, first in the label (Tubes).
        counted = _("{samples} counted").format(samples=nouns.capitalize())
        self.running_figure = _small_figure(_("The share settles as we count more"), counted,
                                            _("Share (%)"), rs, ps, [self.running, self.fair])
        wrap = lambda parts: w.HBox(parts, layout=w.Layout(flex_flow="row wrap", width="100%"))  # noqa: E731
        self.results = w.VBox([wrap([self.chance_figure, self.spread_figure]),
                               wrap([self.running_figure, self.more_data])])
        self.results.layout.display = "none"

        self.colour.observe(self._changed_goal, names="value")
        self.goal.observe(self._changed_goal, names="value")
        self.amount.observe(self._typed_amount, names="value")
        self.guess.observe(self._typed_guess, names="value")
        self.run.on_click(lambda _: self.test())
        self.again.on_click(lambda _: self.test(self.seed + 1))
        self.amount_box = w.HBox([self.amount])
        super().__init__([w.HBox([self.colour, self.goal]), self.amount_box, self.goal_words, self.guess,
                          w.HBox([self.run, self.again]), self.region, self.results], **kwargs)
        self.add_class("classlab-sampler")
        self.prediction.observe(self._restored, names=["category", "goal", "amount", "samples"])
        self._restored(None)  # a page that rejoined its group before it was drawn shows the saved prediction
        self._changed_goal()

    def _restored(self, change) -> None:
        """Show a prediction brought back from the class store in the boxes."""
        p = self.prediction
        if p.category in self.book.categories.names and self.colour.value != p.category:
            self.colour.value = p.category
        if self.goal.value != p.goal:
            self.goal.value = p.goal
        if self.amount.value != str(p.amount):
            self.amount.value = str(p.amount)
        if p.samples is not None and self.guess.value.strip() != str(p.samples):
            self.guess.value = str(p.samples)

    def _changed_goal(self, _change=None):
        self.prediction.category, self.prediction.goal = self.colour.value, self.goal.value
        self.amount_box.layout.display = None if self.goal.value == "at_least" else "none"
        words = goal_text(self.prediction, len(self.book.categories), self.book.sample_label,
                          plural(self.book.thing_label))
        goal = _("Your goal: {goal}.").format(goal=esc(words))
        self.goal_words.value = f'<p class="classlab-hint">{goal}</p>'
        self.results.layout.display = "none"
        self.outcome.value = ""  # the verdict goes with the results it is about

    def _typed_amount(self, change):
        text = str(change["new"]).strip()
        if text == str(self.prediction.amount):
            return  # the box was put back after a mistake: keep the message showing
        try:
            self.prediction.want(text)
            say(self.message, "")
        except CountError as problem:
            say(self.message, str(problem), wrong=self.amount)
            self.amount.value = str(self.prediction.amount)
        self._changed_goal()

    def _typed_guess(self, change):
        text = change["new"].strip()
        try:
            self.prediction.predict(text, plural(self.book.sample_label))
            say(self.message, "")
            self.run.disabled = False
        except CountError as problem:
            self.prediction.samples = None
            self.run.disabled = True
            say(self.message, str(problem) if text else "", wrong=self.guess)

    def test(self, seed: int | None = None) -> None:
        """Run the sampler on the tubes counted so far and show the prediction beside what happened."""
        self.seed = self.seed if seed is None else seed
        i = self.book.categories.index(self.prediction.category)
        matrix = self.book.matrix()
        try:
            result = test_prediction(matrix, i, self.prediction, max_samples=MAX_SAMPLES_TRIED, trials=TRIALS, seed=self.seed,
                                     sample_label=self.book.sample_label)
        except (SamplerError, CountError) as problem:
            say(self.message, str(problem))
            return
        say(self.message, "")
        self.result = result
        colour = self.book.categories[i].colour
        p = self.prediction.samples
        with self.chance_bars.hold_sync():
            self.chance_bars.x = result.samples
            self.chance_bars.y = np.round(100 * result.chance, 1)
            self.chance_bars.colors = [(self.mark_colour if t == p else colour) for t in result.samples]
        with self.predicted_bar.hold_sync():  # nothing to mark when the prediction is more than we tried
            shown = p is not None and 1 <= p <= len(result.samples)
            self.predicted_bar.x = [p] if shown else []
            self.predicted_bar.y = [min(100, round(100 * float(result.chance[p - 1]), 1) + 6)] if shown else []
        with self.spread.hold_sync():
            self.spread.x = result.samples
            self.spread.y = [result.low, result.high]
            self.spread.colors = [colour]
        self.middle.x, self.middle.y = result.samples, result.middle
        if result.measure == "share":
            level = 100 * FAIR_MARGIN / len(self.book.categories)
            # Translators: an axis label; {category} is the lab's (orange).
            self.spread_figure.axes[1].label = _("Share of {category} (%)").format(category=lab_word(self.prediction.category))
        else:
            level = self.prediction.amount
            self.spread_figure.axes[1].label = _("Number of {category}").format(category=lab_word(self.prediction.category))
        self.target.x, self.target.y = [1, MAX_SAMPLES_TRIED], [level, level]
        share = running_share(matrix, i)
        self.running.x, self.running.y, self.running.colors = np.arange(1, len(share) + 1), share, [colour]
        # Whole numbers of samples only on the axis: 1 2 3, never 1 1 1 2 2.
        ticks = [t for t in whole_number_ticks(max(len(share), 2), most=6) if t >= 1]
        ticks = ticks if ticks[0] == 1 else [1, *ticks]  # 1 5 10 15 20
        self.running_figure.axes[0].scale.max = ticks[-1]
        self.running_figure.axes[0].tick_values = ticks
        self.fair.x, self.fair.y = [1, max(len(share), 2)], [100 / len(self.book.categories)] * 2
        self.results.layout.display = None  # shown first, so the verdict arriving in it is announced
        self.outcome.value = f'<div class="classlab-verdict">{esc(verdict(result, self.prediction, self.book.sample_label, self.book.category_label))}</div>'
        self._show_more_data(matrix, i)
        self.again.disabled = False

    def _show_more_data(self, matrix, i):
        noun, nouns = self.book.sample_label, plural(self.book.sample_label)
        rows = answers_by_data(matrix, i, self.prediction, max_samples=MAX_SAMPLES_TRIED, trials=TRIALS, seed=self.seed)
        # Translators: {n} is a number; {samples} the lab's word (tubes).
        start = lambda n: _("From {n} {samples}").format(n=n, samples=plural(noun, n))  # noqa: E731
        beyond = _("more than {n} {samples}").format(n=MAX_SAMPLES_TRIED, samples=nouns)
        cells = "".join(
            f"<tr><td>{start(n)}</td>"
            f"<td>{beyond if a is None else f'{a} {plural(noun, a)}'}</td></tr>"
            for n, a in rows
        )
        heading, named, so_far = (_("The more data, the better the prediction"), _("Answers from more data"),
                                  _("Counted so far"))
        # Translators: a column heading; {samples} is the lab's word, first in the heading (Tubes).
        needed = esc(_("{samples} needed").format(samples=nouns.capitalize()))
        ask = _("Which answer would you trust most? Why?")
        self.more_data.value = (
            f"<h3>{heading}</h3>"
            + scroll_box(f'<table class="classlab-table" aria-label="{esc(named)}"><thead><tr><th scope="col">'
                         f'{so_far}</th><th scope="col">{needed}</th></tr></thead>'
                         f"<tbody>{cells}</tbody></table>", _("Answers from more data, as a table")) +
            f"<p class='classlab-hint'>{ask}</p>"
        )
