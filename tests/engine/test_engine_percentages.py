"""Percentages: spreadsheet rounding (each share on its own) against largest remainder (totals 100)."""
from fractions import Fraction
from itertools import product

import pytest
from hypothesis import given, strategies as st

from classlab import percentages
from classlab.percentages import (
    adds_up,
    exact_shares,
    explain,
    fmt,
    largest_remainder_units,
    share_table,
    spreadsheet_total,
    spreadsheet_units,
)

THREE_EQUAL = {"red": 1, "orange": 1, "yellow": 1}

places = st.sampled_from([0, 1, 2])
counts_with_a_total = (
    st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=20)
    .filter(lambda xs: sum(xs) > 0)
    .map(lambda xs: {f"c{i}": x for i, x in enumerate(xs)})
)


def over_100_example():
    """A small search for counts whose half-up shares total 101 %."""
    for n in (3, 4):
        for xs in product(range(1, 6), repeat=n):
            counts = {f"c{i}": x for i, x in enumerate(xs)}
            if sum(spreadsheet_units(counts).values()) == 101:
                return counts
    raise AssertionError("no counts found whose rounded shares total 101")


# --- largest remainder ---------------------------------------------------------------------

@given(counts_with_a_total, places)
def test_largest_remainder_always_totals_exactly_100(counts, places):
    assert sum(largest_remainder_units(counts, places).values()) == 100 * 10**places


@given(counts_with_a_total, places)
def test_largest_remainder_share_is_within_one_unit_of_the_exact_share(counts, places):
    exact = exact_shares(counts)
    units = largest_remainder_units(counts, places)
    for k in counts:
        assert abs(units[k] - exact[k] * 10**places) < 1


def test_largest_remainder_of_three_equal_shares_gives_the_leftover_unit_to_one_of_them():
    units = largest_remainder_units(THREE_EQUAL)
    assert sorted(units.values()) == [33, 33, 34]


def test_largest_remainder_with_nothing_counted_is_all_zero():
    assert largest_remainder_units({"red": 0, "blue": 0}, 1) == {"red": 0, "blue": 0}


# --- spreadsheet rounding ------------------------------------------------------------------

@given(st.integers(min_value=1, max_value=100_000))
def test_spreadsheet_rounding_of_three_equal_shares_totals_99(n):
    counts = {"red": n, "orange": n, "yellow": n}
    assert spreadsheet_units(counts, 0) == {"red": 33, "orange": 33, "yellow": 33}
    assert spreadsheet_total(counts, 0) == "99"


@given(st.integers(min_value=1, max_value=100_000))
def test_spreadsheet_rounding_of_three_equal_shares_at_two_places_totals_99_99(n):
    counts = {"red": n, "orange": n, "yellow": n}
    assert spreadsheet_total(counts, 2) == "99.99"


@given(counts_with_a_total, places)
def test_spreadsheet_share_is_within_half_a_unit_of_the_exact_share(counts, places):
    exact = exact_shares(counts)
    units = spreadsheet_units(counts, places)
    for k in counts:
        assert abs(units[k] - exact[k] * 10**places) <= Fraction(1, 2)


def test_spreadsheet_rounds_a_half_up_as_excel_does():
    # 1 of 8 is exactly 12.5 %
    assert spreadsheet_units({"a": 1, "b": 7})["a"] == 13


def test_adds_up_is_false_for_three_equal_shares():
    assert adds_up(THREE_EQUAL) is False


def test_adds_up_is_true_for_shares_that_total_100():
    assert adds_up({"red": 1, "blue": 1, "green": 2}) is True


def test_adds_up_is_true_when_nothing_is_counted():
    assert adds_up({"red": 0, "blue": 0}) is True


def test_only_0_1_or_2_decimal_places_are_offered():
    with pytest.raises(ValueError):
        spreadsheet_units(THREE_EQUAL, 3)


@pytest.mark.parametrize("units, places, text", [(33, 0, "33"), (3333, 2, "33.33"), (5, 2, "0.05"), (999, 1, "99.9")])
def test_fmt_writes_units_as_a_percentage(units, places, text):
    assert fmt(units, places) == text


# --- the table -----------------------------------------------------------------------------

def test_share_table_goes_from_frequency_to_fraction_to_percentage():
    table = share_table({"red": 1, "orange": 3})
    assert list(table.columns) == ["category", "frequency", "fraction", "exact", "spreadsheet", "largest_remainder"]
    assert table.to_dict("records") == [
        {"category": "red", "frequency": 1, "fraction": "1/4", "exact": 25.0, "spreadsheet": "25", "largest_remainder": "25"},
        {"category": "orange", "frequency": 3, "fraction": "3/4", "exact": 75.0, "spreadsheet": "75", "largest_remainder": "75"},
    ]


def test_share_table_shows_the_99_puzzle_beside_a_total_of_100():
    table = share_table(THREE_EQUAL, 1)
    assert list(table["spreadsheet"]) == ["33.3", "33.3", "33.3"]
    assert sum(float(x) for x in table["largest_remainder"]) == pytest.approx(100)


def test_share_table_with_nothing_counted_has_no_division_by_zero():
    table = share_table({"red": 0, "blue": 0})
    assert list(table["fraction"]) == ["0/0", "0/0"]
    assert list(table["spreadsheet"]) == ["0", "0"]


# --- explain -------------------------------------------------------------------------------

def test_explain_says_99_for_three_equal_shares():
    text = explain(THREE_EQUAL)
    assert "99 %" in text and "not 100" in text


def test_explain_says_why_three_equal_shares_lose_one_percent():
    text = explain(THREE_EQUAL)
    assert "between 3" in text and "33.333" in text and "rounded down" in text


def test_explain_at_two_places_says_99_99():
    assert "99.99 %" in explain(THREE_EQUAL, 2)


def test_explain_says_exactly_100_when_it_adds_up():
    assert "exactly 100" in explain({"red": 1, "blue": 1, "green": 2})


def test_explain_handles_shares_that_total_more_than_100():
    counts = over_100_example()
    text = explain(counts)
    assert "101 %" in text and "more than 100" in text and "rounded up" in text


def test_explain_handles_nothing_counted():
    assert explain({"red": 0, "blue": 0}).startswith("Count some")


def test_module_offers_the_three_places_pupils_can_choose():
    assert percentages.PLACES == (0, 1, 2)
