"""A group's work kept in step with a real class store (an SQLite file): saved at once, merged, never lost."""
import sqlite3

import pytest

from tests.conftest import smarties_book
from classlab import SMARTIES, ChartSpec, CountError
from classlab.store import ClassStore
from classlab.sync import GroupLink, bring_back, join_details, keep, kernel_store, restore, saved_answers


@pytest.fixture
def code(store):
    return store.start_session("smarties").code


def device(store, code, name="Orange Team"):
    book = smarties_book()
    return book, GroupLink.join(store, code, name, book)


def test_every_change_is_saved_at_once(store, code):
    book, link = device(store, code)
    book.add("orange"); book.add("orange"); book.set("red", "5"); book.new_sample(); book.add("blue")
    assert link.status == "saved" and link.waiting == 0
    again = store.tally_book(link.group.id, SMARTIES)
    assert (again.matrix() == book.matrix()).all()


def test_a_refreshed_page_gets_everything_back(store, code):
    book, _ = device(store, code)
    book.set("violet", "9"); book.new_sample(); book.add("pink")
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


# --- where the group is, practice data, and the end of the class --------------------------------
def test_a_refreshed_page_opens_on_the_tube_being_counted(store, code):
    book, _ = device(store, code)
    book.add("red"); book.new_sample(); book.new_sample(); book.add("blue")
    assert book.current == 2
    fresh, _ = device(store, code)  # a reload
    assert fresh.current == 2
    fresh.add("blue"); fresh.add("blue")
    assert store.tally_book(fresh._classlab_link.group.id, SMARTIES).count("blue", 2) == 3
    assert store.tally_book(fresh._classlab_link.group.id, SMARTIES).count("blue", 0) == 0


def test_another_device_follows_new_tube_and_moves(store, code):
    one, link_one = device(store, code)
    two, link_two = device(store, code)
    one.add("red")
    one.new_sample()
    assert two.current == 0
    link_two.tick()  # the heartbeat
    assert two.n_samples == 2 and two.current == 1
    two.previous_sample()  # either device moving moves the group
    link_one.tick()
    assert one.current == 0
    link_one.tick(); link_two.tick()  # and nothing bounces back
    assert one.current == 0 and two.current == 0


def test_practice_data_is_marked_in_the_store_and_followed(store, code):
    one, link_one = device(store, code)
    two, link_two = device(store, code)
    one.practice = True
    assert store.group(link_one.group.id).practice is True
    link_two.tick()
    assert two.practice is True
    assert store.group(link_one.group.id).practice is True  # following is not saving back
    two.practice = False
    link_one.tick()
    assert one.practice is False and store.group(link_two.group.id).practice is False


def test_an_ended_class_closes_the_page_kindly_and_stops_trying(store, code):
    book, link = device(store, code)
    book.add("red")
    store.end_session(code)
    link.tick()
    assert link.ended and "ended this class" in book.closed
    with pytest.raises(CountError) as said:
        book.add("red")
    assert "ended" in str(said.value)
    assert book.count("red") == 1 and link.status != "failed"
    link.tick()  # nothing more happens, and no "keep trying"
    assert link.problem != "Not saved yet: we'll keep trying. Please keep this page open."


def test_a_change_refused_because_the_class_ended_is_kept_on_the_page(store, code):
    book, link = device(store, code)
    store.end_session(code)  # ended between two heartbeats: the page does not know yet
    book.add("orange")
    assert link.ended and link.unsaved == 1 and book.count("orange") == 1
    assert store.tally_book(link.group.id, SMARTIES).count("orange") == 0


def test_a_groups_saved_work_comes_back_on_a_new_page(store, code):
    from classlab import Findings, Prediction

    book, link = device(store, code)
    chart, prediction = ChartSpec(), Prediction()
    findings = Findings(questions=["Which colour is most common?"])
    bring_back(link, chart, prediction, findings)
    chart.title, prediction.samples = "Our sweets", 6
    findings.write("Which colour is most common?", "Orange, just")
    fresh, again = device(store, code)
    chart2, prediction2, findings2 = ChartSpec(), Prediction(), Findings(questions=["Which colour is most common?"])
    bring_back(again, chart2, prediction2, findings2)
    assert (chart2.title, prediction2.samples) == ("Our sweets", 6)
    assert findings2.answer("Which colour is most common?") == "Orange, just"


def test_a_finding_for_a_question_this_lab_does_not_ask_is_not_brought_back(store, code):
    from classlab import Findings

    _, link = device(store, code)
    link.remember("findings", {"answers": {"Another lab's question": "Yes"}})
    findings = Findings(questions=["Which colour is most common?"])
    bring_back(link, findings=findings)
    assert findings.answers == {}


def test_looking_up_a_groups_answers_never_makes_a_group(store, code):
    assert saved_answers(code, "Nobody Yet", store) is None
    assert store.find_group(code, "Nobody Yet") is None


def test_a_rejoining_group_gets_the_answers_it_chose(store, code):
    _, link = device(store, code, "Surveyors")
    link.remember("answers", {"question": "Favourite fruit?", "names": ["apple", "pear"]})
    assert saved_answers(code, "Surveyors", store) == (["apple", "pear"], "Favourite fruit?")


def test_the_teachers_answers_come_first(store):
    from classlab.categories import Categories

    code = store.start_session("survey", categories=Categories([("tea", "#aa0000"), ("milk", "#0000aa")])).code
    assert saved_answers(code, "Anyone", store) == (["tea", "milk"], "")


def test_one_store_per_kernel_for_each_address(tmp_path, monkeypatch):
    monkeypatch.setenv("CLASSLAB_DATABASE_URL", f"sqlite:///{tmp_path / 'one.sqlite'}")
    first = kernel_store()
    assert kernel_store() is first
    monkeypatch.setenv("CLASSLAB_DATABASE_URL", f"sqlite:///{tmp_path / 'two.sqlite'}")
    other = kernel_store()
    assert other is not first and other.url.endswith("two.sqlite")
    first.dispose(); other.dispose()
