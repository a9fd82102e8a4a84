"""Pupils' voice in the engine: own questions, the self check that asks instead of marking, stars, wishes, looking back."""
import pytest

from classlab import SMARTIES, ChartSpec, TallyBook, chart_data, critique
from classlab.voice import (
    LOOK_AGAIN, MAX_QUESTION, MAX_REFLECTION, STANCES, VoiceError, answer, check_ticks, compare, own_question, reflection,
    stars_and_wish,
)

LAB_QUESTIONS = ["Does every tube contain the same number of each colour?",
                 "How many tubes would I have to buy to get a fair share of my favourite colour?"]


def _critique(**choices):
    book = TallyBook(SMARTIES)
    for _ in range(5):
        book.add("orange")
    book.add("red")
    spec = ChartSpec(**choices)
    return critique(spec, chart_data(book, spec))


def test_a_lab_question_is_kept_in_the_labs_words_and_own_words_as_typed():
    assert own_question("  does every tube contain the same number of EACH colour? ", LAB_QUESTIONS) == (LAB_QUESTIONS[0], True)
    assert own_question("Are there more orange ones in big tubes?", LAB_QUESTIONS) == (
        "Are there more orange ones in big tubes?", False)
    hostile = "<script>alert(1)</script>"
    assert own_question(hostile, LAB_QUESTIONS) == (hostile, False)


@pytest.mark.parametrize("bad", ["", "   ", None, 42, "x" * (MAX_QUESTION + 1)])
def test_an_empty_or_very_long_question_gets_a_kind_message(bad):
    with pytest.raises(VoiceError) as caught:
        own_question(bad, LAB_QUESTIONS)
    assert "question" in str(caught.value) and "Error" not in str(caught.value)


def test_where_the_group_and_the_checker_agree_nothing_is_asked():
    checks = _critique(title="Colours in our tube", axis_start=0)
    ticks = {c.rule: c.ok for c in checks.checks}
    lines = compare(ticks, checks)
    assert [line.rule for line in lines] == [c.rule for c in checks.checks]
    assert all(not line.differ and line.question == "" for line in lines)


def test_a_tick_the_checker_does_not_see_is_met_with_a_question_not_a_mark():
    checks = _critique(title="Colours in our tube", axis_start=3)
    lines = {line.rule: line for line in compare({"The count axis starts at zero": True}, checks)}
    zero = lines["The count axis starts at zero"]
    assert (zero.theirs, zero.checker, zero.differ) == (True, False, True)
    assert zero.question == "You ticked “The count axis starts at zero”. Look at the left axis: where does it start?"
    assert not any(word in zero.question.lower() for word in ("wrong", "incorrect", "mistake"))
    # Lines the group has not ticked either way: the checker's view stands alone, nothing is asked.
    assert lines["A title that says what it shows"].theirs is None and lines["A title that says what it shows"].question == ""


def test_not_ticking_what_the_chart_does_is_asked_about_too():
    checks = _critique(title="Colours in our tube")
    (line,) = [x for x in compare({"A title that says what it shows": False}, checks) if x.theirs is not None]
    assert line.checker and line.question.startswith("You didn't tick “A title that says what it shows”.")


def test_every_rule_the_checker_knows_has_its_own_question():
    rules = set()
    for choices in [dict(kind="bar"), dict(kind="pie", view="side_by_side"), dict(kind="dots"), dict(kind="bar", view="chosen")]:
        rules |= {c.rule for c in _critique(**choices).checks}
    assert rules <= set(LOOK_AGAIN)


@pytest.mark.parametrize("forged", [[("x", True)], {"x": "yes"}, {"": True}, {f"rule {i}": True for i in range(13)},
                                    {"y" * 81: True}])
def test_forged_ticks_are_refused(forged):
    with pytest.raises(VoiceError):
        check_ticks(forged)


def test_two_stars_and_a_wish_need_all_three():
    assert stars_and_wish([" Bright colours ", "A clear title"], "Start the axis at 0") == (
        "Bright colours", "A clear title", "Start the axis at 0")
    for stars, wish in [(["one"], "w"), ("two stars", "w"), (["a", ""], "w"), (["a", "b"], " ")]:
        with pytest.raises(VoiceError):
            stars_and_wish(stars, wish)


def test_an_answer_to_a_finding_is_agree_disagree_or_not_sure_with_a_reason():
    assert set(STANCES) == {"agree", "disagree", "not sure"}
    assert answer("not sure", "We only counted 3 tubes") == ("not sure", "We only counted 3 tubes")
    with pytest.raises(VoiceError):
        answer("maybe", "because")
    with pytest.raises(VoiceError):
        answer("agree", "")


def test_looking_back_needs_one_answer_and_keeps_each_as_typed():
    saved = reflection(found="Orange is rare", helped="Counting together\n<b>and</b> the chart")
    assert saved == {"found": "Orange is rare", "surprised": "", "next_time": "", "helped": "Counting together\n<b>and</b> the chart"}
    with pytest.raises(VoiceError):
        reflection()
    with pytest.raises(VoiceError):
        reflection(found="x" * (MAX_REFLECTION + 1))
