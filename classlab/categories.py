"""What is being counted: the categories of a lab (colours of sweets, faces of a dice, answers).

A lab about Smarties, dice or birds differs only in its categories, so every widget takes a
`Categories` and never assumes eight colours.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .language import _, lab_plural, lab_word

#: A colour as a lab writes it: `#rrggbb`.
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Category:
    """One thing to count: its name as pupils say it, and the colour it is drawn in."""

    name: str
    colour: str = "#7f7f7f"

    def __post_init__(self):
        if not self.name or not self.name.strip():
            raise ValueError(_("A category needs a name."))
        if not HEX_COLOUR.match(self.colour):
            # Colours end up in SVG and CSS: only plain #rrggbb is let through.
            # Translators: {colour} is what was written, in quotes.
            raise ValueError(_("{colour} is not a colour like '#ff8800'.").format(colour=repr(self.colour)))

    @property
    def shown(self) -> str:
        """The name pupils read, in the page's language ("coch"); `name` stays the key the class store keeps."""
        return lab_word(self.name)


#: Words that are the same for one and many ("1 species", "3 species"), which the rule below would get wrong.
SAME_FOR_MANY = {"species", "series", "sheep", "deer", "fish", "aircraft", "data"}


def plural(label: str, n: int | None = None) -> str:
    """A lab's word for n of them, or for many when n is None, in the page's language.

    In English: tube -> tubes, box -> boxes, set of throws -> sets of throws, species -> species. In a
    language the lab is translated into, its catalogue's forms ("3 tiwb", "tiwbiau"). `label` is always
    the lab's word as its description writes it."""
    return lab_plural(label, english_plural(label), n)


def english_plural(label: str) -> str:
    """The English rule alone: what a lab's word is in an English file's column (tubes, sets of throws)."""
    head, sep, tail = label.partition(" of ")
    if head.rsplit(" ", 1)[-1].casefold() in SAME_FOR_MANY:
        return label
    if head.endswith(("s", "x", "ch", "sh")):
        head += "es"
    elif len(head) > 1 and head.endswith("y") and head[-2] not in "aeiou":
        head = head[:-1] + "ies"
    else:
        head += "s"
    return head + sep + tail


class Categories(tuple):
    """An ordered, named set of categories with unique names."""

    def __new__(cls, items):
        items = [i if isinstance(i, Category) else Category(*i) for i in items]
        names = [i.name for i in items]
        if not items:
            raise ValueError(_("A lab needs at least one category to count."))
        if len(set(names)) != len(names):
            raise ValueError(_("Two categories have the same name."))
        return super().__new__(cls, items)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self]

    @property
    def shown(self) -> list[str]:
        """The names pupils read, in the page's language (the names stay the keys)."""
        return [c.shown for c in self]

    @property
    def colours(self) -> list[str]:
        return [c.colour for c in self]

    def index(self, name) -> int:  # type: ignore[override]
        for i, c in enumerate(self):
            if c.name == name:
                return i
        raise KeyError(_("There is no {name} here.").format(name=repr(name)))


# The eight colours of a UK tube of Smarties, in the shades a pupil would recognise.
SMARTIES = Categories(
    [
        Category("red", "#d62728"),
        Category("orange", "#ff8c00"),
        Category("yellow", "#f2c200"),
        Category("green", "#2ca02c"),
        Category("blue", "#1f6fd1"),
        Category("pink", "#f27eb9"),
        Category("violet", "#8a4fc7"),
        Category("brown", "#7b4a2a"),
    ]
)
