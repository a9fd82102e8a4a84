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
from .language import N_, _, languages, words

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

#: How a group can answer another group's finding, in English (the store and the export keep the key;
#: a page says the words with `_()`).
STANCES = {"agree": N_("We agree"), "disagree": N_("We don't agree"), "not sure": N_("Not sure")}

#: Looking back at the end of the lesson: each answer's key and the question the page asks (in English: say with `_()`).
REFLECTION_PROMPTS = {
    "found": N_("What we found"),
    "surprised": N_("What surprised us"),
    "next_time": N_("What we would investigate next"),
    "helped": N_("What helped us learn today"),
}

#: Each line of "What makes a good chart work well?" (`charts.critique`) by a fixed key, with its English
#: words: a group's ticks are saved under the key, so ticks saved on a Welsh page read on an English one.
RULES = {
    "shows": N_("It shows something"),
    "title": N_("A title that says what it shows"),
    "axes": N_("Both axes are labelled"),
    "zero": N_("The count axis starts at zero"),
    "pie_whole": N_("A pie shows the parts of one whole"),
    "pie_slices": N_("A pie has only a few slices"),
    "dots_small": N_("A dot plot is for small counts"),
    "key": N_("A key where one is needed"),
}

#: For each line of the checklist (by its English words, as the lab book looks it up), the question that
#: sends a group back to look at its own chart when its tick and the checker's differ. Never "you are wrong".
#: In English: `look_again()` says it in the page's language.
LOOK_AGAIN = {
    RULES["shows"]: N_("Look at your chart: can you see any bars, slices or dots yet?"),
    RULES["title"]: N_("Read your title out loud: does it tell a reader what the chart shows?"),
    RULES["axes"]: N_("Look under the bars and beside the numbers: what do the labels say?"),
    RULES["zero"]: N_("Look at the left axis: where does it start?"),
    RULES["pie_whole"]: N_("Is your pie one whole, or are there several pies to compare?"),
    RULES["pie_slices"]: N_("Count the slices of your pie: how many are there?"),
    RULES["dots_small"]: N_("Look at the tallest column of dots: could you count them at a glance?"),
    RULES["key"]: N_("Could someone else tell which is which?"),
}
ASK_ANYWAY = N_("Look at your chart together: what do you think?")
#: Who gave two stars and a wish agreed by the class on the board's spotlight (said in place of a group's name).
WHOLE_CLASS = N_("The whole class")


def rule_key(rule: str) -> str:
    """The fixed key of a checklist line, from its words in any language ClassLab speaks, its English, or
    the key itself: ticks saved before keys (the English words, or Welsh ones) are read as they were meant.
    Words no language knows are kept as they are."""
    if rule in RULES:
        return rule
    for key, english in RULES.items():
        if rule == english or any(words(code).gettext(english) == rule for code in languages()):
            return key
    return rule


def rule_english(rule: str) -> str:
    """A checklist line's English words, from its key or any of its words (the same on every page)."""
    return RULES.get(rule_key(rule), rule)


def rule_words(rule: str) -> str:
    """A checklist line's words in the page's language, from its key (or any of its words)."""
    key = rule_key(rule)
    return _(RULES[key]) if key in RULES else rule


def look_again(rule: str) -> str:
    """The question that sends a group back to its chart about this line, in the page's language."""
    key = rule_key(rule)
    return _(LOOK_AGAIN[RULES[key]]) if key in RULES else _(ASK_ANYWAY)


def stance_words(stance: str) -> str:
    """We agree / We don't agree / Not sure, in the page's language ("" for no answer)."""
    return _(STANCES[stance]) if stance in STANCES else ""


def prompt_words(key: str) -> str:
    """A looking-back question in the page's language."""
    return _(REFLECTION_PROMPTS[key])


#: What a group writes, by the `what` the store and the widgets pass: the three things said about it
#: (nothing written, nothing written yet, too long), each a whole sentence so a translator sees it whole.
_WRITING = {
    "question": (N_("Please write your question."), N_("Please write your question first."),
                      # Translators: {n} is how many characters were typed, {most} how many are allowed.
                      N_("That's {n} characters: please keep your question to {most} or fewer.")),
    "why": (N_("Please write why."), N_("Please write why first."),
            N_("That's {n} characters: please keep why to {most} or fewer.")),
    "star_1": (N_("Please write your first star."), N_("Please write your first star first."),
                        N_("That's {n} characters: please keep your first star to {most} or fewer.")),
    "star_2": (N_("Please write your second star."), N_("Please write your second star first."),
                         N_("That's {n} characters: please keep your second star to {most} or fewer.")),
    "wish": (N_("Please write your wish."), N_("Please write your wish first."),
                  N_("That's {n} characters: please keep your wish to {most} or fewer.")),
    "reason": (N_("Please write your reason."), N_("Please write your reason first."),
                    N_("That's {n} characters: please keep your reason to {most} or fewer.")),
}
#: The same for a looking-back answer, named by its question.
_ANSWER = (
    # Translators: {prompt} is a looking-back question (What we found).
    N_("Please write “{prompt}”."), N_("Please write “{prompt}” first."),
    # Translators: {prompt} is a looking-back question, {n} how many characters were typed, {most} how many are allowed.
    N_("That's {n} characters: please keep “{prompt}” to {most} or fewer."))


class VoiceError(ValueError):
    """Something a group wrote that can't be kept as it is; the message is short and kind, for pupils."""


def check_text(value, *, what: str, most: int, needed: bool = True) -> str:
    """A piece of pupils' writing, trimmed; kept exactly as typed otherwise (views escape it).

    `what` names it for the message: question, why, star_1, star_2, wish, reason, or a looking-back
    question in “” (its English words), so each message is a whole sentence a translator can see."""
    if value is None and not needed:
        return ""
    prompt = next((k for k, english in REFLECTION_PROMPTS.items() if what == f"“{english}”"), None)
    said = _WRITING.get(what) or _ANSWER
    shown = {"prompt": prompt_words(prompt) if prompt else what.strip("“”")}
    if not isinstance(value, str):
        raise VoiceError(_(said[0]).format(**shown))
    value = value.strip()
    if needed and not value:
        raise VoiceError(_(said[1]).format(**shown))
    if len(value) > most:
        raise VoiceError(_(said[2]).format(n=f"{len(value):,}", most=f"{most:,}", **shown))
    return value


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def own_question(text, lab_questions=()) -> tuple[str, bool]:
    """The group's question, and whether it is one of the lab's questions (then in the lab's own words)."""
    text = check_text(text, what="question", most=MAX_QUESTION)
    for asked in lab_questions:
        if _same(text, asked):
            return asked, True
    return text, False


def check_ticks(ticks) -> dict[str, bool]:
    """A group's ticks (checklist line -> ticked), as a page may send them: untrusted until checked here."""
    if not isinstance(ticks, dict) or len(ticks) > MAX_TICKS:
        raise VoiceError(_("Those ticks can't be saved. Please tick again."))
    out = {}
    for rule, ticked in ticks.items():
        if not isinstance(rule, str) or not rule.strip() or len(rule) > MAX_RULE or not isinstance(ticked, bool):
            raise VoiceError(_("Those ticks can't be saved. Please tick again."))
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
    """The group's ticks beside the checker's, one line per rule of this chart, with a question where they differ.

    `ticks` may name each line by its key or its words in any language (ticks saved before keys)."""
    ticks = {rule_key(rule): ticked for rule, ticked in ticks.items()}
    lines = []
    for check in critique.checks:
        theirs = ticks.get(rule_key(check.rule))
        question = ""
        if theirs is not None and theirs != check.ok:
            # Translators: {rule} is a line of the chart checklist, {look} the question that follows it.
            said = _("You ticked “{rule}”. {look}") if theirs else _("You didn't tick “{rule}”. {look}")
            question = said.format(rule=check.rule, look=look_again(check.rule))
        lines.append(CheckLine(check.rule, theirs, check.ok, question))
    return lines


def stars_and_wish(stars, wish) -> tuple[str, str, str]:
    """Two stars (two things that work) and a wish (one thing to try), each written, checked."""
    if isinstance(stars, str) or not isinstance(stars, (list, tuple)) or len(stars) != 2:
        raise VoiceError(_("Please write two stars: two things that work well."))
    first = check_text(stars[0], what="star_1", most=MAX_STAR)
    second = check_text(stars[1], what="star_2", most=MAX_STAR)
    wish = check_text(wish, what="wish", most=MAX_STAR)
    return first, second, wish


def answer(stance, reason) -> tuple[str, str]:
    """An answer to another group's finding: agree, disagree or not sure, and a reason."""
    if not isinstance(stance, str) or stance not in STANCES:
        raise VoiceError(_("Please choose: we agree, we don't agree, or not sure."))
    return stance, check_text(reason, what="reason", most=MAX_REASON)


def reflection(found="", surprised="", next_time="", helped="") -> dict[str, str]:
    """A group looking back: each answer may be left for later, but not all four."""
    given = {"found": found, "surprised": surprised, "next_time": next_time, "helped": helped}
    out = {key: check_text(value, what=f"“{REFLECTION_PROMPTS[key]}”", most=MAX_REFLECTION, needed=False)
           for key, value in given.items()}
    if not any(out.values()):
        raise VoiceError(_("Please write at least one answer before saving."))
    return out
