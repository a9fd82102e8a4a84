"""The tally entry without a browser: the messages a page would send, and what the model then holds."""
import pytest

from tests.conftest import smarties_book
from classlab import Categories, TallyBook
from widgets import TallyEntry


def send(entry, colour, **content):
    """Deliver a message exactly as the browser's tally row would (the custom-message path)."""
    entry.rows[colour]._handle_custom_msg(content, [])


@pytest.fixture
def entry():
    return TallyEntry(smarties_book())


def test_add_and_take_by_button(entry):
    for _ in range(3):
        send(entry, "orange", op="add")
    send(entry, "orange", op="take")
    assert entry.book.count("orange") == 2
    assert entry.rows["orange"].count == 2
    assert entry.rows["orange"].gates == [2]


def test_typed_number_sets_count_and_tally_marks(entry):
    send(entry, "blue", op="set", value="13")
    assert entry.book.count("blue") == 13
    assert entry.rows["blue"].gates == [5, 5, 3]
    assert "13" in entry.total.value


@pytest.mark.parametrize(
    "typed, words",
    [("-3", "less than zero"), ("2.5", "whole number"), ("five", "isn't a number"), ("1001", "a lot"), ("", "Type a number")],
)
def test_bad_entry_gets_a_kind_message_and_changes_nothing(entry, typed, words):
    send(entry, "red", op="set", value="7")
    send(entry, "green", op="add")
    before = entry.book.matrix().copy()
    revision = entry.rows["red"].revision
    send(entry, "red", op="set", value=typed)
    assert words in entry.rows["red"].message
    assert (entry.book.matrix() == before).all()
    assert entry.rows["red"].count == 7
    assert entry.rows["red"].revision == revision + 1  # the box is told to show 7 again


def test_a_thousand_typed_with_a_comma_is_a_count(entry):
    send(entry, "blue", op="set", value="1,000")
    assert entry.book.count("blue") == 1000 and entry.rows["blue"].message == ""
    send(entry, "blue", op="set", value="1,001")
    assert entry.book.count("blue") == 1000
    assert entry.rows["blue"].message == "1,001 is a lot for one tube! Please check: the most we allow is 1,000."


def test_message_clears_after_a_good_entry(entry):
    send(entry, "red", op="set", value="lots")
    assert entry.rows["red"].message
    send(entry, "red", op="add")
    assert entry.rows["red"].message == ""


def test_take_from_zero_is_refused_kindly(entry):
    send(entry, "pink", op="take")
    assert "no pink" in entry.rows["pink"].message
    assert entry.book.count("pink") == 0


def test_forged_message_changes_nothing(entry):
    send(entry, "red", op="explode")
    send(entry, "red", value="5")
    assert entry.book.total() == 0
    assert entry.rows["red"].message


def test_tube_navigation(entry):
    assert entry.previous.disabled and entry.next.disabled
    send(entry, "red", op="add")
    entry.new.click()
    assert entry.book.current == 1 and "Tube 2</b> of 2" in entry.where.value
    assert entry.rows["red"].count == 0
    entry.previous.click()
    assert entry.rows["red"].count == 1 and entry.next.disabled is False
    entry.next.click()
    assert entry.book.current == 1


def test_tidy_table_out(entry):
    send(entry, "orange", op="set", value="4")
    entry.new.click()
    send(entry, "orange", op="add")
    frame = entry.book.to_frame()
    assert list(frame.columns) == ["tube", "colour", "count"]
    assert frame.query("colour == 'orange'")["count"].tolist() == [4, 1]


def test_other_categories_reuse_the_widget():
    dice = TallyBook(Categories([(str(f), "#555555") for f in range(1, 7)]), category_label="face", sample_label="set of throws")
    entry = TallyEntry(dice)
    send(entry, "6", op="add")
    assert dice.count("6") == 1
    assert "New set of throws" == entry.new.description
    assert list(dice.to_frame().columns) == ["set of throws", "face", "count"]
