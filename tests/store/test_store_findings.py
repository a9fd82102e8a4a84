"""A group's other work (chart choices, predictions) and its findings, sorted by the class into agreed knowledge."""
import pytest

from classlab.store import FindingNotFound, GroupNotFound, NotYours, RefusedInput
from store_helpers import HOSTILE_TEXTS, assert_kind


# --- state -------------------------------------------------------------------------------------
def test_state_keeps_the_last_save_for_each_key(smarties_class):
    store, _, reds, _ = smarties_class
    store.save_state(reds.id, "chart", {"kind": "bar", "samples": [1, 2]})
    store.save_state(reds.id, "prediction", {"colour": "orange", "samples": 7})
    store.save_state(reds.id, "chart", {"kind": "pie"})
    assert store.state(reds.id) == {"chart": {"kind": "pie"}, "prediction": {"colour": "orange", "samples": 7}}


def test_state_belongs_to_one_group(smarties_class):
    store, _, reds, blues = smarties_class
    store.save_state(reds.id, "chart", {"kind": "pie"})
    assert store.state(blues.id) == {}


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_state_keeps_hostile_text_exactly(smarties_class, text):
    store, _, reds, _ = smarties_class
    store.save_state(reds.id, "chart", {"title": text, "nested": {"list": [text, 1, None, True, 2.5]}})
    assert store.state(reds.id)["chart"] == {"title": text, "nested": {"list": [text, 1, None, True, 2.5]}}


@pytest.mark.parametrize("value", [{"x": {1, 2}}, {"x": float("nan")}, ["a list"], "text", None, {"x": "y" * 70_000}])
def test_state_that_is_not_small_plain_data_is_refused(smarties_class, value):
    store, _, reds, _ = smarties_class
    store.save_state(reds.id, "chart", {"kind": "bar"})
    with pytest.raises(RefusedInput) as caught:
        store.save_state(reds.id, "chart", value)
    assert_kind(caught.value)
    assert store.state(reds.id) == {"chart": {"kind": "bar"}}


def test_state_for_an_unknown_group_is_refused(store):
    with pytest.raises(GroupNotFound):
        store.save_state(123456, "chart", {"kind": "bar"})


# --- findings --------------------------------------------------------------------------------------
def test_a_posted_finding_comes_back_with_its_group(smarties_class):
    store, session, reds, _ = smarties_class
    posted = store.post_finding(reds.id, "Does every tube have the same?", "  No: tube 3 has 12 red  ")
    assert posted.text == "No: tube 3 has 12 red"
    assert (posted.session_code, posted.group_id, posted.group_name) == (session.code, reds.id, "Reds")
    assert (posted.status, posted.evidence, posted.continued_from) == ("new", "", None)
    assert posted.posted_at.tzinfo is not None
    assert store.findings(session.code) == [posted] and store.finding(posted.id) == posted


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_hostile_findings_are_kept_exactly_as_typed(smarties_class, text):
    store, session, reds, _ = smarties_class
    posted = store.post_finding(reds.id, text[:500], text)
    (found,) = store.findings(session.code)
    assert found.text == text.strip() and found.question == text[:500].strip() and found == posted


def test_a_2000_character_finding_is_kept(smarties_class):
    store, session, reds, _ = smarties_class
    assert store.post_finding(reds.id, "Q1", "é" * 2000).text == "é" * 2000


@pytest.mark.parametrize("text", ["x" * 5000, "<script>alert(1)</script>" * 200, "🍫" * 2001])
def test_a_very_long_finding_is_refused_kindly_and_nothing_is_saved(smarties_class, text):
    store, session, reds, _ = smarties_class
    with pytest.raises(RefusedInput) as caught:
        store.post_finding(reds.id, "Q1", text)
    assert "2,000" in str(caught.value)
    assert_kind(caught.value)
    assert store.findings(session.code) == []


@pytest.mark.parametrize("text", ["", "   \n ", None, 7])
def test_an_empty_finding_is_refused_kindly(smarties_class, text):
    store, session, reds, _ = smarties_class
    with pytest.raises(RefusedInput) as caught:
        store.post_finding(reds.id, "Q1", text)
    assert str(caught.value) == "Please write what you found before sharing it."


def test_a_group_can_change_its_own_finding(smarties_class):
    store, session, reds, _ = smarties_class
    posted = store.post_finding(reds.id, "Q1", "orange is rare")
    changed = store.update_finding_text(posted.id, reds.id, "orange is the rarest in every tube")
    assert changed.text == "orange is the rarest in every tube" and changed.id == posted.id
    assert store.findings(session.code)[0].text == "orange is the rarest in every tube"


def test_only_the_group_that_posted_can_change_a_finding(smarties_class):
    store, session, reds, blues = smarties_class
    posted = store.post_finding(reds.id, "Q1", "orange is rare")
    for forged_group in (blues.id, 999_999, None, str(reds.id)):
        with pytest.raises(NotYours) as caught:
            store.update_finding_text(posted.id, forged_group, "Blues were here")
        assert_kind(caught.value)
    assert store.findings(session.code)[0].text == "orange is rare"


def test_a_changed_finding_goes_back_to_be_sorted_again(smarties_class):
    store, _, reds, _ = smarties_class
    posted = store.post_finding(reds.id, "Q1", "orange is rare")
    store.sort_finding(posted.id, "agreed", "the pooled chart shows 9 %")
    changed = store.update_finding_text(posted.id, reds.id, "something quite different")
    assert changed.status == "new" and changed.evidence == "the pooled chart shows 9 %"


@pytest.mark.parametrize("status", ["agreed", "check", "off_question", "new"])
def test_the_class_sorts_a_finding(smarties_class, status):
    store, session, reds, _ = smarties_class
    posted = store.post_finding(reds.id, "Q1", "it's the colour turquoise")
    sorted_ = store.sort_finding(posted.id, status, "  evidence: the pooled chart  ")
    assert (sorted_.status, sorted_.evidence) == (status, "evidence: the pooled chart")
    assert store.findings(session.code)[0].status == status
    assert sorted_.agreed == (status == "agreed")


@pytest.mark.parametrize("status", ["AGREED", "approved", "", None, "<script>"])
def test_sorting_into_an_unknown_pile_is_refused(smarties_class, status):
    store, _, reds, _ = smarties_class
    posted = store.post_finding(reds.id, "Q1", "orange is rare")
    with pytest.raises(RefusedInput) as caught:
        store.sort_finding(posted.id, status)
    assert_kind(caught.value)
    assert store.finding(posted.id).status == "new"


def test_evidence_longer_than_500_characters_is_refused(smarties_class):
    store, _, reds, _ = smarties_class
    posted = store.post_finding(reds.id, "Q1", "orange is rare")
    with pytest.raises(RefusedInput) as caught:
        store.sort_finding(posted.id, "agreed", "e" * 501)
    assert "500" in str(caught.value)
    assert store.sort_finding(posted.id, "agreed", "e" * 500).evidence == "e" * 500


def test_continuing_from_another_group_s_finding_shows_on_both_sides(smarties_class):
    store, _, reds, blues = smarties_class
    original = store.post_finding(reds.id, "Q2", "you need 5 tubes for a fair share of orange")
    follow = store.post_finding(blues.id, "Q2", "with the whole class's data it's 7 tubes", continued_from=original.id)
    assert follow.continued_from == original.id
    assert store.continuations(original.id) == [follow]
    assert store.continuations(follow.id) == []


def test_continuing_from_a_finding_in_another_class_is_refused(smarties_class):
    store, _, reds, _ = smarties_class
    other = store.start_session("smarties")
    stranger = store.join(other.code, "Strangers")
    elsewhere = store.post_finding(stranger.id, "Q1", "from another class")
    for source in (elsewhere.id, 999_999, "1", True):
        with pytest.raises(RefusedInput) as caught:
            store.post_finding(reds.id, "Q1", "borrowed", continued_from=source)
        assert_kind(caught.value)
    assert store.continuations(elsewhere.id) == []


@pytest.mark.parametrize("finding_id", [999_999, None, "1", -3])
def test_an_unknown_finding_is_reported_kindly(smarties_class, finding_id):
    store, _, reds, _ = smarties_class
    for attempt in (lambda: store.sort_finding(finding_id, "agreed"), lambda: store.continuations(finding_id),
                    lambda: store.update_finding_text(finding_id, reds.id, "x")):
        with pytest.raises(FindingNotFound) as caught:
            attempt()
        assert_kind(caught.value)
