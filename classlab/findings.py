"""What a group found, written in its own words, one answer per question of the lab."""
from __future__ import annotations

from traitlets import Dict, HasTraits, List, Unicode

from .language import N_, _

MAX_FINDING = 2000
#: Where a group's answer to its own question is kept: the group may reword its question, and its answer
#: stays with it (a lab's questions are keyed by their words, which never change under a group).
OUR_QUESTION = "our_question"

#: How the class sorted a finding, in the words the class saw on the board: the board's headings and
#: sort buttons, the pupils' page and the exports all use these (the store keeps the keys).
#: Marked for the catalogues: a page says them with _() when it shows them.
STATUS_WORDS = {
    "agreed": N_("We agree, and here is the evidence"),
    "check": N_("We need to check"),
    "off_question": N_("True, but not about our question"),
    "new": N_("Not sorted yet"),
}


class Findings(HasTraits):
    """A group's answers to the lab's questions. Text is stored as typed; views escape it."""

    questions = List(Unicode(), help="The lab's questions, in order.")
    answers = Dict(help="Question (or OUR_QUESTION) -> what the group found.")
    own = Unicode("", help="The group's own question, when it asked one of its own ('' when it chose the lab's).")

    def write(self, question: str, text: str) -> str:
        """Keep a finding (trimmed to a sensible length so one paste can't swamp the board)."""
        if question not in self.questions and question != OUR_QUESTION:
            raise KeyError(_("{question} is not one of this lab's questions.").format(question=repr(question)))
        text = str(text)[:MAX_FINDING]
        self.answers = {**self.answers, question: text}
        return text

    def answer(self, question: str) -> str:
        return self.answers.get(question, "")

    def asked(self, question: str) -> str:
        """The words of a question: OUR_QUESTION is the group's own question as it stands now."""
        return self.own if question == OUR_QUESTION else question
