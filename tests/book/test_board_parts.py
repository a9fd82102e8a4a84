"""The board's parts for the book and misconceptions, over a real store (the browser test drives the board)."""
from __future__ import annotations

import base64
import re

import pytest

from widgets.book_button import ClassBookButtons
from widgets.shared_misconceptions import SharedMisconceptions

from tests.book.book_class import make_class


@pytest.fixture
def made(tmp_path):
    return make_class(f"sqlite:///{tmp_path / 'store.sqlite'}")


def test_shared_misconceptions_are_listed_most_groups_first_and_one_can_be_spotlit(made):
    panel = SharedMisconceptions(made.store, code=lambda: made.code)
    found = panel.look_again()
    assert found[0].key == "axis_not_zero" and found[0].groups == ["Blues", "Greens"]
    assert "1 shared by two or more groups." in panel.message.value
    assert len(panel.rows.children) == len(found)
    button = panel.rows.children[0].children[1]
    assert button.description == "Spotlight: A count axis that does not start at 0"
    button.click()
    assert "Groups that share it (2)" in panel.spot.value
    assert "<b>Blues</b> started the count axis at 3" in panel.spot.value
    assert "Teach it together:" in panel.spot.value
    assert panel.close_spot.layout.display != "none"
    # a pupil's <script> in a group's name is only words on the board
    pie = next(r for r in panel.rows.children if "A pie to compare tubes" in r.children[0].value)
    assert "&lt;script&gt;" in pie.children[0].value and "<script" not in pie.children[0].value
    panel.close_spot.click()
    assert panel.spot.value == "" and panel.spotlit is None


def test_with_no_class_chosen_the_panel_says_what_to_do(made):
    panel = SharedMisconceptions(made.store, code=lambda: None)
    assert panel.look_again() == []
    assert "Start or choose a class first." in panel.message.value


def files(buttons) -> dict[str, bytes]:
    found = re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', buttons.links.value)
    return {name: base64.b64decode(data) for name, data in found}


def test_the_class_book_and_the_parents_page_are_offered_to_download(made):
    buttons = ClassBookButtons(made.store, code=lambda: made.code)
    assert buttons.make("class")
    made_files = files(buttons)
    assert set(made_files) == {f"class-book-{made.code}.pdf", f"class-book-{made.code}.html"}
    assert made_files[f"class-book-{made.code}.pdf"][:5] == b"%PDF-"
    assert buttons.make("parents")
    page = files(buttons)[f"for-parents-{made.code}.html"].decode("utf-8")
    assert "Blues" not in page and "reds" not in page.lower()
    assert "read it through before you share it" in buttons.message.value
    assert not ClassBookButtons(made.store).make("class")
