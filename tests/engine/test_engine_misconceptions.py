"""Shared misconceptions, found from what groups saved: each kind from real work, and only where it is."""
from __future__ import annotations

import pytest

from classlab import SMARTIES, ChartSpec, Prediction, TallyBook
from classlab.class_work import GroupWork
from classlab.misconceptions import find, in_class, kinds

from tests.book.book_class import make_class


def work(name, tubes, chart=None, predicted=None, words=(), sample="tube"):
    book = TallyBook(SMARTIES, sample_label=sample)
    book.replace_counts(tubes)
    p = Prediction(category="orange")
    p.samples = predicted
    answers = {f"Question {i}": t for i, t in enumerate(words)}
    return GroupWork(name, False, book, chart or ChartSpec(), p, answers, [])


ONE = [[5, 3, 7, 8, 2, 3, 7, 8]]
THREE = ONE * 3


def keys(found):
    return {m.key: m.groups for m in found}


def test_a_prediction_from_one_tube_is_one_tube_tells_you_everything_and_more_tubes_are_not():
    found = find([work("A", ONE, predicted=4), work("B", THREE, predicted=4), work("C", ONE, predicted=2),
                  work("D", THREE, predicted=1)])
    (m,) = [m for m in found if m.key == "one_sample"]
    assert m.groups == ["A", "C", "D"]
    assert [s.evidence for s in m.signs] == ["predicted 4 tubes with only one tube counted",
                                             "predicted 2 tubes with only one tube counted",
                                             "predicted that one tube is enough"]


def test_a_claim_about_every_tube_from_one_tube_counts_too_but_not_from_many():
    found = find([work("A", ONE, words=["Every tube has lots of red."]),
                  work("B", THREE, words=["Every tube has lots of red."]),
                  work("C", ONE, words=["Our tube had lots of red."])])
    (m,) = [m for m in found if m.key == "one_sample"]
    assert m.groups == ["A"]
    assert "“Every tube has lots of red.”" in m.signs[0].evidence


def test_the_lab_words_name_the_misconception_and_find_its_samples():
    found = find([work("A", ONE, words=["All the days are sunny"], sample="day"),
                  work("B", ONE, words=["every day is sunny"], sample="day")])
    (m,) = [m for m in found if m.key == "one_sample"]
    assert m.title == "One day tells you everything" and m.groups == ["A", "B"] and m.shared


def test_pies_of_tubes_side_by_side_and_an_axis_not_from_zero_are_chart_mistakes():
    pie = ChartSpec(kind="pie", view="side_by_side", chosen=[0, 1])
    high = ChartSpec(kind="bar", view="pooled", axis_start=5)
    fine = ChartSpec(kind="bar", view="side_by_side", chosen=[0, 1])
    found = keys(find([work("A", THREE, pie), work("B", THREE, high), work("C", THREE, pie), work("D", THREE, fine),
                       work("E", THREE, ChartSpec(kind="pie", view="pooled"))]))
    assert found["pie_across"] == ["A", "C"]
    assert found["axis_not_zero"] == ["B"]
    assert "D" not in sum(found.values(), []) and "E" not in sum(found.values(), [])


def test_an_axis_on_an_empty_chart_is_not_held_against_anyone():
    assert "axis_not_zero" not in keys(find([work("A", [[0] * 8], ChartSpec(axis_start=3))]))


def test_percentages_expected_to_total_100_are_found_in_words_not_in_any_mention_of_100():
    found = find([work("A", THREE, words=["The percentages are wrong: they add up to 99 %"]),
                  work("B", THREE, words=["We counted 100 sweets."]),
                  work("C", THREE, words=["The percents should total 100!"])])
    (m,) = [m for m in found if m.key == "hundred"]
    assert m.groups == ["A", "C"]


def test_a_right_total_of_100_is_not_a_misconception_and_a_noticed_99_is():
    """Found by the issue 11 audit: "Our percentages total 100%" was flagged, "made 99, not 100" was not."""
    found = find([work("A", THREE, words=["Our percentages total 100%"]),
                  work("B", THREE, words=["Orange is 12%, blue 13%, and it all totals 100%"]),
                  work("C", THREE, words=["The percentages made 99, not 100"]),
                  work("D", THREE, words=["Our percents came to 101 %"]),
                  work("E", THREE, words=["The percentages are supposed to be 100 but they aren't"])])
    (m,) = [m for m in found if m.key == "hundred"]
    assert m.groups == ["C", "D", "E"]


def test_only_shared_keeps_kinds_several_groups_show_most_first():
    pie = ChartSpec(kind="pie", view="side_by_side", chosen=[0, 1])
    found = find([work("A", ONE, pie, predicted=3), work("B", ONE, predicted=3), work("C", ONE, predicted=5),
                  work("D", THREE, pie)], only_shared=True)
    assert [m.key for m in found] == ["one_sample", "pie_across"]
    assert found[0].groups == ["A", "B", "C"]
    assert all(m.shared for m in found)
    assert find([work("A", THREE)]) == []


def test_every_kind_says_how_to_teach_to_it_in_british_english():
    for kind in kinds():
        for text in (kind.title, kind.about, kind.teach):
            assert text.strip()
            assert "color" not in text.lower() and "favorite" not in text.lower()


@pytest.mark.parametrize("only_shared", [False, True])
def test_a_class_in_the_store_shows_its_misconceptions(tmp_path, only_shared):
    made = make_class(f"sqlite:///{tmp_path / 'store.sqlite'}")
    found = keys(in_class(made.store, made.code, only_shared=only_shared))
    assert found["axis_not_zero"] == ["Blues", "Greens"]  # the Greens' practice chart is still theirs
    if only_shared:
        assert set(found) == {"axis_not_zero"}
    else:
        assert found["one_sample"] == ["Blues"]
        assert found["hundred"] == ["Greens"]
        assert "pie_across" in found


def test_predicting_one_tube_is_not_held_against_a_group_whose_own_data_says_one_is_enough():
    """Found by the issue 11 audit: "one tube is enough" was flagged even when one tube met the goal 100 times in 100."""
    easy, fair = work("Easy", THREE, predicted=1), work("Fair", THREE, predicted=1)
    easy.prediction.goal, easy.prediction.amount = "at_least", 1  # every tube has at least one orange
    assert "one_sample" not in keys(find([easy]))
    assert keys(find([fair]))["one_sample"] == ["Fair"]  # a fair share of 8 colours needs more than one tube
