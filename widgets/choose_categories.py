"""Our question and its answers: a class survey chooses what it counts before counting it."""
from __future__ import annotations

import ipywidgets as w

from classlab.language import _
from classlab.lab_format import MAX_CHOSEN, chosen_categories

from ._accessible import message_area, say
from ._common import esc


class ChooseCategories(w.VBox):
    """The class's question and 2 to 8 answers; `on_chosen(categories, question)` is called once they make sense."""

    def __init__(self, on_chosen, category_label: str | None = None, **kwargs):
        """`category_label` is the lab's word for one answer (ClassLab's "answer" when the lab gives none)."""
        self.on_chosen = on_chosen
        wide = {"description_width": "initial"}
        # Each box reaches Python whole before Start counting's click (see join_class.py).
        self.question = w.Text(description=_("Our question"), placeholder=_("e.g. How do you come to school?"),
                               style=wide, layout=w.Layout(width="100%", max_width="40em"), continuous_update=False)
        label = (category_label or _("answer")).capitalize()
        # Translators: the box for one answer of a class survey; {label} is the lab's word for it (Answer), {n} a number.
        self.answers = [w.Text(description=_("{label} {n}").format(label=label, n=i + 1), style=wide,
                               layout=w.Layout(width="20em"), continuous_update=False)
                        for i in range(MAX_CHOSEN)]
        self.go = w.Button(description=_("Start counting"), button_style="primary", layout=w.Layout(width="auto"))
        self.message = message_area()
        self.chosen = w.HTML()
        self.go.on_click(lambda _: self.choose())
        grid = w.GridBox(self.answers, layout=w.Layout(grid_template_columns="repeat(auto-fill, 21em)", grid_gap="6px"))
        self.form = w.VBox([self.question, grid, self.go, self.message])
        super().__init__([self.form, self.chosen], **kwargs)
        self.add_class("classlab-choose")

    def fill(self, names, question: str = "") -> None:
        """Put answers in the boxes (from the teacher's class, or saved work)."""
        for box, name in zip(self.answers, [*names, *[""] * MAX_CHOSEN]):
            box.value = name
        self.question.value = question

    def choose(self) -> bool:
        """Check the answers; when they make sense, show them and hand them on (once)."""
        try:
            categories = chosen_categories([box.value for box in self.answers])
        except ValueError as problem:
            say(self.message, str(problem), wrong=self._box_at_fault())
            return False
        say(self.message, "")
        question = " ".join(self.question.value.split())[:200]
        self.form.layout.display = "none"
        our_question, our_answers = esc(_("Our question:")), esc(_("Our answers:"))
        asked = f"<p><b>{our_question}</b> {esc(question)}</p>" if question else ""
        answers = f'<p><b>{our_answers}</b> {esc(", ".join(categories.names))}</p>'
        self.chosen.value = asked + answers
        self.on_chosen(categories, question)
        return True

    def _box_at_fault(self) -> w.Text | None:
        """The box a refusal is about, checked in the order `chosen_categories` checks, so it is marked
        aria-invalid and pointed at the message: the first empty box (too few answers), a too-long answer's box,
        or the second box of an answer typed twice."""
        typed = [(box, " ".join(box.value.split())) for box in self.answers]
        filled = [(box, name) for box, name in typed if name]
        if len(filled) < 2:
            return next((box for box, name in typed if not name), None)
        long = next((box for box, name in filled if len(name) > 30), None)
        if long is not None:
            return long
        seen: set[str] = set()
        for box, name in filled:
            if name.casefold() in seen:
                return box
            seen.add(name.casefold())
        return None
