"""Chart builder: pupils choose what to show and how, label it, and are told what to improve next."""
from __future__ import annotations

import bqplot as bq
import ipywidgets as w
from traitlets import link

from classlab import ChartSpec, CountError, TallyBook, chart_data, critique, parse_count
from classlab.categories import plural
from classlab.charts import KINDS, axis_labels, fair_level
from classlab.language import _, lab_word

from ._accessible import ChartName, RadioGroup, message_area, say
from ._common import count_axis, esc, figure


def view_labels(sample_label: str) -> dict[str, str]:
    """The 'Show' choices in the lab's own words: One tube, Sets of throws side by side, All days together."""
    one, many = lab_word(sample_label), plural(sample_label)
    # Translators: {sample} and {samples} are the lab's words (tube, tubes; Sets of throws when first).
    return {"one": _("One {sample}").format(sample=one),
            "side_by_side": _("{samples} side by side").format(samples=many.capitalize()),
            "pooled": _("All {samples} together").format(samples=many),
            "chosen": _("Chosen {samples} together").format(samples=many)}


class ChartBuilder(w.VBox):
    """A view over a `ChartSpec` and a `TallyBook`: controls, the chart, and its checklist.

    With `fair_line=True` pupils can also show what fair would look like (an equal share for each
    category), which a lab about a fair dice or spinner needs.
    """

    def __init__(self, book: TallyBook, spec: ChartSpec | None = None, filename: str = "my-chart.png",
                 fair_line: bool = False, **kwargs):
        self._across = lab_word(book.category_label).capitalize()
        if spec is None:
            x_label, y_label = axis_labels(book.category_label, book.thing_label)
            spec = ChartSpec(x_label=x_label, y_label=y_label)
        self.book, self.spec, self.filename = book, spec, filename
        noun = book.sample_label
        self._default_x = {"side_by_side": lab_word(noun).capitalize()}
        self.what = RadioGroup(options=[(label, key) for key, label in view_labels(noun).items()], description=_("Show"))
        self.how = RadioGroup(options=[(_(label), key) for key, label in KINDS.items()], description=_("Chart"))
        self.sample = w.Dropdown(description=lab_word(noun).capitalize())
        self.chosen = w.SelectMultiple(description=plural(noun).capitalize(), rows=6)
        self.title = w.Text(description=_("Title"), placeholder=_("What does your chart show?"), continuous_update=False)
        # Translators: the labels of the chart's axes: the one along the bottom, and the one going up.
        self.x_label = w.Text(description=_("Across"), continuous_update=False)
        self.y_label = w.Text(description=_("Up"), continuous_update=False)
        self.axis_start = w.Text(value="0", description=_("Count axis starts at"), continuous_update=False,
                                 style={"description_width": "initial"})
        self.legend = w.Checkbox(description=_("Show the key"), indent=False)
        self.fair = w.Checkbox(description=_("Show what fair would look like"), indent=False)
        self.save = w.Button(description=_("Save as picture"), tooltip=_("Save this chart as a PNG picture"),
                             layout=w.Layout(width="auto"))
        self.message = message_area()
        self.checklist = w.HTML()
        self.checklist.add_class("classlab-checklist")
        self.words = w.HTML()
        self.words.add_class("classlab-words")
        # The sample picker is not linked: it follows the spec by hand (_picked_sample, _spec_changed).
        for control, trait in [(self.what, "view"), (self.how, "kind"), (self.title, "title"), (self.x_label, "x_label"),
                               (self.y_label, "y_label"), (self.legend, "show_legend"), (self.fair, "fair_line")]:
            link((self.spec, trait), (control, "value"))
        self.chosen.observe(self._chose, names="value")
        self.sample.observe(self._picked_sample, names="value")
        self.axis_start.observe(self._start_typed, names="value")
        self.save.on_click(lambda _: self.save_png())

        self.x_scale, self.y_scale = bq.OrdinalScale(), bq.LinearScale(min=0, max=10)
        self.x_axis = bq.Axis(scale=self.x_scale, label=self.spec.x_label)
        self.y_axis = bq.Axis(scale=self.y_scale, side="left", tick_format="d", label=self.spec.y_label)
        self.figure = figure([], [], margin={"top": 50, "bottom": 60, "left": 60, "right": 20},
                             layout=w.Layout(width="100%", max_width="820px", height="420px"))
        self.figure.add_class("classlab-chart")
        self._shape = None
        self.picker = w.VBox()
        self.axis_controls = w.HBox([self.x_label, self.y_label, self.axis_start], layout=w.Layout(flex_flow="row wrap"))
        self.fair_x = bq.LinearScale(min=0, max=1)
        self.fair_mark = bq.Lines(x=[0, 1], y=[0, 0], scales={"x": self.fair_x, "y": self.y_scale}, colors=["#1a5fb4"],
                                  line_style="dashed", stroke_width=3, labels=[_("What fair would look like")])
        self.fair_mark.tooltip = None
        # Side by side, each bar also says what it is (its category's name, up the bar), so no bar is told from
        # the next by colour alone: on a scale of 0 to 1 across the chart, as the grouped bars are laid out.
        self.bar_x = bq.LinearScale(min=0, max=1)
        self.bar_names = bq.Label(x=[], y=[], text=[], scales={"x": self.bar_x, "y": self.y_scale}, rotate_angle=-90,
                                  align="start", colors=["#111"], default_size=14, font_weight="bold", y_offset=-6,
                                  apply_clip=False)
        self.bar_names.tooltip = None
        controls = w.VBox([self.what, self.picker, self.how, self.title, self.axis_controls, self.legend]
                          + ([self.fair] if fair_line else []))
        self.chart_box = w.Box([self.figure])  # on a phone the chart keeps a readable width and scrolls inside itself
        self.chart_box.add_class("classlab-scroll-x")
        self.chart_name = ChartName()  # a screen reader hears the chart as one image, named, described by its words
        super().__init__([controls, self.chart_box, self.chart_name, self.words, self.checklist, w.HBox([self.save]), self.message], **kwargs)
        self.add_class("classlab-chart-builder")
        self.spec.observe(self._spec_changed)
        book.observe(lambda _: self._book_changed(), names=["version"])
        self._book_changed()

    # --- pupils' choices ------------------------------------------------------------------
    def _chose(self, change):
        self.spec.chosen = list(change["new"])

    def _picked_sample(self, change):
        if change["new"] is not None:
            self.spec.sample = change["new"]

    def _start_typed(self, change):
        if change["new"] == str(self.spec.axis_start):
            return  # the box was put back after a mistake: keep the message showing
        try:
            self.spec.axis_start = parse_count(change["new"], limit=1000)
            say(self.message, "")
        except CountError as problem:
            say(self.message, str(problem), wrong=self.axis_start)
            self.axis_start.value = str(self.spec.axis_start)

    def _spec_changed(self, change):
        if change["name"] == "chosen" and tuple(change["new"]) != tuple(self.chosen.value):
            self.chosen.value = tuple(t for t in change["new"] if t < self.book.n_samples)
        if change["name"] == "sample" and change["new"] != self.sample.value and change["new"] < self.book.n_samples:
            self.sample.value = change["new"]
        if change["name"] == "axis_start" and str(change["new"]) != self.axis_start.value:
            self.axis_start.value = str(change["new"])
        if change["name"] == "view":
            old, new = change["old"], change["new"]
            if self.spec.x_label == self._default_x.get(old, self._across):
                self.spec.x_label = self._default_x.get(new, self._across)
            self._show_picker()
        self.redraw()

    def _show_picker(self):
        view = self.spec.view
        self.picker.children = [self.sample] if view == "one" else [self.chosen] if view in ("side_by_side", "chosen") else []

    def _book_changed(self):
        noun = lab_word(self.book.sample_label).capitalize()
        options = [(f"{noun} {i + 1}", i) for i in range(self.book.n_samples)]
        if [o[1] for o in self.sample.options] != [o[1] for o in options]:
            self.sample.options = options
            self.chosen.options = options
        self.sample.value = min(self.spec.sample, self.book.n_samples - 1)
        self.chosen.value = tuple(t for t in self.spec.chosen if t < self.book.n_samples)
        self._show_picker()
        self.redraw()

    # --- drawing -------------------------------------------------------------------------
    def redraw(self) -> None:
        """Draw the chart the pupil asked for; only the numbers change when only the counts did."""
        spec, data = self.spec, chart_data(self.book, self.spec)
        self.figure.title = spec.title
        self.x_axis.label, self.y_axis.label = spec.x_label, spec.y_label
        self.axis_controls.layout.display = "none" if spec.kind == "pie" else None
        shape = (spec.view, spec.kind, len(data.series), tuple(t for t, _ in data.series), spec.show_legend,
                 spec.fair_line)
        if not data.series:
            self.figure.marks, self.figure.axes, self._shape = [], [], None
        elif shape == self._shape and spec.kind == "bar":
            self._update_bars(data)
        else:
            self._shape = shape
            {"bar": self._draw_bars, "pie": self._draw_pies, "dots": self._draw_dots}[spec.kind](data)
        self.words.value = f"<p>{esc(data.empty_reason)}</p>" if data.is_empty else self._in_words(data)
        kind = _(KINDS[spec.kind])
        self.chart_name.name = f"{kind}: {spec.title.strip() or view_labels(self.book.sample_label)[spec.view]}"
        self._judge(data)

    def _scale_counts(self, top: int) -> list[int]:
        return count_axis(self.y_scale, self.y_axis, top, start=self.spec.axis_start)

    def _draw_bars(self, data):
        names = data.categories
        groups = names if len(data.series) == 1 else [t for t, _ in data.series]
        # An OrdinalScale remembers every name it has seen; say exactly which to show. When a key is
        # shown beside grouped bars, blank slots on the right keep it clear of the bars.
        pads = [" " * (i + 1) for i in range(-(-len(groups) // 4))] if self.spec.show_legend and len(data.series) > 1 else []
        self.x_scale.domain = list(groups) + pads
        if len(data.series) == 1:
            mark = bq.Bars(x=names, y=data.series[0][1], colors=data.colours, labels=[data.series[0][0]],
                           scales={"x": self.x_scale, "y": self.y_scale}, padding=0.15, stroke="#333")
        else:
            mark = bq.Bars(x=[t for t, _ in data.series], y=[[v[i] for _, v in data.series] for i in range(len(names))],
                           colors=data.colours, labels=names, type="grouped",
                           scales={"x": self.x_scale, "y": self.y_scale}, padding=0.15, stroke="#333")
        mark.display_legend = self.spec.show_legend and len(data.series) > 1  # one set of bars: the axis names them
        mark.tooltip = None
        self._scale_counts(data.top)
        self.figure.marks = [mark, *self._name_bars(data, len(self.x_scale.domain), mark.padding), *self._fair_marks(data)]
        self.figure.axes = [self.x_axis, self.y_axis]

    def _name_bars(self, data, columns: int, padding: float) -> list:
        """Side by side: each bar's name, up from its foot. Where a bar sits is worked out as bqplot's grouped
        bars place it (d3 bands: the tubes share the width, padding between them; the colours share a tube's band)."""
        if len(data.series) < 2:
            return []
        step, names = 1 / columns, data.categories
        xs = [step * (padding / 2 + j + (1 - padding) * (i + 0.5) / len(names))
              for j in range(len(data.series)) for i in range(len(names))]
        with self.bar_names.hold_sync():
            self.bar_names.x = xs
            self.bar_names.y = [self.spec.axis_start] * len(xs)
            self.bar_names.text = [name for _ in data.series for name in names]
        return [self.bar_names]

    def _fair_marks(self, data) -> list:
        """The 'what fair would look like' line, when asked for and when it means something (one set of bars)."""
        level = fair_level(data) if self.spec.fair_line else None
        if level is None:
            return []
        self.fair_mark.y = [level, level]
        return [self.fair_mark]

    def _update_bars(self, data):
        mark = self.figure.marks[0]
        with mark.hold_sync():
            self._scale_counts(data.top)
            if len(data.series) == 1:
                mark.y = data.series[0][1]
            else:
                mark.y = [[v[i] for _, v in data.series] for i in range(len(data.categories))]
        named = self._name_bars(data, len(self.x_scale.domain), mark.padding)
        fair = self._fair_marks(data)
        if len(self.figure.marks) != 1 + len(named) + len(fair):
            self.figure.marks = [mark, *named, *fair]

    def _draw_pies(self, data):
        n = min(len(data.series), 6)
        room = 0.8 if self.spec.show_legend else 1.0  # leave the right-hand side for the key
        marks = []
        for j, (label, values) in enumerate(data.series[:6]):
            marks.append(bq.Pie(
                sizes=values, labels=data.categories, colors=data.colours, x=room * (j + 0.5) / n, y=0.5,
                radius=150 if n == 1 else max(40, int(room * 300) // n - 10), stroke="#333",
                display_labels="outside" if n == 1 else "none", display_values=False, sort=False,
                display_legend=self.spec.show_legend and j == 0, font_size="15px",
            ))
        self.figure.marks = marks
        self.figure.axes = []

    def _draw_dots(self, data):
        marks, columns = [], []
        for label, _ in data.series:
            for name in data.categories:
                columns.append(name if len(data.series) == 1 else f"{name} {label.split()[-1]}")
        self.x_scale.domain = columns
        for label, values in data.series:
            for name, colour, count in zip(data.categories, data.colours, values):
                if count:
                    x = [name if len(data.series) == 1 else f"{name} {label.split()[-1]}"] * count
                    marks.append(bq.Scatter(x=x, y=list(range(1, count + 1)), colors=[colour], stroke="#333",
                                            default_size=90, scales={"x": self.x_scale, "y": self.y_scale}))
        self._scale_counts(data.top)
        self.figure.marks = marks + self._fair_marks(data)
        self.figure.axes = [self.x_axis, self.y_axis]

    def _in_words(self, data) -> str:
        # Translators: {kind} is the chart's name (Bar chart, Pie chart, Dot plot); its counts follow in words.
        heading = _("{kind} in words.").format(kind=_(KINDS[self.spec.kind]))
        parts = [f"{label}: " + ", ".join(f"{c} {v}" for c, v in zip(data.categories, values)) for label, values in data.series]
        level = fair_level(data) if self.spec.fair_line and self.spec.kind != "pie" else None
        # Translators: {level} is a number, e.g. 4.83: each category's share if things were fair.
        fair = "" if level is None else " " + _("What fair would look like: {level} each.").format(level=f"{level:.3g}")
        return f"<p><b>{heading}</b> " + esc("; ".join(parts) + "." + fair) + "</p>"

    def _judge(self, data):
        verdict = critique(self.spec, data, self.book.sample_label, self.book.category_label)
        items = "".join(f'<li class="{"ok" if c.ok else "todo"}">{esc(c.rule)}</li>' for c in verdict.checks)
        question, named = _("What makes a good chart work well?"), _("Chart checklist")
        self.checklist.value = (
            f"<h3>{question}</h3>"
            f'<ul aria-label="{esc(named)}">{items}</ul>'
            f'<p class="classlab-next">{esc(verdict.next_step)}</p>'
        )
        self.critique = verdict

    def save_png(self) -> None:
        """Ask the browser to download the chart as a PNG picture."""
        self.figure.save_png(self.filename)
        # Translators: {filename} is the picture's file name (my-chart.png).
        say(self.message, _("Saved as {filename} in your downloads.").format(filename=self.filename), news=True)
