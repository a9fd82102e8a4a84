"""The parents' page: the class's questions, findings, a chart and something to try at home, with no names."""
from __future__ import annotations

import html
import subprocess
import sys

import pytest
from pypdf import PdfReader

from classlab.class_work import read_class
from classlab.parents import parents_html, without_names

from tests.book.book_class import EVIDENCE, QUESTION_1, QUESTION_2, REDS, make_class

NAMES = (REDS, "Blues", "Greens")


@pytest.fixture
def made(tmp_path):
    made = make_class(f"sqlite:///{tmp_path / 'store.sqlite'}")
    # a finding that names another group, agreed by the class: the group's name must not reach parents
    f = made.store.post_finding(made.ids["Blues"], QUESTION_2, "We agree with  BLUES and the greens: orange is rarest.")
    made.store.sort_finding(f.id, "agreed", "greens counted 2 tubes")
    return made


def no_names(text: str) -> None:
    low = text.casefold()
    for name in NAMES:
        for form in (name, html.escape(name), html.escape(name, quote=False)):
            assert form.casefold() not in low, f"{form!r} is on the parents' page"
    assert "reds" not in low and "blues" not in low and "greens" not in low  # not even one word of a name


def test_group_names_are_taken_out_of_pupils_words_in_any_case_or_spacing():
    assert without_names("The  Reds and the BLUES agree", ["the reds", "Blues"]) == "a group and the a group agree"
    assert without_names("Nothing to hide", ["Reds"]) == "Nothing to hide"


def test_a_name_is_taken_out_only_as_whole_words_and_a_lab_word_used_as_a_name_stays():
    """Found by the issue 11 audit: "Red" made "We predicted that red is rarest" into "We pa groupicted that a group
    is rarest"."""
    assert without_names("We predicted that Reds won, Redstart too", ["Red", "Reds"]) == \
        "We predicted that a group won, Redstart too"
    assert without_names("We predicted that red is rarest", ["Red"], keep=["red", "tube"]) == \
        "We predicted that red is rarest"
    assert without_names("Orange was the rarest colour", ["Orange"], keep=["Orange"]) == "Orange was the rarest colour"


def test_the_parents_page_says_what_the_class_asked_found_and_agreed_with_no_names(made):
    page = parents_html(read_class(made.store, made.code))
    no_names(page)
    assert QUESTION_1 in page and QUESTION_2 in page
    assert "Tube 2 had the most yellow &amp; fewest orange" in page and EVIDENCE in page
    assert "We agree with  a group and the a group: orange is rarest." in page  # spaces kept as typed
    assert "Together the class counted 168 sweets in 4 tubes." in page  # the Greens' practice data is not the class's
    assert page.count('class="book-chart"') == 1
    assert "Something to try at home" in page and "tally the colours together" in page
    assert "<script" not in page.lower() and "default-src 'none'" in page


def test_classlab_parents_prints_a_pdf_with_no_names(made, tmp_path):
    done = subprocess.run([sys.executable, "-m", "classlab.cli", "parents", made.code, "--out", str(tmp_path),
                           "--database-url", made.url], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    pdf = next(tmp_path.glob("for-parents-*.pdf"))
    assert str(pdf) in done.stdout and "read it through before you share it" in done.stdout
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(pdf)).pages).split())
    no_names(text)
    assert "Something to try at home" in text and "What our class counted" in text



def test_the_class_facts_name_every_colour_that_ties_for_most_or_least():
    """Found by the issue 11 audit: "the least common was violet (0 %)" when brown had none either."""
    from types import SimpleNamespace

    from classlab.parents import _facts
    from tests.conftest import smarties_book

    book = smarties_book()
    for colour, n in [("red", 9), ("orange", 9), ("yellow", 5), ("green", 4), ("blue", 3), ("pink", 2)]:
        book.set(colour, str(n))
    facts = _facts(SimpleNamespace(pooled=book))
    assert "The most common colours were red and orange (28\u00a0%)" in facts
    assert "the least common were violet and brown (0\u00a0%)" in facts
    book.set("orange", "8")
    assert "The most common colour was red (" in _facts(SimpleNamespace(pooled=book))
