"""What pupils read stays easy to read: textstat's Flesch-Kincaid grade of 5 or less (a US grade 5 is about a
Year 6 reader in England), for every lab's welcome and instructions, the glossary, and the note on each dataset.

A pupil of eight may read slowly, or be learning English: a long, clause-heavy sentence anywhere on the page fails here.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

textstat = pytest.importorskip("textstat")

from classlab.categories import plural  # noqa: E402
from classlab.lab_format import LAB_SUFFIX, WIDGETS, read  # noqa: E402
from widgets.glossary import GLOSSARY, glossary_html, link_words  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
LABS = sorted(REPO.glob(f"labs/*{LAB_SUFFIX}"))
DATASETS = sorted(REPO.glob("datasets/*.json"))
MOST = 5.0


@pytest.fixture(autouse=True, scope="module")
def british_english():
    """Syllables counted by the en_GB hyphenation dictionary: ClassLab writes British English (and textstat's
    en_US word list stops at words it has never seen, such as "Smarties" or "40")."""
    textstat.set_lang("en_GB")
    yield
    textstat.set_lang("en_US")


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(text)


def pupil_words(path: Path) -> list[str]:
    """A lab page's own words, as the page shows them: its description, questions and every part's intro."""
    d = read(path).description
    c = d.counting
    say = {"sample": c.sample, "samples": plural(c.sample), "thing": c.thing, "things": plural(c.thing),
           "category": c.category, "categories": plural(c.category)}
    texts = [d.description, *d.questions]
    for use in d.widgets:
        intro = use.settings.intro or WIDGETS[use.name].default_intro or ""
        texts.append(re.sub(r"\*\*", "", intro.format(**say)))
    return [t for t in texts if t.strip()]


def test_the_measure_tells_easy_words_from_hard_ones():
    """The check can fail: a sentence from the dataset's old note for pupils reads far above grade 5."""
    assert grade("These numbers were made up by a computer.") <= MOST
    old = ("Tube sizes are drawn around 40 (normal, sd 1.5, kept between 36 and 44) because packs are filled by "
           "weight, not by count; each sweet's colour is drawn with equal chances of the 8 colours, because no "
           "published Smarties colour mix was found.")
    assert grade(old) > MOST


@pytest.mark.parametrize("path", LABS, ids=lambda p: p.name[: -len(LAB_SUFFIX)])
def test_a_lab_page_reads_at_grade_5_or_below(path):
    texts = pupil_words(path)
    assert len(texts) >= 4
    whole = grade(" ".join(texts))
    assert whole <= MOST, f"{path.name} reads at grade {whole}"
    hardest = max(texts, key=grade)
    # One part may be a little harder than the whole, never much: a pupil meets each part on its own.
    assert grade(hardest) <= MOST + 2, f"{path.name}: grade {grade(hardest)} for {hardest!r}"


def test_the_glossary_reads_at_grade_5_or_below_and_covers_the_subject_words():
    assert {"frequency", "fraction", "percentage", "axis", "scale", "key", "tally", "prediction"} <= set(GLOSSARY)
    whole = grade(" ".join(GLOSSARY.values()))
    assert whole <= MOST, f"the glossary reads at grade {whole}"
    for word, meaning in GLOSSARY.items():
        assert grade(meaning) <= MOST + 1, f"{word}: {meaning!r} reads at grade {grade(meaning)}"
    for word in GLOSSARY:
        assert f'id="classlab-word-{word}"' in glossary_html()


def test_subject_words_link_to_the_glossary_once_and_never_inside_a_tag():
    linked = link_words('<p>From <b>frequency</b> to <b>percentage</b>, then frequency again. '
                        '<a href="#x">key</a> A keyboard is not a key.</p>')
    assert linked.count('href="#classlab-word-frequency"') == 1
    assert 'href="#classlab-word-percentage"' in linked
    assert linked.count('href="#classlab-word-key"') == 1  # "keyboard" is not the word, the linked "key" is left
    assert '<a href="#x">key</a>' in linked


@pytest.mark.parametrize("path", DATASETS, ids=lambda p: p.stem)
def test_a_datasets_note_for_pupils_is_one_plain_sentence(path):
    meta = json.loads(path.read_text(encoding="utf-8"))
    note = meta.get("pupil_note", "")
    assert note.count(".") == 1 and note.endswith("."), f"{path.name}: {note!r} is not one sentence"
    assert grade(note) <= MOST
    if meta["provenance"] == "generated":
        assert "made up" in note  # honest, in plain words; the detail ("how") is for the teacher's guide
        assert "seed" not in note and "seed" in meta["how"]
