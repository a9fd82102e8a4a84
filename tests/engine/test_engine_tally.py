"""Tallies: parse what pupils type, count tube by tube, and never lose what was entered."""
import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from tests.conftest import smarties_book
from classlab import SMARTIES, Categories, CountError, TallyBook, TallyChange, parse_count, tally_gates
from classlab.tally import DEFAULT_LIMIT

BAD_ENTRIES = [-1, "-1", "-12", "2.5", "2,5", ".5", "3.", 2.5, "five", "<script>", "", "   ", 1001, "1001",
               True, False, None, "5 5", "1e3", "0x10", "9" * 5000, 10**5000]


def entry_id(value):
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return "huge-int"
    return repr(value)[:20]


def assert_kind(err: CountError):
    msg = str(err)
    assert msg.strip(), "the message must say something"
    assert len(msg) <= 120, "the message must be short"
    for unkind in ("Traceback", "invalid literal", "Error", "base 10"):
        assert unkind not in msg


def filled_book(categories=SMARTIES, samples=3):
    """A book with different counts in every cell, so a lost or moved count shows (in the Smarties lab's words)."""
    book = smarties_book(categories)
    for t in range(samples):
        if t:
            book.new_sample()
        for i, name in enumerate(categories.names):
            book.set(name, (7 * t + 3 * i) % 11)
    book.current = 1 if samples > 1 else 0
    return book


def dice_book():
    faces = Categories([(str(i),) for i in range(1, 7)])
    return TallyBook(faces, sample_label="set of throws", category_label="face")


# --- parse_count ---------------------------------------------------------------------------

@given(st.integers(min_value=0, max_value=DEFAULT_LIMIT))
def test_parse_count_accepts_whole_numbers_up_to_the_limit(n):
    assert parse_count(n) == n


@given(st.integers(min_value=0, max_value=DEFAULT_LIMIT), st.sampled_from(["", " ", "  ", "\t"]),
       st.sampled_from(["", " ", "\n"]), st.booleans())
def test_parse_count_accepts_typed_whole_numbers_with_spaces_and_a_plus(n, before, after, plus):
    assert parse_count(f"{before}{'+' if plus else ''}{n}{after}") == n


def test_parse_count_accepts_numpy_integers():
    assert parse_count(np.int64(12)) == 12


@given(st.integers(max_value=-1))
def test_parse_count_rejects_negative_numbers(n):
    with pytest.raises(CountError) as err:
        parse_count(n)
    assert "less than zero" in str(err.value)


@given(st.integers(max_value=-1))
def test_parse_count_rejects_typed_negative_numbers(n):
    with pytest.raises(CountError):
        parse_count(str(n))


@pytest.mark.parametrize("text", ["2.5", "2,5", ".5", 2.5])
def test_parse_count_rejects_fractions_saying_a_whole_number_is_needed(text):
    with pytest.raises(CountError) as err:
        parse_count(text)
    assert "whole number" in str(err.value)


@pytest.mark.parametrize("text", ["five", "<script>", "5 5"])
def test_parse_count_rejects_words(text):
    with pytest.raises(CountError) as err:
        parse_count(text)
    assert "number" in str(err.value)


@pytest.mark.parametrize("text", ["", "   "])
def test_parse_count_rejects_an_empty_box_suggesting_0(text):
    with pytest.raises(CountError) as err:
        parse_count(text)
    assert "0" in str(err.value)


@pytest.mark.parametrize("value", [1001, "1001", " +1001 "])
def test_parse_count_rejects_more_than_the_limit(value):
    with pytest.raises(CountError) as err:
        parse_count(value)
    assert "the most we allow is 1,000" in str(err.value)


@pytest.mark.parametrize("text, n", [("1,000", 1000), ("1 000", 1000), ("1\u202f000", 1000), ("+1,000", 1000),
                                     ("0,999", 999), (" 1,000 ", 1000)])
def test_parse_count_reads_thousands_separators(text, n):
    """People write a thousand as 1,000: that is a whole number (and exactly the limit)."""
    assert parse_count(text) == n


@pytest.mark.parametrize("text, words", [
    ("2,000", "2,000 is a lot for one sample! Please check: the most we allow is 1,000."),
    ("12,345,678", "12,345,678 is a lot for one sample!"),
    ("1,5", "not a whole number"), ("1,00", "not a whole number"), ("1,000,0", "isn't a number"),
    ("1,000 000", "isn't a number"),
])
def test_parse_count_says_the_right_thing_about_separated_numbers(text, words):
    with pytest.raises(CountError) as err:
        parse_count(text)
    assert words in str(err.value)


def test_parse_count_limit_can_be_changed():
    assert parse_count("6", limit=6) == 6
    with pytest.raises(CountError):
        parse_count("7", limit=6)


@pytest.mark.parametrize("value", [True, False])
def test_parse_count_rejects_booleans(value):
    with pytest.raises(CountError):
        parse_count(value)


@pytest.mark.parametrize("value", ["9" * 5000, "-" + "9" * 5000, 10**5000], ids=entry_id)
def test_parse_count_rejects_absurdly_long_numbers_kindly(value):
    with pytest.raises(CountError) as err:
        parse_count(value)
    assert_kind(err.value)


@pytest.mark.parametrize("value", BAD_ENTRIES, ids=entry_id)
def test_every_bad_entry_gets_a_short_kind_message(value):
    with pytest.raises(CountError) as err:
        parse_count(value)
    assert_kind(err.value)


@given(st.one_of(st.text(), st.integers(), st.floats(), st.booleans(), st.none(),
                 st.from_regex(r"\A\s*[+-]?[0-9.,]{1,12}\s*\Z")))
def test_parse_count_either_returns_a_sane_count_or_raises_count_error(value):
    try:
        n = parse_count(value)
    except CountError as err:
        assert_kind(err)
    else:
        assert isinstance(n, int) and 0 <= n <= DEFAULT_LIMIT


# --- tally marks ---------------------------------------------------------------------------

@pytest.mark.parametrize("n, gates", [(0, []), (1, [1]), (5, [5]), (13, [5, 5, 3]), (-2, [])])
def test_tally_gates_examples(n, gates):
    assert tally_gates(n) == gates


@given(st.integers(min_value=0, max_value=DEFAULT_LIMIT))
def test_tally_gates_are_fives_then_the_rest(n):
    gates = tally_gates(n)
    assert sum(gates) == n
    assert all(g == 5 for g in gates[:-1])
    assert all(1 <= g <= 5 for g in gates)


# --- counting ------------------------------------------------------------------------------

def test_a_new_book_has_one_empty_tube():
    book = smarties_book()
    assert book.n_samples == 1 and book.current == 0
    assert book.counts() == dict.fromkeys(SMARTIES.names, 0)


def test_add_counts_one_more():
    book = smarties_book()
    book.add("orange")
    assert book.add("orange") == 2
    assert book.count("orange") == 2 and book.total() == 2


def test_take_counts_one_fewer():
    book = smarties_book()
    book.set("blue", 4)
    assert book.take("blue") == 3
    assert book.count("blue") == 3


def test_set_takes_what_was_typed():
    book = smarties_book()
    assert book.set("green", " 12 ") == 12
    assert book.count("green") == 12


def test_every_change_moves_the_version_on():
    book = smarties_book()
    seen = []
    book.observe(lambda ch: seen.append(ch["new"]), "version")
    book.add("red")
    book.take("red")
    book.set("red", 3)
    assert seen == [1, 2, 3]


def test_take_from_zero_raises_and_changes_nothing():
    book = filled_book()
    book.set("violet", 0)
    before, version = book.matrix().copy(), book.version
    with pytest.raises(CountError) as err:
        book.take("violet")
    assert "violet" in str(err.value)
    assert np.array_equal(book.matrix(), before) and book.version == version


def test_add_beyond_the_limit_raises_and_changes_nothing():
    book = smarties_book(limit=3)
    book.set("red", 3)
    with pytest.raises(CountError):
        book.add("red")
    assert book.count("red") == 3


@pytest.mark.parametrize("value", BAD_ENTRIES, ids=entry_id)
def test_a_bad_set_changes_nothing_already_entered(value):
    book = filled_book()
    before, version, current = book.matrix().copy(), book.version, book.current
    with pytest.raises(CountError):
        book.set("pink", value)
    assert np.array_equal(book.matrix(), before)
    assert book.version == version and book.current == current


@pytest.mark.parametrize("value", [-2, "2.5", "lots", 1001], ids=entry_id)
def test_a_bad_set_change_applied_directly_changes_nothing(value):
    # A class store replays TallyChanges from other devices: each is checked again.
    book = filled_book()
    before = book.matrix().copy()
    with pytest.raises(CountError):
        book.apply(TallyChange(0, "pink", "set", value))
    assert np.array_equal(book.matrix(), before)


def test_an_unknown_category_is_refused():
    book = smarties_book()
    with pytest.raises(CountError):
        book.add("turquoise")


def test_a_change_to_a_tube_that_does_not_exist_is_refused():
    book = smarties_book()
    with pytest.raises(CountError):
        book.apply(TallyChange(5, "red", "add"))


def test_an_unknown_kind_of_change_is_refused():
    book = smarties_book()
    with pytest.raises(CountError):
        book.apply(TallyChange(0, "red", "double"))


def test_changes_go_to_the_current_tube_only():
    book = filled_book()
    before = book.matrix().copy()
    book.add("red")
    after = book.matrix()
    assert after[1, 0] == before[1, 0] + 1
    after[1, 0] -= 1
    assert np.array_equal(after, before)


# --- tubes ---------------------------------------------------------------------------------

def test_new_tube_adds_an_empty_tube_at_the_end_and_makes_it_current():
    book = filled_book()
    before = book.matrix().copy()
    assert book.new_sample() == 3
    assert book.current == 3 and book.total() == 0
    assert np.array_equal(book.matrix()[:3], before)


def test_next_and_previous_tube_move_one_at_a_time():
    book = filled_book()
    book.current = 0
    assert book.next_sample() == 1
    assert book.next_sample() == 2
    assert book.previous_sample() == 1


def test_next_tube_stays_on_the_last_tube():
    book = filled_book()
    book.current = 2
    assert book.next_sample() == 2


def test_previous_tube_stays_on_the_first_tube():
    book = filled_book()
    book.current = 0
    assert book.previous_sample() == 0


def test_the_current_tube_must_exist():
    book = filled_book()
    with pytest.raises(CountError):
        book.current = 3
    assert book.current == 1


def test_pooled_adds_the_tubes_together():
    book = filled_book()
    assert book.pooled() == dict(zip(SMARTIES.names, book.matrix().sum(axis=0).tolist()))
    assert book.pooled([0])["orange"] == book.count("orange", sample=0)


def test_counted_tubes_leaves_out_empty_ones():
    book = filled_book()
    book.new_sample()
    assert book.counted_samples() == [0, 1, 2]


def test_clear_goes_back_to_one_empty_tube():
    book = filled_book()
    book.clear()
    assert book.n_samples == 1 and book.total() == 0 and book.current == 0


# --- the tidy table ------------------------------------------------------------------------

def test_to_frame_is_tidy_with_tubes_numbered_from_1():
    book = filled_book()
    frame = book.to_frame()
    assert list(frame.columns) == ["tube", "colour", "count"]
    assert len(frame) == 3 * 8
    assert sorted(frame["tube"].unique()) == [1, 2, 3]
    assert frame.dtypes["tube"] == "int64" and frame.dtypes["count"] == "int64"
    row = frame[(frame.tube == 2) & (frame.colour == "yellow")]
    assert row["count"].item() == book.count("yellow", sample=1)


def test_load_frame_round_trip_gives_the_same_counts():
    book = filled_book()
    again = smarties_book()
    again.load_frame(book.to_frame())
    assert np.array_equal(again.matrix(), book.matrix())
    pd.testing.assert_frame_equal(again.to_frame(), book.to_frame())


def test_load_frame_starts_at_the_first_tube():
    book = filled_book()
    book.current = 2
    book.load_frame(filled_book().to_frame())
    assert book.current == 0


def test_load_frame_fills_missing_rows_with_zero():
    book = smarties_book()
    book.load_frame(pd.DataFrame({"tube": [2], "colour": ["red"], "count": [4]}))
    assert book.n_samples == 2 and book.total(0) == 0 and book.count("red", 1) == 4


def _bad_rows():
    good = filled_book().to_frame()
    bad_count = good.copy()
    bad_count.loc[len(bad_count) - 1, "count"] = -3
    text_count = good.astype({"count": object})
    text_count.loc[len(text_count) - 1, "count"] = "lots"
    unknown = pd.concat([good, pd.DataFrame({"tube": [1], "colour": ["turquoise"], "count": [1]})], ignore_index=True)
    tube_zero = pd.concat([good, pd.DataFrame({"tube": [0], "colour": ["red"], "count": [1]})], ignore_index=True)
    part_tube = pd.concat([good, pd.DataFrame({"tube": [2.5], "colour": ["red"], "count": [1]})], ignore_index=True)
    word_tube = pd.concat([good.astype({"tube": object}), pd.DataFrame({"tube": ["x"], "colour": ["red"], "count": [1]})], ignore_index=True)
    no_column = good.drop(columns=["count"])
    return {"negative count": bad_count, "word count": text_count, "unknown colour": unknown,
            "tube 0": tube_zero, "tube 2.5": part_tube, "tube x": word_tube, "missing column": no_column}


@pytest.mark.parametrize("name", list(_bad_rows()))
def test_load_frame_with_a_bad_row_changes_nothing(name):
    frame = _bad_rows()[name]
    book = smarties_book()
    book.set("red", 9)
    book.new_sample()
    book.set("blue", 2)
    before, version, current = book.matrix().copy(), book.version, book.current
    with pytest.raises(CountError) as err:
        book.load_frame(frame)
    assert_kind(err.value)
    assert np.array_equal(book.matrix(), before)
    assert book.version == version and book.current == current


# --- other labs: the same book counts dice throws ------------------------------------------

def test_a_dice_lab_counts_faces_by_name():
    book = dice_book()
    book.add("6")
    book.add("6")
    book.take("6")
    book.set("1", 4)
    assert book.counts() == {"1": 4, "2": 0, "3": 0, "4": 0, "5": 0, "6": 1}


def test_a_dice_lab_table_uses_its_own_labels():
    book = dice_book()
    book.add("3")
    book.new_sample()
    frame = book.to_frame()
    assert list(frame.columns) == ["set of throws", "face", "count"]
    assert list(frame["set of throws"].unique()) == [1, 2]


def test_a_dice_lab_survives_a_csv_round_trip():
    book = dice_book()
    book.set("2", 5)
    book.new_sample()
    book.set("6", 3)
    buf = io.StringIO()
    book.to_frame().to_csv(buf, index=False)
    buf.seek(0)
    again = dice_book()
    again.load_frame(pd.read_csv(buf))  # the faces come back as numbers 1..6
    assert np.array_equal(again.matrix(), book.matrix())


def test_a_dice_lab_message_names_its_own_sample():
    book = TallyBook(Categories([("1",), ("2",)]), sample_label="set of throws", limit=1)
    book.add("1")
    with pytest.raises(CountError) as err:
        book.add("1")
    assert "set of throws" in str(err.value)


@pytest.mark.parametrize("typed, whole", [("1,000", 1000), ("1 000", 1000), (" 7 ", 7), ("+5", 5), (np.int64(3), 3), (4.0, 4)])
def test_one_count_reader_takes_how_people_write_whole_numbers(typed, whole):
    from classlab.counts import read_whole
    assert read_whole(typed) == whole


@pytest.mark.parametrize("typed, reason", [("", "empty"), ("seven", "word"), ("2.5", "part"), ("7.0", "part"), (True, "word")])
def test_one_count_reader_says_why_something_is_not_a_whole_number(typed, reason):
    from classlab.counts import NotACount, read_whole
    with pytest.raises(NotACount) as problem:
        read_whole(typed)
    assert problem.value.reason == reason


def test_a_spreadsheet_seven_point_nought_is_seven_only_when_asked():
    from classlab.counts import read_whole
    assert read_whole("7.0", decimals=True) == 7
