"""Words in the page's language: gettext's `_()` and `ngettext()`, from Babel catalogues kept as .po files.

The catalogues are the .po files in classlab/locale/<language>/LC_MESSAGES/classlab.po, read with
Babel the first time a language is needed and compiled in memory: git holds only the text a
translator edits, never a built .mo file that could fall out of step with it. A language is added
by adding its folder (see docs/translating.md); nothing here lists them.

A page's language is the one its address asks for (`?lang=cy`), else the server's CLASSLAB_LANGUAGE,
else English (UK). Each page runs in a kernel of its own, so the language belongs to the process:
`use()` fixes it, `speaking()` changes it for a while (tests, a page drawing words for another).

Words are looked up when they are said, never at import: `_("Add one {name}").format(name=...)`.
Placeholders are named (`{name}`, `{n}`) so a translator can move them; lab words (tube, red) are
put in as the lab gives them.
"""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from urllib.parse import parse_qs

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from . import settings

DOMAIN = "classlab"
DEFAULT = "en_GB"
#: The catalogues: one folder per language, each with LC_MESSAGES/classlab.po; classlab.pot is the template.
LOCALE = Path(__file__).resolve().parent / "locale"

_chosen: str | None = None  # set by use(); None: read from the page's address and the settings

__all__ = ["DEFAULT", "LOCALE", "N_", "_", "asked_in", "capitalised", "choose", "current", "html_lang", "known", "lab_plural",
           "lab_word", "languages", "locale_code", "name", "ngettext", "speaking", "use", "use_labs", "words"]


@lru_cache(maxsize=1)
def _folders() -> tuple[str, ...]:
    return tuple(sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


def languages() -> list[str]:
    """The languages with a catalogue, e.g. ["cy", "en_GB"] (looked for once: a new one needs a restart)."""
    return list(_folders())


@lru_cache(maxsize=64)  # every word said asks which language: answered from memory after the first time
def known(code: str | None) -> str | None:
    """The catalogue for what someone asked for ("cy", "CY", "cy-GB", "en", "en-gb"), or None if there is none."""
    if not code:
        return None
    have = _folders()
    try:
        asked = Locale.parse(str(code).strip().replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    for candidate in (str(asked), asked.language):
        if candidate in have:
            return candidate
    # "en" or "en_US": the nearest catalogue in the same language (English (UK) for any English).
    return next((c for c in have if c.split("_")[0] == asked.language), None)


def choose(query: str | None = None) -> str:
    """The page's language: `?lang=` in its address, else CLASSLAB_LANGUAGE, else English (UK).

    `query` is the page's address query; None reads this kernel's own (Voila sets it). A language
    nobody has translated yet falls back quietly: a pupil's page always opens.
    """
    return asked_for(settings.query_string() if query is None else query) or known(settings.language()) or DEFAULT


def asked_for(query: str) -> str | None:
    """The catalogue an address's `?lang=` asks for, or None when it asks for none we have."""
    return known(parse_qs(query or "").get("lang", [""])[0])


def use(code: str) -> str:
    """Speak `code` from now on in this process (one page's kernel); returns the catalogue's name."""
    global _chosen
    found = known(code)
    if found is None:
        # Translators: {code} is a language code, in quotes; {languages} the codes there are words for (cy, en_GB).
        raise ValueError(_("There are no words for {code} yet: the languages are {languages}.").format(
            code=repr(code), languages=", ".join(languages())))
    _chosen = found
    return found


def current() -> str:
    """The language being spoken: the one `use()` chose, else this page's own (`choose()`)."""
    return _chosen or choose()


@contextmanager
def speaking(code: str):
    """Speak `code` inside the `with` block, then go back to what was spoken before."""
    global _chosen
    before = _chosen
    use(code)
    try:
        yield
    finally:
        _chosen = before


@lru_cache(maxsize=None)
def words(code: str) -> NullTranslations:
    """The catalogue for `code`, read from its .po and compiled in memory once; English words if it has none."""
    path = LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    return _compiled(path, code) if path.is_file() else NullTranslations()


def _compiled(path: Path, code: str) -> Translations:
    """A .po file compiled in memory, so git never holds a built .mo that could fall out of step with it."""
    with path.open("rb") as po:
        catalogue = read_po(po, locale=code, domain=path.stem)
    mo = BytesIO()
    write_mo(mo, catalogue)  # entries marked fuzzy are left out, as gettext does
    mo.seek(0)
    return Translations(fp=mo, domain=path.stem)


def _(message: str) -> str:
    """`message` in the page's language (the English itself when it has no translation yet)."""
    return words(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` in the page's language: English has two, Welsh six (0, 1, 2, 3, 6 and the rest)."""
    return words(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks words for the catalogue where they are written, to be looked up with `_()` when said."""
    return message


def name(code: str) -> str:
    """A language's name as its speakers write it, for a teacher choosing one: "English (United Kingdom)", "Cymraeg"."""
    found = Locale.parse(code)
    return found.get_display_name(found) or str(found)


#: In a page's address beside `lang`: the language was its class's (the page followed it), not the page's own.
FOLLOWING_CLASS = ("lang_of", "class")


def asked_in(query: str | None) -> bool:
    """Whether a page's address chose its own language (`?lang=`): that wins over its class's.

    A `lang` the page was sent to because its class speaks it (`&lang_of=class`) is not the page's
    own: when the teacher changes the class's language, that page follows again."""
    asked = parse_qs(query or "")
    return bool(asked.get("lang")) and asked.get(FOLLOWING_CLASS[0]) != [FOLLOWING_CLASS[1]]


def listed(names) -> str:
    """"red", "red and blue", "red, blue and green": a list said in the page's language."""
    names = [str(n) for n in names]
    # Translators: the end of a list: {names} are all but the last, with commas between ("red, blue and green").
    return names[0] if len(names) == 1 else _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def capitalised(text: str) -> str:
    """Words that start with a lab's own word ("tube newydd", "◀ tube o'r blaen") start with a capital letter.

    Only the first letter changes (after any arrow or space): a translation keeps its own capitals."""
    first = next((i for i, ch in enumerate(text) if ch.isalpha()), None)
    return text if first is None else text[:first] + text[first].upper() + text[first + 1:]


# --- a lab's own words ---------------------------------------------------------------------------------
#: Where the shipped labs are; a lab's own words are looked for in its folder's locale/ (see use_labs).
DEFAULT_LABS = Path(__file__).resolve().parent.parent / "labs"
LAB_LOCALE = "locale"
_labs: Path | None = None  # set by use_labs(): the folder of the labs this process shows


def use_labs(folder) -> None:
    """Say lab words from the labs in `folder` (a page's, a board's or a book's labs folder)."""
    global _labs
    _labs = Path(folder).resolve()


@lru_cache(maxsize=16)
def lab_catalogue(folder: Path, code: str) -> NullTranslations:
    """Every lab's own words in `code`: folder/locale/<code>/LC_MESSAGES/<lab>.po, all read together.

    Read together, so a board, a book or a message that shows a category needs no lab's name; labs
    that share a word (red) share its translation; the shipped labs' catalogues come last, so a school's own
    folder of labs can use their words. Made by `classlab translate NAME LANGUAGE`."""
    found = NullTranslations()
    for path in sorted((folder / LAB_LOCALE / code / "LC_MESSAGES").glob("*.po")):
        if (folder / f"{path.stem}.lab.yaml").is_file():  # a lab's words; a page's prose has a catalogue of its own
            found.add_fallback(_compiled(path, code))
    if folder != DEFAULT_LABS:  # a school's own labs folder: the shipped labs' words (red, tube) still count
        found.add_fallback(lab_catalogue(DEFAULT_LABS, code))
    return found


def lab_word(text: str) -> str:
    """A lab's own word or sentence (tube, red, its title, a question) in the page's language, else as written.

    Always given the lab's words as its description writes them: they stay the keys the class store,
    exports and pooling use, so a Welsh page and an English page of one class count the same reds."""
    if not text:
        return text
    catalogue = lab_catalogue(_labs or DEFAULT_LABS, current())
    said = catalogue.gettext(text)
    # A counted word (tube) is kept with its number forms: said alone, it is the form for one.
    return said if said != text else catalogue.ngettext(text, text, 1)


def lab_plural(word: str, many: str, n: int | None) -> str:
    """A lab's word for n of them ("3 tiwb"), or for many with no number ("tiwbiau") when n is None.

    `many` is the English plural; a word the lab's catalogue lacks stays English (word or many)."""
    catalogue = lab_catalogue(_labs or DEFAULT_LABS, current())
    if n is None:
        return catalogue.gettext(many)
    return catalogue.ngettext(word, many, n)


def locale_code(typed: str) -> str:
    """A language code as catalogues are named ("cy", "en_GB" from "en-gb"); a kind ValueError if it is not one."""
    try:
        return str(Locale.parse(str(typed).strip().replace("-", "_")))
    except (ValueError, TypeError, UnknownLocaleError):
        # Translators: {code} is what was typed, in quotes.
        raise ValueError(_("{code} is not a language code ClassLab knows (like cy for Welsh).").format(
            code=repr(typed))) from None


def html_lang(code: str | None = None) -> str:
    """The page's language as HTML writes it: "en-GB", "cy"."""
    return str(Locale.parse(code or current())).replace("_", "-")
