"""Percentage explorer and prediction sampler without a browser."""
import pytest

from classlab import SMARTIES, Categories, TallyBook
from classlab.datasets import load_into
from widgets import FindingsBox, PercentageExplorer, PredictionSampler
from classlab import Findings

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
    book = TallyBook(SMARTIES)
    load_into(book, "smarties_29_tubes")
    explorer = PercentageExplorer(book)
    assert f">{book.matrix().sum()}<" in explorer.table.value
    explorer.which.value = 0
    assert f">{book.total(0)}<" in explorer.table.value


def test_sampler_waits_for_a_prediction():
    book = TallyBook(SMARTIES)
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
    book = TallyBook(SMARTIES)
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
    sampler = PredictionSampler(TallyBook(SMARTIES))
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
