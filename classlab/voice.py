"""Pupils' voice: the group's own question, checking its own chart, two stars and a wish, and looking back.

The research behind the Smarties lab found pupils learn more when they choose what to find out, use
criteria to judge their own and each other's work, and are listened to. The rules here are pure
Python (the store checks every value with them; the widgets only show them). Nothing a pupil writes
is ever marked wrong: where a group's tick and the chart checker differ, the software asks a
question that sends the group back to its chart ("there are no wrong ideas").
"""
from __future__ import annotations

from dataclasses import dataclass

from .charts import Critique

#: The longest own question (a lab's questions are at most 200 characters too).
MAX_QUESTION = 200
#: One sentence: why we ticked what we ticked.
MAX_WHY = 300
#: A star or a wish: one thing, said in a sentence.
MAX_STAR = 200
#: Why we agree, don't agree or aren't sure.
MAX_REASON = 300
#: Each answer when looking back.
MAX_REFLECTION = 500
#: A chart checklist has a handful of lines; more ticks than this can only come from a forged page.
MAX_TICKS = 12
MAX_RULE = 80

#: How a group can answer another group's finding, in the words the page shows.
STANCES = {"agree": "We agree", "disagree": "We don't agree", "not sure": "Not sure"}

#: Looking back at the end of the lesson: each answer's key and the question the page asks.
REFLECTION_PROMPTS = {
    "found": "What we found",
    "surprised": "What surprised us",
    "next_time": "What we would investigate next",
    "helped": "What helped us learn today",
}

#: For each line of "What makes a good chart work well?" (`charts.critique`), the question that sends a
#: group back to look at its own chart when its tick and the checker's differ. Never "you are wrong".
LOOK_AGAIN = {
    "It shows something": "Look at your chart: can you see any bars, slices or dots yet?",
    "A title that says what it shows": "Read your title out loud: does it tell a reader what the chart shows?",
    "Both axes are labelled": "Look under the bars and beside the numbers: what do the labels say?",
    "The count axis starts at zero": "Look at the left axis: where does it start?",
    "A pie shows the parts of one whole": "Is your pie one whole, or are there several pies to compare?",
    "A pie has only a few slices": "Count the slices of your pie: how many are there?",
    "A dot plot is for small counts": "Look at the tallest column of dots: could you count them at a glance?",
    "A key where one is needed": "Could someone else tell which is which?",
}
ASK_ANYWAY = "Look at your chart together: what do you think?"


class VoiceError(ValueError):
    """Something a group wrote that can't be kept as it is; the message is short and kind, for pupils."""


def check_text(value, *, what: str, most: int, needed: bool = True) -> str:
    """A piece of pupils' writing, trimmed; kept exactly as typed otherwise (views escape it)."""
    if value is None and not needed:
        return ""
    if not isinstance(value, str):
        raise VoiceError(f"Please write {what}.")
    value = value.strip()
    if needed and not value:
        raise VoiceError(f"Please write {what} first.")
    if len(value) > most:
        raise VoiceError(f"That's {len(value):,} characters: please keep {what} to {most:,} or fewer.")
    return value


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def own_question(text, lab_questions=()) -> tuple[str, bool]:
    """The group's question, and whether it is one of the lab's questions (then in the lab's own words)."""
    text = check_text(text, what="your question", most=MAX_QUESTION)
    for asked in lab_questions:
        if _same(text, asked):
            return asked, True
    return text, False


def check_ticks(ticks) -> dict[str, bool]:
    """A group's ticks (checklist line -> ticked), as a page may send them: untrusted until checked here."""
    if not isinstance(ticks, dict) or len(ticks) > MAX_TICKS:
        raise VoiceError("Those ticks can't be saved. Please tick again.")
    out = {}
    for rule, ticked in ticks.items():
        if not isinstance(rule, str) or not rule.strip() or len(rule) > MAX_RULE or not isinstance(ticked, bool):
            raise VoiceError("Those ticks can't be saved. Please tick again.")
        out[rule] = ticked
    return out


@dataclass(frozen=True)
class CheckLine:
    """One line of the self check: what the group said, what the checker found, and a question where they differ."""

    rule: str
    theirs: bool | None  # None: the group has not said yet
    checker: bool
    question: str = ""

    @property
    def differ(self) -> bool:
        return self.theirs is not None and self.theirs != self.checker


def compare(ticks: dict[str, bool], critique: Critique) -> list[CheckLine]:
    """The group's ticks beside the checker's, one line per rule of this chart, with a question where they differ."""
    lines = []
    for check in critique.checks:
        theirs = ticks.get(check.rule)
        question = ""
        if theirs is not None and theirs != check.ok:
            said = "ticked" if theirs else "didn't tick"
            question = f"You {said} “{check.rule}”. {LOOK_AGAIN.get(check.rule, ASK_ANYWAY)}"
        lines.append(CheckLine(check.rule, theirs, check.ok, question))
    return lines


def stars_and_wish(stars, wish) -> tuple[str, str, str]:
    """Two stars (two things that work) and a wish (one thing to try), each written, checked."""
    if isinstance(stars, str) or not isinstance(stars, (list, tuple)) or len(stars) != 2:
        raise VoiceError("Please write two stars: two things that work well.")
    first = check_text(stars[0], what="your first star", most=MAX_STAR)
    second = check_text(stars[1], what="your second star", most=MAX_STAR)
    wish = check_text(wish, what="your wish", most=MAX_STAR)
    return first, second, wish


def answer(stance, reason) -> tuple[str, str]:
    """An answer to another group's finding: agree, disagree or not sure, and a reason."""
    if not isinstance(stance, str) or stance not in STANCES:
        raise VoiceError("Please choose: we agree, we don't agree, or not sure.")
    return stance, check_text(reason, what="your reason", most=MAX_REASON)


def reflection(found="", surprised="", next_time="", helped="") -> dict[str, str]:
    """A group looking back: each answer may be left for later, but not all four."""
    given = {"found": found, "surprised": surprised, "next_time": next_time, "helped": helped}
    out = {key: check_text(value, what=f"“{REFLECTION_PROMPTS[key]}”", most=MAX_REFLECTION, needed=False)
           for key, value in given.items()}
    if not any(out.values()):
        raise VoiceError("Please write at least one answer before saving.")
    return out
