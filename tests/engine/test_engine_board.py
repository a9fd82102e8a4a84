"""The class board's sums: pooling groups, finding the odd tube out, checking predictions."""
import pandas as pd

from classlab import SMARTIES, Categories
from classlab.board import check_predictions, group_books, pool, tubes_that_differ

THREE = Categories([("red", "#d62728"), ("orange", "#ff8c00"), ("yellow", "#f2c200")])


def frame(rows):
    return pd.DataFrame(rows, columns=["group", "tube", "category", "count"])


def test_group_books_keep_each_groups_tubes():
    books = group_books(frame([("A", 1, "red", 2), ("A", 2, "orange", 3), ("B", 1, "yellow", 4)]), THREE)
    assert books["A"].n_tubes == 2 and books["A"].count("orange", 1) == 3
    assert books["B"].pooled() == {"red": 0, "orange": 0, "yellow": 4}


def test_pool_leaves_out_empty_tubes_and_remembers_owners():
    data = pool(frame([("A", 1, "red", 2), ("A", 2, "red", 0), ("B", 1, "orange", 5)]), THREE)
    assert data.book.n_tubes == 2
    assert data.owners == [("A", 1), ("B", 1)]
    assert data.book.pooled() == {"red": 2, "orange": 5, "yellow": 0}


def test_pool_of_nothing_is_one_empty_tube():
    data = pool(frame([]), THREE)
    assert data.book.total() == 0 and data.owners == []


def test_the_odd_tube_out_is_found_and_described():
    rows = [(g, 1, c, 4) for g in "ABCD" for c in THREE.names]
    rows += [("E", 1, "red", 12), ("E", 1, "orange", 0), ("E", 1, "yellow", 0)]
    odd = tubes_that_differ(pool(frame(rows), THREE), top=2)
    assert odd[0].group == "E" and odd[0].tube == 1
    assert "12 red" in odd[0].words
    assert odd[0].difference > odd[1].difference >= 0


def test_identical_tubes_differ_by_nothing():
    rows = [(g, 1, c, 4) for g in "AB" for c in THREE.names]
    assert all(o.difference == 0 for o in tubes_that_differ(pool(frame(rows), THREE)))


def test_predictions_are_checked_against_the_class_data():
    rows = [(g, t, c, 5) for g in "AB" for t in (1, 2, 3) for c in SMARTIES.names]
    data = pool(frame(rows), SMARTIES)
    states = {
        "A": {"prediction": {"category": "orange", "goal": "at_least", "amount": 20, "tubes": 3}},
        "B": {"prediction": {"category": "orange", "goal": "at_least", "amount": 20, "tubes": None}},
        "C": {},
    }
    (check,) = check_predictions(states, data, SMARTIES)
    assert check.group == "A" and check.class_answer == 4 and check.chance == 0.0
    assert check.said == "at least 20 orange"
