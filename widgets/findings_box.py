"""What we found: a text box per question of the lab, in the group's own words."""
from __future__ import annotations

import ipywidgets as w

from classlab import Findings


class FindingsBox(w.VBox):
    """A view over `Findings`. Pupils' text goes only into Textareas and Labels, never into HTML."""

    def __init__(self, findings: Findings, **kwargs):
        self.findings = findings
        self.boxes = {}
        parts = []
        for n, question in enumerate(findings.questions, start=1):
            label = w.Label(f"{n}. {question}")
            label.add_class("classlab-question")
            box = w.Textarea(value=findings.answer(question), placeholder="What did you find? What is your evidence?",
                             rows=4, layout=w.Layout(width="100%", max_width="820px"),
                             description=f"Question {n}", continuous_update=False)
            box.observe(lambda c, q=question: self._wrote(q, c["new"]), names="value")
            self.boxes[question] = box
            parts += [label, box]
        super().__init__(parts, **kwargs)
        self.add_class("classlab-findings")

    def _wrote(self, question: str, text: str) -> None:
        kept = self.findings.write(question, text)
        if kept != text:
            self.boxes[question].value = kept
