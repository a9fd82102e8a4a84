"""Words we use: the subject words of data handling, each said simply, at the foot of every lab page.

The words pupils meet (frequency, fraction, percentage, axis, scale, key, tally, prediction) are linked to here
from the parts of the page that use them, so a pupil who meets a word can look it up and come back.
"""
from __future__ import annotations

import re

import ipywidgets as w

from ._common import esc

#: Each word and what it means, in short sentences a pupil of eight can read (no lab's own words: every lab shows it).
GLOSSARY: dict[str, str] = {
    "tally": "A quick way to count. You draw one line for each thing. The fifth line goes across the other four.",
    "frequency": "How many times something happens. If 7 people pick cats, the frequency of cats is 7.",
    "fraction": "A part of a whole. 7 out of 40 is the fraction 7/40.",
    "percentage": "A part out of 100. Half is 50 %. The whole thing is 100 %.",
    "axis": "One of the two lines along the edge of a chart. One goes across. One goes up.",
    "scale": "The numbers along an axis. They go up in equal steps, like 0, 5, 10, 15.",
    "key": "A small box on a chart. It tells you what each bar, slice or dot stands for.",
    "prediction": "A guess about what will happen, made before you test it.",
}

_ANCHOR = "classlab-word-"
#: The other ways a lab writes a word ("tallies", "axes"), each linked to the word's entry.
_FORMS = {"tallies": "tally", "frequencies": "frequency", "fractions": "fraction", "percentages": "percentage",
          "axes": "axis", "scales": "scale", "keys": "key", "predictions": "prediction"}
# A glossary word on its own (not inside another word: "keyboard" is not "key"), in any case.
_WORD = re.compile(r"\b(" + "|".join([*_FORMS, *GLOSSARY]) + r")\b", re.IGNORECASE)


def anchor(word: str) -> str:
    """The id of a word's entry in the glossary."""
    return _ANCHOR + word.lower()


def link_words(html_text: str) -> str:
    """Link the first use of each glossary word in `html_text` (already escaped) to its entry.

    Only text between tags is looked at, so a word inside a tag or an attribute is never touched.
    """
    done: set[str] = set()

    def link(match: re.Match) -> str:
        word = _FORMS.get(match.group(1).lower(), match.group(1).lower())
        if word in done:
            return match.group(0)
        done.add(word)
        return f'<a class="classlab-word" href="#{anchor(word)}">{match.group(0)}</a>'

    parts = re.split(r"(<[^>]*>)", html_text)
    inside_link = False
    for i, part in enumerate(parts):
        if part.startswith("<"):
            inside_link = part.startswith("<a ") or (inside_link and not part.startswith("</a"))
            continue
        if not inside_link:
            parts[i] = _WORD.sub(link, part)
    return "".join(parts)


def glossary_html() -> str:
    """The glossary as a list of terms, each one a place a link can go to (and take keyboard focus)."""
    items = "".join(f'<dt id="{anchor(word)}" tabindex="-1">{esc(word.capitalize())}</dt><dd>{esc(meaning)}</dd>'
                    for word, meaning in GLOSSARY.items())
    return f'<h2>Words we use</h2><dl class="classlab-glossary">{items}</dl>'


def glossary_section() -> w.VBox:
    """The last part of a lab page: the words we use, which the parts above link to."""
    part = w.HTML(glossary_html())
    section = w.VBox([part])
    section.add_class("classlab-section")
    section.add_class("classlab-section-glossary")
    return section
