"""Where the counting starts, without a browser: asking before replacing, Undo, and practice data."""
from dataclasses import dataclass

import pytest

from tests.conftest import joined_page, pupil_page, smarties_book
from classlab import SMARTIES
from classlab.board import pool
from widgets import TallyEntry
from widgets.data_start import DataStart


@dataclass
class CountingPage:
    """A joined group's page, the parts these tests press: where counting starts and the tally."""

    book: object
    join: object
    start: DataStart
    entry: TallyEntry


def counting_page(store, code, group="Reds") -> CountingPage:
    page = joined_page(store, code, group)
    return CountingPage(page.book, page.join, DataStart(page.book, "smarties_29_tubes"), TallyEntry(page.book))


def test_loading_over_a_groups_counts_asks_first_and_no_changes_nothing(store):
    code = store.start_session("smarties").code
    page = counting_page(store, code)
    book, join, start = page.book, page.join, page.start
    book.add("red"); book.add("red"); book.add("blue")
    start.load.click()
    assert start.ask.layout.display is None
    assert "This will replace your 3 sweets in 1 tube with 29 tubes of made-up practice data" in start.question.value
    assert book.n_samples == 1 and book.total() == 3
    start.no.click()
    assert start.ask.layout.display == "none" and "Nothing changed" in start.message.value
    assert store.tally_book(join.link.group.id, SMARTIES).total() == 3
    start.empty.click()
    assert "This will replace your 3 sweets in 1 tube with one empty tube" in start.question.value
    start.no.click()
    assert book.total() == 3
    join.close()


def test_practice_data_is_marked_kept_out_of_the_class_and_can_be_undone(store):
    code = store.start_session("smarties").code
    page = counting_page(store, code)
    book, join, start, entry = page.book, page.join, page.start, page.entry
    book.add("red"); book.new_sample(); book.add("red"); book.add("blue")
    start.load.click(); start.yes.click()
    group = join.link.group.id
    assert book.n_samples == 29 and book.practice is True
    assert store.group(group).practice is True and store.tally_book(group, SMARTIES).n_samples == 29
    assert "Practice data" in entry.practice.value and "practice data" in join.status.value
    assert "practice data" in start.about.value
    assert sum(pool(store.class_counts(code), SMARTIES).book.pooled().values()) == 0  # never in the class's data
    assert start.undo_button.description == "Undo: put our 3 sweets in 2 tubes back"
    start.undo_button.click()
    assert book.n_samples == 2 and book.count("blue", 1) == 1 and book.practice is False
    saved = store.tally_book(group, SMARTIES)
    assert (saved.matrix() == book.matrix()).all() and store.group(group).practice is False
    assert entry.practice.value == "" and start.undo_button.layout.display == "none"
    assert "Your counts are back: 3 sweets in 2 tubes" in start.message.value
    assert sum(pool(store.class_counts(code), SMARTIES).book.pooled().values()) == 3
    join.close()


def test_our_own_empty_tubes_take_the_practice_mark_away(store):
    code = store.start_session("smarties").code
    page = counting_page(store, code)
    book, join, start = page.book, page.join, page.start
    start.load.click()  # nothing counted yet: no question
    assert start.ask.layout.display == "none" and book.practice and start.undo_button.layout.display == "none"
    book.add("orange")  # counting into practice data keeps it practice
    assert store.group(join.link.group.id).practice is True
    start.empty.click()
    assert "sweets in 29 tubes with one empty tube" in start.question.value
    start.yes.click()
    assert book.n_samples == 1 and book.total() == 0 and book.practice is False
    assert store.group(join.link.group.id).practice is False and store.tally_book(join.link.group.id, SMARTIES).total() == 0
    assert start.undo_button.layout.display is None  # the practice data can come back too
    start.undo_button.click()
    assert book.n_samples == 29 and book.practice is True and store.group(join.link.group.id).practice is True
    join.close()


def test_undo_goes_once_the_group_changes_something_else(store):
    code = store.start_session("smarties").code
    page = counting_page(store, code)
    book, join, start = page.book, page.join, page.start
    book.add("red")
    start.empty.click(); start.yes.click()
    assert start.undo_button.layout.display is None
    book.add("green")
    assert start.undo_button.layout.display == "none"
    start.undo()  # a forged click: nothing to undo
    assert book.total() == 1 and book.count("green") == 1
    join.close()


def test_without_a_class_it_asks_and_undoes_too():
    book = smarties_book()
    start = DataStart(book, "smarties_29_tubes")
    book.set("pink", "12")
    start.load_dataset()
    assert "your 12 sweets in 1 tube" in start.question.value
    start.yes.click()
    assert book.practice and book.n_samples == 29
    start.undo()
    assert book.count("pink") == 12 and not book.practice


def test_the_chart_s_one_tube_follows_the_tube_being_counted_on_every_device(store):
    code = store.start_session("smarties").code
    page = counting_page(store, code)
    book, join, entry = page.book, page.join, page.entry
    chart = join.chart
    chart.sample = 0
    entry.new.click()
    assert book.current == 1 and chart.sample == 1
    again_page = counting_page(store, code)  # a refresh, or the group's other device
    book2, join2, entry2 = again_page.book, again_page.join, again_page.entry
    assert book2.current == 1 and join2.chart.sample == 1
    entry.new.click()
    join2.link.tick()  # the other device's heartbeat
    assert book2.current == 2 and join2.chart.sample == 2 and "Tube 3</b> of 3" in entry2.where.value
    join.close(); join2.close()


def test_an_ended_class_says_so_stops_changes_and_offers_the_data(store):
    code = store.start_session("smarties").code
    page = counting_page(store, code)
    book, join, start, entry = page.book, page.join, page.start, page.entry
    book.add("red"); book.add("red")
    store.end_session(code)  # the teacher presses End this class
    join.link.tick()
    assert "Your teacher has ended this class" in join.status.value and "Not saved yet" not in join.status.value
    assert join.download.layout.display is None and join.heartbeat._stop.is_set()  # no more beats
    assert all(row.disabled for row in entry.rows.values()) and entry.new.disabled
    assert start.load.disabled and start.empty.disabled
    entry.rows["red"]._handle_custom_msg({"op": "add"}, [])  # a tap that got through anyway
    assert book.count("red") == 2 and "ended" in entry.rows["red"].message
    sent = []
    join.downloader.send_file = lambda name, data, mime="": sent.append((name, data, mime))
    join.download.click()
    ((name, data, mime),) = sent
    assert name == "Reds.csv" and mime == "text/csv"
    assert data.decode("utf-8-sig").splitlines()[1] == "1,red,2"
    assert "in your downloads" in join.message.value
    join.close()


def test_a_page_refreshed_after_the_class_ended_still_shows_and_offers_the_group_s_data(store):
    code = store.start_session("smarties").code
    page = counting_page(store, code, "Pinks")
    book, join = page.book, page.join
    book.set("pink", "6"); book.new_sample(); book.add("pink")
    store.end_session(code)
    again_page = counting_page(store, code, "Pinks")  # the refresh
    again, join2, start2, entry2 = again_page.book, again_page.join, again_page.start, again_page.entry
    assert join2.link is not None and join2.link.ended
    assert again.n_samples == 2 and again.count("pink", 0) == 6 and again.current == 1
    assert "Your teacher has ended this class" in join2.status.value and join2.download.layout.display is None
    assert entry2.new.disabled and start2.load.disabled
    before = len(store.changes(join2.link.group.id))
    with pytest.raises(Exception):
        again.add("pink")
    assert len(store.changes(join2.link.group.id)) == before
    late = pupil_page(store, query=f"class={code}&group=Latecomers").join  # a new group can't join an ended class
    assert late.link is None and "ended" in late.message.value
    join.close(); join2.close(); late.close()


def test_importing_the_group_s_own_file_takes_the_practice_mark_away(store):
    from widgets import DataInOut

    code = store.start_session("smarties").code
    page = counting_page(store, code)
    book, join, start, entry = page.book, page.join, page.start, page.entry
    start.load_dataset()
    assert store.group(join.link.group.id).practice is True
    DataInOut(book).import_file("ours.csv", b"tube,colour,count\n1,red,5\n1,blue,2\n")
    assert book.practice is False and book.n_samples == 1 and book.count("red") == 5
    assert store.group(join.link.group.id).practice is False and entry.practice.value == ""
    assert sum(pool(store.class_counts(code), SMARTIES).book.pooled().values()) == 7
    join.close()
