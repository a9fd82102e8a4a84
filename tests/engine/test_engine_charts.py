"""Charts: what a chart shows, whole-number ticks from zero, and the "good chart" checklist."""
import pytest
from hypothesis import given, strategies as st

from tests.conftest import smarties_book
from classlab import SMARTIES, Categories, ChartSpec, TallyBook, chart_data, critique, whole_number_ticks
from classlab.charts import MAX_DOTS, MAX_PIE_SLICES, axis_labels, legend_needed

GOOD_TITLE = "Colours in tube 3"


def three_tubes():
    book = smarties_book()
    rows = [[1, 2, 3, 4, 5, 6, 7, 8], [8, 7, 6, 5, 4, 3, 2, 1], [2, 2, 2, 2, 2, 2, 2, 2]]
    for t, row in enumerate(rows):
        if t:
            book.new_sample()
        for name, n in zip(SMARTIES.names, row):
            book.set(name, n)
    return book, rows


def good_spec(**changes):
    spec = ChartSpec(title=GOOD_TITLE)
    for k, v in changes.items():
        setattr(spec, k, v)
    return spec


def check(spec, data, rule_start):
    matches = [c for c in critique(spec, data).checks if c.rule.startswith(rule_start)]
    assert len(matches) == 1, f"expected one check starting {rule_start!r}"
    return matches[0]


def book_with(counts):
    cats = Categories([(f"c{i}",) for i in range(len(counts))])
    book = TallyBook(cats)
    for name, n in zip(cats.names, counts):
        book.set(name, n)
    return book


# --- what is shown -------------------------------------------------------------------------

def test_one_tube_shows_that_tube():
    book, rows = three_tubes()
    data = chart_data(book, ChartSpec(view="one", sample=1))
    assert data.series == [("Tube 2", rows[1])]
    assert data.categories == SMARTIES.names and data.colours == SMARTIES.colours
    assert not data.is_empty


def test_side_by_side_shows_each_chosen_tube_in_order():
    book, rows = three_tubes()
    data = chart_data(book, ChartSpec(view="side_by_side", chosen=[2, 0]))
    assert data.series == [("Tube 1", rows[0]), ("Tube 3", rows[2])]


def test_pooled_adds_all_tubes_together():
    book, rows = three_tubes()
    data = chart_data(book, ChartSpec(view="pooled"))
    assert data.series == [("All 3 tubes", [sum(col) for col in zip(*rows)])]


def test_chosen_adds_only_the_chosen_samples_together():
    book, rows = three_tubes()
    data = chart_data(book, ChartSpec(view="chosen", chosen=[0, 1]))
    assert data.series == [("2 tubes together", [9] * 8)]


def test_chosen_ignores_tubes_that_do_not_exist():
    book, rows = three_tubes()
    data = chart_data(book, ChartSpec(view="chosen", chosen=[2, 7, -1]))
    assert data.series == [("1 tube together", rows[2])]


@pytest.mark.parametrize("view", ["chosen", "side_by_side"])
def test_nothing_chosen_gives_a_reason_instead_of_a_chart(view):
    book, _ = three_tubes()
    data = chart_data(book, ChartSpec(view=view, chosen=[]))
    assert data.is_empty and data.series == []
    assert "Choose which tubes to show first" in data.empty_reason


@pytest.mark.parametrize("view", ["chosen", "side_by_side"])
def test_an_empty_chart_is_never_praised_its_next_step_says_what_to_choose(view):
    book, _ = three_tubes()
    spec = ChartSpec(view=view, chosen=[], title="Colours in our tubes", x_label="Colour", y_label="Number of sweets")
    verdict = critique(spec, chart_data(book, spec))
    assert "Well done" not in verdict.next_step
    assert verdict.next_step.startswith("Choose which tubes to show first")
    assert verdict.passed < len(verdict.checks)


def test_the_example_title_is_in_the_labs_words():
    spec = ChartSpec(title="")
    book, _ = three_tubes()
    data = chart_data(book, ChartSpec(view="pooled"))
    dice = critique(spec, data, sample_label="set of throws", category_label="face").next_step
    assert "Faces in our sets of throws" in dice and "tube" not in dice.lower() and "colour" not in dice.lower()
    assert "Colours in our tubes" in critique(spec, data, sample_label="tube", category_label="colour").next_step
    assert "Categories in our samples" in critique(spec, data).next_step  # the engine's own words are generic
    assert axis_labels("face", "throw") == ("Face", "Number of throws")


def test_nothing_counted_gives_a_reason_instead_of_a_chart():
    data = chart_data(smarties_book(), ChartSpec(view="one"))
    assert data.is_empty and "Nothing counted" in data.empty_reason


def test_top_is_the_largest_count_shown():
    book, _ = three_tubes()
    assert chart_data(book, ChartSpec(view="pooled")).top == 11


def test_chart_labels_use_the_labs_own_sample_name():
    cats = Categories([(str(i),) for i in range(1, 7)])
    book = TallyBook(cats, sample_label="set of throws", category_label="face")
    book.add("4")
    book.new_sample()
    book.add("2")
    assert chart_data(book, ChartSpec(view="one")).series[0][0] == "Set of throws 1"
    assert chart_data(book, ChartSpec(view="pooled")).series[0][0] == "All 2 sets of throws"
    assert chart_data(book, ChartSpec(view="chosen")).empty_reason == (
        "Choose which sets of throws to show first: pick them in the Sets of throws list.")


# --- the count axis ------------------------------------------------------------------------

@given(st.integers(min_value=0, max_value=10**7))
def test_ticks_are_whole_numbers_from_zero_covering_the_top(top):
    ticks = whole_number_ticks(top)
    assert all(isinstance(t, int) for t in ticks)
    assert ticks[0] == 0 and ticks[-1] >= top
    assert 2 <= len(ticks) <= 9


@given(st.integers(min_value=0, max_value=10**7))
def test_ticks_are_evenly_spaced_with_a_step_pupils_know(top):
    ticks = whole_number_ticks(top)
    steps = {b - a for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1
    (step,) = steps
    while step % 10 == 0:
        step //= 10
    assert step in (1, 2, 5, 25)


@pytest.mark.parametrize("top, ticks", [(0, [0, 1]), (3, [0, 1, 2, 3]), (8, list(range(9))), (9, [0, 2, 4, 6, 8, 10])])
def test_ticks_examples(top, ticks):
    assert whole_number_ticks(top) == ticks


def test_ticks_can_start_above_zero_when_the_pupil_asks():
    assert whole_number_ticks(10, start=5)[0] == 5


# --- the pupil's choices -------------------------------------------------------------------

def test_a_pasted_essay_of_a_title_is_cut_short():
    assert len(ChartSpec(title="x" * 500).title) == 120


def test_the_axis_start_cannot_be_negative():
    assert ChartSpec(axis_start=-5).axis_start == 0


# --- "What makes a good chart work well?" -------------------------------------------------

def one_tube():
    book, _ = three_tubes()
    return chart_data(book, ChartSpec(view="one"))


@pytest.mark.parametrize("title, ok", [("", False), ("   ", False), ("Graph", False), ("My chart", False),
                                       ("Bar chart", False), ("Smarties", False), (GOOD_TITLE, True)])
def test_title_rule(title, ok):
    assert check(good_spec(title=title), one_tube(), "A title").ok is ok


def test_an_empty_title_is_asked_for():
    assert check(good_spec(title=""), one_tube(), "A title").advice.startswith("Give your chart a title")


def test_a_generic_title_is_asked_to_say_more():
    assert check(good_spec(title="graph"), one_tube(), "A title").advice.startswith("Make your title say")


@pytest.mark.parametrize("x_label, y_label, ok", [("Colour", "Number of sweets", True), ("", "Number of sweets", False),
                                                  ("Colour", "  ", False)])
def test_axes_labelled_rule(x_label, y_label, ok):
    assert check(good_spec(x_label=x_label, y_label=y_label), one_tube(), "Both axes").ok is ok


@pytest.mark.parametrize("start, ok", [(0, True), (3, False)])
def test_axis_starts_at_zero_rule(start, ok):
    c = check(good_spec(axis_start=start), one_tube(), "The count axis starts at zero")
    assert c.ok is ok
    assert "at 3" in c.advice or ok


def test_a_pie_is_not_judged_on_axes():
    rules = [c.rule for c in critique(good_spec(kind="pie"), one_tube()).checks]
    assert not any("axis" in r or "axes" in r for r in rules)


@pytest.mark.parametrize("view, ok", [("one", True), ("pooled", True), ("side_by_side", False)])
def test_a_pie_is_for_the_parts_of_one_whole(view, ok):
    book, _ = three_tubes()
    spec = good_spec(kind="pie", view=view, chosen=[0, 1], show_legend=True)
    assert check(spec, chart_data(book, spec), "A pie shows the parts").ok is ok


@pytest.mark.parametrize("n, ok", [(MAX_PIE_SLICES, True), (12, False)])
def test_a_pie_has_only_a_few_slices(n, ok):
    spec = good_spec(kind="pie")
    data = chart_data(book_with([1] * n), spec)
    c = check(spec, data, "A pie has only a few slices")
    assert c.ok is ok
    assert ok or "12 slices" in c.advice


def test_empty_slices_are_not_counted_as_slices():
    spec = good_spec(kind="pie")
    data = chart_data(book_with([1] * 4 + [0] * 8), spec)
    assert check(spec, data, "A pie has only a few slices").ok


@pytest.mark.parametrize("top, ok", [(MAX_DOTS, True), (MAX_DOTS + 1, False)])
def test_a_dot_plot_is_for_small_counts(top, ok):
    spec = good_spec(kind="dots")
    assert check(spec, chart_data(book_with([top, 1]), spec), "A dot plot").ok is ok


def test_only_a_dot_plot_is_judged_on_dots():
    spec = good_spec(kind="bar")
    rules = [c.rule for c in critique(spec, chart_data(book_with([500, 1]), spec)).checks]
    assert not any("dot" in r for r in rules)


@pytest.mark.parametrize("view, show_legend, ok", [("side_by_side", False, False), ("side_by_side", True, True),
                                                   ("one", False, True)])
def test_a_key_where_one_is_needed(view, show_legend, ok):
    book, _ = three_tubes()
    spec = good_spec(view=view, chosen=[0, 2], show_legend=show_legend)
    assert check(spec, chart_data(book, spec), "A key").ok is ok


def test_side_by_side_needs_a_key_and_one_tube_does_not():
    book, _ = three_tubes()
    side = good_spec(view="side_by_side", chosen=[0, 1])
    assert legend_needed(side, chart_data(book, side))
    one = good_spec(view="one")
    assert not legend_needed(one, chart_data(book, one))


def test_next_step_praises_a_chart_that_passes_everything():
    result = critique(good_spec(), one_tube())
    assert result.passed == len(result.checks)
    assert "Well done" in result.next_step


def test_next_step_gives_the_first_thing_to_improve():
    result = critique(good_spec(title="", axis_start=4), one_tube())
    assert result.next_step.startswith("Give your chart a title")


def test_next_step_moves_on_once_the_first_thing_is_fixed():
    result = critique(good_spec(axis_start=4), one_tube())
    assert result.next_step.startswith("Start the count axis at 0")


def test_next_step_is_one_sentence_at_a_time():
    result = critique(good_spec(title="", x_label="", axis_start=2), one_tube())
    assert result.passed == len(result.checks) - 3
    assert result.next_step.count(".") <= 2 and "axes" not in result.next_step


def test_critique_names_the_labs_own_sample():
    book, _ = three_tubes()
    spec = good_spec(kind="pie", view="side_by_side", chosen=[0, 1], show_legend=True)
    advice = check(spec, chart_data(book, spec), "A pie shows the parts").advice
    assert "compare samples" in advice  # the engine's own word, when the lab gives none
    dice_advice = [c for c in critique(spec, chart_data(book, spec), sample_label="set of throws").checks
                   if c.rule.startswith("A pie shows")][0].advice
    assert "compare sets of throws" in dice_advice
