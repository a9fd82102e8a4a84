"""Counts: the one reading of a number someone typed, pasted or saved in a spreadsheet.

A tally box, an imported file, a prediction and the class store all need the same answer to
"is this a count?", so it is worked out here once. Each caller keeps its own kind words: this
module says *why* something isn't a whole number (`NotACount.reason`), the caller says it to the pupil.
"""
from __future__ import annotations

import re

import numpy as np

from .language import _, lab_word

#: No real tube, bag or survey question has more than this many in one category.
DEFAULT_LIMIT = 1000
#: Longer numbers than this are never a count (and too long to print in a kind message).
MAX_DIGITS = 12

_WHOLE = re.compile(r"^[+-]?\d+$")
#: "1,000" or "1 000" (a space, a no-break space or a thin one): groups of three digits, as people write counts.
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:([, \u00a0\u202f])\d{3})(?:\1\d{3})*$")
_DECIMAL = re.compile(r"^[+-]?(\d+[.,]\d*|[.,]\d+)$")


class CountError(ValueError):
    """A count that cannot be right; its message is written for a pupil."""


class NotACount(CountError):
    """Not a whole number at all. `reason`: "empty", "word" (not a number) or "part" (a fraction).

    `shown` is the text as read ("2.5"), or None when the value was already a number; `negative`
    says whether a fraction was below zero, for callers that mention that first.
    """

    def __init__(self, reason: str, shown: str | None = None, negative: bool = False):
        super().__init__(reason)
        self.reason, self.shown, self.negative = reason, shown, negative


def is_whole(value) -> bool:
    """A real whole number (an int, numpy's too), not a bool and not text: what the store accepts."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def read_whole(value, *, decimals: bool = False) -> int:
    """The whole number in `value` ("7", " 1,000 ", "1 000", 7, 7.0), sign kept; or NotACount.

    `decimals=True` also takes text like "7.0" or "7,0" (a spreadsheet's way of writing 7). A number
    longer than MAX_DIGITS digits comes back as ±10**MAX_DIGITS, bigger than any limit, without converting it.
    """
    if isinstance(value, (bool, np.bool_)):
        raise NotACount("word")
    if is_whole(value):
        return int(value)
    if isinstance(value, (float, np.floating)):
        if not float(value).is_integer():
            raise NotACount("part", negative=bool(value < 0))
        return int(value)
    s = str(value).strip()
    if s == "":
        raise NotACount("empty")
    if _THOUSANDS.match(s):  # "1,000" is a thousand, not one and a bit
        s = re.sub(r"[, \u00a0\u202f]", "", s)
    if _WHOLE.match(s):
        if len(s.lstrip("+-").lstrip("0")) > MAX_DIGITS:
            # int() refuses very long digit strings (ValueError): answer without converting.
            return -(10**MAX_DIGITS) if s.startswith("-") else 10**MAX_DIGITS
        return int(s)
    if _DECIMAL.match(s):
        number = float(s.replace(",", "."))
        if decimals and number.is_integer():
            return int(number)
        raise NotACount("part", shown=s, negative=s.startswith("-"))
    raise NotACount("word", shown=s)


def parse_count(text, limit: int = DEFAULT_LIMIT, thing: str = "thing", sample: str = "sample") -> int:
    """Turn what a pupil typed into a count, or say kindly why it can't be one (in the lab's own words)."""
    if isinstance(text, bool):
        raise CountError(_("Please type a whole number, like 5."))
    try:
        value = read_whole(text)
    except NotACount as problem:
        if problem.reason == "empty":
            raise CountError(_("Type a number, like 5 (or 0 if there are none).")) from None
        if problem.reason == "part" and problem.shown is None:
            # Translators: {thing} is one counted thing in the lab's words (sweet, throw, bird).
            raise CountError(_("You can't have part of a {thing}: please type a whole number.").format(thing=lab_word(thing))) from None
        if problem.reason == "part":
            # Translators: {shown} is what the pupil typed ("2.5").
            raise CountError(_("{shown} is not a whole number: you can't have part of one. "
                               "Try a whole number.").format(shown=problem.shown)) from None
        s = problem.shown or str(text).strip()
        shown = s if len(s) <= 12 else s[:12] + "…"
        raise CountError(_("“{shown}” isn't a number. Please type digits, like 7.").format(shown=shown)) from None
    if value < 0:
        raise CountError(_("A count can't be less than zero. Type 0 if there are none."))
    if value > limit:
        if value >= 10**MAX_DIGITS:  # too long to show
            raise CountError(_("That is a lot for one {sample}! Please check: the most we allow is {limit}.")
                             .format(sample=lab_word(sample), limit=f"{limit:,}"))
        # Translators: {shown} and {limit} are numbers ("2,000", "1,000"); {sample} is tube, bag or day.
        raise CountError(_("{shown} is a lot for one {sample}! Please check: the most we allow is {limit}.")
                         .format(shown=f"{value:,}", sample=lab_word(sample), limit=f"{limit:,}"))
    return value
