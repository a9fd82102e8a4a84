"""Choosing a survey's answers without a browser: a refusal points at the box the mistake is in."""
import pytest

from widgets._accessible import field_name
from widgets.choose_categories import ChooseCategories


@pytest.mark.parametrize("answers, at_fault", [
    (["walk"], 1),                                  # too few: the first empty box is where to type
    (["walk", "", "Walk"], 2),                      # the same answer twice: the second one
    (["walk", "car", "x" * 31, "walk"], 2),         # too long comes first, as chosen_categories checks it
])
def test_the_box_with_the_mistake_is_marked(answers, at_fault):
    chooser = ChooseCategories(lambda *_: None)
    chooser.fill(answers)
    assert not chooser.choose()
    assert chooser.message.value  # the kind message is said ...
    assert chooser.message.wrong == [field_name(chooser.answers[at_fault])]  # ... and points at its box


def test_a_fix_clears_the_mark():
    chosen = []
    chooser = ChooseCategories(lambda categories, question: chosen.append(categories.names))
    chooser.fill(["walk", "walk"])
    assert not chooser.choose() and chooser.message.wrong
    chooser.answers[1].value = "bus"
    assert chooser.choose()
    assert chooser.message.wrong == [] and chosen == [["walk", "bus"]]
