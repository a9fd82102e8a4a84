"""Words we use: the subject words of data handling, each said simply, at the foot of every lab page.

The words pupils meet (frequency, fraction, percentage, axis, scale, key, tally, prediction) are linked to here
from the parts of the page that use them, so a pupil who meets a word can look it up and come back.
"""
from __future__ import annotations

import re

import ipywidgets as w

from classlab.language import N_, _

from ._common import esc

#: Each word and what it means, in short sentences a pupil of eight can read (no lab's own words: every lab shows it).
#: In English (a lab's text is linked by its English words); the page shows both with `_()`.
GLOSSARY: dict[str, str] = {
    "tally": N_("A quick way to count. You draw one line for each thing. The fifth line goes across the other four."),
    "frequency": N_("How many times something happens. If 7 people pick cats, the frequency of cats is 7."),
    "fraction": N_("A part of a whole. 7 out of 40 is the fraction 7/40."),
    "percentage": N_("A part out of 100. Half is 50 %. The whole thing is 100 %."),
    "axis": N_("One of the two lines along the edge of a chart. One goes across. One goes up."),
    "scale": N_("The numbers along an axis. They go up in equal steps, like 0, 5, 10, 15."),
    "key": N_("A small box on a chart. It tells you what each bar, slice or dot stands for."),
    "prediction": N_("A guess about what will happen, made before you test it."),
}
#: Each word as the glossary heads its entry.
TERMS = {"tally": N_("Tally"), "frequency": N_("Frequency"), "fraction": N_("Fraction"), "percentage": N_("Percentage"),
         "axis": N_("Axis"), "scale": N_("Scale"), "key": N_("Key"), "prediction": N_("Prediction")}

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
    said = [(word, _(TERMS[word]), _(meaning)) for word, meaning in GLOSSARY.items()]
    items = "".join(f'<dt id="{anchor(word)}" tabindex="-1">{esc(term)}</dt><dd>{esc(meaning)}</dd>'
                    for word, term, meaning in said)
    heading = _("Words we use")
    return f'<h2>{heading}</h2><dl class="classlab-glossary">{items}</dl>'


def glossary_section() -> w.VBox:
    """The last part of a lab page: the words we use, which the parts above link to."""
    part = w.HTML(glossary_html())
    section = w.VBox([part])
    section.add_class("classlab-section")
    section.add_class("classlab-section-glossary")
    return section
