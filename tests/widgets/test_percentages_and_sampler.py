"""Percentage explorer and prediction sampler without a browser."""
import re

from tests.conftest import smarties_book
from classlab import SMARTIES, Categories, TallyBook
from classlab.datasets import load_into
from widgets import FindingsBox, PercentageExplorer, PredictionSampler
from classlab import Findings
from widgets.prediction_sampler import prediction_colour

THREE = Categories([("red", "#d62728"), ("orange", "#ff8c00"), ("yellow", "#f2c200")])


def test_the_99_puzzle_is_shown_and_explained():
    book = TallyBook(THREE)
    for c in THREE.names:
        book.set(c, 1)
    explorer = PercentageExplorer(book)
    assert "99 %" in explorer.table.value and "100 %" in explorer.table.value
    assert "don't add up to 100" in explorer.note.value
    explorer.places.value = 2
    assert "99.99 %" in explorer.table.value and "33.34 %" in explorer.table.value


def test_one_tube_or_pooled():
    book = smarties_book()
    load_into(book, "smarties_29_tubes")
    explorer = PercentageExplorer(book)
    assert f">{book.matrix().sum()}<" in explorer.table.value
    explorer.which.value = 0
    assert f">{book.total(0)}<" in explorer.table.value


def test_sampler_waits_for_a_prediction():
    book = smarties_book()
    load_into(book, "smarties_29_tubes")
    sampler = PredictionSampler(book)
    assert sampler.run.disabled
    sampler.test()
    assert "prediction first" in sampler.message.value
    sampler.guess.value = "lots"
    assert sampler.run.disabled and "whole number" in sampler.message.value
    sampler.guess.value = "6"
    assert not sampler.run.disabled
    sampler.run.click()
    assert "You predicted 6 tubes" in sampler.outcome.value
    assert len(sampler.chance_bars.y) == 30
    assert "From 3 tubes" in sampler.more_data.value and "From 29 tubes" in sampler.more_data.value


def test_sampler_at_least_goal_and_seeded_repeat():
    book = smarties_book()
    load_into(book, "smarties_29_tubes")
    sampler = PredictionSampler(book)
    sampler.goal.value = "at_least"
    sampler.amount.value = "twenty"
    assert "whole number" in sampler.message.value and sampler.prediction.amount == 10
    sampler.amount.value = "20"
    sampler.guess.value = "5"
    sampler.test()
    first = list(sampler.chance_bars.y)
    sampler.test()
    assert list(sampler.chance_bars.y) == first  # same seed, same result
    sampler.again.click()
    assert sampler.seed == 2005


def test_sampler_with_nothing_counted_says_so():
    sampler = PredictionSampler(smarties_book())
    sampler.guess.value = "3"
    sampler.test()
    assert "Count at least one tube" in sampler.message.value


def test_findings_box_keeps_text_as_text():
    findings = Findings(questions=["Q one?", "Q two?"])
    box = FindingsBox(findings)
    box.boxes["Q one?"].value = "<script>alert(1)</script> orange is rarest"
    assert findings.answer("Q one?").startswith("<script>")
    box.boxes["Q two?"].value = "x" * 5000
    assert len(findings.answer("Q two?")) == 2000 and len(box.boxes["Q two?"].value) == 2000


def test_the_predicted_bar_is_in_a_colour_no_category_has_and_the_key_says_so():
    book = smarties_book()
    load_into(book, "smarties_29_tubes")
    sampler = PredictionSampler(book)
    sampler.colour.value = "blue"
    sampler.guess.value = "6"
    sampler.test()
    blue = SMARTIES.colours[SMARTIES.names.index("blue")]
    fills = list(sampler.chance_bars.colors)
    fill = fills[5]  # the bar of 6 tubes
    assert fill.lower() not in {c.lower() for c in SMARTIES.colours} and fill != "#1a5fb4"
    assert set(fills[:5] + fills[6:]) == {blue}  # every other bar in the favourite's own colour
    assert list(sampler.predicted_bar.x) == [6] and list(sampler.predicted_bar.labels) == ["Your prediction"]
    assert sampler.predicted_bar.display_legend and list(sampler.predicted_bar.colors) == [fill]
    assert sampler.predicted_bar.y[0] >= sampler.chance_bars.y[5]  # the marker sits over the predicted bar
    assert prediction_colour(["#111111", "#d62728"]) == "#ffffff"


def test_the_share_settles_axis_has_whole_numbers_only_and_the_table_right_plurals():
    book = smarties_book()
    for t, row in enumerate([[3, 1, 2, 2, 2, 2, 2, 2], [1, 4, 2, 2, 2, 2, 2, 2]]):
        if t:
            book.new_sample()
        for name, n in zip(SMARTIES.names, row):
            book.set(name, str(n))
    sampler = PredictionSampler(book)
    sampler.guess.value = "1"
    sampler.test()
    ticks = list(sampler.running_figure.axes[0].tick_values)
    assert ticks == sorted(set(ticks)) and all(float(t).is_integer() for t in ticks) and ticks[0] == 1
    assert sampler.running_figure.axes[0].scale.max == ticks[-1] >= 2
    table = sampler.more_data.value
    assert "1 tubes" not in table and "From 2 tubes" in table
    assert re.search(r"<td>(1 tube|\d+ tubes|more than 30 tubes)</td>", table)
    assert "Tubes needed" in table


def test_the_results_charts_wrap_on_a_narrow_screen():
    sampler = PredictionSampler(smarties_book())
    for row in sampler.results.children[1:]:
        assert row.layout.flex_flow == "row wrap"
    assert sampler.spread_figure.layout.max_width == "100%"
