"""Small shared pieces of the views: the lab's look, and safe ways to show pupils' text."""
from __future__ import annotations

import html

import bqplot as bq
import ipywidgets as w

from classlab import whole_number_ticks

LAB_CSS = """
<style>
body { font-size: 17px; }
.widget-button, .classlab .widget-toggle-button { min-height: 44px; font-size: 16px; border-radius: 8px; }
.widget-toggle-buttons .widget-toggle-button { min-width: 8em; width: auto; padding: 0 14px; }
.classlab-where { font-size: 18px; padding: 8px 12px; display: inline-block; }
.classlab-total { font-size: 18px; }
.widget-label, .classlab .widget-label-basic { font-size: 16px; }
.widget-text input, .classlab .widget-dropdown select, .classlab textarea { font-size: 16px; min-height: 44px; }
:focus-visible { outline: 3px solid #1a5fb4 !important; outline-offset: 2px; }
.classlab-say { color: #8a0018; font-size: 16px; min-height: 1.2em; }
.classlab-hint { color: #333; font-size: 16px; }
.classlab-checklist ul { list-style: none; padding-left: 0.5em; margin: 0.3em 0; }
.classlab-checklist li { margin: 0.15em 0; }
.classlab-checklist .ok::before { content: "✔ "; color: #1e7b34; font-weight: 700; }
.classlab-checklist .todo::before { content: "○ "; color: #8a5a00; font-weight: 700; }
.classlab-next { font-weight: 600; background: #fff6d6; padding: 6px 10px; border-radius: 8px; }
.classlab-table { border-collapse: collapse; font-size: 17px; }
.classlab-table th, .classlab-table td { border: 1px solid #bbb; padding: 4px 10px; text-align: right; }
.classlab-table th:first-child, .classlab-table td:first-child { text-align: left; }
.classlab-table tfoot td { font-weight: 700; }
.classlab-table .off { background: #ffe1e1; }
.classlab-dot { display: inline-block; width: 14px; height: 14px; border-radius: 50%; border: 1px solid #333;
  vertical-align: middle; margin-right: 6px; }
.classlab-flag { background: #ffe9c7; border-left: 6px solid #d97a00; padding: 8px 12px; border-radius: 6px; }
.classlab-say .classlab-good { color: #14532d; }
.classlab-good { background: #e3f4e6; border-left: 6px solid #1e7b34; padding: 8px 12px; border-radius: 6px; }
.classlab-verdict { font-size: 18px; background: #eef3fb; border-left: 6px solid #1a5fb4; padding: 8px 12px; border-radius: 6px; }
.classlab-words { color: #444; font-size: 15px; }
.classlab-group-name { font-weight: 700; font-size: 19px; }
/* Lumino sets `contain: strict` on its panels (inline), which pins a fixed box to the panel, not the screen: lift it for the board. */
.lm-BoxPanel:has(.classlab-board), .lm-BoxPanel-child:has(.classlab-board) { contain: none !important; }
.classlab-spotlight { position: fixed; inset: 0; z-index: 1000; background: #fff; padding: 24px 32px; overflow: auto; }
.classlab-spotlight .classlab-spotlight-chart { height: 80vh !important; }
/* The chart keeps its height and the class's stars and wish sit below it (scrolled to): nothing is squeezed. */
.classlab-spotlight > *, .classlab-class-stars > * { flex-shrink: 0; }
.classlab-class-code span { letter-spacing: 0.12em; font-size: 1.3em; }
.classlab-welcome p, .classlab-welcome li, .classlab-section-heading p { font-size: 17px; line-height: 1.45; margin: 0.35em 0; }
.classlab-welcome ol { margin: 0.2em 0 0.6em; }
.classlab-section { margin-top: 1.2em; }
/* Every screen from a 320 px phone to the whiteboard: rows wrap instead of running off the right edge, boxes are
   never wider than the page, and a button keeps all its words (it grows a line rather than ending in "…"). */
.classlab, .classlab-board { max-width: 100%; box-sizing: border-box; }
.classlab .lm-Widget, .classlab-board .lm-Widget { max-width: 100%; box-sizing: border-box; }
.classlab .widget-hbox, .classlab-board .widget-hbox, .classlab .widget-inline-hbox, .classlab-board .widget-inline-hbox,
.classlab .widget-toggle-buttons, .classlab-board .widget-toggle-buttons { flex-wrap: wrap; gap: 6px; }
.classlab .widget-hbox > *, .classlab-board .widget-hbox > * { min-width: 0; }
.classlab .widget-inline-hbox, .classlab-board .widget-inline-hbox { max-width: calc(100% - 4px) !important; height: auto; }
.classlab .widget-inline-hbox > .widget-input, .classlab-board .widget-inline-hbox > .widget-input { min-width: 0; flex: 1 1 10em; }
.classlab button.jupyter-button, .classlab-board button.jupyter-button { white-space: normal; overflow: visible; text-overflow: clip;
  height: auto; min-height: 44px; min-width: 44px; max-width: 100%; line-height: 1.2; padding: 6px 14px; }
.classlab .widget-label, .classlab-board .widget-label { max-width: 100%; white-space: normal; overflow: visible;
  text-overflow: clip; height: auto; min-height: 28px; line-height: 1.3; }
.classlab .widget-text, .classlab .widget-textarea, .classlab .widget-dropdown, .classlab-board .widget-text,
.classlab-board .widget-textarea, .classlab-board .widget-dropdown, .classlab-board .widget-select { max-width: 100%; }
.classlab .widget-text input, .classlab .widget-dropdown select, .classlab-board .widget-text input,
.classlab-board .widget-dropdown select, .classlab-board .widget-select select { min-width: 0; min-height: 44px; font-size: 16px; }
.classlab textarea, .classlab-board textarea { min-height: 44px; max-width: 100%; }
.classlab .widget-checkbox, .classlab-board .widget-checkbox { min-height: 44px; }
.classlab .widget-checkbox input, .classlab-board .widget-checkbox input, .classlab .widget-radio-box input,
.classlab-board .widget-radio-box input { width: 24px; height: 24px; margin: 0 10px 0 0; flex: none; }
.classlab .widget-checkbox label, .classlab-board .widget-checkbox label, .classlab .widget-radio-box label,
.classlab-board .widget-radio-box label { min-height: 44px; display: flex; align-items: center; height: auto; }
/* A list to pick several from (the tubes to put side by side): each row is a big toggle, not a 17 px line. */
.classlab select[multiple] option, .classlab-board select[multiple] option { min-height: 44px; padding: 12px 10px;
  box-sizing: border-box; font-size: 17px; border-bottom: 1px solid #ddd; }
.classlab select[multiple], .classlab-board select[multiple] { height: auto; min-height: 180px; }
.classlab-scroll-x { max-width: 100%; overflow-x: auto; }
/* The book's download links are big targets too (a finger on a tablet), not a line of small text. */
.classlab-book-link { display: inline-flex; align-items: center; min-height: 44px; padding: 0 14px; margin: 4px 8px 4px 0;
  border: 2px solid #1a5fb4; border-radius: 8px; font-size: 16px; text-decoration: none; color: #1a5fb4; }
.classlab .widget-html > .widget-html-content, .classlab-board .widget-html > .widget-html-content { min-width: 0; max-width: 100%; }
/* A clear ring on whatever has keyboard focus, text boxes and lists too (dark blue on white: 6.3:1). */
.classlab input:focus, .classlab textarea:focus, .classlab select:focus, .classlab-board input:focus,
.classlab-board textarea:focus, .classlab-board select:focus { outline: 3px solid #1a5fb4 !important; outline-offset: 1px; }
/* Subject words link to "Words we use" at the foot of the page. */
.classlab a.classlab-word { color: #1a4f96; text-decoration: underline dotted; text-underline-offset: 3px; }
.classlab-glossary dt { font-weight: 700; font-size: 18px; margin-top: 0.6em; }
.classlab-glossary dd { margin: 0.1em 0 0 1em; font-size: 17px; line-height: 1.45; }
.classlab-glossary dt:target, .classlab-glossary dt:focus { background: #fff6d6; }
@media (max-width: 600px) {
  body { font-size: 16px; }
  .classlab .widget-inline-hbox > .widget-label, .classlab-board .widget-inline-hbox > .widget-label {
    width: 100%; max-width: 100%; text-align: left; white-space: normal; }
  .classlab .widget-text, .classlab .widget-textarea, .classlab .widget-dropdown, .classlab .widget-select,
  .classlab-board .widget-text, .classlab-board .widget-textarea, .classlab-board .widget-dropdown,
  .classlab-board .widget-select { width: calc(100% - 4px); }
  .classlab-scroll-x > .classlab-chart { min-width: 480px; }
  .classlab-table { font-size: 15px; }
  .classlab-table th, .classlab-table td { padding: 4px 5px; }
}
</style>
"""


def esc(text) -> str:
    """Every piece of text that may come from a pupil goes through here before an HTML widget."""
    return html.escape(str(text), quote=True)


def scroll_box(inner: str, name: str) -> str:
    """A wide table in a box that scrolls sideways on its own, so on a phone the page itself never does.

    `inner` is HTML already made safe; the box can take keyboard focus (arrow keys scroll it) and is named by `name`.
    """
    return f'<div class="classlab-scroll-x" role="region" tabindex="0" aria-label="{esc(name)}">{inner}</div>'


def lab_style() -> w.HTML:
    """The lab's look: big, friendly controls with a clear focus ring."""
    return w.HTML(LAB_CSS)


def swatch(colour: str) -> str:
    """A coloured dot; colours are checked as #rrggbb by the engine, and escaped all the same."""
    return f'<span class="classlab-dot" style="background:{esc(colour)}" aria-hidden="true"></span>'


def count_axis(scale, axis, top: int, start: int = 0, most: int = 8) -> list[int]:
    """Fit a count axis to whole numbers from `start` to just above `top`: nobody counts 2.5 sweets."""
    ticks = whole_number_ticks(max(top, start + 1), start=start, most=most)
    scale.min, scale.max = ticks[0], ticks[-1]
    axis.tick_values = ticks
    return ticks


def figure(marks, axes, margin: dict, layout: w.Layout, title: str = "", **kwargs) -> bq.Figure:
    """A chart as every ClassLab view draws one: no animation, so a new count shows at once (and on a projector)."""
    return bq.Figure(marks=marks, axes=axes, title=title, animation_duration=0, fig_margin=margin, layout=layout, **kwargs)
