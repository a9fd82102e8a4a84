"""A group's work kept in step with a real class store (an SQLite file): saved at once, merged, never lost."""
import sqlite3

import pytest

from classlab import SMARTIES, ChartSpec, TallyBook
from classlab.store import ClassStore
from classlab.sync import GroupLink, join_details, keep, restore


@pytest.fixture
def store(tmp_path):
    s = ClassStore(f"sqlite:///{tmp_path / 'class.sqlite'}")
    yield s
    s.dispose()


@pytest.fixture
def code(store):
    return store.start_session("smarties").code


def device(store, code, name="Orange Team"):
    book = TallyBook(SMARTIES)
    return book, GroupLink.join(store, code, name, book)


def test_every_change_is_saved_at_once(store, code):
    book, link = device(store, code)
    book.add("orange"); book.add("orange"); book.set("red", "5"); book.new_tube(); book.add("blue")
    assert link.status == "saved" and link.waiting == 0
    again = store.tally_book(link.group.id, SMARTIES)
    assert (again.matrix() == book.matrix()).all()


def test_a_refreshed_page_gets_everything_back(store, code):
    book, _ = device(store, code)
    book.set("violet", "9"); book.new_tube(); book.add("pink")
    fresh, link = device(store, code)  # a reload is a new kernel: a new book, the same group
    assert (fresh.matrix() == book.matrix()).all()
    assert link.group.name == "Orange Team"


def test_two_devices_of_one_group_lose_nothing(store, code):
    a, link_a = device(store, code)
    b, link_b = device(store, code)
    for _ in range(5):
        a.add("orange")
        b.add("orange")
    link_a.pull(); link_b.pull()
    assert a.count("orange") == b.count("orange") == 10


def test_other_groups_are_untouched(store, code):
    a, _ = device(store, code, "Reds")
    b, _ = device(store, code, "Blues")
    a.add("red")
    assert store.tally_book(_.group.id, SMARTIES).total() == 0 and b.total() == 0


def test_a_change_that_could_not_be_saved_is_kept_and_saved_later(tmp_path):
    path = tmp_path / "class.sqlite"
    store = ClassStore(f"sqlite:///{path}", busy_timeout=0.2)
    code = store.start_session("smarties").code
    book, link = device(store, code)
    book.add("green")
    blocker = sqlite3.connect(path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holds the store: saving must fail for now
    book.add("green")
    assert link.status == "failed" and link.waiting == 1 and "keep trying" in link.problem
    assert book.count("green") == 2  # the pupil's change is still on the page
    blocker.rollback(); blocker.close()
    link.tick()
    assert link.status == "saved" and link.waiting == 0
    assert store.tally_book(link.group.id, SMARTIES).count("green") == 2
    store.dispose()


def test_chart_choices_are_remembered(store, code):
    book, link = device(store, code)
    spec = ChartSpec()
    keep(link, "chart", spec, ["title", "kind"])
    spec.title = "Colours in tube 1"; spec.kind = "pie"
    saved = store.state(link.group.id)["chart"]
    other = ChartSpec()
    restore(other, saved, ["title", "kind"])
    assert (other.title, other.kind) == ("Colours in tube 1", "pie")


def test_restore_ignores_what_no_longer_fits():
    spec = ChartSpec()
    restore(spec, {"kind": "radar", "title": "Ok title here"}, ["kind", "title"])
    assert spec.kind == "bar" and spec.title == "Ok title here"


@pytest.mark.parametrize("query, expected", [
    ("class=K7PQ2M&group=Red+Team", ("K7PQ2M", "Red Team")),
    ("group=%3Cscript%3E&class=abc", ("abc", "<script>")),
    ("", ("", "")),
    ("class=ABC", ("ABC", "")),
])
def test_join_details_from_the_address(query, expected):
    assert join_details(query) == expected


def test_a_refused_change_cannot_hold_back_the_others(store, code):
    from classlab import TallyChange

    book, link = device(store, code)
    link._changed(TallyChange(-5, "red", "add"))  # only a forged page could send this
    book.add("yellow")
    assert link.status == "saved" and link.waiting == 0
    assert store.tally_book(link.group.id, SMARTIES).count("yellow") == 1


def test_a_big_import_is_saved_in_one_go(store, code):
    import pandas as pd

    book, link = device(store, code)
    frame = pd.DataFrame([(t, c, 3) for t in range(1, 201) for c in SMARTIES.names], columns=["tube", "colour", "count"])
    saves = []
    real = store.record_many
    store.record_many = lambda gid, changes: saves.append(len(changes)) or real(gid, changes)  # count, don't fake
    book.load_frame(frame)
    assert saves == [1 + 199 + 200 * 8]  # one transaction for the whole table
    assert link.waiting == 0 and len(store.changes(link.group.id)) == 1 + 199 + 200 * 8
    assert (store.tally_book(link.group.id, SMARTIES).matrix() == book.matrix()).all()
