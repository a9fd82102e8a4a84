"""What the widget tests share: the teacher's board over the test's own class store."""
import pytest

from tests.conftest import LABS


@pytest.fixture
def board(store):
    """The Smarties class board, refreshed by hand in these tests, not by the clock."""
    from widgets import ClassBoard

    board = ClassBoard.from_lab(LABS / "smarties.lab.yaml", store=store, every=3600)
    yield board
    board.close()
