"""Check our chart: the group ticks what it thinks its chart does, says why, and sees the checker's view beside it.

Where the two differ the page asks a question ("Look at the left axis: where does it start?"); it
never marks the group wrong. The lines are those of "What makes a good chart work well?" for the
chart the group has made now (a pie has other lines than a bar chart).
"""
from __future__ import annotations

import ipywidgets as w

from classlab import ChartSpec, TallyBook, chart_data, critique
from classlab.language import _
from classlab.voice import MAX_WHY, compare, rule_english

from ._accessible import say
from ._common import esc
from .our_question import GroupPart, text_html

#: A question to look again: warm and noticeable, never red (nothing here is marked wrong).
ASK_STYLE = "font-weight: 600; background: #fff6d6; padding: 6px 10px; border-radius: 8px"


class SelfCheck(GroupPart):
    """Ticks and a sentence why, saved for the group; the checker's view and questions once the group compares."""

    def __init__(self, book: TallyBook, spec: ChartSpec, join=None, **kwargs):
        self.book, self.spec = book, spec
        #: By each checklist line's English words (classlab.voice.RULES), whatever language the boxes show.
        self.ticks: dict[str, bool] = {}
        self.boxes: dict[str, w.Checkbox] = {}  # by English words too
        self.compared = False
        self._loading = False  # putting saved ticks back is not a new save
        self.lines = w.VBox()
        self.lines.add_class("classlab-self-check-ticks")
        self.why = w.Textarea(description=_("Why we think so"), placeholder=_("One sentence: why did you tick what you ticked?"),
                              rows=2, continuous_update=False, style={"description_width": "initial"},
                              layout=w.Layout(width="100%", max_width="820px"))
        self.why.observe(lambda _: self._changed(), names="value")
        self.compare_button = w.Button(description=_("Compare with the checker"), button_style="primary",
                                       layout=w.Layout(width="auto"))
        self.compare_button.on_click(lambda _: self.compare())
        self.beside = w.HTML()
        self.beside.add_class("classlab-self-check-beside")
        think = _("We think our chart has:")
        super().__init__([w.HTML(f"<p><b>{think}</b></p>"), self.lines, self.why, self.compare_button,
                          self.beside], join=join, **kwargs)
        self.add_class("classlab-self-check")
        spec.observe(lambda _: self._redraw())
        book.observe(lambda _: self._redraw(), names=["version"])
        self._redraw()
        self.start()

    def critique(self):
        return critique(self.spec, chart_data(self.book, self.spec), self.book.sample_label, self.book.category_label)

    def _redraw(self) -> None:
        """One tick box per line of this chart's checklist (kept when the chart changes), and the comparison."""
        shown = {rule_english(c.rule): c.rule for c in self.critique().checks}
        if list(self.boxes) != list(shown):
            boxes = {}
            for rule, words in shown.items():
                box = self.boxes.get(rule) or w.Checkbox(description=words, value=self.ticks.get(rule, False), indent=False,
                                                         layout=w.Layout(width="auto"))
                if rule not in self.boxes:
                    box.observe(lambda c, r=rule: self._ticked(r, c["new"]), names="value")
                boxes[rule] = box
            self.boxes = boxes
            self.lines.children = list(boxes.values())
        self._show_beside()

    def _ticked(self, rule: str, value: bool) -> None:
        self.ticks[rule] = bool(value)
        self._changed()

    def _changed(self) -> None:
        """Saved at once (a refresh loses nothing); the comparison follows once the group has asked for it."""
        self._show_beside()
        if not self._loading and self.where is not None and (self.ticks or self.why.value.strip()):
            self._save_now("")

    def _save_now(self, done: str) -> bool:
        ticks = {r: self.ticks.get(r, False) for r in self.boxes}
        why = self.why.value[:MAX_WHY]
        return self._save(lambda store, code, group: store.save_self_check(code, group, {**self.ticks, **ticks}, why), done,
                          wrong=self.why)

    def compare(self) -> None:
        """Show the checker's view beside the group's, with a question wherever they differ (and save)."""
        for rule in self.boxes:
            self.ticks.setdefault(rule, self.boxes[rule].value)
        self.compared = True
        self._show_beside()
        if self.where is not None:
            self._save_now(_("Saved. Look at the questions: talk about them together."))
        else:  # the part's one live region says what the table shows
            say(self.message, self.beside_words)

    def _show_beside(self) -> None:
        if not self.compared:
            self.beside.value = ""
            return
        rows, asked = [], 0
        for line in compare({r: self.ticks.get(r, False) for r in self.boxes}, self.critique()):
            ours = _("✔ ticked") if line.theirs else _("not ticked")
            checker = _("✔ it does") if line.checker else _("○ not yet")
            ask = f'<div class="classlab-look-again" style="{ASK_STYLE}">{esc(line.question)}</div>' if line.question else ""
            asked += bool(line.question)
            rows.append(f"<tr><td>{esc(line.rule)}</td><td>{ours}</td><td>{checker}</td></tr>"
                        + (f'<tr class="classlab-ask-row"><td colspan="3">{ask}</td></tr>' if ask else ""))
        words = (_("You and the checker see your chart the same way.") if not asked else
                 _("Where you and the checker see it differently, look again together. There are no wrong ideas."))
        self.beside_words = words
        why = self.why.value.strip()
        # Translators: {why} is the group's own sentence, as typed.
        said = "<p>" + _("You said why: “{why}”").format(why=text_html(why)) + "</p>" if why else ""
        caption, good, we, checker = (_("Our ticks beside the checker"), _("What makes a good chart work well?"),
                                      _("We said"), _("The checker"))
        self.beside.value = (f'<table class="classlab-table"><caption>{caption}</caption>'
                             f"<thead><tr><th>{good}</th><th>{we}</th><th>{checker}</th>"
                             f'</tr></thead><tbody>{"".join(rows)}</tbody></table><p>{words}</p>{said}')

    def load(self) -> None:
        store, code, group = self.where
        saved = store.self_check(code, group)
        if saved is None:
            if self.ticks or self.why.value.strip():  # ticked before joining: now it can be saved
                self._save_now("")
            return
        self._loading = True
        try:
            self.ticks = {rule_english(rule): ticked for rule, ticked in saved.ticks.items()}
            for rule, box in self.boxes.items():
                box.value = bool(self.ticks.get(rule, False))
            self.why.value = saved.why
        finally:
            self._loading = False
        self.compared = True
        self._show_beside()
