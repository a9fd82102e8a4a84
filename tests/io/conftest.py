"""Books to import into: the Smarties lab empty and counted, and a custom lab with "£" and "é" in its answers."""
import pytest

from classlab import SMARTIES, Categories, TallyBook
from classlab.datasets import tally_from

TUCK_SHOP = Categories([("café cookie", "#8c564b"), ("£1 bag", "#1f77b4"), ("apple", "#2ca02c")])


@pytest.fixture
def tubes():
    """An empty Smarties lab, as a group starts it."""
    return TallyBook(SMARTIES, category_label="colour", sample_label="tube")


@pytest.fixture
def counted():
    """The class's 29 generated tubes."""
    return tally_from("smarties_29_tubes", SMARTIES, category_label="colour", sample_label="tube")


@pytest.fixture
def tuck_shop():
    """A class survey lab: what was bought at the tuck shop each day."""
    return TallyBook(TUCK_SHOP, category_label="answer", sample_label="day")


@pytest.fixture
def heard():
    """Record the changes a book passes on (what a class store would be sent)."""
    def listen(book):
        seen = []
        book.on_change(seen.append)
        return seen
    return listen
