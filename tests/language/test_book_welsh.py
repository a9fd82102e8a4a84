"""The group's book, the class book and the page for parents speak the language they are made in, over a real store.

A book is made in the language of the page or command that asks for it; the pupils' own words and the
group names stay as they were written, and the lab's own words (tube, red, its questions) are said from
its catalogue in labs/locale (tiwb, coch).
"""
from __future__ import annotations

import re
from html import unescape

import pytest

from classlab.book import class_book_html, group_book_html, make_book
from classlab.class_work import read_class
from classlab.language import current, speaking
from tests.book.book_class import REDS, REDS_FINDING, add_voice, make_class

#: The book's own English words: each is in an English book, and none is left in a Welsh one.
BOOK_ENGLISH = ["What we counted", "Our tally", "Our charts", "Percentages", "Our prediction, and what happened",
                "What we found", "Looking back", "Total", "Altogether", "Fraction",
                "Percentage (each rounded)", "Our chart, as we made it", "What makes a good chart work well?",
                "The computer pretended to buy", "What happened:", "The class said:", "Found by", "Evidence:",
                "What our class agreed", "made with ClassLab on", "Our own check", "The checker said",
                "What other groups said about our work", "What we said about other groups' work", "A wish:",
                "What surprised us", "Our question:", "We counted"]
CLASS_ENGLISH = ["Our class book", "Our questions", "The groups", "What the class agreed",
                 "counted by the class", "These counts are practice data"]


@pytest.fixture(scope="module")
def cls(tmp_path_factory):
    made = add_voice(make_class(f"sqlite:///{tmp_path_factory.mktemp('book') / 'store.sqlite'}"))
    yield read_class(made.store, made.code)
    made.store.dispose()


def text(page: str) -> str:
    """What a reader sees: the page without its tags, with the pictures' names kept."""
    return unescape(re.sub(r"<[^>]+>", " ", page))


def test_an_english_book_has_each_of_its_english_words_and_says_en_gb(cls):
    with speaking("en_GB"):
        group, whole = group_book_html(cls, REDS), class_book_html(cls)
    assert '<html lang="en-GB">' in group and '<html lang="en-GB">' in whole
    assert [w for w in BOOK_ENGLISH if w not in text(group)] == []
    assert [w for w in CLASS_ENGLISH if w not in text(whole)] == []


def test_a_welsh_book_says_cy_and_keeps_no_english_words_of_its_own(cls):
    with speaking("cy"):
        group, whole = group_book_html(cls, REDS), class_book_html(cls)
    assert '<html lang="cy">' in group and '<html lang="cy">' in whole
    assert [w for w in BOOK_ENGLISH if w in text(group)] == []
    assert [w for w in BOOK_ENGLISH + CLASS_ENGLISH if w in text(whole)] == []
    for welsh in ["Beth wnaethon ni ei gyfrif", "Ein siartiau", "Canrannau", "Gyda'i gilydd", "Llyfr ",
                  "Dywedodd y dosbarth", "Ein gwiriad ein hunain", "Beth ddywedodd grwpiau eraill am ein gwaith"]:
        assert welsh in text(group), welsh
    assert "Llyfr ein dosbarth" in text(whole) and "Y grwpiau" in text(whole)


def test_a_welsh_book_shows_ticks_read_in_english(cls):
    """The class was read from the store in English (the fixture): the group's ticks still meet the Welsh checklist."""
    with speaking("cy"):
        group = text(group_book_html(cls, REDS))
    assert "Beth mae siart dda yn ei wneud" in group and "Dywedodd y gwiriwr" in group
    assert "✔ ydy" in group


def test_a_welsh_book_keeps_the_pupils_words_and_says_the_labs_words_in_welsh(cls):
    with speaking("cy"):
        group, whole = text(group_book_html(cls, REDS)), text(class_book_html(cls))
    assert REDS_FINDING in group and f"Llyfr {REDS}" in group
    # The lab's words from labs/locale/cy: its questions, the counts table's "Tiwb 1", its colours, "3 tiwb"
    assert "Oes yr un nifer o bob lliw ym mhob tiwb?" in group and "Does every tube contain" not in group
    assert "Tiwb 1" in group and "Tube 1 " not in group and "mewn 3 tiwb." in group
    assert "14 marc tali ar gyfer coch" in group and "coch (14)" in group and "red (14)" not in group
    assert "Sawl tiwb byddai'n rhaid i mi ei brynu" in whole and "How many tubes would I" not in whole
    with speaking("en_GB"):
        english = text(group_book_html(cls, REDS))
    assert "Does every tube contain the same number of each colour?" in english and "Tube 1 " in english
    assert "14 tally marks for red" in english and "in 3 tubes." in english


def test_a_welsh_book_gives_its_date_in_welsh(cls):
    from babel.dates import format_date

    day = cls.made_at.astimezone()
    with speaking("cy"):
        whole = text(class_book_html(cls))
    assert format_date(day, "d MMMM y", locale="cy") in whole
    assert f"{day:%B}" not in whole  # the English month


def test_the_book_the_command_makes_is_in_the_servers_language(monkeypatch, tmp_path):
    """`classlab book` (make_book) speaks CLASSLAB_LANGUAGE when nothing else chose a language."""
    from classlab import settings

    made = make_class(f"sqlite:///{tmp_path / 'store.sqlite'}")
    monkeypatch.setenv("CLASSLAB_LANGUAGE", "cy")
    monkeypatch.setenv(settings.QUERY_STRING, "")
    files = make_book(made.store, made.code, "Blues", tmp_path / "out", pdf=False)
    page = files.html.read_text(encoding="utf-8")
    made.store.dispose()
    assert '<html lang="cy">' in page and "Beth wnaethon ni ei gyfrif" in page


def test_the_books_pictures_are_named_in_its_language(cls):
    """A chart's name and "in words" text, and each row of tally marks, as a screen reader reads them."""
    with speaking("en_GB"):
        english = group_book_html(cls, REDS)
    with speaking("cy"):
        welsh = group_book_html(cls, REDS)
    assert 'aria-label="Pie chart' in english and "tally marks for red" in english
    assert 'aria-label="Siart cylch' in welsh and 'aria-label="Siart bar' in welsh
    assert "Pie chart" not in welsh and "Bar chart" not in welsh and "tally mark" not in welsh


def test_why_a_book_could_not_be_made_is_said_in_welsh(cls, tmp_path):
    from classlab.class_work import BookError
    from classlab.printing import PrintError, print_pdf

    with speaking("cy"), pytest.raises(BookError, match="Does dim grŵp o'r enw “Porffor” yn nosbarth"):
        cls.group("Porffor")
    page = tmp_path / "book.html"
    page.write_text("<p>llyfr</p>", encoding="utf-8")
    with speaking("cy"), pytest.raises(PrintError, match="Methodd Chromium ag argraffu'r llyfr"):
        print_pdf(page, tmp_path / "book.pdf", chromium="/bin/false")  # a real program that fails, as a broken one does
    with speaking("en_GB"), pytest.raises(PrintError, match="Chromium could not print the book"):
        print_pdf(page, tmp_path / "book.pdf", chromium="/bin/false")


#: The parents' page's own English words: each is on an English page, and none is left on a Welsh one.
PARENTS_ENGLISH = ["What our class has been finding out", "What we asked", "What we found", "What the class agreed",
                   "Something to try at home", "No names of pupils or groups", "Together the class counted",
                   "The most common", "the least common", "Our evidence:", "Collect one", "Before you count",
                   "Look for charts", "What our class counted", "For parents"]


def test_the_page_for_parents_speaks_welsh_and_still_has_no_names(tmp_path):
    from classlab.parents import parents_html, without_names
    from tests.book.book_class import QUESTION_2

    made = make_class(f"sqlite:///{tmp_path / 'store.sqlite'}")
    f = made.store.post_finding(made.ids["Blues"], QUESTION_2, "Rydyn ni'n cytuno gyda'r Blues a'r GREENS.")
    made.store.sort_finding(f.id, "agreed", "Greens counted 2 tubes")
    cls = read_class(made.store, made.code)
    made.store.dispose()
    with speaking("en_GB"):
        english = parents_html(cls)
    with speaking("cy"):
        welsh = parents_html(cls)
        assert without_names("The  Reds and the BLUES agree", ["the reds", "Blues"]) == "grŵp and the grŵp agree"
    assert '<html lang="en-GB">' in english and [w for w in PARENTS_ENGLISH if w not in text(english)] == []
    assert '<html lang="cy">' in welsh and [w for w in PARENTS_ENGLISH if w in text(welsh)] == []
    assert "Rydyn ni'n cytuno gyda'r grŵp a'r grŵp." in text(welsh)
    assert "Beth ofynnon ni" in text(welsh) and "Y lliw mwyaf cyffredin oedd melyn" in text(welsh)  # the lab's words
    assert "Oes yr un nifer o bob lliw ym mhob tiwb?" in text(welsh) and "Casglwch un tiwb eich hun" in text(welsh)
    assert "Does every tube contain" not in text(welsh) and "The most common colour was yellow" in text(english)
    for name in ("reds", "blues", "greens"):
        assert name not in text(welsh).casefold()


def test_the_boards_shared_misconceptions_panel_speaks_welsh(tmp_path):
    from widgets.shared_misconceptions import SharedMisconceptions

    made = make_class(f"sqlite:///{tmp_path / 'store.sqlite'}")
    with speaking("cy"):
        panel = SharedMisconceptions(made.store, code=lambda: made.code)
        panel.look_again()
        panel.rows.children[0].children[1].click()
    made.store.dispose()
    assert panel.look.description == "Chwilio am gamsyniadau a rennir"
    assert panel.close_spot.description == "Cau" and panel.close_spot.tooltip == "Cau'r camsyniad hwn"
    assert "1 wedi'u rhannu gan ddau grŵp neu fwy." in unescape(panel.message.value)
    row = panel.rows.children[0]
    assert "2 rŵp (Blues, Greens)" in row.children[0].value and row.children[1].description.startswith("Sbotolau: ")
    assert "Grwpiau sy'n ei rannu (2)" in unescape(panel.spot.value)
    assert "Ei addysgu gyda'i gilydd:" in unescape(panel.spot.value)
    shown = " ".join([panel.message.value, panel.spot.value, *(r.children[0].value for r in panel.rows.children),
                      *(r.children[1].description for r in panel.rows.children)])
    for english in ["shared by two or more", "Spotlight", "Groups that share it", "Teach it together", " groups ("]:
        assert english not in shown, english


BOARDS = ["class_board", "fair_dice_board", "class_survey_board"]


@pytest.mark.parametrize("board", BOARDS)
def test_each_board_notebook_says_its_language_on_the_page(board, monkeypatch):
    """The board's <html lang> comes from a PageLanguage cell, as a lab page's does: "cy" for `?lang=cy`."""
    import json
    from pathlib import Path

    from classlab import settings

    notebook = json.loads((Path(__file__).resolve().parents[2] / "teacher_guides" / f"{board}.ipynb").read_text())
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)  # kept clean
    cell = next("".join(c["source"]) for c in code if "".join(c["source"]).rstrip().endswith("PageLanguage()"))
    monkeypatch.setenv(settings.QUERY_STRING, "lang=cy")
    made = {}
    exec("from widgets import PageLanguage\n" + cell.rstrip().rpartition("\n")[0] + "\n"
         + "page = " + cell.rstrip().rpartition("\n")[2], made)
    assert made["page"].lang == "cy"
    monkeypatch.setenv(settings.QUERY_STRING, "")
    monkeypatch.delenv(settings.LANGUAGE, raising=False)
    exec("page = PageLanguage()", made)
    assert made["page"].lang == "en-GB"


def test_a_welsh_pupils_page_makes_a_welsh_book(monkeypatch):
    """"Make our book" on a page opened at `?lang=cy` makes the book while the page's language is current."""
    from classlab import settings
    from classlab.lab_format import read
    from tests.conftest import LABS
    from widgets import LabPage

    monkeypatch.setenv(settings.QUERY_STRING, "lang=cy")
    with speaking("en_GB"):  # the page's choice lasts only as long as this block (a kernel keeps it)
        page = LabPage(read(LABS / "smarties.lab.yaml"), query_string="lang=cy", every=3600)
        try:
            for _ in range(3):
                page.book.add("orange")
            assert page.book_button.make_book()
            book = text(page.book_button.html)
        finally:
            page.close()
    monkeypatch.setenv(settings.QUERY_STRING, "")
    monkeypatch.delenv(settings.LANGUAGE, raising=False)
    assert current() == "en_GB"  # nothing of the Welsh page is left for the tests after this one
    assert '<html lang="cy">' in page.book_button.html
    assert "Llyfr Ein grŵp" in book and "Beth wnaethon ni ei gyfrif" in book and "What we counted" not in book
