"""Checking what pages send: widget state from a browser is untrusted until it passes here."""
from __future__ import annotations

import re
import unicodedata

from ..categories import Categories, Category
from ..language import _
from ..counts import DEFAULT_LIMIT, is_whole
from ..findings import MAX_FINDING
from ..tally import MAX_SAMPLES, TallyChange
from .errors import ClassNotFound, RefusedInput
from .models import OPS


#: Class codes use letters and digits nobody mixes up when reading them off a whiteboard (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_GROUP_NAME = 40
MAX_CATEGORY = 60
MAX_QUESTION = 500
MAX_EVIDENCE = 500
MAX_LAB, MAX_TITLE, MAX_KEY = 80, 200, 60
MAX_STATE_BYTES = 64_000
MAX_SET = DEFAULT_LIMIT


def _clean(text: str) -> str:
    """Text as typed, minus what no database keeps: NUL characters and lone UTF-16 surrogates."""
    text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def _pupil_text(value, *, empty: str, too_long: str, most: int, least: int = 1) -> str:
    """Words a pupil or teacher wrote, checked: `empty` and `too_long` are the kind messages to refuse with."""
    if value is None and least == 0:
        return ""
    if not isinstance(value, str):
        raise RefusedInput(empty)
    value = _clean(value).strip()
    if len(value) < least:
        raise RefusedInput(empty)
    if len(value) > most:
        raise RefusedInput(too_long.format(n=f"{len(value):,}", most=f"{most:,}"))
    return value


def _code(code) -> str:
    """A class code as typed on any device: any case, spaces or a dash in the middle."""
    typed = str(code) if code is not None else ""
    clean = re.sub(r"[\s\-]", "", typed).upper()
    if len(clean) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in clean):
        shown = typed.strip()
        shown = shown if len(shown) <= 12 else shown[:12] + "…"
        # Translators: {code} is the class code as the pupil typed it (K7PQ2M, or a mistyped one).
        raise ClassNotFound(_("We can't find a class with the code “{code}”. Please check it with your teacher.").format(code=shown))
    return clean


#: Joiners that shape Arabic, Persian and Indic words and build emoji (👩🏽‍🔬): kept only between two
#: characters beyond ASCII, where they do that job, never where they could hide inside "Reds".
_JOINERS = {"\u200c", "\u200d"}
#: Unicode's names for invisible format characters and control characters (newlines, tabs).
_FORMAT, _CONTROL = "C" + "f", "C" + "c"


def _visible(name: str) -> str:
    """A name minus invisible format characters (bidi overrides, zero-width spaces, BOMs), so no name
    can show reversed or look like another group's: a forged name is cleaned like a typed one."""
    out = []
    for i, ch in enumerate(name):
        if unicodedata.category(ch) != _FORMAT:
            out.append(ch)
        elif ch in _JOINERS and 0 < i < len(name) - 1 and ord(name[i - 1]) > 127 and ord(name[i + 1]) > 127 \
                and unicodedata.category(name[i + 1]) != _FORMAT:
            out.append(ch)
    return "".join(out)


def _group_name(name) -> str:
    if isinstance(name, str):
        name = _visible(name)
    name = _pupil_text(name, empty=_("Please type a name for your group."), most=MAX_GROUP_NAME,
                 # Translators: {n} is how many characters the typed name has, {most} how many are allowed.
                 too_long=_("That name is {n} characters long: please choose one of {most} or fewer."))
    if any(unicodedata.category(ch) == _CONTROL for ch in name):
        raise RefusedInput(_("Please keep your group name on one line."))
    return name


def _name_key(name: str) -> str:
    """How names are compared: "The Reds" typed on a second device finds the group "the reds"."""
    name = "".join(ch for ch in name if ch not in _JOINERS)
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _category_names(categories) -> tuple[str, ...]:
    if isinstance(categories, str):
        raise RefusedInput(_("Please give the categories as a list of names."))
    names = tuple(c.name if isinstance(c, Category) else c for c in categories)
    if not names or len(names) > 100:
        raise RefusedInput(_("A lab counts between 1 and 100 categories."))
    for name in names:
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_CATEGORY:
            # Translators: {most} is the longest a category's name may be, in characters.
            raise RefusedInput(_("Each category needs a name of 1 to {most} characters.").format(most=MAX_CATEGORY))
    if len(set(names)) != len(names):
        raise RefusedInput(_("Two categories have the same name."))
    return names


def _as_categories(categories) -> Categories:
    if isinstance(categories, Categories):
        return categories
    return Categories([c if isinstance(c, Category) else Category(c) for c in categories])


def _check_change(change, allowed: tuple[str, ...] | None) -> dict:
    """The change as it will be stored, or RefusedInput: a page's change is untrusted until checked."""
    if not isinstance(change, TallyChange):
        raise RefusedInput(_("That change isn't one we know."))
    op = change.op
    if not isinstance(op, str) or op not in OPS:
        raise RefusedInput(_("That change isn't one we know."))
    if not is_whole(change.sample) or not 0 <= int(change.sample) < MAX_SAMPLES:
        raise RefusedInput(_("There is no such sample."))
    category = change.category
    if not isinstance(category, str) or len(category) > MAX_CATEGORY:
        raise RefusedInput(_("That isn't something this lab counts."))
    category = _clean(category)
    if op in ("new_sample", "clear"):  # a tube numbered `tube` exists; clear: back to one empty tube
        return {"sample": int(change.sample) if op == "new_sample" else 0, "category": "", "op": op, "value": 1}
    if not category.strip():
        raise RefusedInput(_("That isn't something this lab counts."))
    if allowed is not None and category not in allowed:
        shown = category if len(category) <= 20 else category[:20] + "…"
        # Translators: {name} is what the page asked to count, as it sent it (red, 6).
        raise RefusedInput(_("There is no “{name}” to count in this lab.").format(name=shown))
    if op == "set":
        if not is_whole(change.value) or not 0 <= int(change.value) <= MAX_SET:
            # Translators: {most} is the largest count allowed (9999).
            raise RefusedInput(_("A count must be a whole number from 0 to {most}.").format(most=MAX_SET))
        value = int(change.value)
    else:
        value = 1  # add one, take one: whatever else a page sends is ignored (1, TallyChange's own default)
    return {"sample": int(change.sample), "category": category, "op": op, "value": value}
