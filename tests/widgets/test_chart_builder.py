"""The chart builder without a browser: pupils' choices go to the spec; the chart and checklist follow."""
import bqplot as bq
import pytest

from tests.conftest import smarties_book
from classlab import SMARTIES
from classlab.datasets import load_into
from widgets import ChartBuilder


@pytest.fixture
def builder():
    book = smarties_book()
    load_into(book, "smarties_29_tubes")
    return ChartBuilder(book)


def bars(builder):
    (mark,) = builder.figure.marks
    assert isinstance(mark, bq.Bars)
    return mark


def test_one_tube_bar_in_the_sweets_own_colours(builder):
    mark = bars(builder)
    assert list(mark.x) == SMARTIES.names
    assert list(mark.colors) == SMARTIES.colours
    assert list(mark.y) == builder.book.matrix([0])[0].tolist()


def test_count_axis_whole_numbers_from_zero(builder):
    ticks = list(builder.y_axis.tick_values)
    assert ticks[0] == 0 and all(float(t).is_integer() for t in ticks)
    assert ticks[-1] >= max(builder.book.matrix([0])[0])
    assert builder.y_axis.tick_format == "d"


def test_bar_grows_when_a_tally_changes(builder):
    before = bars(builder).y[1]
    builder.book.add("orange")
    assert bars(builder).y[1] == before + 1


def test_pooled_view(builder):
    builder.what.value = "pooled"
    assert list(bars(builder).y) == builder.book.matrix().sum(axis=0).tolist()


def bars_of(builder):
    return next(m for m in builder.figure.marks if isinstance(m, bq.Bars))


def test_side_by_side_shows_its_key_by_default_and_names_every_bar(builder):
    builder.what.value = "side_by_side"
    builder.chosen.value = (0, 2)
    mark = bars_of(builder)
    assert list(mark.x) == ["Tube 1", "Tube 3"] and mark.type == "grouped"
    assert builder.x_label.value == "Tube"  # the default label follows the view
    assert builder.legend.value and mark.display_legend  # the key is there before anyone asks for it
    assert builder.x_scale.domain[:2] == ["Tube 1", "Tube 3"] and len(builder.x_scale.domain) == 3  # room for the key
    # Every bar says its colour's name too, so red, green and brown are told apart without colour.
    (names,) = [m for m in builder.figure.marks if isinstance(m, bq.Label)]
    assert list(names.text) == SMARTIES.names * 2
    xs = list(names.x)
    assert xs == sorted(xs) and 0 < xs[0] and xs[-1] < 2 / 3  # left to right, all under the two tubes, not the key
    builder.title.value = "Colours in tubes 1 and 3"
    assert builder.critique.passed == len(builder.critique.checks)
    builder.legend.value = False
    assert not bars_of(builder).display_legend
    assert builder.critique.next_step == "Show the key, so a reader knows which colour is which."
    builder.what.value = "one"
    assert not [m for m in builder.figure.marks if isinstance(m, bq.Label)]  # one tube: the axis names each bar


def test_chosen_samples_pooled(builder):
    builder.what.value = "chosen"
    builder.chosen.value = (1, 2)
    assert list(bars(builder).y) == builder.book.matrix([1, 2]).sum(axis=0).tolist()


def test_nothing_chosen_says_so(builder):
    builder.what.value = "chosen"
    assert builder.figure.marks == []
    assert "Choose which tubes to show first" in builder.words.value
    assert "Well done" not in builder.checklist.value
    assert "Choose which tubes to show first" in builder.checklist.value


def test_pie_and_dots(builder):
    builder.how.value = "pie"
    assert builder.axis_controls.layout.display == "none"  # a pie has no axes to label
    (pie,) = builder.figure.marks
    assert isinstance(pie, bq.Pie) and list(pie.colors) == SMARTIES.colours
    builder.how.value = "dots"
    scatters = builder.figure.marks
    assert all(isinstance(m, bq.Scatter) for m in scatters)
    assert sum(len(m.y) for m in scatters) == builder.book.total(0)


def test_checklist_follows_the_pupils_title(builder):
    assert "title" in builder.critique.next_step
    builder.title.value = "Colours in tube 1"
    assert "works well" in builder.critique.next_step
    assert builder.figure.title == "Colours in tube 1"


def test_axis_start_bad_input_is_kind_and_kept(builder):
    builder.axis_start.value = "-4"
    assert "less than zero" in builder.message.value
    assert builder.spec.axis_start == 0 and builder.axis_start.value == "0"
    builder.axis_start.value = "3"
    assert builder.spec.axis_start == 3 and builder.y_axis.tick_values[0] == 3
    assert "Start the count axis at 0" in builder.critique.next_step or "title" in builder.critique.next_step


def test_pupil_text_is_escaped(builder):
    builder.title.value = "<img src=x onerror=alert(1)> in tube"
    assert "<img" not in builder.checklist.value and "<img" not in builder.words.value


def test_a_count_axis_has_whole_numbers_and_fits_its_ticks():
    import bqplot as bq

    from widgets._common import count_axis

    scale = bq.LinearScale()
    axis = bq.Axis(scale=scale)
    ticks = count_axis(scale, axis, 23, start=2, most=5)
    assert all(isinstance(t, int) for t in ticks) and ticks[0] == 2 and ticks[-1] >= 23
    assert (scale.min, scale.max) == (ticks[0], ticks[-1]) and list(axis.tick_values) == ticks
