"""The class board's sums: pooling groups, finding the odd tube out, checking predictions."""
from collections import namedtuple

import pandas as pd

from classlab import SMARTIES, Categories, TallyChange
from classlab.board import (ClassReader, check_predictions, continued_by, group_books, pool, pool_books,
                            samples_that_differ)
from classlab.store import ClassStore

THREE = Categories([("red", "#d62728"), ("orange", "#ff8c00"), ("yellow", "#f2c200")])


def frame(rows):
    return pd.DataFrame(rows, columns=["group", "sample", "category", "count"])


def test_group_books_keep_each_groups_tubes():
    books = group_books(frame([("A", 1, "red", 2), ("A", 2, "orange", 3), ("B", 1, "yellow", 4)]), THREE)
    assert books["A"].n_samples == 2 and books["A"].count("orange", 1) == 3
    assert books["B"].pooled() == {"red": 0, "orange": 0, "yellow": 4}


def test_pool_leaves_out_empty_tubes_and_remembers_owners():
    data = pool(frame([("A", 1, "red", 2), ("A", 2, "red", 0), ("B", 1, "orange", 5)]), THREE)
    assert data.book.n_samples == 2
    assert data.owners == [("A", 1), ("B", 1)]
    assert data.book.pooled() == {"red": 2, "orange": 5, "yellow": 0}


def test_pool_of_nothing_is_one_empty_tube():
    data = pool(frame([]), THREE)
    assert data.book.total() == 0 and data.owners == []


def test_the_odd_tube_out_is_found_and_described():
    rows = [(g, 1, c, 4) for g in "ABCD" for c in THREE.names]
    rows += [("E", 1, "red", 12), ("E", 1, "orange", 0), ("E", 1, "yellow", 0)]
    odd = samples_that_differ(pool(frame(rows), THREE), top=2)
    assert odd[0].group == "E" and odd[0].sample == 1
    assert "12 red" in odd[0].words
    assert odd[0].difference > odd[1].difference >= 0


def test_identical_tubes_differ_by_nothing():
    rows = [(g, 1, c, 4) for g in "AB" for c in THREE.names]
    assert all(o.difference == 0 for o in samples_that_differ(pool(frame(rows), THREE)))


def test_predictions_are_checked_against_the_class_data():
    rows = [(g, t, c, 5) for g in "AB" for t in (1, 2, 3) for c in SMARTIES.names]
    data = pool(frame(rows), SMARTIES)
    states = {
        "A": {"prediction": {"category": "orange", "goal": "at_least", "amount": 20, "samples": 3}},
        "B": {"prediction": {"category": "orange", "goal": "at_least", "amount": 20, "samples": None}},
        "C": {},
    }
    (check,) = check_predictions(states, data, SMARTIES)
    assert check.group == "A" and check.class_answer == 4 and check.chance == 0.0
    assert check.said == "at least 20 orange"


def test_pooling_books_matches_pooling_the_frame():
    rows = frame([("A", 1, "red", 2), ("A", 2, "orange", 3), ("B", 1, "yellow", 4), ("B", 2, "red", 0)])
    books = group_books(rows, THREE)
    assert pool_books(books, THREE).book.matrix().tolist() == pool(rows, THREE).book.matrix().tolist()
    assert pool_books(books, THREE).owners == [("A", 1), ("A", 2), ("B", 1)]


def test_practice_books_stay_out_of_the_pool_unless_counted():
    rows = frame([("A", 1, "red", 2), ("B", 1, "yellow", 4)])
    rows["practice"] = [False, True]
    books = group_books(rows, THREE)
    assert pool_books(books, THREE).owners == [("A", 1)]
    assert pool_books(books, THREE, practice=True).owners == [("A", 1), ("B", 1)]


def test_a_simulation_is_kept_until_the_class_data_changes():
    states = {"A": {"prediction": {"category": "orange", "goal": "at_least", "amount": 20, "samples": 3}}}
    data = pool(frame([(g, t, c, 5) for g in "AB" for t in (1, 2, 3) for c in SMARTIES.names]), SMARTIES)
    cache = {}
    (first,) = check_predictions(states, data, SMARTIES, cache=cache)
    kept = dict(cache)
    check_predictions(states, data, SMARTIES, cache=cache)
    assert len(kept) == 1 and all(cache[k] is kept[k] for k in kept)  # not run again
    more = pool(frame([(g, t, c, 9) for g in "AB" for t in (1, 2, 3) for c in SMARTIES.names]), SMARTIES)
    (second,) = check_predictions(states, more, SMARTIES, cache=cache)
    assert len(cache) == 1 and not any(k in cache for k in kept)  # the old data's simulation is let go
    assert second.class_answer < first.class_answer


def test_continued_by_names_the_groups_that_carried_a_finding_on():
    F = namedtuple("F", "id group_name continued_from")
    links = continued_by([F(1, "Reds", None), F(2, "Blues", 1), F(3, "Greens", 1), F(4, "Reds", 99)])
    assert links == {1: ["Blues", "Greens"]}


def test_a_class_snapshot_reads_every_group_once(tmp_path):
    store = ClassStore(f"sqlite:///{tmp_path / 'class.sqlite'}")
    code = store.start_session("smarties", categories=SMARTIES).code
    reds, blues = store.join(code, "Reds"), store.join(code, "Blues")
    store.record(reds.id, TallyChange(0, "orange", "set", 4))
    store.record(blues.id, TallyChange(0, "red", "set", 2))
    first = store.post_finding(reds.id, "q", "Orange wins")
    store.post_finding(blues.id, "q", "We agree", continued_from=first.id)
    snap = ClassReader(store, SMARTIES).read(code)
    assert snap.groups == ["Reds", "Blues"]
    assert snap.books["Reds"].count("orange", 0) == 4 and snap.biggest == 4
    assert snap.data.owners == [("Reds", 1), ("Blues", 1)]
    assert snap.continued_by == {first.id: ["Blues"]}
    store.dispose()


def test_a_reader_says_nothing_changed_until_a_tally(tmp_path):
    store = ClassStore(f"sqlite:///{tmp_path / 'class.sqlite'}")
    code = store.start_session("smarties", categories=SMARTIES).code
    reds = store.join(code, "Reds")
    reader = ClassReader(store, SMARTIES)
    seen = reader.changed(code, None)
    assert seen is not None and reader.changed(code, seen) is None
    store.record(reds.id, TallyChange(0, "orange", "add"))
    assert reader.changed(code, seen) is not None
    store.dispose()
