"""Categories: what a lab counts, and how its samples are named."""
import pytest

from classlab import SMARTIES, Categories, Category
from classlab.categories import plural


def test_smarties_has_the_eight_uk_colours_in_order():
    assert SMARTIES.names == ["red", "orange", "yellow", "green", "blue", "pink", "violet", "brown"]


def test_every_smarties_colour_is_a_plain_hex_colour():
    assert all(len(c) == 7 and c.startswith("#") for c in SMARTIES.colours)


def test_index_finds_a_category_by_name():
    assert SMARTIES.index("orange") == 1


def test_index_of_an_unknown_name_is_a_key_error():
    with pytest.raises(KeyError):
        SMARTIES.index("turquoise")


def test_two_categories_with_one_name_are_refused():
    with pytest.raises(ValueError):
        Categories([("red",), ("red",)])


def test_a_lab_needs_something_to_count():
    with pytest.raises(ValueError):
        Categories([])


@pytest.mark.parametrize("name", ["", "   "])
def test_a_category_needs_a_name(name):
    with pytest.raises(ValueError):
        Category(name)


@pytest.mark.parametrize("colour", ["red", "#fff", "#12345g", "url(javascript:x)", "#ff8800;"])
def test_only_plain_hex_colours_are_let_through(colour):
    with pytest.raises(ValueError):
        Category("x", colour)


@pytest.mark.parametrize("label, many", [("tube", "tubes"), ("bag", "bags"), ("day", "days"), ("box", "boxes"),
                                         ("survey", "surveys"), ("family", "families"),
                                         ("set of throws", "sets of throws")])
def test_plural_names_many_samples(label, many):
    assert plural(label) == many


def test_plural_of_one_is_the_label_itself():
    assert plural("set of throws", 1) == "set of throws"
