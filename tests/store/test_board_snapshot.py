"""The board's reader keeps what it has read and replays only newer changes: its snapshot must be the one a
full read gives, after every kind of thing a class does (on SQLite and PostgreSQL)."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

from classlab import SMARTIES, TallyBook, TallyChange
from classlab.board import ClassReader, check_predictions, continued_by, counts_practice, group_books, pool_books, \
    samples_that_differ
from classlab.store import ClassStore

WORDS = {"sample_label": "tube", "category_label": "colour", "thing_label": "sweet"}


def plain(snap) -> dict:
    """Everything a snapshot shows, as plain data to compare."""
    return {
        "groups": snap.groups,
        "books": {name: (b.matrix().tolist(), b.practice, b.sample_label) for name, b in snap.books.items()},
        "class": (snap.data.book.matrix().tolist(), snap.data.owners),
        "odd": [(o.group, o.sample, round(o.difference, 12), o.words) for o in snap.odd],
        "predictions": snap.predictions,
        "findings": snap.findings,
        "continued_by": snap.continued_by,
        "biggest": snap.biggest,
    }


def from_class_counts(store, code) -> dict:
    """The board's sums from the store's own full replay (`class_counts`), worked out the way the board did before."""
    frame = store.class_counts(code, SMARTIES)
    books = group_books(frame, SMARTIES, **WORDS)
    data = pool_books(books, SMARTIES, counts_practice(frame), **WORDS)
    saved = store.states(code)
    groups = [g.name for g in store.groups(code)]
    findings = store.findings(code)
    return {
        "groups": groups,
        "books": {name: (b.matrix().tolist(), b.practice, b.sample_label) for name, b in books.items()},
        "class": (data.book.matrix().tolist(), data.owners),
        "odd": [(o.group, o.sample, round(o.difference, 12), o.words) for o in samples_that_differ(data)],
        "predictions": check_predictions({g: saved.get(g, {}) for g in groups}, data, SMARTIES),
        "findings": findings,
        "continued_by": continued_by(findings),
        "biggest": max((int(b.matrix().sum(axis=0).max(initial=0)) for b in books.values()), default=0),
    }


class Board:
    """A board's reader kept for the whole lesson, checked against a fresh reader and the store's full replay."""

    def __init__(self, store, code):
        self.store, self.code = store, code
        self.reader = ClassReader(store, SMARTIES, **WORDS)

    def check(self) -> dict:
        kept = plain(self.reader.read(self.code))
        assert kept == plain(ClassReader(self.store, SMARTIES, **WORDS).read(self.code))
        assert kept == from_class_counts(self.store, self.code)
        return kept


def page_book(store, group) -> TallyBook:
    """A group's page book whose every change is saved, as a page's saver does."""
    book = TallyBook(SMARTIES, **WORDS)
    book.on_change(lambda change: store.record(group.id, change))
    return book


def test_an_incremental_snapshot_is_a_full_one_through_a_whole_lesson(store):
    code = store.start_session("smarties", "Year 4", categories=SMARTIES).code
    reds, blues = store.join(code, "Reds"), store.join(code, "Blues")
    board = Board(store, code)
    assert board.check()["groups"] == ["Reds", "Blues"]

    red_page, blue_page = page_book(store, reds), page_book(store, blues)
    for _ in range(5):
        red_page.add("orange")
    red_page.take("orange")
    red_page.set("red", 7)
    blue_page.add("blue")
    assert board.check()["books"]["Reds"][0] == [[7, 4, 0, 0, 0, 0, 0, 0]]

    red_page.new_sample()  # a second tube
    red_page.add("green")
    red_page.add("green")
    blue_page.set("yellow", 12)
    after_tubes = board.check()
    assert after_tubes["class"][1] == [("Reds", 1), ("Reds", 2), ("Blues", 1)]

    # changes the rules no longer take, saved anyway: replayed and skipped the same way
    store.record(blues.id, TallyChange(0, "pink", "take"))
    store.record(blues.id, TallyChange(0, "blue", "set", 1000))
    store.record(blues.id, TallyChange(0, "blue", "add"))
    board.check()

    greens = store.join(code, "Greens")  # a late group, nothing counted yet
    assert board.check()["books"]["Greens"][0] == [[0] * len(SMARTIES)]
    green_page = page_book(store, greens)
    green_page.set("brown", 3)

    # practice data loaded (marked first), then undone: the group's own counts put back
    own = green_page.matrix().tolist()
    store.set_practice(greens.id, True)
    green_page.load_counts([[5, 5, 5, 5, 5, 5, 5, 5]] * 4, practice=True)
    loaded = board.check()
    assert loaded["books"]["Greens"][1] is True and ("Greens", 1) not in loaded["class"][1]
    store.set_count_practice(code, True)  # the teacher lets it in ...
    assert ("Greens", 4) in board.check()["class"][1]
    store.set_count_practice(code, False)  # ... and out again
    board.check()
    green_page.load_counts(own)  # Undo: the counts are put back first ...
    assert board.check()["books"]["Greens"] == (own, True, "tube")
    store.set_practice(greens.id, False)  # ... then the mark comes off, with no change to read
    undone = board.check()
    assert undone["books"]["Greens"] == (own, False, "tube") and ("Greens", 1) in undone["class"][1]

    # findings posted, carried on and sorted; predictions made and changed
    first = store.post_finding(reds.id, "Which colour?", "Orange wins")
    store.post_finding(blues.id, "Which colour?", "We agree", continued_from=first.id)
    store.sort_finding(first.id, "agreed", "Every tube")
    store.save_state(reds.id, "prediction", {"category": "orange", "goal": "at_least", "amount": 4, "samples": 3})
    store.save_state(blues.id, "prediction", {"category": "red", "goal": "fair_share", "amount": 10, "samples": 2})
    predicted = board.check()
    assert [p.group for p in predicted["predictions"]] == ["Reds", "Blues"] and predicted["continued_by"]
    store.save_state(blues.id, "prediction", {"category": "red", "goal": "at_least", "amount": 9, "samples": 5})
    board.check()

    blue_page.clear()  # back to one empty tube
    blue_page.add("red")
    store.end_session(code)
    board.check()
    assert board.reader.full_reads == 1  # every refresh after the first read only what was new


def test_simulations_run_again_only_for_a_changed_prediction_or_changed_class_data(store):
    code = store.start_session("smarties", categories=SMARTIES).code
    reds, blues, practice = (store.join(code, name) for name in ("Reds", "Blues", "Practice"))
    for group in (reds, blues):
        store.record_many(group.id, [TallyChange(0, "orange", "set", 4), TallyChange(0, "red", "set", 6)])
    store.set_practice(practice.id, True)
    store.save_state(reds.id, "prediction", {"category": "orange", "goal": "at_least", "amount": 8, "samples": 2})
    store.save_state(blues.id, "prediction", {"category": "red", "goal": "fair_share", "amount": 10, "samples": 1})
    reader = ClassReader(store, SMARTIES, **WORDS)
    reader.read(code)

    def simulations():
        return {key[:3]: result for key, result in reader._simulations.items()}

    before = simulations()
    assert len(before) == 2
    store.save_state(blues.id, "prediction", {"category": "red", "goal": "at_least", "amount": 9, "samples": 1})
    store.post_finding(reds.id, "q", "Orange is common")
    store.record(practice.id, TallyChange(0, "blue", "set", 50))  # practice data is not the class's data
    reader.read(code)
    after = simulations()
    assert after[("orange", "at_least", 8)] is before[("orange", "at_least", 8)]  # Reds' simulation kept
    run_again = [goal for goal in after if after[goal] is not before.get(goal)]
    assert run_again == [("red", "at_least", 9)]  # Blues' new goal only
    store.record(reds.id, TallyChange(0, "orange", "add"))  # the class's data changed: every simulation is out of date
    reader.read(code)
    assert not set(map(id, simulations().values())) & set(map(id, after.values()))


def test_a_store_put_back_from_an_older_copy_is_read_again_in_full(sqlite_url, tmp_path):
    store = ClassStore(sqlite_url)
    code = store.start_session("smarties", categories=SMARTIES).code
    reds = store.join(code, "Reds")
    store.record(reds.id, TallyChange(0, "orange", "set", 3))
    copy = store.backup(tmp_path / "copy.sqlite")
    store.record_many(reds.id, [TallyChange(0, "red", "set", 9), TallyChange(0, "orange", "add")])
    board = Board(store, code)
    assert board.check()["books"]["Reds"][0][0][:2] == [9, 4]
    store.dispose()  # the teacher puts yesterday's copy back
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    for extra in ("-wal", "-shm"):
        database.with_name(database.name + extra).unlink(missing_ok=True)
    shutil.copyfile(copy, database)
    assert board.check()["books"]["Reds"][0][0][:2] == [0, 3]
    assert board.reader.full_reads == 2
    store.dispose()


def test_refreshes_while_groups_are_counting_end_with_the_full_snapshot(store):
    """Changes saved by several pages while the board refreshes over and over: none is missed or replayed twice."""
    code = store.start_session("smarties", categories=SMARTIES).code
    groups = [store.join(code, name) for name in ("Reds", "Blues", "Greens")]
    board = Board(store, code)
    errors = []

    def count(group, colour):
        try:
            for i in range(40):  # four tubes of nine
                tube = i // 10
                store.record(group.id, TallyChange(tube, colour, "add") if i % 10 else TallyChange(tube, "", "new_sample"))
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)

    pages = [threading.Thread(target=count, args=(g, colour)) for g, colour in zip(groups, ("red", "blue", "green"))]
    for page in pages:
        page.start()
    refreshes = 0
    while any(page.is_alive() for page in pages):
        board.reader.read(code)
        refreshes += 1
    for page in pages:
        page.join()
    assert not errors
    final = board.check()
    assert final["books"]["Reds"][0] == [[9, 0, 0, 0, 0, 0, 0, 0]] * 4 and refreshes > 1
    assert board.reader.full_reads == 1
