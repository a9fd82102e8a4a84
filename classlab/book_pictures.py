"""Charts and tally marks as pictures for the printed book: inline SVG made here from the engine's numbers.

Why SVG we write ourselves rather than a plotting library: the picture is drawn from the same
`ChartData` and `ChartSpec` the pupils' chart uses (their title, their axis start, their pie), so the
book shows the chart the group made, mistakes and all; it prints sharp at any size; it needs nothing
installed and fetches nothing; and every word on it (pupils' titles, a survey's answers) is escaped
here, so a pupil's `<script>` prints as text.
"""
from __future__ import annotations

import html
import math

from .charts import KINDS, ChartData, ChartSpec, fair_level, legend_needed, whole_number_ticks
from .language import _, ngettext
from .tally import tally_gates

FONT = "font-family=\"Arial, Helvetica, sans-serif\""
INK = "#222"
#: A chart in the book: wide enough for eight bars with their names, short enough for two on a page.
WIDTH, HEIGHT = 640, 340


def esc(text) -> str:
    """Pupils' words in a picture are words, never markup."""
    return html.escape(str(text), quote=True)


def _svg_text(x, y, words, size=13, anchor="middle", weight="normal", rotate: float | None = None, fill=INK) -> str:
    turn = f' transform="rotate({rotate:g} {x:.1f} {y:.1f})"' if rotate else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
            f'fill="{fill}" {FONT}{turn}>{esc(words)}</text>')


def in_words(spec: ChartSpec, data: ChartData) -> str:
    """What the chart shows, in a sentence a screen reader (or a parent) can read instead of the picture."""
    kind = _(KINDS[spec.kind])
    parts = []
    for label, values in data.series:
        counts = ", ".join(f"{name} {v}" for name, v in zip(data.categories, values))
        parts.append(f"{label}: {counts}")
    title = f" “{spec.title.strip()}”" if spec.title.strip() else ""
    return f"{kind}{title}. " + "; ".join(parts) + "."


def _frame(spec: ChartSpec, data: ChartData, body: str, height: int = HEIGHT) -> str:
    title = spec.title.strip()
    words = esc(in_words(spec, data))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="book-chart" role="img" aria-label="{words}" '
            f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}">'
            f"<title>{words}</title>"
            f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#fff"/>'
            + (_svg_text(WIDTH / 2, 22, title, size=17, weight="bold") if title else "")
            + body + "</svg>")


def _key(data: ChartData, x: float, y: float) -> str:
    """A key of colours, one row per category (used where colour alone tells the categories apart)."""
    out = []
    for i, (name, colour) in enumerate(zip(data.categories, data.colours)):
        yy = y + i * 18
        out.append(f'<rect x="{x:.1f}" y="{yy - 10:.1f}" width="12" height="12" fill="{esc(colour)}" stroke="{INK}"/>')
        out.append(_svg_text(x + 17, yy, name[:18], size=12, anchor="start"))
    return "".join(out)


def bar_chart(spec: ChartSpec, data: ChartData) -> str:
    """Bars as the pupils chose them: one colour per category; side by side, the samples along the bottom."""
    keyed = len(data.series) > 1 and (spec.show_legend or legend_needed(spec, data))
    left, right, top, bottom = 64, (130 if keyed else 16), (40 if spec.title.strip() else 16), 78
    plot_w, plot_h = WIDTH - left - right, HEIGHT - top - bottom
    start = spec.axis_start
    ticks = whole_number_ticks(max(data.top, start + 1), start=start, most=8)
    low, high = ticks[0], ticks[-1]
    y_of = lambda v: top + plot_h * (1 - (min(max(v, low), high) - low) / (high - low))  # noqa: E731
    out = []
    for t in ticks:
        y = y_of(t)
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(_svg_text(left - 6, y + 4, t, size=12, anchor="end"))
    if len(data.series) == 1:
        groups = [(None, data.series[0][1])]
    else:
        groups = [(label, values) for label, values in data.series]
    slot = plot_w / max(len(groups), 1)
    k = len(data.categories)
    names_tilted = len(groups) == 1 and (k > 6 or max((len(c) for c in data.categories), default=0) > 8)
    for g, (label, values) in enumerate(groups):
        inner = slot * 0.8
        bar_w = inner / k
        x0 = left + g * slot + slot * 0.1
        for i, (v, colour) in enumerate(zip(values, data.colours)):
            y = y_of(v)
            out.append(f'<rect x="{x0 + i * bar_w:.1f}" y="{y:.1f}" width="{max(bar_w - 2, 1):.1f}" '
                       f'height="{top + plot_h - y:.1f}" fill="{esc(colour)}" stroke="{INK}" stroke-width="0.6"/>')
            if label is None:
                cx = x0 + i * bar_w + bar_w / 2
                if names_tilted:
                    out.append(_svg_text(cx, top + plot_h + 14, data.categories[i][:18], size=12, anchor="end", rotate=-35))
                else:
                    out.append(_svg_text(cx, top + plot_h + 16, data.categories[i], size=12))
        if label is not None:
            out.append(_svg_text(x0 + inner / 2, top + plot_h + 16, label, size=12))
    level = fair_level(data) if spec.fair_line else None
    if level is not None:
        y = y_of(level)
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#1a5fb4" '
                   f'stroke-width="2.5" stroke-dasharray="8 5"/>')
        # its key sits under the chart, where no bar can cover it
        key_y = HEIGHT - 12
        out.append(f'<line x1="{left}" x2="{left + 28}" y1="{key_y - 4}" y2="{key_y - 4}" stroke="#1a5fb4" '
                   f'stroke-width="2.5" stroke-dasharray="8 5"/>')
        out.append(_svg_text(left + 34, key_y, _("What fair would look like"), size=12, anchor="start", fill="#1a5fb4"))
    out.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="{INK}"/>')
    out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="{INK}"/>')
    x_label_at = left + plot_w / 2 + (90 if level is not None else 0)
    out.append(_svg_text(x_label_at, HEIGHT - 10, spec.x_label, size=14))
    out.append(_svg_text(16, top + plot_h / 2, spec.y_label, size=14, rotate=-90))
    if keyed:
        out.append(_key(data, WIDTH - right + 14, top + 12))
    return _frame(spec, data, "".join(out))


def _slices(values, colours, cx, cy, r) -> str:
    total = sum(values)
    if total == 0:
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="#f4f4f4" stroke="{INK}"/>'
    non_zero = [(v, c) for v, c in zip(values, colours) if v]
    if len(non_zero) == 1:
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{esc(non_zero[0][1])}" stroke="{INK}"/>'
    out, angle = [], -math.pi / 2
    for v, colour in non_zero:
        sweep = 2 * math.pi * v / total
        x1, y1 = cx + r * math.cos(angle), cy + r * math.sin(angle)
        x2, y2 = cx + r * math.cos(angle + sweep), cy + r * math.sin(angle + sweep)
        big = 1 if sweep > math.pi else 0
        out.append(f'<path d="M{cx:.1f},{cy:.1f} L{x1:.2f},{y1:.2f} A{r:.1f},{r:.1f} 0 {big} 1 {x2:.2f},{y2:.2f} Z" '
                   f'fill="{esc(colour)}" stroke="#fff" stroke-width="1"/>')
        angle += sweep
    return "".join(out)


def pie_chart(spec: ChartSpec, data: ChartData) -> str:
    """One pie per series, with a key: a pie of several samples side by side draws several small pies."""
    top = 40 if spec.title.strip() else 14
    n = max(len(data.series), 1)
    area_w = WIDTH - 150
    r = min((HEIGHT - top - 40) / 2, area_w / n / 2 - 8)
    height = int(max(top + 2 * r + 40, top + 16 + 18 * len(data.categories)))  # no empty band under small pies
    out = []
    for i, (label, values) in enumerate(data.series):
        cx = area_w / n * (i + 0.5) + 6
        cy = top + r + 6
        out.append(_slices(values, data.colours, cx, cy, r))
        out.append(_svg_text(cx, cy + r + 20, label, size=12))
    out.append(_key(data, WIDTH - 136, top + 16))
    return _frame(spec, data, "".join(out), height)


def dot_plot(spec: ChartSpec, data: ChartData) -> str:
    """A column of dots per category (the first series): counts up to 60 drawn dot by dot, the number on top."""
    values = data.series[0][1] if data.series else [0] * len(data.categories)
    left, top, bottom = 40, (40 if spec.title.strip() else 16), 60
    plot_w, plot_h = WIDTH - left - 16, HEIGHT - top - bottom
    slot = plot_w / max(len(values), 1)
    most = max(values, default=0)
    step = min(14.0, plot_h / max(min(most, 60), 1))
    out = []
    for i, (v, colour) in enumerate(zip(values, data.colours)):
        cx = left + slot * (i + 0.5)
        for j in range(min(v, 60)):
            out.append(f'<circle cx="{cx:.1f}" cy="{top + plot_h - step * (j + 0.5):.1f}" r="{max(step / 2 - 1, 1.5):.1f}" '
                       f'fill="{esc(colour)}" stroke="{INK}" stroke-width="0.5"/>')
        out.append(_svg_text(cx, top + plot_h - step * min(v, 60) - 4, v, size=12))
        out.append(_svg_text(cx, top + plot_h + 16, data.categories[i][:14], size=12))
    out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="{INK}"/>')
    out.append(_svg_text(left + plot_w / 2, HEIGHT - 12, spec.x_label, size=14))
    return _frame(spec, data, "".join(out))


def chart_svg(spec: ChartSpec, data: ChartData) -> str:
    """The chart the spec asks for, as inline SVG (an empty chart says why it is empty instead)."""
    if not data.series or (data.is_empty and not any(sum(v) for _, v in data.series)):
        body = _svg_text(WIDTH / 2, HEIGHT / 2, data.empty_reason or _("Nothing counted yet."), size=15)
        return _frame(spec, data, body)
    return {"bar": bar_chart, "pie": pie_chart, "dots": dot_plot}[spec.kind](spec, data)


def tally_svg(n: int, name: str, per_row: int = 10, most: int = 500) -> str:
    """Tally marks in gates of five (the engine's `tally_gates`), wrapping after `per_row` gates.

    Above `most` marks the rest is written as a number, so one huge count cannot fill the book.
    """
    gates = tally_gates(min(n, most))
    stroke, gap, h = 6, 10, 26
    gate_w = 4 * stroke + gap
    rows = max(1, math.ceil(len(gates) / per_row))
    width = max(gate_w * min(len(gates), per_row) + 4, 8)
    out = []
    for g, size in enumerate(gates):
        x = 3 + (g % per_row) * gate_w
        y = (g // per_row) * h
        for i in range(min(size, 4)):
            out.append(f'<line x1="{x + i * stroke}" x2="{x + i * stroke}" y1="{y + 4}" y2="{y + h - 4}"/>')
        if size == 5:
            out.append(f'<line x1="{x - 3}" x2="{x + 3 * stroke + 3}" y1="{y + h - 6}" y2="{y + 6}"/>')
    # Translators: after the most tally marks the book draws; {n} is how many more there are.
    more = "<tspan> " + esc(_("and {n} more").format(n=n - most)) + "</tspan>" if n > most else ""
    label = ngettext("{n} tally mark for {name}", "{n} tally marks for {name}", n).format(n=n, name=name)
    extra = (f'<text x="{width + 6}" y="{h - 8}" font-size="13" {FONT} fill="{INK}">{more}</text>' if more else "")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="book-tally" role="img" aria-label="{esc(label)}" '
            f'width="{width + (120 if more else 0)}" height="{rows * h}" stroke="{INK}" stroke-width="2.2" '
            f'stroke-linecap="round"><title>{esc(label)}</title>{"".join(out)}{extra}</svg>')
