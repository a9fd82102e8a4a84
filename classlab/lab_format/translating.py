"""A lab's own words in another language: `classlab translate NAME LANGUAGE`.

A lab description is written in English (UK). Its own words (its title, questions, instructions,
tube, sweet, red) go into a catalogue of their own, `labs/locale/<language>/LC_MESSAGES/NAME.po`, which
a translator fills in with any .po editor (Poedit, or a text editor). Running the command again after
the description changes keeps what was translated, adds the new words and drops the ones that went.

The description's words stay the keys: a Welsh page shows "coch" where the class store, exports and
the board's pooling keep "red", so Welsh and English pages of one class count together.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from ..categories import english_plural
from ..language import LAB_LOCALE, locale_code
from .reading import Lab
from .schema import DEFAULT_LOAD, SamplerSettings


@dataclass(frozen=True)
class LabText:
    """One of a lab's own texts: its English words (and plural, for a counted word) and a note for the translator."""

    words: str
    note: str
    many: str | None = None  # the English plural: a word said with a number ("3 tubes")


def texts(lab: Lab) -> list[LabText]:
    """Every text of the description a page, a board, a book or the gallery shows, in the file's order."""
    d, c = lab.description, lab.description.counting
    found = [LabText(d.title, "The lab's title."), LabText(d.description, "The lab's description, under its title."),
             *(LabText(q, f"Question {i + 1} of the lab.") for i, q in enumerate(d.questions)),
             LabText(d.curriculum, "What the lab teaches, for teachers (in the gallery)."),
             LabText(d.time, "How long the lab takes, for teachers (in the gallery).")]
    for word, what in ((c.sample, "What one sample is called (a tube of sweets)"),
                       (c.category, "What one category is called (a colour)"),
                       (c.thing, "What one counted thing is called (a sweet)")):
        many = english_plural(word)
        found += [LabText(word, f"{what}, with a number before it: 1 {word}, 3 {many}.", many),
                  LabText(many, f"{what}, many of them with no number: '{many.capitalize()} side by side'.")]
    found += [LabText(category.name, "One of the things counted, as pupils say it.") for category in c.categories
              if not category.name.isdigit()]  # a dice's faces are the same in every language
    for use in d.widgets:
        s = use.settings
        found += [LabText(s.heading, f"The heading of the {use.name} part.")] if s.heading else []
        found += [LabText(s.intro, f"What pupils do in the {use.name} part. Keep **bold** and any {{placeholders}}.")
                  ] if s.intro else []
        if use.name == "start" and s.load != DEFAULT_LOAD:
            found.append(LabText(s.load, "The Load button's words: it loads made-up practice data."))
        if use.name == "chart":
            found += [LabText(text, f"The chart's {what}.") for text, what in ((s.title, "title"), (s.x_label, "axis label"),
                                                                                (s.y_label, "axis label")) if text]
        if use.name == "sampler":
            defaults = SamplerSettings.model_fields
            found += [LabText(getattr(s, key), f"The sampler's words ({key}).") for key in ("taken", "again", "spread")
                      if getattr(s, key) != defaults[key].default]
    return found


def catalogue_path(lab: Lab, code: str) -> Path:
    return lab.path.parent / LAB_LOCALE / code / "LC_MESSAGES" / f"{lab.name}.po"


def template(lab: Lab, code: str) -> Catalog:
    """A catalogue of the lab's texts for `code`, every translation still empty."""
    made = Catalog(locale=code, domain=lab.name, project=f"ClassLab lab: {lab.name}", version="1",
                   copyright_holder="ClassLab's authors", creation_date=datetime.now(timezone.utc), fuzzy=False,
                   header_comment=f"# The {lab.name} lab's own words ({lab.path.name}) in {Locale.parse(code).english_name}.\n"
                                  f"# Made and updated by: classlab translate {lab.name} {code}\n"
                                  "# Fill in each msgstr; an empty one shows the English. Keep **bold** and {placeholders}.")
    for text in texts(lab):
        msgid = (text.words, text.many) if text.many else text.words
        if text.words in made:
            continue  # the same words twice (a heading that is also a question) need one translation
        made.add(msgid, string=("",) * made.num_plurals if text.many else "", auto_comments=[text.note])
    return made


@dataclass(frozen=True)
class Translated:
    """What `translate` did: the catalogue's file, how many texts it holds, and how many still need words."""

    path: Path
    texts: int
    to_do: int
    added: int
    dropped: int


def translate(lab: Lab, code: str) -> Translated:
    """Make or update `labs/locale/<code>/LC_MESSAGES/NAME.po` from the lab's description."""
    locale = locale_code(code)
    path = catalogue_path(lab, locale)
    fresh = template(lab, locale)
    added = dropped = 0
    if path.is_file():
        with path.open("rb") as po:
            kept = read_po(po, locale=locale, domain=lab.name)
        before = {m.id for m in kept if m.id}
        after = {m.id for m in fresh if m.id}
        added, dropped = len(after - before), len(before - after)
        fresh.creation_date = kept.creation_date  # the same texts give the same file: no churn in git
        kept.update(fresh, no_fuzzy_matching=True, update_header_comment=False)
        kept.obsolete.clear()  # words the lab no longer has: dropped, not kept commented out
        fresh = kept
    else:
        added = sum(1 for m in fresh if m.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as po:
        write_po(po, fresh, width=110, omit_header=False, sort_output=False)
    messages = [m for m in fresh if m.id]
    to_do = sum(1 for m in messages if not (all(m.string) if isinstance(m.string, tuple) else m.string))
    return Translated(path, len(messages), to_do, added, dropped)
