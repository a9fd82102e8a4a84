"""A class survey without a browser: answers from the teacher's board, or chosen by the group."""
from pathlib import Path

import pytest

from widgets import LabPage, SurveyBoard

SURVEY = Path(__file__).resolve().parents[2] / "labs" / "class_survey.lab.yaml"


def test_the_board_starts_classes_with_the_agreed_answers(store):
    board = SurveyBoard(SURVEY)
    board.chooser.question.value = "How do you come to school?"
    for box, answer in zip(board.chooser.answers, ["walk", "car", "bus"]):
        box.value = answer
    board.chooser.choose()
    board.board.store = store
    code = board.board.start_class()
    assert list(store.session(code).categories) == ["walk", "car", "bus"]
    assert board.children == (board.board,)  # the class code is the first thing on the board
    top = board.board.heading.value
    assert top.index(code) < top.index("Our question: How do you come to school?")
    board.board.close()


def test_a_group_uses_its_classs_answers(store):
    code = store.start_session("class_survey", categories=["walk", "car", "bus"]).code
    page = LabPage.from_file(SURVEY, store=store, query_string="")
    page.class_code.value = code
    assert page.use_class_answers()
    assert page.book.categories.names == ["walk", "car", "bus"]
    assert page.join.code.value == code


@pytest.mark.parametrize("typed, words", [("", "Type the class code"), ("NOPE99", "find a class")])
def test_a_wrong_code_is_met_kindly(store, typed, words):
    page = LabPage.from_file(SURVEY, store=store, query_string="")
    page.class_code.value = typed
    assert page.use_class_answers() is False and words in page.class_message.value
    assert page.book is None  # nothing built, nothing lost: the group can still type its own answers


def test_a_class_without_answers_says_so(store):
    code = store.start_session("class_survey").code
    page = LabPage.from_file(SURVEY, store=store, query_string="")
    page.class_code.value = code
    assert page.use_class_answers() is False and "no answers set" in page.class_message.value
