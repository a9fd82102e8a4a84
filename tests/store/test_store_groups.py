"""Groups: a name the pupils choose (never their own names), the same group on every device."""
import pytest

from classlab.store import ClassNotFound, ClassStore, RefusedInput
from store_helpers import HOSTILE_NAMES, assert_kind


def test_joining_again_with_the_same_name_is_the_same_group(store):
    code = store.start_session("smarties").code
    first = store.join(code, "Orange Team")
    assert store.join(code, "Orange Team") == first


def test_another_device_joining_with_the_same_name_gets_the_same_group(store, store_url):
    code = store.start_session("smarties").code
    first = store.join(code, "Orange Team")
    other_device = ClassStore(store_url)  # another kernel, its own connections
    try:
        assert other_device.join(code.lower(), "Orange Team").id == first.id
    finally:
        other_device.dispose()


def test_a_name_typed_in_another_case_or_spacing_is_the_same_group(store):
    code = store.start_session("smarties").code
    first = store.join(code, "The Reds")
    again = store.join(code, "  the   REDS ")
    assert again.id == first.id and again.name == "The Reds"  # kept as first typed


def test_different_names_are_different_groups(store):
    code = store.start_session("smarties").code
    reds, blues = store.join(code, "Reds"), store.join(code, "Blues")
    assert reds.id != blues.id
    assert [g.name for g in store.groups(code)] == ["Reds", "Blues"]


def test_the_same_name_in_another_class_is_another_group(store):
    a, b = store.start_session("smarties").code, store.start_session("smarties").code
    assert store.join(a, "Reds").id != store.join(b, "Reds").id
    assert store.join(b, "Reds").session_code == b


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_group_names_are_kept_as_typed_minus_invisible_controls(store, name):
    code = store.start_session("smarties").code
    group = store.join(code, name)
    kept = name.replace("\u202e", "").replace("\u202c", "")  # a right-to-left override could spoof a name
    assert group.name == kept  # emoji joiners (👩🏽‍🔬) and right-to-left scripts stay as typed
    assert [g.name for g in store.groups(code)] == [kept]
    assert store.join(code, name).id == group.id


def test_a_name_is_trimmed(store):
    code = store.start_session("smarties").code
    assert store.join(code, "   Reds \t").name == "Reds"


def test_a_name_of_forty_characters_is_fine_even_in_emoji(store):
    code = store.start_session("smarties").code
    assert store.join(code, "x" * 40).name == "x" * 40
    assert store.join(code, "🍫" * 40).name == "🍫" * 40


@pytest.mark.parametrize("name", ["x" * 41, "🍫" * 41, "<script>" * 625])
def test_a_too_long_name_is_refused_kindly_and_nothing_is_saved(store, name):
    code = store.start_session("smarties").code
    with pytest.raises(RefusedInput) as caught:
        store.join(code, name)
    assert "40" in str(caught.value)
    assert_kind(caught.value)
    assert store.groups(code) == []


@pytest.mark.parametrize("name", ["", "   ", "\u0000", None, 42, ["Reds"]])
def test_an_empty_name_is_refused_kindly(store, name):
    code = store.start_session("smarties").code
    with pytest.raises(RefusedInput) as caught:
        store.join(code, name)
    assert str(caught.value) == "Please type a name for your group."
    assert store.groups(code) == []


def test_a_name_on_two_lines_is_refused(store):
    code = store.start_session("smarties").code
    with pytest.raises(RefusedInput) as caught:
        store.join(code, "Reds\nBlues")
    assert_kind(caught.value)


def test_a_lone_surrogate_from_a_browser_does_not_break_saving(store):
    code = store.start_session("smarties").code
    assert store.join(code, "Reds \ud83c").name == "Reds \ufffd"


def test_joining_an_unknown_class_is_refused_kindly(store):
    with pytest.raises(ClassNotFound) as caught:
        store.join("ZZZ ZZZ", "Reds")
    assert_kind(caught.value)


def test_a_group_is_found_by_its_id(store):
    code = store.start_session("smarties").code
    group = store.join(code, "Reds")
    assert store.group(group.id) == group
