"""Books to import into: the Smarties lab empty and counted, and a custom lab with "£" and "é" in its answers."""
import pytest

from tests.conftest import smarties_book
from classlab import SMARTIES, Categories, TallyBook
from classlab.datasets import tally_from

TUCK_SHOP = Categories([("café cookie", "#8c564b"), ("£1 bag", "#1f77b4"), ("apple", "#2ca02c")])


@pytest.fixture
def samples():
    """An empty Smarties lab, as a group starts it."""
    return smarties_book(category_label="colour", sample_label="tube")


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


@pytest.fixture
def page_end():
    """The page's end of a widget's wire: every message the kernel sends it, as download.js would get it.

    `page_end(widget)` gives the widget a real comm (the `comm` package's own base class) whose only
    difference from a kernel's is that published messages are kept in `.sent` instead of going out.
    """
    from comm.base_comm import BaseComm

    class Wire(BaseComm):
        def __init__(self, **kwargs):
            self.sent = []
            super().__init__(**kwargs)

        def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
            self.sent.append((msg_type, data, buffers))

    def attach(widget):
        widget.comm = Wire(target_name="jupyter.widget", data={})
        return widget.comm

    return attach
