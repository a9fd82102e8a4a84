"""Every change to a tally is passed on as a TallyChange, so a class store can keep it; replaying them rebuilds the book."""
import pandas as pd

from tests.conftest import smarties_book
from classlab import SMARTIES, TallyBook, TallyChange


def recorded(book):
    seen = []
    book.on_change(seen.append)
    return seen


def replay(changes):
    book = smarties_book()
    for change in changes:
        book.apply(change, quiet=True)
    return book


def test_changes_are_passed_on_and_replay_to_the_same_counts():
    book = smarties_book()
    seen = recorded(book)
    book.add("orange"); book.add("orange"); book.take("orange"); book.set("red", "7")
    book.new_sample(); book.add("blue")
    assert [c.op for c in seen] == ["add", "add", "take", "set", "new_sample", "add"]
    assert seen[3] == TallyChange(0, "red", "set", 7)
    assert (replay(seen).matrix() == book.matrix()).all()


def test_a_refused_change_is_not_passed_on():
    book = smarties_book()
    seen = recorded(book)
    for bad in ["-1", "lots", "2.5"]:
        try:
            book.set("red", bad)
        except ValueError:
            pass
    try:
        book.take("red")
    except ValueError:
        pass
    assert seen == []


def test_quiet_changes_are_not_passed_on():
    book = smarties_book()
    seen = recorded(book)
    book.apply(TallyChange(0, "red", "add"), quiet=True)
    book.replace_counts([[1] * 8, [2] * 8])
    assert seen == [] and book.n_samples == 2 and book.count("red", 1) == 2


def test_loading_a_table_is_passed_on_as_changes_that_rebuild_it():
    book = smarties_book()
    book.add("pink")
    seen = recorded(book)
    frame = pd.DataFrame({"tube": [1, 1, 3], "colour": ["red", "blue", "green"], "count": [4, 0, 9]})
    book.load_frame(frame)
    assert seen[0].op == "clear"
    assert (replay(seen).matrix() == book.matrix()).all() and book.n_samples == 3


def test_clear_goes_back_to_one_empty_tube_and_is_passed_on():
    book = smarties_book()
    book.new_sample(); book.add("red")
    seen = recorded(book)
    book.clear()
    assert book.n_samples == 1 and book.total() == 0 and [c.op for c in seen] == ["clear"]


def test_replaying_saved_changes_skips_what_no_longer_fits_by_the_books_rules():
    from classlab.tally import replay

    index = {name: i for i, name in enumerate(SMARTIES.names)}
    changes = [(0, "red", "take", 1), (0, "red", "set", 1000), (0, "red", "add", 1), (2, "blue", "add", 1),
               (1, "pink", "set", 5000), (1, "purple", "add", 1), (0, "", "clear", 1), (1, "green", "set", 3)]
    counts = replay(changes, index)
    assert len(counts) == 2 and counts[1][index["green"]] == 3 and sum(map(sum, counts)) == 3


def test_the_book_refuses_what_a_replay_skips():
    book = smarties_book(limit=2)
    book.set("red", 2)
    for refused in (lambda: book.add("red"), lambda: book.take("blue")):
        try:
            refused()
        except ValueError as problem:
            assert "red" in str(problem) or "2" in str(problem) or "blue" in str(problem)
        else:
            raise AssertionError("the book took a change its rules refuse")
    assert book.count("red") == 2 and book.count("blue") == 0
