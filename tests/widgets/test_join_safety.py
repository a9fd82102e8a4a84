"""A page belongs to one group: forged Join messages, names already taken, and invisible characters."""
import pytest

from tests.conftest import joined_page, pupil_page, smarties_book
from classlab import SMARTIES


def forge(widget, **state):
    """What a browser's comm message does to a widget: an update of its state, untrusted."""
    widget._handle_msg({"content": {"data": {"method": "update", "state": state, "buffer_paths": []}}, "buffers": []})


def forge_click(button):
    button._handle_msg({"content": {"data": {"method": "custom", "content": {"event": "click"}}}, "buffers": []})


def test_a_forged_second_join_attaches_no_second_group(store):
    code = store.start_session("smarties").code
    blues_page = joined_page(store, code, "Blues").join
    page = pupil_page(store)
    book, join = page.book, page.join
    forge(join.code, value=code)
    forge(join.name, value="Reds")
    forge_click(join.join_button)
    assert join.link is not None and join.link.group.name == "Reds"
    forge(join.name, value="Blues")  # the hidden form, set by a forged message, and Join pressed again
    forge_click(join.join_button)
    forge_click(join.yes)  # and "Yes, we are the Blues" forged as well
    assert join.link.group.name == "Reds" and join.name.value == "Reds"
    assert "already belongs to the group Reds" in join.message.value
    book.add("red"); book.add("red"); book.set("blue", "5")
    reds, blues = store.find_group(code, "Reds"), store.find_group(code, "Blues")
    assert store.tally_book(reds.id, SMARTIES).pooled()["red"] == 2
    assert store.tally_book(reds.id, SMARTIES).pooled()["blue"] == 5
    assert store.changes(blues.id) == []  # the Blues' data was never touched
    join.close(); blues_page.close()


def test_the_engine_refuses_a_second_link_on_one_book(store):
    from classlab.sync import AlreadyJoined, GroupLink

    code = store.start_session("smarties").code
    book = smarties_book()
    GroupLink.join(store, code, "Reds", book)
    with pytest.raises(AlreadyJoined):
        GroupLink.join(store, code, "Blues", book)
    book.add("red")
    assert store.find_group(code, "Blues") is None  # refused before anything was joined
    assert [g.name for g in store.groups(code)] == ["Reds"]
    assert store.tally_book(store.find_group(code, "Reds").id, SMARTIES).count("red") == 1


def test_a_name_already_taken_is_asked_about_first(store):
    code = store.start_session("smarties").code
    reds = joined_page(store, code, "Reds")
    reds.book.set("red", "3")
    page = pupil_page(store)
    book, join = page.book, page.join
    join.code.value, join.name.value = code, "reds"
    assert join.join() is False and join.link is None
    assert join.ask.layout.display is None
    assert "Are you the Reds on another computer?" in join.question.value
    join.no.click()
    assert join.link is None and join.ask.layout.display == "none" and join.name.value == ""
    assert "choose another name" in join.message.value
    join.name.value = "  REDS "
    join.join()
    join.name.value = "Blues"  # typed after being asked: "Yes" still means the group it asked about
    join.yes.click()
    assert join.link is not None and join.link.group.name == "Reds" and book.count("red") == 3
    assert "Everything you do is saved" in join.status.value
    reds.join.close(); join.close()


def test_a_refresh_rejoins_from_the_address_without_asking(store):
    code = store.start_session("smarties").code
    first = joined_page(store, code, "Greens").join
    first.book.add("green")
    page = pupil_page(store, query=first.address.query)
    book, again = page.book, page.join
    assert again.link is not None and again.link.group.id == first.link.group.id and book.count("green") == 1
    assert again.ask.layout.display == "none"
    first.close(); again.close()


def test_a_new_name_joins_at_once(store):
    code = store.start_session("smarties").code
    join = pupil_page(store).join
    join.code.value, join.name.value = code, "Oranges"
    assert join.join() is True and join.ask.layout.display == "none"
    join.close()


@pytest.mark.parametrize("forged, shown", [
    ("\u202eTeam Reversed\u202c", "Team Reversed"),
    ("Re\u200bds", "Reds"),
    ("\ufeffReds\u2066", "Reds"),
    ("Re\u200dds", "Reds"),
    ("\u200f\u061cBlues\u2069", "Blues"),
])
def test_invisible_characters_are_taken_out_of_names(store, forged, shown):
    code = store.start_session("smarties").code
    real = store.join(code, "Reds")
    group = store.join(code, forged)
    assert group.name == shown
    if shown == "Reds":
        assert group.id == real.id and store.find_group(code, forged).id == real.id
