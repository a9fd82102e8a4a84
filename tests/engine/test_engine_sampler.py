"""The prediction sampler: predict first, then buy 1, 2, 3, ... tubes many times and see what happens."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from classlab import SMARTIES, Prediction, SamplerError, answers_by_data, running_share, simulate, verdict
from classlab.datasets import load
from classlab.sampler import CountError, test_prediction as run_prediction

ORANGE = SMARTIES.index("orange")


def sample(orange, others=35):
    """One tube of 8 colours with `orange` orange ones and `others` spread over the other seven."""
    row = [others // 7] * 8
    row[0] += others - 7 * (others // 7)
    row[ORANGE] = orange
    return row


def five_orange_tubes(n=6):
    return np.array([sample(5)] * n)


def at_least(amount, samples=None):
    p = Prediction(goal="at_least", amount=amount)
    if samples is not None:
        p.samples = samples
    return p


@pytest.fixture(scope="module")
def smarties():
    frame = load("smarties_29_tubes").frame
    return frame.pivot(index="tube", columns="colour", values="count")[SMARTIES.names].to_numpy()


# --- exact answers, where the outcome is certain -------------------------------------------

def test_with_five_orange_in_every_tube_at_least_20_needs_exactly_4_tubes():
    result = simulate(five_orange_tubes(), ORANGE, at_least(20), max_samples=8, trials=500)
    assert result.chance.tolist() == [0, 0, 0, 1, 1, 1, 1, 1]
    assert result.answer == 4


def test_with_five_orange_in_every_tube_the_spread_is_exactly_5_per_tube():
    result = simulate(five_orange_tubes(), ORANGE, at_least(20), max_samples=5, trials=200)
    expected = [5, 10, 15, 20, 25]
    assert result.measure == "count"
    assert result.low.tolist() == expected and result.middle.tolist() == expected and result.high.tolist() == expected


def test_without_the_spread_the_chances_are_the_same_and_no_spread_is_given(smarties):
    full = simulate(smarties, ORANGE, at_least(30), max_samples=10, trials=2000)
    quick = simulate(smarties, ORANGE, at_least(30), max_samples=10, trials=2000, spread=False)
    assert quick.chance.tolist() == full.chance.tolist() and quick.answer == full.answer
    assert quick.low is None and quick.middle is None and quick.high is None and full.low is not None


def test_chance_for_reads_the_chance_of_one_number_of_tubes():
    result = simulate(five_orange_tubes(), ORANGE, at_least(20), max_samples=8, trials=200)
    assert result.chance_for(3) == 0 and result.chance_for(4) == 1
    assert result.chance_for(0) is None and result.chance_for(9) is None


def test_equal_colours_are_a_fair_share_from_the_first_tube():
    result = simulate(np.array([[5] * 8] * 4), ORANGE, Prediction(), max_samples=5, trials=200)
    assert result.measure == "share"
    assert result.chance.tolist() == [1] * 5 and result.answer == 1
    assert result.middle.tolist() == [12.5] * 5


def test_a_colour_never_found_has_no_answer():
    result = simulate(np.array([sample(0)] * 3), ORANGE, Prediction(), max_samples=5, trials=200)
    assert result.answer is None and result.chance.max() == 0


def test_empty_tubes_are_left_out_of_the_shop():
    with_empty = np.vstack([five_orange_tubes(3), np.zeros((2, 8), dtype=int)])
    result = simulate(with_empty, ORANGE, at_least(20), max_samples=6, trials=200)
    assert result.source_samples == 3 and result.answer == 4


# --- repeatable, and refusing kindly -------------------------------------------------------

def test_the_same_seed_gives_identical_results(smarties):
    a = simulate(smarties, ORANGE, Prediction(), trials=2000, seed=7)
    b = simulate(smarties, ORANGE, Prediction(), trials=2000, seed=7)
    for field in ("chance", "low", "middle", "high"):
        assert np.array_equal(getattr(a, field), getattr(b, field))


def test_a_different_seed_gives_different_results(smarties):
    a = simulate(smarties, ORANGE, Prediction(), trials=2000, seed=7)
    b = simulate(smarties, ORANGE, Prediction(), trials=2000, seed=8)
    assert not np.array_equal(a.chance, b.chance)


def test_the_run_remembers_its_seed_and_trials(smarties):
    result = simulate(smarties, ORANGE, Prediction(), trials=1234, seed=99)
    assert (result.seed, result.trials, result.source_samples) == (99, 1234, 29)


@pytest.mark.parametrize("matrix", [np.zeros((3, 8), dtype=int), np.zeros((0, 8), dtype=int)], ids=["empty tubes", "no tubes"])
def test_the_sampler_refuses_when_nothing_is_counted(matrix):
    with pytest.raises(SamplerError) as err:
        simulate(matrix, ORANGE, Prediction())
    assert "Count" in str(err.value)


@pytest.mark.parametrize("kwargs", [{"trials": 10**7}, {"max_samples": 0}, {"max_samples": 10_000}])
def test_the_sampler_refuses_absurd_runs(kwargs):
    with pytest.raises(SamplerError):
        simulate(five_orange_tubes(), ORANGE, Prediction(), **kwargs)


def test_no_prediction_no_run():
    with pytest.raises(SamplerError) as err:
        run_prediction(five_orange_tubes(), ORANGE, at_least(20))
    assert "prediction" in str(err.value)


def test_with_a_prediction_the_run_goes_ahead():
    result = run_prediction(five_orange_tubes(), ORANGE, at_least(20, samples=3), max_samples=6, trials=200)
    assert result.answer == 4


# --- more tubes never make "at least N" less likely ----------------------------------------

@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=2, max_value=4).flatmap(
        lambda k: st.lists(st.lists(st.integers(0, 10), min_size=k, max_size=k), min_size=1, max_size=6)
    ).filter(lambda m: any(sum(r) for r in m)),
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=0, max_value=2**32 - 1),
)
def test_the_at_least_chance_never_goes_down_with_more_tubes(matrix, amount, seed):
    result = simulate(np.array(matrix), 0, at_least(amount), max_samples=12, trials=300, seed=seed)
    assert np.all(np.diff(result.chance) >= 0)


def test_the_at_least_chance_rises_on_real_data(smarties):
    result = simulate(smarties, ORANGE, at_least(25), trials=3000)
    assert np.all(np.diff(result.chance) >= 0)
    assert result.chance[0] == 0 and result.chance[-1] == 1


# --- the running share and "the more data, the better" ------------------------------------

def test_running_share_adds_tubes_one_by_one():
    share = running_share(np.array([[1, 1], [3, 1], [0, 0], [0, 4]]), 0)
    assert share == pytest.approx([50, 400 / 6, 40])


def test_running_share_on_real_data_ends_at_the_pooled_share(smarties):
    share = running_share(smarties, ORANGE)
    assert len(share) == 29
    assert share[-1] == pytest.approx(100 * smarties[:, ORANGE].sum() / smarties.sum())


def test_answers_by_data_uses_3_tubes_10_and_all(smarties):
    answers = answers_by_data(smarties, ORANGE, Prediction(), trials=2000)
    assert [n for n, _ in answers] == [3, 10, 29]


def test_the_answer_from_all_the_data_is_the_samplers_answer(smarties):
    answers = dict(answers_by_data(smarties, ORANGE, Prediction(), trials=2000))
    assert answers[29] == simulate(smarties, ORANGE, Prediction(), trials=2000).answer


def test_answers_by_data_with_few_tubes_does_not_repeat_itself():
    answers = answers_by_data(five_orange_tubes(5), ORANGE, at_least(20), max_samples=6, trials=200)
    assert answers == [(3, 4), (5, 4)]


def test_answers_by_data_with_nothing_counted_has_no_answers():
    assert answers_by_data(np.zeros((4, 8), dtype=int), ORANGE, Prediction()) == []


def unlucky_start():
    """Three tubes with 3 orange, then tubes with 5 and 3 orange in turn (43 tubes in all).

    Exactly: from the first 3 tubes, at least 20 orange needs 7 tubes (3 a tube). From 10 or 43 tubes
    it needs 6: with 5 tubes the chance is below 0.5, with 6 it is above 0.95.
    """
    return np.array([sample(3)] * 3 + [sample(5), sample(3)] * 20)


def test_a_little_data_can_give_the_wrong_answer_and_more_data_settles_it():
    answers = dict(answers_by_data(unlucky_start(), ORANGE, at_least(20), max_samples=10, trials=4000))
    assert answers == {3: 7, 10: 6, 43: 6}


# --- the verdict ---------------------------------------------------------------------------

def exact_result():
    return simulate(five_orange_tubes(), ORANGE, at_least(20), max_samples=8, trials=200)


def test_verdict_puts_the_prediction_beside_the_answer():
    text = verdict(exact_result(), at_least(20, samples=3))
    assert "You predicted 3 samples" in text and "0 times out of 100" in text and "you need 4 samples" in text


def test_verdict_says_spot_on_for_the_right_answer():
    text = verdict(exact_result(), at_least(20, samples=4))
    assert "100 times out of 100" in text and "Spot on!" in text


def test_verdict_says_very_close_when_one_out():
    assert "Very close!" in verdict(exact_result(), at_least(20, samples=5))


def test_verdict_does_not_praise_a_far_out_prediction():
    text = verdict(exact_result(), at_least(20, samples=1))
    assert "Spot on" not in text and "close" not in text


def test_verdict_says_when_the_prediction_is_beyond_what_was_tried():
    text = verdict(exact_result(), at_least(20, samples=50))
    assert "You predicted 50 samples" in text and "more than we tried" in text


def test_verdict_when_it_never_works_says_so():
    result = simulate(np.array([sample(0)] * 3), ORANGE, Prediction(), max_samples=5, trials=100)
    assert "Even with 5 samples" in verdict(result, at_least(1, samples=2))


def test_verdict_of_one_tube_is_singular():
    result = simulate(np.array([[5] * 8]), ORANGE, Prediction(), max_samples=3, trials=100)
    text = verdict(result, at_least(1, samples=1))
    assert "You predicted 1 sample." in text and "Spot on!" in text


def test_verdict_uses_the_labs_own_sample_name():
    text = verdict(exact_result(), at_least(20, samples=2), sample_label="set of throws")
    assert "You predicted 2 sets of throws" in text and "4 sets of throws" in text


# --- the prediction ------------------------------------------------------------------------

@pytest.mark.parametrize("text, samples", [("6", 6), (" +7 ", 7), (12, 12), ("100", 100), ("1", 1)])
def test_predict_takes_a_whole_number_of_tubes(text, samples):
    p = Prediction()
    assert p.predict(text) == samples and p.samples == samples


@pytest.mark.parametrize("text", ["six", "2.5", "", "  ", "0", "101", "-3", "1e2", "²", "++5", "9" * 5000, None, 2.0])
def test_predict_rejects_what_is_not_a_number_of_tubes_and_keeps_the_old_value(text):
    p = Prediction()
    p.predict("5")
    with pytest.raises(CountError) as err:
        p.predict(text)
    assert str(err.value).strip() and len(str(err.value)) <= 120
    assert p.samples == 5


def test_a_prediction_starts_empty():
    assert Prediction().samples is None


@pytest.mark.parametrize("amount", [0, 1001])
def test_the_amount_wanted_must_be_sensible(amount):
    p = Prediction(goal="at_least", amount=10)
    with pytest.raises(CountError):
        p.amount = amount
    assert p.amount == 10


@given(st.one_of(st.text(), st.integers(), st.from_regex(r"\A\s*[+-]{0,2}[0-9]{1,6}\s*\Z")))
def test_predict_either_records_1_to_100_or_keeps_the_old_value(text):
    p = Prediction()
    p.predict("5")
    try:
        samples = p.predict(text)
    except CountError as err:
        assert str(err).strip()
        assert p.samples == 5
    else:
        assert 1 <= samples <= 100 and p.samples == samples
