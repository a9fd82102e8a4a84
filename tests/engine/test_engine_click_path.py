"""A click does no SQL: the page shows it at once and the link's saver saves it just after, in order, never lost.

Real SQLite class stores throughout (PostgreSQL runs the same saver in tests/store/test_store_tallies.py).
"""
import sqlite3
import threading

import pytest

from tests.conftest import smarties_book
from classlab import SMARTIES, CountError, TallyChange
from classlab.store import ClassStore
from classlab.sync import ENDED, NOT_SAVED, GroupLink


class WatchedStore(ClassStore):
    """A real class store that notes which thread saved and which changes a page asked for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.saved_on: list[str] = []
        self.asked_after: list[int] = []
        self.whole_books = 0

    def record_many(self, group_id, changes):
        self.saved_on.append(threading.current_thread().name)
        return super().record_many(group_id, changes)

    def changes(self, group_id, after=0):
        self.asked_after.append(after)
        return super().changes(group_id, after=after)

    def tally_book(self, group_id, categories, **kwargs):
        self.whole_books += 1
        return super().tally_book(group_id, categories, **kwargs)


@pytest.fixture
def path(tmp_path):
    return tmp_path / "class.sqlite"


@pytest.fixture
def store(path):
    s = WatchedStore(f"sqlite:///{path}", busy_timeout=0.2)
    yield s
    s.dispose()


@pytest.fixture
def code(store):
    return store.start_session("smarties").code


def device(store, code, name="Orange Team", ui=None):
    book = smarties_book()
    link = GroupLink.join(store, code, name, book)
    link.save_in_background(ui=ui, retry=0.05)
    return book, link


def until(condition, timeout=30.0):
    """Wait for a condition the saver thread brings about (no fixed sleeps)."""
    done = threading.Event()
    while not condition():
        if done.wait(0.01) or timeout <= 0:
            break
        timeout -= 0.01
    return condition()


def made(book):
    """Every change a page makes, in the order the pupil made it."""
    seen = []
    book.on_change(seen.append)
    return seen


def test_clicks_are_saved_by_the_saver_thread_in_the_order_they_were_made(store, code):
    book, link = device(store, code)
    order = made(book)
    book.add("orange"); book.add("orange"); book.set("red", "5"); book.take("orange")
    book.new_sample(); book.add("blue"); book.set("blue", "7")
    assert book.count("orange", 0) == 1 and book.count("blue", 1) == 7  # shown at once
    assert link.flush() and link.status == "saved" and link.waiting == 0
    assert store.saved_on and set(store.saved_on) == {"classlab-saver"}  # no SQL on the clicking thread
    assert [c for _, c in store.changes(link.group.id)] == order
    assert (store.tally_book(link.group.id, SMARTIES).matrix() == book.matrix()).all()


def test_a_click_while_the_store_is_locked_shows_at_once_then_is_saved(store, code, path):
    book, link = device(store, code)
    book.add("green")
    assert link.flush()
    blocker = sqlite3.connect(path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")  # another program holds the store: the first save fails
    book.add("green"); book.add("yellow")
    assert book.count("green") == 2 and book.count("yellow") == 1  # the page shows them, saved or not
    assert until(lambda: link.status == "failed")
    assert link.problem == NOT_SAVED and link.waiting == 2
    book.add("green")  # still counting while it can't save: kept behind the others
    blocker.rollback(); blocker.close()
    assert until(lambda: link.status == "saved")  # retried by the saver, without a heartbeat
    assert link.flush() and link.waiting == 0 and link.problem == ""
    kept = [c for _, c in store.changes(link.group.id)]
    assert kept == [TallyChange(0, "green", "add"), TallyChange(0, "green", "add"),
                    TallyChange(0, "yellow", "add"), TallyChange(0, "green", "add")]


def test_a_class_ended_between_click_and_save_keeps_the_count_and_tells_the_pupil(store, code):
    """Decided: the count stays on the page (and in the group's file), counted as not reaching the teacher."""
    book, link = device(store, code)
    book.add("red")
    assert link.flush()
    store.end_session(code)  # the teacher ends the class; this page has not heard yet
    book.add("red")
    assert book.count("red") == 2  # the click showed at once
    assert until(lambda: link.ended)
    assert link.unsaved == 1 and link.problem == ENDED and book.closed == ENDED
    assert "ended this class" in ENDED and "Well done" in ENDED
    assert book.count("red") == 2  # not rolled back: it is in the pupil's file
    with pytest.raises(CountError):
        book.add("red")  # nothing more can be changed
    assert store.tally_book(link.group.id, SMARTIES).count("red") == 1


def test_views_hear_from_the_saver_only_on_the_kernel_s_thread(store, code, path):
    """What the saver changes that a view shows goes through `ui` (the kernel's IOLoop on a lab page)."""
    queued = []
    book, link = device(store, code, ui=queued.append)
    heard = []
    link.observe(lambda ch: heard.append((ch["name"], ch["new"], threading.current_thread().name)),
                 names=["status", "problem"])
    blocker = sqlite3.connect(path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    book.add("pink")
    assert until(lambda: queued)
    assert link.status == "saved" and not heard  # nothing touched until the kernel's loop runs it
    while queued:
        queued.pop(0)()  # the kernel's loop, here the test's own thread
    assert ("status", "failed", threading.current_thread().name) in heard
    blocker.rollback(); blocker.close()
    assert link.flush()
    while queued:
        queued.pop(0)()
    assert link.status == "saved" and {t for _, _, t in heard} == {threading.current_thread().name}


def test_two_devices_with_savers_add_up(store, code):
    a, link_a = device(store, code)
    b, link_b = device(store, code)
    for _ in range(15):
        a.add("orange")
        b.add("orange")
    assert link_a.flush() and link_b.flush()
    link_a.pull(); link_b.pull()
    assert a.count("orange") == b.count("orange") == 30
    assert store.tally_book(link_a.group.id, SMARTIES).count("orange") == 30


def test_a_page_pulls_only_the_changes_it_has_not_seen(store, code):
    a, link_a = device(store, code)
    b, link_b = device(store, code)
    a.set("red", "4"); a.add("blue")
    assert link_a.flush()
    assert link_b.pull() and b.count("red") == 4 and b.count("blue") == 1
    seen = link_b._last_seen
    whole = store.whole_books
    store.asked_after.clear()
    a.clear(); a.add("brown"); a.new_sample(); a.set("violet", "3")  # changes that only add up in order
    assert link_a.flush()
    b.add("brown")  # b's own, made before b has heard of a's
    assert link_b.flush()
    assert link_b.pull()
    assert store.asked_after == [seen]  # only what came after the last change it saw
    assert store.whole_books == whole  # never the whole history
    assert (b.matrix() == store.tally_book(link_b.group.id, SMARTIES).matrix()).all()
    assert b.count("brown", 0) == 2 and b.count("violet", 1) == 3
    assert not link_b.pull()  # nothing new: nothing redrawn


def test_another_device_s_changes_are_drawn_on_the_kernel_s_thread_and_keep_a_click_made_meanwhile(store, code, path):
    """The heartbeat only reads; the page's counts are rebuilt where clicks happen, with every click on top."""
    kernel = []  # what the kernel's IOLoop would run next, in order
    book, link = device(store, code, ui=kernel.append)
    other, other_link = device(store, code)
    other.add("red"); other.add("red")
    assert other_link.flush() and other_link.status == "saved"
    beat = threading.Thread(target=link.pull, name="classlab-heartbeat")
    beat.start(); beat.join()
    assert book.count("red") == 0  # read on the heartbeat, not drawn there
    book.add("blue")  # a click after the read, before the redraw: saved by the saver meanwhile ...
    assert link.flush() and link.waiting == 0
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # ... and one that cannot be saved yet when the redraw runs
    try:
        book.add("blue")
        assert until(lambda: link.status == "failed" or kernel and link.waiting == 1)
        while kernel:
            kernel.pop(0)()
        assert (book.count("red"), book.count("blue")) == (2, 2)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert link.flush() and store.tally_book(link.group.id, SMARTIES).count("blue") == 2
