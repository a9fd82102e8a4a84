"""What a group found, written in its own words, one answer per question of the lab."""
from __future__ import annotations

from traitlets import Dict, HasTraits, List, Unicode

MAX_FINDING = 2000


class Findings(HasTraits):
    """A group's answers to the lab's questions. Text is stored as typed; views escape it."""

    questions = List(Unicode(), help="The lab's questions, in order.")
    answers = Dict(help="Question -> what the group found.")

    def write(self, question: str, text: str) -> str:
        """Keep a finding (trimmed to a sensible length so one paste can't swamp the board)."""
        if question not in self.questions:
            raise KeyError(f"{question!r} is not one of this lab's questions.")
        text = str(text)[:MAX_FINDING]
        self.answers = {**self.answers, question: text}
        return text

    def answer(self, question: str) -> str:
        return self.answers.get(question, "")
