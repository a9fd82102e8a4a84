"""The catalogues: the template holds every word the code asks for, and each language has all of them,
with the same {placeholders}; the Welsh says it still needs a fluent speaker's check."""
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from classlab.language import LOCALE, languages

REPO = Path(__file__).resolve().parents[2]
REVIEW = "Needs checking by a fluent Welsh speaker before classroom use."


def catalogue(path: Path, locale=None):
    with path.open("rb") as po:
        return read_po(po, locale=locale)


def ids(message) -> tuple:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def strings(message) -> tuple:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w*)(?:[:!][^}]*)?\}", text))


TEMPLATE = catalogue(LOCALE / "classlab.pot")
WORDS = [m for m in TEMPLATE if m.id]


def test_english_uk_and_welsh_are_shipped():
    assert languages() == ["cy", "en_GB"]
    assert len(WORDS) >= 40


def test_the_template_holds_exactly_the_words_the_code_asks_for():
    """Made as `pybabel extract` makes it (docs/translating.md): a word added to the code and not to the
    template, or a `_()` Babel cannot see (inside an f-string), fails here."""
    with (REPO / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = {msgid if isinstance(msgid, str) else msgid[0]
             for _file, _line, msgid, _comments, _context in extract_from_dir(REPO, method_map, options_map)}
    assert found == {m.id if isinstance(m.id, str) else m.id[0] for m in WORDS}


@pytest.mark.parametrize("code", ["en_GB", "cy"])
def test_every_word_has_a_translation_with_the_same_placeholders(code):
    po = catalogue(LOCALE / code / "LC_MESSAGES" / "classlab.po", locale=code)
    assert po.num_plurals == {"en_GB": 2, "cy": 6}[code]
    for word in WORDS:
        entry = po.get(word.id)
        assert entry is not None, f"{code} has no entry for {word.id!r}"
        assert not entry.fuzzy, f"{code}: {word.id!r} is marked fuzzy, so gettext would ignore it"
        forms = strings(entry)
        assert len(forms) == (po.num_plurals if word.pluralizable else 1)
        assert all(form.strip() for form in forms), f"{code} leaves {word.id!r} empty"
        wanted = placeholders(ids(word)[-1])
        for form in forms:
            assert placeholders(form) == wanted, f"{code}: {form!r} for {word.id!r}"
    assert {m.id for m in po if m.id} == {w.id for w in WORDS}, "an entry the code no longer asks for"


def test_the_welsh_is_marked_for_a_fluent_speakers_check():
    po = catalogue(LOCALE / "cy" / "LC_MESSAGES" / "classlab.po", locale="cy")
    assert "NOT YET CHECKED" in po.header_comment and "fluent Welsh speaker" in po.header_comment
    unchecked = [m.id for m in po if m.id and REVIEW not in m.user_comments]
    assert unchecked == []


def test_welsh_counts_use_its_six_forms():
    """0, 1, 2, 3, 6 and the rest: after "dau" (2) "marc" softens to "farc"."""
    from classlab.language import ngettext, speaking

    with speaking("cy"):
        said = {n: ngettext("{n} tally mark for {name}", "{n} tally marks for {name}", n).format(n=n, name="coch")
                for n in (0, 1, 2, 3, 6, 12)}
    assert said[2] == "2 farc tali ar gyfer coch"
    assert said[1] == "1 marc tali ar gyfer coch" and said[12] == "12 marc tali ar gyfer coch"
    assert said[0] == "0 marc tali ar gyfer coch" and said[3] == "3 marc tali ar gyfer coch"
