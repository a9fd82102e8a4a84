"""What a group found, written in its own words, one answer per question of the lab."""
from __future__ import annotations

from traitlets import Dict, HasTraits, List, Unicode

MAX_FINDING = 2000

#: How the class sorted a finding, in the words the class saw on the board: the board's headings and
#: sort buttons, the pupils' page and the exports all use these (the store keeps the keys).
STATUS_WORDS = {
    "agreed": "We agree, and here is the evidence",
    "check": "We need to check",
    "off_question": "True, but not about our question",
    "new": "Not sorted yet",
}


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
