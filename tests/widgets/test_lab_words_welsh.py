"""A lab's own words in the page's language (issue 12): a Welsh Smarties page says tiwb, coch and its
questions in Welsh, from labs/locale/cy/LC_MESSAGES/smarties.po, while what it keeps stays in the lab's
keys (red, the English question), so Welsh and English pages of one class count together."""
from urllib.parse import urlencode

import pytest

from classlab.language import speaking
from tests.conftest import LABS
from widgets import LabPage


@pytest.fixture
def welsh_page():
    with speaking("en_GB"):  # the page's choice lasts only as long as this block (a kernel keeps it)
        page = LabPage.from_file(LABS / "smarties.lab.yaml", query_string="lang=cy")
        yield page
        page.close()


def test_a_welsh_page_shows_the_labs_own_words_in_welsh(welsh_page):
    page = welsh_page
    assert "Mae rhai pobl yn dweud nad oes byth gyfran deg" in page.children[1].value  # the description
    assert "Oes yr un nifer o bob lliw ym mhob tiwb?" in page.children[1].value  # question 1
    tally = page.parts["tally"]
    assert [row.label for row in tally.rows.values()][:3] == ["coch", "oren", "melyn"]
    assert tally.rows["red"].add_label == "Un yn fwy ar gyfer coch"
    assert tally.new.description == "Tiwb newydd"
    assert "Tiwb 1" in tally.where.value
    sections = {s._dom_classes[-1]: s for s in page.children if s._dom_classes}
    tally_top = sections["classlab-section-tally"].children[0].value
    assert "Pwyswch <b>+</b> am bob losin" in tally_top and "<b>Tiwb newydd</b>" in tally_top  # the lab's own intro
    assert page.load_words == "Llwytho data ymarfer: 29 tiwb ffug"
    sampler = page.parts["sampler"]
    assert ("oren", "orange") in list(sampler.colour.options) and sampler.colour.value == "orange"
    question = page.parts["our_question"]
    assert question.choice.options[0] == ("Oes yr un nifer o bob lliw ym mhob tiwb?",
                                          "Does every tube contain the same number of each colour?")


def test_what_a_welsh_page_keeps_is_in_the_labs_keys(welsh_page):
    page = welsh_page
    page.parts["tally"].request("red", {"op": "add"})
    assert page.book.counts()["red"] == 1 and "coch" not in page.book.counts()  # the key, not the word
    assert list(page.book.to_frame().columns) == ["tube", "colour", "count"]  # exports read back in any language
    chart = page.parts["chart"]
    assert list(chart.figure.marks[0].x)[:2] == ["coch", "oren"]  # the chart names the bars in Welsh
    page.parts["sampler"].colour.value = "blue"
    assert page.prediction.category == "blue"


def test_an_english_page_is_as_it_was():
    with speaking("en_GB"):
        page = LabPage.from_file(LABS / "smarties.lab.yaml", query_string="")
        try:
            assert page.parts["tally"].rows["red"].label == "red"
            assert page.parts["tally"].new.description == "New tube"
            assert page.load_words == "Load practice data: 29 made-up tubes"
            assert "Does every tube contain the same number of each colour?" in page.children[1].value
        finally:
            page.close()


def test_a_welsh_and_an_english_page_of_one_class_count_the_same_reds(board, store):
    code = board.start_class()
    pages = []
    try:
        with speaking("en_GB"):
            for group, lang in (("Cochion", "cy"), ("Reds", "en_GB")):
                query = urlencode({"class": code, "group": group, "lang": lang})
                page = LabPage.from_file(LABS / "smarties.lab.yaml", store=store, query_string=query, every=3600)
                pages.append(page)
                page.parts["tally"].request("red", {"op": "add"})
                page.parts["tally"].request("red", {"op": "add"})
        board.refresh()
        assert {name: book.counts()["red"] for name, book in board._books.items()} == {"Cochion": 2, "Reds": 2}
    finally:
        for page in pages:
            page.close()


def test_the_boards_class_list_dates_its_classes_in_the_boards_language(board, store):
    code = board.start_class()
    started = store.session(code).started_at
    with speaking("cy"):
        board._list_sessions()
        welsh = dict((c, label) for label, c in board.pick.options)[code]
    with speaking("en_GB"):
        board._list_sessions()
        english = dict((c, label) for label, c in board.pick.options)[code]
    from babel.dates import format_datetime

    assert welsh == f"{code} · {format_datetime(started, 'd MMM HH:mm', locale='cy')}"
    assert english == f"{code} · {started:%-d} {started:%b} {started:%H:%M}"  # 2 Dec 14:05, as before but no leading 0
    assert welsh != english  # every Welsh month's short name differs from the English (Rhag, Ion, Mai, ...)
    if started.month == 12:
        assert "Rhag" in welsh
